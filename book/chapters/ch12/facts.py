"""Facts of chapter 12, adaptive step sizes.

Every number the chapter's prose quotes, computed with gdbook the way the page code
(``book/chapters/ch12/code/*.py``) computes it (the runs are :mod:`book.chapters.ch12.runs`)
and formatted as the prose shows it. The seconds are read from the committed benchmark
results (``make bench``), never measured during the build. Values written
``2.1 \\times 10^{-16}`` sit inside ``$...$`` on the page.
"""

from __future__ import annotations

import math

import numpy as np

import gdbook
from book.chapters.ch12 import runs
from book.chapters.ch12.params import (
    BATCH_SIZE,
    BETA1,
    BETA2,
    EPOCHS,
    NARROW,
    START,
    STEEP,
)

SHORT = {
    "GD": "gd",
    "SGD": "sgd",
    "momentum": "mom",
    "AdaGrad": "adagrad",
    "RMSProp": "rmsprop",
    "Adam": "adam",
}
PROBLEM_KEYS = {
    "kappa 10, aligned": "k10a",
    "kappa 10, turned": "k10t",
    "kappa 1000, aligned": "k1000a",
    "kappa 1000, turned": "k1000t",
}

#: The (method, quadratic) pairs whose f(x_T) the prose quotes.
QUOTED_VALLEY = (
    ("GD", "kappa 1000, aligned"),
    ("momentum", "kappa 1000, aligned"),
    *((m, p) for m in ("AdaGrad", "RMSProp") for p in PROBLEM_KEYS),
    ("Adam", "kappa 1000, aligned"),
    ("Adam", "kappa 1000, turned"),
)
#: The (method, data problem) pairs whose excess loss the prose quotes.
QUOTED_DATA = (
    ("SGD", "raw features"),
    ("momentum", "raw features"),
    ("AdaGrad", "raw features"),
    ("Adam", "raw features"),
    ("SGD", "standardised"),
    ("Adam", "standardised"),
)


