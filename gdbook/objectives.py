r"""Objective functions: each one knows its value, its gradient and (where used) its Hessian.

Every objective is an immutable object with `dim`, `__call__(x) -> float`,
`gradient(x) -> ndarray (dim,)` and `hessian(x) -> ndarray (dim, dim)`. `x` is
array-like of shape `(dim,)`; one-dimensional objectives also accept a Python float.

Evaluation never rejects NaN or infinite points: an optimiser that diverges must be able to
evaluate the objective there and see a non-finite value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._validation import (
    _is_real,
    check_array,
    check_float,
    check_positive_float,
    check_positive_int,
    message,
)

__all__ = [
    "DoubleWell",
    "FiniteSumObjective",
    "FunctionObjective",
    "LeastSquares",
    "MixedCosine",
    "Objective",
    "Quadratic",
    "Rosenbrock",
    "XCosCx",
]

Vector = NDArray[np.float64]
Matrix = NDArray[np.float64]


@runtime_checkable
class Objective(Protocol):
    """What the drivers need from an objective: its dimension, value and gradient.

    Any object with these members works with `gdbook.gradient_descent`; the check is
    structural (a `typing.Protocol`), so no subclassing is needed.

    Examples
    --------
    >>> isinstance(Quadratic((2.0,)), Objective)
    True
    """

    @property
    def dim(self) -> int: ...

    def __call__(self, x: ArrayLike, /) -> float: ...

    def gradient(self, x: ArrayLike, /) -> Vector: ...


@runtime_checkable
class FiniteSumObjective(Objective, Protocol):
    r"""An objective $f(x) = \frac1n\sum_i f_i(x)$ that can average example gradients.

    What `gdbook.sgd` and `gdbook.minibatch_sgd` need: an `Objective` with
    `n` and `batch_gradient(x, idx)`.

    Examples
    --------
    >>> isinstance(LeastSquares([[1.0], [2.0]], [1.0, 2.0]), FiniteSumObjective)
    True
    >>> isinstance(Quadratic((2.0,)), FiniteSumObjective)
    False
    """

    @property
    def n(self) -> int: ...

    def batch_gradient(self, x: ArrayLike, idx: ArrayLike, /) -> Vector: ...


def _point(x: ArrayLike, dim: int, caller: str, name: str = "x") -> Vector:
    """Return `x` as a float64 array of shape `(dim,)` (a scalar is fine when dim is 1).

    A float64 array of the right shape is returned as is (never written to); anything else
    is checked: None, strings, booleans and complex numbers raise TypeError, a wrong shape
    ValueError. NaN and infinities are accepted (see the module's note).
    """
    if type(x) is np.ndarray and x.dtype == np.float64 and x.shape == (dim,):
        return x
    array = check_array(x, name, caller, finite=False)
    if array.shape == (dim,):
        return array
    if dim == 1 and array.ndim == 0:
        return array.reshape(1)
    raise ValueError(message(name, caller, f"an array of shape ({dim},)", array))


@dataclass(frozen=True, init=False, eq=False, repr=False)
class FunctionObjective:
    r"""A plain function and its gradient, as an objective the drivers accept.

    The drivers build one for you: `gradient_descent(f, x0, gradient=grad, ...)` or
    `gradient_descent((f, grad), x0, ...)`. Build it yourself to reuse it or to check it
    with `gdbook.check_gradient`. Every value is checked: `fun` must return a real number and
    `gradient` real numbers of the right shape, else TypeError or ValueError names them.

    Parameters
    ----------
    fun : callable
        $f$: `fun(x) -> float`.
    gradient : callable
        $\nabla f$: `gradient(x) -> array of shape (d,)` (a float when `dim` is None).
    dim : int or None, default None
        The number of variables `d`, in `[1, inf)`; `x` is then an array of shape `(d,)`.
        None: a function of one real variable, called with a float.

    Examples
    --------
    $f(x) = x^2 - \log x$, minimised at $x = 1/\sqrt2$:

    >>> import math
    >>> f = FunctionObjective(lambda x: x * x - math.log(x), lambda x: 2 * x - 1 / x)
    >>> f.dim, float(f(1.0)), f.gradient(1.0).tolist()
    (1, 1.0, [1.0])
    >>> g = FunctionObjective(lambda x: float(x @ x), lambda x: 2 * x, dim=2)
    >>> g.gradient([1.0, 2.0]).tolist()
    [2.0, 4.0]
    """

    fun: Callable[..., Any]
    grad: Callable[..., Any]
    scalar: bool
    _dim: int
    _caller: str

    def __init__(
        self,
        fun: Callable[..., Any],
        gradient: Callable[..., Any],
        dim: int | None = None,
        *,
        _caller: str = "FunctionObjective",
    ) -> None:
        for name, value in (("fun", fun), ("gradient", gradient)):
            if not callable(value) or isinstance(value, type):
                raise TypeError(message(name, _caller, "a function", value))
        d = 1 if dim is None else check_positive_int(dim, "dim", _caller)
        object.__setattr__(self, "fun", fun)
        object.__setattr__(self, "grad", gradient)
        object.__setattr__(self, "scalar", dim is None)
        object.__setattr__(self, "_dim", d)
        object.__setattr__(self, "_caller", _caller)

    def __repr__(self) -> str:
        name = getattr(self.fun, "__name__", type(self.fun).__name__)
        return f"FunctionObjective({name}, dim={self._dim})"

    @property
    def dim(self) -> int:
        """Number of variables `d`."""
        return self._dim

    def _argument(self, x: ArrayLike) -> Any:
        p = _point(x, self._dim, self._caller)
        return p[0] if self.scalar else p

    def __call__(self, x: ArrayLike) -> float:
        value = self.fun(self._argument(x))
        if type(value) is float:
            return value
        if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "fiu":
            return float(value.reshape(()))
        if not _is_real(value):
            raise TypeError(message("fun", self._caller, "a function returning a float", value))
        try:
            return float(value)
        except OverflowError:
            return math.copysign(math.inf, 1 if str(value)[0] != "-" else -1)

    def gradient(self, x: ArrayLike) -> Vector:
        """`gradient(x)` as a float64 array of shape `(d,)`, checked."""
        value = self.grad(self._argument(x))
        shape = (self._dim,)
        if type(value) is np.ndarray and value.dtype == np.float64 and value.shape == shape:
            return value
        expected = (
            f"a function returning {'a float' if self.scalar else f'an array of shape {shape}'}"
        )
        try:
            array = check_array(value, "gradient", self._caller, finite=False)
        except TypeError:
            raise TypeError(message("gradient", self._caller, expected, value)) from None
        if array.shape != shape and not (self.scalar and array.size == 1):
            raise ValueError(message("gradient", self._caller, expected, array))
        return array.reshape(shape)


def _read_only(array: NDArray[np.float64]) -> NDArray[np.float64]:
    array.setflags(write=False)
    return array


@dataclass(frozen=True, init=False)
class Quadratic:
    r"""The separable quadratic $f(x) = \tfrac12\sum_j \lambda_j x_j^2$.

    $$
    \nabla f(x) = (h_1 x_1, \dots, h_d x_d), \qquad
    \nabla^2 f(x) = \operatorname{diag}(h_1, \dots, h_d).
    $$

    Gradient descent with step $\eta$ multiplies coordinate $i$ by
    $1 - \eta \lambda_j$ each step, so it converges exactly when $0 < \eta < 2/L$
    with $L = \max_j \lambda_j$.

    Parameters
    ----------
    curvatures : array_like, shape (d,)
        The positive curvatures $\lambda_j$.

    Examples
    --------
    >>> f = Quadratic((2.0, 4.0))  # x1**2 + 2 * x2**2
    >>> float(f([1.0, 1.0]))
    3.0
    >>> f.gradient([1.0, 1.0]).tolist()
    [2.0, 4.0]
    >>> float(f.condition_number)
    2.0
    """

    curvatures: tuple[float, ...]
    _h: Vector = field(repr=False, compare=False)

    def __init__(self, curvatures: ArrayLike) -> None:
        h = check_array(curvatures, "curvatures", "Quadratic", ndim=1, min_rows=1)
        if np.any(h <= 0):
            raise ValueError(
                message("curvatures", "Quadratic", "an array of floats in the range (0, inf)", h)
            )
        object.__setattr__(self, "curvatures", tuple(float(v) for v in h))
        object.__setattr__(self, "_h", _read_only(h))

    @property
    def dim(self) -> int:
        """Number of variables `d`."""
        return len(self.curvatures)

    @property
    def lipschitz(self) -> float:
        """Lipschitz constant of the gradient, $L = \\max_j \\lambda_j$."""
        return max(self.curvatures)

    @property
    def strong_convexity(self) -> float:
        """Strong-convexity constant, $\\mu = \\min_j \\lambda_j$."""
        return min(self.curvatures)

    @property
    def condition_number(self) -> float:
        """Condition number $\\kappa = L / \\mu$."""
        return self.lipschitz / self.strong_convexity

    @property
    def minimizer(self) -> Vector:
        """The unique minimiser, the origin."""
        return np.zeros(self.dim)

    def __call__(self, x: ArrayLike) -> float:
        p = _point(x, self.dim, "Quadratic")
        return float(0.5 * np.sum(self._h * p * p))

    def gradient(self, x: ArrayLike) -> Vector:
        r"""Gradient $(\lambda_j x_j)_j$, shape `(d,)`."""
        return self._h * _point(x, self.dim, "Quadratic.gradient")

    def hessian(self, x: ArrayLike) -> Matrix:
        """Hessian $\\operatorname{diag}(h)$, shape `(d, d)`."""
        _point(x, self.dim, "Quadratic.hessian")
        return np.diag(self._h)


@dataclass(frozen=True)
class XCosCx:
    r"""The one-dimensional $f(x) = x\cos(cx)$, with many local minima.

    $$
    f'(x) = \cos(cx) - c x \sin(cx), \qquad
    f''(x) = -2c\sin(cx) - c^2 x\cos(cx).
    $$

    Parameters
    ----------
    c : float
        Frequency, in `(0, inf)`. Chapter 2 uses `c = 0.15 * np.pi`.

    Examples
    --------
    >>> f = XCosCx(0.15 * np.pi)
    >>> float(f(0.0)), float(f.gradient(0.0)[0])
    (0.0, 1.0)
    """

    c: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "c", check_positive_float(self.c, "c", "XCosCx"))

    @property
    def dim(self) -> int:
        """Number of variables, 1."""
        return 1

    def __call__(self, x: ArrayLike) -> float:
        p = _point(x, 1, "XCosCx")[0]
        return float(p * np.cos(self.c * p))

    def gradient(self, x: ArrayLike) -> Vector:
        """Derivative $f'(x)$ as an array of shape `(1,)`."""
        p = _point(x, 1, "XCosCx.gradient")
        c = self.c
        return np.cos(c * p) - c * p * np.sin(c * p)

    def hessian(self, x: ArrayLike) -> Matrix:
        """Second derivative $f''(x)$ as an array of shape `(1, 1)`."""
        p = _point(x, 1, "XCosCx.hessian")
        c = self.c
        return (-2.0 * c * np.sin(c * p) - c * c * p * np.cos(c * p)).reshape(1, 1)


@dataclass(frozen=True)
class MixedCosine:
    r"""The two-variable $f(x, y) = x^2 + 2xy + \cos(x + 2y)$ of chapter 1.

    With $s = x + 2y$:

    $$
    \nabla f = \begin{pmatrix} 2x + 2y - \sin s \\ 2x - 2\sin s \end{pmatrix}, \qquad
    \nabla^2 f = \begin{pmatrix} 2 - \cos s & 2 - 2\cos s \\
                                 2 - 2\cos s & -4\cos s \end{pmatrix}.
    $$

    Examples
    --------
    >>> f = MixedCosine()
    >>> float(f([0.0, 0.0]))
    1.0
    >>> f.gradient([1.0, 0.0]).round(6).tolist()
    [1.158529, 0.317058]
    """

    @property
    def dim(self) -> int:
        """Number of variables, 2."""
        return 2

    def __call__(self, x: ArrayLike) -> float:
        a, b = _point(x, 2, "MixedCosine")
        return float(a * a + 2.0 * a * b + np.cos(a + 2.0 * b))

    def gradient(self, x: ArrayLike) -> Vector:
        """Gradient, shape `(2,)`."""
        a, b = _point(x, 2, "MixedCosine.gradient")
        sin_s = np.sin(a + 2.0 * b)
        return np.array([2.0 * a + 2.0 * b - sin_s, 2.0 * a - 2.0 * sin_s])

    def hessian(self, x: ArrayLike) -> Matrix:
        """Hessian, shape `(2, 2)`."""
        a, b = _point(x, 2, "MixedCosine.hessian")
        cos_s = np.cos(a + 2.0 * b)
        off = 2.0 - 2.0 * cos_s
        return np.array([[2.0 - cos_s, off], [off, -4.0 * cos_s]])


@dataclass(frozen=True)
class Rosenbrock:
    r"""The Rosenbrock function $f(x) = (a - x_1)^2 + b(x_2 - x_1^2)^2$.

    $$
    \nabla f = \begin{pmatrix} -2(a - x_1) - 4b x_1 (x_2 - x_1^2) \\
                               2b(x_2 - x_1^2) \end{pmatrix}, \qquad
    \nabla^2 f = \begin{pmatrix} 2 - 4b x_2 + 12 b x_1^2 & -4b x_1 \\
                                 -4b x_1 & 2b \end{pmatrix}.
    $$

    The minimiser is $(a, a^2)$, at the bottom of a long curved valley.

    Parameters
    ----------
    a : float, default 1.0
        Any finite float.
    b : float, default 100.0
        Valley steepness, in `(0, inf)`.

    Examples
    --------
    >>> f = Rosenbrock()
    >>> float(f([1.0, 1.0])), f.minimizer.tolist()
    (0.0, [1.0, 1.0])
    >>> f.gradient([0.0, 0.0]).tolist()
    [-2.0, 0.0]
    """

    a: float = 1.0
    b: float = 100.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "a", check_float(self.a, "a", "Rosenbrock"))
        object.__setattr__(self, "b", check_positive_float(self.b, "b", "Rosenbrock"))

    @property
    def dim(self) -> int:
        """Number of variables, 2."""
        return 2

    @property
    def minimizer(self) -> Vector:
        """The unique minimiser $(a, a^2)$."""
        return np.array([self.a, self.a * self.a])

    def __call__(self, x: ArrayLike) -> float:
        x1, x2 = _point(x, 2, "Rosenbrock")
        return float((self.a - x1) ** 2 + self.b * (x2 - x1 * x1) ** 2)

    def gradient(self, x: ArrayLike) -> Vector:
        """Gradient, shape `(2,)`."""
        x1, x2 = _point(x, 2, "Rosenbrock.gradient")
        valley = x2 - x1 * x1
        return np.array([-2.0 * (self.a - x1) - 4.0 * self.b * x1 * valley, 2.0 * self.b * valley])

    def hessian(self, x: ArrayLike) -> Matrix:
        """Hessian, shape `(2, 2)`."""
        x1, x2 = _point(x, 2, "Rosenbrock.hessian")
        b = self.b
        off = -4.0 * b * x1
        return np.array([[2.0 - 4.0 * b * x2 + 12.0 * b * x1 * x1, off], [off, 2.0 * b]])


