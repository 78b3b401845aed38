"""Facts of chapter 1, derivatives and gradients.

Every number the chapter's prose quotes, computed with gdbook the way the page code
(``book/chapters/ch01/code/*.py``) computes it and formatted as the prose shows it. Values written
``1.0 \\times 10^{-10}`` sit inside ``$...$`` on the page.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

import gdbook
from book.chapters.ch01.params import INCREMENTS, POINT

#: The point of the gradient example and the gradient check (``partial_derivatives.py``,
#: ``gradient_check.py``, ``finite_difference_error.py``).
#: The table of ``finite_difference_error.py``.
TABLE_INCREMENTS = INCREMENTS
#: ``ascent_descent.py``: one step of each kind on x² from x = 1.5 with eta = 0.1.
ASCENT_X, ASCENT_ETA = 1.5, 0.1


def latex_sci(value: float, digits: int = 1) -> str:
    r"""Format ``value`` as LaTeX scientific notation, e.g. ``1.0 \times 10^{-10}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def latex_power_of_ten(value: float) -> str:
    r"""Format an exact power of ten as LaTeX, e.g. ``10^{-5}``."""
    exponent = round(math.log10(value))
    if not math.isclose(value, 10.0**exponent):
        raise ValueError(f"{value} is not a power of ten")
    return f"10^{{{exponent}}}"


def wrong_gradient(p: NDArray[np.float64]) -> NDArray[np.float64]:
    """The page's wrong gradient of MixedCosine: the chain-rule factor 2 in ∂f/∂y is missing."""
    x, y = p
    s = x + 2 * y
    return np.array([2 * x + 2 * y - np.sin(s), 2 * x - np.sin(s)])


def finite_difference_table() -> list[tuple[float, float, float]]:
    """``(h, forward error, central error)`` for the increments of the page's table."""
    f = gdbook.MixedCosine()
    point = np.array(POINT)
    exact = float(f.gradient(point)[0])
    e_x = np.array([1.0, 0.0])
    rows = []
    for h in TABLE_INCREMENTS:
        forward = (f(point + h * e_x) - f(point)) / h
        central = float(gdbook.numerical_gradient(f, point, h=h)[0])
        rows.append((h, abs(forward - exact), abs(central - exact)))
    return rows


def error_constants() -> dict[str, float]:
    r"""The constants of the error model at the check point.

    ``f_xx`` and ``f_xxx`` are :math:`\partial^2 f/\partial x^2` and
    :math:`\partial^3 f/\partial x^3` (the latter a central difference of the analytic
    Hessian); ``value`` is :math:`|f(p)|`; ``h_forward`` and ``h_central`` are the increments that
    minimise truncation plus rounding error, :math:`\sqrt{2\epsilon_{\mathrm{mach}}|f|/f_{xx}}` and
    :math:`(3\epsilon_{\mathrm{mach}}|f|/(2|f_{xxx}|))^{1/3}`.
    """
    f = gdbook.MixedCosine()
    point = np.array(POINT)
    f_xx = float(f.hessian(point)[0, 0])
    f_xxx = float(gdbook.numerical_gradient(lambda p: f.hessian(p)[0, 0], point, h=1e-4)[0])
    value = abs(f(point))
    eps = float(np.finfo(float).eps)
    return {
        "f_xx": f_xx,
        "f_xxx": f_xxx,
        "value": value,
        "eps": eps,
        "h_forward": math.sqrt(2.0 * eps * value / abs(f_xx)),
        "h_central": (3.0 * eps * value / (2.0 * abs(f_xxx))) ** (1.0 / 3.0),
    }


def facts() -> dict[str, str]:
    """Every number of chapter 1's prose, formatted as the prose shows it."""
    square = gdbook.Quadratic((2.0,))
    slope = float(square.gradient(ASCENT_X)[0])

    f = gdbook.MixedCosine()
    point = np.array(POINT)
    grad = f.gradient(point)
    right = gdbook.check_gradient(f, f.gradient, point)
    wrong = gdbook.check_gradient(f, wrong_gradient, point)

    table = {h: (fwd, cen) for h, fwd, cen in finite_difference_table()}
    best_central_h = min(table, key=lambda h: table[h][1])
    best_forward_h = min(table, key=lambda h: table[h][0])
    constants = error_constants()

    return {
        # one step of ascent and of descent on x^2 from x = 1.5
        "ad_slope": f"{slope:.0f}",
        "ad_f0": f"{square(ASCENT_X):.2f}",
        "ad_x_ascent": f"{ASCENT_X + ASCENT_ETA * slope:.2f}",
        "ad_f_ascent": f"{square(ASCENT_X + ASCENT_ETA * slope):.2f}",
        "ad_x_descent": f"{ASCENT_X - ASCENT_ETA * slope:.2f}",
        "ad_f_descent": f"{square(ASCENT_X - ASCENT_ETA * slope):.2f}",
        # the gradient of x^2 + 2xy + cos(x + 2y) at (1, 0.5)
        "grad_x": f"{grad[0]:.6f}",
        "grad_y": f"{grad[1]:.6f}",
        "wrong_grad_y": f"{wrong_gradient(point)[1]:.6f}",
        # the gradient check, passing and failing
        "check_right_rel": latex_sci(right.relative_error),
        "check_wrong_rel": f"{wrong.relative_error:.2f}",
        # finite-difference accuracy
        "fd_forward_const": f"{abs(constants['f_xx']) / 2:.2f}",
        "fd_central_const": f"{abs(constants['f_xxx']) / 6:.3f}",
        "fd_f_value": f"{constants['value']:.2f}",
        "fd_h_forward": latex_sci(constants["h_forward"]),
        "fd_forward_floor": latex_sci(
            math.sqrt(2.0 * abs(constants["f_xx"]) * constants["eps"] * constants["value"])
        ),
        "fd_best_forward": latex_sci(table[best_forward_h][0], 2),
        "fd_best_forward_h": latex_power_of_ten(best_forward_h),
        "fd_h_central": latex_sci(constants["h_central"]),
        "fd_best_h": latex_power_of_ten(best_central_h),
        "fd_best_central": latex_sci(table[best_central_h][1], 2),
        "fd_default_central": latex_sci(table[1e-6][1], 2),
        "fd_default_forward": latex_sci(table[1e-6][0], 2),
    }


if __name__ == "__main__":
    for key, value in facts().items():
        print(f"{key} = {value}")
