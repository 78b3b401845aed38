"""Facts of chapter 3, gradient descent in many dimensions.

Every number the chapter's prose quotes, computed with gdbook the way the page code
(``book/chapters/ch03/code/*.py``) computes it, and formatted as the prose shows it. Values such as
``-7.31 \\times 10^{-5}`` sit inside ``$...$`` on the page.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

import gdbook
from book.chapters.ch03.params import CURVATURES, ETA, START, STEPS

#: ``directional.py``: the unit vector of the difference-quotient check.
DIRECTION = (1.0 / math.sqrt(2.0), 1.0 / math.sqrt(2.0))
#: ``kappa_table.py``: condition numbers and the accuracy asked for.
KAPPAS = (2, 10, 100, 1000)
ACCURACY = 1e-6
#: The Rosenbrock exercise: start, learning rates and step budgets.
ROSENBROCK_START = (-1.0, 1.0)
ROSENBROCK_RATES = (0.001, 0.002)
ROSENBROCK_BUDGETS = (10_000, 100_000)


def latex_sci(value: float, digits: int = 2) -> str:
    r"""Format ``value`` as LaTeX scientific notation, e.g. ``-7.31 \times 10^{-5}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def fraction(value: float) -> str:
    """Format a simple rational number such as 1/3 as the prose writes it."""
    exact = Fraction(value).limit_denominator(100)
    if not math.isclose(float(exact), value, rel_tol=1e-12):
        raise ValueError(f"{value} is not a simple fraction")
    return str(exact)


def steps_to_accuracy(kappa: float, accuracy: float = ACCURACY) -> int:
    """The smallest t with ((kappa - 1) / (kappa + 1))^t <= accuracy."""
    rho = (kappa - 1.0) / (kappa + 1.0)
    return math.ceil(math.log(accuracy) / math.log(rho))


@functools.cache
def rosenbrock_losses() -> dict[tuple[float, int], float]:
    """f(x_T) of GD on Rosenbrock from (-1, 1) for each learning rate and budget."""
    f = gdbook.Rosenbrock()
    losses = {}
    for eta in ROSENBROCK_RATES:
        run = gdbook.gradient_descent(
            f, ROSENBROCK_START, learning_rate=eta, steps=max(ROSENBROCK_BUDGETS)
        )
        for budget in ROSENBROCK_BUDGETS:
            losses[eta, budget] = float(run.losses[budget])
    return losses


def facts() -> dict[str, str]:
    """Every number of the chapter's prose, keyed as the pages use them."""
    f = gdbook.Quadratic(CURVATURES)
    x0 = np.array(START)
    g0 = f.gradient(x0)
    u = np.array(DIRECTION)
    descent_angle = math.degrees(math.atan2(-g0[1], -g0[0]))
    minimum_angle = math.degrees(math.atan2(-x0[1], -x0[0]))

    run = gdbook.gradient_descent(f, START, learning_rate=ETA, steps=STEPS)
    h = np.array(f.curvatures)
    t = np.arange(STEPS + 1)[:, np.newaxis]
    closed = (1.0 - ETA * h) ** t * x0
    factors = 1.0 - ETA * h

    bowl = gdbook.Quadratic((2.0, 2.0))
    bowl_run = gdbook.gradient_descent(bowl, (1.0, 1.0), learning_rate=ETA, steps=STEPS)

    lipschitz, mu = f.lipschitz, f.strong_convexity
    kappa = f.condition_number
    eta_best = 2.0 / (lipschitz + mu)
    rate_best = (kappa - 1.0) / (kappa + 1.0)
    best_run = gdbook.gradient_descent(f, START, learning_rate=eta_best, steps=STEPS)
    shrink = np.linalg.norm(best_run.final) / np.linalg.norm(x0)

    def final_x2(eta: float) -> float:
        return float(gdbook.gradient_descent(f, START, learning_rate=eta, steps=STEPS).final[1])

    narrow = gdbook.Quadratic((2.0, 20.0))
    narrow_slow = gdbook.gradient_descent(
        narrow, START, learning_rate=1.0 / narrow.lipschitz, steps=STEPS
    )
    narrow_best = gdbook.gradient_descent(
        narrow,
        START,
        learning_rate=2.0 / (narrow.lipschitz + narrow.strong_convexity),
        steps=STEPS,
    )

    rosenbrock = gdbook.Rosenbrock()
    r_mu, r_lipschitz = np.linalg.eigvalsh(rosenbrock.hessian(rosenbrock.minimizer))
    r_losses = rosenbrock_losses()
    k_large = KAPPAS[-1]

    return {
        # directional derivative and steepest descent at x0 = (-5, -2)
        "grad_x0": f"({g0[0]:.0f}, {g0[1]:.0f})",
        "dd_exact": f"{g0 @ u:.4f}",
        "grad_norm": f"{np.linalg.norm(g0):.4f}",
        "descent_angle": f"{descent_angle:.2f}",
        "minimum_angle": f"{minimum_angle:.2f}",
        "angle_gap": f"{descent_angle - minimum_angle:.1f}",
        # the standard example
        "f_start": f"{run.losses[0]:g}",
        "final_x1": f"{run.final[0]:.4f}",
        "final_x2": latex_sci(float(run.final[1])),
        "final_loss": f"{run.losses[-1]:.5f}",
        "factor1": f"{factors[0]:.1f}",
        "factor2": f"{factors[1]:.1f}",
        "closed_gap": latex_sci(float(np.max(np.abs(run.iterates - closed))), 1),
        # the bowl
        "bowl_final": f"{bowl_run.final[0]:.4f}",
        # learning rate and curvature
        "eta_max": f"{2.0 / lipschitz:g}",
        "eta_zigzag": fraction(1.0 / lipschitz),
        "x2_eta049": f"{final_x2(0.49):.3f}",
        "x2_eta051": f"{final_x2(0.51):.2f}",
        # condition number
        "kappa": f"{kappa:g}",
        "eta_best": fraction(eta_best),
        "rate_best": fraction(rate_best),
        "best_shrink": latex_sci(float(shrink)),
        "steps_kappa1000": f"{steps_to_accuracy(k_large):,}",
        "steps_approx_kappa1000": f"{k_large / 2 * math.log(1 / ACCURACY):,.0f}",
        "narrow_slow": f"{np.linalg.norm(narrow_slow.final):.2f}",
        "narrow_best": f"{np.linalg.norm(narrow_best.final):.2f}",
        # the Rosenbrock exercise
        "rosen_lipschitz": f"{r_lipschitz:.1f}",
        "rosen_mu": f"{r_mu:.4f}",
        "rosen_kappa": f"{r_lipschitz / r_mu:,.0f}",
        "rosen_eta_max": f"{2.0 / r_lipschitz:.6f}",
        "rosen_growth": f"{abs(1.0 - ROSENBROCK_RATES[1] * r_lipschitz):.4f}",
        "rosen_001_1e4": latex_sci(r_losses[0.001, 10_000]),
        "rosen_001_1e5": latex_sci(r_losses[0.001, 100_000], 1),
        "rosen_002_1e4": latex_sci(r_losses[0.002, 10_000]),
        "rosen_002_1e5": latex_sci(r_losses[0.002, 100_000]),
    }
