"""Every number that chapter 5 (stochastic gradient descent) quotes in its prose.

Each value is computed here with gdbook, the same way as the page's code in
``book/chapters/ch05/code/``, and formatted exactly as the prose shows it.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from book.chapters.ch05.params import BALL_STEPS, BURN_IN, CURVATURES, ETA, NU, START
from gdbook import (
    LeastSquares,
    Quadratic,
    Schedule,
    book_regression,
    constant,
    gradient_descent,
    noise_floor,
    noisy_gradient_descent,
    noisy_quadratic_loss,
    polynomial,
    sgd,
)

BOWL = Quadratic(CURVATURES)  # x1^2 + 2 x2^2


def spread(problem: LeastSquares, beta: NDArray[np.float64]) -> float:
    """sigma^2(beta) = E_i ||grad f_i(beta) - grad f(beta)||^2 (i uniform)."""
    deviations = problem.example_gradients(beta) - problem.gradient(beta)
    return float(np.mean(np.sum(deviations**2, axis=1)))


def expected_loss(schedule: Schedule, steps: int) -> NDArray[np.float64]:
    """E f(x_t), t = 0..steps, for noisy GD on BOWL from START (``decaying.py``)."""
    return noisy_quadratic_loss(BOWL, START, learning_rate=schedule, steps=steps, noise_std=NU)


def _latex_scientific(value: float, digits: int = 2) -> str:
    """``6.19e-05`` as ``6.19\\times10^{-5}``, for use inside ``$...$``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa}\\times10^{{{int(exponent)}}}"


def _point(x: NDArray[np.float64]) -> str:
    return f"({x[0]:+.4f}, {x[1]:+.4f})"


