"""Facts of chapter 9, Newton's method, preconditioning and line search.

Every number the chapter's prose quotes, computed with gdbook the way the page code
(``book/chapters/ch09/code/*.py``) computes it and formatted as the prose shows it. Values
written ``2.1 \\times 10^{-16}`` sit inside ``$...$`` on the page.
"""

from __future__ import annotations

import functools
import math

import numpy as np

import gdbook
from book.chapters import page_module
from book.chapters.ch09.params import (
    ACCURACY,
    ANGLE,
    BEGIN,
    CURVATURES,
    ETAS,
    START,
    STEPS,
    X0,
    XCOS_C,
    C,
)

#: ``rosenbrock.py``: gradient descent with eta = 0.001 for 10,000 steps.
ROSENBROCK_ETA, ROSENBROCK_STEPS, NEWTON_STEPS = 0.001, 10_000, 8
#: ``armijo.py``: the line search's defaults and the runs' tolerance and budget.
ALPHA, TAU, TOL, BUDGET = 1e-4, 0.5, 1e-6, 100_000


def latex_sci(value: float, digits: int = 1) -> str:
    r"""Format ``value`` as LaTeX scientific notation, e.g. ``2.1 \times 10^{-16}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def objectives() -> tuple[type, type]:
    """The page's ``Cosh`` and ``QuadraticForm`` classes (``objectives.py``)."""
    module = page_module(9, "objectives")
    return module.Cosh, module.QuadraticForm


def third_derivative(x: float, c: float = XCOS_C) -> float:
    """f''' of x cos(cx)."""
    return -3 * c**2 * math.cos(c * x) + c**3 * x * math.sin(c * x)


@functools.cache
def wave_runs() -> dict[float, gdbook.Trajectory]:
    """Newton on x cos(cx) from x0 = 10 for 10 steps, by learning rate."""
    wave = gdbook.XCosCx(XCOS_C)
    return {eta: gdbook.newton(wave, X0, learning_rate=eta, steps=STEPS) for eta in ETAS}


def turned_hessian() -> np.ndarray:
    """R diag(2, 20) R^T for the 45-degree turn."""
    rotation = np.array([[math.cos(ANGLE), -math.sin(ANGLE)], [math.sin(ANGLE), math.cos(ANGLE)]])
    return rotation @ np.diag(CURVATURES) @ rotation.T


def preconditioned_steps(objective: object, preconditioner: np.ndarray) -> int:
    """Steps of x <- x - eta P^-1 grad f(x), eta best for P^-1 H, to shrink ||x|| 10^6 times."""
    hessian = objective.hessian(START)  # type: ignore[attr-defined]
    lam = np.linalg.eigvals(np.linalg.solve(preconditioner, hessian)).real
    inverse = np.linalg.inv(preconditioner)
    start = np.array(START)
    run = gdbook.gradient_descent(
        (objective, lambda x: inverse @ objective.gradient(x)),  # type: ignore[attr-defined]
        start,
        learning_rate=2 / (lam.max() + lam.min()),
        steps=10_000,
        callback=lambda info: bool(np.linalg.norm(info.x) <= ACCURACY * np.linalg.norm(start)),
    )
    return run.steps


@functools.cache
def line_search_runs() -> dict[str, tuple[gdbook.Trajectory, gdbook.Trajectory]]:
    """``armijo.py``: (fixed-rate run, line-search run) by problem."""
    problems = {
        "valley": (gdbook.Quadratic(CURVATURES), START, 2 / (CURVATURES[0] + CURVATURES[1])),
        "rosenbrock": (gdbook.Rosenbrock(), BEGIN, ROSENBROCK_ETA),
        "wave": (gdbook.XCosCx(XCOS_C), X0, ETAS[1]),
    }
    runs = {}
    for name, (objective, point, rate) in problems.items():
        fixed = gdbook.gradient_descent(objective, point, learning_rate=rate, steps=BUDGET, tol=TOL)
        searched = gdbook.backtracking_gradient_descent(objective, point, steps=BUDGET, tol=TOL)
        runs[name] = (fixed, searched)
    return runs


