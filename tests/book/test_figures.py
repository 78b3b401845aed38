"""The figure registry, the one-drawing-per-language rendering, and the book style."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

import book.figures as registry
from book import build
from book.chapters import CHAPTERS
from book.figurehtml import figure_html
from book.figures import (
    FigureSpec,
    MissingGlyphError,
    all_figures,
    get_figure,
    register,
    render,
    render_dark_directly,
    render_variants,
    to_dark,
)
from gdbook.plotting import PALETTES, FontNotFoundError, book_style, cjk_font_path

ROOT = Path(__file__).resolve().parents[2]
SPECS = all_figures()
NAMES = [spec.name for spec in SPECS]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
NEVER_IN_KOREAN = ("학습 속도", "그라데이션", "디센트", "스토캐스틱", "대물렌즈")
SVG_ID = re.compile(rb'id="([^"]+)"')


@pytest.fixture(scope="module")
def built() -> build.Artefacts:
    """Every chapter's figures as the build makes them (from the cache after `make build`)."""
    return build.prepare(log=lambda line: None)


def canonical_ids(svg: bytes) -> bytes:
    """Rename the SVG's ids in order of appearance: ``id0``, ``id1``...

    matplotlib derives a marker's id from a hash of its path and its colours, so the same
    drawing in two palettes names its markers differently; nothing else may differ.
    """
    ids: dict[bytes, bytes] = {}
    for match in SVG_ID.finditer(svg):
        ids.setdefault(match.group(1), b"id%d" % len(ids))
    if not ids:
        return svg
    pattern = re.compile(b"|".join(re.escape(k) for k in sorted(ids, key=len, reverse=True)))
    return pattern.sub(lambda m: ids[m.group(0)], svg)


# --- the registered figures ------------------------------------------------------------------


def test_there_are_figures_and_each_chapter_names_its_own() -> None:
    assert "ch02-lr-traces" in NAMES
    assert sorted(NAMES) == NAMES
    for spec in SPECS:
        chapter = spec.module.split(".")[2]
        assert spec.module == f"book.chapters.{chapter}.figures"
        assert spec.name.startswith(f"{chapter}-")
    assert {c.name for c in CHAPTERS if c.has_module("figures")} == {
        spec.module.split(".")[2] for spec in SPECS
    }


@pytest.mark.parametrize("spec", SPECS, ids=NAMES)
def test_alt_and_caption_in_both_languages(spec: FigureSpec) -> None:
    for texts in (spec.alt, spec.caption):
        assert set(texts) == {"en", "ko"}
        assert texts["en"].strip() and texts["ko"].strip()
        assert HANGUL.search(texts["ko"]), "the Korean text has no Hangul"
        assert not any(word in texts["ko"] for word in NEVER_IN_KOREAN)
    assert "$" not in spec.alt["en"] + spec.alt["ko"]
    assert spec.caption["en"].count("$") % 2 == 0 and spec.caption["ko"].count("$") % 2 == 0


@pytest.mark.parametrize("name", NAMES)
def test_every_variant_is_a_font_free_svg_on_its_palette(built: build.Artefacts, name: str) -> None:
    files = built.figures[name]["files"]
    for lang in ("en", "ko"):
        for theme in ("light", "dark"):
            svg = built.figure_files[files[lang][theme]].decode("utf-8")
            assert svg.startswith("<?xml") and "</svg>" in svg
            assert "<text" not in svg, "glyphs must be paths (svg.fonttype='path')"
            assert PALETTES[theme].background in svg
            assert "<dc:date>" not in svg
        assert built.figure_files[files[lang]["png"]].startswith(b"\x89PNG")