def latex_sci(value: float, digits: int = 1) -> str:
    r"""Format ``value`` as LaTeX scientific notation, e.g. ``2.1 \times 10^{-16}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    if 0 <= int(exponent) <= 3:  # 1.2, 15, 4026: plain, to two significant digits or more
        return f"{value:.{max(digits - int(exponent), 0)}f}"
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def uncorrected_factor(k: np.ndarray) -> np.ndarray:
    """m_t / sqrt(v_t) without the correction for a constant gradient, k = t + 1 averaged."""
    factor: np.ndarray = (1 - BETA1**k) / np.sqrt(1 - BETA2**k)
    return factor


def invariance_gap() -> float:
    """The largest difference of the iterates on the two aligned valleys (``invariance.py``)."""
    start = np.array(START)
    gaps = []
    for method in ("AdaGrad", "RMSProp", "Adam"):
        rule = runs.rule(method)
        a = gdbook.gradient_descent(
            gdbook.Quadratic(NARROW), start, learning_rate=0.1, steps=50, update=rule
        )
        b = gdbook.gradient_descent(
            gdbook.Quadratic(STEEP), start, learning_rate=0.1, steps=50, update=rule
        )
        gaps.append(float(np.abs(a.iterates - b.iterates).max()))
    return max(gaps)


def condition_numbers(problem: gdbook.LeastSquares) -> tuple[float, float]:
    """kappa of the Hessian, and of D^-1/2 H D^-1/2 with D = diag(H)."""
    H = problem.hessian(np.zeros(problem.dim))
    curvatures = np.linalg.eigvalsh(H)
    scale = 1 / np.sqrt(np.diag(H))
    scaled = np.linalg.eigvalsh(scale[:, None] * H * scale[None, :])
    return float(curvatures[-1] / curvatures[0]), float(scaled[-1] / scaled[0])


def facts() -> dict[str, str]:
    """Every number the prose of chapter 12 quotes, formatted as it appears."""
    values: dict[str, str] = {}

    # Scale invariance on the aligned valleys.
    values["kappa_steep"] = f"{max(STEEP) / min(STEEP):.0f}"
    values["invariance_gap"] = latex_sci(invariance_gap())

    # Moving averages and the bias correction.
    values["window1"] = f"{1 / (1 - BETA1):.0f}"
    values["window2"] = f"{1 / (1 - BETA2):.0f}"
    values["uncorrected_step"] = f"{(1 - BETA1) / math.sqrt(1 - BETA2):.2f}"
    k = np.arange(1, 5_001)
    factor = uncorrected_factor(k)
    values["uncorrected_max"] = f"{factor.max():.2f}"
    values["uncorrected_argmax"] = f"{int(factor.argmax())}"
    values["m0_share"] = f"{1 - BETA1:g}"
    values["v0_share"] = f"{1 - BETA2:g}"
    values["half_life1"] = f"{math.log(2) / -math.log(BETA1):.1f}"

    # The valleys: f(x_T) at each method's best rate, where the prose quotes it.
    valley = runs.valley_runs()
    for method, problem in QUOTED_VALLEY:
        key = f"{SHORT[method]}_{PROBLEM_KEYS[problem]}"
        values[f"valley_{key}"] = latex_sci(valley[method, problem].fun)

    # The diabetes data.
    problems = runs.data_problems()
    raw_kappa, raw_scaled = condition_numbers(problems["raw features"])
    std_kappa, _ = condition_numbers(problems["standardised"])
    A_raw, _ = gdbook.load_diabetes(standardize=False)
    values["raw_mean_max"] = f"{A_raw.mean(axis=0).max():.0f}"
    values["raw_std_min"] = f"{A_raw.std(axis=0).min():.1f}"
    values["raw_std_max"] = f"{A_raw.std(axis=0).max():.0f}"
    values["kappa_raw"] = latex_sci(raw_kappa)
    values["kappa_raw_diag"] = latex_sci(raw_scaled)
    values["kappa_std"] = f"{std_kappa:.0f}"
    values["f_star"] = f"{runs.f_star('standardised'):.4f}"
    values["r_squared"] = f"{1 - runs.f_star('standardised'):.2f}"
    n = problems["standardised"].n
    values["n"] = f"{n}"
    values["steps_per_epoch"] = f"{math.ceil(n / BATCH_SIZE)}"
    values["examples_total"] = f"{EPOCHS * n:,}"
    data = runs.data_runs()
    for method, name in QUOTED_DATA:
        key = f"{SHORT[method]}_{'raw' if name == 'raw features' else 'std'}"
        values[f"excess_{key}"] = latex_sci(runs.final_loss(data[method, name]) - runs.f_star(name))
    values["rate_sgd_raw"] = latex_sci(data["SGD", "raw features"].learning_rates[0], 0)
    raw_excess = {
        m: runs.final_loss(run) - runs.f_star(p)
        for (m, p), run in data.items()
        if p == "raw features"
    }
    values["raw_sgd_over_adam"] = f"{raw_excess['SGD'] / raw_excess['Adam']:.1f}"
    std_excess = [
        runs.final_loss(run) - runs.f_star("standardised")
        for (m, p), run in data.items()
        if p == "standardised"
    ]
    values["raw_over_std"] = f"{min(raw_excess.values()) / max(std_excess):.0f}"
    values["std_spread"] = f"{max(std_excess) / min(std_excess):.1f}"

    # Seconds, from the benchmark results.
    cost = runs.seconds_per_step()
    section = runs.bench_section()
    for method, seconds in cost.items():
        values[f"us_{SHORT[method]}"] = f"{seconds * 1e6:.0f}"
    values["adam_over_sgd"] = f"{cost['Adam'] / cost['SGD']:.2f}"
    steps = data["SGD", "standardised"].steps
    values["run_steps"] = f"{steps:,}"
    values["run_seconds_sgd"] = f"{steps * cost['SGD']:.3f}"
    values["run_seconds_adam"] = f"{steps * cost['Adam']:.3f}"
    values["bench_date"] = section["started"][:10]
    values["bench_load"] = f"{section['load_before'][0]:.2f}"
    values["bench_repeats"] = f"{section['result']['repeats']}"
    return values
