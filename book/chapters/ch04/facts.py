"""Facts of chapter 4, linear regression by gradient descent.

Every number the chapter's prose quotes, computed with gdbook the way the page code
(``book/chapters/ch04/code/*.py``) computes it, and formatted as the prose shows it. Values such as
``4.22 \\times 10^{-10}`` sit inside ``$...$`` on the page.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

import gdbook
from book.chapters.ch04.params import ETA, START, STEPS

#: ``gradient.py``: the point of the gradient check.
CHECK_POINT = (0.5, -1.0)
#: ``nonconvex.py``: the double well from two starts, eta = 0.1, 200 steps.
WELL_STARTS = (0.1, 0.3)
WELL_ETA = 0.1
WELL_STEPS = 200
#: Exercise 1: learning rates tried on the regression (besides the best one).
EXERCISE_RATES = (0.7, 0.74)
#: Exercise 3: the feature in other units (x' = 10 x) and shifted (x' = x + 2).
SCALE, SHIFT = 10.0, 2.0
ACCURACY = 1e-9


def latex_sci(value: float, digits: int = 2) -> str:
    r"""Format ``value`` as LaTeX scientific notation, e.g. ``4.22 \times 10^{-10}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def problem() -> gdbook.LeastSquares:
    """The chapter's least-squares problem on the book's regression data."""
    data = gdbook.book_regression()
    return gdbook.LeastSquares(data.X, data.y)


def curvature(X: NDArray[np.float64]) -> tuple[float, float]:
    """``(mu, L)``: the smallest and largest eigenvalue of the Hessian (2/n) X^T X."""
    mu, lipschitz = np.linalg.eigvalsh(2.0 / X.shape[0] * X.T @ X)
    return float(mu), float(lipschitz)


def best_rate_steps(kappa: float, accuracy: float = ACCURACY) -> int:
    """Steps for eta = 2/(L + mu) to shrink the error by ``accuracy``."""
    return math.ceil(math.log(accuracy) / math.log((kappa - 1.0) / (kappa + 1.0)))


def facts() -> dict[str, str]:
    """Every number of the chapter's prose, keyed as the pages use them."""
    data = gdbook.book_regression()
    ls = problem()
    X, y = data.X, data.y
    n = ls.n
    x_hat = ls.solve()
    mu, lipschitz = curvature(X)
    kappa = lipschitz / mu

    check = gdbook.check_gradient(ls, lambda b: -2.0 / n * X.T @ (y - X @ b), np.array(CHECK_POINT))

    run = gdbook.gradient_descent(ls, START, learning_rate=ETA, steps=STEPS)
    rho = max(abs(1.0 - ETA * mu), abs(1.0 - ETA * lipschitz))
    gap = float(np.linalg.norm(run.final - x_hat))
    bound = rho**STEPS * float(np.linalg.norm(np.array(START) - x_hat))
    noise_scale = gdbook.data.BOOK_NOISE_STD / math.sqrt(n)

    well = gdbook.DoubleWell()
    ends = [
        float(gdbook.gradient_descent(well, x0, learning_rate=WELL_ETA, steps=WELL_STEPS).final[0])
        for x0 in WELL_STARTS
    ]

    eta_best = 2.0 / (lipschitz + mu)
    exercise = {}
    for eta in EXERCISE_RATES:
        trial = gdbook.gradient_descent(ls, START, learning_rate=eta, steps=STEPS)
        key = f"{round(eta * 100):03d}"
        exercise[f"rate_{key}"] = f"{max(abs(1 - eta * mu), abs(1 - eta * lipschitz)):.4f}"
        distance = float(np.linalg.norm(trial.final - x_hat))
        exercise[f"gap_{key}"] = f"{distance:.1f}" if distance >= 1 else latex_sci(distance, 1)
    best_trial = gdbook.gradient_descent(ls, START, learning_rate=eta_best, steps=STEPS)

    scaled_mu, scaled_l = curvature(X * np.array([1.0, SCALE]))
    shifted_mu, shifted_l = curvature(X + np.array([0.0, SHIFT]))

    return {
        # the data and the gradient
        "grad_rel_error": latex_sci(check.relative_error, 1),
        # the Hessian and convexity
        "mean_x": f"{np.mean(X[:, 1]):.4f}",
        "mean_x2": f"{np.mean(X[:, 1] ** 2):.4f}",
        "mu": f"{mu:.4f}",
        "lipschitz": f"{lipschitz:.4f}",
        "kappa": f"{kappa:.2f}",
        "eta_max": f"{2.0 / lipschitz:.4f}",
        # gradient descent against least squares
        "rho": f"{rho:.4f}",
        "loss_start": f"{run.losses[0]:.2f}",
        "loss_min": f"{ls(x_hat):.4f}",
        "x_hat1": f"{x_hat[0]:.4f}",
        "x_hat2": f"{x_hat[1]:.4f}",
        "gap": latex_sci(gap),
        "bound": latex_sci(bound),
        "stat_error": "({:.2f},\\;{:.2f})".format(*(x_hat - data.true_beta)),
        "noise_scale": f"{noise_scale:.3f}",
        "orders": f"{math.floor(math.log10(noise_scale / gap))}",
        # non-convex
        "well_deep": f"{ends[0]:.4f}",
        "well_shallow": f"{ends[1]:.4f}",
        "well_f_deep": f"{well(ends[0]):.4f}",
        "well_f_shallow": f"{well(ends[1]):.4f}",
        # exercises
        "eta_best": f"{eta_best:.4f}",
        "rate_best": f"{(kappa - 1) / (kappa + 1):.4f}",
        "gap_best": latex_sci(float(np.linalg.norm(best_trial.final - x_hat)), 1),
        **exercise,
        "steps_best": f"{best_rate_steps(kappa)}",
        "scaled_l": f"{scaled_l:.1f}",
        "scaled_kappa": f"{scaled_l / scaled_mu:.0f}",
        "scaled_eta_max": f"{2.0 / scaled_l:.5f}",
        "scaled_steps": f"{best_rate_steps(scaled_l / scaled_mu):,}",
        "shifted_kappa": f"{shifted_l / shifted_mu:.1f}",
        "shifted_steps": f"{best_rate_steps(shifted_l / shifted_mu):,}",
    }
