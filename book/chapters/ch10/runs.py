"""Chapter 10's runs, computed once per process for its facts and its figures.

They repeat the page code (``book/chapters/ch10/code/*.py``) with the same parameters and
seeds; ``tests/book/test_ch10.py`` checks that the pages print what these runs give.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from numpy.typing import NDArray

import gdbook
from book.chapters.ch10.params import (
    COPIES,
    CURVATURES,
    HORIZONS,
    LIPSCHITZ,
    NOISE_STD,
    R0_SQUARED,
    RUNS_1D,
    START,
    STEPS,
    TRADEOFF_RATES,
    TRADEOFF_STEPS,
    VARIANCE,
)

Array = NDArray[np.float64]

BOWL = gdbook.Quadratic(CURVATURES)
STACKED = gdbook.Quadratic(np.tile(CURVATURES, COPIES))
STACKED_START = np.tile(START, COPIES)
SCHEDULE = gdbook.polynomial(1 / LIPSCHITZ, alpha=0.5, omega=1.0)
"""eta_t = (1/L) / sqrt(1 + t)."""
CONSTANTS = (1 / LIPSCHITZ, 1 / (4 * LIPSCHITZ), 1 / (16 * LIPSCHITZ))


def bound(eta: float, steps: int) -> float:
    """The theorem's bound ||x_0 - x*||^2 / (2 eta T) + eta sigma^2 on the bowl."""
    return R0_SQUARED / (2 * eta * steps) + eta * VARIANCE


def tuned_rate(steps: int) -> float:
    """min(1/L, r0 / sqrt(2 sigma^2 T)): the rate that minimises the bound for T steps."""
    return min(1 / LIPSCHITZ, math.sqrt(R0_SQUARED) / math.sqrt(2 * VARIANCE * steps))


def mean_loss(points: Array) -> Array:
    """The mean of f over the copies, for stacked points of shape (..., 2 * copies)."""
    values: Array = 0.5 * (points**2 @ STACKED.curvatures) / COPIES
    return values


@functools.cache
def tradeoff() -> tuple[Array, Array]:
    """E f(x_bar_T) and E f(x_T) (means over the copies) at T = 1000 for each constant rate."""
    averaged, last = [], []
    for eta in TRADEOFF_RATES:
        run = gdbook.noisy_gradient_descent(
            STACKED,
            STACKED_START,
            learning_rate=eta,
            steps=TRADEOFF_STEPS,
            noise_std=NOISE_STD,
            seed=4,
        )
        averaged.append(float(mean_loss(gdbook.iterate_averages(run)[-1])))
        last.append(float(mean_loss(run.final)))
    return np.array(averaged), np.array(last)


@functools.cache
def horizon_runs() -> tuple[Array, Array]:
    """E f(x_bar_T) and E f(x_T) (means over the copies) for each horizon, tuned rate."""
    averaged, last = [], []
    for steps in HORIZONS:
        run = gdbook.noisy_gradient_descent(
            STACKED,
            STACKED_START,
            learning_rate=tuned_rate(steps),
            steps=steps,
            noise_std=NOISE_STD,
            seed=0,
        )
        averaged.append(float(mean_loss(gdbook.iterate_averages(run)[-1])))
        last.append(float(mean_loss(run.final)))
    return np.array(averaged), np.array(last)


@functools.cache
def worst_case() -> tuple[Array, Array]:
    """E f_T(x_bar_T) on the one-dimensional f_T = L_T x^2 / 2, L_T = 1/(eta* T), and the bound."""
    measured, limits = [], []
    for steps in HORIZONS:
        eta = 1 / np.sqrt(2 * steps)
        curvature = 1 / (eta * steps)
        run = gdbook.noisy_gradient_descent(
            gdbook.Quadratic(np.full(RUNS_1D, curvature)),
            np.ones(RUNS_1D),
            learning_rate=eta,
            steps=steps,
            noise_std=1.0,
            seed=1,
        )
        x_bar = gdbook.iterate_averages(run)[-1]
        measured.append(float(np.mean(0.5 * curvature * x_bar**2)))
        limits.append(1 / (2 * eta * steps) + eta)
    return np.array(measured), np.array(limits)


@functools.cache
def decaying() -> tuple[Array, Array]:
    """E f(x~_T), T = 1..STEPS, of the decaying-rate run (weighted averages), and its bound."""
    run = gdbook.noisy_gradient_descent(
        STACKED, STACKED_START, learning_rate=SCHEDULE, steps=STEPS, noise_std=NOISE_STD, seed=2
    )
    eta = run.learning_rates
    weighted = mean_loss(gdbook.iterate_averages(run, weighting="learning_rate"))
    limit = (R0_SQUARED + 2 * VARIANCE * np.cumsum(eta**2)) / (2 * np.cumsum(eta))
    return weighted, limit


@functools.cache
def steady_average() -> Array:
    """E f(x_bar_T), T = 1..STEPS, of the constant-rate (1/L) run with uniform averaging."""
    run = gdbook.noisy_gradient_descent(
        STACKED,
        STACKED_START,
        learning_rate=1 / LIPSCHITZ,
        steps=STEPS,
        noise_std=NOISE_STD,
        seed=3,
    )
    return mean_loss(gdbook.iterate_averages(run))


@functools.cache
def exact_curves() -> dict[str, Array]:
    """Exact E f(x_t), t = 0..STEPS, of the last iterate: the decaying schedule and each constant."""
    curves = {
        "decaying": gdbook.noisy_quadratic_loss(
            BOWL, START, learning_rate=SCHEDULE, steps=STEPS, noise_std=NOISE_STD
        )
    }
    for eta in CONSTANTS:
        curves[f"{eta:g}"] = gdbook.noisy_quadratic_loss(
            BOWL, START, learning_rate=eta, steps=STEPS, noise_std=NOISE_STD
        )
    return curves


def floor(eta: float) -> float:
    """The noise floor of a constant rate on the bowl (chapter 5)."""
    return gdbook.noise_floor(BOWL, learning_rate=eta, noise_std=NOISE_STD)


def slope(horizons: Array, values: Array) -> float:
    """The slope of the least-squares line through (log T, log value)."""
    return float(np.polyfit(np.log(horizons), np.log(values), 1)[0])