def _tilted_double_well_critical_points(tilt: float) -> tuple[float, float, float]:
    r"""Roots of $x^3 - x + \tau$, ascending, by the trigonometric cubic formula.

    Valid for $0 < \tau < 2/(3\sqrt3)$, where the cubic has three real roots.
    """
    radius = 2.0 / math.sqrt(3.0)
    angle = math.acos(-1.5 * math.sqrt(3.0) * tilt) / 3.0
    roots = sorted(radius * math.cos(angle - 2.0 * math.pi * k / 3.0) for k in range(3))
    # One Newton step removes the last rounding error of the closed form.
    polished = [r - (r**3 - r + tilt) / (3.0 * r * r - 1.0) for r in roots]
    return polished[0], polished[1], polished[2]


_DOUBLE_WELL_TILT = 0.2
_DEEP, _BARRIER, _SHALLOW = _tilted_double_well_critical_points(_DOUBLE_WELL_TILT)


@dataclass(frozen=True)
class DoubleWell:
    r"""A tilted double well: a shallow local minimum and a deeper global one.

    $$
    f(x) = \frac{x^4}{4} - \frac{x^2}{2} + \tau x, \qquad \tau = 0.2,
    $$

    $$
    f'(x) = x^3 - x + \tau, \qquad f''(x) = 3x^2 - 1.
    $$

    The critical points are the three real roots of $x^3 - x + \tau$, computed in
    closed form (trigonometric formula):

    | point | $x$ | $f(x)$ |
    | --- | --- | --- |
    | `deep_minimum` | -1.0880 | -0.4592 |
    | `local_maximum` | 0.2091 | 0.0204 |
    | `shallow_minimum` | 0.8789 | -0.0613 |

    The barrier seen from the shallow minimum is about 0.082, a fifth of the 0.398 that
    separates the two minima, while the barrier seen from the deep minimum is about 0.48.
    Gradient descent started right of the barrier stays in the shallow minimum; gradient noise
    of moderate size carries the iterate over the low barrier and rarely back. With
    `noisy_gradient_descent` from `shallow_minimum` (learning rate 0.1, 1000 steps,
    `noise_std=1.0`) the run ends in the deep well for 97 of the seeds 0 to 99, and the same
    run started at `deep_minimum` ends there for all of them.

    Examples
    --------
    >>> f = DoubleWell()
    >>> round(f.shallow_minimum, 4), round(f.deep_minimum, 4), round(f.local_maximum, 4)
    (0.8789, -1.088, 0.2091)
    >>> bool(f(f.deep_minimum) < f(f.shallow_minimum))
    True
    """

    tilt: ClassVar[float] = _DOUBLE_WELL_TILT

    @property
    def dim(self) -> int:
        """Number of variables, 1."""
        return 1

    @property
    def shallow_minimum(self) -> float:
        """The local (not global) minimiser, right of the barrier."""
        return _SHALLOW

    @property
    def deep_minimum(self) -> float:
        """The global minimiser, left of the barrier."""
        return _DEEP

    @property
    def local_maximum(self) -> float:
        """The top of the barrier between the two minima."""
        return _BARRIER

    def __call__(self, x: ArrayLike) -> float:
        p = _point(x, 1, "DoubleWell")[0]
        p2 = p * p
        return float(0.25 * p2 * p2 - 0.5 * p2 + self.tilt * p)

    def gradient(self, x: ArrayLike) -> Vector:
        """Derivative $f'(x)$ as an array of shape `(1,)`."""
        p = _point(x, 1, "DoubleWell.gradient")
        return p * p * p - p + self.tilt

    def hessian(self, x: ArrayLike) -> Matrix:
        """Second derivative $f''(x)$ as an array of shape `(1, 1)`."""
        p = _point(x, 1, "DoubleWell.hessian")
        return (3.0 * p * p - 1.0).reshape(1, 1)


