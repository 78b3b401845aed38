"""Chapter 9's parameters, read from the page code that shows them (:func:`page_literals`).

Newton's method on cosh(cx) with c = 0.5 from x0 = 10 for 10 steps (``cosh_run.py``); the
same start and budget on x cos(cx) with the learning rates ``etas`` (``xcos_run.py``); the
Rosenbrock runs from ``begin`` (``rosenbrock.py``); chapter 3's narrow valley from ``start``
(``precondition.py``).
"""

from __future__ import annotations

import math

from book.chapters import page_literals

_COSH = page_literals(9, "cosh_run")
_XCOS = page_literals(9, "xcos_run")
_ROSENBROCK = page_literals(9, "rosenbrock")
_PRECONDITION = page_literals(9, "precondition")

C: float = _COSH["c"]
"""0.5, the frequency of cosh(cx)."""
X0: float = _COSH["x0"]
"""10, the start of the one-dimensional runs."""
STEPS: int = _COSH["steps"]
"""10, the step budget of the one-dimensional runs."""
ETAS: tuple[float, ...] = tuple(_XCOS["etas"])
"""(1, 0.5): the learning rates of Newton's method on x cos(cx)."""
XCOS_C: float = 0.15 * math.pi
"""The frequency of x cos(cx), written ``XCosCx(0.15 * np.pi)`` on the page (chapter 2's)."""
BEGIN: tuple[float, float] = tuple(_ROSENBROCK["begin"])
"""(-1.2, 1): the start of the Rosenbrock runs."""
CURVATURES: tuple[float, float] = tuple(_PRECONDITION["narrow"])
"""(2, 20): chapter 3's narrow valley x1^2 + 10 x2^2."""
START: tuple[float, float] = tuple(_PRECONDITION["start"])
"""(-5, -2): the start on the narrow valley (chapter 3's)."""
ACCURACY: float = _PRECONDITION["accuracy"]
"""1e-6: the factor by which the preconditioned runs shrink the distance to the minimiser."""
ANGLE: float = math.pi / 4
"""The turn of the valley, written ``angle = np.pi / 4`` on the page."""
