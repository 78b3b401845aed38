"""The Run buttons' in-browser Python: every page-code block runs in the site's own Pyodide
(under Node.js, with the driver the page uses) and prints what the build printed.

Differences allowed, and why. Pyodide's numpy is built for wasm32 with a reference BLAS and
emscripten's libm, so a sum or a ``cosh`` can round differently from CPython's OpenBLAS build,
in the last bit (about 1e-16 relative). That shows only where the book prints rounding error
itself: a finite-difference check's relative error (1e-10 against 4e-11), a residual at machine
precision (3e-13 against 1e-12), a value printed to 17 digits, a difference of 1e-14 against 0.
So the text must be identical, and each printed number must equal the build's or differ from
it by at most 1e-8 of its size (:data:`TOLERANCE`): far below any digit the prose relies on,
far above rounding error. Every block must run without error.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from book import pagecode, runtime, syntax
from book.math import node_executable
from tests.conftest import DOCS, ROOT, english_pages

RUNNER = ROOT / "tests" / "site" / "run_pyodide.js"
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
TOLERANCE = 1e-8


def same_printed_output(expected: str, actual: str) -> bool:
    """Whether ``actual`` prints the same text and the same numbers up to :data:`TOLERANCE`.

    Examples
    --------
    >>> same_printed_output("error 1.3e-10 passed", "error 4.1e-11 passed")
    True
    >>> same_printed_output("x = 2.50", "x = 2.51")
    False
    >>> same_printed_output("passed: True", "passed: False")
    False
    """
    if expected == actual:
        return True
    if NUMBER.split(expected) != NUMBER.split(actual):
        return False
    pairs = zip(NUMBER.findall(expected), NUMBER.findall(actual), strict=True)
    for a, b in pairs:
        x, y = float(a), float(b)
        if a != b and abs(x - y) > TOLERANCE * max(1.0, abs(x), abs(y)):
            return False
    return True


def page_blocks() -> dict[str, list[syntax.Block]]:
    pages = {}
    for path in english_pages():
        blocks = syntax.find_blocks(path.read_text(encoding="utf-8"))
        if blocks:
            pages[path.relative_to(DOCS).as_posix()] = blocks
    return pages


@pytest.mark.xdist_group("pyodide")
def test_every_block_prints_under_pyodide_what_the_build_printed(site: Path) -> None:
    assert (site / runtime.SITE_FOLDER / "driver.py").is_file(), "the build shipped no runtime"
    pages = page_blocks()
    request = {
        page: [
            [block.session, f"<{page}, block {number}>", block.code]
            for number, block in enumerate(blocks, start=1)
        ]
        for page, blocks in pages.items()
    }
    run = subprocess.run(
        [node_executable(), str(RUNNER), str(site)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(run.stdout)
    build = pagecode.PageRuns()
    problems, identical, total = [], 0, 0
    for page, blocks in pages.items():
        expected = build.outputs(page, blocks)
        for number, (want, got) in enumerate(zip(expected, results[page], strict=True), 1):
            total += 1
            where = f"{page} block {number} ({', '.join(blocks[number - 1].files)})"
            if got.get("error"):
                problems.append(f"{where} raised under Pyodide:\n{got['error']}")
            elif not same_printed_output(want, got["output"]):
                problems.append(f"{where} printed\n{got['output']}\nthe build printed\n{want}")
            else:
                identical += want == got["output"]
    assert not problems, "\n\n".join(problems)
    # Rounding shows in a handful of blocks only; most print exactly the same bytes.
    assert identical >= 0.8 * total, f"only {identical} of {total} outputs are identical"
