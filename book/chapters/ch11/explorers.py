"""The explorer of chapter 11, ``momentum``: the learning rate (0.01 to 0.18) and the momentum
(0 to 0.9) of 30 heavy-ball steps on the valley f(x) = x₁² + 10x₂² from (−5, −2).

Its data is computed here with gdbook's own driver (``update=momentum(beta)``) at build time;
the browser only looks values up (``docs/javascripts/explorers.js``), so the explorer shows
what the book's code prints.
"""

from __future__ import annotations

from typing import Any

import gdbook
from book.chapters.ch11 import runs
from book.chapters.ch11.params import CURVATURES, START, STEPS
from book.explorers import contours, grid, sig, text

MOMENTUM_START, MOMENTUM_STEPS = START, STEPS
MOMENTUM_VIEW = ((-6.0, 6.0), (-3.0, 3.0))
MOMENTUM_LEVELS = (0.5, 2.0, 5.0, 10.0, 20.0, 35.0, 55.0, 80.0)
#: Path coordinates are only drawn: two decimals, and clipped far outside the view.
_DRAWN = 999.0


def _drawn(values: Any) -> list[float]:
    return [round(max(-_DRAWN, min(_DRAWN, float(v))), 2) for v in values]


def momentum_etas() -> list[float]:
    """The learning rates of the explorer's first slider: 0.01, 0.02, ..., 0.18."""
    return grid(1, 18)


def momentum_betas() -> list[float]:
    """The momentum values of its second slider: 0, 0.1, ..., 0.9."""
    return grid(0, 9, 10)


def momentum_data() -> dict[str, Any]:
    """Thirty heavy-ball steps on the valley for eta = 0.01..0.18 and beta = 0, 0.1, ..., 0.9."""
    objective = gdbook.Quadratic(CURVATURES)
    etas = momentum_etas()
    betas = momentum_betas()
    lipschitz = objective.lipschitz
    table = []
    for beta in betas:
        row = []
        for eta in etas:
            run = gdbook.gradient_descent(
                objective,
                MOMENTUM_START,
                learning_rate=eta,
                steps=MOMENTUM_STEPS,
                update=gdbook.momentum(beta),
            )
            row.append(
                {
                    "x1": _drawn(run.iterates[:, 0]),
                    "x2": _drawn(run.iterates[:, 1]),
                    "final": [text(float(v)) for v in run.final],
                    "final_loss": text(float(run.losses[-1])),
                    "rate": text(runs.heavy_ball_rate(eta, beta, CURVATURES)),
                }
            )
        table.append(row)
    return {
        "name": "momentum",
        "steps": MOMENTUM_STEPS,
        "start": list(MOMENTUM_START),
        "etas": etas,
        "betas": betas,
        "default_eta": 0.05,
        "default_beta": 0.5,
        # Converges exactly when eta L < 2 (1 + beta) (the largest curvature decides).
        "limits": [sig(2 * (1 + beta) / lipschitz) for beta in betas],
        "view": {"x": list(MOMENTUM_VIEW[0]), "y": list(MOMENTUM_VIEW[1])},
        "contours": contours(objective, MOMENTUM_VIEW, MOMENTUM_LEVELS),
        "runs": table,
    }


EXPLORERS = {"momentum": momentum_data}
