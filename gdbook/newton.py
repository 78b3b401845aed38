r"""Newton's method: step to the minimiser of the local quadratic model.

The second-order Taylor expansion of $f$ at $x_t$,

$$
f(x_t + v) \approx f(x_t) + \nabla f(x_t)^\top v + \tfrac12 v^\top \nabla^2 f(x_t)\, v,
$$

is smallest, when $\nabla^2 f(x_t)$ is positive definite, at
$v = -[\nabla^2 f(x_t)]^{-1}\nabla f(x_t)$. `newton` takes that step, scaled by a learning
rate $\eta$ (damped Newton for $\eta < 1$), in the loop and with the result of
`gdbook.gradient_descent`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._validation import check_array, check_learning_rate, check_positive_int, message
from gdbook.linesearch import _Backtracking, _check_search
from gdbook.objectives import Objective
from gdbook.optimizers import (
    LearningRate,
    LossEvery,
    StepInfo,
    Trajectory,
    _check_callback,
    _check_loss_every,
    _check_objective,
    _check_tol,
    _full_gradient_cost,
    _resolve_loss_every,
    _run,
)

__all__ = ["newton"]

Vector = NDArray[np.float64]


def _hessian_value(value: object, d: int, t: int, caller: str) -> NDArray[np.float64]:
    """What `objective.hessian` returned, as a `(d, d)` float64 array, or raise."""
    if type(value) is np.ndarray and value.dtype == np.float64 and value.shape == (d, d):
        return value
    expected = f"an objective whose hessian is an array of floats of shape ({d}, {d})"
    try:
        array = check_array(value, "objective", caller, finite=False)
    except TypeError:
        raise TypeError(message("objective", caller, expected, value)) from None
    if array.shape != (d, d) and not (d == 1 and array.size == 1):
        raise ValueError(message("objective", caller, f"{expected} (at step {t})", array))
    return array.reshape(d, d)


def newton(
    objective: Objective,
    x0: ArrayLike,
    *,
    learning_rate: LearningRate = 1.0,
    steps: int,
    tol: float | None = None,
    loss_every: LossEvery = "auto",
    callback: Callable[[StepInfo], object] | None = None,
    line_search: bool = False,
    shrink: float = 0.5,
    sufficient_decrease: float = 1e-4,
    max_backtracks: int = 60,
) -> Trajectory:
    r"""Newton's method, optionally damped by a learning rate or a backtracking line search.

    $$
    x_{t+1} = x_t - \eta_t\,[\nabla^2 f(x_t)]^{-1}\nabla f(x_t).
    $$

    ```text
    input: x_0, learning rate eta_t (1: the pure Newton step), steps T, tolerance eps
    for t = 0, 1, ..., T - 1:
        g_t = grad f(x_t)
        if eps is given and ||g_t|| <= eps: stop            ("tolerance")
        solve hess f(x_t) p_t = g_t                         (error if it is singular)
        x_{t+1} = x_t - eta_t * p_t
        if x_{t+1} leaves [-1e150, 1e150]: stop, drop it     ("diverged")
        if callback(step info) is true: stop                ("callback")
    return x_0, ..., x_T                                     ("steps")
    ```

    Newton's method solves $\nabla f(x) = 0$: it is drawn to maxima and saddle points as
    much as to minima. Where $\nabla^2 f(x_t)$ is not positive definite its step need not
    go downhill.

    With `line_search=True` the rate $\eta_t$ is found at every step by backtracking from
    `learning_rate` (as `gdbook.backtracking_gradient_descent` does, with the slope
    $\nabla f(x_t)^\top p_t$ of the direction $p_t$): the first of $\eta, \chi\eta,
    \chi^2\eta, \dots$ with $f(x_t - \eta p_t) \le f(x_t) - c_1\eta\nabla f(x_t)^\top p_t$.
    Where the Newton direction is not a descent direction ($\nabla f(x_t)^\top p_t \le 0$,
    a Hessian that is not positive definite), the step goes along $p_t = \nabla f(x_t)$,
    the gradient, instead.

    Parameters
    ----------
    objective : Objective with a hessian
        Anything with `dim`, `__call__`, `gradient` and `hessian(x) -> (d, d)`, such as
        `Quadratic`, `XCosCx`, `Rosenbrock`, `LeastSquares`.
    x0 : float or array_like, shape (d,)
        Starting point, with coordinates in `[-1e150, 1e150]` and finite loss and gradient.
    learning_rate : float or schedule, default 1.0
        $\eta$ in `(0, inf)` or a callable `t -> eta_t`; 1 is the pure Newton step, a
        value below 1 damps it.
    steps : int
        Maximum number of steps `T`, in `[1, inf)`.
    tol : float, optional
        Stop before the step at which $\lVert\nabla f(x_t)\rVert \le$ `tol`.
    loss_every : int, "auto" or None, default "auto"
        When to record $f(x_t)$, as in `gdbook.gradient_descent` ("auto": every step).
    callback : callable, optional
        Called after every step with a `StepInfo` (its `gradient` is $\nabla f(x_t)$);
        a true return value stops the run.
    line_search : bool, default False
        Backtrack from `learning_rate` at every step (damped Newton with an Armijo line
        search), falling back to the gradient direction where Newton's is not a descent
        direction.
    shrink, sufficient_decrease, max_backtracks : float, float, int
        $\chi$, $c_1$ and the most reductions of the line search (used only with
        `line_search=True`), as in `gdbook.backtracking_gradient_descent`.

    Returns
    -------
    Trajectory
        As `gdbook.gradient_descent`: `gradient_norms` are $\lVert\nabla f(x_t)\rVert$,
        `learning_rates` the $\eta_t$, and `examples` counts one gradient (and Hessian)
        per step (`n` for a finite sum). With a line search, `function_evaluations` counts
        the values of $f$ it computed.

    Raises
    ------
    TypeError
        If the objective has no `hessian` method, or it returns something that is not an
        array of floats.
    numpy.linalg.LinAlgError
        If the Hessian at an iterate is singular (or not finite), so that the Newton step
        is undefined there; the message names the step and the point.
    RuntimeError
        If the line search runs out of reductions (pass `tol`).

    Examples
    --------
    On a quadratic the model is exact, and one step lands on the minimiser:

    >>> from gdbook.objectives import Quadratic
    >>> newton(Quadratic((2.0, 20.0)), [-5.0, -2.0], steps=1).x.tolist()
    [0.0, 0.0]

    A damped step goes the fraction $\eta$ of the way:

    >>> newton(Quadratic((2.0,)), 10.0, learning_rate=0.5, steps=2).iterates[:, 0].tolist()
    [10.0, 5.0, 2.5]

    On $x\cos(cx)$ from 10 the pure step climbs to a local maximum; the line search keeps
    the run downhill, and it ends in a minimum ($f'' > 0$):

    >>> from gdbook.objectives import XCosCx
    >>> wave = XCosCx(0.15 * np.pi)
    >>> pure = newton(wave, 10.0, steps=10)
    >>> searched = newton(wave, 10.0, steps=10, line_search=True)
    >>> bool(wave.hessian(pure.x)[0, 0] < 0), bool(wave.hessian(searched.x)[0, 0] > 0)
    (True, True)

    An objective without second derivatives is refused:

    >>> from gdbook.objectives import FunctionObjective
    >>> newton(FunctionObjective(lambda x: x * x, lambda x: 2 * x), 1.0, steps=1)
    Traceback (most recent call last):
        ...
    TypeError: The 'objective' parameter of newton must be an objective with a hessian method (such as Quadratic((2.0,))). Got FunctionObjective(<lambda>, dim=1) instead.
    """
    caller = "newton"
    if isinstance(objective, (tuple, list)) or not callable(getattr(objective, "hessian", None)):
        expected = "an objective with a hessian method (such as Quadratic((2.0,)))"
        raise TypeError(message("objective", caller, expected, objective))
    f, x = _check_objective(objective, x0, None, caller)
    lr = check_learning_rate(learning_rate, caller)
    n_steps = check_positive_int(steps, "steps", caller)
    threshold = _check_tol(tol, caller)
    hook = _check_callback(callback, caller)
    if not isinstance(line_search, bool):
        raise TypeError(message("line_search", caller, "a bool", line_search))
    chi, c1, most = _check_search(shrink, sufficient_decrease, max_backtracks, caller)
    search = _Backtracking(f, caller, chi, c1, most) if line_search else None
    cost = _full_gradient_cost(f)
    every = _resolve_loss_every(_check_loss_every(loss_every, caller), cost, cost)
    grad = f.gradient
    hessian: Callable[[Vector], Any] = objective.hessian  # type: ignore[attr-defined]
    d = x.size

    def estimate(t: int, x: Vector) -> tuple[Vector, int]:
        return grad(x), cost

    def rule(t: int, x: Vector, g: Vector, eta: float) -> tuple[Vector, float]:
        h = _hessian_value(hessian(x), d, t, caller)
        point = x.tolist() if d <= 6 else f"an array of shape {x.shape}"
        if not np.all(np.isfinite(h)):
            raise np.linalg.LinAlgError(
                f"newton: the Hessian at step {t}, x = {point}, is not finite, so the Newton "
                "step is undefined there."
            )
        try:
            p = np.asarray(np.linalg.solve(h, g), dtype=np.float64)
        except np.linalg.LinAlgError:
            raise np.linalg.LinAlgError(
                f"newton: the Hessian at step {t}, x = {point}, is singular, so the Newton "
                "step is undefined there (a point where the curvature vanishes in some "
                "direction). Start elsewhere, or use gradient_descent."
            ) from None
        if search is None:
            return p, eta
        if not float(g.dot(p)) > 0.0:  # not a descent direction: take the gradient's
            p = g
        return p, search(t, x, g, p, eta)

    run = _run(
        x,
        estimate,
        lr,
        n_steps,
        f,
        caller=caller,
        tol=threshold,
        loss_every=every,
        callback=hook,
        exact=True,
        rule=rule,
    )
    if search is None:
        return run
    return dataclasses.replace(run, function_evaluations=search.evaluations)
