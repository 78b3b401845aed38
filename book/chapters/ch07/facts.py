"""Facts of chapter 7, learning-rate schedules and pitfalls.

Each value is computed here with gdbook, the way the page code computes it, and formatted
exactly as the prose quotes it (several sit inside ``$...$``).
"""

from __future__ import annotations

import math
from types import ModuleType

import numpy as np

import gdbook
from book.chapters import page_module
from book.chapters.ch07.params import (
    ESCAPE_NU,
    ESCAPE_SCHEDULE,
    ESCAPE_SEEDS,
    ESCAPE_STEPS,
    ESCAPE_X0,
    NOISY_COPIES,
    NOISY_CURVATURES,
    NOISY_NU,
    NOISY_START,
    NOISY_STEPS,
    PLATEAU_ETA,
    SADDLE_ETA,
)
from book.chapters.ch07.runs import escape_finals

# The parameters of the page code (book/chapters/ch07/code/*.py); tests/book/test_ch07.py checks
# that the pages print what these facts say.


def load_page_module(name: str) -> ModuleType:
    """Import a definitions-only page file, ``book/chapters/ch07/code/<name>.py``."""
    return page_module(7, name)


def noisy_quadratic_runs() -> dict[str, gdbook.Trajectory]:
    """One run of the stacked noisy quadratic per schedule of the lineup."""
    schedules = load_page_module("lineup").schedules
    bowl = gdbook.Quadratic(NOISY_CURVATURES)
    stacked = gdbook.Quadratic(np.tile(bowl.curvatures, NOISY_COPIES))
    start = np.tile(NOISY_START, NOISY_COPIES)
    return {
        name: gdbook.noisy_gradient_descent(
            stacked,
            start,
            learning_rate=schedule,
            steps=NOISY_STEPS,
            noise_std=NOISY_NU,
            seed=0,
        )
        for name, schedule in schedules.items()
    }


def plateau_crossing(x_start: float, eta: float) -> int:
    """The first step t at which gradient descent on the sigmoid unit has x_t >= 0."""
    unit = load_page_module("landscapes").SigmoidUnit()
    x = gdbook.gradient_descent(unit, x_start, learning_rate=eta, steps=5000).iterates[:, 0]
    return int(np.argmax(x >= 0))


def saddle_escape(y0: float) -> int:
    """The first step t at which gradient descent on x^2 - y^2 from (1, y0) has |y_t| >= 1."""
    saddle = load_page_module("landscapes").Saddle()
    run = gdbook.gradient_descent(saddle, [1.0, y0], learning_rate=SADDLE_ETA, steps=120)
    return int(np.flatnonzero(np.abs(run.iterates[:, 1]) >= 1.0)[0])


def _sci(value: float) -> str:
    """``2.3\\times10^{-12}`` for use inside ``$...$``."""
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}\\times10^{{{int(exponent)}}}"


