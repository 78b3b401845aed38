"""Chapter 1's parameters, read from the page code that shows them (:func:`page_literals`).

The partial derivatives of f(x, y) = x^2 + 2xy + cos(x + 2y) are taken at (1, 0.5)
(``partial_derivatives.py``), where the finite-difference errors are tabulated for a range of
increments h (``finite_difference_error.py``) and the gradient is checked.
"""

from __future__ import annotations

from book.chapters import page_literals

_PARTIAL = page_literals(1, "partial_derivatives")
_ERRORS = page_literals(1, "finite_difference_error")

POINT: tuple[float, float] = (_PARTIAL["x"], _PARTIAL["y"])
"""(1, 0.5), the point of every derivative and check of the chapter."""
INCREMENTS: tuple[float, ...] = tuple(_ERRORS["increments"])
"""The finite-difference increments h of the error table, 1e-1 down to 1e-10."""
