"""Facts of chapter 2, gradient descent in one dimension.

Every number the chapter's prose quotes, computed with gdbook the way the page code
(``book/chapters/ch02/code/*.py``) computes it and formatted as the prose shows it. Values written
``2.1 \\times 10^{-16}`` sit inside ``$...$`` on the page.
"""

from __future__ import annotations

import math

import numpy as np

import gdbook
from book.chapters.ch02.params import ETA, STEPS, X0

#: The standard example: f(x) = x^2 from x_0 = 10 for 10 steps, with three learning rates.
ETAS = (ETA, 0.05, 1.1)
#: ``gd_loop.py``: the stopping rule |f'(x)| <= TOL with eta = 0.2.
TOL, MAX_STEPS = 1e-6, 1000
#: ``taylor_step.py``: one step from x = 1.
TAYLOR_X = 1.0
#: ``local_minimum.py`` and ``which_minimum.py``: x cos(cx) with c = 0.15 pi.
XCOS_C, XCOS_ETA = 0.15 * np.pi, 2.0
POLISH_ETA, SMALL_ETA, POLISH_STEPS, POLISH_TOL = 0.5, 0.2, 500, 1e-12


def latex_sci(value: float, digits: int = 1) -> str:
    r"""Format ``value`` as LaTeX scientific notation, e.g. ``2.1 \times 10^{-16}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def square() -> gdbook.Quadratic:
    """The chapter's f(x) = x^2."""
    return gdbook.Quadratic((2.0,))


def standard_runs() -> dict[float, gdbook.Trajectory]:
    """The three 10-step runs on x^2 from x_0 = 10, keyed by learning rate."""
    return {
        eta: gdbook.gradient_descent(square(), X0, learning_rate=eta, steps=STEPS) for eta in ETAS
    }


def closed_form(eta: float, steps: int = STEPS, x0: float = X0) -> np.ndarray:
    """``x_t = (1 - 2 eta)^t x_0`` for ``t = 0, ..., steps``."""
    return (1 - 2 * eta) ** np.arange(steps + 1) * x0


def xcos_runs() -> dict[str, gdbook.Trajectory]:
    """The eta = 2 run on x cos(cx), its polished end point, and the eta = 0.2 run."""
    f = gdbook.XCosCx(XCOS_C)
    large = gdbook.gradient_descent(f, X0, learning_rate=XCOS_ETA, steps=STEPS)
    polished = gdbook.gradient_descent(
        f, large.final, learning_rate=POLISH_ETA, steps=POLISH_STEPS, tol=POLISH_TOL
    )
    small = gdbook.gradient_descent(
        f, X0, learning_rate=SMALL_ETA, steps=POLISH_STEPS, tol=POLISH_TOL
    )
    return {"large": large, "polished": polished, "small": small}


#: Exercise 1: the learning rates tried on the standard example.
EXERCISE_ETAS = (0.1, 0.3, 0.5, 0.7, 0.9, 1.0)
#: Exercise 2: steps to |x_t| <= 1e-6 from x_0 = 10.
EXERCISE_TOL, EXERCISE_TOL_ETAS = 1e-6, (0.05, 0.2, 0.4)
#: Exercise 4: learning rates on x cos(cx) from x_0 = 10, 50 steps each.
EXERCISE_XCOS_ETAS, EXERCISE_XCOS_STEPS = (0.2, 0.5, 1.0, 2.0), 50


def key(eta: float) -> str:
    """``0.05 -> "005"``, ``0.2 -> "02"``, ``1.0 -> "10"``: learning rates in fact names."""
    return f"{eta:g}".replace(".", "").ljust(2, "0")


def plain_or_sci(value: float) -> str:
    r"""``1.07`` or ``10`` or ``0``, or LaTeX ``1.05 \times 10^{-3}`` for small values."""
    if value != 0 and abs(value) < 0.01:
        return latex_sci(value, 2)
    return f"{value:.3g}"


