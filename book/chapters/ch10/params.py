"""Chapter 10's parameters, read from the page code that shows them (:func:`page_literals`).

``setup.py``: simulated SGD on the bowl f(x) = x1^2 + 2 x2^2 from (-5, -2), gradient noise of
standard deviation 1 per coordinate, ``copies`` independent runs stacked side by side;
``tradeoff.py``: constant rates at one horizon; ``measured.py``: the horizons T; ``worst_case.py``: the one-dimensional runs per horizon;
``decaying.py``: the length of the decaying-rate run.
"""

from __future__ import annotations

import numpy as np

from book.chapters import page_literals

_SETUP = page_literals(10, "setup")
_TRADEOFF = page_literals(10, "tradeoff")
_MEASURED = page_literals(10, "measured")
_WORST = page_literals(10, "worst_case")
_DECAYING = page_literals(10, "decaying")

CURVATURES: tuple[float, float] = tuple(_SETUP["bowl"])
"""h = (2, 4): the bowl f(x) = x1^2 + 2 x2^2."""
START: tuple[float, float] = tuple(_SETUP["start"])
NOISE_STD: float = _SETUP["noise_std"]
COPIES: int = _SETUP["copies"]
"""Independent runs, stacked side by side into one quadratic."""
TRADEOFF_STEPS: int = _TRADEOFF["T"]
"""T = 1000, the horizon at which ``tradeoff.py`` compares constant rates."""
TRADEOFF_RATES: tuple[float, ...] = tuple(_TRADEOFF["rates"])
HORIZONS: tuple[int, ...] = tuple(_MEASURED["horizons"])
RUNS_1D: int = _WORST["runs_1d"]
STEPS: int = _DECAYING["T"]
"""T = 10 000, the length of the decaying-rate and constant-rate runs."""

LIPSCHITZ = float(max(CURVATURES))
"""L, the largest curvature."""
R0_SQUARED = float(np.sum(np.square(START)))
"""||x_0 - x*||^2 (x* = 0)."""
VARIANCE = len(CURVATURES) * NOISE_STD**2
"""sigma^2 = E||g - grad f||^2, the noise variance summed over the coordinates."""
TUNED_FROM = 300
"""The horizons T >= 300 use the tuned rate r0 / sqrt(2 sigma^2 T) < 1/L (the slopes' fit)."""
