"""Chapter 11's parameters, read from the page code that shows them (:func:`page_literals`).

``valley.py``: chapter 3's valley f(x) = x1^2 + 10 x2^2 and its start (-5, -2);
``heavy_ball.py``: the learning rate, momentum and number of steps of the first runs;
``stochastic.py``: the gradient noise, the length of the noisy runs and the number of runs
stacked side by side.
"""

from __future__ import annotations

from book.chapters import page_literals

_VALLEY = page_literals(11, "valley")
_HEAVY = page_literals(11, "heavy_ball")
_NOISY = page_literals(11, "stochastic")

CURVATURES: tuple[float, float] = tuple(_VALLEY["valley"])
"""h = (2, 20): f(x) = x1^2 + 10 x2^2, so mu = 2, L = 20, kappa = 10."""
START: tuple[float, float] = tuple(_VALLEY["start"])
ETA: float = _HEAVY["eta"]
"""0.05, the learning rate of the first heavy-ball run."""
BETA: float = _HEAVY["beta"]
"""0.5, its momentum."""
STEPS: int = _HEAVY["steps"]
"""30 steps, also of the Nesterov run and of the explorer."""
NOISE_STD: float = _NOISY["noise_std"]
NOISY_STEPS: int = _NOISY["T"]
COPIES: int = _NOISY["copies"]
KAPPAS: tuple[int, ...] = tuple(page_literals(11, "best")["kappas"])
"""The condition numbers of the table in ``best.py``."""
NOISY_SETTINGS: tuple[tuple[float, float], ...] = tuple(
    (float(eta), float(beta)) for eta, beta in _NOISY["settings"]
)
"""(eta, beta) of the noisy runs in ``stochastic.py``."""

LIPSCHITZ = float(max(CURVATURES))
STRONG_CONVEXITY = float(min(CURVATURES))
KAPPA = LIPSCHITZ / STRONG_CONVEXITY
