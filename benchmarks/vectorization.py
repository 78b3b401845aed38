"""Time the minibatch gradient for batch sizes 1, 2, 4, ..., 1024 (chapter 6, vectorisation).

One call of ``LeastSquares.batch_gradient`` on the book's regression data computes the mean
gradient of ``b`` examples with two matrix-vector products. This script measures what one
call costs for each ``b``, and so what one example costs inside a batch of ``b``:

    python benchmarks/vectorization.py            # writes benchmarks/results/vectorization.json

It is not run when the book is built: timings differ from machine to machine and run to run,
and the book's build must be deterministic. Run it once, on a quiet machine, and commit the
JSON; chapter 6 renders its table from that file and names the machine it came from.

The machine's load average (1, 5, 15 minutes) just before the run is recorded with the
results: timings taken while other work runs are slower and noisier.

Method: for each batch size, ``repeats`` independent timings, each of ``number`` back-to-back
calls (``number`` chosen so that one timing lasts about ``target_seconds``), measured with
``time.perf_counter``; the median of the per-call times is reported. The indices of a batch
are drawn uniformly with replacement (``b = 1024`` exceeds ``n = 1000``), with a fixed seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a clone, without installing gdbook
    sys.path.insert(0, str(ROOT))

from benchmarks import load_average  # noqa: E402
from gdbook import LeastSquares, book_regression  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "vectorization.json"
BATCH_SIZES = tuple(2**k for k in range(11))  # 1, 2, 4, ..., 1024
SCHEMA_VERSION = 1


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (Linux), else what platform reports."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def machine_description() -> dict[str, Any]:
    """Where the numbers come from: hardware, operating system and software versions."""
    return {
        "cpu_model": cpu_model(),
        "logical_cpus": os.cpu_count(),
        "machine": platform.machine(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "date": dt.datetime.now(dt.UTC).date().isoformat(),
    }


def time_per_call(call: Any, *, repeats: int, target_seconds: float) -> float:
    """Median over ``repeats`` timings of the seconds one ``call()`` takes."""
    call()  # warm up caches and lazy imports
    number = 1
    while True:  # grow the loop until one timing lasts long enough to trust the clock
        start = time.perf_counter()
        for _ in range(number):
            call()
        elapsed = time.perf_counter() - start
        if elapsed >= target_seconds:
            break
        number *= 2
    per_call = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            call()
        per_call.append((time.perf_counter() - start) / number)
    return statistics.median(per_call)


def run(*, repeats: int, target_seconds: float, seed: int) -> dict[str, Any]:
    """Time ``batch_gradient`` for every batch size and return the JSON document."""
    data = book_regression()
    problem = LeastSquares(data.X, data.y)
    beta = np.array([0.0, 0.0])
    rng = np.random.default_rng(seed)
    load_before = load_average()  # a busy machine makes every timing slower
    rows = []
    for b in BATCH_SIZES:
        idx = rng.integers(0, problem.n, size=b)
        seconds = time_per_call(
            lambda idx=idx: problem.batch_gradient(beta, idx),
            repeats=repeats,
            target_seconds=target_seconds,
        )
        rows.append(
            {"batch_size": b, "seconds_per_call": seconds, "seconds_per_example": seconds / b}
        )
    single = rows[0]["seconds_per_example"]
    for row in rows:
        # How many times cheaper one example is inside this batch than on its own.
        row["speedup_per_example"] = single / row["seconds_per_example"]
    return {
        "schema_version": SCHEMA_VERSION,
        "benchmark": "minibatch gradient of LeastSquares on book_regression()",
        "function": "gdbook.LeastSquares.batch_gradient",
        "machine": {**machine_description(), "load_average": load_before},
        "settings": {
            "n": problem.n,
            "d": problem.dim,
            "repeats": repeats,
            "target_seconds_per_timing": target_seconds,
            "statistic": "median",
            "clock": "time.perf_counter",
            "seed": seed,
            "threads": {
                name: os.environ.get(name)
                for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
            },
        },
        "results": rows,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--target-seconds", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    document = run(repeats=args.repeats, target_seconds=args.target_seconds, seed=args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"{'b':>5} {'us/call':>10} {'ns/example':>11} {'speedup':>8}")
    for row in document["results"]:
        print(
            f"{row['batch_size']:5d} {row['seconds_per_call'] * 1e6:10.2f} "
            f"{row['seconds_per_example'] * 1e9:11.1f} {row['speedup_per_example']:8.1f}"
        )
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
