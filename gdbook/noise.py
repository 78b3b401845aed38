r"""Exact expected loss of simulated SGD on a quadratic: the curve and its noise floor.

On $f(x) = \tfrac12\sum_j \lambda_j x_j^2$ (:class:`gdbook.Quadratic`), simulated SGD
(:func:`gdbook.noisy_gradient_descent`) steps along $g_t = \nabla f(x_t) + \xi_t$ with
independent noise $\xi_t \sim \mathcal N(0, \nu^2 I)$. Each coordinate evolves on its own,

$$
x_{t+1,j} = (1 - \eta_t \lambda_j)\,x_{t,j} - \eta_t\,\xi_{t,j},
$$

so its mean $m_{t,i} = \mathbb E\,x_{t,i}$ and variance $v_{t,i}$ follow

$$
m_{t+1,j} = (1 - \eta_t \lambda_j)\,m_{t,j}, \qquad
v_{t+1,j} = (1 - \eta_t \lambda_j)^2\,v_{t,j} + \eta_t^2\nu^2,
$$

from $m_{0} = x_0$, $v_0 = 0$, and $\mathbb E f(x_t) = \tfrac12\sum_j \lambda_j (m_{t,j}^2 + v_{t,j})$.
With a constant $\eta$ and $0 < \eta \lambda_j < 2$ for every $j$, the mean vanishes and the
variance settles where $v_j = (1-\eta\lambda_j)^2 v_j + \eta^2\nu^2$, at $v_j = \eta\nu^2 /
\bigl(\lambda_j(2 - \eta \lambda_j)\bigr)$: the expected loss tends to the *noise floor*

$$
\lim_{t\to\infty}\mathbb E f(x_t) = \frac{\eta\nu^2}{2}\sum_j \frac{1}{2 - \eta \lambda_j}.
$$

Examples
--------
>>> from gdbook import Quadratic
>>> bowl = Quadratic((2.0, 4.0))
>>> curve = noisy_quadratic_loss(bowl, (-5.0, -2.0), learning_rate=0.1, steps=2000, noise_std=1.0)
>>> print(f"{curve[0]:.1f} {curve[-1]:.6f} {noise_floor(bowl, learning_rate=0.1, noise_std=1.0):.6f}")
33.0 0.059028 0.059028
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._validation import (
    check_array,
    check_float,
    check_int,
    check_learning_rate,
    message,
)
from gdbook.objectives import Quadratic

__all__ = ["noise_floor", "noisy_quadratic_loss"]


def _check_quadratic(objective: object, caller: str) -> NDArray[np.float64]:
    if not isinstance(objective, Quadratic):
        raise TypeError(message("objective", caller, "a gdbook.Quadratic", objective))
    return np.array(objective.curvatures, dtype=np.float64)


def _rates(
    learning_rate: float | Callable[[Any], Any], steps: int, caller: str
) -> NDArray[np.float64]:
    rate = check_learning_rate(learning_rate, caller)
    if not callable(rate):
        return np.full(steps, float(rate))
    schedule: Callable[[Any], Any] = rate
    try:  # a vectorised schedule (a gdbook.Schedule) takes every step at once
        rates = np.array(schedule(np.arange(steps)), dtype=np.float64)
    except (TypeError, ValueError):
        rates = np.array([float(schedule(t)) for t in range(steps)], dtype=np.float64)
    rates = np.broadcast_to(rates, (steps,)).astype(np.float64)
    bad = ~(np.isfinite(rates) & (rates >= 0.0))
    if bad.any():
        t = int(np.argmax(bad))
        raise ValueError(
            message(
                "learning_rate",
                caller,
                "a schedule of floats in the range [0, inf)",
                f"{rates[t]!r} at step {t}",
            )
        )
    return rates


def noisy_quadratic_loss(
    objective: Quadratic,
    x0: ArrayLike,
    *,
    learning_rate: float | Callable[[Any], Any],
    steps: int,
    noise_std: float,
) -> NDArray[np.float64]:
    r"""Return $\mathbb E f(x_t)$, $t = 0, \dots, T$, of simulated SGD on a quadratic.

    Exact (no sampling): the mean and variance recursions of the module's docstring.

    Parameters
    ----------
    objective : Quadratic
        $f(x) = \tfrac12\sum_j \lambda_j x_j^2$.
    x0 : array_like, shape (d,)
        The start $x_0$.
    learning_rate : float or schedule
        A float in $(0, \infty)$, or a function of the step $t$ (such as a
        :class:`gdbook.Schedule`) returning $\eta_t \ge 0$.
    steps : int
        $T \ge 0$.
    noise_std : float
        $\nu \ge 0$, the standard deviation of each coordinate of the noise.

    Returns
    -------
    ndarray, shape (T+1,)
        $\mathbb E f(x_0), \dots, \mathbb E f(x_T)$.

    Examples
    --------
    >>> from gdbook import Quadratic, constant
    >>> f = Quadratic((2.0,))
    >>> print(noisy_quadratic_loss(f, [1.0], learning_rate=constant(0.25), steps=2, noise_std=0.0))
    [1.     0.25   0.0625]
    """
    caller = "noisy_quadratic_loss"
    h = _check_quadratic(objective, caller)
    start = check_array(x0, "x0", caller, shape=(h.size,))
    count = check_int(steps, "steps", caller, low=0)
    nu = check_float(noise_std, "noise_std", caller, low=0.0, closed="left")
    mean, variance = start, np.zeros_like(h)
    values = np.empty(count + 1)
    values[0] = 0.5 * np.sum(h * mean**2)
    for t, eta in enumerate(_rates(learning_rate, count, caller), start=1):
        factor = 1.0 - eta * h
        mean = factor * mean
        variance = factor**2 * variance + eta**2 * nu**2
        values[t] = 0.5 * np.sum(h * (mean**2 + variance))
    return values


def noise_floor(objective: Quadratic, *, learning_rate: float, noise_std: float) -> float:
    r"""Return $\lim_t \mathbb E f(x_t) = \frac{\eta\nu^2}{2}\sum_j \frac{1}{2-\eta\lambda_j}$.

    The expected loss that simulated SGD with a constant learning rate settles at on a
    quadratic, whatever the start.

    Parameters
    ----------
    objective : Quadratic
        $f(x) = \tfrac12\sum_j \lambda_j x_j^2$.
    learning_rate : float
        A constant $\eta$ with $0 < \eta < 2 / \max_j \lambda_j$ (otherwise the iteration diverges
        and there is no floor).
    noise_std : float
        $\nu \ge 0$.

    Examples
    --------
    >>> from gdbook import Quadratic
    >>> print(noise_floor(Quadratic((2.0,)), learning_rate=0.5, noise_std=1.0))
    0.25
    >>> noise_floor(Quadratic((2.0,)), learning_rate=1.0, noise_std=1.0)
    Traceback (most recent call last):
        ...
    ValueError: The 'learning_rate' parameter of noise_floor must be a float in the range (0, 1). Got 1.0 instead.
    """
    caller = "noise_floor"
    h = _check_quadratic(objective, caller)
    limit = 2.0 / float(h.max())
    eta = check_float(learning_rate, "learning_rate", caller, low=0.0, high=limit)
    nu = check_float(noise_std, "noise_std", caller, low=0.0, closed="left")
    return float(0.5 * eta * nu**2 * np.sum(1.0 / (2.0 - eta * h)))
