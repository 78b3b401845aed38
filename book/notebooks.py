"""Generate each chapter's notebook from its page, and execute it once per change.

A notebook is not a third copy of a chapter's code: it is made from the page itself (its
prose, its display equations, the code files the page includes, its figures) in the page's
language. Facts are filled in, figures become a call to :func:`gdbook.figures.show`, and
admonitions become quoted Markdown. The notebook is then executed with nbclient, with
errors fatal, in parallel processes, and cached by a key over its code cells and every
gdbook source: an unchanged notebook is never executed twice, and a notebook whose prose
changed gets the outputs of its last execution without running again.
"""

from __future__ import annotations

import copy
import hashlib
import json
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CODE = ROOT / "book" / "code"
OUT = DOCS / "notebooks"

#: chapter number -> page path (relative to docs/, without the language suffix)
CHAPTERS: dict[int, str] = {
    1: "gd/derivatives",
    2: "gd/gd-1d",
    3: "gd/gd-nd",
    4: "gd/linear-regression",
    5: "sgd/sgd",
    6: "sgd/minibatch",
    7: "sgd/schedules",
    8: "sgd/frameworks",
}
LANGS = ("en", "ko")

INSTALL = {
    "en": (
        "**Before you run this notebook**, install the book's package, `gdbook` (it needs only "
        "numpy and matplotlib). From a clone of the book's repository:\n\n"
        "```sh\npip install .\n```\n\n"
        "Then run the cells from top to bottom. Every figure and number below is produced "
        "by the code in this notebook."
    ),
    "ko": (
        "**이 노트북을 실행하기 전에** 이 책의 패키지 `gdbook`을 설치한다(numpy와 matplotlib만 "
        "필요하다). 책 저장소를 클론한 폴더에서 다음을 실행한다.\n\n"
        "```sh\npip install .\n```\n\n"
        "그다음 셀을 위에서부터 차례로 실행한다. 아래의 그림과 숫자는 모두 이 노트북의 코드가 "
        "만든다."
    ),
}
EXPLORER_NOTE = {
    "en": "*The interactive explorer for this section is on the book's web page.*",
    "ko": "*이 절의 대화형 탐색기는 책의 웹 페이지에 있다.*",
}

EXEC_FENCE = re.compile(r'^([ \t]*)```python[^\n]*exec="on"[^\n]*\n(.*?)^\1```[ \t]*$', re.M | re.S)
INDENTED_SNIPPET = re.compile(r'^([ \t]*)--8<--\s+"([^"]+)"[ \t]*$', re.M)
SNIPPET = re.compile(r'^--8<--\s+"([^"]+)"\s*$', re.M)
FIGURE = re.compile(r'^\{\{\s*figure\(\s*"([\w.-]+)"\s*\)\s*\}\}\s*$', re.M)
EXPLORER = re.compile(r'^\{\{\s*explorer\(\s*"([\w.-]+)"\s*\)\s*\}\}\s*$', re.M)
FACT = re.compile(r"\{\{\s*(ch\d\d)\.(\w+)\s*\}\}")
HEADING_ID = re.compile(r"\s*\{\s*#[\w-]+[^}]*\}\s*$", re.M)
ADMONITION = re.compile(r'^(\?\?\?\+?|!!!)\s+\w+(?:\s+"([^"]*)")?\s*$')
TAB = re.compile(r'^===\s+"([^"]*)"\s*$')


@dataclass(frozen=True)
class Cell:
    """One cell: ``kind`` is ``"markdown"`` or ``"code"``."""

    kind: str
    source: str


def page_path(chapter: int, lang: str) -> Path:
    """Return the Markdown source of a chapter page in a language."""
    suffix = "" if lang == "en" else f".{lang}"
    return DOCS / f"{CHAPTERS[chapter]}{suffix}.md"


def notebook_name(chapter: int, lang: str) -> str:
    """Return the file name of a chapter's notebook, e.g. ``ch02.ko.ipynb``."""
    suffix = "" if lang == "en" else f".{lang}"
    return f"ch{chapter:02d}{suffix}.ipynb"


def _dedent_blocks(markdown: str) -> str:
    """Turn admonitions and content tabs into plain Markdown a notebook renders.

    An admonition's indented body becomes a quote under its bold title, a tab's body is
    dedented under its bold label. Indented lines outside them (inside a top-level fence)
    are kept. A chunk may begin inside a tab (prose after a code cell that sat in a tab),
    so indented lines at the start of a chunk are dedented too.
    """
    out: list[str] = []
    mode: str | None = "tab"
    for line in markdown.splitlines():
        admonition = ADMONITION.match(line)
        tab = TAB.match(line)
        if admonition:
            title = admonition.group(2) or ""
            out.append(f"> **{title}**" if title else ">")
            mode = "quote"
        elif tab:
            out.append(f"**{tab.group(1)}**")
            mode = "tab"
        elif not line.strip():
            out.append("")
        elif line.startswith("    ") and mode is not None:
            out.append(f"> {line[4:]}".rstrip() if mode == "quote" else line[4:])
        else:
            mode = None
            out.append(line)
    return "\n".join(out)


