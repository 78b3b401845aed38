"""The figure registry, the book style and the cached figure build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from book import figures_build
from book.figures_build import (
    FigureFiles,
    build_figures,
    build_figures_in_process,
    figure_html,
    load_manifest,
)
from gdbook.figures import registry
from gdbook.figures.registry import (
    FigureSpec,
    MissingGlyphError,
    NotebookFigure,
    all_figures,
    get_figure,
    register,
    render_svg,
    show,
)
from gdbook.plotting import PALETTES, FontNotFoundError, book_style, cjk_font_path

ROOT = Path(__file__).resolve().parents[2]
SPECS = all_figures()
NAMES = [spec.name for spec in SPECS]
VARIANTS = [(lang, theme) for lang in ("en", "ko") for theme in ("light", "dark")]
LOG_LINE = re.compile(r"^figure (\S+) +(\d+\.\d\d s|cached)$")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
NEVER_IN_KOREAN = ("학습 속도", "그라데이션", "디센트", "스토캐스틱", "대물렌즈")


@dataclass
class Build:
    out: Path
    cache: Path
    figures: dict[str, FigureFiles]
    log: list[str]


def run_build(out: Path, cache: Path, figures: list[FigureSpec] | None = None) -> Build:
    log: list[str] = []
    built = build_figures_in_process(out, cache_dir=cache, log=log.append, figures=figures)
    return Build(out, cache, built, log)


def logged(build: Build) -> dict[str, str]:
    """Figure name -> "drawn" or "cached", from the build's log lines."""
    result = {}
    for line in build.log:
        match = LOG_LINE.match(line)
        assert match, f"unexpected log line {line!r}"
        result[match.group(1)] = "cached" if match.group(2) == "cached" else "drawn"
    return result


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Every registered figure, built into a copy of the figure cache.

    `make test` builds the site first, so the copy usually holds every figure and this build
    costs a hash and a copy per figure. A hit is by construction what drawing would give now
    (the key covers gdbook/ and the figure's module); test_rendering_is_deterministic redraws
    one variant of every figure and compares it with the file built here.
    """
    base = tmp_path_factory.mktemp("figures")
    seed = figures_build.default_cache_dir() / "entries"
    if seed.is_dir():
        shutil.copytree(seed, base / "cache" / "entries", ignore=shutil.ignore_patterns(".*"))
    return run_build(base / "out", base / "cache")


# --- the registered figures ------------------------------------------------------------------


def test_there_are_figures() -> None:
    assert "ch02-lr-traces" in NAMES
    assert sorted(NAMES) == NAMES


@pytest.mark.parametrize("spec", SPECS, ids=NAMES)
def test_alt_and_caption_in_both_languages(spec: FigureSpec) -> None:
    for texts in (spec.alt, spec.caption):
        assert set(texts) == {"en", "ko"}
        assert texts["en"].strip() and texts["ko"].strip()
        assert HANGUL.search(texts["ko"]), "the Korean text has no Hangul"
        assert not any(word in texts["ko"] for word in NEVER_IN_KOREAN)
    assert "$" not in spec.alt["en"] + spec.alt["ko"]
    assert spec.caption["en"].count("$") % 2 == 0 and spec.caption["ko"].count("$") % 2 == 0


def test_the_build_logs_one_line_per_figure(first: Build) -> None:
    assert list(logged(first)) == [line.split()[1] for line in first.log]
    assert sorted(logged(first)) == NAMES
    assert sorted(first.figures) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_variant_is_a_font_free_svg_on_its_palette(first: Build, name: str) -> None:
    files = first.figures[name].files
    for lang, theme in VARIANTS:
        svg = (first.out / files[lang][theme]).read_text(encoding="utf-8")
        assert svg.startswith("<?xml") and "</svg>" in svg
        assert "<text" not in svg, "glyphs must be paths (svg.fonttype='path')"
        assert PALETTES[theme].background in svg
        assert "<dc:date>" not in svg


@pytest.mark.parametrize("name", NAMES)
def test_rendering_is_deterministic(first: Build, name: str) -> None:
    file = first.figures[name].files["ko"]["dark"]
    assert render_svg(get_figure(name), "ko", "dark") == (first.out / file).read_bytes()


def test_rendering_is_deterministic_across_processes(first: Build, tmp_path: Path) -> None:
    target = tmp_path / "light.svg"
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from gdbook.figures import get_figure, render_svg
        svg = render_svg(get_figure("ch02-lr-traces"), "en", "light")
        Path({str(target)!r}).write_bytes(svg)
        """
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=ROOT)
    expected = first.out / first.figures["ch02-lr-traces"].files["en"]["light"]
    assert target.read_bytes() == expected.read_bytes()


def test_figures_with_words_get_one_file_per_language(first: Build) -> None:
    files = first.figures["ch02-lr-traces"].files
    assert files["en"]["light"] == "ch02-lr-traces.en.light.svg"
    assert files["ko"]["dark"] == "ch02-lr-traces.ko.dark.svg"


