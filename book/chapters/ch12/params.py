"""Chapter 12's parameters, read from the page code that shows them (:func:`page_literals`).

``invariance.py``: chapter 3's valley and a steeper one, the start, the comparison's rate and
length; ``bias.py``: Adam's coefficients and the simulated gradient streams; ``valley.py``: the
learning-rate grid and the horizon on the four quadratics; ``compare.py``: the minibatch runs
on the diabetes data.
"""

from __future__ import annotations

from book.chapters import page_literals

_INVARIANCE = page_literals(12, "invariance")
_BIAS = page_literals(12, "bias")
_VALLEY = page_literals(12, "valley")
_COMPARE = page_literals(12, "compare")

NARROW: tuple[float, float] = tuple(_INVARIANCE["narrow"])
"""(2, 20): chapter 3's valley x1^2 + 10 x2^2."""
STEEP: tuple[float, float] = tuple(_INVARIANCE["steep"])
"""(2, 2000): the valley x1^2 + 1000 x2^2."""
START: tuple[float, float] = tuple(_INVARIANCE["start"])
"""(-5, -2), chapter 3's start."""
BETA1: float = _BIAS["beta1"]
BETA2: float = _BIAS["beta2"]
STREAMS: int = _BIAS["streams"]
STREAM_STEPS: int = _BIAS["T"]
VALLEY_RATES: tuple[float, ...] = tuple(_VALLEY["etas"])
VALLEY_STEPS: int = _VALLEY["T"]
BATCH_SIZE: int = _COMPARE["batch_size"]
EPOCHS: int = _COMPARE["epochs"]
SEED: int = _COMPARE["seed"]
DATA_RATES: tuple[float, ...] = tuple(_COMPARE["rates"])
LAST: int = _COMPARE["last"]
"""10: the epochs over which the final loss on the data is averaged."""
METHODS: tuple[str, ...] = ("GD", "momentum", "AdaGrad", "RMSProp", "Adam")
"""The methods of ``valley.py`` in its order; ``compare.py`` calls plain SGD "SGD"."""
