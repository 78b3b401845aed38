r"""Gradient descent and its stochastic variants: one update rule, four gradient estimates.

Every driver runs the same loop,

$$
x_{t+1} = x_t - \eta_t\, g_t,
$$

and differs only in the estimate $g_t$ of $\nabla f(x_t)$:

| driver | $g_t$ | cost per step |
| --- | --- | --- |
| `gradient_descent` | $\nabla f(x_t)$ | $n$ (or 1) |
| `noisy_gradient_descent` | $\nabla f(x_t) + \xi_t$, $\xi_t\sim\mathcal N(0, \nu^2 I)$ | $n$ (or 1) |
| `sgd` | $\nabla f_{i_t}(x_t)$ | 1 |
| `minibatch_sgd` | $\frac{1}{\lvert B_t\rvert}\sum_{i\in B_t}\nabla f_i(x_t)$ | $\lvert B_t\rvert$ |

"cost" counts example-gradient evaluations: a full gradient of a finite sum of `n` terms
costs `n`; the gradient of an analytic objective counts 1.

The first four take `update=`, an update rule of `gdbook.updates` (momentum, AdaGrad,
RMSProp, Adam) that keeps a state across steps and steps along its own direction $p_t$,
$x_{t+1} = x_t - \eta_t p_t$, as `torch.optim` does.

Two more drivers run the same loop with another step in place of $-\eta_t g_t$:
`gdbook.newton` (Newton's direction) and `gdbook.backtracking_gradient_descent` (a rate found
by an Armijo line search).

Each driver returns a `Trajectory`: the whole history, and the final point, loss, success
and message under the names of `scipy.optimize.OptimizeResult`. A run stops early as
`"diverged"` when the next iterate has a coordinate that is not finite or exceeds
`DIVERGENCE_THRESHOLD` in absolute value, or when the norm of the gradient estimate does
(computed without overflow). Both are checked at every step at almost no cost (the iterate
through a running bound from the triangle inequality); the dropped iterate is never kept, so
the iterates, gradient norms and learning rates are always finite and can be plotted, and no
`RuntimeWarning` is emitted.

The full loss $f(x_t)$ is a pass over all the data, so the drivers take `loss_every`:
evaluate it every `k` steps, or with None only at the first and the last step; the default,
"auto", records it as often as costs no more than the steps (every step for gradient
descent and analytic objectives, once per epoch for SGD and minibatch SGD).
`Trajectory.loss_steps` records where it was evaluated. The iterates never depend on
`loss_every`: the loss never stops a run. A loss that is not finite (an objective that
overflows or leaves its domain at a finite point) is recorded as it is, and the result's
`success` is then False and its `message` names the first such step.

The arguments are validated once per call; inside the loop only what user code returns is
checked (the gradient's dtype and shape, a callable learning rate's value). A user's
function and its gradient can be passed without writing a class (`gradient=`, or a pair),
and a `callback` sees each step and can stop the run.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._validation import (
    _is_int,
    _is_real,
    as_generator,
    check_array,
    check_choice,
    check_float,
    check_int,
    check_learning_rate,
    check_positive_int,
    describe,
    fast_norm,
    message,
)
from gdbook.objectives import FiniteSumObjective, FunctionObjective, LeastSquares, Objective
from gdbook.schedules import Schedule
from gdbook.updates import UpdateRule

__all__ = [
    "DIVERGENCE_THRESHOLD",
    "StepInfo",
    "Trajectory",
    "gradient_descent",
    "minibatch_sgd",
    "noisy_gradient_descent",
    "sgd",
]

Vector = NDArray[np.float64]
StopReason = Literal["steps", "tolerance", "diverged", "callback"]
LearningRate = float | Callable[[int], float]
LossEvery = int | Literal["auto"] | None
#: `estimate(t, x) -> (g_t, cost)`: the gradient estimate at step `t` and its cost in
#: example-gradient evaluations.
Estimate = Callable[[int, Vector], tuple[Vector, int]]
#: `rule(t, x, g_t, eta_t) -> (p_t, eta)`: the step `x_{t+1} = x_t - eta * p_t` a driver takes
#: instead of `x_t - eta_t g_t` (Newton's direction, a line search's rate).
StepRule = Callable[[int, Vector, Vector, float], tuple[Vector, float]]

DIVERGENCE_THRESHOLD = 1e150
"""An iterate with a coordinate larger than this in absolute value, or a gradient estimate
with a larger norm, counts as diverged. 1e150 leaves room to square it (1e300 < 1.8e308),
so the loss of a quadratic, about $x^\\top g / 2$, is still finite at the last kept point and it
can be plotted, yet no converging run ever comes near it."""

_FLOAT64 = np.dtype(np.float64)
#: Below this, the running bound on |x_t| proves the iterate inside the threshold (the margin
#: covers the rounding of the bound itself).
_SAFE_BOUND = 0.5 * DIVERGENCE_THRESHOLD
_STOP_REASONS = ("steps", "tolerance", "diverged", "callback")
_STATUS = {"steps": 0, "tolerance": 0, "callback": 0, "diverged": 1}


@dataclass(frozen=True)
class StepInfo:
    r"""What a driver's `callback` sees after each step (all arrays are read-only copies).

    Attributes
    ----------
    step : int
        `t + 1`: the step just taken, so `x` is $x_{t+1}$.
    x : ndarray, shape (d,)
        The new iterate $x_{t+1}$.
    gradient : ndarray, shape (d,)
        The estimate $g_t$ the step used.
    gradient_norm : float
        $\lVert g_t\rVert$.
    learning_rate : float
        $\eta_t$.
    examples : int
        Example gradients evaluated so far.
    loss : float or None
        $f(x_{t+1})$ when the driver recorded it at this step (see `loss_every`), else None.

    Examples
    --------
    Stop as soon as the iterate is within 0.01 of the minimiser:

    >>> from gdbook.objectives import Quadratic
    >>> run = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=0.25, steps=100,
    ...                        callback=lambda info: abs(info.x[0]) < 0.01)
    >>> run.stop_reason, run.steps, float(run.x[0])
    ('callback', 7, 0.0078125)
    """

    step: int
    x: Vector
    gradient: Vector
    gradient_norm: float
    learning_rate: float
    examples: int
    loss: float | None


@dataclass(frozen=True, eq=False, repr=False)
class Trajectory:
    r"""The record of one optimisation run of `T` steps (all arrays read-only).

    It carries the full history, and also answers like `scipy.optimize.OptimizeResult`:
    `x`, `fun`, `success`, `status`, `message`, `nit`, `nfev`, `njev`.

    Attributes
    ----------
    iterates : ndarray, shape (T + 1, d)
        $x_0, \dots, x_T$, all finite.
    losses : ndarray, shape (m,)
        The full objective $f(x_t)$ (also for stochastic drivers) at the steps
        `loss_steps`. With `loss_every=1`, `m = T + 1` and `losses[t]` is $f(x_t)$.
        A loss is recorded as the objective returned it: it is finite wherever `f` is
        finite at the (finite) iterate; if not, `success` is False and `message` says where.
    loss_steps : ndarray of int64, shape (m,)
        The steps `t` at which `losses` was evaluated: increasing, from 0 to `T`. The
        drivers' `loss_every` sets them; each full loss costs a pass over the data.
    gradient_norms : ndarray, shape (T,)
        $\lVert g_t\rVert$, the norm of the estimate used at step `t` (finite, computed
        without overflow).
    learning_rates : ndarray, shape (T,)
        $\eta_t$ used at step `t`.
    examples : ndarray of int64, shape (T + 1,)
        Cumulative example-gradient evaluations; `examples[0] == 0`.
    stop_reason : {"steps", "tolerance", "diverged", "callback"}
        `"steps"`: the step budget ran out; `"tolerance"`: the gradient norm fell to
        `tol`; `"diverged"`: the next iterate left `[-1e150, 1e150]` (and was dropped) or the
        gradient's norm passed 1e150; `"callback"`: the callback returned True.
    message : str, optional
        Why the run stopped, in a sentence (made from `stop_reason` when not given).
    gradient_evaluations : int, optional
        Gradient estimates computed: `T`, plus the one that stopped the run on `tol` or
        divergence (`T` when not given).
    function_evaluations : int, default 0
        Values of $f$ the step rule computed besides the recorded losses: the trial points
        of `gdbook.backtracking_gradient_descent`'s line search; 0 for the other drivers.

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

    The same run as scipy would report it:

    >>> run.x.tolist(), run.fun, run.success, run.nit, run.njev
    ([0.125], 0.015625, True, 3, 3)
    >>> run.message
    'Took all 3 steps of the budget.'
    """

    iterates: NDArray[np.float64]
    losses: NDArray[np.float64]
    gradient_norms: NDArray[np.float64]
    learning_rates: NDArray[np.float64]
    examples: NDArray[np.int64]
    stop_reason: StopReason
    loss_steps: NDArray[np.int64] | None = None
    message: str | None = None
    gradient_evaluations: int | None = None
    function_evaluations: int = 0

    def __post_init__(self) -> None:
        caller = "Trajectory"
        check_choice(self.stop_reason, "stop_reason", caller, _STOP_REASONS)
        if self.loss_steps is None:
            steps = np.asarray(self.gradient_norms).size
            object.__setattr__(self, "loss_steps", np.arange(steps + 1))
        for name in ("iterates", "losses", "gradient_norms", "learning_rates"):
            array = check_array(getattr(self, name), name, caller, finite=name != "losses")
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        for name in ("examples", "loss_steps"):
            counts = _integers(getattr(self, name), name)
            counts.setflags(write=False)
            object.__setattr__(self, name, counts)
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
                raise ValueError(message(name, caller, text, array))
        if not (
            loss_steps.ndim == 1
            and loss_steps.size >= 1
            and loss_steps[0] == 0
            and loss_steps[-1] == steps
            and bool(np.all(np.diff(loss_steps) > 0))
        ):
            text = f"increasing steps from 0 to T = {steps}"
            raise ValueError(message("loss_steps", caller, text, loss_steps))
        if np.any(self.gradient_norms < 0) or np.any(self.learning_rates < 0):
            name = "gradient_norms" if np.any(self.gradient_norms < 0) else "learning_rates"
            raise ValueError(message(name, caller, "an array of floats >= 0", getattr(self, name)))
        if self.examples[0] != 0 or np.any(np.diff(self.examples) < 0):
            text = "a non-decreasing array of ints starting at 0"
            raise ValueError(message("examples", caller, text, self.examples))
        if self.gradient_evaluations is None:
            object.__setattr__(self, "gradient_evaluations", steps)
        elif not _is_int(self.gradient_evaluations):
            text = f"an int in the range [{steps}, {steps + 1}]"
            raise TypeError(
                message("gradient_evaluations", caller, text, self.gradient_evaluations)
            )
        elif not steps <= int(self.gradient_evaluations) <= steps + 1:
            text = f"an int in the range [{steps}, {steps + 1}]"
            raise ValueError(
                message("gradient_evaluations", caller, text, self.gradient_evaluations)
            )
        if not _is_int(self.function_evaluations):
            text = "an int in the range [0, inf)"
            raise TypeError(
                message("function_evaluations", caller, text, self.function_evaluations)
            )
        if int(self.function_evaluations) < 0:
            text = "an int in the range [0, inf)"
            raise ValueError(
                message("function_evaluations", caller, text, self.function_evaluations)
            )
        if self.message is None:
            reason: StopReason = self.stop_reason
            losses = self.losses.tolist()
            text = _message(reason, steps, None, "see the iterates", losses, loss_steps.tolist())
            object.__setattr__(self, "message", text)
        elif not isinstance(self.message, str):
            raise TypeError(message("message", caller, "a str or None", self.message))

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

    # The names of scipy.optimize.OptimizeResult.
    @property
    def x(self) -> NDArray[np.float64]:
        """The final point $x_T$, shape `(d,)` (as `final`)."""
        return self.final

    @property
    def fun(self) -> float:
        """The loss at the final point, $f(x_T)$ (always recorded)."""
        return float(self.losses[-1])

    @property
    def success(self) -> bool:
        """True unless the run diverged or recorded a loss that is not finite.

        Using up the step budget counts as success: it is how SGD runs end.
        """
        return not self.diverged and bool(np.all(np.isfinite(self.losses)))

    @property
    def status(self) -> int:
        """0 for success, 1 for divergence, 2 for a loss that is not finite."""
        if self.diverged:
            return 1
        return 0 if self.success else 2

    @property
    def nit(self) -> int:
        """The number of steps taken, `T` (as `steps`)."""
        return self.steps

    @property
    def nfev(self) -> int:
        """Values of $f$ computed: the `m` recorded losses plus `function_evaluations`."""
        return int(self.losses.size) + int(self.function_evaluations)

    @property
    def njev(self) -> int:
        """The number of gradient estimates computed (as `gradient_evaluations`)."""
        return int(self.gradient_evaluations or 0)

    @property
    def n_examples(self) -> int:
        """Example gradients evaluated in all, `examples[-1]`."""
        return int(self.examples[-1])


def _integers(value: object, name: str) -> NDArray[np.int64]:
    """`value` as an int64 array; floats only when they hold whole numbers."""
    array = check_array(value, name, "Trajectory")
    rounded = array.astype(np.int64)
    if not np.array_equal(rounded, array):
        raise ValueError(message(name, "Trajectory", "an array of ints", value))
    return rounded


def _bad_rate(caller: str, value: object, t: int, error: type[Exception] = ValueError) -> Exception:
    return error(
        f"The 'learning_rate' parameter of {caller} must be a float in the range "
        f"(0, inf) or a schedule returning floats in the range [0, inf). "
        f"Got a schedule returning {describe(value)} at t={t} instead."
    )


#: Steps of a `Schedule` evaluated at once (and rows allocated at once): large enough that
#: the vectorised call costs nothing per step, small enough that a huge `steps` with `tol`
#: allocates nothing up front.
_CHUNK = 4096


def _rate_function(learning_rate: LearningRate, caller: str, steps: int) -> Callable[[int], float]:
    """Turn a float or a schedule into `t -> eta_t`, checking what a schedule returns.

    A `gdbook.schedules.Schedule` is evaluated `_CHUNK` steps at a time (it is vectorised,
    and calling it once per step would cost more than many a step); any other callable is
    called and checked at each step: it must return a real number (not a bool or a string)
    that is finite and `>= 0`.
    """
    if not callable(learning_rate):
        eta = float(learning_rate)
        return lambda t: eta

    if isinstance(learning_rate, Schedule):
        schedule_ = learning_rate
        table: list[float] = []
        base = [0]

        def from_table(t: int) -> float:
            i = t - base[0]
            if not 0 <= i < len(table):
                count = min(_CHUNK, steps - t)
                rates = schedule_(np.arange(t, t + count, dtype=np.int64))
                bad = ~(np.isfinite(rates) & (rates >= 0.0))
                if bad.any():
                    k = int(np.argmax(bad))
                    raise _bad_rate(caller, float(rates[k]), t + k)
                table[:] = rates.tolist()
                base[0], i = t, 0
            return table[i]

        return from_table

    schedule = learning_rate

    def rate(t: int) -> float:
        value: Any = schedule(t)
        if type(value) is float and 0.0 <= value < math.inf:
            return value
        if isinstance(value, np.ndarray) and value.ndim == 0:
            value = value[()]
        if not _is_real(value):
            raise _bad_rate(caller, value, t, TypeError)
        try:
            eta = float(value)
        except OverflowError:
            eta = math.inf
        if not (math.isfinite(eta) and eta >= 0.0):
            raise _bad_rate(caller, value, t)
        return eta

    return rate


def _check_update(update: object, caller: str, dim: int) -> StepRule | None:
    """None, or a fresh step rule of an `UpdateRule` (its state starts at zero for this run)."""
    if update is None:
        return None
    expected = "an update rule such as gdbook.updates.momentum(0.9), or None"
    if isinstance(update, type):
        text = f"{expected}; an instance, not the class itself"
        raise TypeError(message("update", caller, text, update))
    if not isinstance(update, UpdateRule):
        raise TypeError(message("update", caller, expected, update))
    return update.start(dim)


def _check_loss_every(loss_every: object, caller: str) -> int | Literal["auto"] | None:
    """`loss_every` is "auto", None or an int in [1, inf); the message names all three."""
    if loss_every is None:
        return None
    if isinstance(loss_every, str) and loss_every == "auto":
        return "auto"
    try:
        return check_positive_int(loss_every, "loss_every", caller)
    except (TypeError, ValueError) as error:
        expected = "an int in the range [1, inf), None or 'auto'"
        raise type(error)(message("loss_every", caller, expected, loss_every)) from None


def _resolve_loss_every(
    loss_every: int | Literal["auto"] | None, loss_cost: int, step_cost: int
) -> int | None:
    """ "auto": record the loss every `ceil(loss_cost / step_cost)` steps.

    Then the recording costs, amortised, no more than the steps themselves: every step on
    an analytic objective or for gradient descent on a finite sum, once per epoch for SGD.
    """
    if loss_every != "auto":
        return loss_every
    return max(1, -(-loss_cost // max(step_cost, 1)))


def _check_callback(callback: object, caller: str) -> Callable[[StepInfo], object] | None:
    if callback is not None and not callable(callback):
        raise TypeError(message("callback", caller, "a callable or None", callback))
    return callback


def _loss_value(value: object, caller: str, name: str) -> float:
    """A loss as a float: real numbers (and 0-d or one-element real arrays) only."""
    if type(value) is float:
        return value
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "fiu":
        return float(value.reshape(()))
    if not _is_real(value):
        expected = "an objective whose value is a float"
        raise TypeError(message(name, caller, expected, value))
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _gradient_value(g: object, shape: tuple[int], caller: str, name: str) -> Vector:
    """The slow path of the per-step check: anything that is not a float64 array of `shape`."""
    expected = f"an objective whose gradient is an array of {shape[0]} floats, shape {shape}"
    try:
        array = check_array(g, name, caller, finite=False)
    except TypeError:
        raise TypeError(message(name, caller, expected, g)) from None
    if array.shape != shape and not (shape == (1,) and array.size == 1):
        raise ValueError(message(name, caller, expected, array))
    return array.reshape(shape)


def _run(
    x0: Vector,
    estimate: Estimate,
    learning_rate: LearningRate,
    steps: int,
    loss: Callable[[Vector], object],
    *,
    caller: str,
    name: str = "objective",
    tol: float | None = None,
    loss_every: int | None = 1,
    callback: Callable[[StepInfo], object] | None = None,
    exact: bool = False,
    rule: StepRule | None = None,
) -> Trajectory:
    """The one optimisation loop: `x <- x - eta_t * g_t` with `g_t = estimate(t, x)`.

    With a step `rule`, the step is `x <- x - eta * p` with `(p, eta) = rule(t, x, g_t, eta_t)`
    (Newton's method, a line search); `g_t` still decides `tol`, the recorded gradient norm
    and the callback's `gradient`, and `eta` is the recorded learning rate.

    The arguments are validated by the drivers, once; the loop checks only what the user's
    code returns (the gradient's dtype and shape, the schedule's value) and divergence.
    The full loss is evaluated at step 0, at every step `t` that `loss_every` divides, and at
    the last step. It never changes the iterates: divergence is detected from the iterate and
    the gradient, which every step computes anyway.
    """
    rate = _rate_function(learning_rate, caller, steps)
    constant = None if callable(learning_rate) else float(learning_rate)
    d = x0.size
    shape = (d,)
    capacity = min(steps, _CHUNK)
    iterates = np.empty((capacity + 1, d))
    # Python lists: an append costs less than a numpy item assignment.
    gradient_norms: list[float] = []
    learning_rates: list[float] = []
    examples: list[int] = [0]
    loss_steps: list[int] = [0]
    losses: list[float] = []
    stop_reason: StopReason = "steps"
    detail = ""
    taken = steps
    count = 0
    every = loss_every if loss_every is not None else steps + 1
    gradient_evaluations = 0

    x = x0
    iterates[0] = x
    bound = float(np.abs(x0).max())
    # Diverging runs overflow on purpose; the overflow is detected below, not warned about.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        first = _loss_value(loss(x), caller, name)
        if not math.isfinite(first):
            raise _bad_start(caller, "objective", x0, f"f(x0) = {first}")
        losses.append(first)
        for t in range(steps):
            g, cost = estimate(t, x)
            gradient_evaluations += 1
            if type(g) is not np.ndarray or g.dtype is not _FLOAT64 or g.shape != shape:
                g = _gradient_value(g, shape, caller, name)
            square = g.dot(g)  # fast_norm's fast path, inlined: this runs at every step
            g_norm = math.sqrt(square) if 1e-300 < square < 1e300 else fast_norm(g)
            if not g_norm <= DIVERGENCE_THRESHOLD:
                if t == 0 and exact:  # the start's own gradient, not a noisy estimate
                    raise _bad_start(caller, "gradient", x0, f"the gradient's norm is {g_norm}")
                stop_reason, taken = "diverged", t
                detail = f"the gradient at step {t} has norm {g_norm:.3g}"
                break
            if tol is not None and g_norm <= tol:
                stop_reason, taken = "tolerance", t
                break
            eta = constant if constant is not None else rate(t)
            if rule is None:
                x_next = x - eta * g
                p_norm = g_norm
            else:
                p, eta = rule(t, x, g, eta)
                p_norm = fast_norm(p)
                if not p_norm <= DIVERGENCE_THRESHOLD:
                    stop_reason, taken = "diverged", t
                    detail = f"the step direction at step {t} has norm {p_norm:.3g}"
                    break
                x_next = x - eta * p
            # `bound` >= max_i |x_{t+1, i}| by the triangle inequality, for one multiply-add;
            # only past half the threshold (never, on a converging run) are the coordinates
            # looked at (NaN fails both comparisons), and the bound reset to the largest.
            bound += eta * p_norm
            if bound > _SAFE_BOUND:
                largest = max(x_next.max(), -x_next.min())
                if not largest <= DIVERGENCE_THRESHOLD:
                    stop_reason, taken = "diverged", t
                    detail = f"the iterate of step {t + 1} left [-1e150, 1e150]"
                    break
                bound = float(largest)
            if t == capacity:
                capacity = min(steps, 2 * capacity)
                iterates = _grow(iterates, capacity + 1)
            x = x_next
            iterates[t + 1] = x
            gradient_norms.append(g_norm)
            learning_rates.append(eta)
            count += cost
            examples.append(count)
            recorded: float | None = None
            if (t + 1) % every == 0:
                recorded = _loss_value(loss(x), caller, name)
                loss_steps.append(t + 1)
                losses.append(recorded)
            if callback is not None:
                info = StepInfo(t + 1, _frozen(x), _frozen(g), g_norm, eta, count, recorded)
                if callback(info):
                    stop_reason, taken = "callback", t + 1
                    break
        if loss_steps[-1] != taken:
            loss_steps.append(taken)
            losses.append(_loss_value(loss(iterates[taken]), caller, name))

    return Trajectory(
        iterates=iterates[: taken + 1],
        losses=np.array(losses),
        gradient_norms=np.array(gradient_norms),
        learning_rates=np.array(learning_rates),
        examples=np.array(examples, dtype=np.int64),
        stop_reason=stop_reason,
        loss_steps=np.array(loss_steps, dtype=np.int64),
        message=_message(stop_reason, taken, tol, detail, losses, loss_steps),
        gradient_evaluations=gradient_evaluations,
    )


def _frozen(array: Vector) -> Vector:
    copy = array.copy()
    copy.setflags(write=False)
    return copy


def _bad_start(caller: str, what: str, x0: Vector, found: str) -> ValueError:
    point = x0.tolist() if x0.size <= 6 else f"an array of shape {x0.shape}"
    return ValueError(
        f"The 'x0' parameter of {caller} must be a point where the {what} is finite. "
        f"Got {point}, where {found}, instead."
    )


def _grow(array: NDArray[Any], length: int) -> NDArray[Any]:
    bigger = np.empty((length, *array.shape[1:]), dtype=array.dtype)
    bigger[: len(array)] = array
    return bigger


def _message(
    stop_reason: StopReason,
    steps: int,
    tol: float | None,
    detail: str,
    losses: list[float],
    loss_steps: list[int],
) -> str:
    if stop_reason == "steps":
        text = f"Took all {steps} steps of the budget."
    elif stop_reason == "tolerance":
        text = f"The gradient norm fell to tol = {tol!r} at step {steps}."
    elif stop_reason == "callback":
        text = f"The callback stopped the run after step {steps}."
    else:
        text = f"Diverged: {detail}; stopped at step {steps}."
    bad = [t for t, value in zip(loss_steps, losses, strict=True) if not math.isfinite(value)]
    if bad:
        text += (
            f" The loss was not finite at {len(bad)} of the {len(losses)} recorded steps, "
            f"first at step {bad[0]}."
        )
    return text


def _check_objective(
    objective: object, x0: ArrayLike, gradient: object, caller: str
) -> tuple[Objective, Vector]:
    """The objective and the starting point, checked together.

    `objective` is an `Objective`; or a plain function with `gradient=` its gradient; or a
    pair `(f, gradient)`. A plain function is called with `x` in the shape of `x0`: a float
    for a float `x0`, else an array of shape `(d,)`.
    """
    expected = (
        "an objective with dim, __call__ and gradient (such as Quadratic((2.0,))), "
        "a function f with gradient= its gradient, or a pair (f, gradient)"
    )
    if isinstance(objective, type):
        text = f"an objective instance, not the class itself (call it: {objective.__name__}(...))"
        raise TypeError(message("objective", caller, text, objective))
    pair: tuple[object, object] | None = None
    if gradient is not None:
        if isinstance(objective, (Objective, tuple, list)):
            text = "None when the objective has its own gradient"
            raise ValueError(message("gradient", caller, text, gradient))
        if not callable(gradient):
            raise TypeError(message("gradient", caller, "a function or None", gradient))
        pair = (objective, gradient)
    elif isinstance(objective, (tuple, list)) and not isinstance(objective, Objective):
        if len(objective) != 2:
            raise ValueError(message("objective", caller, expected, objective))
        pair = (objective[0], objective[1])
    if pair is not None:
        start = check_array(x0, "x0", caller)
        if start.ndim > 1:
            raise ValueError(message("x0", caller, "a float or a 1-dimensional array", start))
        dim = None if start.ndim == 0 else start.size
        if dim == 0:
            raise ValueError(message("x0", caller, "a non-empty array", start))
        for name, value in zip(("objective", "gradient"), pair, strict=True):
            if not callable(value) or isinstance(value, type):
                raise TypeError(message(name, caller, "a function", value))
        f: Objective = FunctionObjective(pair[0], pair[1], dim, _caller=caller)  # type: ignore[arg-type]
        return f, _start(x0, f.dim, caller)
    if not isinstance(objective, Objective):
        raise TypeError(message("objective", caller, expected, objective))
    dim = objective.dim
    if not _is_int(dim) or int(dim) < 1:
        text = "an objective whose dim is an int in the range [1, inf)"
        raise ValueError(message("objective", caller, text, objective))
    return objective, _start(x0, int(dim), caller)


def _check_problem(problem: object, caller: str) -> FiniteSumObjective:
    if isinstance(problem, type):
        text = f"a finite-sum objective instance, not the class itself (call it: {problem.__name__}(X, y))"
        raise TypeError(message("problem", caller, text, problem))
    if not isinstance(problem, FiniteSumObjective):
        expected = "a finite-sum objective with n and batch_gradient (e.g. LeastSquares)"
        raise TypeError(message("problem", caller, expected, problem))
    return problem


def _start(x0: ArrayLike, dim: int, caller: str) -> Vector:
    """`x0` as a new float64 array of shape `(dim,)`, inside the divergence threshold."""
    x = check_array(x0, "x0", caller)
    if x.ndim == 0 and dim == 1:
        x = x.reshape(1)
    if x.shape != (dim,):
        raise ValueError(message("x0", caller, f"an array of shape ({dim},)", x))
    if np.abs(x).max() > DIVERGENCE_THRESHOLD:
        text = "an array with coordinates in the range [-1e150, 1e150] (the divergence threshold)"
        raise ValueError(message("x0", caller, text, x if x.size > 6 else x.tolist()))
    return x


def _check_budget(
    steps: object, epochs: object, per_epoch: int, caller: str, *, epochs_allowed: bool = True
) -> int:
    """The step budget: `steps`, or `epochs` whole passes of `per_epoch` steps (not both)."""
    if steps is not None and epochs is not None:
        text = "None when steps is given (the budget is one or the other)"
        raise ValueError(message("epochs", caller, text, epochs))
    if epochs is not None:
        return check_positive_int(epochs, "epochs", caller) * per_epoch
    if steps is None:
        expected = "an int in the range [1, inf) (or give epochs instead)"
        raise TypeError(message("steps", caller, expected, steps))
    return check_positive_int(steps, "steps", caller)


def _check_tol(tol: object, caller: str) -> float | None:
    return None if tol is None else check_float(tol, "tol", caller, low=0.0, closed="left")


def _example_gradient(p: FiniteSumObjective) -> Callable[[Vector, NDArray[np.intp]], Vector]:
    """`p.batch_gradient` for indices the driver made itself; unchecked for LeastSquares."""
    if type(p) is LeastSquares:
        return p._batch_gradient
    return p.batch_gradient


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
    objective: Objective | Callable[..., Any] | tuple[Callable[..., Any], Callable[..., Any]],
    x0: ArrayLike,
    *,
    learning_rate: LearningRate,
    steps: int,
    tol: float | None = None,
    loss_every: LossEvery = "auto",
    gradient: Callable[..., Any] | None = None,
    callback: Callable[[StepInfo], object] | None = None,
    update: UpdateRule | None = None,
) -> Trajectory:
    r"""Gradient descent: step against the exact gradient.

    $$
    x_{t+1} = x_t - \eta_t \nabla f(x_t).
    $$

    ```text
    input: x_0, learning rate eta_t, steps T, tolerance eps (optional)
    for t = 0, 1, ..., T - 1:
        g_t = grad f(x_t)
        if ||g_t|| > 1e150: stop                             ("diverged")
        if eps is given and ||g_t|| <= eps: stop            ("tolerance")
        x_{t+1} = x_t - eta_t * g_t
        if x_{t+1} leaves [-1e150, 1e150]: stop, drop it     ("diverged")
        if t + 1 is a multiple of loss_every: record f(x_{t+1})
        if callback(step info) is true: stop                ("callback")
    record f(x_T) unless recorded
    return x_0, ..., x_T                                     ("steps")
    ```

    Parameters
    ----------
    objective : Objective, function or (function, gradient)
        Anything with `dim`, `__call__` and `gradient` (see `gdbook.objectives`); or a
        plain function `f(x) -> float` with `gradient=`; or a pair `(f, gradient)`. A plain
        function gets `x` in the shape of `x0`: a float for a float `x0`, else an array.
    x0 : float or array_like, shape (d,)
        Starting point (a float for one-dimensional objectives), with coordinates in
        `[-1e150, 1e150]` and a finite loss and gradient there.
    learning_rate : float or schedule
        $\eta$ in `(0, inf)`, or a callable `t -> eta_t` such as
        `gdbook.schedules.exponential`.
    steps : int
        Maximum number of steps `T`, in `[1, inf)`.
    tol : float, optional
        Stop before the step at which $\lVert\nabla f(x_t)\rVert \le$ `tol`
        (`tol` in `[0, inf)`).
    loss_every : int, "auto" or None, default "auto"
        Evaluate the full loss $f(x_t)$ at step 0, at every step that is a multiple of
        `loss_every`, and at the last step `T`; None: at steps 0 and `T` only. "auto"
        records it as often as costs no more than the steps themselves (amortised): here at every step, since a step costs a full gradient.
        The iterates never depend on it; `Trajectory.loss_steps` says where the loss was
        evaluated. Pass 1 to record every step.
    gradient : callable, optional
        $\nabla f$ when `objective` is a plain function.
    callback : callable, optional
        Called after every step with a `StepInfo`; a true return value stops the run.
    update : UpdateRule, optional
        What to do with $g_t$: None (the default) steps along $-g_t$; a rule of
        `gdbook.updates` (`momentum`, `adagrad`, `rmsprop`, `adam`) steps along its direction
        $p_t$ instead, $x_{t+1} = x_t - \eta_t p_t$, from a fresh state. `gradient_norms`,
        `tol` and the callback still see $g_t$.

    Returns
    -------
    Trajectory
        `iterates (T+1, d)`, `losses (m,)` at the steps `loss_steps (m,)` (every step,
        `m = T + 1`, by default here), `gradient_norms (T,)`, `learning_rates (T,)`,
        `examples (T+1,)` (`n` per step on a finite sum, else 1), `stop_reason`; and the
        scipy-style `x`, `fun`, `success`, `message`, `nit`, `njev`.

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

    Your own function and its gradient, no class needed:

    >>> import math
    >>> run = gradient_descent(lambda x: x * x - math.log(x), 2.0,
    ...                        gradient=lambda x: 2 * x - 1 / x, learning_rate=0.1, steps=100)
    >>> print(f"{run.x[0]:.6f} {1 / math.sqrt(2):.6f}")
    0.707107 0.707107
    >>> run.success, run.message
    (True, 'Took all 100 steps of the budget.')
    """
    caller = "gradient_descent"
    f, x = _check_objective(objective, x0, gradient, caller)
    lr = check_learning_rate(learning_rate, caller)
    n_steps = check_positive_int(steps, "steps", caller)
    threshold = _check_tol(tol, caller)
    hook = _check_callback(callback, caller)
    rule = _check_update(update, caller, x.size)
    cost = _full_gradient_cost(f)
    every = _resolve_loss_every(_check_loss_every(loss_every, caller), cost, cost)
    grad = f.gradient

    def estimate(t: int, x: Vector) -> tuple[Vector, int]:
        return grad(x), cost

    return _run(
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


def noisy_gradient_descent(
    objective: Objective | Callable[..., Any] | tuple[Callable[..., Any], Callable[..., Any]],
    x0: ArrayLike,
    *,
    learning_rate: LearningRate,
    steps: int,
    noise_std: float,
    seed: int | np.random.Generator,
    loss_every: LossEvery = "auto",
    gradient: Callable[..., Any] | None = None,
    callback: Callable[[StepInfo], object] | None = None,
    update: UpdateRule | None = None,
) -> Trajectory:
    r"""Simulated SGD: the exact gradient plus Gaussian noise.

    $$
    x_{t+1} = x_t - \eta_t\bigl(\nabla f(x_t) + \xi_t\bigr), \qquad
    \xi_t \sim \mathcal N(0, \nu^2 I).
    $$

    ```text
    input: x_0, learning rate eta_t, steps T, noise nu, generator rng
    for t = 0, 1, ..., T - 1:
        g_t = grad f(x_t) + nu * rng.standard_normal(d)
        if ||g_t|| > 1e150: stop                             ("diverged")
        x_{t+1} = x_t - eta_t * g_t
        if x_{t+1} leaves [-1e150, 1e150]: stop, drop it     ("diverged")
        if t + 1 is a multiple of loss_every: record f(x_{t+1})
        if callback(step info) is true: stop                ("callback")
    record f(x_T) unless recorded
    return x_0, ..., x_T                                     ("steps")
    ```

    The noise is unbiased, $\mathbb E[g_t] = \nabla f(x_t)$, like a stochastic
    gradient; `noise_std=0` gives plain gradient descent.

    Parameters
    ----------
    objective : Objective, function or (function, gradient)
        As for `gradient_descent`.
    x0 : float or array_like, shape (d,)
        Starting point.
    learning_rate : float or schedule
        $\eta$ in `(0, inf)`, or a callable `t -> eta_t`.
    steps : int
        Number of steps `T`, in `[1, inf)`.
    noise_std : float
        $\nu$, in `[0, inf)`.
    seed : int or numpy.random.Generator
        Source of the noise (one `standard_normal(d)` draw per step).
    loss_every : int, "auto" or None, default "auto"
        Evaluate the full loss $f(x_t)$ at step 0, at every step that is a multiple of
        `loss_every`, and at the last step `T`; None: at steps 0 and `T` only. "auto"
        records it as often as costs no more than the steps themselves (amortised): here at every step, since a step costs a full gradient.
        The iterates never depend on it; `Trajectory.loss_steps` says where the loss was
        evaluated. Pass 1 to record every step.
    gradient : callable, optional
        $\nabla f$ when `objective` is a plain function.
    callback : callable, optional
        Called after every step with a `StepInfo`; a true return value stops the run.
    update : UpdateRule, optional
        What to do with $g_t$: None (the default) steps along $-g_t$; a rule of
        `gdbook.updates` (`momentum`, `adagrad`, `rmsprop`, `adam`) steps along its direction
        $p_t$ instead, $x_{t+1} = x_t - \eta_t p_t$, from a fresh state. `gradient_norms`,
        `tol` and the callback still see $g_t$.

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
    f, x = _check_objective(objective, x0, gradient, caller)
    lr = check_learning_rate(learning_rate, caller)
    n_steps = check_positive_int(steps, "steps", caller)
    nu = check_float(noise_std, "noise_std", caller, low=0.0, closed="left")
    rng = as_generator(seed, caller)
    hook = _check_callback(callback, caller)
    rule = _check_update(update, caller, x.size)
    cost = _full_gradient_cost(f)
    every = _resolve_loss_every(_check_loss_every(loss_every, caller), cost, cost)
    grad, normal, d = f.gradient, rng.standard_normal, x.size

    def estimate(t: int, x: Vector) -> tuple[Vector, int]:
        return grad(x) + nu * normal(d), cost

    return _run(
        x, estimate, lr, n_steps, f, caller=caller, loss_every=every, callback=hook, rule=rule
    )


def sgd(
    problem: FiniteSumObjective,
    x0: ArrayLike,
    *,
    learning_rate: LearningRate,
    steps: int | None = None,
    epochs: int | None = None,
    sampling: Literal["with_replacement", "shuffle"] = "with_replacement",
    seed: int | np.random.Generator,
    loss_every: LossEvery = "auto",
    callback: Callable[[StepInfo], object] | None = None,
    update: UpdateRule | None = None,
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
        if ||g_t|| > 1e150: stop                             ("diverged")
        x_{t+1} = x_t - eta_t * g_t
        if x_{t+1} leaves [-1e150, 1e150]: stop, drop it     ("diverged")
        if t + 1 is a multiple of loss_every: record f(x_{t+1})
        if callback(step info) is true: stop                ("callback")
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
    epochs : int, optional
        The budget in passes over the data instead: `T = epochs * n` (give `steps` or
        `epochs`, not both).
    sampling : {"with_replacement", "shuffle"}, default "with_replacement"
        Draw $i_t$ uniformly and independently, or walk shuffled epochs without
        replacement (each example exactly once per epoch).
    seed : int or numpy.random.Generator
        Source of the sampling.
    loss_every : int, "auto" or None, default "auto"
        Evaluate the full loss $f(x_t)$ at step 0, at every step that is a multiple of
        `loss_every`, and at the last step `T`; None: at steps 0 and `T` only. "auto"
        records it as often as costs no more than the steps themselves (amortised): once per epoch, every `n` steps (the loss is a pass over all `n` examples).
        The iterates never depend on it; `Trajectory.loss_steps` says where the loss was
        evaluated. Pass 1 to record every step.
    callback : callable, optional
        Called after every step with a `StepInfo`; a true return value stops the run.
    update : UpdateRule, optional
        What to do with $g_t$: None (the default) steps along $-g_t$; a rule of
        `gdbook.updates` (`momentum`, `adagrad`, `rmsprop`, `adam`) steps along its direction
        $p_t$ instead, $x_{t+1} = x_t - \eta_t p_t$, from a fresh state. `gradient_norms`,
        `tol` and the callback still see $g_t$.

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

    By default the full loss (a pass over all `n = 1000` examples) is recorded once per
    epoch and at the end:

    >>> run.loss_steps.tolist()
    [0, 1000, 2000]
    """
    caller = "sgd"
    p = _check_problem(problem, caller)
    x = _start(x0, p.dim, caller)
    lr = check_learning_rate(learning_rate, caller)
    n = p.n
    n_steps = _check_budget(steps, epochs, n, caller)
    how = check_choice(sampling, "sampling", caller, ("with_replacement", "shuffle"))
    rng = as_generator(seed, caller)
    hook = _check_callback(callback, caller)
    rule = _check_update(update, caller, x.size)
    every = _resolve_loss_every(_check_loss_every(loss_every, caller), n, 1)
    batch_gradient = _example_gradient(p)

    if how == "shuffle":
        batches = _shuffled_batches(rng, n, 1, drop_last=False)

        def estimate(t: int, x: Vector) -> tuple[Vector, int]:
            return batch_gradient(x, next(batches)), 1

    else:
        # All T draws at once: the same uniform, independent indices, without a call per step.
        draws = rng.integers(0, n, size=n_steps)

        def estimate(t: int, x: Vector) -> tuple[Vector, int]:
            return batch_gradient(x, draws[t : t + 1]), 1

    return _run(
        x, estimate, lr, n_steps, p, caller=caller, loss_every=every, callback=hook, rule=rule
    )


def minibatch_sgd(
    problem: FiniteSumObjective,
    x0: ArrayLike,
    *,
    learning_rate: LearningRate,
    batch_size: int,
    epochs: int | None = None,
    steps: int | None = None,
    seed: int | np.random.Generator,
    drop_last: bool = False,
    loss_every: LossEvery = "auto",
    callback: Callable[[StepInfo], object] | None = None,
    update: UpdateRule | None = None,
) -> Trajectory:
    r"""Minibatch SGD over shuffled epochs: the mean gradient of `batch_size` examples.

    $$
    x_{t+1} = x_t - \eta_t\,\frac1{|B_t|}\sum_{i\in B_t}\nabla f_i(x_t).
    $$

    ```text
    input: x_0, learning rate eta_t, batch size b, budget T, n examples, generator rng
    t = 0
    repeat, one epoch at a time, until t = T:
        order = rng.permutation(n)
        for each slice B of b consecutive entries of order
                (the last, shorter slice is skipped if drop_last):
            g_t = mean of grad f_i(x_t) over i in B
            if ||g_t|| > 1e150: stop                             ("diverged")
            x_{t+1} = x_t - eta_t * g_t
            if x_{t+1} leaves [-1e150, 1e150]: stop, drop it     ("diverged")
            if t + 1 is a multiple of loss_every: record f(x_{t+1})
            if callback(step info) is true: stop                ("callback")
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
    epochs : int, optional
        Passes over the data `E`, in `[1, inf)`: `T = E * ceil(n / b)` steps
        (`E * floor(n / b)` with `drop_last`).
    steps : int, optional
        The budget in steps `T` instead, as for the other drivers (give `epochs` or
        `steps`, not both); a last epoch may then be cut short.
    seed : int or numpy.random.Generator
        Source of the shuffles (one `rng.permutation(n)` per epoch).
    drop_last : bool, default False
        Skip the last batch of an epoch when it has fewer than `b` examples.
    loss_every : int, "auto" or None, default "auto"
        Evaluate the full loss $f(x_t)$ at step 0, at every step that is a multiple of
        `loss_every`, and at the last step `T`; None: at steps 0 and `T` only. "auto"
        records it as often as costs no more than the steps themselves (amortised): once per epoch, every `ceil(n / b)` steps.
        The iterates never depend on it; `Trajectory.loss_steps` says where the loss was
        evaluated. Pass 1 to record every step.
    callback : callable, optional
        Called after every step with a `StepInfo`; a true return value stops the run.
    update : UpdateRule, optional
        What to do with $g_t$: None (the default) steps along $-g_t$; a rule of
        `gdbook.updates` (`momentum`, `adagrad`, `rmsprop`, `adam`) steps along its direction
        $p_t$ instead, $x_{t+1} = x_t - \eta_t p_t$, from a fresh state. `gradient_norms`,
        `tol` and the callback still see $g_t$.

    Returns
    -------
    Trajectory
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

    The full loss costs a pass over the data, so by default it is recorded once per epoch
    (every `ceil(1000 / 64) = 16` steps); recorded at every step, the run takes the same
    steps:

    >>> run.loss_steps.tolist()
    [0, 16, 32, 48, 64, 80]
    >>> every = minibatch_sgd(problem, [0.0, 0.0], learning_rate=0.1, batch_size=64,
    ...                       epochs=5, seed=0, loss_every=1)
    >>> bool((every.iterates == run.iterates).all())
    True
    >>> bool((every.losses[run.loss_steps] == run.losses).all())
    True
    """
    caller = "minibatch_sgd"
    p = _check_problem(problem, caller)
    x = _start(x0, p.dim, caller)
    lr = check_learning_rate(learning_rate, caller)
    n = p.n
    b = check_int(batch_size, "batch_size", caller, low=1, high=n)
    if not isinstance(drop_last, (bool, np.bool_)):
        raise TypeError(message("drop_last", caller, "a bool", drop_last))
    per_epoch = n // b if drop_last else -(-n // b)
    n_steps = _check_budget(steps, epochs, per_epoch, caller)
    rng = as_generator(seed, caller)
    hook = _check_callback(callback, caller)
    rule = _check_update(update, caller, x.size)
    every = _resolve_loss_every(_check_loss_every(loss_every, caller), n, b)
    batches = _shuffled_batches(rng, n, b, drop_last=bool(drop_last))
    batch_gradient = _example_gradient(p)

    def estimate(t: int, x: Vector) -> tuple[Vector, int]:
        batch = next(batches)
        return batch_gradient(x, batch), batch.size

    return _run(
        x, estimate, lr, n_steps, p, caller=caller, loss_every=every, callback=hook, rule=rule
    )
