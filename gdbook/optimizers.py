r"""Gradient descent and its stochastic variants: one update rule, four gradient estimates.

Every driver runs the same loop,

$$
x_{t+1} = x_t - \eta_t\, g_t,
$$

and differs only in the estimate $g_t$ of $\nabla f(x_t)$:

| driver | $g_t$ | cost per step |
| --- | --- | --- |
| `gradient_descent` | $\nabla f(x_t)$ | $n$ (or 1) |
| `noisy_gradient_descent` | $\nabla f(x_t) + \xi_t$, $\xi_t\sim\mathcal N(0, \sigma^2 I)$ | $n$ (or 1) |
| `sgd` | $\nabla f_{i_t}(x_t)$ | 1 |
| `minibatch_sgd` | $\frac{1}{\lvert B_t\rvert}\sum_{i\in B_t}\nabla f_i(x_t)$ | $\lvert B_t\rvert$ |

"cost" counts example-gradient evaluations: a full gradient of a finite sum of `n` terms
costs `n`; the gradient of an analytic objective counts 1.

Each driver returns a `Trajectory`. A run stops early as `"diverged"` when an
iterate has a coordinate that is not finite or exceeds `DIVERGENCE_THRESHOLD` in
absolute value (checked at every step, at a cost of O(d)), or when the loss is not finite
at a step where it is evaluated. That iterate is dropped, so every array in the trajectory
is finite and can be plotted; no `RuntimeWarning` is emitted.

The full loss $f(x_t)$ is a pass over all the data, so the drivers take `loss_every`:
evaluate it every `k` steps (1, the default: every step) or, with None, only at the first
and the last step. `Trajectory.loss_steps` records where it was evaluated. The iterates
do not depend on `loss_every`, with one exception: a loss that overflows while the iterate
is still below the threshold is noticed only where it is evaluated, and the run is then
cut back to the latest step whose loss is finite (evaluated at every step, it stops before
the first overflow; the two agree when the loss, once overflowed, stays so).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._validation import (
    as_generator,
    check_array,
    check_choice,
    check_float,
    check_int,
    check_learning_rate,
    check_positive_int,
    message,
)
from gdbook.objectives import FiniteSumObjective, Objective
from gdbook.schedules import Schedule

__all__ = [
    "DIVERGENCE_THRESHOLD",
    "Trajectory",
    "gradient_descent",
    "minibatch_sgd",
    "noisy_gradient_descent",
    "sgd",
]

Vector = NDArray[np.float64]
StopReason = Literal["steps", "tolerance", "diverged"]
LearningRate = float | Callable[[int], float]
#: `estimate(t, x) -> (g_t, cost)`: the gradient estimate at step `t` and its cost in
#: example-gradient evaluations.
Estimate = Callable[[int, Vector], tuple[Vector, int]]

#: An iterate with a coordinate larger than this in absolute value counts as diverged.
#: 1e150 leaves room to square it (1e300 < 1.8e308), so the loss of a quadratic is still
#: finite and the last kept point can be plotted, yet no converging run ever comes near it.
DIVERGENCE_THRESHOLD = 1e150


@dataclass(frozen=True, eq=False, repr=False)
class Trajectory:
    r"""The record of one optimisation run of `T` steps (all arrays read-only).

    Attributes
    ----------
    iterates : ndarray, shape (T + 1, d)
        $x_0, \dots, x_T$.
    losses : ndarray, shape (m,)
        The full objective $f(x_t)$ (also for stochastic drivers) at the steps
        `loss_steps`: by default at every step, so `m = T + 1` and `losses[t]` is
        $f(x_t)$.
    loss_steps : ndarray of int64, shape (m,)
        The steps `t` at which `losses` was evaluated: increasing, from 0 to `T`. The
        drivers' `loss_every` sets them; each full loss costs a pass over the data.
    gradient_norms : ndarray, shape (T,)
        $\lVert g_t\rVert$, the norm of the estimate used at step `t`.
    learning_rates : ndarray, shape (T,)
        $\eta_t$ used at step `t`.
    examples : ndarray of int64, shape (T + 1,)
        Cumulative example-gradient evaluations; `examples[0] == 0`.
    stop_reason : {"steps", "tolerance", "diverged"}
        `"steps"`: the step budget ran out; `"tolerance"`: the gradient norm fell to
        `tol`; `"diverged"`: the next iterate or its loss overflowed (and was dropped).

    Examples
    --------
    >>> from gdbook.objectives import Quadratic
    >>> run = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=0.25, steps=3)
    >>> run
    Trajectory(steps=3, stop_reason='steps', final=[0.125])
    >>> run.iterates.shape, run.losses.shape, run.learning_rates.shape
    ((4, 1), (4,), (3,))
    >>> run.examples.tolist()
    [0, 1, 2, 3]
    >>> run.loss_steps.tolist()
    [0, 1, 2, 3]
    """

    iterates: NDArray[np.float64]
    losses: NDArray[np.float64]
    gradient_norms: NDArray[np.float64]
    learning_rates: NDArray[np.float64]
    examples: NDArray[np.int64]
    stop_reason: StopReason
    loss_steps: NDArray[np.int64] | None = None

    def __post_init__(self) -> None:
        if self.loss_steps is None:
            steps = np.asarray(self.gradient_norms).size
            object.__setattr__(self, "loss_steps", np.arange(steps + 1))
        for name, dtype in (
            ("iterates", np.float64),
            ("losses", np.float64),
            ("gradient_norms", np.float64),
            ("learning_rates", np.float64),
            ("examples", np.int64),
            ("loss_steps", np.int64),
        ):
            array = np.array(getattr(self, name), dtype=dtype)
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        # Shapes follow from T = len(gradient_norms): (T+1, d), (T,), (T,), (T+1,), and
        # m = len(loss_steps) for the losses.
        steps = self.gradient_norms.size
        d = self.iterates.shape[-1] if self.iterates.ndim == 2 else -1
        loss_steps: NDArray[np.int64] = self.loss_steps  # type: ignore[assignment]
        expected = {
            "gradient_norms": (steps,),
            "iterates": (steps + 1, d),
            "losses": loss_steps.shape,
            "learning_rates": (steps,),
            "examples": (steps + 1,),
        }
        for name, shape in expected.items():
            array = getattr(self, name)
            if array.shape != shape:
                text = f"an array of shape {shape} for T = {steps} steps"
                raise ValueError(message(name, "Trajectory", text, array))
        if not (
            loss_steps.ndim == 1
            and loss_steps.size >= 1
            and loss_steps[0] == 0
            and loss_steps[-1] == steps
            and bool(np.all(np.diff(loss_steps) > 0))
        ):
            text = f"increasing steps from 0 to T = {steps}"
            raise ValueError(message("loss_steps", "Trajectory", text, loss_steps))
        check_choice(
            self.stop_reason, "stop_reason", "Trajectory", ("steps", "tolerance", "diverged")
        )

    def __repr__(self) -> str:
        final = self.final.tolist()
        return f"Trajectory(steps={self.steps}, stop_reason={self.stop_reason!r}, final={final})"

    @property
    def final(self) -> NDArray[np.float64]:
        """The last iterate $x_T$, shape `(d,)`."""
        final: NDArray[np.float64] = self.iterates[-1]
        return final

    @property
    def steps(self) -> int:
        """The number of steps taken, `T`."""
        return int(self.gradient_norms.shape[0])

    @property
    def diverged(self) -> bool:
        """Whether the run stopped because it diverged."""
        return self.stop_reason == "diverged"


def _bad_rate(caller: str, value: object, t: int) -> ValueError:
    return ValueError(
        f"The 'learning_rate' parameter of {caller} must be a float in the range "
        f"(0, inf) or a schedule returning floats in the range [0, inf). "
        f"Got a schedule returning {value!r} at t={t} instead."
    )


def _rate_function(learning_rate: LearningRate, caller: str, steps: int) -> Callable[[int], float]:
    """Turn a float or a schedule into `t -> eta_t`, checking what a schedule returns.

    A `gdbook.schedules.Schedule` is evaluated for all `steps` at once (it is vectorised,
    and calling it once per step would cost more than many a step); any other callable
    is called and checked at each step.
    """
    if not callable(learning_rate):
        eta = float(learning_rate)
        return lambda t: eta

    if isinstance(learning_rate, Schedule):
        rates = learning_rate(np.arange(steps))
        bad = ~(np.isfinite(rates) & (rates >= 0.0))
        if bad.any():
            t = int(np.argmax(bad))
            raise _bad_rate(caller, float(rates[t]), t)
        table: list[float] = rates.tolist()
        return table.__getitem__

    schedule = learning_rate

    def rate(t: int) -> float:
        value: Any = schedule(t)
        try:
            eta = float(value)
        except (TypeError, ValueError):
            eta = math.nan
        if not (math.isfinite(eta) and eta >= 0.0):
            raise _bad_rate(caller, value, t)
        return eta

    return rate


def _finite(x: Vector) -> bool:
    """Whether every coordinate is finite and within `DIVERGENCE_THRESHOLD` (O(d)).

    One reduction instead of a comparison array: NaN propagates through `max`, and
    NaN <= threshold is False.
    """
    return bool(np.abs(x).max(initial=0.0) <= DIVERGENCE_THRESHOLD)


def _check_loss_every(loss_every: object, caller: str) -> int | None:
    """`loss_every` is None or an int in [1, inf); the message names both."""
    if loss_every is None:
        return None
    try:
        return check_positive_int(loss_every, "loss_every", caller)
    except (TypeError, ValueError) as error:
        expected = "an int in the range [1, inf) or None"
        raise type(error)(message("loss_every", caller, expected, loss_every)) from None


def _run(
    x0: Vector,
    estimate: Estimate,
    learning_rate: LearningRate,
    steps: int,
    loss: Callable[[Vector], float],
    *,
    caller: str,
    tol: float | None = None,
    loss_every: int | None = 1,
) -> Trajectory:
    """The one optimisation loop: `x <- x - eta_t * g_t` with `g_t = estimate(t, x)`.

    The full loss is evaluated at step 0, at every step `t` that `loss_every` divides, and
    at the last step. Between evaluations divergence is detected from the iterate alone.
    """
    rate = _rate_function(learning_rate, caller, steps)
    iterates = np.empty((steps + 1, x0.size))
    gradient_norms = np.empty(steps)
    learning_rates = np.empty(steps)
    examples = np.zeros(steps + 1, dtype=np.int64)
    loss_steps: list[int] = [0]
    losses: list[float] = []
    stop_reason: StopReason = "steps"
    taken = steps

    x = x0
    iterates[0] = x
    # Diverging runs overflow on purpose; the overflow is detected below, not warned about.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        losses.append(loss(x))
        for t in range(steps):
            g, cost = estimate(t, x)
            g_norm = math.sqrt(float(g @ g))
            if tol is not None and g_norm <= tol:
                stop_reason, taken = "tolerance", t
                break
            eta = rate(t)
            x_next = x - eta * g
            if not _finite(x_next):
                stop_reason, taken = "diverged", t
                break
            if loss_every is not None and (t + 1) % loss_every == 0:
                loss_next = loss(x_next)
                if not math.isfinite(loss_next):
                    stop_reason, taken = "diverged", t
                    break
                loss_steps.append(t + 1)
                losses.append(loss_next)
            x = x_next
            iterates[t + 1] = x
            gradient_norms[t] = g_norm
            learning_rates[t] = eta
            examples[t + 1] = examples[t] + cost
        # The last step's loss, when the schedule above skipped it. An overflow there
        # counts as divergence: the step is dropped, as in the loop.
        while loss_steps[-1] != taken:
            last = loss(iterates[taken])
            if math.isfinite(last):
                loss_steps.append(taken)
                losses.append(last)
            else:
                stop_reason, taken = "diverged", taken - 1

    return Trajectory(
        iterates=iterates[: taken + 1],
        losses=np.array(losses),
        gradient_norms=gradient_norms[:taken],
        learning_rates=learning_rates[:taken],
        examples=examples[: taken + 1],
        stop_reason=stop_reason,
        loss_steps=np.array(loss_steps, dtype=np.int64),
    )


def _check_objective(objective: object, caller: str, name: str = "objective") -> Objective:
    if not isinstance(objective, Objective):
        expected = "an objective with dim, __call__ and gradient"
        raise TypeError(message(name, caller, expected, objective))
    return objective


def _check_problem(problem: object, caller: str) -> FiniteSumObjective:
    if not isinstance(problem, FiniteSumObjective):
        expected = "a finite-sum objective with n and batch_gradient (e.g. LeastSquares)"
        raise TypeError(message("problem", caller, expected, problem))
    return problem


def _start(x0: ArrayLike, dim: int, caller: str) -> Vector:
    x = check_array(x0, "x0", caller)
    if x.ndim == 0 and dim == 1:
        x = x.reshape(1)
    if x.shape != (dim,):
        raise ValueError(message("x0", caller, f"an array of shape ({dim},)", x))
    return x


def _full_gradient_cost(objective: Objective) -> int:
    return objective.n if isinstance(objective, FiniteSumObjective) else 1


def _shuffled_batches(
    rng: np.random.Generator, n: int, batch_size: int, *, drop_last: bool
) -> Iterator[NDArray[np.intp]]:
    """Endless shuffled epochs: one `rng.permutation(n)` per epoch, cut into batches."""
    end = n - n % batch_size if drop_last else n
    while True:
        order = rng.permutation(n)
        for start in range(0, end, batch_size):
            yield order[start : start + batch_size]


def gradient_descent(
    objective: Objective,
    x0: ArrayLike,
    *,
    learning_rate: LearningRate,
    steps: int,
    tol: float | None = None,
    loss_every: int | None = 1,
) -> Trajectory:
    r"""Gradient descent: step against the exact gradient.

    $$
    x_{t+1} = x_t - \eta_t \nabla f(x_t).
    $$

    ```text
    input: x_0, learning rate eta_t, steps T, tolerance eps (optional)
    for t = 0, 1, ..., T - 1:
        g_t = grad f(x_t)
        if eps is given and ||g_t|| <= eps: stop            ("tolerance")
        x_{t+1} = x_t - eta_t * g_t
        if x_{t+1} overflows: stop, drop it                  ("diverged")
        if t + 1 is a multiple of loss_every:
            record f(x_{t+1}); if it overflows: stop, drop it
    record f(x_T) unless recorded
    return x_0, ..., x_T                                     ("steps")
    ```

    Parameters
    ----------
    objective : Objective
        Anything with `dim`, `__call__` and `gradient` (see `gdbook.objectives`).
    x0 : float or array_like, shape (d,)
        Starting point (a float for one-dimensional objectives).
    learning_rate : float or schedule
        $\eta$ in `(0, inf)`, or a callable `t -> eta_t` such as
        `gdbook.schedules.exponential`.
    steps : int
        Maximum number of steps `T`, in `[1, inf)`.
    tol : float, optional
        Stop before the step at which $\lVert\nabla f(x_t)\rVert \le$ `tol`
        (`tol` in `[0, inf)`).
    loss_every : int or None, default 1
        Evaluate the full loss $f(x_t)$ at step 0, at every step that is a multiple of
        `loss_every`, and at the last step `T`; None: at steps 0 and `T` only. Each
        evaluation costs one evaluation of `f` (`n` example losses on a finite sum).
        The iterates do not depend on it (but see the module's note on an overflowing
        loss); `Trajectory.loss_steps` says where the loss was evaluated.

    Returns
    -------
    Trajectory
        `iterates (T+1, d)`, `losses (m,)` at the steps `loss_steps (m,)` (every step,
        `m = T + 1`, by default), `gradient_norms (T,)`, `learning_rates (T,)`,
        `examples (T+1,)` (`n` per step on a finite sum, else 1), `stop_reason`.

    Examples
    --------
    $f(x) = x^2$ from $x_0 = 10$ with $\eta = 0.2$; each step multiplies
    $x$ by $1 - 2\eta = 0.6$:

    >>> from gdbook.objectives import Quadratic
    >>> run = gradient_descent(Quadratic((2.0,)), 10.0, learning_rate=0.2, steps=10)
    >>> print(f"{run.final[0]:.10f}")
    0.0604661760
    >>> print(f"{10 * 0.6**10:.10f}")
    0.0604661760

    With a tolerance the run stops as soon as the gradient is small enough:

    >>> run = gradient_descent(Quadratic((2.0, 4.0)), [-5.0, -2.0], learning_rate=0.1,
    ...                        steps=1000, tol=1e-6)
    >>> run.stop_reason, run.steps
    ('tolerance', 73)
    """
    caller = "gradient_descent"
    f = _check_objective(objective, caller)
    x = _start(x0, f.dim, caller)
    lr = check_learning_rate(learning_rate, caller)
    n_steps = check_positive_int(steps, "steps", caller)
    threshold = None if tol is None else check_float(tol, "tol", caller, low=0.0, closed="left")
    cost = _full_gradient_cost(f)

    def estimate(t: int, x: Vector) -> tuple[Vector, int]:
        return f.gradient(x), cost

    every = _check_loss_every(loss_every, caller)
    return _run(x, estimate, lr, n_steps, f, caller=caller, tol=threshold, loss_every=every)


def noisy_gradient_descent(
    objective: Objective,
    x0: ArrayLike,
    *,
    learning_rate: LearningRate,
    steps: int,
    noise_std: float,
    seed: int | np.random.Generator,
    loss_every: int | None = 1,
) -> Trajectory:
    r"""Simulated SGD: the exact gradient plus Gaussian noise.

    $$
    x_{t+1} = x_t - \eta_t\bigl(\nabla f(x_t) + \xi_t\bigr), \qquad
    \xi_t \sim \mathcal N(0, \sigma^2 I).
    $$

    ```text
    input: x_0, learning rate eta_t, steps T, noise sigma, generator rng
    for t = 0, 1, ..., T - 1:
        g_t = grad f(x_t) + sigma * rng.standard_normal(d)
        x_{t+1} = x_t - eta_t * g_t
        if x_{t+1} overflows: stop, drop it                  ("diverged")
        if t + 1 is a multiple of loss_every:
            record f(x_{t+1}); if it overflows: stop, drop it
    record f(x_T) unless recorded
    return x_0, ..., x_T                                     ("steps")
    ```

    The noise is unbiased, $\mathbb E[g_t] = \nabla f(x_t)$, like a stochastic
    gradient; `noise_std=0` gives plain gradient descent.

    Parameters
    ----------
    objective : Objective
        Anything with `dim`, `__call__` and `gradient`.
    x0 : float or array_like, shape (d,)
        Starting point.
    learning_rate : float or schedule
        $\eta$ in `(0, inf)`, or a callable `t -> eta_t`.
    steps : int
        Number of steps `T`, in `[1, inf)`.
    noise_std : float
        $\sigma$, in `[0, inf)`.
    seed : int or numpy.random.Generator
        Source of the noise (one `standard_normal(d)` draw per step).
    loss_every : int or None, default 1
        Evaluate the full loss $f(x_t)$ at step 0, at every step that is a multiple of
        `loss_every`, and at the last step `T`; None: at steps 0 and `T` only. Each
        evaluation costs one evaluation of `f`.
        The iterates do not depend on it (but see the module's note on an overflowing
        loss); `Trajectory.loss_steps` says where the loss was evaluated.

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> from gdbook.objectives import Quadratic
    >>> f = Quadratic((2.0, 4.0))
    >>> run = noisy_gradient_descent(f, [-5.0, -2.0], learning_rate=0.1, steps=20,
    ...                              noise_std=1.0, seed=0)
    >>> run.iterates.shape
    (21, 2)
    >>> bool(run.losses[-1] < run.losses[0])
    True
    """
    caller = "noisy_gradient_descent"
    f = _check_objective(objective, caller)
    x = _start(x0, f.dim, caller)
    lr = check_learning_rate(learning_rate, caller)
    n_steps = check_positive_int(steps, "steps", caller)
    sigma = check_float(noise_std, "noise_std", caller, low=0.0, closed="left")
    rng = as_generator(seed, caller)
    cost = _full_gradient_cost(f)

    def estimate(t: int, x: Vector) -> tuple[Vector, int]:
        return f.gradient(x) + sigma * rng.standard_normal(x.size), cost

    every = _check_loss_every(loss_every, caller)
    return _run(x, estimate, lr, n_steps, f, caller=caller, loss_every=every)


def sgd(
    problem: FiniteSumObjective,
    x0: ArrayLike,
    *,
    learning_rate: LearningRate,
    steps: int,
    sampling: Literal["with_replacement", "shuffle"] = "with_replacement",
    seed: int | np.random.Generator,
    loss_every: int | None = 1,
) -> Trajectory:
    r"""Stochastic gradient descent: one example's gradient per step.

    $$
    x_{t+1} = x_t - \eta_t \nabla f_{i_t}(x_t), \qquad
    \mathbb E_{i_t}[\nabla f_{i_t}(x)] = \nabla f(x).
    $$

    ```text
    input: x_0, learning rate eta_t, steps T, n examples, generator rng
    for t = 0, 1, ..., T - 1:
        with_replacement: i_t = draws[t], where draws = rng.integers(0, n, size=T)
        shuffle:          at the start of each epoch, order = rng.permutation(n);
                          i_t = order[t mod n]
        g_t = grad f_{i_t}(x_t)
        x_{t+1} = x_t - eta_t * g_t
        if x_{t+1} overflows: stop, drop it                  ("diverged")
        if t + 1 is a multiple of loss_every:
            record f(x_{t+1}); if it overflows: stop, drop it
    record f(x_T) unless recorded
    return x_0, ..., x_T                                     ("steps")
    ```

    Parameters
    ----------
    problem : FiniteSumObjective
        A finite sum such as `gdbook.objectives.LeastSquares`.
    x0 : array_like, shape (d,)
        Starting point.
    learning_rate : float or schedule
        $\eta$ in `(0, inf)`, or a callable `t -> eta_t`.
    steps : int
        Number of steps `T` (each costs one example gradient), in `[1, inf)`.
    sampling : {"with_replacement", "shuffle"}, default "with_replacement"
        Draw $i_t$ uniformly and independently, or walk shuffled epochs without
        replacement (each example exactly once per epoch).
    seed : int or numpy.random.Generator
        Source of the sampling.
    loss_every : int or None, default 1
        Evaluate the full loss $f(x_t)$ at step 0, at every step that is a multiple of
        `loss_every`, and at the last step `T`; None: at steps 0 and `T` only. Each
        evaluation is a pass over all `n` examples, as much work as `n` steps.
        The iterates do not depend on it (but see the module's note on an overflowing
        loss); `Trajectory.loss_steps` says where the loss was evaluated.

    Returns
    -------
    Trajectory
        `losses` holds the full objective $f(x_t)$; `examples[t] == t`.

    Examples
    --------
    >>> from gdbook.data import book_regression
    >>> from gdbook.objectives import LeastSquares
    >>> data = book_regression()
    >>> problem = LeastSquares(data.X, data.y)
    >>> run = sgd(problem, [0.0, 0.0], learning_rate=0.01, steps=2000, seed=0)
    >>> int(run.examples[-1])
    2000
    >>> print(f"{run.final[0]:.1f} {run.final[1]:.1f}")
    2.0 3.0
    """
    caller = "sgd"
    p = _check_problem(problem, caller)
    x = _start(x0, p.dim, caller)
    lr = check_learning_rate(learning_rate, caller)
    n_steps = check_positive_int(steps, "steps", caller)
    how = check_choice(sampling, "sampling", caller, ("with_replacement", "shuffle"))
    rng = as_generator(seed, caller)
    n = p.n

    batches: Iterator[NDArray[np.intp]]
    if how == "shuffle":
        batches = _shuffled_batches(rng, n, 1, drop_last=False)
    else:
        # All T draws at once: the same uniform, independent indices, without a call per step.
        draws = rng.integers(0, n, size=n_steps)
        batches = (draws[t : t + 1] for t in range(n_steps))

    def estimate(t: int, x: Vector) -> tuple[Vector, int]:
        return p.batch_gradient(x, next(batches)), 1

    every = _check_loss_every(loss_every, caller)
    return _run(x, estimate, lr, n_steps, p, caller=caller, loss_every=every)


def minibatch_sgd(
    problem: FiniteSumObjective,
    x0: ArrayLike,
    *,
    learning_rate: LearningRate,
    batch_size: int,
    epochs: int,
    seed: int | np.random.Generator,
    drop_last: bool = False,
    loss_every: int | None = 1,
) -> Trajectory:
    r"""Minibatch SGD over shuffled epochs: the mean gradient of `batch_size` examples.

    $$
    x_{t+1} = x_t - \eta_t\,\frac1{|B_t|}\sum_{i\in B_t}\nabla f_i(x_t).
    $$

    ```text
    input: x_0, learning rate eta_t, batch size b, epochs E, n examples, generator rng
    t = 0
    for epoch = 1, ..., E:
        order = rng.permutation(n)
        for each slice B of b consecutive entries of order
                (the last, shorter slice is skipped if drop_last):
            g_t = mean of grad f_i(x_t) over i in B
            x_{t+1} = x_t - eta_t * g_t
            if x_{t+1} overflows: stop, drop it                  ("diverged")
            if t + 1 is a multiple of loss_every:
                record f(x_{t+1}); if it overflows: stop, drop it
            t = t + 1
    record f(x_T) unless recorded
    return x_0, ..., x_T                                         ("steps")
    ```

    `batch_size=1` reproduces `sgd(..., sampling="shuffle", steps=epochs * n)` and
    `batch_size=n` reproduces `gradient_descent(..., steps=epochs)`, bit for bit, given
    the same seed and learning rate.

    Parameters
    ----------
    problem : FiniteSumObjective
        A finite sum such as `gdbook.objectives.LeastSquares`.
    x0 : array_like, shape (d,)
        Starting point.
    learning_rate : float or schedule
        $\eta$ in `(0, inf)`, or a callable `t -> eta_t` of the step (not epoch).
    batch_size : int
        `b`, in `[1, n]`.
    epochs : int
        Passes over the data `E`, in `[1, inf)`.
    seed : int or numpy.random.Generator
        Source of the shuffles (one `rng.permutation(n)` per epoch).
    drop_last : bool, default False
        Skip the last batch of an epoch when it has fewer than `b` examples.
    loss_every : int or None, default 1
        Evaluate the full loss $f(x_t)$ at step 0, at every step that is a multiple of
        `loss_every`, and at the last step `T`; None: at steps 0 and `T` only. Each
        evaluation is a pass over all `n` examples, as much work as `n / b` steps.
        The iterates do not depend on it (but see the module's note on an overflowing
        loss); `Trajectory.loss_steps` says where the loss was evaluated.

    Returns
    -------
    Trajectory
        `T = E * ceil(n / b)` steps (`E * floor(n / b)` with `drop_last`);
        `examples` grows by the size of each batch.

    Examples
    --------
    >>> from gdbook.data import book_regression
    >>> from gdbook.objectives import LeastSquares
    >>> data = book_regression()
    >>> problem = LeastSquares(data.X, data.y)
    >>> run = minibatch_sgd(problem, [0.0, 0.0], learning_rate=0.1, batch_size=64,
    ...                     epochs=5, seed=0)
    >>> run.steps, int(run.examples[-1])
    (80, 5000)
    >>> print(f"{run.final[0]:.1f} {run.final[1]:.1f}")
    2.0 3.0

    The full loss costs a pass over the data; evaluated every 16 steps only, the run takes
    the same steps and records fewer losses:

    >>> sparse = minibatch_sgd(problem, [0.0, 0.0], learning_rate=0.1, batch_size=64,
    ...                        epochs=5, seed=0, loss_every=16)
    >>> sparse.loss_steps.tolist()
    [0, 16, 32, 48, 64, 80]
    >>> bool((sparse.iterates == run.iterates).all())
    True
    >>> bool((sparse.losses == run.losses[sparse.loss_steps]).all())
    True
    """
    caller = "minibatch_sgd"
    p = _check_problem(problem, caller)
    x = _start(x0, p.dim, caller)
    lr = check_learning_rate(learning_rate, caller)
    n = p.n
    b = check_int(batch_size, "batch_size", caller, low=1, high=n)
    n_epochs = check_positive_int(epochs, "epochs", caller)
    rng = as_generator(seed, caller)
    if not isinstance(drop_last, (bool, np.bool_)):
        raise TypeError(message("drop_last", caller, "a bool", drop_last))

    per_epoch = n // b if drop_last else -(-n // b)
    batches = _shuffled_batches(rng, n, b, drop_last=bool(drop_last))

    def estimate(t: int, x: Vector) -> tuple[Vector, int]:
        batch = next(batches)
        return p.batch_gradient(x, batch), int(batch.size)

    every = _check_loss_every(loss_every, caller)
    return _run(x, estimate, lr, n_epochs * per_epoch, p, caller=caller, loss_every=every)
