"""Chapter 3's parameters, read from the page code that shows them (:func:`page_literals`).

The chapter's running example is f(x) = x1^2 + 2 x2^2 (``directional.py`` defines ``f`` and
the point ``x``), and gradient descent from that point with eta = 0.1 for 20 steps
(``standard_example.py``).
"""

from __future__ import annotations

from book.chapters import page_literals

_POINT = page_literals(3, "directional")
_EXAMPLE = page_literals(3, "standard_example")

CURVATURES: tuple[float, float] = tuple(_POINT["f"])
"""lambda = (2, 4): f(x) = x1^2 + 2 x2^2 = (lambda1 x1^2 + lambda2 x2^2) / 2."""
START: tuple[float, float] = tuple(_POINT["x"])
"""(-5, -2): the point of the directional derivatives and the start of every run."""
ETA: float = _EXAMPLE["eta"]
"""0.1, the learning rate of the standard example."""
STEPS: int = _EXAMPLE["steps"]
"""20, the step budget of every run of the chapter."""
