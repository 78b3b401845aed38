"""The explorer of chapter 3, ``gd-2d``: the learning rate (0.01 to 0.55) of 20 GD steps on f(x) = x₁² + 2x₂² from (−5, −2).

Its data is computed here with gdbook's own drivers at build time; the browser only looks
values up (``docs/javascripts/explorers.js``), so the explorer shows what the book's code prints.
"""

from __future__ import annotations

from typing import Any

import gdbook
from book.chapters.ch03.params import CURVATURES, START, STEPS
from book.explorers import contours, grid, sig, sigs, text

GD2D_START, GD2D_STEPS = START, STEPS
GD2D_VIEW = ((-6.0, 6.0), (-4.0, 4.0))
GD2D_LEVELS = (1.0, 4.0, 9.0, 16.0, 25.0, 36.0, 49.0, 64.0)


def gd_2d_data() -> dict[str, Any]:
    """Twenty GD steps on f(x) = x₁² + 2x₂² from (−5, −2) for η = 0.01, ..., 0.55."""
    objective = gdbook.Quadratic(CURVATURES)
    etas = grid(1, 55)
    runs = []
    for eta in etas:
        run = gdbook.gradient_descent(objective, GD2D_START, learning_rate=eta, steps=GD2D_STEPS)
        runs.append(
            {
                "x1": sigs(run.iterates[:, 0]),
                "x2": sigs(run.iterates[:, 1]),
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
        "contours": contours(objective, GD2D_VIEW, GD2D_LEVELS),
        "runs": runs,
    }


EXPLORERS = {"gd-2d": gd_2d_data}
