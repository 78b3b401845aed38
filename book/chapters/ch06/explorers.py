"""The explorer of chapter 6, ``minibatch``: the batch size (1 to n) of minibatch SGD on the book's regression data, for a fixed budget of 2000 examples processed.

Its data is computed here with gdbook's own drivers at build time; the browser only looks
values up (``docs/javascripts/explorers.js``), so the explorer shows what the book's code prints.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import gdbook
from book.explorers import contours, sig, sigs, text, thin

MINIBATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000)
MINIBATCH_BUDGET = 2000
MINIBATCH_LEARNING_RATE = 0.05
MINIBATCH_SEED = 42
MINIBATCH_POINTS = 200


def _minibatch_run(problem: gdbook.LeastSquares, batch_size: int) -> dict[str, Any]:
    epochs = MINIBATCH_BUDGET // problem.n
    run = gdbook.minibatch_sgd(
        problem,
        np.zeros(problem.dim),
        learning_rate=MINIBATCH_LEARNING_RATE,
        batch_size=batch_size,
        epochs=epochs,
        seed=MINIBATCH_SEED,
        loss_every=1,
    )
    keep = thin(len(run.losses), MINIBATCH_POINTS)
    return {
        "batch_size": batch_size,
        "updates": run.steps,
        "examples": [int(v) for v in run.examples[keep]],
        "intercept": sigs(run.iterates[keep, 0]),
        "slope": sigs(run.iterates[keep, 1]),
        "loss": sigs(run.losses[keep]),
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
        "solution": sigs(solution),
        "min_loss": sig(best),
        "view": {"x": [float(v) for v in view[0]], "y": [float(v) for v in view[1]]},
        "contours": contours(problem, view, levels),
        "runs": runs,
    }


EXPLORERS = {"minibatch": minibatch_data}
