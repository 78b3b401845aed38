"""Each chapter's notebook, made from its page and from the run that made the page.

A notebook is not a third copy of a chapter: it is the page itself in the page's language
(its prose, its display equations, the code files the page includes and runs, its figures),
split into cells. Facts are filled in, admonitions and tabs become plain Markdown, and

- each code cell carries the output its block printed when the page was built: the chapter's
  code runs once per change, for both languages' pages and notebooks (:mod:`book.pagecode`);
- each figure is the PNG drawn with the page's figures (:mod:`book.build`), attached to a
  Markdown cell with its alt text and caption;
- an explorer becomes a note pointing to the web page.

Nothing is executed to build a notebook. The code cells need only the ``gdbook`` package:
``tests/book/test_notebooks.py`` runs every notebook, top to bottom, in a fresh virtual
environment that has only the gdbook wheel and a Jupyter kernel.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from mkdocs.utils.meta import get_data

from book.chapters import CHAPTERS, Chapter
from book.syntax import INCLUDE_ROOT, Macro, expand_includes, expand_macros, find_blocks

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUT = DOCS / "notebooks"
LANGS = ("en", "ko")

INSTALL = {
    "en": (
        "**Before you run this notebook**, install the book's package, `gdbook` (it needs only "
        "numpy and matplotlib). From a clone of the book's repository:\n\n"
        "```sh\npip install .\n```\n\n"
        "Then run the cells from top to bottom. Every number below is printed by the code in "
        "this notebook; the figures were drawn when the book was built."
    ),
    "ko": (
        "**이 노트북을 실행하기 전에** 이 책의 패키지 `gdbook`을 설치한다(numpy와 matplotlib만 "
        "필요하다). 책 저장소를 클론한 폴더에서 다음을 실행한다.\n\n"
        "```sh\npip install .\n```\n\n"
        "그다음 셀을 위에서부터 차례로 실행한다. 아래의 숫자는 모두 이 노트북의 코드가 출력한다. "
        "그림은 책을 빌드할 때 그린 것이다."
    ),
}
EXPLORER_NOTE = {
    "en": "*The interactive explorer for this section is on the book's web page.*",
    "ko": "*이 절의 대화형 탐색기는 책의 웹 페이지에 있다.*",
}

HEADING_ID = re.compile(r"\s*\{\s*#[\w-]+[^}]*\}\s*$", re.M)
ADMONITION = re.compile(r'^(\?\?\?\+?|!!!)\s+\w+(?:\s+"([^"]*)")?\s*$')
TAB = re.compile(r'^===\s+"([^"]*)"\s*$')
SITE_LINK = re.compile(r"\[([^\]]+)\]\((?!https?:)[^)]*\)")


@dataclass(frozen=True)
class Cell:
    """One cell: ``kind`` is ``"markdown"`` or ``"code"``.

    A code cell has the ``output`` its code printed at build time; a Markdown cell may
    carry ``attachments`` (file name to PNG bytes) that its text shows.
    """

    kind: str
    source: str
    output: str = ""
    attachments: Mapping[str, bytes] = field(default_factory=dict)


def notebook_name(chapter: Chapter, lang: str) -> str:
    """Return the file name of a chapter's notebook, e.g. ``ch02.ko.ipynb``."""
    suffix = "" if lang == "en" else f".{lang}"
    return f"{chapter.name}{suffix}.ipynb"


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


@dataclass(frozen=True)
class Sources:
    """What a notebook is made of besides its page.

    Attributes
    ----------
    facts : dict
        ``facts[chapter][key]``.
    figures : dict
        ``figures[name]``: files, alt texts and captions (see :mod:`book.build`).
    figure_files : dict
        File name to bytes (the PNGs are used).
    outputs : callable
        ``outputs(page, blocks) -> list of str``: what each block printed at build time.
    """

    facts: Mapping[str, Mapping[str, str]]
    figures: Mapping[str, Mapping[str, object]]
    figure_files: Mapping[str, bytes]
    outputs: Callable[[str, Sequence[object]], list[str]]


def _figure_cell(name: str, lang: str, sources: Sources) -> Cell:
    entry = sources.figures[name]
    files = entry["files"][lang]  # type: ignore[index]
    alt = str(entry["alt"][lang]).replace("]", ")")  # type: ignore[index]
    caption = str(entry["caption"][lang])  # type: ignore[index]
    png = str(files["png"])
    text = f"![{alt}](attachment:{png})\n\n*{caption}*"
    return Cell("markdown", text, attachments={png: sources.figure_files[png]})


