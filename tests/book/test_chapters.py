"""The chapter is the unit: one folder each, self-contained; gdbook holds no book content."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from book.chapters import CHAPTERS, FOLDER, Chapter, by_page, chapter, page_literals
from tests.conftest import DOCS

ROOT = Path(__file__).resolve().parents[2]
IDS = [c.name for c in CHAPTERS]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_every_chapter_folder_is_listed_and_every_listed_chapter_has_its_files() -> None:
    folders = sorted(p.name for p in FOLDER.glob("ch[0-9][0-9]") if p.is_dir())
    assert folders == [c.name for c in CHAPTERS]
    assert [c.number for c in CHAPTERS] == list(range(1, len(CHAPTERS) + 1))
    for item in CHAPTERS:
        assert (item.folder / "facts.py").is_file(), item.name
        assert list(item.code_folder.glob("*.py")), f"{item.name} shows no code"
        for lang in ("en", "ko"):
            assert (DOCS / item.page_file(lang)).is_file(), item.page_file(lang)
            assert by_page(item.page_file(lang)) == item


def test_chapters_are_found_by_number_name_and_page() -> None:
    assert chapter(4) == chapter("ch04") == by_page("gd/linear-regression.ko.md")
    assert by_page("index.md") is None
    with pytest.raises(KeyError, match="ch01, ch02"):
        chapter(99)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("item", CHAPTERS, ids=IDS)
def test_a_chapter_imports_nothing_of_another_chapter(item: Chapter) -> None:
    """Its cache key covers its own folder only, so it may depend on nothing else of the book
    (mathematics two chapters share belongs in gdbook)."""
    for path in item.sources():
        if path.suffix != ".py":
            continue
        for module in imported_modules(path):
            other = re.match(r"book\.chapters\.(ch\d\d)", module)
            assert other is None or other.group(1) == item.name, f"{path}: imports {module}"
        text = path.read_text(encoding="utf-8")
        for number in re.findall(r"page_(?:module|literals)\((\d+)", text):
            assert int(number) == item.number, f"{path}: reads chapter {number}'s page code"


def test_gdbook_holds_no_book_content() -> None:
    package = ROOT / "gdbook"
    assert not (package / "figures").exists()
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not HANGUL.search(text), f"{path}: words of the book (Korean captions?)"
        assert not any(m.startswith("book") for m in imported_modules(path)), path
        assert "book/" not in text, f"{path} reaches into the repository's book/"


def test_page_literals_reads_names_tuples_and_wrapped_literals(tmp_path: Path) -> None:
    literals = page_literals(3, "directional")
    assert literals["x"] == [-5.0, -2.0] and literals["f"] == (2.0, 4.0)
    escape = page_literals(7, "escape")
    assert (escape["x0"], escape["steps"], escape["nu"]) == (1.5, 600, 1.5)
    assert "noisy" not in escape, "a call of a function is not a literal"


@pytest.mark.parametrize(
    "item", [c for c in CHAPTERS if c.has_module("figures")], ids=lambda c: c.name
)
def test_every_text_of_figures_yml_belongs_to_a_figure(item: Chapter) -> None:
    from book.figures import chapter_texts, figures_of

    texts = chapter_texts(f"book.chapters.{item.name}.figures")
    assert sorted(texts) == [spec.name for spec in figures_of(item)]
    for name, entry in texts.items():
        assert set(entry) == {"alt", "caption"}, name
