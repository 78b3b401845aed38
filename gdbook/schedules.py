r"""Learning-rate schedules: pure functions of the step count $t = 0, 1, 2, \dots$.

Each constructor returns a `Schedule`, a small immutable callable with a readable
`repr`. Call it with an int `t` to get a float, or with an int array to get a float
array of the same shape. Any of them can be passed as `learning_rate` to the drivers.

| constructor | $\eta_t$ |
| --- | --- |
| `constant(eta)` | $\eta$ |
| `piecewise_constant(boundaries, values)` | `values[k]`, $k = \#\{j : t_j \le t\}$ for the boundary steps $t_j$ |
| `exponential(eta0, decay)` | $\eta_0\,\gamma^t$ |
| `polynomial(eta0, alpha, omega)` | $\eta_0\,(1 + \omega t)^{-\alpha}$ |
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from gdbook._validation import check_float, check_positive_float, describe, message

__all__ = ["Schedule", "constant", "exponential", "piecewise_constant", "polynomial"]


class Schedule(ABC):
    """A learning rate as a function of the step `t >= 0` (int or int array).

    Made by `constant`, `piecewise_constant`, `exponential` and
    `polynomial`; immutable, compared by value, printed as the call that made it.

    Examples
    --------
    >>> schedule = exponential(1.0, 0.5)
    >>> isinstance(schedule, Schedule)
    True
    >>> schedule(3)
    0.125
    >>> schedule(np.arange(4)).tolist()
    [1.0, 0.5, 0.25, 0.125]
    """

    _name: str = "schedule"

    @overload
    def __call__(self, t: int | np.integer[Any]) -> float: ...

    @overload
    def __call__(self, t: NDArray[np.integer[Any]]) -> NDArray[np.float64]: ...

    def __call__(
        self, t: int | np.integer[Any] | NDArray[np.integer[Any]]
    ) -> float | NDArray[np.float64]:
        steps = _check_steps(t, self._name)
        with np.errstate(over="ignore", under="ignore"):  # a huge t: rates of 0 or eta
            rates = self._rates(steps)
        return float(rates) if steps.ndim == 0 else rates

    @abstractmethod
    def _rates(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        """The learning rates at the (validated, non-negative) steps `t`."""


def _check_steps(t: object, caller: str) -> NDArray[np.float64]:
    """The steps `t` as floats, checked: ints (or int arrays) `>= 0`, never bools.

    Converted straight to float64, so an unsigned step beyond the int64 range, or a Python
    int of any size, is the large step it is rather than a wrapped negative one.
    """
    expected = "an int or an int array with values in the range [0, inf)"
    if isinstance(t, (bool, np.bool_)):
        raise TypeError(message("t", caller, expected, t))
    if isinstance(t, int):  # any size: a float of it is exact enough for a learning rate
        if t < 0:
            raise ValueError(message("t", caller, expected, t))
        try:
            return np.array(float(t))
        except OverflowError:  # beyond 1.8e308: as far as any schedule is concerned, infinity
            return np.array(np.inf)
    array = np.asarray(t)
    if array.dtype.kind not in "iu":
        raise TypeError(message("t", caller, expected, t))
    if array.dtype.kind == "i" and np.any(array < 0):
        raise ValueError(message("t", caller, expected, t))
    return array.astype(np.float64)


@dataclass(frozen=True, repr=False)
class _Constant(Schedule):
    eta: float
    _name = "constant"

    def __repr__(self) -> str:
        return f"constant(eta={self.eta!r})"

    def _rates(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.full_like(t, self.eta)


@dataclass(frozen=True, repr=False)
class _PiecewiseConstant(Schedule):
    boundaries: tuple[int, ...]
    values: tuple[float, ...]
    _name = "piecewise_constant"

    def __repr__(self) -> str:
        return f"piecewise_constant(boundaries={self.boundaries!r}, values={self.values!r})"

    def _rates(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        # side="right" counts the boundaries <= t: the new value applies from step b_j on.
        k = np.searchsorted(np.asarray(self.boundaries, dtype=np.float64), t, side="right")
        return np.asarray(self.values, dtype=np.float64)[k]


@dataclass(frozen=True, repr=False)
class _Exponential(Schedule):
    eta0: float
    decay: float
    _name = "exponential"

    def __repr__(self) -> str:
        return f"exponential(eta0={self.eta0!r}, decay={self.decay!r})"

    def _rates(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        return self.eta0 * np.power(self.decay, t)


@dataclass(frozen=True, repr=False)
class _Polynomial(Schedule):
    eta0: float
    alpha: float
    omega: float
    _name = "polynomial"

    def __repr__(self) -> str:
        return f"polynomial(eta0={self.eta0!r}, alpha={self.alpha!r}, omega={self.omega!r})"

    def _rates(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        return self.eta0 * np.power(1.0 + self.omega * t, -self.alpha)


def constant(eta: float) -> Schedule:
    r"""The constant schedule $\eta_t = \eta$.

    Parameters
    ----------
    eta : float
        The learning rate, in `(0, inf)`.

    Examples
    --------
    >>> schedule = constant(0.1)
    >>> schedule
    constant(eta=0.1)
    >>> schedule(0), schedule(1000)
    (0.1, 0.1)
    """
    return _Constant(check_positive_float(eta, "eta", "constant"))


def _is_sequence(value: object) -> bool:
    if isinstance(value, np.ndarray):
        return value.ndim == 1
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def piecewise_constant(boundaries: Sequence[int], values: Sequence[float]) -> Schedule:
    r"""A step schedule: $\eta_t = v_k$ where $k$ counts the boundaries $\le t$.

    With boundaries $b_1 < \dots < b_m$ and values $v_0, \dots, v_m$, the rate is
    $v_0$ for $t < b_1$, $v_1$ for $b_1 \le t < b_2$, and so on.

    Parameters
    ----------
    boundaries : sequence of int, length m
        Strictly increasing steps, each in `[1, inf)`.
    values : sequence of float, length m + 1
        The learning rates, each in `(0, inf)`.

    Examples
    --------
    >>> schedule = piecewise_constant([100, 200], [0.1, 0.01, 0.001])
    >>> schedule(99), schedule(100), schedule(250)
    (0.1, 0.01, 0.001)
    >>> schedule(np.array([0, 150, 300])).tolist()
    [0.1, 0.01, 0.001]
    """
    caller = "piecewise_constant"
    if not _is_sequence(boundaries):
        raise TypeError(message("boundaries", caller, "a sequence of ints", boundaries))
    if not _is_sequence(values):
        raise TypeError(message("values", caller, "a sequence of floats", values))
    checked_boundaries: list[int] = []
    for b in boundaries:
        if isinstance(b, (bool, np.bool_)) or not isinstance(b, (int, np.integer)):
            raise TypeError(
                message("boundaries", caller, "a sequence of ints in the range [1, inf)", b)
            )
        if b < 1 or (checked_boundaries and b <= checked_boundaries[-1]):
            expected = "a strictly increasing sequence of ints in the range [1, inf)"
            raise ValueError(message("boundaries", caller, expected, list(boundaries)))
        checked_boundaries.append(int(b))
    if len(values) != len(checked_boundaries) + 1:
        expected = f"a sequence of len(boundaries) + 1 = {len(checked_boundaries) + 1} floats"
        raise ValueError(
            f"The 'values' parameter of {caller} must be {expected}. "
            f"Got {describe(list(values))} ({len(values)} values) instead."
        )
    checked_values = tuple(check_positive_float(v, "values", caller) for v in values)
    return _PiecewiseConstant(tuple(checked_boundaries), checked_values)


def exponential(eta0: float, decay: float) -> Schedule:
    r"""The exponential schedule $\eta_t = \eta_0\,\gamma^t$.

    Parameters
    ----------
    eta0 : float
        Initial learning rate $\eta_0$, in `(0, inf)`.
    decay : float
        Factor $\gamma$ applied each step, in `(0, 1]`.

    Examples
    --------
    >>> schedule = exponential(0.5, 0.9)
    >>> schedule
    exponential(eta0=0.5, decay=0.9)
    >>> round(schedule(2), 12)
    0.405
    """
    caller = "exponential"
    return _Exponential(
        check_positive_float(eta0, "eta0", caller),
        check_float(decay, "decay", caller, low=0.0, high=1.0, closed="right"),
    )


def polynomial(eta0: float, alpha: float = 0.5, omega: float = 1.0) -> Schedule:
    r"""The polynomial schedule $\eta_t = \eta_0\,(1 + \omega t)^{-\alpha}$.

    `alpha=0.5` is the $1/\sqrt t$ schedule; `alpha=1` the $1/t$ schedule of
    Robbins and Monro.

    Parameters
    ----------
    eta0 : float
        Initial learning rate $\eta_0$, in `(0, inf)`.
    alpha : float, default 0.5
        Decay exponent, in `(0, inf)`.
    omega : float, default 1.0
        Rate $\omega$ at which the decay sets in (it bites once $t \gtrsim 1/\omega$), in `(0, inf)`.

    Examples
    --------
    >>> schedule = polynomial(1.0)
    >>> schedule
    polynomial(eta0=1.0, alpha=0.5, omega=1.0)
    >>> schedule(3)
    0.5
    """
    caller = "polynomial"
    return _Polynomial(
        check_positive_float(eta0, "eta0", caller),
        check_positive_float(alpha, "alpha", caller),
        check_positive_float(omega, "omega", caller),
    )
