"""Data for the book's interactive explorers, computed with gdbook at build time.

An explorer is a ``<div class="gd-explorer">`` (see :func:`explorer_html`) that
``docs/javascripts/explorers.js`` turns into a slider, a drawing and a read-out. The browser
computes nothing: every trajectory, curve, contour line and printed value comes from the JSON
files written here by gdbook's own drivers, so the explorer shows exactly what the book's
code prints.

============  =================================================================================
name          what the reader varies
============  =================================================================================
``gd-1d``     the learning rate (0.01 to 1.10) and start of 10 GD steps on f(x) = x²
``gd-2d``     the learning rate (0.01 to 0.55) of 20 GD steps on f(x) = x₁² + 2x₂² from (−5, −2)
``minibatch`` the batch size (1 to n) of minibatch SGD on the book's regression data, for a
              fixed budget of 2000 examples processed
============  =================================================================================

Each explorer's settings and data function live in its chapter's ``explorers.py``; this
module holds what they share (rounding, contour lines, the placeholder HTML).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

EXPLORERS_URL_DIR = "explorers"
"""The folder of the site (relative to its root) that holds the explorers' JSON files."""

SIGNIFICANT = 6

NOSCRIPT = {
    "en": "The interactive explorer needs JavaScript.",
    "ko": "이 대화형 탐색기를 쓰려면 JavaScript를 켜야 한다.",
}
LOADING = {"en": "Loading the explorer…", "ko": "탐색기를 불러오는 중…"}


def sig(value: float, digits: int = SIGNIFICANT) -> float:
    """Round to ``digits`` significant digits, as ``f"{value:.6g}"`` prints it.

    Examples
    --------
    >>> sig(0.060466176)
    0.0604662
    """
    return float(f"{value:.{digits}g}")


def text(value: float) -> str:
    """Format a value as the explorers print it: six significant digits.

    Examples
    --------
    >>> text(10 * 0.6**10)
    '0.0604662'
    """
    return f"{value:.{SIGNIFICANT}g}"


def grid(start: int, stop: int, scale: int = 100) -> list[float]:
    """Return ``start/scale, ..., stop/scale``: exact decimals such as 0.07, not 0.07000000001.

    Examples
    --------
    >>> grid(1, 5)
    [0.01, 0.02, 0.03, 0.04, 0.05]
    """
    return [k / scale for k in range(start, stop + 1)]


def sigs(values: Iterable[float]) -> list[float]:
    return [sig(float(v)) for v in values]


def thin(count: int, limit: int) -> NDArray[np.intp]:
    # At most `limit` indices out of range(count), evenly spread, first and last included.
    if count <= limit:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, limit).round().astype(np.intp))


def contours(
    f: Callable[[NDArray[np.float64]], float],
    view: tuple[tuple[float, float], tuple[float, float]],
    levels: Sequence[float],
    num: int = 81,
) -> list[dict[str, Any]]:
    """Contour polylines of ``f`` over ``view``, flattened to ``[x0, y0, x1, y1, ...]``."""
    from contourpy import contour_generator

    xs = np.linspace(*view[0], num)
    ys = np.linspace(*view[1], num)
    zz = np.array([[f(np.array([x, y])) for x in xs] for y in ys])
    generator = contour_generator(xs, ys, zz)
    result = []
    for level in levels:
        lines = generator.lines(level)
        flat = [[round(float(v), 3) for v in np.asarray(line).ravel()] for line in lines]
        result.append({"level": sig(level), "lines": flat})
    return result


Builder = Callable[[], dict[str, Any]]


def chapter_explorers() -> dict[str, tuple[str, Builder]]:
    """Every explorer of the book: ``name -> (chapter name, data function)``.

    A chapter declares its explorers in ``book/chapters/chNN/explorers.py`` as
    ``EXPLORERS = {"name": data_function}``.
    """
    from book.chapters import CHAPTERS

    found: dict[str, tuple[str, Builder]] = {}
    for chapter in CHAPTERS:
        if chapter.has_module("explorers"):
            for name, build in chapter.module("explorers").EXPLORERS.items():
                found[name] = (chapter.name, build)
    return found


def explorer_payload(build: Builder) -> bytes:
    """Compute an explorer's data and return it as the compact JSON the page loads."""
    return (json.dumps(build(), separators=(",", ":"), ensure_ascii=False) + "\n").encode()


def explorer_html(name: str, lang: str, base_url: str) -> str:
    """Return the placeholder ``<div>`` that ``explorers.js`` turns into an explorer.

    Parameters
    ----------
    name : {"gd-1d", "gd-2d", "minibatch", "momentum"}
        The explorer.
    lang : {"en", "ko"}
        The page's language (labels of the controls).
    base_url : str
        The URL of the site root relative to the page; the data is in
        ``<base_url>/explorers/<name>.json``.

    Returns
    -------
    str
        One line of HTML.

    Raises
    ------
    KeyError
        For an unknown explorer or language.

    Examples
    --------
    >>> print(explorer_html("gd-1d", "en", "..").replace("><", ">\\n<"))
    <div class="gd-explorer" data-explorer="gd-1d" data-src="../explorers/gd-1d.json" data-lang="en">
    <p class="gd-explorer-loading">Loading the explorer…</p>
    <noscript>The interactive explorer needs JavaScript.</noscript>
    </div>
    """
    known = chapter_explorers()
    if name not in known:
        raise KeyError(f"No explorer {name!r}. Known explorers: {', '.join(known)}.")
    if lang not in NOSCRIPT:
        raise KeyError(f"lang must be 'en' or 'ko'. Got {lang!r} instead.")
    base = f"{base_url.rstrip('/')}/{EXPLORERS_URL_DIR}" if base_url else EXPLORERS_URL_DIR
    src = html.escape(f"{base}/{name}.json", quote=True)
    return (
        f'<div class="gd-explorer" data-explorer="{name}" data-src="{src}" data-lang="{lang}">'
        f'<p class="gd-explorer-loading">{LOADING[lang]}</p>'
        f"<noscript>{NOSCRIPT[lang]}</noscript></div>"
    )
