"""The pages' code blocks: found, run once per change, shown with their output."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from book import cache, pagecode, syntax
from tests.conftest import DOCS

FENCE = '```python exec="on" source="above" result="text" session="{session}"\n{body}\n```'


def page(*blocks: tuple[str, str]) -> str:
    parts = ["# A page\n"]
    for session, body in blocks:
        parts.append("Some prose.\n\n" + FENCE.format(session=session, body=body) + "\n")
    return "\n".join(parts)


def test_docstring_examples_run() -> None:
    for module, examples in ((pagecode, 2), (syntax, 3)):
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.attempted >= examples
        assert result.failed == 0


def test_blocks_are_found_with_their_includes_and_sessions() -> None:
    markdown = page(("s", '--8<-- "ch02/code/gd_loop.py"'), ("t", "print(2)"))
    blocks = syntax.find_blocks(markdown)
    assert [b.session for b in blocks] == ["s", "t"]
    assert blocks[0].files == ["ch02/code/gd_loop.py"]
    expected = (syntax.INCLUDE_ROOT / "ch02" / "code" / "gd_loop.py").read_text(encoding="utf-8")
    expected = expected.rstrip("\n")
    assert blocks[0].code == expected
    assert blocks[1].code == "print(2)" and blocks[1].files == []


def test_an_indented_block_inside_a_tab_keeps_its_indentation() -> None:
    markdown = '=== "Tab"\n\n    ```python exec="on" session="s"\n    print("in a tab")\n    ```\n'
    [block] = syntax.find_blocks(markdown)
    assert block.indent == "    " and block.code == 'print("in a tab")'
    rendered = pagecode.render(markdown, ["in a tab\n"], [block])
    assert rendered == (
        '=== "Tab"\n\n    ```{.python .gd-run data-session="s"}\n    print("in a tab")\n    ```\n\n'
        "    ````text\n    in a tab\n    ````\n"
    )


def test_a_missing_include_names_the_file() -> None:
    with pytest.raises(syntax.SyntaxProblem, match=r"ch99/nothing\.py"):
        syntax.find_blocks(page(("s", '--8<-- "ch99/nothing.py"')))


def test_sessions_share_a_namespace_and_only_their_own() -> None:
    outputs = pagecode.run_blocks(
        [("a", "1", "x = 1"), ("b", "2", "x = 2"), ("a", "3", "print(x)"), ("b", "4", "print(x)")]
    )
    assert outputs == ["", "", "1\n", "2\n"]


def test_a_failing_block_reports_its_name_and_line() -> None:
    with pytest.raises(pagecode.PageCodeError) as error:
        pagecode.run_blocks([("s", "<page.md, block 1: f.py>", "y = 1\nraise ValueError('boom')")])
    message = str(error.value)
    assert "<page.md, block 1: f.py>" in message
    assert "ValueError: boom" in message
    assert "raise ValueError('boom')" in message  # the failing line is shown


def test_empty_output_shows_only_the_source() -> None:
    markdown = page(("s", "x = 1"))
    blocks = syntax.find_blocks(markdown)
    rendered = pagecode.render(markdown, [""], blocks)
    assert '```{.python .gd-run data-session="s"}\nx = 1\n```' in rendered
    assert "text" not in rendered


def test_render_refuses_a_wrong_number_of_outputs() -> None:
    markdown = page(("s", "print(1)"))
    with pytest.raises(ValueError, match="expected 1 outputs, got 0"):
        pagecode.render(markdown, [], syntax.find_blocks(markdown))


def test_a_page_and_its_translation_run_once_and_are_cached(tmp_path: Path) -> None:
    runs = pagecode.PageRuns(cache.Cache("pagecode", tmp_path))
    english = page(("s", "x = 6"), ("s", "print(x * 7)"))
    korean = english.replace("Some prose.", "산문.")
    lines: list[str] = []
    keys = runs.prepare([("a.md", english), ("a.ko.md", korean)], log=lines.append)
    assert keys["a.md"] == keys["a.ko.md"]
    assert len([line for line in lines if line.startswith("page code a.md = a.ko.md:")]) == 1
    blocks = syntax.find_blocks(english)
    assert runs.outputs("a.md", blocks) == ["", "42\n"]

    lines.clear()
    runs.prepare([("a.md", english.replace("Some prose.", "Edited prose."))], log=lines.append)
    assert lines == ["page code cached for 1 of 1 runs"]

    lines.clear()
    changed = english.replace("x * 7", "x * 8")
    runs.prepare([("a.md", changed)], log=lines.append)
    assert lines[0].startswith("page code a.md:")
    assert runs.outputs("a.md", syntax.find_blocks(changed)) == ["", "48\n"]


def test_a_failing_page_fails_with_page_block_and_file(tmp_path: Path) -> None:
    markdown = page(("s", "print(1)"), ("s", "1 / 0"))
    with pytest.raises(pagecode.PageCodeError) as error:
        store = cache.Cache("pagecode", tmp_path)
        pagecode.PageRuns(store).prepare([("sgd/broken.md", markdown)], log=lambda m: None)
    message = str(error.value)
    assert "sgd/broken.md" in message and "block 2: inline code" in message
    assert "ZeroDivisionError" in message
    assert not list(tmp_path.rglob("*.entry")), "a failed run must not be cached"


def test_every_chapter_runs_the_same_code_in_both_languages() -> None:
    for english in sorted(DOCS.glob("*/*.md")):
        if english.name.endswith(".ko.md"):
            continue
        korean = english.with_name(english.stem + ".ko.md")
        en_blocks = syntax.find_blocks(english.read_text(encoding="utf-8"))
        ko_blocks = syntax.find_blocks(korean.read_text(encoding="utf-8"))
        en_key = pagecode.run_key(english.relative_to(DOCS).as_posix(), en_blocks)
        ko_key = pagecode.run_key(korean.relative_to(DOCS).as_posix(), ko_blocks)
        assert en_key == ko_key, english.name
