"""Chapter 6's parameters, read from the page code that shows them (:func:`page_literals`).

Minibatch SGD on the book's regression data with eta = 0.1 for 10 epochs, for batch sizes
1, 8, 64 and n = 1000 (``loss_by_batch.py``).
"""

from __future__ import annotations

from book.chapters import page_literals

_LOSS = page_literals(6, "loss_by_batch")

ETA: float = _LOSS["eta"]
"""0.1, the learning rate of every run."""
EPOCHS: int = _LOSS["epochs"]
"""10 epochs per run."""
LOSS_BATCH_SIZES: tuple[int, ...] = tuple(_LOSS["batch_sizes"])
"""1, 8, 64 and 1000 (the full batch)."""
