"""The built site, read as files: both languages, no foreign requests, notebooks rendered."""

from __future__ import annotations

import ast
import json
import re
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import DOCS, ROOT, english_pages, page_url

FOREIGN = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//(?!127\.0\.0\.1|localhost)""", re.I)
CHAPTERS = [
    "gd/derivatives",
    "gd/gd-1d",
    "gd/gd-nd",
    "gd/linear-regression",
    "sgd/sgd",
    "sgd/minibatch",
    "sgd/schedules",
    "sgd/frameworks",
]


def page_urls() -> list[str]:
    return [page_url(page) for page in english_pages()]


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("url", page_urls())
@pytest.mark.parametrize("lang", ["", "ko/"])
def test_every_page_is_built_in_both_languages(site: Path, url: str, lang: str) -> None:
    html = (site / lang / url / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang.strip("/") or "en"}"' in html


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    offenders = {}
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        # Links the reader clicks (<a href>) may leave the site; loads may not.
        loads = [m for m in FOREIGN.finditer(text) if not _is_anchor(text, m.start())]
        if loads:
            offenders[str(path.relative_to(site))] = text[loads[0].start() : loads[0].start() + 90]
    assert not offenders, offenders


def _is_anchor(text: str, position: int) -> bool:
    tag_start = text.rfind("<", 0, position)
    return text[tag_start : tag_start + 3].lower() == "<a "


def test_no_google_fonts(site: Path) -> None:
    for path in html_files(site):
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8"), path


ARITHMATEX = re.compile(r'<(span|div) class="arithmatex"[^>]*>(.*?)</\1>', re.S)


def test_formulas_are_typeset_at_build_time(site: Path) -> None:
    """Every formula on every page is MathML (Temml's); no page loads a math script."""
    typeset = 0
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(site)
        code = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # mkdocs-jupyter leaves comments
        assert "mathjax" not in code.lower() and "<mjx-" not in code, f"{where} has MathJax"
        assert not re.search(r"<script[^>]*temml", code), f"{where} loads Temml"
        for match in ARITHMATEX.finditer(text):
            body = match.group(2)
            assert body.startswith("<math") and body.endswith("</math>"), (
                f"{where}: formula left as TeX: {body[:80]!r}"
            )
            assert "<merror" not in body, f"{where}: Temml error in {body[:200]!r}"
            if match.group(1) == "div":
                assert 'display="block"' in body[:80], f"{where}: display formula inline"
            typeset += 1
    assert typeset > 2000  # both languages, chapters and notebooks


def test_a_known_formula_is_a_fraction(site: Path) -> None:
    # gd-nd: the steepest-descent direction u* = -grad f(x) / ||grad f(x)||.
    text = (site / "gd" / "gd-nd" / "index.html").read_text(encoding="utf-8")
    displays = [m.group(2) for m in ARITHMATEX.finditer(text) if m.group(1) == "div"]
    assert any("<mfrac>" in d and "∇" in d and "‖" in d for d in displays)


def test_the_math_font_holds_every_character_of_every_formula(site: Path) -> None:
    """The subset font has a glyph for every character the formulas draw, italic forms
    included, and kept the MATH table (stretchy delimiters, radicals, script sizes)."""
    from fontTools.ttLib import TTFont

    from book import math

    font = TTFont(site / math.FONT)
    assert "MATH" in font and font.flavor == "woff2"
    cmap = font.getBestCmap()
    used: set[str] = set()
    for path in html_files(site):
        used |= math.math_characters(path.read_text(encoding="utf-8"))
    assert {"∇", "‖", "∑", "ℝ", "𝔼", "η"} <= used
    needed = used | math.italic_forms(used)
    # Hangul in \text{} is drawn by the page's text font, after the math font.
    missing = sorted(c for c in needed if ord(c) not in cmap and not "\uac00" <= c <= "\ud7a3")
    assert not missing, [f"U+{ord(c):04X} {c}" for c in missing]
    assert len(cmap) < 600, "the font is no longer a subset"


