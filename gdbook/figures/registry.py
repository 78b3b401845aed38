"""The registry of the book's figures, and their rendering to SVG.

A figure is a function ``draw(fig, lang) -> None`` registered with :func:`register` in
``gdbook/figures/chNN.py``. It draws on the ``matplotlib.figure.Figure`` it is given (never
pyplot), takes its words from ``lang`` and never sets rcParams: :func:`render_svg` draws it
inside :func:`gdbook.plotting.book_style` once per palette, and once per language when it
draws words.

Examples
--------
>>> spec = get_figure("ch02-lr-traces")
>>> spec.alt["en"].startswith("Three panels")
True
>>> render_svg(spec, "en", "light")[:5]
b'<?xml'
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar, get_args

from matplotlib.figure import Figure

from gdbook.plotting import Theme, book_style

__all__ = [
    "LANGS",
    "THEMES",
    "FigureFunction",
    "FigureSpec",
    "Lang",
    "MissingGlyphError",
    "NotebookFigure",
    "all_figures",
    "get_figure",
    "needs_language",
    "register",
    "render_svg",
    "render_variants",
    "show",
    "variant_file_names",
]

Lang = Literal["en", "ko"]
"""A language of the book: ``"en"`` (English) or ``"ko"`` (Korean)."""

LANGS: tuple[Lang, ...] = get_args(Lang)
THEMES: tuple[Theme, ...] = get_args(Theme)

FigureFunction = Callable[[Figure, Lang], None]
"""``draw(fig, lang)``: draws one book figure on ``fig`` with words in ``lang``."""

F = TypeVar("F", bound=FigureFunction)
FigureT = TypeVar("FigureT", bound=Figure)

NAME = re.compile(r"ch\d\d-[a-z0-9]+(?:-[a-z0-9]+)*")
CHAPTER_MODULE = re.compile(r"ch\d\d")


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
        The module that defines ``function``, e.g. ``"gdbook.figures.ch02"``.
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
    chapter = module.rsplit(".", 1)[-1]
    if module.startswith("gdbook.figures.") and not name.startswith(f"{chapter}-"):
        raise ValueError(f"Figure {name!r} is defined in {module}; name it '{chapter}-...'.")


def _check_size(name: str, size: tuple[float, float]) -> tuple[float, float]:
    width, height = (float(v) for v in size)
    if not (width > 0 and height > 0):
        raise ValueError(f"Figure {name!r}: size must be two positive inches. Got {size}.")
    return width, height


def register(
    name: str,
    *,
    alt: Mapping[str, str],
    caption: Mapping[str, str],
    size: tuple[float, float] = (6.4, 4.0),
) -> Callable[[F], F]:
    """Register a figure function under ``name`` (a decorator).

    Parameters
    ----------
    name : str
        ``chNN-what``; ``NN`` must be the chapter of the module that registers it.
    alt : dict
        ``{"en": ..., "ko": ...}``: what the figure shows, for readers who cannot see it.
    caption : dict
        ``{"en": ..., "ko": ...}``: the caption under the figure.
    size : (float, float), default (6.4, 4.0)
        Width and height in inches.

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
        module = function.__module__
        _check_name(name, module)
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
    """Return the full names of the chapter modules, ``gdbook.figures.chNN``, sorted."""
    package = importlib.import_module("gdbook.figures")
    names = (m.name for m in pkgutil.iter_modules(package.__path__))
    return sorted(f"gdbook.figures.{n}" for n in names if CHAPTER_MODULE.fullmatch(n))


def all_figures() -> list[FigureSpec]:
    """Import every chapter module and return all registered figures, sorted by name."""
    for module in chapter_modules():
        importlib.import_module(module)
    return sorted(_REGISTRY.values(), key=lambda spec: spec.name)


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


