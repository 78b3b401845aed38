"""A figure's HTML: its light and dark SVG, sized and lazy, for a page in one language.

The chapter pages (``{{ figure("name") }}``, ``book/hooks/macros.py``) and the notebook
pages (``book/notebookpage.py``) show a figure with the same two ``<img>`` elements.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

FIGURES_URL_DIR = "figures"
"""Where the figures are in the built site."""


def figure_images(entry: Mapping[str, Any], lang: str, base_url: str) -> str:
    """Return the figure's two ``<img>`` elements for a page in ``lang``.

    The light one is marked ``#only-light`` and the dark one ``#only-dark`` (Material
    shows the one matching the palette); both have the alt text, the SVG's width and height
    (no layout shift) and lazy loading, so a figure below the first screen is not fetched
    until the reader scrolls near it, and the hidden palette's figure never is.

    Parameters
    ----------
    entry : mapping
        The figure's files, alt texts, captions and size (:class:`book.build.Artefacts`).
    lang : {"en", "ko"}
        The page's language.
    base_url : str
        The URL of the site root relative to the page (``"."``, ``"../.."``).

    Examples
    --------
    >>> entry = {"files": {"en": {"light": "a.light.svg", "dark": "a.dark.svg"}},
    ...          "alt": {"en": "A <line>"}, "width": 614, "height": 384}
    >>> print(figure_images(entry, "en", "..").replace("><", ">\\n<"))
    <img src="../figures/a.light.svg#only-light" alt="A &lt;line&gt;" width="614" height="384" loading="lazy" decoding="async">
    <img src="../figures/a.dark.svg#only-dark" alt="A &lt;line&gt;" width="614" height="384" loading="lazy" decoding="async">
    """
    files = entry["files"][lang]
    alt = html.escape(entry["alt"][lang], quote=True)
    base = f"{base_url.rstrip('/')}/{FIGURES_URL_DIR}" if base_url else FIGURES_URL_DIR
    size = f'width="{int(entry["width"])}" height="{int(entry["height"])}"'
    return "".join(
        f'<img src="{base}/{html.escape(files[theme])}#only-{theme}" alt="{alt}" {size} '
        'loading="lazy" decoding="async">'
        for theme in ("light", "dark")
    )


def figure_html(entry: Mapping[str, Any], lang: str, base_url: str) -> str:
    r"""Return the Markdown (HTML) of a figure for a page in ``lang``.

    The two images of :func:`figure_images` (same parameters) and a ``<figcaption>``. The
    figure is parsed as Markdown (``md_in_html``, ``markdown="span"``), so the caption's
    ``$...$`` math goes through arithmatex like any other formula of the page.

    Examples
    --------
    >>> entry = {"files": {"en": {"light": "a.light.svg", "dark": "a.dark.svg"}},
    ...          "alt": {"en": "A line"}, "caption": {"en": "A $x$ line"},
    ...          "width": 614, "height": 384}
    >>> print(figure_html(entry, "en", "..").replace("><", ">\n<"))
    <figure class="gd-figure" markdown="span">
    <img src="../figures/a.light.svg#only-light" alt="A line" width="614" height="384" loading="lazy" decoding="async">
    <img src="../figures/a.dark.svg#only-dark" alt="A line" width="614" height="384" loading="lazy" decoding="async">
    <figcaption>A $x$ line</figcaption>
    </figure>
    """
    images = figure_images(entry, lang, base_url)
    caption = entry["caption"][lang]
    return f'<figure class="gd-figure" markdown="span">{images}<figcaption>{caption}</figcaption></figure>'


__all__ = ["FIGURES_URL_DIR", "figure_html", "figure_images"]