def test_the_math_stylesheet_and_font_are_served_and_preloaded(site: Path) -> None:
    from book import math

    css = (site / math.STYLESHEET).read_text(encoding="utf-8")
    assert "url('stix-two-math.woff2')" in css and "font-display: optional" in css
    assert (site / math.STYLESHEET).parent / "stix-two-math.woff2" == site / math.FONT
    for page in (site / "gd" / "gd-1d" / "index.html", site / "ko" / "gd" / "gd-1d" / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert math.stylesheet() in re.sub(r"(\.\./)+assets/math/", "", text)  # inlined
        preload = re.search(r'<link rel="preload" href="([^"]+)" as="font"[^>]*crossorigin>', text)
        assert preload is not None, page
        assert (page.parent / preload.group(1)).resolve() == (site / math.FONT).resolve()
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert ("<math" in glossary) == ('rel="preload"' in glossary)


@pytest.mark.parametrize("chapter", range(1, 9))
@pytest.mark.parametrize("lang", ["", "ko/"])
def test_notebook_pages_hold_rendered_output(site: Path, chapter: int, lang: str) -> None:
    html = (site / lang / "notebooks" / f"ch{chapter:02d}" / "index.html").read_text("utf-8")
    article = html.split('<article class="md-content__inner', 1)[1]
    assert not article.lstrip()[article.find(">") + 1 :].lstrip().startswith('{"cells"')
    assert '"cells":' not in article[:2000]
    assert "jp-OutputArea" in article, "no executed output cells"
    assert "jp-CodeCell" in article
    notebook = json.loads((site / lang / "notebooks" / f"ch{chapter:02d}.ipynb").read_text())
    assert notebook["cells"], "the downloadable notebook is empty"


def notebook_pages(site: Path) -> list[Path]:
    return sorted(site.glob("notebooks/*/index.html")) + sorted(
        site.glob("ko/notebooks/*/index.html")
    )


def test_notebook_pages_show_each_figure_from_its_files_in_both_palettes(site: Path) -> None:
    """No figure is embedded as base64; each is the chapter pages' light and dark SVG pair,
    sized and lazy, and the files exist."""
    pages = notebook_pages(site)
    assert len(pages) == 24
    figures = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "data:image/png" not in text, path
        images = re.findall(r"<img [^>]*>", text.split('class="jupyter-wrapper"', 1)[1])
        for light, dark in zip(images[::2], images[1::2], strict=True):
            sources = [re.search(r'src="([^"#]+)#only-(\w+)"', img) for img in (light, dark)]
            assert [m.group(2) for m in sources if m] == ["light", "dark"], (path, light, dark)
            for img, match in zip((light, dark), sources, strict=True):
                assert (path.parent / match.group(1)).is_file(), (path, match.group(1))
                assert 'loading="lazy"' in img and re.search(r'width="\d+" height="\d+"', img)
            alts = [re.search(r'alt="([^"]*)"', img) for img in (light, dark)]
            assert alts[0] and alts[1] and alts[0][1] == alts[1][1] and len(alts[0][1]) > 20, path
            figures += 1
    assert figures > 40


def test_notebook_pages_carry_only_the_css_they_can_use(site: Path) -> None:
    """JupyterLab's 585 KB of CSS is pruned on every notebook page, and nothing is left
    marked for pruning; the upstream list-repr <style> is gone."""
    from book.notebookpage import MARK, PRUNED

    for path in notebook_pages(site):
        text = path.read_text(encoding="utf-8")
        assert MARK not in text and '<style type="text/css">' not in text, path
        assert "<style>\n        ['pre" not in text and "['pre {" not in text, path
        pruned = re.findall(re.escape(PRUNED) + r"(.*?)</style>", text, re.S)
        assert len(pruned) == 3, path
        assert 2_000 < sum(map(len, pruned)) < 40_000, path


@pytest.mark.parametrize("chapter", CHAPTERS)
@pytest.mark.parametrize("lang", ["", "ko/"])
def test_chapters_link_to_their_notebook(site: Path, chapter: str, lang: str) -> None:
    html = (site / lang / chapter / "index.html").read_text(encoding="utf-8")
    assert 'class="gd-notebook-links"' in html
    assert re.search(r'href="[^"]*notebooks/ch\d\d\.ipynb" download=', html)


@cache
def public_modules() -> dict[str, list[str]]:
    """gdbook's modules the package exports names from, each with its ``__all__``, read from
    the source (``gdbook/__init__.py`` imports them, some only for type checkers)."""
    package = ast.parse((ROOT / "gdbook" / "__init__.py").read_text(encoding="utf-8"))
    modules = {
        node.module.removeprefix("gdbook.")
        for node in ast.walk(package)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gdbook.")
    }
    exported = {}
    for module in sorted(modules):
        tree = ast.parse((ROOT / "gdbook" / f"{module}.py").read_text(encoding="utf-8"))
        (names,) = [
            ast.literal_eval(node.value)
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        ]
        exported[module] = names
    return exported


def test_every_public_module_is_in_the_api_reference() -> None:
    modules = ("index", *public_modules())
    assert "optimizers" in modules and "plotting" in modules
    pages = {p.stem for p in (DOCS / "reference" / "api").glob("*.md")}
    assert pages == {*modules} | {f"{m}.ko" for m in modules}


@pytest.mark.parametrize("lang", ["", "ko/"])
def test_each_module_page_documents_every_name_it_exports(site: Path, lang: str) -> None:
    overview = (site / lang / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    for module, names in public_modules().items():
        assert f'href="{module}/"' in overview, module
        html = (site / lang / "reference" / "api" / module / "index.html").read_text("utf-8")
        missing = [name for name in names if f'id="gdbook.{module}.{name}"' not in html]
        assert not missing, (module, missing)


def test_every_executed_block_has_its_run_bar_in_the_html(site: Path) -> None:
    """The Run bars are in the built HTML (book/runbar.py), one per executed block, numbered
    in page order and labelled in the page's language, so nothing moves when run.js loads; a
    few lines of inline script load run.js on the first press."""
    pages = 0
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        blocks = re.findall(r'<div class="gd-run(?: [^"]*)?" data-session=', text)
        bars = re.findall(
            r'<div class="gd-run-bar" role="group" aria-label="([^"]+)" data-example="(\d+)">', text
        )
        assert len(bars) == len(blocks), path
        assert [int(n) for _, n in bars] == list(range(1, len(blocks) + 1)), path
        korean = "/ko/" in f"/{path.relative_to(site).as_posix()}"
        for label, number in bars:
            assert label == (
                f"예제 {number}: 코드를 실행하거나 편집"
                if korean
                else f"Example {number}: run or edit the code"
            ), path
        loader = re.findall(r'<script data-src="([^"]*run\.js)">\(function\(\)', text)
        assert len(loader) == bool(blocks), f"{path}: {len(loader)} Run loaders"
        if blocks:
            assert (path.parent / loader[0]).resolve() == (site / "javascripts" / "run.js")
        pages += bool(blocks)
    assert pages >= 2 * 12  # every chapter page of both languages


def test_pages_inline_the_small_stylesheets_and_load_scripts_only_where_used(site: Path) -> None:
    from book import pageassets

    checked = 0
    for path in html_files(site):
        if path.name == "404.html":
            continue  # served at any address: keeps its absolute links
        text = path.read_text(encoding="utf-8")
        for sheet in pageassets.INLINED:
            assert f'{sheet}">' not in text, f"{path}: {sheet} still linked"
        scripts = re.findall(r'<script src="[^"]*/(\w+)\.js"', text)
        assert ("explorers" in scripts) == ('class="gd-explorer"' in text), path
        assert "run" not in scripts, f"{path}: run.js is loaded by a press, not by the page"
        if "<math" in text:
            style = re.search(r"<style>(.*?)</style>", text, re.S)
            assert style is not None and "@font-face" in style.group(1), path
            font = re.search(r"url\('([^']+stix-two-math\.woff2)'\)", style.group(1))
            assert font is not None and (path.parent / font.group(1)).is_file(), path
        checked += 1
    assert checked > 50  # every page of both languages but the 404 pages


def test_pages_set_the_js_class_before_they_are_styled(site: Path) -> None:
    """Every page swaps ``no-js`` for ``js`` in ``<head>``, before any stylesheet or body."""
    from book.pageassets import JS_CLASS

    pages = list(html_files(site))
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert re.search(r'<html[^>]*class="no-js"', text), path  # kept for readers without JS
        head = text[text.index("<head>") : text.index("</head>")]
        assert head.startswith("<head>" + JS_CLASS), path
        assert text.count(JS_CLASS) == 1, path
    assert len(pages) > 50


def test_the_palette_switch_rule_names_only_elements_with_transitions(site: Path) -> None:
    """Material's ``[data-md-color-switching] *`` is narrowed (book/paletteswitch.py); the
    browser test checks that it still stops every transition."""
    from book import paletteswitch

    (palette,) = (site / "assets" / "stylesheets").glob("palette.*.min.css")
    css = palette.read_text(encoding="utf-8")
    attribute = f"[{paletteswitch.ATTRIBUTE}]"
    assert paletteswitch.UNIVERSAL not in css and f"{attribute} :after" not in css
    narrowed = re.search(re.escape(attribute) + r" :is\(([^)]*)\)\{transition-duration:0s", css)
    assert narrowed is not None
    names = narrowed.group(1).split(",")
    assert {".md-nav__link", ".md-header__button", "a"} <= set(names), names
    assert "*" not in names and not any("::" in name for name in names)
    assert f"{attribute} .tabbed-button:after{{" in css  # pseudo-elements: a rule each
    assert "::placeholder" not in css.split(attribute, 1)[1]


def test_materials_script_waits_for_the_reader_on_every_page(site: Path) -> None:
    """No page loads Material's script; each has the loader that fetches it on a first
    action (from a path that exists), the palette script right after Material's own, and
    the script that keeps a link's target in view while nearby blocks are drawn."""
    from book import pageassets

    pages = list(html_files(site))
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script src=\"[^\"]*bundle\.[0-9a-f]+\.min\.js\"", text), path
        loaders = re.findall(r'<script data-src="([^"]*bundle\.[0-9a-f]+\.min\.js)">([^<]*)', text)
        assert len(loaders) == 1, (path, loaders)
        src, script = loaders[0]
        if src.startswith("/"):  # the 404 pages, served at any depth, use site paths
            assert src.endswith("/assets/javascripts/" + bundle.name), (path, src)
        else:
            assert (path.parent / src).resolve() == bundle.resolve(), (path, src)
        assert "<script>" + script + "</script>" == pageassets.MATERIAL_LOADER, path
        material = pageassets.MATERIAL_PALETTE.search(text)
        assert material is not None, path
        assert text[material.end() :].startswith(pageassets.PALETTE), path
        assert text.count(pageassets.FRAGMENT) == 1, path
    assert len(pages) > 50