@dataclass(frozen=True, init=False, eq=False, repr=False)
class LeastSquares:
    r"""The least-squares objective, a finite sum over `n` examples.

    With the design matrix $A$ (the attribute `X`), whose row $i$ is $a_i^\top$, and the
    coefficients $x$ (the book's notation):

    $$
    f(x) = \frac1n\lVert y - Ax\rVert^2 = \frac1n\sum_{i=1}^n f_i(x),
    \qquad f_i(x) = (y_i - a_i^\top x)^2,
    $$

    $$
    \nabla f_i(x) = -2\,(y_i - a_i^\top x)\,a_i, \qquad
    \nabla f(x) = -\frac2n A^\top(y - Ax), \qquad
    \nabla^2 f = \frac2n A^\top A.
    $$

    The gradient of a batch $B$ of indices is the mean of its example gradients,
    $-\frac{2}{|B|}A_B^\top(y_B - A_Bx)$. A batch that is a permutation of all
    examples is computed exactly like `gradient`, so the two agree bit for bit.

    Parameters
    ----------
    X : array_like, shape (n, k)
        Design matrix, `n >= 1` rows and `k >= 1` columns (`k >= 0` with `intercept`).
    y : array_like, shape (n,)
        Targets.
    intercept : bool, default False
        Prepend a column of ones to `X`, so that $x_1$ is the intercept and
        `dim = k + 1`. The attribute `X` is then the design matrix with that column.

    Examples
    --------
    >>> problem = LeastSquares([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [1.0, 3.0, 5.0])
    >>> problem.n, problem.dim
    (3, 2)

    The same fit from the feature alone, with `intercept=True`:

    >>> LeastSquares([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0], intercept=True).solve().round(12).tolist()
    [1.0, 2.0]
    >>> problem.solve().round(12).tolist()
    [1.0, 2.0]
    >>> problem.gradient([0.0, 0.0]).tolist()
    [-6.0, -8.666666666666666]
    >>> problem.batch_gradient([0.0, 0.0], [2]).tolist()
    [-10.0, -20.0]
    """

    X: Matrix
    y: Vector
    intercept: bool

    def __init__(self, X: ArrayLike, y: ArrayLike, *, intercept: bool = False) -> None:
        caller = "LeastSquares"
        if not isinstance(intercept, (bool, np.bool_)):
            raise TypeError(message("intercept", caller, "a bool", intercept))
        design = check_array(X, "X", caller, ndim=2, min_rows=1)
        if design.shape[1] == 0 and not intercept:
            expected = "an array of shape (n, k) with k >= 1 columns (or intercept=True)"
            raise ValueError(message("X", caller, expected, design))
        targets = check_array(y, "y", caller, shape=(design.shape[0],))
        if intercept:
            design = np.column_stack([np.ones(design.shape[0]), design])
        object.__setattr__(self, "X", _read_only(design))
        object.__setattr__(self, "y", _read_only(targets))
        object.__setattr__(self, "intercept", bool(intercept))

    def __repr__(self) -> str:
        extra = ", intercept=True" if self.intercept else ""
        return f"LeastSquares(n={self.n}, dim={self.dim}{extra})"

    @property
    def n(self) -> int:
        """Number of examples."""
        return int(self.X.shape[0])

    @property
    def dim(self) -> int:
        """Number of coefficients `d`."""
        return int(self.X.shape[1])

    def _x(self, x: ArrayLike, caller: str) -> Vector:
        return _point(x, self.dim, f"LeastSquares.{caller}", "x")

    def _indices(self, idx: ArrayLike, caller: str) -> NDArray[np.intp]:
        where = f"LeastSquares.{caller}"
        expected = f"a non-empty 1-dimensional array of ints in the range [0, {self.n})"
        array = np.asarray(idx)
        if array.size and array.dtype.kind not in "iu":
            raise TypeError(message("idx", where, expected, idx if array.ndim == 0 else array))
        if array.ndim != 1 or array.size == 0:
            raise ValueError(message("idx", where, expected, idx if array.ndim == 0 else array))
        chosen = array.astype(np.intp, copy=False)
        # Both bounds in one pass (this runs at every SGD step): read as unsigned integers,
        # negative indices are larger than any n.
        if chosen.view(np.uintp).max() >= self.n:
            raise ValueError(message("idx", where, expected, array))
        return chosen

    def _full_gradient(self, x: Vector) -> Vector:
        residual = self.y - self.X @ x
        return (-2.0 / self.n) * (self.X.T @ residual)

    def __call__(self, x: ArrayLike) -> float:
        residual = self.y - self.X @ self._x(x, "__call__")
        return float(residual @ residual) / self.n

    def example_losses(self, x: ArrayLike) -> Vector:
        r"""Per-example losses $f_i(x) = (y_i - a_i^\top x)^2$, shape `(n,)`.

        Examples
        --------
        >>> LeastSquares([[1.0], [2.0]], [1.0, 1.0]).example_losses([1.0]).tolist()
        [0.0, 1.0]
        """
        residual = self.y - self.X @ self._x(x, "example_losses")
        return residual * residual

    def example_gradients(self, x: ArrayLike, idx: ArrayLike | None = None) -> Matrix:
        r"""Per-example gradients $\nabla f_i(x)$, one row per index.

        Parameters
        ----------
        x : array_like, shape (d,)
            The coefficients.
        idx : array_like of int, shape (b,), optional
            Example indices (repeats allowed); all examples when omitted.

        Returns
        -------
        ndarray, shape (b, d)
            Row `k` is $-2(y_i - a_i^\top x)a_i$ with `i = idx[k]`.

        Examples
        --------
        >>> problem = LeastSquares([[1.0], [2.0]], [1.0, 1.0])
        >>> problem.example_gradients([0.0]).tolist()
        [[-2.0], [-4.0]]
        >>> problem.example_gradients([0.0], [1, 1]).tolist()
        [[-4.0], [-4.0]]
        """
        b = self._x(x, "example_gradients")
        if idx is None:
            rows, targets = self.X, self.y
        else:
            chosen = self._indices(idx, "example_gradients")
            rows, targets = self.X[chosen], self.y[chosen]
        residual = targets - rows @ b
        return (-2.0 * residual)[:, np.newaxis] * rows

    def batch_gradient(self, x: ArrayLike, idx: ArrayLike) -> Vector:
        r"""Mean gradient over a batch, $-\frac{2}{|B|}A_B^\top(y_B - A_Bx)$.

        Parameters
        ----------
        x : array_like, shape (d,)
            The coefficients.
        idx : array_like of int, shape (b,)
            Example indices (repeats allowed).

        Returns
        -------
        ndarray, shape (d,)

        Examples
        --------
        >>> problem = LeastSquares([[1.0], [2.0]], [1.0, 1.0])
        >>> problem.batch_gradient([0.0], [0, 1]).tolist()
        [-3.0]
        """
        b = self._x(x, "batch_gradient")
        chosen = self._indices(idx, "batch_gradient")
        return self._batch_gradient(b, chosen)

    def _batch_gradient(self, b: Vector, chosen: NDArray[np.intp]) -> Vector:
        """`batch_gradient` without the checks, for the drivers (validated indices)."""
        n = len(self.y)
        # A permutation of all examples takes the full-gradient path: the same floating-point
        # operations in the same order, so batch size n reproduces gradient descent exactly.
        if chosen.size == n and np.all(np.bincount(chosen, minlength=n)):
            return self._full_gradient(b)
        rows = self.X[chosen]
        residual = self.y[chosen] - rows @ b
        return (-2.0 / chosen.size) * (rows.T @ residual)

    def gradient(self, x: ArrayLike) -> Vector:
        r"""Full gradient $-\frac2n A^\top(y - Ax)$, shape `(d,)`.

        Examples
        --------
        >>> LeastSquares([[1.0], [2.0]], [1.0, 1.0]).gradient([0.0]).tolist()
        [-3.0]
        """
        return self._full_gradient(self._x(x, "gradient"))

    def hessian(self, x: ArrayLike) -> Matrix:
        r"""Hessian $\frac2n A^\top A$ (constant), shape `(d, d)`.

        Examples
        --------
        >>> LeastSquares([[1.0], [2.0]], [1.0, 1.0]).hessian([0.0]).tolist()
        [[5.0]]
        """
        self._x(x, "hessian")
        return (2.0 / self.n) * (self.X.T @ self.X)

    def solve(self) -> Vector:
        r"""Closed-form minimiser $\hat x = \arg\min_x \lVert y - Ax\rVert^2$.

        Computed with `numpy.linalg.lstsq` (stable even when $A^\top A$ is
        ill-conditioned); it solves the normal equations $A^\top Ax = A^\top y$.

        Examples
        --------
        >>> LeastSquares([[1.0], [2.0]], [1.0, 1.0]).solve().round(12).tolist()
        [0.6]
        """
        solution, *_ = np.linalg.lstsq(self.X, self.y, rcond=None)
        return np.asarray(solution, dtype=np.float64)
