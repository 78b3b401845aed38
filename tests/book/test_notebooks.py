"""Notebooks are made from the pages, fail on a failing cell, and run after `pip install`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from nbclient.exceptions import CellExecutionError

from book import facts_loader, notebooks

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted(notebooks.CHAPTERS)


@pytest.fixture(scope="module")
def facts() -> dict[str, dict[str, str]]:
    return facts_loader.load_facts()


def code_files_in_page(chapter: int, lang: str) -> list[str]:
    text = notebooks.page_path(chapter, lang).read_text(encoding="utf-8")
    return [
        (notebooks.CODE / name).read_text(encoding="utf-8").strip("\n")
        for _, block in notebooks.EXEC_FENCE.findall(text)
        for name in notebooks.SNIPPET.findall("\n".join(x.strip() for x in block.splitlines()))
    ]


@pytest.mark.parametrize("chapter", CHAPTERS)
@pytest.mark.parametrize("lang", notebooks.LANGS)
def test_notebook_holds_the_page_code_in_order(
    chapter: int, lang: str, facts: dict[str, dict[str, str]]
) -> None:
    nb = notebooks.build_notebook(notebooks.page_cells(chapter, lang, facts), lang)
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    position = 0
    for source in code_files_in_page(chapter, lang):
        found = code.find(source, position)
        assert found >= 0, f"chapter {chapter} ({lang}): page code missing or out of order"
        position = found + len(source)
    assert nb.cells[0].source.startswith("# "), "the title comes first"
    assert "pip install" in nb.cells[1].source, "the install note comes second"
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "{{" not in markdown and "--8<--" not in markdown


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_both_languages_run_the_same_code(chapter: int, facts: dict[str, dict[str, str]]) -> None:
    def code(lang: str) -> list[str]:
        nb = notebooks.build_notebook(notebooks.page_cells(chapter, lang, facts), lang)
        return [re.sub(r'lang="\w+"', "", c.source) for c in nb.cells if c.cell_type == "code"]

    assert code("en") == code("ko")


def test_a_failing_cell_fails_the_execution() -> None:
    nb = notebooks.build_notebook(
        [notebooks.Cell("code", "x = 1"), notebooks.Cell("code", "raise ValueError('boom')")], "en"
    )
    with pytest.raises(CellExecutionError, match="boom"):
        notebooks.execute(nb, cwd=ROOT)


def test_generated_notebooks_are_executed_and_deterministic(
    tmp_path: Path, facts: dict[str, dict[str, str]]
) -> None:
    cache = facts_loader.cache_dir() / "notebooks"
    first = notebooks.generate_all(
        facts, cache_dir=cache, out_dir=tmp_path / "a", log=lambda m: None
    )
    assert len(first) == 2 * len(CHAPTERS)
    for path in first:
        nb = json.loads(path.read_text(encoding="utf-8"))
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
        assert outputs, f"{path.name} has no outputs"
        assert not [o for o in outputs if o["output_type"] == "error"]
        # A memory address in an output would make two builds differ.
        assert " at 0x" not in json.dumps(outputs), f"{path.name} prints a memory address"


def test_a_prose_edit_reuses_the_last_execution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing prose changes no code cell: the notebook gets its outputs without running."""
    cells = [notebooks.Cell("markdown", "# Title"), notebooks.Cell("code", "print(6 * 7)")]
    nb = notebooks.build_notebook(list(cells), "en")
    edited = notebooks.build_notebook([notebooks.Cell("markdown", "# New title"), cells[1]], "en")
    assert notebooks.code_key(nb) == notebooks.code_key(edited)
    other = notebooks.build_notebook([cells[0], notebooks.Cell("code", "print(6 * 8)")], "en")
    assert notebooks.code_key(nb) != notebooks.code_key(other)

    executed = notebooks.execute(nb, cwd=ROOT)
    moved = notebooks.with_outputs_of(edited, executed)
    assert moved.cells[0].source == "# New title"
    assert moved.cells[1].outputs[0]["text"] == "42\n"
    assert moved.metadata["language_info"]["name"] == "python"
    with pytest.raises(ValueError, match="code cells differ"):
        notebooks.with_outputs_of(other, executed)


def test_generate_all_executes_only_changed_code(
    tmp_path: Path, facts: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = facts_loader.cache_dir() / "notebooks"
    notebooks.generate_all(facts, cache_dir=cache, out_dir=tmp_path, log=lambda m: None)

    def refuse(texts: object, **kwargs: object) -> list[str]:
        raise AssertionError("nothing should be executed: every code cell is unchanged")

    monkeypatch.setattr(notebooks, "execute_many", refuse)
    page = notebooks.page_cells(2, "en", facts)
    edited = [
        notebooks.Cell(c.kind, c.source + " Edited.") if c.kind == "markdown" else c for c in page
    ]
    original = notebooks.page_cells
    monkeypatch.setattr(
        notebooks,
        "page_cells",
        lambda chapter, lang, f: (
            edited if (chapter, lang) == (2, "en") else original(chapter, lang, f)
        ),
    )
    notebooks.generate_all(facts, cache_dir=cache, out_dir=tmp_path / "edited", log=lambda m: None)
    nb = json.loads((tmp_path / "edited" / "ch02.ipynb").read_text(encoding="utf-8"))
    source = ["".join(cell["source"]) for cell in nb["cells"]]
    assert source[0].endswith(" Edited.")
    printing = [
        cell
        for cell, text in zip(nb["cells"], source, strict=True)
        if cell["cell_type"] == "code" and "print(" in text
    ]
    assert printing and all(cell["outputs"] for cell in printing)


@pytest.mark.slow
def test_a_downloaded_notebook_runs_after_pip_install_only(
    tmp_path: Path, facts: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh virtualenv with only `pip install <repo>` (+ a kernel) runs a chapter's notebook."""
    env_dir = tmp_path / "reader"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    lock = {
        line.split("==")[0].lower(): line
        for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines()
        if "==" in line
    }
    pins = [lock[name] for name in ("numpy", "matplotlib", "ipykernel") if name in lock]
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", str(ROOT), *pins],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [python, "-m", "ipykernel", "install", "--prefix", str(env_dir), "--name", "reader"],
        check=True,
        capture_output=True,
    )
    nb = notebooks.build_notebook(notebooks.page_cells(5, "ko", facts), "ko")
    nb.metadata["kernelspec"]["name"] = "reader"
    from nbclient import NotebookClient

    # Only the reader's environment provides the kernel "reader".
    monkeypatch.setenv("JUPYTER_PATH", str(env_dir / "share" / "jupyter"))
    client = NotebookClient(
        nb,
        kernel_name="reader",
        allow_errors=False,
        timeout=600,
        resources={"metadata": {"path": str(tmp_path)}},  # not the repository
    )
    client.execute()
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert sys.executable != str(python)


def test_printed_chunks_are_merged_into_one_stream() -> None:
    """Chunk boundaries depend on timing; merging them keeps two builds identical."""
    nb = notebooks.build_notebook(
        [
            notebooks.Cell(
                "code",
                "import sys, time\nprint('a')\nsys.stdout.flush()\ntime.sleep(0.2)\nprint('b')",
            )
        ],
        "en",
    )
    outputs = notebooks.execute(nb, cwd=ROOT).cells[0].outputs
    assert len(outputs) == 1 and outputs[0]["text"] == "a\nb\n"
