"""English and Korean pages are twins: same ids, equations, code, figures and facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from book import syntax
from book.glossary import NEVER_WRITE
from tests.conftest import DOCS, english_pages, korean_twin

PAGES = english_pages()
IDS = {p: p.relative_to(DOCS).as_posix() for p in PAGES}

HEADING_ID = re.compile(r"^#{1,6} .*\{\s*#([\w-]+)", re.M)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$")
INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"', re.M)
FENCE_INFO = re.compile(r"^\s*```python(.*)$", re.M)
MACRO = re.compile(
    r"\{\{\s*((?:figure|explorer)\(\"[\w.-]+\"\)|ch\d\d\.\w+|(?:glossary|notation)_table\(\))\s*\}\}"
)
CODE_FENCE = re.compile(r"^\s*```.*?^\s*```", re.M | re.S)


def read(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def without_code(text: str) -> str:
    return CODE_FENCE.sub("", text)


def all_pages() -> list[Path]:
    return [*PAGES, *(korean_twin(p) for p in PAGES if korean_twin(p).exists())]


@pytest.mark.parametrize("page", PAGES, ids=IDS.get)
def test_every_english_page_has_a_korean_twin(page: Path) -> None:
    assert korean_twin(page).is_file()


def test_every_korean_page_has_an_english_twin() -> None:
    for page in DOCS.rglob("*.ko.md"):
        assert page.with_name(page.name.replace(".ko.md", ".md")).is_file(), page


@pytest.mark.parametrize("page", PAGES, ids=IDS.get)
@pytest.mark.parametrize(
    "pattern",
    [HEADING_ID, DISPLAY_MATH, INCLUDE, FENCE_INFO, MACRO],
    ids=["heading-ids", "display-math", "code-includes", "code-fences", "figures-and-facts"],
)
def test_twins_share_structure(page: Path, pattern: re.Pattern[str]) -> None:
    english = [m.strip() for m in pattern.findall(read(page))]
    korean = [m.strip() for m in pattern.findall(read(korean_twin(page)))]
    if pattern is MACRO:  # facts may be quoted in a different order in natural Korean
        english, korean = sorted(set(english)), sorted(set(korean))
    assert english == korean


@pytest.mark.parametrize("page", PAGES, ids=IDS.get)
def test_twins_run_the_same_code(page: Path) -> None:
    """Every executed block, included from a file or written in the page, is the same code
    in both languages, so both show the same outputs (the build runs it once)."""
    english = [(b.session, b.code) for b in syntax.find_blocks(read(page))]
    korean = [(b.session, b.code) for b in syntax.find_blocks(read(korean_twin(page)))]
    assert english == korean


@pytest.mark.parametrize("page", all_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_latex_is_intact(page: Path) -> None:
    text = without_code(read(page))
    assert text.count("$$") % 2 == 0, "unbalanced $$"
    for math in [*DISPLAY_MATH.findall(text), *INLINE_MATH.findall(DISPLAY_MATH.sub("", text))]:
        assert not re.search(r"(?<!\\)\\ [A-Za-z]", math), f"space after a backslash in: {math}"
        assert math.count("{") == math.count("}"), f"unbalanced braces in: {math}"
        lefts = len(re.findall(r"\\left(?![a-zA-Z])", math))
        rights = len(re.findall(r"\\right(?![a-zA-Z])", math))
        assert lefts == rights, f"\\left without \\right: {math}"


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.ko.md")), ids=lambda p: p.name)
def test_korean_never_uses_the_forbidden_terms(page: Path) -> None:
    text = read(page)
    found = [term for term in NEVER_WRITE if term in text]
    assert not found, f"{page.name} uses {found}"


def test_korean_pages_keep_one_register() -> None:
    """The book writes the -다 style; polite -습니다/-세요 endings would mix registers."""
    for page in DOCS.rglob("*.ko.md"):
        prose = without_code(read(page))
        polite = re.findall(r"[가-힣]+(?:습니다|세요|까요)[.?!]", prose)
        assert not polite, f"{page.name}: {polite[:5]}"


def test_figure_texts_never_use_the_forbidden_terms() -> None:
    from book.figures import all_figures

    for spec in all_figures():
        for text in (spec.alt["ko"], spec.caption["ko"]):
            assert not [t for t in NEVER_WRITE if t in text], spec.name


def _nav_paths(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [p for value in node.values() for p in _nav_paths(value)]
    if isinstance(node, list):
        return [p for item in node for p in _nav_paths(item)]
    return []


def test_every_nav_entry_exists_in_both_languages() -> None:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for path in _nav_paths(config["nav"]):
        if path.startswith("notebooks/"):
            continue  # generated at build time; tests/site checks the rendered pages
        page = DOCS / path
        assert page.is_file(), path
        assert korean_twin(page).is_file(), f"{path} has no Korean twin"
