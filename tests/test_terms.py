"""One standard Korean term per concept: the retired variants stay out of the Korean pages.

``book.glossary.RETIRED`` maps every non-standard form the book once used to the standard
term that replaced it. The Korean pages must not contain a retired form (the glossary page,
which lists them, excepted), the glossary page must list every one of them, and every term of
the glossary must link to a section that exists in both languages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from book.glossary import NEVER_WRITE, RETIRED, TERMS
from tests.conftest import DOCS

GLOSSARY_KO = DOCS / "glossary.ko.md"
KOREAN_PAGES = sorted(p for p in DOCS.rglob("*.ko.md") if p != GLOSSARY_KO)
HEADING_ID = re.compile(r"^#{1,6} .*\{\s*#([\w-]+)\s*\}", re.M)
TABLE_ROW = re.compile(r"^\| (.+?) \| (.+?) \|$", re.M)


def _occurrences(text: str, form: str) -> list[str]:
    """``line N: …`` for every line of ``text`` that contains ``form``."""
    return [
        f"line {number}: {line.strip()}"
        for number, line in enumerate(text.splitlines(), start=1)
        if form in line
    ]


@pytest.mark.parametrize("page", KOREAN_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_korean_pages_never_use_a_retired_form(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    found = {
        f"{form!r} (write {standard!r})": _occurrences(text, form)
        for form, standard in RETIRED.items()
        if form in text
    }
    assert not found, f"{page.name} uses retired forms: {found}"


def test_a_standard_term_is_never_itself_retired() -> None:
    for form, standard in RETIRED.items():
        assert form != standard
        assert not [other for other in RETIRED if other in standard], (form, standard)


def test_retired_forms_and_never_write_do_not_overlap() -> None:
    assert not set(RETIRED) & set(NEVER_WRITE)


def test_no_glossary_term_uses_a_retired_form() -> None:
    for term in TERMS:
        assert not [form for form in RETIRED if form in term.korean], term.english


def test_the_glossary_page_lists_every_retired_form() -> None:
    """Forms containing page syntax ($, {{) are checked on the pages but not tabled."""
    listed = dict(TABLE_ROW.findall(GLOSSARY_KO.read_text(encoding="utf-8")))
    expected = {k: v for k, v in RETIRED.items() if "$" not in k and "{{" not in k}
    for form, standard in expected.items():
        assert listed.get(form) == standard, (
            f"glossary.ko.md does not list {form!r} -> {standard!r}"
        )


def test_worked_example_and_training_example_have_different_terms() -> None:
    korean = {term.english: term.korean for term in TERMS}
    assert korean["worked example"] == "예제"
    assert "예제" not in korean["training example"]


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.english)
def test_every_term_links_to_a_section_in_both_languages(term: object) -> None:
    page, _, anchor = term.introduced.partition("#")  # type: ignore[attr-defined]
    english = DOCS / page
    korean = english.with_name(english.name.replace(".md", ".ko.md"))
    for path in (english, korean):
        assert path.is_file(), path
        assert anchor in HEADING_ID.findall(path.read_text(encoding="utf-8")), (path, anchor)


def test_figure_texts_never_use_a_retired_form() -> None:
    from book.figures import all_figures

    found = {
        spec.name: [form for form in RETIRED if form in spec.alt["ko"] + spec.caption["ko"]]
        for spec in all_figures()
    }
    assert not {name: forms for name, forms in found.items() if forms}