def exercise_facts() -> dict[str, str]:
    """The numbers of the exercises' solutions."""
    f = square()
    result: dict[str, str] = {}
    for eta in EXERCISE_ETAS:
        run = gdbook.gradient_descent(f, X0, learning_rate=eta, steps=STEPS)
        result[f"ex1_x10_{key(eta)}"] = plain_or_sci(float(run.final[0]))
    counts = {}
    for eta in EXERCISE_TOL_ETAS:
        run = gdbook.gradient_descent(f, X0, learning_rate=eta, steps=1000)
        counts[eta] = int(np.argmax(np.abs(run.iterates[:, 0]) <= EXERCISE_TOL))
        result[f"ex2_steps_{key(eta)}"] = str(counts[eta])
    result["ex2_ratio"] = f"{counts[0.05] / counts[0.2]:.1f}"

    g = gdbook.XCosCx(XCOS_C)
    deep = float(xcos_runs()["small"].final[0])
    deep_curvature = float(g.hessian(deep)[0, 0])
    result["ex4_deep_curv"] = f"{deep_curvature:.2f}"
    for eta in EXERCISE_XCOS_ETAS:
        run = gdbook.gradient_descent(g, X0, learning_rate=eta, steps=EXERCISE_XCOS_STEPS)
        result[f"ex4_step_{key(eta)}"] = f"{eta * g.gradient(X0)[0]:.2f}"
        if eta >= 1.0:
            result[f"ex4_final_{key(eta)}"] = f"{run.final[0]:.2f}"
        if eta < 2.0:
            result[f"ex4_factor_{key(eta)}"] = f"{1 - eta * deep_curvature:.2f}"
    return result


def facts() -> dict[str, str]:
    """Every number of chapter 2's prose, formatted as the prose shows it."""
    f = square()
    slope = float(f.gradient(TAYLOR_X)[0])

    def predicted(eta: float) -> float:
        return f(TAYLOR_X) - eta * slope**2

    def actual(eta: float) -> float:
        return f(TAYLOR_X - eta * slope)

    loop = gdbook.gradient_descent(f, X0, learning_rate=0.2, steps=MAX_STEPS, tol=TOL)
    # |f'(x_t)| = 2 |x_0| |1 - 2 eta|^t <= tol  <=>  t >= log(2 |x_0| / tol) / log(1 / |1 - 2 eta|)
    loop_bound = math.log(2 * X0 / TOL) / math.log(1 / abs(1 - 2 * 0.2))

    runs = standard_runs()
    relative = max(
        float(
            np.max(np.abs(runs[eta].iterates[:, 0] - closed_form(eta)) / np.abs(closed_form(eta)))
        )
        for eta in ETAS
    )

    g = gdbook.XCosCx(XCOS_C)
    xcos = xcos_runs()
    local_min = float(xcos["polished"].final[0])
    deep_min = float(xcos["small"].final[0])
    curvature = float(g.hessian(local_min)[0, 0])

    return {
        # the first-order prediction and the truth, one step from x = 1
        "taylor_pred_02": f"{predicted(0.2):.2f}",
        "taylor_actual_02": f"{actual(0.2):.2f}",
        "taylor_pred_11": f"{predicted(1.1):.2f}",
        "taylor_actual_11": f"{actual(1.1):.2f}",
        # stopping rule
        "loop_steps": f"{loop.steps}",
        "loop_bound": f"{loop_bound:.1f}",
        # the standard example and the two other learning rates
        "x1_02": f"{runs[0.2].iterates[1, 0]:g}",
        "x2_02": f"{runs[0.2].iterates[2, 0]:g}",
        "final_x_02": f"{runs[0.2].final[0]:.10f}",
        "final_f_02": f"{runs[0.2].losses[-1]:.10f}",
        "f_ratio_02": f"{runs[0.2].losses[1] / runs[0.2].losses[0]:.2f}",
        "final_x_005": f"{runs[0.05].final[0]:.10f}",
        "final_x_11": f"{runs[1.1].final[0]:.10f}",
        "closed_max_rel": latex_sci(relative),
        # x cos(cx): the jump, the poor local minimum, the deeper one
        "xcos_grad_x0": f"{g.gradient(X0)[0]:.2f}",
        "xcos_jump": f"{XCOS_ETA * g.gradient(X0)[0]:.2f}",
        "xcos_x1": f"{xcos['large'].iterates[1, 0]:.4f}",
        "xcos_final": f"{xcos['large'].final[0]:.4f}",
        "xcos_final_grad": f"{g.gradient(xcos['large'].final)[0]:.4f}",
        "xcos_local_min": f"{local_min:.4f}",
        "xcos_local_f": f"{g(local_min):.4f}",
        "xcos_deep_min": f"{deep_min:.4f}",
        "xcos_deep_f": f"{g(deep_min):.4f}",
        "xcos_curvature": f"{curvature:.4f}",
        "xcos_factor": f"{1 - XCOS_ETA * curvature:.3f}",
        "xcos_eta_bound": f"{2 / curvature:.2f}",
        **exercise_facts(),
    }


if __name__ == "__main__":
    for key, value in facts().items():
        print(f"{key} = {value}")
