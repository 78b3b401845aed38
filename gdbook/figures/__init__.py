"""The book's figures: one function per figure, registered in ``chNN.py`` per chapter.

Importing this package imports matplotlib but no chapter module; :func:`all_figures`
imports them all. See :mod:`gdbook.figures.registry` for how figures are rendered.
"""

from gdbook.figures.registry import (
    LANGS,
    THEMES,
    FigureFunction,
    FigureSpec,
    Lang,
    MissingGlyphError,
    NotebookFigure,
    all_figures,
    get_figure,
    needs_language,
    register,
    render_svg,
    render_variants,
    show,
    variant_file_names,
)

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
