r"""Check an analytic gradient against central finite differences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._validation import check_array, check_positive_float, message, norm

__all__ = ["GradientCheck", "check_gradient", "numerical_gradient"]

Vector = NDArray[np.float64]


def _as_vector(x: ArrayLike, name: str, caller: str) -> Vector:
    array = np.atleast_1d(check_array(x, name, caller))
    if array.ndim != 1 or array.size == 0:
        expected = "a float or a non-empty 1-dimensional array"
        raise ValueError(message(name, caller, expected, array))
    return array


def _value(fun: Callable[[Vector], Any], x: Vector, caller: str) -> float:
    """`fun(x)` as a float; a vector, None or a string is not a function value."""
    value = fun(x)
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "fiu":
        return float(value.reshape(()))
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        expected = "a function returning a float (a scalar function of x)"
        raise TypeError(message("fun", caller, expected, value))
    if isinstance(value, np.complexfloating):
        raise TypeError(message("fun", caller, "a function returning a real float", value))
    return float(value)


def _check_callable(fun: object, name: str, caller: str) -> Callable[[Vector], Any]:
    if not callable(fun):
        raise TypeError(message(name, caller, "a callable", fun))
    return fun


def _central_differences(fun: Callable[[Vector], Any], x: Vector, h: float, caller: str) -> Vector:
    grad = np.empty_like(x)
    for j in range(x.size):
        shift = np.zeros_like(x)
        shift[j] = h
        grad[j] = (_value(fun, x + shift, caller) - _value(fun, x - shift, caller)) / (2.0 * h)
    return grad


def numerical_gradient(fun: Callable[[Vector], Any], x: ArrayLike, *, h: float = 1e-6) -> Vector:
    r"""Approximate $\nabla f(x)$ by central differences.

    $$
    \frac{\partial f}{\partial x_j}(x) \approx \frac{f(x + h e_j) - f(x - h e_j)}{2h},
    $$

    whose error is $O(h^2)$ (plus rounding of order $\epsilon|f|/h$).

    Parameters
    ----------
    fun : callable
        `fun(x) -> float` for `x` of shape `(d,)`.
    x : float or array_like, shape (d,)
        The point.
    h : float, default 1e-6
        Finite-difference increment, in `(0, inf)`.

    Returns
    -------
    ndarray, shape (d,)

    Examples
    --------
    >>> g = numerical_gradient(lambda x: x[0] ** 2 + 3 * x[1], [1.0, 0.0])
    >>> g.round(6).tolist()
    [2.0, 3.0]
    """
    caller = "numerical_gradient"
    f = _check_callable(fun, "fun", caller)
    point = _as_vector(x, "x", caller)
    increment = check_positive_float(h, "h", caller)
    return _central_differences(f, point, increment, caller)


@dataclass(frozen=True, eq=False)
class GradientCheck:
    r"""The outcome of `check_gradient`.

    Attributes
    ----------
    analytic : ndarray, shape (d,)
        The gradient being checked.
    numerical : ndarray, shape (d,)
        The central-difference approximation.
    max_abs_error : float
        $\max_j |g_j - \tilde g_j|$, with $g$ the analytic and $\tilde g$ the numerical gradient.
    relative_error : float
        $\lVert g - \tilde g\rVert / \max(\lVert g\rVert, \lVert \tilde g\rVert, \text{tiny})$.
    passed : bool
        `relative_error <= rtol`.

    Examples
    --------
    >>> result = check_gradient(lambda x: float(x[0] ** 2), lambda x: 2 * x, [3.0])
    >>> result.passed, result.analytic.tolist()
    (True, [6.0])
    """

    analytic: Vector
    numerical: Vector
    max_abs_error: float
    relative_error: float
    passed: bool

    def __post_init__(self) -> None:
        for name in ("analytic", "numerical"):
            array = np.array(getattr(self, name), dtype=np.float64)
            array.setflags(write=False)
            object.__setattr__(self, name, array)


def check_gradient(
    fun: Callable[[Vector], Any],
    grad: Callable[[Vector], ArrayLike],
    x: ArrayLike,
    *,
    h: float = 1e-6,
    rtol: float = 1e-6,
) -> GradientCheck:
    r"""Compare an analytic gradient with central finite differences at one point.

    The check passes when the relative error

    $$
    \frac{\lVert a - n\rVert}{\max(\lVert a\rVert, \lVert n\rVert, \text{tiny})}
    \le \text{rtol},
    $$

    where $a$ is `grad(x)` and $n$ the `numerical_gradient`.

    Parameters
    ----------
    fun : callable
        `fun(x) -> float`.
    grad : callable
        `grad(x) -> array of shape (d,)`, the gradient to check.
    x : float or array_like, shape (d,)
        The point.
    h : float, default 1e-6
        Finite-difference increment, in `(0, inf)`.
    rtol : float, default 1e-6
        Largest relative error that passes, in `(0, inf)`.

    Returns
    -------
    GradientCheck

    Examples
    --------
    >>> from gdbook.objectives import MixedCosine
    >>> f = MixedCosine()
    >>> check_gradient(f, f.gradient, [1.0, 2.0]).passed
    True
    >>> wrong = lambda x: f.gradient(x) + np.array([0.0, 0.1])
    >>> check_gradient(f, wrong, [1.0, 2.0]).passed
    False
    """
    caller = "check_gradient"
    f = _check_callable(fun, "fun", caller)
    g = _check_callable(grad, "grad", caller)
    point = _as_vector(x, "x", caller)
    increment = check_positive_float(h, "h", caller)
    tolerance = check_positive_float(rtol, "rtol", caller)

    numerical = _central_differences(f, point, increment, caller)
    expected = f"a callable returning an array of shape {numerical.shape}"
    returned = g(point)
    try:
        analytic = check_array(returned, "grad", caller, finite=False).reshape(-1)
    except TypeError:
        raise TypeError(message("grad", caller, expected, returned)) from None
    if analytic.shape != numerical.shape:
        raise ValueError(message("grad", caller, expected, analytic))
    with np.errstate(over="ignore", invalid="ignore"):
        difference = analytic - numerical
        scale = max(norm(analytic), norm(numerical), float(np.finfo(float).tiny))
        relative = norm(difference) / scale
    return GradientCheck(
        analytic=analytic,
        numerical=numerical,
        max_abs_error=float(np.max(np.abs(difference))),
        relative_error=relative,
        passed=bool(relative <= tolerance),
    )
