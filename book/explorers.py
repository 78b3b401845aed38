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

Run ``python -m book.explorers OUT_DIR`` to write the files by hand.
"""

from __future__ import annotations

import html
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

import gdbook

EXPLORERS = ("gd-1d", "gd-2d", "minibatch")
EXPLORERS_URL_DIR = "explorers"
"""The folder of the site (relative to its root) that holds the explorers' JSON files."""

SIGNIFICANT = 6

GD1D_STARTS = (-10.0, -5.0, 5.0, 10.0)
GD1D_STEPS = 10
GD2D_START = (-5.0, -2.0)
GD2D_STEPS = 20
GD2D_VIEW = ((-6.0, 6.0), (-4.0, 4.0))
GD2D_LEVELS = (1.0, 4.0, 9.0, 16.0, 25.0, 36.0, 49.0, 64.0)
MINIBATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000)
MINIBATCH_BUDGET = 2000
MINIBATCH_LEARNING_RATE = 0.05
MINIBATCH_SEED = 42
MINIBATCH_POINTS = 200

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


def _sigs(values: Iterable[float]) -> list[float]:
    return [sig(float(v)) for v in values]


def _thin(count: int, limit: int) -> NDArray[np.intp]:
    # At most `limit` indices out of range(count), evenly spread, first and last included.
    if count <= limit:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, limit).round().astype(np.intp))


