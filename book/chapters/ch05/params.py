"""Chapter 5's parameters, read from the page code that shows them (:func:`page_literals`).

Simulated SGD runs on the bowl f(x) = x1^2 + 2 x2^2 from (-5, -2) with eta = 0.1 and gradient
noise of standard deviation 1 (``noisy_sgd.py``); the noise ball is measured over a long run
(``noise_ball.py``).
"""

from __future__ import annotations

from book.chapters import page_literals

_NOISY = page_literals(5, "noisy_sgd")
_BALL = page_literals(5, "noise_ball")

CURVATURES: tuple[float, float] = tuple(_NOISY["bowl"])
"""h = (2, 4): the bowl f(x) = x1^2 + 2 x2^2."""
START: tuple[float, float] = tuple(_NOISY["start"])
"""(-5, -2), the start of every run on the bowl."""
ETA: float = _NOISY["eta"]
"""0.1, the constant learning rate."""
NU: float = _NOISY["nu"]
"""1.0, the standard deviation of each coordinate of the gradient noise."""
BALL_STEPS: int = _BALL["steps"]
"""100 000, the length of the run that measures the noise ball."""
BURN_IN: int = _BALL["burn_in"]
"""1 000, the first steps of that run left out (the way down)."""
