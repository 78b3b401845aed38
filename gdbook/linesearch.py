r"""Gradient descent with a backtracking (Armijo) line search.

Instead of a fixed learning rate, each step tries $\eta = \eta_0, \chi\eta_0, \chi^2\eta_0,
\dots$ and takes the first that satisfies the sufficient-decrease (Armijo) condition

$$
f\bigl(x_t - \eta\nabla f(x_t)\bigr) \le f(x_t) - c_1\,\eta\,\lVert\nabla f(x_t)\rVert^2 .
$$

For a function with an $L$-Lipschitz gradient every $\eta \le 2(1-c_1)/L$ satisfies it
(by the descent lemma), so the search stops after at most
$\lceil\log_{1/\chi}(\eta_0 L / (2(1-c_1)))\rceil$ reductions.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._validation import check_float, check_positive_float, check_positive_int
from gdbook.objectives import Objective
from gdbook.optimizers import (
    LossEvery,
    StepInfo,
    Trajectory,
    _check_callback,
    _check_loss_every,
    _check_objective,
    _check_tol,
    _full_gradient_cost,
    _loss_value,
    _resolve_loss_every,
    _run,
)

__all__ = ["backtracking_gradient_descent"]

Vector = NDArray[np.float64]


def backtracking_gradient_descent(
    objective: Objective | Callable[..., Any] | tuple[Callable[..., Any], Callable[..., Any]],
    x0: ArrayLike,
    *,
    steps: int,
    initial_rate: float = 1.0,
    shrink: float = 0.5,
    sufficient_decrease: float = 1e-4,
    max_backtracks: int = 60,
    tol: float | None = None,
    loss_every: LossEvery = "auto",
    gradient: Callable[..., Any] | None = None,
    callback: Callable[[StepInfo], object] | None = None,
) -> Trajectory:
    r"""Gradient descent whose learning rate is found by backtracking at every step.

    $$
    x_{t+1} = x_t - \eta_t\nabla f(x_t), \qquad
    \eta_t = \max\{\eta_0\chi^k : k = 0, 1, \dots,\;
    f(x_t - \eta_0\chi^k\nabla f(x_t)) \le f(x_t) - c_1\,\eta_0\chi^k\lVert\nabla f(x_t)\rVert^2\}.
    $$

    ```text
    input: x_0, initial rate eta_0, shrink chi, sufficient decrease c_1, steps T, tol eps
    for t = 0, 1, ..., T - 1:
        g_t = grad f(x_t)
        if eps is given and ||g_t|| <= eps: stop            ("tolerance")
        eta = eta_0
        while f(x_t - eta g_t) > f(x_t) - c_1 eta ||g_t||^2:
            eta = chi * eta                                  (at most max_backtracks times)
        x_{t+1} = x_t - eta * g_t
        if callback(step info) is true: stop                ("callback")
    return x_0, ..., x_T                                     ("steps")
    ```

    Parameters
    ----------
    objective : Objective, function or (function, gradient)
        As for `gdbook.gradient_descent`.
    x0 : float or array_like, shape (d,)
        Starting point, with finite loss and gradient.
    steps : int
        Maximum number of steps `T`, in `[1, inf)`.
    initial_rate : float, default 1.0
        $\eta_0$, the first rate tried at every step, in `(0, inf)`.
    shrink : float, default 0.5
        $\chi$, the factor a rejected rate is multiplied by, in `(0, 1)`.
    sufficient_decrease : float, default 1e-4
        $c_1$, the fraction of the first-order decrease a step must achieve, in `(0, 1)`.
    max_backtracks : int, default 60
        The most reductions tried at one step, in `[1, inf)`.
    tol : float, optional
        Stop before the step at which $\lVert\nabla f(x_t)\rVert \le$ `tol`. Near a
        minimiser rounding hides decreases smaller than the spacing of floats near $f^\star$,
        so pass a tolerance when running many steps.
    loss_every : int, "auto" or None, default "auto"
        When to record $f(x_t)$, as in `gdbook.gradient_descent` ("auto": every step).
    gradient : callable, optional
        $\nabla f$ when `objective` is a plain function.
    callback : callable, optional
        Called after every step with a `StepInfo` (`learning_rate` is the accepted
        $\eta_t$); a true return value stops the run.

    Returns
    -------
    Trajectory
        As `gdbook.gradient_descent`; `learning_rates` are the accepted $\eta_t$ and
        `function_evaluations` counts the values of $f$ the line search computed: $f(x_0)$
        once, then one per trial (the value at the accepted trial is $f(x_{t+1})$, reused
        at the next step).

    Raises
    ------
    RuntimeError
        If no rate among $\eta_0, \dots, \eta_0\chi^{K}$ ($K$ = `max_backtracks`)
        satisfies the condition (for instance when rounding hides the decrease next to a
        minimiser; pass `tol`).

    Examples
    --------
    On $x^2$ ($L = 2$) the rate $\eta_0 = 1$ overshoots to $-x$ and is rejected; $0.5$
    lands on the minimiser:

    >>> from gdbook.objectives import Quadratic
    >>> run = backtracking_gradient_descent(Quadratic((2.0,)), 3.0, steps=1)
    >>> run.learning_rates.tolist(), run.x.tolist(), run.function_evaluations
    ([0.5], [0.0], 3)
    """
    caller = "backtracking_gradient_descent"
    f, x = _check_objective(objective, x0, gradient, caller)
    n_steps = check_positive_int(steps, "steps", caller)
    eta0 = check_positive_float(initial_rate, "initial_rate", caller)
    chi, c1, most = _check_search(shrink, sufficient_decrease, max_backtracks, caller)
    threshold = _check_tol(tol, caller)
    hook = _check_callback(callback, caller)
    cost = _full_gradient_cost(f)
    every = _resolve_loss_every(_check_loss_every(loss_every, caller), cost, cost)
    grad = f.gradient
    search = _Backtracking(f, caller, chi, c1, most)

    def estimate(t: int, x: Vector) -> tuple[Vector, int]:
        return grad(x), cost

    def rule(t: int, x: Vector, g: Vector, eta: float) -> tuple[Vector, float]:
        return g, search(t, x, g, g, eta0)

    run = _run(
        x,
        estimate,
        eta0,
        n_steps,
        f,
        caller=caller,
        tol=threshold,
        loss_every=every,
        callback=hook,
        exact=True,
        rule=rule,
    )
    return dataclasses.replace(run, function_evaluations=search.evaluations)


def _check_search(
    shrink: object, sufficient_decrease: object, max_backtracks: object, caller: str
) -> tuple[float, float, int]:
    """The line search's `shrink` and `sufficient_decrease` in (0, 1), `max_backtracks` >= 1."""
    chi = check_float(shrink, "shrink", caller, low=0.0, high=1.0)
    c1 = check_float(sufficient_decrease, "sufficient_decrease", caller, low=0.0, high=1.0)
    most = check_positive_int(max_backtracks, "max_backtracks", caller)
    return chi, c1, most