def _contours(
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


def gd_1d_data() -> dict[str, Any]:
    """Ten GD steps on f(x) = x² for every learning rate 0.01, ..., 1.10 and start ±5, ±10."""
    objective = gdbook.Quadratic((2.0,))
    etas = grid(1, 110)
    runs: dict[str, list[dict[str, Any]]] = {}
    reach = 0.0
    for x0 in GD1D_STARTS:
        runs[f"{x0:g}"] = []
        for eta in etas:
            run = gdbook.gradient_descent(objective, x0, learning_rate=eta, steps=GD1D_STEPS)
            xs = run.iterates[:, 0]
            reach = max(reach, float(np.abs(xs).max()))
            runs[f"{x0:g}"].append(
                {"x": _sigs(xs), "f": _sigs(run.losses), "final": text(float(run.final[0]))}
            )
    half = float(np.ceil(reach * 1.1))
    curve_x = np.linspace(-half, half, 401)
    limit = 2.0 / objective.lipschitz
    return {
        "name": "gd-1d",
        "steps": GD1D_STEPS,
        "etas": etas,
        "default_eta": 0.2,
        "starts": [x0 for x0 in GD1D_STARTS],
        "default_start": 10.0,
        "stability_limit": sig(limit),
        "stable": [eta < limit for eta in etas],
        "curve": {"x": _sigs(curve_x), "y": _sigs(objective(float(x)) for x in curve_x)},
        "runs": runs,
    }


def gd_2d_data() -> dict[str, Any]:
    """Twenty GD steps on f(x) = x₁² + 2x₂² from (−5, −2) for η = 0.01, ..., 0.55."""
    objective = gdbook.Quadratic((2.0, 4.0))
    etas = grid(1, 55)
    runs = []
    for eta in etas:
        run = gdbook.gradient_descent(objective, GD2D_START, learning_rate=eta, steps=GD2D_STEPS)
        runs.append(
            {
                "x1": _sigs(run.iterates[:, 0]),
                "x2": _sigs(run.iterates[:, 1]),
                "final": [text(float(v)) for v in run.final],
                "final_loss": text(float(run.losses[-1])),
            }
        )
    limit = 2.0 / objective.lipschitz
    return {
        "name": "gd-2d",
        "steps": GD2D_STEPS,
        "start": list(GD2D_START),
        "etas": etas,
        "default_eta": 0.1,
        "stability_limit": sig(limit),
        "stable": [eta < limit for eta in etas],
        "view": {"x": list(GD2D_VIEW[0]), "y": list(GD2D_VIEW[1])},
        "contours": _contours(objective, GD2D_VIEW, GD2D_LEVELS),
        "runs": runs,
    }


def _minibatch_run(problem: gdbook.LeastSquares, batch_size: int) -> dict[str, Any]:
    epochs = MINIBATCH_BUDGET // problem.n
    run = gdbook.minibatch_sgd(
        problem,
        np.zeros(problem.dim),
        learning_rate=MINIBATCH_LEARNING_RATE,
        batch_size=batch_size,
        epochs=epochs,
        seed=MINIBATCH_SEED,
    )
    keep = _thin(len(run.losses), MINIBATCH_POINTS)
    return {
        "batch_size": batch_size,
        "updates": run.steps,
        "examples": [int(v) for v in run.examples[keep]],
        "intercept": _sigs(run.iterates[keep, 0]),
        "slope": _sigs(run.iterates[keep, 1]),
        "loss": _sigs(run.losses[keep]),
        "final": [text(float(v)) for v in run.final],
        "final_loss": text(float(run.losses[-1])),
    }


def minibatch_data() -> dict[str, Any]:
    """Minibatch SGD on the book's regression data: 2000 examples for each batch size."""
    data = gdbook.book_regression()
    problem = gdbook.LeastSquares(data.X, data.y)
    if MINIBATCH_BUDGET % problem.n:
        raise ValueError("The example budget must be a whole number of epochs.")
    runs = [_minibatch_run(problem, b) for b in MINIBATCH_SIZES]
    solution = problem.solve()
    best = problem(solution)
    intercepts = [v for r in runs for v in r["intercept"]] + [float(solution[0])]
    slopes = [v for r in runs for v in r["slope"]] + [float(solution[1])]
    view = (
        (np.floor(min(intercepts)) - 0.5, np.ceil(max(intercepts)) + 0.5),
        (np.floor(min(slopes)) - 0.5, np.ceil(max(slopes)) + 0.5),
    )
    levels = [best + d for d in (0.05, 0.2, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)]
    return {
        "name": "minibatch",
        "n": problem.n,
        "budget": MINIBATCH_BUDGET,
        "learning_rate": MINIBATCH_LEARNING_RATE,
        "seed": MINIBATCH_SEED,
        "start": [0.0, 0.0],
        "batch_sizes": list(MINIBATCH_SIZES),
        "default_batch_size": 16,
        "solution": _sigs(solution),
        "min_loss": sig(best),
        "view": {"x": [float(v) for v in view[0]], "y": [float(v) for v in view[1]]},
        "contours": _contours(problem, view, levels),
        "runs": runs,
    }


BUILDERS: dict[str, Callable[[], dict[str, Any]]] = {
    "gd-1d": gd_1d_data,
    "gd-2d": gd_2d_data,
    "minibatch": minibatch_data,
}


def build_explorer_data(out_dir: Path) -> dict[str, Path]:
    """Write ``<name>.json`` for every explorer into ``out_dir``.

    Parameters
    ----------
    out_dir : Path
        Normally ``<site_dir>/explorers`` (:data:`EXPLORERS_URL_DIR`).

    Returns
    -------
    dict of str to Path
        The file written for each explorer name.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, build in BUILDERS.items():
        path = out_dir / f"{name}.json"
        payload = json.dumps(build(), separators=(",", ":"), ensure_ascii=False)
        path.write_text(payload + "\n", encoding="utf-8")
        written[name] = path
    return written


def explorer_html(name: str, lang: str, base_url: str) -> str:
    """Return the placeholder ``<div>`` that ``explorers.js`` turns into an explorer.

    Parameters
    ----------
    name : {"gd-1d", "gd-2d", "minibatch"}
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
    if name not in BUILDERS:
        raise KeyError(f"No explorer {name!r}. Known explorers: {', '.join(BUILDERS)}.")
    if lang not in NOSCRIPT:
        raise KeyError(f"lang must be 'en' or 'ko'. Got {lang!r} instead.")
    base = f"{base_url.rstrip('/')}/{EXPLORERS_URL_DIR}" if base_url else EXPLORERS_URL_DIR
    src = html.escape(f"{base}/{name}.json", quote=True)
    return (
        f'<div class="gd-explorer" data-explorer="{name}" data-src="{src}" data-lang="{lang}">'
        f'<p class="gd-explorer-loading">{LOADING[lang]}</p>'
        f"<noscript>{NOSCRIPT[lang]}</noscript></div>"
    )


if __name__ == "__main__":
    for explorer, file in build_explorer_data(Path(sys.argv[1])).items():
        print(f"explorer {explorer:<12} {file.stat().st_size / 1024:6.1f} KB")