def facts() -> dict[str, str]:
    values: dict[str, str] = {}

    # Schedules and the Robbins-Monro conditions.
    eta0, beta = 0.1, 0.1
    values["exp99_half_life"] = f"{math.log(2) / math.log(1 / 0.99):.0f}"
    values["exp99_sum_limit"] = f"{eta0 / (1 - 0.99):.0f}"
    values["exp9_sum_limit"] = f"{eta0 / (1 - 0.9):.0f}"
    values["sqrt_sq_increment"] = f"{eta0**2 / beta * math.log(100):.2f}"
    values["inv_t_sum_increment"] = f"{eta0 / beta * math.log(100):.1f}"

    # The noisy quadratic: mean loss over the copies after T steps.
    runs = noisy_quadratic_runs()
    mean_loss = {name: run.losses[-1] / NOISY_COPIES for name, run in runs.items()}
    values["const_loss"] = f"{mean_loss['constant']:.4f}"
    constant_rate = float(load_page_module("lineup").schedules["constant"](0))
    floor = gdbook.noise_floor(
        gdbook.Quadratic(NOISY_CURVATURES), learning_rate=constant_rate, noise_std=NOISY_NU
    )
    values["noise_floor"] = f"{floor:.4f}"
    values["piecewise_loss"] = f"{mean_loss['piecewise_constant']:.5f}"
    values["exp99_loss"] = f"{mean_loss['exponential(0.99)']:.5f}"
    values["sqrt_loss"] = f"{mean_loss['polynomial(1/2)']:.5f}"
    values["inv_t_loss"] = f"{mean_loss['polynomial(1)']:.5f}"
    values["exp9_loss"] = f"{mean_loss['exponential(0.9)']:.3f}"
    fast = runs["exponential(0.9)"].final.reshape(NOISY_COPIES, 2)
    values["exp9_x1"] = f"{np.mean(fast[:, 0]):.3f}"
    eta = gdbook.exponential(0.1, 0.9)(np.arange(NOISY_STEPS))
    values["exp9_x1_predicted"] = f"{-5 * np.prod(1 - 2 * eta):.3f}"

    # The double well: its critical points and barriers.
    well = gdbook.DoubleWell()
    deep, shallow, top = well.deep_minimum, well.shallow_minimum, well.local_maximum
    values["deep_x"] = f"{deep:.4f}"
    values["deep_f"] = f"{well(deep):.4f}"
    values["shallow_x"] = f"{shallow:.4f}"
    values["shallow_f"] = f"{well(shallow):.4f}"
    values["barrier_x"] = f"{top:.4f}"
    # phi(x) = x - eta f'(x) is increasing where eta f''(x) = eta (3x^2 - 1) < 1.
    values["monotone_radius"] = f"{math.sqrt((1 / 0.1 + 1) / 3):.2f}"
    barrier_shallow = well(top) - well(shallow)
    barrier_deep = well(top) - well(deep)
    values["barrier_from_shallow"] = f"{barrier_shallow:.3f}"
    values["barrier_from_deep"] = f"{barrier_deep:.3f}"

    # The plateau of a saturated sigmoid unit.
    unit = load_page_module("landscapes").SigmoidUnit()
    plateau = gdbook.gradient_descent(unit, -6.0, learning_rate=PLATEAU_ETA, steps=400)
    values["plateau_f0"] = f"{plateau.losses[0]:.4f}"
    values["plateau_grad0"] = f"{plateau.gradient_norms[0]:.4f}"
    values["plateau_steps"] = f"{np.sum(plateau.losses > 0.9)}"
    values["plateau_low_step"] = f"{np.argmax(plateau.losses < 0.01)}"
    values["plateau_cross_6"] = f"{plateau_crossing(-6.0, 1.0)}"
    values["plateau_pred_6"] = f"{(math.exp(6.0) - 1) / 2:.1f}"
    values["plateau_cross_8"] = f"{plateau_crossing(-8.0, 1.0)}"
    values["e_squared"] = f"{math.exp(2):.1f}"
    values["plateau_cross_6_eta2"] = f"{plateau_crossing(-6.0, 2.0)}"

    # The saddle x^2 - y^2.
    for k in (2, 4, 8):
        values[f"saddle_escape_{k}"] = f"{saddle_escape(10.0**-k)}"
    saddle = load_page_module("landscapes").Saddle()
    stuck = gdbook.gradient_descent(saddle, [1.0, 0.0], learning_rate=SADDLE_ETA, steps=120)
    values["saddle_stuck_x"] = _sci(stuck.final[0])
    values["saddle_steps_per_100"] = f"{math.log(100) / math.log(1 + 2 * SADDLE_ETA):.1f}"

    # Escaping the shallow minimum with gradient noise.
    gd = gdbook.gradient_descent(well, ESCAPE_X0, learning_rate=ESCAPE_SCHEDULE, steps=ESCAPE_STEPS)
    noisy = gdbook.noisy_gradient_descent(
        well,
        ESCAPE_X0,
        learning_rate=ESCAPE_SCHEDULE,
        steps=ESCAPE_STEPS,
        noise_std=ESCAPE_NU,
        seed=0,
    )
    values["escape_gd_x"] = f"{gd.final[0]:.4f}"
    values["escape_sgd_x"] = f"{noisy.final[0]:.4f}"
    values["escape_sgd_f"] = f"{noisy.losses[-1]:.4f}"
    escaped = np.array(escape_finals()) < top
    values["escape_count"] = f"{int(escaped.sum())}"
    values["escape_seeds"] = f"{ESCAPE_SEEDS}"
    values["escape_fraction"] = f"{escaped.mean():.1%}"
    temperature = 0.1 * ESCAPE_NU**2 / 2
    values["temperature"] = f"{temperature:.4f}"
    values["shallow_barrier_in_t"] = f"{barrier_shallow / temperature:.2f}"
    values["deep_barrier_in_t"] = f"{barrier_deep / temperature:.1f}"
    values["settle_barrier_in_t"] = f"{barrier_shallow / (temperature / 10):.1f}"
    return values