class _Backtracking:
    """The Armijo search along a descent direction `p`, counting the values of f it computes.

    `search(t, x, g, p, eta0)` returns the first rate `eta0 * chi**k` with
    `f(x - eta p) <= f(x) - c_1 eta g.p`. The value at the accepted trial is kept and reused
    as `f(x_{t+1})` when the next search starts there (the trial point is computed as the
    driver computes the next iterate, `x - eta * p`, so the two are equal bit for bit).
    """

    def __init__(
        self, f: Callable[[Vector], object], caller: str, chi: float, c1: float, most: int
    ) -> None:
        self.f, self.caller, self.chi, self.c1, self.most = f, caller, chi, c1, most
        self.evaluations = 0
        self._known: tuple[Vector, float] | None = None

    def _value(self, point: Vector) -> float:
        self.evaluations += 1
        return _loss_value(self.f(point), self.caller, "objective")

    def __call__(self, t: int, x: Vector, g: Vector, p: Vector, eta0: float) -> float:
        known = self._known
        fx = known[1] if known is not None and np.array_equal(known[0], x) else self._value(x)
        slope = float(g.dot(p))
        rate = eta0
        for _ in range(self.most + 1):
            trial = x - rate * p
            f_trial = self._value(trial)
            if f_trial <= fx - self.c1 * rate * slope:  # NaN and inf fail: shrink
                self._known = (trial, f_trial)
                return rate
            rate *= self.chi
        raise RuntimeError(
            f"{self.caller}: no learning rate among {eta0!r} * {self.chi!r}**k, "
            f"k = 0..{self.most}, gave sufficient decrease at step {t} (f(x_t) = {fx!r}, "
            f"gradient norm {math.sqrt(float(g.dot(g))):.3g}). Rounding hides such small "
            "decreases: pass tol."
        )