def facts() -> dict[str, str]:
    """Every number the chapter quotes, formatted as the prose shows it."""
    cosh_class, form_class = objectives()
    bell = cosh_class(C)
    cosh_run = gdbook.newton(bell, X0, steps=STEPS)
    xs = cosh_run.iterates[:, 0]
    first_zero = int(np.argmax(xs == 0.0))

    wave = gdbook.XCosCx(XCOS_C)
    pure, damped = wave_runs()[ETAS[0]], wave_runs()[ETAS[1]]
    x_star = float(pure.x[0])
    curvature_star = float(wave.hessian(x_star)[0, 0])
    limit = abs(third_derivative(x_star)) / (2 * abs(curvature_star))
    errors = np.abs(pure.iterates[:, 0] - x_star)
    minimum = gdbook.newton(wave, damped.x, steps=20, tol=1e-13).x[0]
    damped_errors = np.abs(damped.iterates[:, 0] - minimum)

    banana = gdbook.Rosenbrock()
    newton_run = gdbook.newton(banana, BEGIN, steps=NEWTON_STEPS)
    gd_run = gdbook.gradient_descent(
        banana, BEGIN, learning_rate=ROSENBROCK_ETA, steps=ROSENBROCK_STEPS
    )
    newton_errors = np.linalg.norm(newton_run.iterates - banana.minimizer, axis=1)
    newton_exact = int(np.argmax(newton_errors == 0.0))
    gd_error = float(np.linalg.norm(gd_run.final - banana.minimizer))

    valley = gdbook.Quadratic(CURVATURES)
    turned = form_class(turned_hessian())
    kappa = valley.condition_number
    runs = line_search_runs()
    valley_search = runs["valley"][1]
    lipschitz = valley.lipschitz

    guarded_wave = gdbook.newton(wave, X0, steps=STEPS, line_search=True)
    guarded_banana = gdbook.newton(banana, BEGIN, steps=100, line_search=True, tol=1e-10)

    return {
        # cosh(cx)
        "cosh_x1": f"{xs[1]:.4f}",
        "cosh_x4": f"{xs[4]:.3f}",
        "cosh_x5": f"{xs[5]:.3f}",
        "cosh_x6": latex_sci(float(xs[6]), 2),
        "cosh_x7": latex_sci(float(xs[7]), 2),
        "cosh_x8": latex_sci(float(xs[8]), 2),
        "cosh_cubic": latex_sci(C**2 * float(xs[6]) ** 3 / 3, 2),
        "cosh_zero_step": f"{first_zero}",
        "cosh_curv0": f"{bell.hessian(X0)[0, 0]:.1f}",
        "cosh_ratio": f"{math.cosh(C * X0):.0f}",
        # x cos(cx)
        "wave_f0": f"{abs(wave(X0)):.0f}",
        "wave_curv0": f"{wave.hessian(X0)[0, 0]:.4f}",
        "wave_slope0": f"{wave.gradient(X0)[0]:.4f}",
        "wave_x1": f"{pure.iterates[1, 0]:.4f}",
        "wave_curv1": f"{wave.hessian(pure.iterates[1])[0, 0]:.4f}",
        "wave_slope1": f"{wave.gradient(pure.iterates[1])[0]:.4f}",
        "wave_x2": f"{pure.iterates[2, 0]:.2f}",
        "wave_step1": f"{-wave.gradient(pure.iterates[1])[0] / wave.hessian(pure.iterates[1])[0, 0]:.0f}",
        "wave_xstar": f"{x_star:.4f}",
        "wave_fstar": f"{wave(x_star):.2f}",
        "wave_curvstar": f"{curvature_star:.2f}",
        "wave_min": f"{minimum:.4f}",
        "wave_fmin": f"{wave(minimum):.3f}",
        "wave_curvmin": f"{wave.hessian(minimum)[0, 0]:.2f}",
        "damped_x1": f"{damped.iterates[1, 0]:.1f}",
        "damped_x10": f"{damped.x[0]:.4f}",
        "damped_ratio": f"{damped_errors[10] / damped_errors[9]:.3f}",
        # measured quadratic convergence
        "limit": f"{limit:.4f}",
        "err4": latex_sci(float(errors[4]), 1),
        "err5": latex_sci(float(errors[5]), 1),
        "err6": latex_sci(float(errors[6]), 1),
        "digits4": f"{-math.log10(errors[4]):.1f}",
        "digits5": f"{-math.log10(errors[5]):.1f}",
        "digits6": f"{-math.log10(errors[6]):.1f}",
        # Rosenbrock
        "rosen_f0": f"{newton_run.losses[0]:.1f}",
        "rosen_peak": f"{newton_run.losses.max():,.0f}",
        "rosen_err5": latex_sci(float(newton_errors[5]), 1),
        "rosen_err6": latex_sci(float(newton_errors[6]), 1),
        "rosen_exact": f"{newton_exact}",
        "rosen_gd_err": f"{gd_error:.3f}",
        # preconditioning
        "kappa": f"{kappa:g}",
        "plain_steps": f"{preconditioned_steps(valley, np.eye(2))}",
        "diag_steps": f"{preconditioned_steps(valley, np.diag(CURVATURES))}",
        "turned_diag": f"{turned_hessian()[0, 0]:.0f}",
        "turned_off": f"{turned_hessian()[0, 1]:.0f}",
        "turned_diag_steps": f"{preconditioned_steps(turned, np.diag(np.diag(turned_hessian())))}",
        "turned_full_steps": f"{preconditioned_steps(turned, turned_hessian())}",
        # line search
        "armijo_floor": f"{2 * (1 - ALPHA) / lipschitz:.5f}",
        "armijo_min_rate": f"{valley_search.learning_rates.min():g}",
        "valley_fixed": f"{runs['valley'][0].steps}",
        "valley_search": f"{valley_search.steps}",
        "valley_fvals": f"{valley_search.function_evaluations}",
        "valley_per_step": f"{valley_search.function_evaluations / valley_search.steps:.2f}",
        "rosen_fixed": f"{runs['rosenbrock'][0].steps:,}",
        "rosen_search": f"{runs['rosenbrock'][1].steps:,}",
        "rosen_fvals": f"{runs['rosenbrock'][1].function_evaluations:,}",
        "rosen_per_step": (
            f"{runs['rosenbrock'][1].function_evaluations / runs['rosenbrock'][1].steps:.2f}"
        ),
        "rosen_median_rate": latex_sci(float(np.median(runs["rosenbrock"][1].learning_rates)), 2),
        "wave_fixed": f"{runs['wave'][0].steps}",
        "wave_search": f"{runs['wave'][1].steps}",
        "wave_zigzag": f"{abs(1 - wave.hessian(minimum)[0, 0]):.2f}",
        # Newton with backtracking
        "guard_rate2": f"{guarded_wave.learning_rates[1]:g}",
        "guard_halvings": f"{round(math.log2(1 / guarded_wave.learning_rates[1]))}",
        "guard_x2": f"{guarded_wave.iterates[2, 0]:.4f}",
        "guard_steps": f"{guarded_banana.steps}",
        "guard_full": f"{int(np.sum(guarded_banana.learning_rates == 1.0))}",
        "guard_fvals": f"{guarded_banana.function_evaluations}",
    }