@pytest.mark.parametrize("name", NAMES)
def test_one_drawing_gives_the_light_svg_and_the_dark_one(
    built: build.Artefacts, name: str
) -> None:
    """Redrawn now, the figure is byte for byte the built one (determinism), and its dark
    SVG, made by swapping palette colours, equals a drawing in the dark style up to the
    names of marker ids (correctness of :func:`book.figures.to_dark`)."""
    spec = get_figure(name)
    rendering = render(spec, "en")
    files = built.figures[name]["files"]["en"]
    assert rendering.light == built.figure_files[files["light"]]
    assert rendering.dark == built.figure_files[files["dark"]]
    assert canonical_ids(rendering.dark) == canonical_ids(render_dark_directly(spec, "en"))


def test_to_dark_swaps_every_palette_colour_and_nothing_else() -> None:
    light, dark = PALETTES["light"], PALETTES["dark"]
    pairs = list(
        zip(registry._palette_colours("light"), registry._palette_colours("dark"), strict=True)
    )
    assert len({a for a, _ in pairs}) == len(pairs), "two light colours would map alike"
    assert (light.background, dark.background) in pairs
    svg = " ".join(f"fill: {a}" for a, _ in pairs).encode() + b" stroke: #abcdef"
    assert to_dark(svg) == " ".join(f"fill: {b}" for _, b in pairs).encode() + b" stroke: #abcdef"