def test_the_manifest_lists_every_figure(first: Build) -> None:
    manifest = json.loads((first.out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest) == NAMES
    entry = manifest["ch02-lr-traces"]
    assert set(entry) == {"files", "alt", "caption", "width", "height"}
    assert (entry["width"], entry["height"]) == (768, 288)  # 8 x 3 inches at 96 px
    assert load_manifest(first.out / "manifest.json") == {
        name: FigureFiles.from_manifest_entry(name, e) for name, e in manifest.items()
    }


# --- the cache -------------------------------------------------------------------------------


def test_second_build_is_all_cached_and_identical(first: Build, tmp_path: Path) -> None:
    second = run_build(tmp_path / "out", first.cache)
    assert logged(second) == dict.fromkeys(NAMES, "cached")
    for name in NAMES:
        for file in second.figures[name].file_names:
            assert (second.out / file).read_bytes() == (first.out / file).read_bytes()
    manifest = "manifest.json"
    assert (second.out / manifest).read_bytes() == (first.out / manifest).read_bytes()


def test_unchanged_sources_replay_without_drawing(
    first: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_drawing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a build with unchanged sources must not start a process")

    monkeypatch.setattr(figures_build, "_build_in_subprocess", no_drawing)
    log: list[str] = []
    figures = build_figures(tmp_path / "out", cache_dir=first.cache, log=log.append)
    assert logged(Build(tmp_path, first.cache, figures, log)) == dict.fromkeys(NAMES, "cached")
    for name in NAMES:
        assert figures[name].manifest_entry() == first.figures[name].manifest_entry()
        for file in figures[name].file_names:
            assert (tmp_path / "out" / file).read_bytes() == (first.out / file).read_bytes()


def test_touching_a_figure_module_redraws_only_its_figures(
    first: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(first.cache, cache)
    read = figures_build._read_source

    def touched(path: Path) -> bytes:
        return read(path) + (b"\n# touched\n" if path.name == "ch02.py" else b"")

    monkeypatch.setattr(figures_build, "_read_source", touched)
    again = run_build(tmp_path / "out", cache)
    chapter_two = {n for n in NAMES if n.startswith("ch02-")}
    assert logged(again) == {n: "drawn" if n in chapter_two else "cached" for n in NAMES}


def test_stale_files_of_an_earlier_build_are_removed(first: Build, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(first.out, out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["ch99-gone"] = {
        **manifest["ch02-lr-traces"],
        "files": {
            lang: {"light": "ch99-gone.light.svg", "dark": "ch99-gone.dark.svg"}
            for lang in ("en", "ko")
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out / "ch99-gone.light.svg").write_text("<svg/>")
    (out / "unrelated.svg").write_text("<svg/>")
    run_build(out, first.cache)
    assert not (out / "ch99-gone.light.svg").exists()
    assert (out / "unrelated.svg").exists()


# Synthetic figures in a throwaway module: fast checks of the cache and of the variants.

ALPHA = """
from matplotlib.figure import Figure

def draw(fig: Figure, lang: str) -> None:
    fig.add_subplot().plot([0, 1, 2], [0, 1, 4], "-o")
"""

BETA = """
from matplotlib.figure import Figure

def draw(fig: Figure, lang: str) -> None:
    ax = fig.add_subplot()
    ax.plot([0, 1], [1, 0])
    ax.set_title({"en": "step", "ko": "스텝"}[lang])
"""


@pytest.fixture
def synthetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[FigureSpec]]:
    package = tmp_path / "modules"
    package.mkdir()
    (package / "gdfig_alpha.py").write_text(ALPHA, encoding="utf-8")
    (package / "gdfig_beta.py").write_text(BETA, encoding="utf-8")
    monkeypatch.syspath_prepend(str(package))
    for module in ("gdfig_alpha", "gdfig_beta"):  # each test imports its own copy
        monkeypatch.delitem(sys.modules, module, raising=False)

    def specs() -> list[FigureSpec]:
        import gdfig_alpha  # type: ignore[import-not-found]
        import gdfig_beta  # type: ignore[import-not-found]

        texts = {"en": "A test figure", "ko": "시험용 그림"}
        return [
            FigureSpec("ch99-alpha", gdfig_alpha.draw, texts, texts, (3.0, 2.0), "gdfig_alpha"),
            FigureSpec("ch99-beta", gdfig_beta.draw, texts, texts, (3.0, 2.0), "gdfig_beta"),
        ]

    return specs


def test_figures_without_words_get_one_file_per_palette(
    synthetic: Callable[[], list[FigureSpec]], tmp_path: Path
) -> None:
    alpha, beta = synthetic()
    assert not registry.needs_language(alpha)
    assert registry.needs_language(beta)
    build = run_build(tmp_path / "out", tmp_path / "cache", figures=[alpha, beta])
    assert build.figures["ch99-alpha"].files == {
        lang: {"light": "ch99-alpha.light.svg", "dark": "ch99-alpha.dark.svg"}
        for lang in ("en", "ko")
    }
    assert build.figures["ch99-beta"].file_names == [
        "ch99-beta.en.dark.svg",
        "ch99-beta.en.light.svg",
        "ch99-beta.ko.dark.svg",
        "ch99-beta.ko.light.svg",
    ]
    assert sorted(p.name for p in build.out.glob("*.svg")) == sorted(
        build.figures["ch99-alpha"].file_names + build.figures["ch99-beta"].file_names
    )


def test_editing_a_module_invalidates_only_its_figure(
    synthetic: Callable[[], list[FigureSpec]], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    specs = synthetic()
    assert logged(run_build(tmp_path / "a", cache, figures=specs)) == {
        "ch99-alpha": "drawn",
        "ch99-beta": "drawn",
    }
    assert logged(run_build(tmp_path / "b", cache, figures=specs)) == {
        "ch99-alpha": "cached",
        "ch99-beta": "cached",
    }
    module = tmp_path / "modules" / "gdfig_alpha.py"
    module.write_text(module.read_text() + "\n# an edit\n", encoding="utf-8")
    assert logged(run_build(tmp_path / "c", cache, figures=specs)) == {
        "ch99-alpha": "drawn",
        "ch99-beta": "cached",
    }
    assert len(list((cache / "entries").glob("ch99-alpha--*"))) == 1, "old entries are pruned"


def test_editing_gdbook_invalidates_every_figure(
    synthetic: Callable[[], list[FigureSpec]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    specs = synthetic()
    run_build(tmp_path / "a", cache, figures=specs)
    read = figures_build._read_source
    monkeypatch.setattr(
        figures_build,
        "_read_source",
        lambda path: read(path) + (b"#" if path.name == "optimizers.py" else b""),
    )
    assert set(logged(run_build(tmp_path / "b", cache, figures=specs)).values()) == {"drawn"}


def test_another_chapter_does_not_invalidate(
    synthetic: Callable[[], list[FigureSpec]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    specs = synthetic()
    run_build(tmp_path / "a", cache, figures=specs)
    read = figures_build._read_source
    monkeypatch.setattr(
        figures_build,
        "_read_source",
        lambda path: read(path) + (b"#" if path.name == "ch02.py" else b""),
    )
    assert set(logged(run_build(tmp_path / "b", cache, figures=specs)).values()) == {"cached"}


# --- rendering errors, registration, notebooks -----------------------------------------------


def test_a_missing_glyph_fails_the_render() -> None:
    def draw(fig: Figure, lang: str) -> None:
        fig.add_subplot().set_title("\u0f00")  # Tibetan: in neither of the book's fonts

    spec = FigureSpec("ch99-glyph", draw, {}, {}, (3.0, 2.0), __name__)
    for _ in range(2):  # also when matplotlib has seen the character before
        with pytest.raises(MissingGlyphError, match=r"ch99-glyph.*Glyph 3840"):
            render_svg(spec, "ko", "light")


def test_hangul_subscripts_and_greek_render(tmp_path: Path) -> None:
    def draw(fig: Figure, lang: str) -> None:
        fig.add_subplot().set_title("경사 하강법 η = 0.2, x₁₀ − x₀ ≤ 1 ∇f $\\eta_t$")

    render_svg(FigureSpec("ch99-text", draw, {}, {}, (3.0, 2.0), __name__), "ko", "dark")


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


def test_show_returns_a_figure_that_displays_inline() -> None:
    fig = show("ch02-lr-traces", "ko")
    assert isinstance(fig, Figure) and isinstance(fig, NotebookFigure)
    assert fig.get_facecolor()[:3] == to_rgb(PALETTES["light"].background)
    assert fig._repr_png_().startswith(b"\x89PNG")


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
def test_figure_html(first: Build, lang: str) -> None:
    files = first.figures["ch02-lr-traces"]
    page = figure_html(files.manifest_entry(), lang, "../..")
    assert page == figure_html(files, lang, "../..")
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == 2
    light, dark = images
    assert f'src="../../figures/ch02-lr-traces.{lang}.light.svg#only-light"' in light
    assert f'src="../../figures/ch02-lr-traces.{lang}.dark.svg#only-dark"' in dark
    for image in images:
        assert 'width="768" height="288"' in image
        assert 'loading="lazy"' in image
        assert f'alt="{files.alt[lang]}"' in image
    assert page.startswith('<figure class="gd-figure">') and page.endswith("</figure>")
    caption = re.search(r"<figcaption>(.*)</figcaption>", page)
    assert caption and '<span class="arithmatex">\\(' in caption.group(1)
    assert "$" not in caption.group(1)
    assert "\n" not in page
