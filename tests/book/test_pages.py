"""Every code block of every page runs, in both languages, and every fact is quoted."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from book import build, syntax
from book.chapters import CHAPTERS
from tests.conftest import DOCS, english_pages, korean_twin

PAGES = [p for page in english_pages() for p in (page, korean_twin(page)) if p.exists()]


def code_blocks(page: Path) -> list[tuple[str, str]]:
    """(session, code) for every executed block of a page, in order."""
    return [(b.session, b.code) for b in syntax.find_blocks(page.read_text(encoding="utf-8"))]


def all_facts() -> dict[str, dict[str, str]]:
    return {chapter.name: build.compute_facts(chapter) for chapter in CHAPTERS}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_code_block_runs(page: Path) -> None:
    sessions: dict[str, dict[str, object]] = {}
    for number, (session, code) in enumerate(code_blocks(page), start=1):
        namespace = sessions.setdefault(session or f"block{number}", {"__name__": "__main__"})
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            exec(compile(code, f"{page.name}:block{number}", "exec"), namespace)
        assert output.getvalue().strip(), f"block {number} of {page.name} prints nothing"


def test_every_fact_is_quoted_on_both_pages() -> None:
    facts = all_facts()
    used: dict[str, set[tuple[str, str]]] = {}
    for page in PAGES:
        lang = "ko" if page.name.endswith(".ko.md") else "en"
        macros = syntax.find_macros(page.read_text(encoding="utf-8"))
        used.setdefault(lang, set()).update((m.chapter, m.key) for m in macros if m.kind == "fact")
    for chapter, values in facts.items():
        for key in values:
            for lang in ("en", "ko"):
                assert (chapter, key) in used[lang], (
                    f"{chapter}.{key} is unused on the {lang} pages"
                )


def test_facts_are_formatted_strings() -> None:
    for chapter, values in all_facts().items():
        for key, value in values.items():
            assert value and value == value.strip(), f"{chapter}.{key} = {value!r}"
