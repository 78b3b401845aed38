"""Chapter 7's runs that its facts and its figures both use, computed once per process.

The chapter's facts and figures are computed in one worker process (:mod:`book.build`), so a
cached run here is done once for both.
"""

from __future__ import annotations

import functools

import gdbook
from book.chapters.ch07.params import (
    ESCAPE_NU,
    ESCAPE_SCHEDULE,
    ESCAPE_SEEDS,
    ESCAPE_STEPS,
    ESCAPE_X0,
)


@functools.cache
def escape_finals() -> tuple[float, ...]:
    """The final x of noisy GD on the double well (``escape.py``) for seeds 0, 1, ..., 199."""
    well = gdbook.DoubleWell()
    return tuple(
        float(
            gdbook.noisy_gradient_descent(
                well,
                ESCAPE_X0,
                learning_rate=ESCAPE_SCHEDULE,
                steps=ESCAPE_STEPS,
                noise_std=ESCAPE_NU,
                seed=seed,
            ).final[0]
        )
        for seed in range(ESCAPE_SEEDS)
    )
