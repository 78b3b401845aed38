"""The explorer of chapter 2, ``gd-1d``: the learning rate (0.01 to 1.10) and start of 10 GD steps on f(x) = x².

Its data is computed here with gdbook's own drivers at build time; the browser only looks
values up (``docs/javascripts/explorers.js``), so the explorer shows what the book's code prints.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import gdbook
from book.chapters.ch02.params import ETA, STEPS, X0
from book.explorers import grid, sig, sigs, text

GD1D_STARTS = (-X0, -X0 / 2, X0 / 2, X0)
GD1D_STEPS = STEPS


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
                {"x": sigs(xs), "f": sigs(run.losses), "final": text(float(run.final[0]))}
            )
    half = float(np.ceil(reach * 1.1))
    curve_x = np.linspace(-half, half, 401)
    limit = 2.0 / objective.lipschitz
    return {
        "name": "gd-1d",
        "steps": GD1D_STEPS,
        "etas": etas,
        "default_eta": ETA,
        "starts": [x0 for x0 in GD1D_STARTS],
        "default_start": X0,
        "stability_limit": sig(limit),
        "stable": [eta < limit for eta in etas],
        "curve": {"x": sigs(curve_x), "y": sigs(objective(float(x)) for x in curve_x)},
        "runs": runs,
    }


EXPLORERS = {"gd-1d": gd_1d_data}
