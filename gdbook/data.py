r"""Regression data: synthetic (a known line plus Gaussian noise, reproducible from a seed)
and one real data set shipped with the package, the diabetes data of Efron et al. (2004)."""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from importlib import resources

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._validation import as_generator, check_array, check_float, check_int, message

__all__ = [
    "BOOK_BIAS",
    "BOOK_NOISE_STD",
    "BOOK_N_SAMPLES",
    "BOOK_SEED",
    "BOOK_WEIGHTS",
    "BOOK_X_RANGE",
    "DIABETES_FEATURES",
    "RegressionData",
    "book_regression",
    "load_diabetes",
    "make_linear_regression",
]

# The book's running example (chapters 4-6): y = 2 + 3x + eps, drawn by book_regression().
BOOK_N_SAMPLES = 1000
"""The number of examples of the book's running example, $y = 2 + 3x + \\varepsilon$."""
BOOK_WEIGHTS = (3.0,)
"""The running example's slope, $w = 3$."""
BOOK_BIAS = 2.0
"""The running example's intercept, $c = 2$."""
BOOK_NOISE_STD = 0.5
"""The standard deviation $\\sigma$ of the running example's Gaussian noise $\\varepsilon$."""
BOOK_X_RANGE = (-2.0, 2.0)
"""The interval the running example's feature $x$ is drawn from, uniformly."""
BOOK_SEED = 42
"""The seed :func:`book_regression` draws the running example with."""


@dataclass(frozen=True, eq=False, repr=False)
class RegressionData:
    r"""A regression data set with the coefficients that generated it.

    Attributes
    ----------
    X : ndarray, shape (n, d + 1)
        Design matrix; column 0 is all ones (the intercept), columns 1..d the features.
    y : ndarray, shape (n,)
        Targets $y_i = a_i^\top x^\star + \varepsilon_i$, with $a_i^\top$ row $i$ of `X`.
    true_beta : ndarray, shape (d + 1,)
        $x^\star = (\text{bias}, w_1, \dots, w_d)$.

    All three arrays are read-only.

    Examples
    --------
    >>> data = make_linear_regression(5, [3.0], 2.0, 0.0, seed=0)
    >>> data
    RegressionData(n=5, features=1)
    >>> bool(np.allclose(data.y, data.X @ data.true_beta))
    True
    """

    X: NDArray[np.float64]
    y: NDArray[np.float64]
    true_beta: NDArray[np.float64]

    def __post_init__(self) -> None:
        caller = "RegressionData"
        X = check_array(self.X, "X", caller, ndim=2, min_rows=1)
        y = check_array(self.y, "y", caller, shape=(X.shape[0],))
        beta = check_array(self.true_beta, "true_beta", caller, shape=(X.shape[1],))
        for name, array in (("X", X), ("y", y), ("true_beta", beta)):
            array.setflags(write=False)
            object.__setattr__(self, name, array)

    def __repr__(self) -> str:
        return f"RegressionData(n={self.X.shape[0]}, features={self.X.shape[1] - 1})"


def make_linear_regression(
    n_samples: int,
    weights: ArrayLike,
    bias: float,
    noise_std: float,
    *,
    seed: int | np.random.Generator,
    x_range: tuple[float, float] = (-2.0, 2.0),
) -> RegressionData:
    r"""Sample $y = c + w^\top z + \varepsilon$ with uniform features and Gaussian noise.

    $$
    z_{ij} \sim U(\text{low}, \text{high}), \qquad
    \varepsilon_i \sim \mathcal N(0, \sigma_\varepsilon^2), \qquad
    y_i = c + \sum_j w_j z_{ij} + \varepsilon_i,
    $$

    with the bias $c$ and the weights $w$; row $i$ of `X` is $a_i^\top = (1, z_{i1}, \dots, z_{ik})$.

    The generator draws all features first (an `(n, d)` array), then the `n` noise values.

    Parameters
    ----------
    n_samples : int
        Number of examples `n`, in `[1, inf)`.
    weights : float or array_like, shape (d,)
        Feature weights $w$.
    bias : float
        Intercept $c$.
    noise_std : float
        Noise standard deviation $\sigma_\varepsilon$, in `[0, inf)`.
    seed : int or numpy.random.Generator
        Source of randomness.
    x_range : (float, float), default (-2.0, 2.0)
        Interval `(low, high)` of the features, `low < high`.

    Returns
    -------
    RegressionData
        `X` of shape `(n, d + 1)` with a leading column of ones, `y` of shape `(n,)`,
        `true_beta = (bias, *weights)`.

    Examples
    --------
    >>> data = make_linear_regression(100, [3.0], 2.0, 0.5, seed=42)
    >>> data.X.shape, data.y.shape, data.true_beta.tolist()
    ((100, 2), (100,), [2.0, 3.0])
    """
    caller = "make_linear_regression"
    n = check_int(n_samples, "n_samples", caller, low=1)
    w = np.atleast_1d(check_array(weights, "weights", caller))
    if w.ndim != 1:
        raise ValueError(message("weights", caller, "a float or a 1-dimensional array", w))
    b = check_float(bias, "bias", caller)
    sigma = check_float(noise_std, "noise_std", caller, low=0.0, closed="left")
    rng = as_generator(seed, caller)
    low, high = _check_range(x_range, caller)

    features = rng.uniform(low, high, size=(n, w.size))
    noise = rng.normal(0.0, sigma, size=n)
    with np.errstate(over="ignore", invalid="ignore"):
        y = b + features @ w + noise
    if not np.all(np.isfinite(y)):
        _too_large(w, b, sigma, max(abs(low), abs(high)), caller)
    X = np.column_stack([np.ones(n), features])
    return RegressionData(X=X, y=y, true_beta=np.concatenate([[b], w]))


