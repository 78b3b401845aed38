"""Chapter 12's runs, computed once per process for its facts and its figures.

They repeat the page code (``book/chapters/ch12/code/*.py``) with the same parameters and
seeds; ``tests/book/test_ch12.py`` checks that the page prints what these runs give. The
seconds come from ``benchmarks/results/bench.json`` (``make bench``, section ``optimizers``):
the build never times anything.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

import gdbook
from book.chapters.ch12.params import (
    BATCH_SIZE,
    DATA_RATES,
    EPOCHS,
    LAST,
    METHODS,
    NARROW,
    SEED,
    START,
    STEEP,
    VALLEY_RATES,
    VALLEY_STEPS,
)

Array = NDArray[np.float64]
ROOT = Path(__file__).resolve().parents[3]
BENCH = ROOT / "benchmarks" / "results" / "bench.json"  # written by `make bench`
ANGLE = math.pi / 4
"""The turn of the valleys, written ``angle=np.pi / 4`` on the page."""
PROBLEMS = ("kappa 10, aligned", "kappa 10, turned", "kappa 1000, aligned", "kappa 1000, turned")
DATA_PROBLEMS = ("raw features", "standardised")
DATA_METHODS = ("SGD", *METHODS[1:])


def rule(method: str) -> gdbook.UpdateRule | None:
    """The update rule of a method, with the framework defaults the page uses."""
    return {
        "GD": None,
        "SGD": None,
        "momentum": gdbook.momentum(0.9),
        "AdaGrad": gdbook.adagrad(),
        "RMSProp": gdbook.rmsprop(),
        "Adam": gdbook.adam(),
    }[method]


def turned_hessian(curvatures: tuple[float, float]) -> Array:
    """R diag(curvatures) R^T for the 45-degree turn."""
    c, s = math.cos(ANGLE), math.sin(ANGLE)
    R = np.array([[c, -s], [s, c]])
    H: Array = R @ np.diag(curvatures) @ R.T
    return H


def valley(problem: str) -> gdbook.Objective:
    """One of the four quadratics of ``valley.py``."""
    curvatures = NARROW if problem.startswith("kappa 10,") else STEEP
    if problem.endswith("aligned"):
        return gdbook.Quadratic(curvatures)
    H = turned_hessian(curvatures)
    return gdbook.FunctionObjective(lambda x: 0.5 * x @ H @ x, lambda x: H @ x, dim=2)


def _best(runs: list[gdbook.Trajectory]) -> gdbook.Trajectory:
    # Best as printed (two significant digits), ties to the smaller rate: near-ties that differ
    # only in rounding error (e.g. under Pyodide's libm) then pick the same rate everywhere.
    return min(runs, key=lambda run: float(f"{run.fun:.1e}") if np.isfinite(run.fun) else np.inf)


@functools.cache
def valley_runs() -> dict[tuple[str, str], gdbook.Trajectory]:
    """For each method and quadratic, the run with the lowest f(x_T) over the grid."""
    start = np.array(START)
    return {
        (method, problem): _best(
            [
                gdbook.gradient_descent(
                    valley(problem),
                    start,
                    learning_rate=eta,
                    steps=VALLEY_STEPS,
                    update=rule(method),
                )
                for eta in VALLEY_RATES
            ]
        )
        for method in METHODS
        for problem in PROBLEMS
    }


@functools.cache
def data_problems() -> dict[str, gdbook.LeastSquares]:
    """The diabetes data with its raw features (and an intercept) and standardised."""
    A, y = gdbook.load_diabetes()
    A_raw, _ = gdbook.load_diabetes(standardize=False)
    return {
        "raw features": gdbook.LeastSquares(A_raw, y, intercept=True),
        "standardised": gdbook.LeastSquares(A, y),
    }


@functools.cache
def f_star(problem: str) -> float:
    """The least-squares minimum of one of the data problems."""
    p = data_problems()[problem]
    return float(p(p.solve()))


def final_loss(run: gdbook.Trajectory) -> float:
    """The mean of f over the last LAST epochs (inf once it passed 1000), as ``compare.py``."""
    tail = run.losses[-LAST:]
    return float(tail.mean()) if np.all(tail < 1e3) else math.inf


@functools.cache
def data_runs() -> dict[tuple[str, str], gdbook.Trajectory]:
    """For each method and data problem, the tuned minibatch run of ``compare.py``."""
    runs = {}
    for method in DATA_METHODS:
        for name, problem in data_problems().items():
            runs[method, name] = min(
                [
                    gdbook.minibatch_sgd(
                        problem,
                        np.zeros(problem.dim),
                        learning_rate=eta,
                        batch_size=BATCH_SIZE,
                        epochs=EPOCHS,
                        seed=SEED,
                        update=rule(method),
                    )
                    for eta in DATA_RATES
                ],
                key=final_loss,
            )
    return runs


def bench_section() -> dict[str, Any]:
    """The ``optimizers`` section of the committed benchmark results."""
    document = json.loads(BENCH.read_text(encoding="utf-8"))
    section: dict[str, Any] = document["sections"]["optimizers"]
    return section


def seconds_per_step() -> dict[str, float]:
    """Measured seconds per minibatch step of each method (``make bench``)."""
    return {
        name: float(value) for name, value in bench_section()["result"]["seconds_per_step"].items()
    }
