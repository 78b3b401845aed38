"""The registry of the book's figures, and their rendering: drawn once per language.

A figure is a function ``draw(fig, lang) -> None`` registered with :func:`register` in its
chapter's ``book/chapters/chNN/figures.py``. It draws on the ``matplotlib.figure.Figure`` it
is given (never pyplot), takes its words from ``lang`` and never sets rcParams.

:func:`render` draws a figure once per language, in the light palette of
:func:`gdbook.plotting.book_style`, and saves that one drawing as the light SVG and as a
PNG for the notebooks. The dark SVG is the light one with each colour of the light palette
replaced by its dark counterpart (:func:`to_dark`): the two palettes differ in nothing but
those colours, so this equals drawing in the dark style, byte for byte
(``tests/book/test_figures.py`` checks it for every figure).

Examples
--------
>>> spec = get_figure("ch02-lr-traces")
>>> spec.alt["en"].startswith("Three panels")
True
>>> render(spec, "en").light[:5]
b'<?xml'
"""

from __future__ import annotations

import importlib
import io
import re
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar, get_args

from matplotlib.figure import Figure

from gdbook.plotting import PALETTES, Theme, book_style

if TYPE_CHECKING:
    from book.chapters import Chapter

__all__ = [
    "DARK_OF_LIGHT",
    "LANGS",
    "THEMES",
    "FigureFunction",
    "FigureSpec",
    "Lang",
    "MissingGlyphError",
    "Rendering",
    "all_figures",
    "draw",
    "figures_of",
    "file_names",
    "get_figure",
    "register",
    "render",
    "render_dark_directly",
    "render_variants",
    "to_dark",
]

Lang = Literal["en", "ko"]
"""A language of the book: ``"en"`` (English) or ``"ko"`` (Korean)."""

LANGS: tuple[Lang, ...] = get_args(Lang)
THEMES: tuple[Theme, ...] = get_args(Theme)

FigureFunction = Callable[[Figure, Lang], None]
"""``draw(fig, lang)``: draws one book figure on ``fig`` with words in ``lang``."""

F = TypeVar("F", bound=FigureFunction)

SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')
NAME = re.compile(r"ch\d\d-[a-z0-9]+(?:-[a-z0-9]+)*")


class MissingGlyphError(RuntimeError):
    """Raised when a figure draws a character that no configured font has."""


@dataclass(frozen=True, eq=False)
class FigureSpec:
    """A registered figure.

    Attributes
    ----------
    name : str
        ``chNN-what``, unique in the book; the file names of its SVGs start with it.
    function : FigureFunction
        ``draw(fig, lang) -> None``.
    alt : dict of str to str
        Alternative text per language (``"en"``, ``"ko"``): plain text, no ``$`` math.
    caption : dict of str to str
        Caption per language; inline math as ``$...$`` is allowed.
    size : (float, float)
        Width and height in inches.
    module : str
        The module that defines ``function``, e.g. ``"book.chapters.ch02.figures"``.
    """

    name: str
    function: FigureFunction
    alt: Mapping[str, str]
    caption: Mapping[str, str]
    size: tuple[float, float]
    module: str

    @property
    def source_file(self) -> Path:
        """The file that defines the figure's function."""
        module = sys.modules.get(self.module) or importlib.import_module(self.module)
        origin = getattr(module, "__file__", None)
        if origin is None:
            raise ValueError(f"Figure {self.name!r}: module {self.module} has no source file.")
        return Path(origin)


_REGISTRY: dict[str, FigureSpec] = {}


def _check_texts(name: str, what: str, texts: Mapping[str, str]) -> dict[str, str]:
    if set(texts) != set(LANGS):
        raise ValueError(
            f"Figure {name!r}: {what} must have exactly the keys 'en' and 'ko'. "
            f"Got {sorted(texts)} instead."
        )
    for lang, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"Figure {name!r}: {what}[{lang!r}] must be a non-empty str.")
        if what == "alt" and "$" in text:
            raise ValueError(
                f"Figure {name!r}: alt[{lang!r}] is read aloud as plain text; write math in "
                "Unicode (x², η = 0.2) instead of $...$."
            )
    return {lang: texts[lang].strip() for lang in LANGS}


def _check_name(name: str, module: str) -> None:
    if not NAME.fullmatch(name):
        raise ValueError(f"Figure names look like 'ch02-lr-traces'. Got {name!r} instead.")
    parts = module.split(".")
    chapter = parts[2] if module.startswith("book.chapters.") and len(parts) > 2 else None
    if chapter is not None and not name.startswith(f"{chapter}-"):
        raise ValueError(f"Figure {name!r} is defined in {module}; name it '{chapter}-...'.")


