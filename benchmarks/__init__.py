"""Benchmarks of the book (``make bench``): build time, page quality, compute speed.

These are measurements, not tests: they never fail on a missed target, they record it.
``python -m benchmarks.bench`` runs them and writes ``benchmarks/results/bench.json`` and
``benchmarks/results/bench.md``; see ``benchmarks/README.md``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages (``[]`` where the OS does not report them)."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
