"""Chapter 4's parameters, read from the page code that shows them (:func:`page_literals`).

Gradient descent fits the book's regression data from x = (0, 0) with eta = 0.1 for 100
steps (``gd_fit.py``).
"""

from __future__ import annotations

from book.chapters import page_literals

_FIT = page_literals(4, "gd_fit")

START: tuple[float, float] = tuple(_FIT["x0"])
"""(0, 0), the start of the fit."""
ETA: float = _FIT["eta"]
"""0.1, its learning rate."""
STEPS: int = _FIT["steps"]
"""100, its step budget."""