def test_rendering_is_deterministic_across_processes(
    built: build.Artefacts, tmp_path: Path
) -> None:
    target = tmp_path / "light.svg"
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from book.figures import get_figure, render
        Path({str(target)!r}).write_bytes(render(get_figure("ch02-lr-traces"), "ko").light)
        """
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=ROOT)
    expected = built.figures["ch02-lr-traces"]["files"]["ko"]["light"]
    assert target.read_bytes() == built.figure_files[expected]


def test_the_built_entry_names_files_sizes_and_texts(built: build.Artefacts) -> None:
    assert sorted(built.figures) == NAMES
    entry = built.figures["ch02-lr-traces"]
    assert set(entry) == {"files", "alt", "caption", "width", "height"}
    assert (entry["width"], entry["height"]) == (768, 288)  # 8 x 3 inches at 96 px
    assert entry["files"]["en"] == {
        "light": "ch02-lr-traces.en.light.svg",
        "dark": "ch02-lr-traces.en.dark.svg",
        "png": "ch02-lr-traces.en.png",
    }
    listed = {f for e in built.figures.values() for v in e["files"].values() for f in v.values()}
    assert listed == set(built.figure_files)


# Synthetic figures: the variants of a figure with and without words.


def _alpha(fig: Figure, lang: str) -> None:
    fig.add_subplot().plot([0, 1, 2], [0, 1, 4], "-o")


def _beta(fig: Figure, lang: str) -> None:
    ax = fig.add_subplot()
    ax.plot([0, 1], [1, 0])
    ax.set_title({"en": "step", "ko": "스텝"}[lang])


TEXTS = {"en": "A test figure", "ko": "시험용 그림"}


def test_a_figure_without_words_gets_one_set_of_files() -> None:
    files, contents = render_variants(
        FigureSpec("ch99-alpha", _alpha, TEXTS, TEXTS, (3.0, 2.0), __name__)
    )
    assert (
        files["en"]
        == files["ko"]
        == {
            "light": "ch99-alpha.light.svg",
            "dark": "ch99-alpha.dark.svg",
            "png": "ch99-alpha.png",
        }
    )
    assert sorted(contents) == ["ch99-alpha.dark.svg", "ch99-alpha.light.svg", "ch99-alpha.png"]


def test_a_figure_with_words_gets_files_per_language() -> None:
    files, contents = render_variants(
        FigureSpec("ch99-beta", _beta, TEXTS, TEXTS, (3.0, 2.0), __name__)
    )
    assert files["ko"]["dark"] == "ch99-beta.ko.dark.svg"
    assert len(contents) == 6 and contents[files["en"]["light"]] != contents[files["ko"]["light"]]


# --- rendering errors and registration -------------------------------------------------------


def test_a_missing_glyph_fails_the_render() -> None:
    def draw(fig: Figure, lang: str) -> None:
        fig.add_subplot().set_title("\u0f00")  # Tibetan: in neither of the book's fonts

    spec = FigureSpec("ch99-glyph", draw, {}, {}, (3.0, 2.0), __name__)
    for _ in range(2):  # also when matplotlib has seen the character before
        with pytest.raises(MissingGlyphError, match=r"ch99-glyph.*Glyph 3840"):
            render(spec, "ko")


def test_hangul_subscripts_and_greek_render() -> None:
    def draw(fig: Figure, lang: str) -> None:
        fig.add_subplot().set_title("경사 하강법 η = 0.2, x₁₀ − x₀ ≤ 1 ∇f $\\eta_t$")

    assert render(FigureSpec("ch99-text", draw, {}, {}, (3.0, 2.0), __name__), "ko").png


def test_register_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", {})
    texts = {"en": "A figure", "ko": "그림"}

    def draw(fig: Figure, lang: str) -> None: ...

    with pytest.raises(ValueError, match="exactly the keys 'en' and 'ko'"):
        register("ch99-a", alt={"en": "A figure"}, caption=texts)(draw)
    with pytest.raises(ValueError, match="non-empty"):
        register("ch99-a", alt={"en": "A figure", "ko": " "}, caption=texts)(draw)
    with pytest.raises(ValueError, match="plain text"):
        register("ch99-a", alt={"en": "$x^2$", "ko": "그림"}, caption=texts)(draw)
    with pytest.raises(ValueError, match="look like"):
        register("Figure 1", alt=texts, caption=texts)(draw)
    with pytest.raises(ValueError, match="size"):
        register("ch99-a", alt=texts, caption=texts, size=(0, 3))(draw)
    assert register("ch99-a", alt=texts, caption=texts)(draw) is draw
    assert register("ch99-a", alt=texts, caption=texts)(draw) is draw  # a re-import

    def other(fig: Figure, lang: str) -> None: ...

    with pytest.raises(ValueError, match="registered twice"):
        register("ch99-a", alt=texts, caption=texts)(other)


def test_get_figure_names_the_known_figures() -> None:
    with pytest.raises(KeyError, match="ch02-lr-traces"):
        get_figure("ch99-nothing")


# --- the style -------------------------------------------------------------------------------


def test_the_style_does_not_leak() -> None:
    before = dict(mpl.rcParams)
    with book_style("dark"):
        assert mpl.rcParams["svg.fonttype"] == "path"
    assert dict(mpl.rcParams) == before


def relative_luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_palette_contrast(theme: str) -> None:
    palette = PALETTES[theme]  # type: ignore[index]
    assert contrast(palette.foreground, palette.background) >= 7  # text
    assert contrast(palette.muted, palette.background) >= 3  # ticks, reference curves
    for colour in palette.cycle:  # lines and markers (WCAG non-text contrast)
        assert contrast(colour, palette.background) >= 3, colour


def test_a_missing_font_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GDBOOK_CJK_FONT", "/nonexistent/font.ttc")
    with pytest.raises(FontNotFoundError, match="apt-get install fonts-noto-cjk"):
        cjk_font_path()


# --- HTML ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_figure_html(built: build.Artefacts, lang: str) -> None:
    entry: dict[str, Any] = built.figures["ch02-lr-traces"]
    page = figure_html(entry, lang, "../..")
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == 2
    light, dark = images
    assert f'src="../../figures/ch02-lr-traces.{lang}.light.svg#only-light"' in light
    assert f'src="../../figures/ch02-lr-traces.{lang}.dark.svg#only-dark"' in dark
    for image in images:
        assert 'width="768" height="288"' in image
        assert 'loading="lazy"' in image
        assert f'alt="{entry["alt"][lang]}"' in image
    assert page.startswith('<figure class="gd-figure" markdown="span">')
    assert page.endswith("</figure>") and "\n" not in page
    caption = re.search(r"<figcaption>(.*)</figcaption>", page)
    assert caption and caption.group(1) == entry["caption"][lang]
