r"""Iterate averaging: the running averages $\bar x_1, \dots, \bar x_T$ of a run.

A run of `T` steps visits $x_0, x_1, \dots, x_T$. Averaging the iterates *after* the steps
(Polyak–Ruppert averaging) gives, for every `k = 1..T`,

$$
\bar x_k = \frac{\sum_{t=0}^{k-1} w_t\,x_{t+1}}{\sum_{t=0}^{k-1} w_t},
$$

with the weights $w_t = 1$ (`weighting="uniform"`, the plain mean of $x_1, \dots, x_k$) or
$w_t = \eta_t$, the learning rate of the step that produced $x_{t+1}$
(`weighting="learning_rate"`, the average that the convergence proof for a decaying rate
bounds). The start $x_0$ is not averaged. With a constant learning rate the two weightings
agree.

Examples
--------
>>> from gdbook import Quadratic, gradient_descent
>>> run = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=0.25, steps=3)
>>> run.iterates[:, 0].tolist()
[1.0, 0.5, 0.25, 0.125]
>>> iterate_averages(run)[:, 0].tolist()
[0.5, 0.375, 0.2916666666666667]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from gdbook._validation import check_choice, message
from gdbook.optimizers import Trajectory

__all__ = ["iterate_averages"]

WEIGHTINGS = ("uniform", "learning_rate")


def iterate_averages(run: Trajectory, *, weighting: str = "uniform") -> NDArray[np.float64]:
    r"""Return the running averages $\bar x_1, \dots, \bar x_T$ of a run's iterates.

    Row `k - 1` is $\bar x_k = \sum_{t<k} w_t x_{t+1} / \sum_{t<k} w_t$, the average of
    the first `k` iterates after the start (see the module's docstring).

    Parameters
    ----------
    run : Trajectory
        A run of at least one step, from any driver.
    weighting : {"uniform", "learning_rate"}, default "uniform"
        $w_t = 1$, or $w_t = \eta_t$ (`run.learning_rates[t]`, all of which must be
        positive for the first average to exist).

    Returns
    -------
    ndarray, shape (T, d)
        $\bar x_1, \dots, \bar x_T$; the last row is the average of the whole run.

    Raises
    ------
    TypeError
        If `run` is not a `Trajectory`, or `weighting` is not a str.
    ValueError
        If the run has no step, `weighting` is unknown, or a learning-rate weighting
        starts with a zero rate.

    Examples
    --------
    With a decaying rate the weighted average leans on the early, long steps:

    >>> from gdbook import Quadratic, gradient_descent, piecewise_constant
    >>> rate = piecewise_constant([1], [0.25, 0.125])
    >>> run = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=rate, steps=2)
    >>> run.iterates[:, 0].tolist(), run.learning_rates.tolist()
    ([1.0, 0.5, 0.375], [0.25, 0.125])
    >>> iterate_averages(run)[-1, 0], iterate_averages(run, weighting="learning_rate")[-1, 0]
    (np.float64(0.4375), np.float64(0.4583333333333333))
    """
    caller = "iterate_averages"
    if not isinstance(run, Trajectory):
        raise TypeError(message("run", caller, "a gdbook.Trajectory", run))
    check_choice(weighting, "weighting", caller, WEIGHTINGS)
    if run.steps < 1:
        raise ValueError(message("run", caller, "a Trajectory of at least one step", run))
    after = run.iterates[1:]
    if weighting == "uniform":
        weights = np.ones(run.steps)
    else:
        weights = np.asarray(run.learning_rates, dtype=np.float64)
        if weights[0] <= 0.0:
            expected = "a Trajectory whose first learning rate is positive"
            raise ValueError(message("run", caller, expected, run))
    totals = np.cumsum(weights[:, None] * after, axis=0)
    result: NDArray[np.float64] = totals / np.cumsum(weights)[:, None]
    return result
