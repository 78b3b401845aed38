"""Notebooks are the pages with the build's outputs, and run with only the gdbook wheel."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import venv
from collections.abc import Sequence
from pathlib import Path

import nbformat
import pytest

from book import build, notebooks, pagecode, syntax
from book.chapters import CHAPTERS, Chapter

ROOT = Path(__file__).resolve().parents[2]
IDS = [c.name for c in CHAPTERS]


@pytest.fixture(scope="module")
def sources() -> notebooks.Sources:
    """What the build hands the notebooks (from the cache after `make build`)."""
    artefacts = build.prepare(log=lambda line: None)
    runs = pagecode.PageRuns()

    def outputs(page: str, blocks: Sequence[object]) -> list[str]:
        return runs.outputs(page, blocks)  # type: ignore[arg-type]

    return notebooks.Sources(artefacts.facts, artefacts.figures, artefacts.figure_files, outputs)


def page_blocks(chapter: Chapter, lang: str) -> list[syntax.Block]:
    text = (notebooks.DOCS / chapter.page_file(lang)).read_text(encoding="utf-8")
    return syntax.find_blocks(text)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
@pytest.mark.parametrize("lang", notebooks.LANGS)
def test_a_notebook_is_its_page_with_the_builds_outputs(
    chapter: Chapter, lang: str, sources: notebooks.Sources
) -> None:
    nb = notebooks.build_notebook(notebooks.page_cells(chapter, lang, sources), lang)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    blocks = page_blocks(chapter, lang)
    assert [cell.source for cell in code] == [b.code.strip("\n") for b in blocks]
    printed = sources.outputs(chapter.page_file(lang), blocks)
    for cell, output in zip(code, printed, strict=True):
        assert "".join(o["text"] for o in cell.outputs) == output
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    assert nb.cells[0].source.startswith("# "), "the title comes first"
    assert "pip install" in nb.cells[1].source, "the install note comes second"
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "{{" not in markdown and "--8<--" not in markdown and "\0" not in markdown
    assert "description:" not in markdown, "the page's front matter is the site's"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_figures_are_attached_pngs_with_alt_text_and_caption(
    chapter: Chapter, sources: notebooks.Sources
) -> None:
    for lang in notebooks.LANGS:
        page = (notebooks.DOCS / chapter.page_file(lang)).read_text(encoding="utf-8")
        names = [m.name for m in syntax.find_macros(page) if m.kind == "figure"]
        nb = notebooks.build_notebook(notebooks.page_cells(chapter, lang, sources), lang)
        attached = [c for c in nb.cells if c.cell_type == "markdown" and c.get("attachments")]
        assert len(attached) == len(names)
        for cell, name in zip(attached, names, strict=True):
            entry = sources.figures[name]
            [(file, data)] = cell["attachments"].items()
            assert file == entry["files"][lang]["png"]
            assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
            assert f"](attachment:{file})" in cell.source
            assert entry["caption"][lang] in cell.source


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_both_languages_run_the_same_code(chapter: Chapter) -> None:
    en, ko = (page_blocks(chapter, lang) for lang in notebooks.LANGS)
    assert [b.code for b in en] == [b.code for b in ko]


def test_generate_writes_only_what_changed(tmp_path: Path, sources: notebooks.Sources) -> None:
    lines: list[str] = []
    first = notebooks.generate(sources, out_dir=tmp_path, log=lines.append)
    assert len(first) == 2 * len(CHAPTERS) and lines == [
        f"notebooks: {len(first)} of {len(first)} written"
    ]
    stamps = {path: path.stat().st_mtime_ns for path in first}
    lines.clear()
    notebooks.generate(sources, out_dir=tmp_path, log=lines.append)
    assert lines == [f"notebooks: 0 of {len(first)} written"]
    assert {path: path.stat().st_mtime_ns for path in first} == stamps
    for path in first:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert " at 0x" not in json.dumps(nb.cells), f"{path.name} prints a memory address"


@pytest.mark.slow
def test_every_notebook_runs_with_only_the_gdbook_wheel(tmp_path: Path) -> None:
    """A fresh virtual environment outside the repository, with only the gdbook wheel built
    from the repository and a Jupyter kernel, runs every notebook top to bottom; each cell
    prints what the book shows, except where the code reads the repository's benchmark
    results (which a downloaded notebook does not have, and says so)."""
    from nbclient import NotebookClient

    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("gdbook-*.whl")
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
        [python, "-m", "pip", "install", "--quiet", str(wheel), *pins],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [python, "-m", "ipykernel", "install", "--prefix", str(env_dir), "--name", "reader"],
        check=True,
        capture_output=True,
    )
    found = subprocess.run(
        [python, "-c", "import gdbook, sys; print(gdbook.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout
    assert str(env_dir) in found and str(ROOT) not in found

    os.environ["JUPYTER_PATH"] = str(env_dir / "share" / "jupyter")
    work = tmp_path / "reader-folder"  # not the repository
    work.mkdir()
    try:
        for path in sorted((ROOT / "docs" / "notebooks").glob("*.ipynb")):
            built = nbformat.read(path, as_version=4)
            nb = nbformat.read(path, as_version=4)
            nb.metadata["kernelspec"]["name"] = "reader"
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs = []
            NotebookClient(
                nb,
                kernel_name="reader",
                allow_errors=False,
                timeout=600,
                resources={"metadata": {"path": str(work)}},
            ).execute()
            for ran, shown in zip(nb.cells, built.cells, strict=True):
                if ran.cell_type != "code" or "benchmarks" in ran.source:
                    continue
                text = "".join(
                    o.get("text", "") for o in ran.outputs if o["output_type"] == "stream"
                )
                expected = "".join(o.get("text", "") for o in shown.outputs)
                assert text == expected, f"{path.name}: a cell printed otherwise than the book"
    finally:
        os.environ.pop("JUPYTER_PATH", None)