def _check_size(name: str, size: tuple[float, float]) -> tuple[float, float]:
    width, height = (float(v) for v in size)
    if not (width > 0 and height > 0):
        raise ValueError(f"Figure {name!r}: size must be two positive inches. Got {size}.")
    return width, height


TEXTS_FILE = "figures.yml"
"""The file beside a chapter's ``figures.py`` that holds its figures' alt texts and captions."""


def chapter_texts(module: str) -> dict[str, dict[str, dict[str, str]]]:
    """The texts of a chapter's figures: ``texts[name]["alt" | "caption"][lang]``.

    Read from :data:`TEXTS_FILE` in the folder of ``module`` (``book.chapters.chNN.figures``).
    Prose lives there, apart from the drawing code, so that a translator or reviewer edits
    one text file per chapter.
    """
    import yaml

    origin = getattr(sys.modules.get(module) or importlib.import_module(module), "__file__", None)
    if origin is None:
        raise ValueError(f"{module} has no file, so no {TEXTS_FILE} beside it.")
    path = Path(origin).with_name(TEXTS_FILE)
    if not path.is_file():
        raise FileNotFoundError(f"{module}: no {path} with its figures' alt texts and captions")
    texts: dict[str, dict[str, dict[str, str]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return texts


def register(
    name: str,
    *,
    size: tuple[float, float] = (6.4, 4.0),
    alt: Mapping[str, str] | None = None,
    caption: Mapping[str, str] | None = None,
) -> Callable[[F], F]:
    """Register a figure function under ``name`` (a decorator).

    Parameters
    ----------
    name : str
        ``chNN-what``; ``NN`` must be the chapter of the module that registers it.
    size : (float, float), default (6.4, 4.0)
        Width and height in inches.
    alt, caption : dict, optional
        ``{"en": ..., "ko": ...}``: what the figure shows, for readers who cannot see it,
        and the caption under it. By default, the figure's entry in the chapter's
        :data:`TEXTS_FILE`.

    Returns
    -------
    callable
        The decorator; it returns the function unchanged.

    Raises
    ------
    ValueError
        On a malformed name, missing or empty texts, or a name taken by another function.
    """

    def decorator(function: F) -> F:
        nonlocal alt, caption
        module = function.__module__
        _check_name(name, module)
        if alt is None or caption is None:
            entry = chapter_texts(module).get(name)
            if entry is None:
                raise ValueError(f"Figure {name!r} has no entry in the {TEXTS_FILE} of {module}.")
            alt = alt if alt is not None else entry.get("alt", {})
            caption = caption if caption is not None else entry.get("caption", {})
        spec = FigureSpec(
            name=name,
            function=function,
            alt=_check_texts(name, "alt", alt),
            caption=_check_texts(name, "caption", caption),
            size=_check_size(name, size),
            module=module,
        )
        old = _REGISTRY.get(name)
        if old is not None and (old.module, old.function.__qualname__) != (
            module,
            function.__qualname__,
        ):
            raise ValueError(
                f"Figure {name!r} is registered twice: by {old.module}.{old.function.__qualname__}"
                f" and by {module}.{function.__qualname__}."
            )
        _REGISTRY[name] = spec  # a re-imported module replaces its own entries
        return function

    return decorator


def chapter_modules() -> list[str]:
    """Return the modules that register figures, ``book.chapters.chNN.figures``, in order."""
    from book.chapters import CHAPTERS

    return [f"book.chapters.{c.name}.figures" for c in CHAPTERS if c.has_module("figures")]


def all_figures() -> list[FigureSpec]:
    """Import every chapter module and return all registered figures, sorted by name."""
    for module in chapter_modules():
        importlib.import_module(module)
    return sorted(_REGISTRY.values(), key=lambda spec: spec.name)


def figures_of(chapter: Chapter) -> list[FigureSpec]:
    """Import a chapter's ``figures.py`` and return its figures, sorted by name."""
    module = chapter.module("figures").__name__
    return sorted((s for s in _REGISTRY.values() if s.module == module), key=lambda s: s.name)


def get_figure(name: str) -> FigureSpec:
    """Return the registered figure called ``name``.

    Raises
    ------
    KeyError
        If there is none; the message lists the known names.
    """
    specs = {spec.name: spec for spec in all_figures()}
    if name not in specs:
        raise KeyError(f"No figure {name!r}. Known figures: {', '.join(specs) or 'none'}.")
    return specs[name]


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'en' or 'ko'. Got {lang!r} instead.")


@contextmanager
def _missing_glyphs_raise(where: str) -> Iterator[None]:
    # matplotlib only warns ("Glyph 54620 (\N{...}) missing from font(s) ...") and draws a
    # box; in the book that is a bug, so it fails the build.
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph", category=UserWarning)
        try:
            yield
        except UserWarning as warning:
            if not str(warning).startswith("Glyph"):
                raise
            raise MissingGlyphError(f"{where}: {warning}") from warning


PNG_DPI = 120
"""Resolution of the notebooks' PNG copies (768 x 480 pixels for the default size)."""

_HEX_COLOUR = re.compile(rb"#[0-9a-f]{6}\b")


def _palette_colours(theme: Theme) -> list[str]:
    palette = PALETTES[theme]
    return [palette.background, palette.foreground, palette.muted, palette.grid, *palette.cycle]


DARK_OF_LIGHT: dict[bytes, bytes] = {
    light.encode(): dark.encode()
    for light, dark in zip(_palette_colours("light"), _palette_colours("dark"), strict=True)
}
"""Each colour of the light palette (as matplotlib writes it in SVG) and its dark twin."""


def to_dark(svg: bytes) -> bytes:
    """Turn a figure's light SVG into its dark SVG: swap each light palette colour.

    Colours that are not the palette's (a colour map, an explicit colour) stay as they are,
    as they would if the figure were drawn in the dark style.

    Examples
    --------
    >>> to_dark(b'<rect style="fill: #ffffff; stroke: #0068c9"/><path fill="#123456"/>')
    b'<rect style="fill: #1e2129; stroke: #5eb0ff"/><path fill="#123456"/>'
    """
    return _HEX_COLOUR.sub(lambda m: DARK_OF_LIGHT.get(m.group(0), m.group(0)), svg)


@dataclass(frozen=True)
class Rendering:
    """One language of a figure: the light and dark SVG and the notebooks' PNG (bytes)."""

    light: bytes
    dark: bytes
    png: bytes


def draw(spec: FigureSpec, lang: Lang) -> Figure:
    """Draw a figure in ``lang`` in the light palette (inside :func:`book_style`)."""
    _check_lang(lang)
    fig = Figure(figsize=spec.size, layout="constrained")
    spec.function(fig, lang)
    return fig


def render(spec: FigureSpec, lang: Lang) -> Rendering:
    """Draw a figure once in ``lang`` and save the drawing as SVG (light, dark) and PNG.

    The SVGs are deterministic (fixed ids, no date) and need no fonts (glyphs are paths).

    Raises
    ------
    MissingGlyphError
        If a character has no glyph in the book's fonts.
    """
    where = f"figure {spec.name} ({lang})"
    svg, png = io.BytesIO(), io.BytesIO()
    with book_style("light"), _missing_glyphs_raise(where):
        fig = draw(spec, lang)
        fig.savefig(svg, format="svg", metadata={"Date": None})
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    light = svg.getvalue()
    return Rendering(light, to_dark(light), png.getvalue())


def render_dark_directly(spec: FigureSpec, lang: Lang) -> bytes:
    """Draw a figure in the dark style itself (what :func:`to_dark` must reproduce)."""
    buffer = io.BytesIO()
    with book_style("dark"), _missing_glyphs_raise(f"figure {spec.name} ({lang}, dark)"):
        draw(spec, lang).savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def file_names(name: str, *, by_language: bool) -> dict[Lang, dict[str, str]]:
    """Return the file of every language and variant (``light``, ``dark``, ``png``).

    Examples
    --------
    >>> file_names("ch02-x", by_language=False)["ko"]
    {'light': 'ch02-x.light.svg', 'dark': 'ch02-x.dark.svg', 'png': 'ch02-x.png'}
    >>> file_names("ch02-x", by_language=True)["ko"]["dark"]
    'ch02-x.ko.dark.svg'
    """
    infix = {lang: f".{lang}" if by_language else "" for lang in LANGS}
    return {
        lang: {
            "light": f"{name}{infix[lang]}.light.svg",
            "dark": f"{name}{infix[lang]}.dark.svg",
            "png": f"{name}{infix[lang]}.png",
        }
        for lang in LANGS
    }


def render_variants(spec: FigureSpec) -> tuple[dict[Lang, dict[str, str]], dict[str, bytes]]:
    """Render a figure in both languages, one drawing each.

    When the two languages give identical SVGs the figure has no words and one set of
    files (``name.light.svg``, ``name.dark.svg``, ``name.png``) serves both.

    Returns
    -------
    files : dict
        ``files[lang][variant]``: the file name for a language and a variant.
    contents : dict
        File name to bytes, one entry per distinct file.
    """
    renderings = {lang: render(spec, lang) for lang in LANGS}
    by_language = renderings["en"].light != renderings["ko"].light
    files = file_names(spec.name, by_language=by_language)
    contents = {
        files[lang][variant]: getattr(renderings[lang], variant)
        for lang in LANGS
        for variant in ("light", "dark", "png")
    }
    return files, contents
