"""Chapter 7's parameters, read from the page code that shows them (:func:`page_literals`).

``noisy_quadratic.py``: simulated SGD on x1^2 + 2 x2^2 under each schedule of the lineup;
``plateau.py``, ``saddle.py``: gradient descent on the chapter's small landscapes;
``escape.py``: noisy GD on the double well, whose noise carries it over the barrier.
"""

from __future__ import annotations

import gdbook
from book.chapters import page_literals

_NOISY = page_literals(7, "noisy_quadratic")
_PLATEAU = page_literals(7, "plateau")
_SADDLE = page_literals(7, "saddle")
_ESCAPE = page_literals(7, "escape")

NOISY_CURVATURES: tuple[float, float] = tuple(_NOISY["bowl"])
"""h = (2, 4): x1^2 + 2 x2^2."""
NOISY_START: tuple[float, float] = tuple(_NOISY["start"])
NOISY_NU: float = _NOISY["nu"]
NOISY_STEPS: int = _NOISY["steps"]
NOISY_COPIES: int = _NOISY["copies"]
"""Independent runs, stacked side by side into one quadratic."""

PLATEAU_X0: float = _PLATEAU["x_start"]
PLATEAU_ETA: float = _PLATEAU["eta"]
SADDLE_ETA: float = _SADDLE["eta"]

ESCAPE_X0: float = _ESCAPE["x0"]
ESCAPE_STEPS: int = _ESCAPE["steps"]
ESCAPE_NU: float = _ESCAPE["nu"]
ESCAPE_SWITCH: int = _ESCAPE["switch"]
"""The step at which the escape schedule drops from its first rate to its second."""
ESCAPE_RATES: tuple[float, float] = tuple(_ESCAPE["rates"])
ESCAPE_SEEDS: int = _ESCAPE["seed_count"]
ESCAPE_SCHEDULE = gdbook.piecewise_constant([ESCAPE_SWITCH], list(ESCAPE_RATES))
