"""Optimizers: the wall-clock cost of one minibatch step of each update rule, for chapter 12.

Chapter 12 compares plain SGD, momentum, AdaGrad, RMSProp and Adam on the diabetes data
(``gdbook.load_diabetes()``, standardised, n = 442, d = 10) against the examples processed
and against seconds. The build must be deterministic, so it never times anything: it converts
steps to seconds with the per-step costs measured here and committed in ``bench.json``.

For each rule, ``gdbook.minibatch_sgd(problem, 0, learning_rate=ETA, batch_size=BATCH_SIZE,
epochs=EPOCHS, seed=0, update=rule, loss_every=None)`` (the full loss only at the first and
last step, so the time is the optimisation's own) is timed ``REPEATS`` times, the rules
taking turns so that they all see the same load; the cost of a step is the median run time
divided by the number of steps. Chapter 12's test checks that its batch size is this one.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import gdbook

BATCH_SIZE = 16
EPOCHS = 50
ETA = 1e-3
REPEATS = 15
RULES: dict[str, Callable[[], gdbook.UpdateRule | None]] = {
    "SGD": lambda: None,
    "momentum": lambda: gdbook.momentum(0.9),
    "AdaGrad": gdbook.adagrad,
    "RMSProp": gdbook.rmsprop,
    "Adam": gdbook.adam,
}


def run(*, quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Time each rule's minibatch steps on the diabetes data; the section's JSON."""
    A, y = gdbook.load_diabetes()
    problem = gdbook.LeastSquares(A, y)
    epochs, repeats = (5, 3) if quick else (EPOCHS, REPEATS)
    x0 = np.zeros(problem.dim)
    seconds: dict[str, list[float]] = {name: [] for name in RULES}
    steps = 0
    for _ in range(repeats):
        for name, make in RULES.items():
            rule = make()
            start = time.perf_counter()
            trajectory = gdbook.minibatch_sgd(
                problem,
                x0,
                learning_rate=ETA,
                batch_size=BATCH_SIZE,
                epochs=epochs,
                seed=0,
                update=rule,
                loss_every=None,
            )
            seconds[name].append(time.perf_counter() - start)
            steps = trajectory.steps
    per_step = {name: statistics.median(times) / steps for name, times in seconds.items()}
    for name, value in per_step.items():
        log(f"{name:9s} {value * 1e6:8.2f} microseconds per step")
    return {
        "problem": "gdbook.LeastSquares(*gdbook.load_diabetes())",
        "n": int(problem.n),
        "d": int(problem.dim),
        "batch_size": BATCH_SIZE,
        "epochs": epochs,
        "steps": int(steps),
        "repeats": repeats,
        "statistic": f"median of {repeats} runs",
        "seconds_per_step": per_step,
    }


def render(result: dict[str, Any]) -> list[str]:
    """The section's Markdown lines."""
    base = result["seconds_per_step"]["SGD"]
    lines = [
        f"Cost of one step of `gdbook.minibatch_sgd` with each update rule on the diabetes data "
        f"(n = {result['n']}, d = {result['d']}, batch size {result['batch_size']}, "
        f"{result['steps']:,} steps per run, `loss_every=None`, {result['statistic']}). "
        "Chapter 12 converts its runs' steps to seconds with these numbers.",
        "",
        "| update rule | microseconds per step | relative to SGD |",
        "| --- | ---: | ---: |",
    ]
    for name, value in result["seconds_per_step"].items():
        lines.append(f"| {name} | {value * 1e6:.2f} | {value / base:.2f} |")
    return lines
