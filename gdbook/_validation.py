"""Argument checks shared by the package, with one message pattern.

Every failed check raises with a message of the form ::

    The 'learning_rate' parameter of gradient_descent must be a float in the range (0, inf).
    Got -1 instead.

(on one line): the parameter, the function that received it, what was expected and the
value received. A wrong *type* raises `TypeError`; a value of the right type outside
the allowed range raises `ValueError`. `bool` is never accepted where a number is
expected, and NaN or infinity never where a finite number is expected.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeGuard

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "as_generator",
    "check_array",
    "check_choice",
    "check_float",
    "check_int",
    "check_learning_rate",
    "check_positive_float",
    "check_positive_int",
    "describe",
    "fast_norm",
    "message",
    "norm",
]

Closed = Literal["neither", "left", "right", "both"]


def describe(value: object) -> str:
    """Return a short readable description of `value` for an error message.

    Examples
    --------
    >>> describe(-1)
    '-1'
    >>> describe("fast")
    "'fast'"
    >>> describe(np.zeros((3, 2)))
    'an array of shape (3, 2)'
    """
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**80:
        return f"an int of {len(str(abs(value)))} digits"
    text = repr(value)
    # Long reprs (big lists, objects) would drown the message; the type is enough then.
    return text if len(text) <= 80 else f"an object of type {type(value).__name__}"


def message(name: str, caller: str, expected: str, value: object) -> str:
    """Format the one error message used throughout the package.

    Examples
    --------
    >>> message("learning_rate", "gradient_descent", "a float in the range (0, inf)", -1)
    "The 'learning_rate' parameter of gradient_descent must be a float in the range (0, inf). Got -1 instead."
    """
    return f"The {name!r} parameter of {caller} must be {expected}. Got {describe(value)} instead."


def _is_real(value: object) -> TypeGuard[numbers.Real]:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _is_int(value: object) -> TypeGuard[numbers.Integral]:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def _range_text(low: float, high: float, closed: Closed) -> str:
    left = "[" if closed in ("left", "both") else "("
    right = "]" if closed in ("right", "both") else ")"

    def fmt(bound: float) -> str:
        if math.isinf(bound):
            return "-inf" if bound < 0 else "inf"
        return repr(int(bound)) if float(bound).is_integer() else repr(bound)

    return f"{left}{fmt(low)}, {fmt(high)}{right}"


def _in_range(value: float, low: float, high: float, closed: Closed) -> bool:
    above = value >= low if closed in ("left", "both") else value > low
    below = value <= high if closed in ("right", "both") else value < high
    return above and below


def check_float(
    value: object,
    name: str,
    caller: str,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    closed: Closed = "neither",
) -> float:
    """Return `value` as a finite float in the given interval, or raise.

    Ints are accepted (and converted); `bool`, NaN and infinities are not.

    Examples
    --------
    >>> check_float(0.5, "decay", "exponential", low=0.0, high=1.0, closed="right")
    0.5
    >>> check_float(2, "decay", "exponential", low=0.0, high=1.0, closed="right")
    Traceback (most recent call last):
        ...
    ValueError: The 'decay' parameter of exponential must be a float in the range (0, 1]. Got 2 instead.
    """
    expected = f"a float in the range {_range_text(low, high, closed)}"
    if not _is_real(value):
        raise TypeError(message(name, caller, expected, value))
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        raise ValueError(message(name, caller, expected, value)) from None
    if not math.isfinite(number) or not _in_range(number, low, high, closed):
        raise ValueError(message(name, caller, expected, value))
    return number


def check_positive_float(value: object, name: str, caller: str) -> float:
    """Return `value` as a float in `(0, inf)`, or raise.

    Examples
    --------
    >>> check_positive_float(0.1, "learning_rate", "gradient_descent")
    0.1
    >>> check_positive_float(-1, "learning_rate", "gradient_descent")
    Traceback (most recent call last):
        ...
    ValueError: The 'learning_rate' parameter of gradient_descent must be a float in the range (0, inf). Got -1 instead.
    """
    return check_float(value, name, caller, low=0.0)


def check_int(
    value: object,
    name: str,
    caller: str,
    *,
    low: int = 0,
    high: int | None = None,
) -> int:
    """Return `value` as an int in `[low, high]` (`high=None`: unbounded), or raise.

    Examples
    --------
    >>> check_int(3, "batch_size", "minibatch_sgd", low=1, high=10)
    3
    >>> check_int(3.0, "batch_size", "minibatch_sgd", low=1, high=10)
    Traceback (most recent call last):
        ...
    TypeError: The 'batch_size' parameter of minibatch_sgd must be an int in the range [1, 10]. Got 3.0 instead.
    """
    upper = "inf)" if high is None else f"{high}]"
    expected = f"an int in the range [{low}, {upper}"
    if not _is_int(value):
        raise TypeError(message(name, caller, expected, value))
    number = int(value)
    if number < low or (high is not None and number > high):
        raise ValueError(message(name, caller, expected, value))
    return number


def check_positive_int(value: object, name: str, caller: str) -> int:
    """Return `value` as an int in `[1, inf)`, or raise.

    Examples
    --------
    >>> check_positive_int(10, "steps", "gradient_descent")
    10
    >>> check_positive_int(True, "steps", "gradient_descent")
    Traceback (most recent call last):
        ...
    TypeError: The 'steps' parameter of gradient_descent must be an int in the range [1, inf). Got True instead.
    """
    return check_int(value, name, caller, low=1)


def check_choice(value: object, name: str, caller: str, choices: Sequence[str]) -> str:
    """Return `value` if it is one of the strings `choices`, or raise.

    Examples
    --------
    >>> check_choice("shuffle", "sampling", "sgd", ("with_replacement", "shuffle"))
    'shuffle'
    >>> check_choice("random", "sampling", "sgd", ("with_replacement", "shuffle"))
    Traceback (most recent call last):
        ...
    ValueError: The 'sampling' parameter of sgd must be a str among {'shuffle', 'with_replacement'}. Got 'random' instead.
    """
    expected = "a str among {" + ", ".join(repr(c) for c in sorted(choices)) + "}"
    if not isinstance(value, str):
        raise TypeError(message(name, caller, expected, value))
    if value not in choices:
        raise ValueError(message(name, caller, expected, value))
    return value


def check_array(
    value: object,
    name: str,
    caller: str,
    *,
    ndim: int | None = None,
    shape: tuple[int | None, ...] | None = None,
    finite: bool = True,
    min_rows: int = 0,
) -> NDArray[np.float64]:
    """Return `value` as a new float64 array, checking its shape and values.

    Parameters
    ----------
    value : array_like
        The argument to check.
    name, caller : str
        The parameter and the function, for the message.
    ndim : int, optional
        Required number of dimensions.
    shape : tuple of int or None, optional
        Required shape; `None` entries match any length.
    finite : bool, default True
        Reject NaN and infinities.
    min_rows : int, default 0
        Minimum length of the first axis.

    Returns
    -------
    ndarray
        A float64 copy of `value` (never a view of the caller's array).

    Examples
    --------
    >>> check_array([1, 2], "x0", "gradient_descent", shape=(2,))
    array([1., 2.])
    >>> check_array([1, 2, 3], "x0", "gradient_descent", shape=(2,))
    Traceback (most recent call last):
        ...
    ValueError: The 'x0' parameter of gradient_descent must be an array of shape (2,). Got an array of shape (3,) instead.
    """
    array = _float_array(value, name, caller)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(message(name, caller, f"a {ndim}-dimensional array", array))
    if shape is not None:
        matches = array.ndim == len(shape) and all(
            want is None or want == got for want, got in zip(shape, array.shape, strict=True)
        )
        if not matches:
            text = "(" + ", ".join("n" if s is None else str(s) for s in shape)
            text += ",)" if len(shape) == 1 else ")"
            raise ValueError(message(name, caller, f"an array of shape {text}", array))
    if array.ndim > 0 and array.shape[0] < min_rows:
        raise ValueError(message(name, caller, f"an array with at least {min_rows} rows", array))
    if finite and not np.all(np.isfinite(array)):
        raise ValueError(
            f"The {name!r} parameter of {caller} must be an array of finite floats. "
            "Got an array containing NaN or inf instead."
        )
    return array


def _float_array(value: object, name: str, caller: str) -> NDArray[np.float64]:
    """`value` as a new float64 array; TypeError for anything that is not real numbers.

    Booleans, strings, bytes, complex numbers and objects such as None convert to floats
    silently (or with only a numpy warning) and are mistakes as numbers, so they raise.
    A Python int too large for a float is a number of the right type but the wrong size:
    ValueError.
    """
    expected = "an array of floats"
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(message(name, caller, expected, value))
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):  # ragged nested sequences
        raise TypeError(message(name, caller, expected, value)) from None
    kind = raw.dtype.kind
    if kind in "fiu":
        return np.array(raw, dtype=np.float64)
    if kind == "O" and raw.size and all(_is_real(v) for v in raw.flat):
        try:  # Python ints beyond int64, fractions, decimals
            return np.array(raw.tolist(), dtype=np.float64)
        except OverflowError:
            raise ValueError(message(name, caller, "an array of finite floats", value)) from None
    raise TypeError(message(name, caller, expected, value))


def fast_norm(g: NDArray[np.float64]) -> float:
    """The Euclidean norm of `g` without overflow or underflow (O(d)).

    `sqrt(g @ g)` is exact enough and fast while `g @ g` stays in [1e-300, 1e300]; outside,
    `g` is scaled by its largest magnitude first, so a norm up to the largest float is
    finite. NaN gives NaN.
    """
    square = g.dot(g)  # `ndarray.dot` costs half of `g @ g` on small arrays, same result
    if 1e-300 < square < 1e300:
        return math.sqrt(square)
    largest = float(np.abs(g).max(initial=0.0))
    if largest == 0.0 or not math.isfinite(largest):
        return largest
    scaled = g / largest
    return largest * math.sqrt(float(scaled @ scaled))


def norm(g: NDArray[np.float64]) -> float:
    """`fast_norm` without numpy's overflow warnings (the drivers silence them once per run).

    Examples
    --------
    >>> norm(np.array([3e200, 4e200]))
    5e+200
    """
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return fast_norm(g)


def check_learning_rate(
    value: object, caller: str, name: str = "learning_rate"
) -> float | Callable[[int], Any]:
    """Return a learning rate: a float in `(0, inf)` or a schedule (any callable of `t`).

    Examples
    --------
    >>> check_learning_rate(0.1, "gradient_descent")
    0.1
    >>> check_learning_rate("0.1", "gradient_descent")
    Traceback (most recent call last):
        ...
    TypeError: The 'learning_rate' parameter of gradient_descent must be a float in the range (0, inf) or a schedule. Got '0.1' instead.
    """
    if callable(value) and not isinstance(value, type):
        return value
    if not _is_real(value):
        raise TypeError(message(name, caller, "a float in the range (0, inf) or a schedule", value))
    return check_positive_float(value, name, caller)


def as_generator(seed: object, caller: str, name: str = "seed") -> np.random.Generator:
    """Turn `seed` (an int `>= 0` or a `numpy.random.Generator`) into a Generator.

    A Generator is returned as is (so the caller's stream advances); an int seeds a new one.

    Examples
    --------
    >>> rng = as_generator(42, "sgd")
    >>> int(rng.integers(100)) == int(np.random.default_rng(42).integers(100))
    True
    >>> as_generator(None, "sgd")
    Traceback (most recent call last):
        ...
    TypeError: The 'seed' parameter of sgd must be an int in the range [0, inf) or a numpy.random.Generator. Got None instead.
    """
    expected = "an int in the range [0, inf) or a numpy.random.Generator"
    if isinstance(seed, np.random.Generator):
        return seed
    if not _is_int(seed):
        raise TypeError(message(name, caller, expected, seed))
    if int(seed) < 0:
        raise ValueError(message(name, caller, expected, seed))
    return np.random.default_rng(int(seed))
