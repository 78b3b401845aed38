"""The Run buttons' driver (book/rundriver.py) on CPython: it runs blocks as the build does."""

from __future__ import annotations

import base64
import io

import matplotlib as mpl
from PIL import Image

from book import pagecode, rundriver, syntax
from gdbook.plotting import PALETTES
from tests.conftest import DOCS


def test_a_page_prints_what_the_build_prints() -> None:
    blocks = syntax.find_blocks((DOCS / "gd" / "gd-1d.md").read_text(encoding="utf-8"))
    named = [(b.session, f"<block {i}>", b.code) for i, b in enumerate(blocks, 1)]
    rundriver.reset()
    results = [rundriver.run_block(*block) for block in named]
    assert [r["error"] for r in results] == [None] * len(blocks)
    assert [r["output"] for r in results] == pagecode.run_blocks(named)


def test_output_is_echoed_as_it_is_printed() -> None:
    seen: list[str] = []
    rundriver.reset()
    result = rundriver.run_block("s", "<a>", "print(1)\nprint(2)", echo=seen.append)
    assert "".join(seen) == result["output"] == "1\n2\n"


def test_sessions_are_separate_and_reset_forgets_them() -> None:
    rundriver.reset()
    rundriver.run_block("a", "<1>", "x = 1")
    assert "NameError" in rundriver.run_block("b", "<2>", "print(x)")["error"]
    rundriver.reset()
    assert "NameError" in rundriver.run_block("a", "<3>", "print(x)")["error"]


def test_a_traceback_starts_in_the_block_and_shows_its_line() -> None:
    rundriver.reset()
    error = rundriver.run_block("s", "<example 4>", "a = 1\nb = a / 0")["error"]
    assert error.startswith('Traceback (most recent call last):\n  File "<example 4>", line 2')
    assert "b = a / 0" in error and error.rstrip().endswith("ZeroDivisionError: division by zero")
    assert "rundriver" not in error


def test_figures_come_back_in_the_palette_and_rc_params_are_restored() -> None:
    before = dict(mpl.rcParams)
    for theme in ("light", "dark"):
        rundriver.reset()
        code = "import matplotlib.pyplot as plt\nplt.plot([0, 1], [1, 0])"
        figures = rundriver.run_block("s", "<f>", code, theme)["figures"]
        assert len(figures) == 1
        image = Image.open(io.BytesIO(base64.b64decode(figures[0]))).convert("RGB")
        assert "#{:02x}{:02x}{:02x}".format(*image.getpixel((1, 1))) == PALETTES[theme].background
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == []
    assert dict(mpl.rcParams) == before