def _expand_snippets(text: str) -> str:
    """Replace ``--8<-- "file"`` lines of display-only fences with the file, indented alike."""
    return INDENTED_SNIPPET.sub(
        lambda m: "\n".join(
            (m.group(1) + line).rstrip()
            for line in (CODE / m.group(2)).read_text(encoding="utf-8").rstrip("\n").splitlines()
        ),
        text,
    )


def _fact(match: re.Match[str], facts: dict[str, dict[str, str]]) -> str:
    chapter, key = match.groups()
    try:
        return facts[chapter][key]
    except KeyError:
        raise KeyError(
            f"unknown fact {chapter}.{key}: no such key in book/facts/{chapter}.py"
        ) from None


def _markdown_cell(text: str, facts: dict[str, dict[str, str]]) -> Iterator[Cell]:
    text = FACT.sub(lambda m: _fact(m, facts), text)
    text = _expand_snippets(HEADING_ID.sub("", text))
    text = _dedent_blocks(text)
    # Relative links point into the site; in a notebook they would be dead.
    text = re.sub(r"\[([^\]]+)\]\((?!https?:)[^)]*\)", r"\1", text).strip()
    if text:
        yield Cell("markdown", text)


def page_cells(chapter: int, lang: str, facts: dict[str, dict[str, str]]) -> list[Cell]:
    """Split a chapter page into notebook cells, in page order."""
    markdown = page_path(chapter, lang).read_text(encoding="utf-8")
    cells: list[Cell] = [Cell("markdown", INSTALL[lang])]
    position = 0
    for match in EXEC_FENCE.finditer(markdown):
        cells.extend(_prose_cells(markdown[position : match.start()], lang, facts))
        indent = len(match.group(1))
        body = "\n".join(line[indent:] for line in match.group(2).splitlines())
        code = SNIPPET.sub(
            lambda m: (CODE / m.group(1)).read_text(encoding="utf-8").rstrip("\n"), body
        )
        cells.append(Cell("code", code.strip("\n")))
        position = match.end()
    cells.extend(_prose_cells(markdown[position:], lang, facts))
    # The page's title becomes the first cell, above the install note.
    if cells[1].kind == "markdown" and cells[1].source.startswith("# "):
        title, _, rest = cells[1].source.partition("\n")
        cells[0:2] = [Cell("markdown", title), cells[0]]
        if rest.strip():
            cells.insert(2, Cell("markdown", rest.strip()))
    return cells


def _prose_cells(text: str, lang: str, facts: dict[str, dict[str, str]]) -> Iterator[Cell]:
    position = 0
    pattern = re.compile(f"{FIGURE.pattern}|{EXPLORER.pattern}", re.M)
    for match in pattern.finditer(text):
        yield from _markdown_cell(text[position : match.start()], facts)
        figure = match.group(1)
        if figure:
            yield Cell("code", f'show("{figure}", lang="{lang}")')
        else:
            yield Cell("markdown", EXPLORER_NOTE[lang])
        position = match.end()
    yield from _markdown_cell(text[position:], facts)