def _prose_cells(text: str, lang: str, sources: Sources) -> Iterator[Cell]:
    chunk: list[str] = []

    def flush() -> Iterator[Cell]:
        body = _dedent_blocks(expand_includes(HEADING_ID.sub("", "".join(chunk))))
        # Relative links point into the site; in a notebook they would be dead.
        body = SITE_LINK.sub(r"\1", body).strip()
        chunk.clear()
        if body:
            yield Cell("markdown", body)

    def replace(macro: Macro) -> str:
        if macro.kind == "fact":
            return sources.facts[macro.chapter][macro.key]
        # A figure or an explorer ends the Markdown cell; the marker is split on below.
        return f"\0{macro.kind}\0{macro.name}\0"

    for piece in re.split(r"(\0\w+\0[\w.-]+\0)", expand_macros(text, replace)):
        marker = re.fullmatch(r"\0(\w+)\0([\w.-]+)\0", piece)
        if marker is None:
            chunk.append(piece)
            continue
        yield from flush()
        if marker.group(1) == "figure":
            yield _figure_cell(marker.group(2), lang, sources)
        else:
            yield Cell("markdown", EXPLORER_NOTE[lang])
    yield from flush()


def page_cells(chapter: Chapter, lang: str, sources: Sources) -> list[Cell]:
    """Split a chapter page into notebook cells, in page order, with the build's outputs."""
    page = chapter.page_file(lang)
    # The front matter (the page's description) is the site's, not the notebook's.
    markdown, _ = get_data((DOCS / page).read_text(encoding="utf-8"))
    blocks = find_blocks(markdown)
    outputs = sources.outputs(page, blocks) if blocks else []
    cells: list[Cell] = [Cell("markdown", INSTALL[lang])]
    position = 0
    for block, output in zip(blocks, outputs, strict=True):
        cells.extend(_prose_cells(markdown[position : block.start], lang, sources))
        cells.append(Cell("code", block.code.strip("\n"), output=output))
        position = block.end
    cells.extend(_prose_cells(markdown[position:], lang, sources))
    # The page's title becomes the first cell, above the install note.
    if cells[1].kind == "markdown" and cells[1].source.startswith("# "):
        title, _, rest = cells[1].source.partition("\n")
        cells[0:2] = [Cell("markdown", title), cells[0]]
        if rest.strip():
            cells.insert(2, Cell("markdown", rest.strip()))
    return cells


def build_notebook(cells: Sequence[Cell], lang: str) -> nbformat.NotebookNode:
    """Assemble cells into an nbformat 4 notebook with stable cell ids and outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    count = 0
    for index, cell in enumerate(cells):
        if cell.kind == "code":
            count += 1
            outputs = (
                [nbformat.v4.new_output("stream", name="stdout", text=cell.output)]
                if cell.output
                else []
            )
            node = nbformat.v4.new_code_cell(cell.source, execution_count=count, outputs=outputs)
        else:
            node = nbformat.v4.new_markdown_cell(cell.source)
            if cell.attachments:
                node["attachments"] = {
                    name: {"image/png": base64.b64encode(data).decode("ascii")}
                    for name, data in sorted(cell.attachments.items())
                }
        node["id"] = f"{lang}-{index:03d}"
        nb.cells.append(node)
    nbformat.validate(nb)
    return nb


def generate(
    sources: Sources, *, out_dir: Path = OUT, log: Callable[[str], object] = print
) -> list[Path]:
    """Write every chapter's notebook in both languages into ``out_dir``.

    A file is rewritten only when its content changes, so ``mkdocs serve`` sees no new file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written, changed = [], 0
    for chapter in CHAPTERS:
        for lang in LANGS:
            if not (DOCS / chapter.page_file(lang)).is_file():
                continue
            nb = build_notebook(page_cells(chapter, lang, sources), lang)
            text = nbformat.writes(nb) + "\n"
            target = out_dir / notebook_name(chapter, lang)
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
                changed += 1
            written.append(target)
    log(f"notebooks: {changed} of {len(written)} written")
    return written


__all__ = [
    "EXPLORER_NOTE",
    "INCLUDE_ROOT",
    "INSTALL",
    "LANGS",
    "OUT",
    "Cell",
    "Sources",
    "build_notebook",
    "generate",
    "notebook_name",
    "page_cells",
]