def _too_large(w: NDArray[np.float64], b: float, sigma: float, scale: float, caller: str) -> None:
    """Raise for the argument that made the targets overflow: the largest term of y."""
    with np.errstate(over="ignore"):
        terms = {
            "weights": float(np.sum(np.abs(w))) * scale,
            "bias": abs(b),
            "noise_std": 10.0 * sigma,
            "x_range": float(np.max(np.abs(w), initial=0.0)) * scale,
        }
    name = max(("weights", "bias", "noise_std"), key=lambda key: terms[key])
    if name == "weights" and abs(scale) > 1e150:
        name = "x_range"
    value: object = {"weights": w.tolist(), "bias": b, "noise_std": sigma}.get(name, scale)
    expected = "small enough that every target y is a finite float"
    raise ValueError(message(name, caller, expected, value))


def _check_range(x_range: object, caller: str) -> tuple[float, float]:
    expected = "a pair (low, high) of finite floats with low < high"
    if not isinstance(x_range, (tuple, list)) or len(x_range) != 2:
        raise TypeError(message("x_range", caller, expected, x_range))
    low = check_float(x_range[0], "x_range", caller)
    high = check_float(x_range[1], "x_range", caller)
    if not low < high:
        raise ValueError(message("x_range", caller, expected, x_range))
    if not math.isfinite(high - low):  # numpy's uniform needs the width as a float
        text = "a pair (low, high) with a finite width high - low"
        raise ValueError(message("x_range", caller, text, x_range))
    return low, high


def book_regression() -> RegressionData:
    r"""The book's running example: $y = 2 + 3x + \varepsilon$.

    $x \sim U(-2, 2)$, $\varepsilon \sim \mathcal N(0, 0.5^2)$, `n = 1000`,
    seed 42 (the module constants `BOOK_*`).

    Examples
    --------
    >>> from gdbook.objectives import LeastSquares
    >>> data = book_regression()
    >>> data.X.shape
    (1000, 2)
    >>> beta = LeastSquares(data.X, data.y).solve()
    >>> bool(np.allclose(beta, [2.0, 3.0], atol=0.1))
    True
    """
    return make_linear_regression(
        BOOK_N_SAMPLES,
        BOOK_WEIGHTS,
        BOOK_BIAS,
        BOOK_NOISE_STD,
        seed=BOOK_SEED,
        x_range=BOOK_X_RANGE,
    )


DIABETES_FEATURES = ("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6")
"""The ten features of :func:`load_diabetes`, in the order of its columns."""
_DIABETES_FILE = "diabetes.csv.gz"


def load_diabetes(*, standardize: bool = True) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""The diabetes data of Efron, Hastie, Johnstone and Tibshirani (2004): 442 patients.

    Ten baseline variables of $n = 442$ diabetes patients (age, sex, body mass index,
    average blood pressure and six blood serum measurements, named in
    `DIABETES_FEATURES`) and the target, a measure of disease progression one year later.
    Returned in the book's notation: the design matrix $A$ with rows $a_i^\top$ and the
    targets $y$, for the least-squares loss
    $f(x) = \frac1n\lVert y - Ax\rVert^2$ (`LeastSquares(A, y)`).

    The table ships inside the package (`_data/diabetes.csv.gz`, 8 KB, read with
    `importlib.resources`, never downloaded): the copy scikit-learn redistributes under
    the BSD 3-Clause licence (the authors published the table without a licence of their
    own); source and licence notice are in the package's `_data/README.md` and
    `_data/LICENSE-diabetes`.

    Parameters
    ----------
    standardize : bool, default True
        If True, every column of $A$ and the target are centred and scaled to unit
        variance (mean 0, $\frac1n\sum_i a_{ij}^2 = 1$, $\frac1n\sum_i y_i^2 = 1$; the
        population standard deviation). Then $f(0) = 1$ and the least-squares minimum
        $f^\star = 1 - R^2$, the share of the target's variance the features leave
        unexplained. If False, the numbers as published: `sex` is coded 1 or 2, the
        target lies in $[25, 346]$, and $A$ has no column of ones (add one for an
        intercept, e.g. `LeastSquares(A, y, intercept=True)`).

    Returns
    -------
    A : ndarray, shape (442, 10)
        The features, one row per patient, columns as in `DIABETES_FEATURES`.
    y : ndarray, shape (442,)
        The targets.

    Examples
    --------
    >>> A, y = load_diabetes()
    >>> A.shape, y.shape
    ((442, 10), (442,))
    >>> bool(np.allclose(A.mean(axis=0), 0.0) and np.allclose((A**2).mean(axis=0), 1.0))
    True
    >>> A_raw, y_raw = load_diabetes(standardize=False)
    >>> A_raw[0].tolist(), float(y_raw[0])
    ([59.0, 2.0, 32.1, 101.0, 157.0, 93.2, 38.0, 4.0, 4.8598, 87.0], 151.0)
    """
    if not isinstance(standardize, (bool, np.bool_)):
        raise TypeError(message("standardize", "load_diabetes", "a bool", standardize))
    source = resources.files("gdbook").joinpath("_data", _DIABETES_FILE)
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="ascii") as text:
        table = np.loadtxt(text, delimiter=",", skiprows=1, dtype=np.float64)
    A, y = table[:, :-1].copy(), table[:, -1].copy()
    if standardize:
        A = (A - A.mean(axis=0)) / A.std(axis=0)
        y = (y - y.mean()) / y.std()
    return A, y
