"""Chapter 11's runs and closed forms, computed once per process for its facts and figures.

They repeat the page code (``book/chapters/ch11/code/*.py``) with the same parameters and
seeds; ``tests/book/test_ch11.py`` checks that the pages print what these give.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

import gdbook
from book.chapters.ch11.params import (
    COPIES,
    CURVATURES,
    KAPPA,
    LIPSCHITZ,
    NOISE_STD,
    NOISY_SETTINGS,
    NOISY_STEPS,
    START,
    STEPS,
    STRONG_CONVEXITY,
)

Array = NDArray[np.float64]

VALLEY = gdbook.Quadratic(CURVATURES)
SQRT_KAPPA = math.sqrt(KAPPA)
ETA_GD = 2 / (LIPSCHITZ + STRONG_CONVEXITY)
RATE_GD = (KAPPA - 1) / (KAPPA + 1)
ETA_HB = 4 / (math.sqrt(LIPSCHITZ) + math.sqrt(STRONG_CONVEXITY)) ** 2
RATE_HB = (SQRT_KAPPA - 1) / (SQRT_KAPPA + 1)
BETA_HB = RATE_HB**2
ETA_NESTEROV = 1 / LIPSCHITZ
BETA_NESTEROV = (SQRT_KAPPA - 1) / (SQRT_KAPPA + 1)
LAMBDAS = np.linspace(STRONG_CONVEXITY, LIPSCHITZ, 1001)


def heavy_ball_matrix(eta: float, beta: float, h: float) -> Array:
    """[[1 + beta - eta h, -beta], [1, 0]]."""
    return np.array([[1 + beta - eta * h, -beta], [1.0, 0.0]])


def nesterov_matrix(eta: float, beta: float, h: float) -> Array:
    """[[(1 + beta) q, -beta q], [1, 0]] with q = 1 - eta h."""
    q = 1 - eta * h
    return np.array([[(1 + beta) * q, -beta * q], [1.0, 0.0]])


def spectral_radius(matrix: Array) -> float:
    return float(np.abs(np.linalg.eigvals(matrix)).max())


def heavy_ball_rate(eta: float, beta: float, curvatures: Iterable[float]) -> float:
    return max(spectral_radius(heavy_ball_matrix(eta, beta, float(h))) for h in curvatures)


def nesterov_rate(eta: float, beta: float, curvatures: Iterable[float]) -> float:
    return max(spectral_radius(nesterov_matrix(eta, beta, float(h))) for h in curvatures)


def steps_to(
    objective: gdbook.Quadratic,
    eta: float,
    update: gdbook.UpdateRule | None = None,
    shrink: float = 1e-6,
    budget: int = 100_000,
) -> int:
    """Steps until ||x_t|| <= shrink ||x_0|| from the start (x* = 0), as ``best.py``."""
    target = shrink * float(np.linalg.norm(START))
    run = gdbook.gradient_descent(
        objective,
        START,
        learning_rate=eta,
        steps=budget,
        update=update,
        loss_every=None,
        callback=lambda info: np.linalg.norm(info.x) <= target,
    )
    assert run.stop_reason == "callback"
    return run.steps


@functools.cache
def kappa_table(kappas: tuple[int, ...]) -> tuple[tuple[int, int, int], ...]:
    """(kappa, GD steps, heavy-ball steps) on x with curvatures (mu, kappa mu), as ``best.py``."""
    mu = STRONG_CONVEXITY
    rows = []
    for k in kappas:
        f = gdbook.Quadratic((mu, k * mu))
        gd = steps_to(f, 2 / (k * mu + mu))
        rate = (math.sqrt(k) - 1) / (math.sqrt(k) + 1)
        eta = 4 / (math.sqrt(k * mu) + math.sqrt(mu)) ** 2
        rows.append((k, gd, steps_to(f, eta, gdbook.momentum(rate**2))))
    return tuple(rows)


@functools.cache
def valley_steps() -> tuple[int, int, int]:
    """Steps to 1e-6 on the valley: GD, heavy ball, Nesterov (their best parameters)."""
    return (
        steps_to(VALLEY, ETA_GD),
        steps_to(VALLEY, ETA_HB, gdbook.momentum(BETA_HB)),
        steps_to(VALLEY, ETA_NESTEROV, gdbook.momentum(BETA_NESTEROV, nesterov=True)),
    )


def paths() -> dict[str, Array]:
    """STEPS iterates of GD, the heavy ball and Nesterov with their best parameters."""
    runs = {
        "gd": gdbook.gradient_descent(VALLEY, START, learning_rate=ETA_GD, steps=STEPS),
        "hb": gdbook.gradient_descent(
            VALLEY, START, learning_rate=ETA_HB, steps=STEPS, update=gdbook.momentum(BETA_HB)
        ),
        "nesterov": gdbook.gradient_descent(
            VALLEY,
            START,
            learning_rate=ETA_NESTEROV,
            steps=STEPS,
            update=gdbook.momentum(BETA_NESTEROV, nesterov=True),
        ),
    }
    return {name: run.iterates for name, run in runs.items()}


def momentum_floor(eta: float, beta: float, curvatures: Iterable[float], noise_std: float) -> float:
    """sum_j (eta s^2 / 2) (1 + beta) / ((1 - beta) (2 (1 + beta) - eta h_j))."""
    h = np.asarray(tuple(curvatures), dtype=float)
    return float(
        np.sum(eta * noise_std**2 / 2 * (1 + beta) / ((1 - beta) * (2 * (1 + beta) - eta * h)))
    )


@functools.cache
def noisy_runs() -> tuple[tuple[float, float, Array], ...]:
    """Per (eta, beta) of ``stochastic.py``: the floor, the measured late mean of f, and the
    mean of f over the copies at every step."""
    stacked = gdbook.Quadratic(np.tile(CURVATURES, COPIES))
    start = np.tile(START, COPIES)
    out = []
    for eta, beta in NOISY_SETTINGS:
        run = gdbook.noisy_gradient_descent(
            stacked,
            start,
            learning_rate=eta,
            steps=NOISY_STEPS,
            noise_std=NOISE_STD,
            seed=0,
            update=gdbook.momentum(beta),
            loss_every=None,
        )
        curve = 0.5 * (run.iterates**2 @ stacked.curvatures) / COPIES
        measured = float(np.mean(curve[NOISY_STEPS // 2 :]))
        out.append((momentum_floor(eta, beta, CURVATURES, NOISE_STD), measured, curve))
    return tuple(out)
