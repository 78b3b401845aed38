"""Every public function rejects bad arguments with one message pattern.

"The '<parameter>' parameter of <function> must be <expected>. Got <value> instead."
ValueError for a bad value, TypeError for a bad type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from gdbook import (
    LeastSquares,
    Momentum,
    Quadratic,
    Rosenbrock,
    XCosCx,
    adagrad,
    adam,
    backtracking_gradient_descent,
    check_gradient,
    constant,
    exponential,
    gradient_descent,
    iterate_averages,
    make_linear_regression,
    minibatch_sgd,
    momentum,
    newton,
    noisy_gradient_descent,
    numerical_gradient,
    piecewise_constant,
    polynomial,
    rmsprop,
    sgd,
)
from gdbook._validation import (
    as_generator,
    check_array,
    check_choice,
    check_float,
    check_int,
    check_learning_rate,
    check_positive_float,
    check_positive_int,
)
from tests.conftest import message_pattern

F = Quadratic((2.0,))


class BadHessian:
    """x^2 whose hessian returns what it is told: for the per-step checks of newton."""

    dim = 1

    def __init__(self, hessian: Callable[[Any], Any]) -> None:
        self._hessian = hessian

    def __call__(self, x: Any) -> float:
        return float(np.asarray(x).ravel()[0] ** 2)

    def gradient(self, x: Any) -> Any:
        return 2.0 * np.asarray(x, dtype=float).reshape(1)

    def hessian(self, x: Any) -> Any:
        return self._hessian(x)


P = LeastSquares(np.column_stack([np.ones(10), np.arange(10.0)]), np.arange(10.0))
X0 = np.zeros(2)


def gd(**kwargs: Any) -> Any:
    return gradient_descent(
        **{"objective": F, "x0": 1.0, "learning_rate": 0.1, "steps": 5, **kwargs}
    )


def noisy(**kwargs: Any) -> Any:
    args = {
        "objective": F,
        "x0": 1.0,
        "learning_rate": 0.1,
        "steps": 5,
        "noise_std": 1.0,
        "seed": 0,
    }
    return noisy_gradient_descent(**{**args, **kwargs})


def sgd_(**kwargs: Any) -> Any:
    return sgd(**{"problem": P, "x0": X0, "learning_rate": 0.01, "steps": 5, "seed": 0, **kwargs})


def mini(**kwargs: Any) -> Any:
    args = {"problem": P, "x0": X0, "learning_rate": 0.01, "batch_size": 3, "epochs": 2, "seed": 0}
    return minibatch_sgd(**{**args, **kwargs})


def newton_(**kwargs: Any) -> Any:
    return newton(**{"objective": F, "x0": 1.0, "steps": 5, **kwargs})


def armijo(**kwargs: Any) -> Any:
    return backtracking_gradient_descent(**{"objective": F, "x0": 1.0, "steps": 5, **kwargs})


def regression(**kwargs: Any) -> Any:
    args = {"n_samples": 10, "weights": [1.0], "bias": 0.0, "noise_std": 1.0, "seed": 0}
    return make_linear_regression(**{**args, **kwargs})


# (call, exception, parameter, function, expected (regex), got (literal))
CASES: list[tuple[Callable[[], Any], type[Exception], str, str, str, str]] = [
    # gradient_descent
    (
        lambda: gd(learning_rate=-1),
        ValueError,
        "learning_rate",
        "gradient_descent",
        r"a float in the range \(0, inf\)",
        "-1",
    ),
    (
        lambda: gd(learning_rate=0.0),
        ValueError,
        "learning_rate",
        "gradient_descent",
        r"a float in the range \(0, inf\)",
        "0.0",
    ),
    (
        lambda: gd(learning_rate=np.nan),
        ValueError,
        "learning_rate",
        "gradient_descent",
        r"a float in the range \(0, inf\)",
        "nan",
    ),
    (
        lambda: gd(learning_rate="0.1"),
        TypeError,
        "learning_rate",
        "gradient_descent",
        r"a float in the range \(0, inf\) or a schedule",
        "'0.1'",
    ),
    (
        lambda: gd(learning_rate=True),
        TypeError,
        "learning_rate",
        "gradient_descent",
        r"a float in the range \(0, inf\) or a schedule",
        "True",
    ),
    (
        lambda: gd(steps=0),
        ValueError,
        "steps",
        "gradient_descent",
        r"an int in the range \[1, inf\)",
        "0",
    ),
    (
        lambda: gd(steps=2.0),
        TypeError,
        "steps",
        "gradient_descent",
        r"an int in the range \[1, inf\)",
        "2.0",
    ),
    (
        lambda: gd(steps=True),
        TypeError,
        "steps",
        "gradient_descent",
        r"an int in the range \[1, inf\)",
        "True",
    ),
    (
        lambda: gd(tol=-1e-3),
        ValueError,
        "tol",
        "gradient_descent",
        r"a float in the range \[0, inf\)",
        "-0.001",
    ),
    (
        lambda: gd(x0=[1.0, 2.0]),
        ValueError,
        "x0",
        "gradient_descent",
        r"an array of shape \(1,\)",
        "an array of shape (2,)",
    ),
    (
        lambda: gd(x0=np.inf),
        ValueError,
        "x0",
        "gradient_descent",
        r"an array of finite floats",
        "an array containing NaN or inf",
    ),
    (lambda: gd(x0="a"), TypeError, "x0", "gradient_descent", r"an array of floats", "'a'"),
    (
        lambda: gd(objective=lambda x: x),
        TypeError,
        "objective",
        "gradient_descent",
        r"an objective with dim, __call__ and gradient",
        "",
    ),
    # noisy_gradient_descent
    (
        lambda: noisy(noise_std=-1.0),
        ValueError,
        "noise_std",
        "noisy_gradient_descent",
        r"a float in the range \[0, inf\)",
        "-1.0",
    ),
    (
        lambda: noisy(seed=-1),
        ValueError,
        "seed",
        "noisy_gradient_descent",
        r"an int in the range \[0, inf\) or a numpy.random.Generator",
        "-1",
    ),
    (
        lambda: noisy(seed=None),
        TypeError,
        "seed",
        "noisy_gradient_descent",
        r"an int in the range \[0, inf\) or a numpy.random.Generator",
        "None",
    ),
    (
        lambda: noisy(seed=1.5),
        TypeError,
        "seed",
        "noisy_gradient_descent",
        r"an int in the range \[0, inf\) or a numpy.random.Generator",
        "1.5",
    ),
    (
        lambda: noisy(learning_rate=-2),
        ValueError,
        "learning_rate",
        "noisy_gradient_descent",
        r"a float in the range \(0, inf\)",
        "-2",
    ),
    # sgd
    (
        lambda: sgd_(sampling="random"),
        ValueError,
        "sampling",
        "sgd",
        r"a str among \{'shuffle', 'with_replacement'\}",
        "'random'",
    ),
    (lambda: sgd_(sampling=1), TypeError, "sampling", "sgd", r"a str among", "1"),
    (
        lambda: sgd_(problem=F),
        TypeError,
        "problem",
        "sgd",
        r"a finite-sum objective",
        "Quadratic(curvatures=(2.0,))",
    ),
    (lambda: sgd_(steps=-5), ValueError, "steps", "sgd", r"an int in the range \[1, inf\)", "-5"),
    (lambda: sgd_(seed="42"), TypeError, "seed", "sgd", r"an int in the range \[0, inf\)", "'42'"),
    (
        lambda: sgd_(x0=[0.0]),
        ValueError,
        "x0",
        "sgd",
        r"an array of shape \(2,\)",
        "an array of shape (1,)",
    ),
    # minibatch_sgd
    (
        lambda: mini(batch_size=0),
        ValueError,
        "batch_size",
        "minibatch_sgd",
        r"an int in the range \[1, 10\]",
        "0",
    ),
    (
        lambda: mini(batch_size=11),
        ValueError,
        "batch_size",
        "minibatch_sgd",
        r"an int in the range \[1, 10\]",
        "11",
    ),
    (
        lambda: mini(epochs=0),
        ValueError,
        "epochs",
        "minibatch_sgd",
        r"an int in the range \[1, inf\)",
        "0",
    ),
    (lambda: mini(drop_last="yes"), TypeError, "drop_last", "minibatch_sgd", r"a bool", "'yes'"),
    (
        lambda: mini(learning_rate=-0.5),
        ValueError,
        "learning_rate",
        "minibatch_sgd",
        r"a float in the range \(0, inf\)",
        "-0.5",
    ),
    # loss_every, on every driver
    (
        lambda: gd(loss_every=0),
        ValueError,
        "loss_every",
        "gradient_descent",
        r"an int in the range \[1, inf\), None or 'auto'",
        "0",
    ),
    (
        lambda: noisy(loss_every=2.5),
        TypeError,
        "loss_every",
        "noisy_gradient_descent",
        r"an int in the range \[1, inf\), None or 'auto'",
        "2.5",
    ),
    (
        lambda: sgd_(loss_every=True),
        TypeError,
        "loss_every",
        "sgd",
        r"an int in the range \[1, inf\), None or 'auto'",
        "True",
    ),
    (
        lambda: mini(loss_every=-3),
        ValueError,
        "loss_every",
        "minibatch_sgd",
        r"an int in the range \[1, inf\), None or 'auto'",
        "-3",
    ),
    (
        lambda: mini(loss_every="10"),
        TypeError,
        "loss_every",
        "minibatch_sgd",
        r"an int in the range \[1, inf\), None or 'auto'",
        "'10'",
    ),
    # objectives
    (
        lambda: Quadratic([]),
        ValueError,
        "curvatures",
        "Quadratic",
        r"an array with at least 1 rows",
        "an array of shape (0,)",
    ),
    (
        lambda: Quadratic([1.0, -1.0]),
        ValueError,
        "curvatures",
        "Quadratic",
        r"an array of floats in the range \(0, inf\)",
        "an array of shape (2,)",
    ),
    (
        lambda: Quadratic([[1.0]]),
        ValueError,
        "curvatures",
        "Quadratic",
        r"a 1-dimensional array",
        "an array of shape (1, 1)",
    ),
    (
        lambda: Quadratic([np.nan]),
        ValueError,
        "curvatures",
        "Quadratic",
        r"an array of finite floats",
        "an array containing NaN or inf",
    ),
    (lambda: XCosCx(0.0), ValueError, "c", "XCosCx", r"a float in the range \(0, inf\)", "0.0"),
    (lambda: XCosCx(True), TypeError, "c", "XCosCx", r"a float in the range \(0, inf\)", "True"),
    (
        lambda: Rosenbrock(b=-1.0),
        ValueError,
        "b",
        "Rosenbrock",
        r"a float in the range \(0, inf\)",
        "-1.0",
    ),
    (
        lambda: Rosenbrock(a=np.inf),
        ValueError,
        "a",
        "Rosenbrock",
        r"a float in the range \(-inf, inf\)",
        "inf",
    ),
    (
        lambda: LeastSquares(np.ones(3), np.ones(3)),
        ValueError,
        "X",
        "LeastSquares",
        r"a 2-dimensional array",
        "an array of shape (3,)",
    ),
    (
        lambda: LeastSquares(np.ones((3, 2)), np.ones(4)),
        ValueError,
        "y",
        "LeastSquares",
        r"an array of shape \(3,\)",
        "an array of shape (4,)",
    ),
    (
        lambda: P.batch_gradient(X0, [10]),
        ValueError,
        "idx",
        "LeastSquares.batch_gradient",
        r"a non-empty 1-dimensional array of ints in the range \[0, 10\)",
        "an array of shape (1,)",
    ),
    (
        lambda: P.batch_gradient(X0, [3, -1]),
        ValueError,
        "idx",
        "LeastSquares.batch_gradient",
        r"a non-empty 1-dimensional array of ints in the range \[0, 10\)",
        "an array of shape (2,)",
    ),
    (
        lambda: P.batch_gradient(X0, np.array([2, 2**63], dtype=np.uint64)),
        ValueError,
        "idx",
        "LeastSquares.batch_gradient",
        r"a non-empty 1-dimensional array of ints in the range \[0, 10\)",
        "an array of shape (2,)",
    ),
    (
        lambda: P.batch_gradient(X0, np.array([-1], dtype=np.int8)),
        ValueError,
        "idx",
        "LeastSquares.batch_gradient",
        r"a non-empty 1-dimensional array of ints in the range \[0, 10\)",
        "an array of shape (1,)",
    ),
    (
        lambda: P.batch_gradient(X0, []),
        ValueError,
        "idx",
        "LeastSquares.batch_gradient",
        r"a non-empty",
        "an array of shape (0,)",
    ),
    (
        lambda: P.batch_gradient(X0, [0.5]),
        TypeError,
        "idx",
        "LeastSquares.batch_gradient",
        r"a non-empty",
        "an array of shape (1,)",
    ),
    (
        lambda: P.example_gradients(X0, [-1]),
        ValueError,
        "idx",
        "LeastSquares.example_gradients",
        r"a non-empty 1-dimensional array of ints in the range \[0, 10\)",
        "an array of shape (1,)",
    ),
    (
        lambda: P.gradient([1.0, 2.0, 3.0]),
        ValueError,
        "x",
        "LeastSquares.gradient",
        r"an array of shape \(2,\)",
        "an array of shape (3,)",
    ),
    # data
    (
        lambda: regression(n_samples=0),
        ValueError,
        "n_samples",
        "make_linear_regression",
        r"an int in the range \[1, inf\)",
        "0",
    ),
    (
        lambda: regression(noise_std=-0.5),
        ValueError,
        "noise_std",
        "make_linear_regression",
        r"a float in the range \[0, inf\)",
        "-0.5",
    ),
    (
        lambda: regression(bias="2"),
        TypeError,
        "bias",
        "make_linear_regression",
        r"a float in the range \(-inf, inf\)",
        "'2'",
    ),
    (
        lambda: regression(weights=[[1.0]]),
        ValueError,
        "weights",
        "make_linear_regression",
        r"a float or a 1-dimensional array",
        "an array of shape (1, 1)",
    ),
    (
        lambda: regression(x_range=(2.0, -2.0)),
        ValueError,
        "x_range",
        "make_linear_regression",
        r"a pair \(low, high\) of finite floats with low < high",
        "(2.0, -2.0)",
    ),
    (
        lambda: regression(x_range=3.0),
        TypeError,
        "x_range",
        "make_linear_regression",
        r"a pair \(low, high\)",
        "3.0",
    ),
    (
        lambda: regression(seed=np.random.RandomState(0)),
        TypeError,
        "seed",
        "make_linear_regression",
        r"an int in the range \[0, inf\) or a numpy.random.Generator",
        "",
    ),
    # gradient check
    (
        lambda: numerical_gradient(F, 1.0, h=0.0),
        ValueError,
        "h",
        "numerical_gradient",
        r"a float in the range \(0, inf\)",
        "0.0",
    ),
    (
        lambda: numerical_gradient(3, 1.0),  # type: ignore[arg-type]
        TypeError,
        "fun",
        "numerical_gradient",
        r"a callable",
        "3",
    ),
    (
        lambda: check_gradient(F, F.gradient, 1.0, rtol=-1.0),
        ValueError,
        "rtol",
        "check_gradient",
        r"a float in the range \(0, inf\)",
        "-1.0",
    ),
    (
        lambda: check_gradient(F, None, 1.0),  # type: ignore[arg-type]
        TypeError,
        "grad",
        "check_gradient",
        r"a callable",
        "None",
    ),
    # iterate averaging
    (
        lambda: iterate_averages([[0.0], [1.0]]),  # type: ignore[arg-type]
        TypeError,
        "run",
        "iterate_averages",
        r"a gdbook.Trajectory",
        "[[0.0], [1.0]]",
    ),
    (
        lambda: iterate_averages(gd(x0=0.0, tol=1e-3)),  # stops at step 0
        ValueError,
        "run",
        "iterate_averages",
        r"a Trajectory of at least one step",
        "Trajectory(steps=0",
    ),
    (
        lambda: iterate_averages(gd(), weighting="harmonic"),
        ValueError,
        "weighting",
        "iterate_averages",
        r"a str among \{'learning_rate', 'uniform'\}",
        "'harmonic'",
    ),
    (
        lambda: iterate_averages(gd(), weighting=None),  # type: ignore[arg-type]
        TypeError,
        "weighting",
        "iterate_averages",
        r"a str among",
        "None",
    ),
    # schedules
    (lambda: constant(0), ValueError, "eta", "constant", r"a float in the range \(0, inf\)", "0"),
    (
        lambda: exponential(0.5, 1.5),
        ValueError,
        "decay",
        "exponential",
        r"a float in the range \(0, 1\]",
        "1.5",
    ),
    (
        lambda: exponential(0.5, 0.0),
        ValueError,
        "decay",
        "exponential",
        r"a float in the range \(0, 1\]",
        "0.0",
    ),
    (
        lambda: exponential(-0.5, 0.9),
        ValueError,
        "eta0",
        "exponential",
        r"a float in the range \(0, inf\)",
        "-0.5",
    ),
    (
        lambda: polynomial(0.5, alpha=0.0),
        ValueError,
        "alpha",
        "polynomial",
        r"a float in the range \(0, inf\)",
        "0.0",
    ),
    (
        lambda: polynomial(0.5, omega=-1.0),
        ValueError,
        "omega",
        "polynomial",
        r"a float in the range \(0, inf\)",
        "-1.0",
    ),
    (
        lambda: piecewise_constant([10, 5], [1.0, 0.5, 0.1]),
        ValueError,
        "boundaries",
        "piecewise_constant",
        r"a strictly increasing sequence of ints in the range \[1, inf\)",
        "[10, 5]",
    ),
    (
        lambda: piecewise_constant([0], [1.0, 0.5]),
        ValueError,
        "boundaries",
        "piecewise_constant",
        r"a strictly increasing sequence",
        "[0]",
    ),
    (
        lambda: piecewise_constant([1.5], [1.0, 0.5]),  # type: ignore[list-item]
        TypeError,
        "boundaries",
        "piecewise_constant",
        r"a sequence of ints",
        "1.5",
    ),
    (
        lambda: piecewise_constant([10], [1.0]),
        ValueError,
        "values",
        "piecewise_constant",
        r"a sequence of len\(boundaries\) \+ 1 = 2 floats",
        "[1.0]",
    ),
    (
        lambda: piecewise_constant([10], [1.0, -0.5]),
        ValueError,
        "values",
        "piecewise_constant",
        r"a float in the range \(0, inf\)",
        "-0.5",
    ),
    (
        lambda: piecewise_constant(10, [1.0]),  # type: ignore[arg-type]
        TypeError,
        "boundaries",
        "piecewise_constant",
        r"a sequence of ints",
        "10",
    ),
    # newton
    (
        lambda: newton_(objective=(lambda x: x * x, lambda x: 2 * x)),
        TypeError,
        "objective",
        "newton",
        r"an objective with a hessian method",
        "an object of type tuple",
    ),
    (
        lambda: newton_(objective=Quadratic),
        TypeError,
        "objective",
        "newton",
        r"an objective instance, not the class itself",
        "",
    ),
    (
        lambda: newton_(learning_rate=0.0),
        ValueError,
        "learning_rate",
        "newton",
        r"a float in the range \(0, inf\)",
        "0.0",
    ),
    (
        lambda: newton_(steps=0),
        ValueError,
        "steps",
        "newton",
        r"an int in the range \[1, inf\)",
        "0",
    ),
    (
        lambda: newton_(x0=[1.0, 2.0]),
        ValueError,
        "x0",
        "newton",
        r"an array of shape \(1,\)",
        "an array of shape (2,)",
    ),
    (
        lambda: newton_(objective=Quadratic((2.0, 4.0)), x0=[1.0, 1.0], tol=-1.0),
        ValueError,
        "tol",
        "newton",
        r"a float in the range \[0, inf\)",
        "-1.0",
    ),
    (
        lambda: newton_(objective=BadHessian(lambda x: "flat")),
        TypeError,
        "objective",
        "newton",
        r"an objective whose hessian is an array of floats of shape \(1, 1\)",
        "'flat'",
    ),
    (
        lambda: newton_(objective=BadHessian(lambda x: np.eye(2))),
        ValueError,
        "objective",
        "newton",
        r"an objective whose hessian is an array of floats of shape \(1, 1\) \(at step 0\)",
        "an array of shape (2, 2)",
    ),
    (
        lambda: newton_(line_search="yes"),
        TypeError,
        "line_search",
        "newton",
        r"a bool",
        "'yes'",
    ),
    (
        lambda: newton_(line_search=True, shrink=0.0),
        ValueError,
        "shrink",
        "newton",
        r"a float in the range \(0, 1\)",
        "0.0",
    ),
    # backtracking_gradient_descent
    (
        lambda: armijo(initial_rate=0.0),
        ValueError,
        "initial_rate",
        "backtracking_gradient_descent",
        r"a float in the range \(0, inf\)",
        "0.0",
    ),
    (
        lambda: armijo(shrink=1.0),
        ValueError,
        "shrink",
        "backtracking_gradient_descent",
        r"a float in the range \(0, 1\)",
        "1.0",
    ),
    (
        lambda: armijo(shrink="half"),
        TypeError,
        "shrink",
        "backtracking_gradient_descent",
        r"a float in the range \(0, 1\)",
        "'half'",
    ),
    (
        lambda: armijo(sufficient_decrease=0.0),
        ValueError,
        "sufficient_decrease",
        "backtracking_gradient_descent",
        r"a float in the range \(0, 1\)",
        "0.0",
    ),
    (
        lambda: armijo(max_backtracks=0),
        ValueError,
        "max_backtracks",
        "backtracking_gradient_descent",
        r"an int in the range \[1, inf\)",
        "0",
    ),
    (
        lambda: armijo(steps=2.5),
        TypeError,
        "steps",
        "backtracking_gradient_descent",
        r"an int in the range \[1, inf\)",
        "2.5",
    ),
    # update rules (gdbook.updates) and the drivers' update=
    (
        lambda: momentum(1.0),
        ValueError,
        "beta",
        "momentum",
        r"a float in the range \[0, 1\)",
        "1.0",
    ),
    (
        lambda: momentum(-0.1),
        ValueError,
        "beta",
        "momentum",
        r"a float in the range \[0, 1\)",
        "-0.1",
    ),
    (lambda: momentum(0.5, nesterov=1), TypeError, "nesterov", "momentum", r"a bool", "1"),
    (
        lambda: Momentum(2.0),
        ValueError,
        "beta",
        "Momentum",
        r"a float in the range \[0, 1\)",
        "2.0",
    ),
    (
        lambda: adagrad(eps=0.0),
        ValueError,
        "eps",
        "adagrad",
        r"a float in the range \(0, inf\)",
        "0.0",
    ),
    (
        lambda: rmsprop(beta=-0.1),
        ValueError,
        "beta",
        "rmsprop",
        r"a float in the range \[0, 1\)",
        "-0.1",
    ),
    (
        lambda: rmsprop(eps=np.nan),
        ValueError,
        "eps",
        "rmsprop",
        r"a float in the range \(0, inf\)",
        "nan",
    ),
    (lambda: adam(beta2=1.0), ValueError, "beta2", "adam", r"a float in the range \[0, 1\)", "1.0"),
    (
        lambda: adam(beta1="0.9"),
        TypeError,
        "beta1",
        "adam",
        r"a float in the range \[0, 1\)",
        "'0.9'",
    ),
    (
        lambda: adam(eps=-1e-8),
        ValueError,
        "eps",
        "adam",
        r"a float in the range \(0, inf\)",
        "-1e-08",
    ),
    (
        lambda: momentum(0.5).start(0),
        ValueError,
        "dim",
        "Momentum.start",
        r"an int in the range \[1, inf\)",
        "0",
    ),
    (
        lambda: gd(update="adam"),
        TypeError,
        "update",
        "gradient_descent",
        r"an update rule",
        "'adam'",
    ),
    (
        lambda: gd(update=Momentum),
        TypeError,
        "update",
        "gradient_descent",
        r"an update rule .*an instance, not the class itself",
        "<class 'gdbook.updates.Momentum'>",
    ),
    (
        lambda: noisy(update=0.9),
        TypeError,
        "update",
        "noisy_gradient_descent",
        r"an update rule",
        "0.9",
    ),
    (lambda: sgd_(update=adam), TypeError, "update", "sgd", r"an update rule", "<function adam"),
    (lambda: mini(update=[0.9]), TypeError, "update", "minibatch_sgd", r"an update rule", "[0.9]"),
]


@pytest.mark.parametrize(
    ("call", "error", "parameter", "function", "expected", "got"),
    CASES,
    ids=[f"{c[3]}-{c[2]}-{i}" for i, c in enumerate(CASES)],
)
def test_bad_arguments_raise_with_the_message_pattern(
    call: Callable[[], Any],
    error: type[Exception],
    parameter: str,
    function: str,
    expected: str,
    got: str,
) -> None:
    with pytest.raises(error, match=message_pattern(parameter, function, expected, got)):
        call()


def test_the_contract_example_verbatim() -> None:
    with pytest.raises(ValueError) as info:
        gradient_descent(Quadratic((2.0,)), 10.0, learning_rate=-1, steps=10)
    assert str(info.value) == (
        "The 'learning_rate' parameter of gradient_descent must be a float in the range (0, inf). "
        "Got -1 instead."
    )


class TestHelpers:
    def test_check_float(self) -> None:
        assert check_float(3, "a", "f") == 3.0
        assert isinstance(check_float(np.float32(0.5), "a", "f"), float)
        assert check_float(0.0, "a", "f", low=0.0, closed="left") == 0.0
        with pytest.raises(ValueError, match=r"range \(0, 1\)\. Got 1 instead"):
            check_float(1, "a", "f", low=0.0, high=1.0)
        with pytest.raises(TypeError):
            check_float(np.bool_(True), "a", "f")
        with pytest.raises(ValueError, match="Got inf instead"):
            check_float(float("inf"), "a", "f")

    def test_check_int(self) -> None:
        assert check_int(np.int64(4), "n", "f") == 4
        assert check_positive_int(1, "n", "f") == 1
        with pytest.raises(TypeError, match=r"\[0, inf\)\. Got 1\.0 instead"):
            check_int(1.0, "n", "f")
        with pytest.raises(TypeError):
            check_int(False, "n", "f")
        with pytest.raises(ValueError, match=r"\[1, inf\)\. Got 0 instead"):
            check_positive_int(0, "n", "f")

    def test_check_positive_float(self) -> None:
        assert check_positive_float(1e-300, "eta", "f") == 1e-300
        with pytest.raises(ValueError, match=r"\(0, inf\)\. Got -0\.0 instead"):
            check_positive_float(-0.0, "eta", "f")

    def test_check_choice(self) -> None:
        assert check_choice("b", "mode", "f", ("a", "b")) == "b"
        with pytest.raises(ValueError, match=r"a str among \{'a', 'b'\}\. Got 'c' instead"):
            check_choice("c", "mode", "f", ("b", "a"))

    def test_check_array(self) -> None:
        source = np.array([1.0, 2.0])
        checked = check_array(source, "x", "f", shape=(2,))
        assert checked is not source and checked.dtype == np.float64
        assert check_array([[1, 2]], "X", "f", shape=(None, 2)).shape == (1, 2)
        assert check_array([np.nan], "x", "f", finite=False).shape == (1,)
        with pytest.raises(ValueError, match=r"shape \(n, 3\)\. Got an array of shape \(1, 2\)"):
            check_array([[1, 2]], "X", "f", shape=(None, 3))
        with pytest.raises(TypeError):
            check_array([True, False], "x", "f")
        with pytest.raises(TypeError):
            check_array([[1.0], [1.0, 2.0]], "x", "f")

    def test_check_learning_rate(self) -> None:
        schedule = exponential(0.1, 0.9)
        assert check_learning_rate(schedule, "f") is schedule
        assert check_learning_rate(2, "f") == 2.0
        with pytest.raises(
            ValueError,
            match=r"^The 'learning_rate' parameter of f must be a float in the range \(0, inf\)\. Got -1 instead\.$",
        ):
            check_learning_rate(-1, "f")

    def test_as_generator(self) -> None:
        rng = np.random.default_rng(0)
        assert as_generator(rng, "f") is rng
        np.testing.assert_array_equal(
            as_generator(3, "f").random(4), np.random.default_rng(3).random(4)
        )
        assert isinstance(as_generator(np.int64(3), "f"), np.random.Generator)
        with pytest.raises(TypeError, match=r"Got True instead"):
            as_generator(True, "f")
        with pytest.raises(ValueError, match=r"Got -3 instead"):
            as_generator(-3, "f")