def _check_variant(lang: str, theme: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'en' or 'ko'. Got {lang!r} instead.")
    if theme not in THEMES:
        raise ValueError(f"theme must be 'light' or 'dark'. Got {theme!r} instead.")


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


def _draw(spec: FigureSpec, lang: Lang, figure_class: type[FigureT]) -> FigureT:
    fig = figure_class(figsize=spec.size, layout="constrained")
    spec.function(fig, lang)
    return fig


def render_svg(spec: FigureSpec, lang: Lang, theme: Theme) -> bytes:
    """Draw a figure in one language and palette and return it as SVG.

    The SVG is deterministic (fixed ids, no date) and needs no fonts (glyphs are paths).

    Parameters
    ----------
    spec : FigureSpec
        The figure, e.g. ``get_figure("ch02-lr-traces")``.
    lang : {"en", "ko"}
        The language of its words.
    theme : {"light", "dark"}
        The palette.

    Returns
    -------
    bytes
        The SVG document.

    Raises
    ------
    MissingGlyphError
        If a character has no glyph in the book's fonts.
    """
    _check_variant(lang, theme)
    buffer = io.BytesIO()
    with book_style(theme), _missing_glyphs_raise(f"figure {spec.name} ({lang}, {theme})"):
        fig = _draw(spec, lang, Figure)
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def variant_file_names(name: str, *, by_language: bool) -> dict[Lang, dict[Theme, str]]:
    """Return the SVG file name of every (language, palette) of a figure.

    Examples
    --------
    >>> variant_file_names("ch02-x", by_language=False)["ko"]
    {'light': 'ch02-x.light.svg', 'dark': 'ch02-x.dark.svg'}
    >>> variant_file_names("ch02-x", by_language=True)["ko"]["dark"]
    'ch02-x.ko.dark.svg'
    """
    return {
        lang: {
            theme: f"{name}.{lang}.{theme}.svg" if by_language else f"{name}.{theme}.svg"
            for theme in THEMES
        }
        for lang in LANGS
    }


def render_variants(spec: FigureSpec) -> tuple[dict[Lang, dict[Theme, str]], dict[str, bytes]]:
    """Render every variant a figure needs.

    Both languages are drawn in both palettes; when the two languages give identical SVGs
    the figure has no words and only ``name.light.svg`` and ``name.dark.svg`` are kept.

    Returns
    -------
    files : dict
        ``files[lang][theme]`` is the file name to show for that language and palette.
    contents : dict
        File name to SVG bytes, one entry per distinct file.
    """
    svgs = {(lang, theme): render_svg(spec, lang, theme) for lang in LANGS for theme in THEMES}
    by_language = any(svgs["en", theme] != svgs["ko", theme] for theme in THEMES)
    files = variant_file_names(spec.name, by_language=by_language)
    contents = {files[lang][theme]: svg for (lang, theme), svg in svgs.items()}
    return files, contents


def needs_language(spec: FigureSpec) -> bool:
    """Whether a figure draws words (its English and Korean renderings differ)."""
    return render_svg(spec, "en", "light") != render_svg(spec, "ko", "light")


class NotebookFigure(Figure):
    """A figure that Jupyter displays inline as PNG in the book's light style.

    Made without pyplot, so it needs no backend and leaves no open figures behind.
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        with book_style("light"):
            self.savefig(buffer, format="png", dpi=120)
        return buffer.getvalue()


def show(name: str, lang: Lang = "en") -> NotebookFigure:
    """Draw a book figure for display in a notebook (light palette).

    Parameters
    ----------
    name : str
        The figure's name, e.g. ``"ch02-lr-traces"``.
    lang : {"en", "ko"}, default "en"
        The language of its words.

    Returns
    -------
    NotebookFigure
        A ``matplotlib.figure.Figure``; as the last expression of a cell it shows inline.

    Examples
    --------
    >>> fig = show("ch02-lr-traces", "ko")
    >>> len(fig.axes)
    3
    """
    _check_variant(lang, "light")
    spec = get_figure(name)
    with book_style("light"), _missing_glyphs_raise(f"figure {name} ({lang})"):
        fig = _draw(spec, lang, NotebookFigure)
        fig.draw_without_rendering()  # creates ticks and text while the style is active
    return fig
