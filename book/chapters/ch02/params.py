"""Chapter 2's parameters, read from the page code that shows them (:func:`page_literals`).

The standard example (``standard_example.py``): gradient descent on f(x) = x^2 from
x0 = 10 with eta = 0.2 for 10 steps. The other runs of the chapter start from the same x0
with the same budget.
"""

from __future__ import annotations

from book.chapters import page_literals

_STANDARD = page_literals(2, "standard_example")

X0: float = _STANDARD["x0"]
"""10, the start of every run of the chapter."""
ETA: float = _STANDARD["eta"]
"""0.2, the learning rate of the standard example."""
STEPS: int = _STANDARD["steps"]
"""10, the step budget of the standard example."""