def build_notebook(cells: list[Cell], lang: str) -> nbformat.NotebookNode:
    """Assemble cells into an nbformat 4 notebook with stable cell ids."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    if any(cell.kind == "code" and cell.source.startswith("show(") for cell in cells):
        first_code = next(i for i, cell in enumerate(cells) if cell.kind == "code")
        cells.insert(first_code, Cell("code", "from gdbook.figures import show"))
    for index, cell in enumerate(cells):
        make = nbformat.v4.new_code_cell if cell.kind == "code" else nbformat.v4.new_markdown_cell
        node = make(cell.source)
        node["id"] = f"{lang}-{index:03d}"
        nb.cells.append(node)
    return nb


def _gdbook_digest() -> bytes:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "gdbook").rglob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    # Page code reads the committed benchmark results (chapter 6).
    for path in sorted((ROOT / "benchmarks" / "results").glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.digest()


def code_key(nb: nbformat.NotebookNode, shared: bytes | None = None) -> str:
    """Hash what executing a notebook depends on: its code cells and every gdbook source.

    Markdown cells are left out, so editing a chapter's prose does not execute its notebook
    again: the outputs of the last execution are moved onto the new cells (see
    :func:`with_outputs_of`).
    """
    digest = hashlib.sha256(b"gdbook-notebook-2")
    digest.update(shared if shared is not None else _gdbook_digest())
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    digest.update(json.dumps(code).encode())
    return digest.hexdigest()[:20]


def with_outputs_of(
    nb: nbformat.NotebookNode, executed: nbformat.NotebookNode
) -> nbformat.NotebookNode:
    """Return ``nb`` with the outputs of ``executed``, a run of the same code cells."""
    ran = [cell for cell in executed.cells if cell.cell_type == "code"]
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    if [cell.source for cell in ran] != [cell.source for cell in code]:
        raise ValueError("executed: its code cells differ from the notebook's")
    result = copy.deepcopy(nb)
    result.metadata = copy.deepcopy(executed.metadata)  # the kernel's language_info
    for cell, old in zip((c for c in result.cells if c.cell_type == "code"), ran, strict=True):
        cell.outputs = old.outputs
        cell.execution_count = old.execution_count
    return result


def execute(nb: nbformat.NotebookNode, *, cwd: Path) -> nbformat.NotebookNode:
    """Run every cell; any error raises (``allow_errors`` is off)."""
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    for cell in nb.cells:  # execution metadata carries timestamps: drop them
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    return nb


def merge_streams(outputs: list[Any]) -> list[Any]:
    """Join consecutive stdout (or stderr) outputs into one.

    The kernel sends printed text in chunks whose boundaries depend on timing, so the same
    cell can give one stream output in one build and two in the next; merged, two builds
    give byte-identical notebooks.
    """
    merged: list[Any] = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and output.get("output_type") == "stream"
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def _execute_text(text: str) -> str:
    """Execute a notebook given as JSON text; return the executed notebook's JSON text."""
    nb = nbformat.reads(text, as_version=4)
    return nbformat.writes(execute(nb, cwd=ROOT)) + "\n"


def execute_many(texts: Sequence[str], *, jobs: int) -> list[str]:
    """Execute notebooks (JSON texts) in up to ``jobs`` processes; return them executed."""
    if jobs <= 1 or len(texts) <= 1:
        return [_execute_text(text) for text in texts]
    context = multiprocessing.get_context("spawn")  # workers import gdbook afresh
    with ProcessPoolExecutor(max_workers=min(jobs, len(texts)), mp_context=context) as pool:
        return list(pool.map(_execute_text, texts))


def generate_all(
    facts: dict[str, dict[str, str]],
    *,
    cache_dir: Path,
    out_dir: Path = OUT,
    log: Callable[[str], None] = print,
    jobs: int | None = None,
) -> list[Path]:
    """Write every chapter's executed notebook in both languages into ``out_dir``.

    A notebook whose code cells (and gdbook) are unchanged since an earlier execution gets
    that execution's outputs; the others are executed, ``jobs`` at a time (by default one
    per CPU). A file is rewritten only when its content changes.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    shared = _gdbook_digest()
    pending: dict[Path, nbformat.NotebookNode] = {}
    notebooks: dict[Path, tuple[nbformat.NotebookNode, Path]] = {}
    for chapter in CHAPTERS:
        for lang in LANGS:
            if not page_path(chapter, lang).is_file():
                continue
            nb = build_notebook(page_cells(chapter, lang, facts), lang)
            name = notebook_name(chapter, lang)
            cached = cache_dir / f"{name}.{code_key(nb, shared)}"
            notebooks[out_dir / name] = (nb, cached)
            if not cached.is_file():
                pending[cached] = nb
    if pending:
        start = time.perf_counter()
        texts = execute_many(
            [nbformat.writes(nb) for nb in pending.values()], jobs=jobs or os.cpu_count() or 1
        )
        for cached, text in zip(pending, texts, strict=True):
            cached.write_text(text, encoding="utf-8")
        log(
            f"executed {len(pending)} notebooks in {time.perf_counter() - start:.1f} s: "
            + ", ".join(path.name.rsplit(".", 1)[0] for path in pending)
        )
    written: list[Path] = []
    for target, (nb, cached) in notebooks.items():
        executed = nbformat.reads(cached.read_text(encoding="utf-8"), as_version=4)
        text = nbformat.writes(with_outputs_of(nb, executed)) + "\n"
        # Write only on change, so `mkdocs serve` does not see a new file and rebuild.
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        written.append(target)
    if len(pending) < len(notebooks):
        log(f"notebooks: {len(notebooks) - len(pending)} of {len(notebooks)} from the cache")
    return written


def generate_for_build(log: Callable[[str], None] = print) -> list[Path]:
    """:func:`generate_all` with the book's facts and cache, as the build runs it."""
    from book import facts_loader

    return generate_all(
        facts_loader.load_facts(), cache_dir=facts_loader.cache_dir() / "notebooks", log=log
    )