def _regression_facts() -> dict[str, str]:
    data = book_regression()
    problem = LeastSquares(data.X, data.y)
    beta = np.zeros(problem.dim)
    beta_hat = problem.solve()
    full = problem.gradient(beta)
    mean_of_examples = problem.example_gradients(beta).mean(axis=0)  # as the page computes it
    per_example = problem.example_gradients(beta)
    cosines = per_example @ full / (np.linalg.norm(per_example, axis=1) * np.linalg.norm(full))
    angles = np.degrees(np.arccos(np.clip(cosines, -1.0, 1.0)))
    sigma2_zero = spread(problem, beta)
    sigma2_opt = spread(problem, beta_hat)
    f_star = problem(beta_hat)

    # GD against SGD for the same budget of example gradients (book/chapters/ch05/code/gd_vs_sgd.py).
    epochs = 20
    gd = gradient_descent(problem, beta, learning_rate=0.1, steps=epochs)
    runs = {
        eta: sgd(problem, beta, learning_rate=eta, steps=epochs * problem.n, seed=0, loss_every=1)
        for eta in (0.1, 0.01)
    }

    def gd_excess(budget: int) -> float:
        return float(gd.losses[np.searchsorted(gd.examples, budget, side="right") - 1] - f_star)

    def sgd_excess(eta: float, budget: int) -> float:
        return float(np.mean(runs[eta].losses[budget // 2 : budget + 1]) - f_star)

    return {
        "n": f"{problem.n}",
        "full_gradient": f"({full[0]:.2f}, {full[1]:.2f})",
        "mean_difference": f"{np.max(np.abs(mean_of_examples - full)):.1e}",
        "mean_angle": f"{np.mean(angles):.0f}",
        "opposite_percent": f"{100 * np.mean(cosines < 0):.0f}",
        "grad_norm_zero": f"{np.linalg.norm(full):.2f}",
        "sigma2_zero": f"{sigma2_zero:.1f}",
        "sigma_zero": f"{math.sqrt(sigma2_zero):.1f}",
        "sigma2_opt": f"{sigma2_opt:.2f}",
        "mc_rms_100": f"{math.sqrt(sigma2_zero / 100):.2f}",
        "mc_rms_10000": f"{math.sqrt(sigma2_zero / 10_000):.3f}",
        "f_star": f"{f_star:.3f}",
        "epochs": f"{epochs}",
        "budget": f"{epochs * problem.n:,}",
        "gd_excess_1000": f"{gd_excess(1_000):.2f}",
        "gd_excess_end": f"{gd_excess(epochs * problem.n):.4f}",
        "sgd1_excess_1000": f"{sgd_excess(0.1, 1_000):.2f}",
        "sgd1_excess_end": f"{sgd_excess(0.1, epochs * problem.n):.2f}",
        "sgd01_excess_1000": f"{sgd_excess(0.01, 1_000):.4f}",
        "sgd1_excess_100": f"{sgd_excess(0.1, 100):.2f}",
        "sgd01_excess_100": f"{sgd_excess(0.01, 100):.2f}",
        "sgd01_excess_end": f"{sgd_excess(0.01, epochs * problem.n):.4f}",
    }


def _quadratic_facts() -> dict[str, str]:
    gd = gradient_descent(BOWL, START, learning_rate=ETA, steps=20)
    noisy = noisy_gradient_descent(BOWL, START, learning_rate=ETA, steps=20, noise_std=NU, seed=0)

    # The noise ball (book/chapters/ch05/code/noise_ball.py): one long run, first 1000 steps dropped.
    steps, burn_in = BALL_STEPS, BURN_IN
    long_run = noisy_gradient_descent(
        BOWL, START, learning_rate=ETA, steps=steps, noise_std=NU, seed=1
    )
    settled = long_run.iterates[burn_in:]
    h1, h2 = BOWL.curvatures
    predicted = [ETA * NU**2 / (h * (2 - ETA * h)) for h in (h1, h2)]
    measured = [float(np.mean(settled[:, j] ** 2)) for j in (0, 1)]
    level = noise_floor(BOWL, learning_rate=ETA, noise_std=NU)

    # Expected loss under three schedules (book/chapters/ch05/code/decaying.py), at t = 10,000.
    t = 10_000
    at_t = {
        name: expected_loss(schedule, t)[t]
        for name, schedule in (
            ("constant", constant(ETA)),
            ("sqrt", polynomial(ETA, alpha=0.5, omega=0.1)),
            ("inverse", polynomial(ETA, alpha=1.0, omega=0.1)),
        )
    }
    relative_errors = [abs(m - p) / p for m, p in zip(measured, predicted, strict=True)]
    return {
        "gd_final": _point(gd.final),
        "gd_final_loss": f"{gd.losses[-1]:.4f}",
        "noisy_final": _point(noisy.final),
        "noisy_final_loss": f"{noisy.losses[-1]:.4f}",
        "ball_steps": f"{steps:,}",
        "ball_x1_predicted": f"{predicted[0]:.5f}",
        "ball_x1_measured": f"{measured[0]:.5f}",
        "ball_x2_predicted": f"{predicted[1]:.5f}",
        "ball_x2_measured": f"{measured[1]:.5f}",
        "ball_max_rel_error": f"{100 * max(relative_errors):.1f}",
        "ball_level": f"{level:.4f}",
        "ball_level_measured": f"{np.mean(long_run.losses[burn_in:]):.4f}",
        "ball_radius": f"{math.sqrt(sum(predicted)):.2f}",
        "loss_constant_10000": f"{at_t['constant']:.4f}",
        "loss_sqrt_10000": _latex_scientific(at_t["sqrt"]),
        "loss_inverse_10000": _latex_scientific(at_t["inverse"]),
    }


def _sampling_facts() -> dict[str, str]:
    n = 1000
    p_at_least_once = 1 - (1 - 1 / n) ** n
    p_exactly_once = (1 - 1 / n) ** (n - 1)
    rng = np.random.default_rng(0)  # as in book/chapters/ch05/code/sampling.py
    trials = 2_000
    draws = rng.integers(0, n, size=(trials, n))
    counts = np.array([np.bincount(row, minlength=n) for row in draws])
    at_least = (counts >= 1).mean(axis=1)
    exactly = (counts == 1).mean(axis=1)
    se_at_least = at_least.std(ddof=1) / math.sqrt(trials)
    se_exactly = exactly.std(ddof=1) / math.sqrt(trials)
    gap = max(p_at_least_once - (1 - math.exp(-1)), p_exactly_once - math.exp(-1))
    return {
        "p_at_least_once": f"{p_at_least_once:.6f}",
        "p_exactly_once": f"{p_exactly_once:.6f}",
        "limit_at_least_once": f"{1 - math.exp(-1):.6f}",
        "limit_exactly_once": f"{math.exp(-1):.6f}",
        "empirical_at_least_once": f"{at_least.mean():.6f}",
        "empirical_exactly_once": f"{exactly.mean():.6f}",
        "limit_gap": _latex_scientific(gap, digits=1),
        "z_at_least_once": f"{abs(at_least.mean() - p_at_least_once) / se_at_least:.1f}",
        "z_exactly_once": f"{abs(exactly.mean() - p_exactly_once) / se_exactly:.1f}",
        "trials": f"{trials:,}",
        "expected_missed": f"{n * (1 - 1 / n) ** n:.0f}",
        "expected_once": f"{n * p_exactly_once:.0f}",
    }


def facts() -> dict[str, str]:
    """Chapter 5's facts, keyed as the pages write them (``{{ ch05.key }}``)."""
    return {**_regression_facts(), **_quadratic_facts(), **_sampling_facts()}


if __name__ == "__main__":
    for key, value in facts().items():
        print(f"{key:26} {value}")
