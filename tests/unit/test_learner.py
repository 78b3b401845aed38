"""Issue #14: gdbook on a learner's own problems.

Every bad input a learner can make raises TypeError or ValueError in the package's one
message pattern; the numerics hold at the extremes; the iterates never depend on how often
the loss is recorded; plain functions, callbacks, scipy-style results, one budget name and an
intercept option work as documented.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

import gdbook
from gdbook import (
    DIVERGENCE_THRESHOLD,
    FunctionObjective,
    LeastSquares,
    Quadratic,
    StepInfo,
    Trajectory,
    check_gradient,
    exponential,
    gradient_descent,
    make_linear_regression,
    minibatch_sgd,
    noisy_gradient_descent,
    numerical_gradient,
    piecewise_constant,
    polynomial,
    sgd,
)
from gdbook._validation import norm
from gdbook.plotting import plot_contour_trace, plot_function_trace, plot_loss_curve, style_rc
from tests.conftest import message_pattern

F = Quadratic((2.0,))
F2 = Quadratic((2.0, 4.0))
P = LeastSquares(np.column_stack([np.ones(10), np.arange(10.0)]), np.arange(10.0))


@pytest.fixture(autouse=True)
def _warnings_are_errors() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def gd(**kwargs: Any) -> Trajectory:
    args = {"objective": F, "x0": 1.0, "learning_rate": 0.1, "steps": 5}
    return gradient_descent(**{**args, **kwargs})


def sgd_(**kwargs: Any) -> Trajectory:
    args = {"problem": P, "x0": np.zeros(2), "learning_rate": 0.01, "steps": 5, "seed": 0}
    return sgd(**{**args, **kwargs})


def mini(**kwargs: Any) -> Trajectory:
    args = {"problem": P, "x0": np.zeros(2), "learning_rate": 0.01, "batch_size": 3, "seed": 0}
    return minibatch_sgd(**{"epochs": 2, **args, **kwargs})


def x2_minus_log(x: Any) -> Any:
    """f(x) = x^2 - log x: NaN for x < 0 (the issue's example), with numpy's log."""
    return x * x - np.log(x)


def x2_minus_log_gradient(x: Any) -> Any:
    return 2 * x - 1 / x


class WrongShapeGradient:
    """A learner's objective whose gradient has one coordinate too many."""

    dim = 2

    def __call__(self, x: Any) -> float:
        return float(np.sum(np.asarray(x) ** 2))

    def gradient(self, x: Any) -> Any:
        return np.zeros(3)


class StringValued:
    """A learner's objective whose value is a string."""

    dim = 1

    def __call__(self, x: Any) -> Any:
        return "0.5"

    def gradient(self, x: Any) -> Any:
        return np.asarray(x, dtype=float)


def _trajectory(**changes: Any) -> Trajectory:
    args: dict[str, Any] = {
        "iterates": np.zeros((3, 1)),
        "losses": np.zeros(3),
        "gradient_norms": np.zeros(2),
        "learning_rates": np.zeros(2),
        "examples": np.array([0, 1, 2]),
        "stop_reason": "steps",
    }
    return Trajectory(**{**args, **changes})


# (call, error, parameter, function, expected (regex), got (literal))
CASES: list[tuple[Callable[[], Any], type[Exception], str, str, str, str]] = [
    # x0: complex, None, an int too large for a float, beyond the divergence threshold
    (lambda: gd(x0=1 + 2j), TypeError, "x0", "gradient_descent", "an array of floats", "(1+2j)"),
    (lambda: gd(x0=[1j]), TypeError, "x0", "gradient_descent", "an array of floats", "[1j]"),
    (lambda: gd(x0=None), TypeError, "x0", "gradient_descent", "an array of floats", "None"),
    (
        lambda: gd(x0=10**400),
        ValueError,
        "x0",
        "gradient_descent",
        "an array of finite floats",
        "an int of 401 digits",
    ),
    (
        lambda: gd(x0=1e200),
        ValueError,
        "x0",
        "gradient_descent",
        r"an array with coordinates in the range \[-1e150, 1e150\]",
        "[1e+200]",
    ),
    (
        lambda: sgd_(x0=[0.0, -1e151]),
        ValueError,
        "x0",
        "sgd",
        r"an array with coordinates in the range \[-1e150, 1e150\]",
        "[0.0, -1e+151]",
    ),
    (
        lambda: gd(objective=x2_minus_log, gradient=x2_minus_log_gradient, x0=-1.0),
        ValueError,
        "x0",
        "gradient_descent",
        "a point where the objective is finite",
        "[-1.0], where f(x0) = nan",
    ),
    (
        lambda: gd(objective=(lambda x: 0.0, lambda x: 1e200), x0=1.0),
        ValueError,
        "x0",
        "gradient_descent",
        "a point where the gradient is finite",
        "[1.0], where the gradient's norm is 1e+200",
    ),
    # objectives evaluated on garbage
    (lambda: F(None), TypeError, "x", "Quadratic", "an array of floats", "None"),
    (lambda: F("1.5"), TypeError, "x", "Quadratic", "an array of floats", "'1.5'"),
    (lambda: F.gradient(1j), TypeError, "x", "Quadratic.gradient", "an array of floats", "1j"),
    (lambda: F2([True, False]), TypeError, "x", "Quadratic", "an array of floats", "[True, False]"),
    (
        lambda: P.batch_gradient([1.0], [0]),
        ValueError,
        "x",
        "LeastSquares.batch_gradient",
        r"an array of shape \(2,\)",
        "an array of shape (1,)",
    ),
    (
        lambda: P(None),
        TypeError,
        "x",
        "LeastSquares.__call__",
        "an array of floats",
        "None",
    ),
    # the objective itself
    (
        lambda: gd(objective=Quadratic),
        TypeError,
        "objective",
        "gradient_descent",
        "an objective instance, not the class itself",
        "<class 'gdbook.objectives.Quadratic'>",
    ),
    (
        lambda: sgd_(problem=LeastSquares),
        TypeError,
        "problem",
        "sgd",
        "a finite-sum objective instance, not the class itself",
        "<class 'gdbook.objectives.LeastSquares'>",
    ),
    (
        lambda: gd(objective=lambda x: x * x),
        TypeError,
        "objective",
        "gradient_descent",
        "an objective with dim, __call__ and gradient",
        "<function",
    ),
    (
        lambda: gd(objective=(x2_minus_log,)),
        ValueError,
        "objective",
        "gradient_descent",
        "an objective with dim",
        "(<function",
    ),
    (
        lambda: gd(gradient=lambda x: 2 * x),
        ValueError,
        "gradient",
        "gradient_descent",
        "None when the objective has its own gradient",
        "<function",
    ),
    (
        lambda: gd(objective=x2_minus_log, gradient="2x", x0=2.0),
        TypeError,
        "gradient",
        "gradient_descent",
        "a function or None",
        "'2x'",
    ),
    # what the learner's code returns
    (
        lambda: gd(objective=WrongShapeGradient(), x0=[1.0, 1.0]),
        ValueError,
        "objective",
        "gradient_descent",
        r"an objective whose gradient is an array of 2 floats, shape \(2,\)",
        "an array of shape (3,)",
    ),
    (
        lambda: gd(objective=(lambda x: float(x @ x), lambda x: np.ones(3)), x0=[1.0, 1.0]),
        ValueError,
        "gradient",
        "gradient_descent",
        r"a function returning an array of shape \(2,\)",
        "an array of shape (3,)",
    ),
    (
        lambda: gd(objective=(lambda x: x * x, lambda x: 2j * x), x0=1.0),
        TypeError,
        "gradient",
        "gradient_descent",
        "a function returning a float",
        "2j",
    ),
    (
        lambda: gd(objective=(lambda x: None, lambda x: 2 * x), x0=1.0),
        TypeError,
        "fun",
        "gradient_descent",
        "a function returning a float",
        "None",
    ),
    (
        lambda: gd(objective=StringValued()),
        TypeError,
        "objective",
        "gradient_descent",
        "an objective whose value is a float",
        "'0.5'",
    ),
    (
        lambda: gd(learning_rate=lambda t: "0.1"),
        TypeError,
        "learning_rate",
        "gradient_descent",
        r"a float in the range \(0, inf\) or a schedule returning floats",
        "a schedule returning '0.1' at t=0",
    ),
    (
        lambda: gd(learning_rate=lambda t: True),
        TypeError,
        "learning_rate",
        "gradient_descent",
        r"a float in the range \(0, inf\) or a schedule returning floats",
        "a schedule returning True at t=0",
    ),
    (
        lambda: gd(learning_rate=lambda t: 0.1 if t < 3 else -0.1),
        ValueError,
        "learning_rate",
        "gradient_descent",
        r"a float in the range \(0, inf\) or a schedule returning floats",
        "a schedule returning -0.1 at t=3",
    ),
    (
        lambda: gd(learning_rate=Quadratic),
        TypeError,
        "learning_rate",
        "gradient_descent",
        r"a float in the range \(0, inf\) or a schedule",
        "<class 'gdbook.objectives.Quadratic'>",
    ),
    (
        lambda: piecewise_constant(np.array(5), [0.1, 0.01]),  # type: ignore[arg-type]
        TypeError,
        "boundaries",
        "piecewise_constant",
        "a sequence of ints",
        "an array of shape ()",
    ),
    # budget, callback
    (
        lambda: sgd_(epochs=1),
        ValueError,
        "epochs",
        "sgd",
        "None when steps is given",
        "1",
    ),
    (
        lambda: sgd_(steps=None),
        TypeError,
        "steps",
        "sgd",
        r"an int in the range \[1, inf\) \(or give epochs instead\)",
        "None",
    ),
    (
        lambda: mini(epochs=None),
        TypeError,
        "steps",
        "minibatch_sgd",
        r"an int in the range \[1, inf\)",
        "None",
    ),
    (
        lambda: mini(steps=2.5, epochs=None),
        TypeError,
        "steps",
        "minibatch_sgd",
        r"an int in the range \[1, inf\)",
        "2.5",
    ),
    (lambda: gd(callback=3), TypeError, "callback", "gradient_descent", "a callable", "3"),
    (
        lambda: gd(loss_every="sometimes"),
        TypeError,
        "loss_every",
        "gradient_descent",
        r"an int in the range \[1, inf\), None or 'auto'",
        "'sometimes'",
    ),
    # data
    (
        lambda: make_linear_regression(10, [1e308], 0.0, 0.0, seed=0),
        ValueError,
        "weights",
        "make_linear_regression",
        "small enough that every target y is a finite float",
        "[1e+308]",
    ),
    (
        lambda: make_linear_regression(10, [1.0], 1.7e308, 0.0, seed=0, x_range=(5e307, 1e308)),
        ValueError,
        "bias",
        "make_linear_regression",
        "small enough",
        "1.7e+308",
    ),
    (
        lambda: make_linear_regression(10, [1.0], 0.0, 1.0, seed=0, x_range=(-1e308, 1e308)),
        ValueError,
        "x_range",
        "make_linear_regression",
        "a pair",
        "(-1e+308, 1e+308)",
    ),
    (
        lambda: LeastSquares(np.zeros((3, 0)), [1.0, 2.0, 3.0]),
        ValueError,
        "X",
        "LeastSquares",
        r"an array of shape \(n, k\) with k >= 1 columns",
        "an array of shape (3, 0)",
    ),
    (
        lambda: LeastSquares([[1.0]], [1.0], intercept="yes"),  # type: ignore[arg-type]
        TypeError,
        "intercept",
        "LeastSquares",
        "a bool",
        "'yes'",
    ),
    (
        lambda: LeastSquares([[1j]], [1.0]),
        TypeError,
        "X",
        "LeastSquares",
        "an array of floats",
        "[[1j]]",
    ),
    (
        lambda: gdbook.RegressionData([[1.0]], [1.0, 2.0], [1.0]),
        ValueError,
        "y",
        "RegressionData",
        r"an array of shape \(1,\)",
        "an array of shape (2,)",
    ),
    (
        lambda: gdbook.XCosCx(10**400),
        ValueError,
        "c",
        "XCosCx",
        r"a float in the range \(0, inf\)",
        "an int of 401 digits",
    ),
    # Trajectory
    (
        lambda: _trajectory(examples=[0, 1.5, 2]),
        ValueError,
        "examples",
        "Trajectory",
        "an array of ints",
        "[0, 1.5, 2]",
    ),
    (
        lambda: _trajectory(examples=[0, 2, 1]),
        ValueError,
        "examples",
        "Trajectory",
        "a non-decreasing array of ints starting at 0",
        "an array of shape (3,)",
    ),
    (
        lambda: _trajectory(iterates=[[0.0], [np.nan], [0.0]]),
        ValueError,
        "iterates",
        "Trajectory",
        "an array of finite floats",
        "an array containing NaN or inf",
    ),
    (
        lambda: _trajectory(learning_rates=[-0.1, 0.1]),
        ValueError,
        "learning_rates",
        "Trajectory",
        "an array of floats >= 0",
        "an array of shape (2,)",
    ),
    (
        lambda: _trajectory(stop_reason="done"),
        ValueError,
        "stop_reason",
        "Trajectory",
        "a str among",
        "'done'",
    ),
    # gradient checks
    (
        lambda: check_gradient(lambda x: 0.0, lambda x: x, []),
        ValueError,
        "x",
        "check_gradient",
        "a float or a non-empty 1-dimensional array",
        "an array of shape (0,)",
    ),
    (
        lambda: numerical_gradient(lambda x: 2 * x, [1.0, 2.0]),
        TypeError,
        "fun",
        "numerical_gradient",
        "a function returning a float",
        "an array of shape (2,)",
    ),
    (
        lambda: check_gradient(lambda x: float(x @ x), lambda x: "2x", [1.0]),
        TypeError,
        "grad",
        "check_gradient",
        r"a callable returning an array of shape \(1,\)",
        "'2x'",
    ),
    # schedules
    (lambda: exponential(0.1, 0.9)(-1), ValueError, "t", "exponential", "an int", "-1"),
    (lambda: exponential(0.1, 0.9)(1.5), TypeError, "t", "exponential", "an int", "1.5"),
    # plotting
    (
        lambda: plot_function_trace(Figure().add_subplot(), F, [np.nan, np.nan]),
        ValueError,
        "iterates",
        "plot_function_trace",
        "an array with at least one finite value",
        "an array of shape (2,)",
    ),
    (
        lambda: plot_function_trace(Figure().add_subplot(), F, [1.0], xlim=(-1e308, 1e308)),
        ValueError,
        "xlim",
        "plot_function_trace",
        "a pair",
        "(-1e+308, 1e+308)",
    ),
    (
        lambda: plot_function_trace(Figure().add_subplot(), F, ["a"]),
        TypeError,
        "iterates",
        "plot_function_trace",
        "an array of floats",
        "['a']",
    ),
    (
        lambda: plot_loss_curve(Figure().add_subplot(), [0, 1], [1.0, 2.0, 3.0]),
        ValueError,
        "losses",
        "plot_loss_curve",
        r"an array of the shape of x, \(2,\)",
        "an array of shape (3,)",
    ),
    (
        lambda: plot_contour_trace(
            Figure().add_subplot(), F2, [[[0.0, 0.0]]], xlim=(0, 1), ylim=(0, 1), labels=[]
        ),
        ValueError,
        "labels",
        "plot_contour_trace",
        "a sequence of 1 entries",
        "[]",
    ),
    (
        lambda: plot_contour_trace(
            Figure().add_subplot(), F2, np.zeros((3, 2)), xlim=(0, 1), ylim=(0, 1)
        ),
        TypeError,
        "iterates_list",
        "plot_contour_trace",
        "a sequence of trajectories",
        "an array of shape (3, 2)",
    ),
    (
        lambda: plot_contour_trace(Figure().add_subplot(), F2, None, xlim=(0, 1), ylim=(0, 1)),  # type: ignore[arg-type]
        TypeError,
        "iterates_list",
        "plot_contour_trace",
        "a sequence of trajectories",
        "None",
    ),
    (
        lambda: plot_function_trace(Figure().add_subplot(), F, [1.0], xlim=np.array(0.1)),  # type: ignore[arg-type]
        TypeError,
        "xlim",
        "plot_function_trace",
        "a pair",
        "an array of shape ()",
    ),
    (lambda: style_rc("blue"), ValueError, "theme", "style_rc", "a str among", "'blue'"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(
    ("call", "error", "parameter", "function", "expected", "got"),
    CASES,
    ids=[f"{c[3]}-{c[2]}-{i}" for i, c in enumerate(CASES)],
)
def test_a_learners_mistake_raises_with_the_message_pattern(
    call: Callable[[], Any],
    error: type[Exception],
    parameter: str,
    function: str,
    expected: str,
    got: str,
) -> None:
    with pytest.raises(error, match=message_pattern(parameter, function, expected, got)):
        call()


# ---------------------------------------------------------------------------------------
# Numerics at the extremes


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e308, max_value=1e308),
        min_size=1,
        max_size=8,
    )
)
def test_the_norm_never_overflows_or_underflows(values: list[float]) -> None:
    # math.hypot is the reference: scaled, correctly rounded to within an ulp or so.
    expected = math.hypot(*values)
    got = norm(np.array(values))
    if math.isinf(expected):
        assert math.isinf(got)
    else:
        assert got == pytest.approx(expected, rel=1e-14, abs=0.0)


def test_the_norm_of_nan_is_nan_and_of_inf_is_inf() -> None:
    assert math.isnan(norm(np.array([1.0, np.nan])))
    assert norm(np.array([np.inf, 1.0])) == math.inf
    assert norm(np.zeros(3)) == 0.0


@settings(max_examples=40, deadline=None)
@given(
    log_curvature=st.floats(0.0, 120.0),
    excess=st.floats(0.05, 2.0),
    x0=st.floats(0.1, 10.0),
)
def test_a_stiff_quadratic_past_two_over_l_diverges_with_every_array_finite(
    log_curvature: float, excess: float, x0: float
) -> None:
    # The issue's case: curvature up to 1e120, eta just past 2 / L. Before, |g| passed 1e154,
    # sqrt(g @ g) overflowed and the trajectory held inf gradient norms.
    h = 10.0**log_curvature
    f = Quadratic((h, 1.0))
    run = gradient_descent(f, [x0, x0], learning_rate=(2.0 + excess) / h, steps=10**5, loss_every=1)
    assert run.diverged and not run.success and run.status == 1
    for name in ("iterates", "losses", "gradient_norms", "learning_rates"):
        assert np.all(np.isfinite(getattr(run, name))), name
    assert np.all(run.gradient_norms <= DIVERGENCE_THRESHOLD)
    assert np.max(np.abs(run.iterates)) <= DIVERGENCE_THRESHOLD


def test_tol_is_honoured_for_a_huge_but_finite_gradient() -> None:
    # |g| = 5e153 at x_0: sqrt(g @ g) overflowed to inf here, so tol could never be met and
    # the norm was recorded as inf; now it is 5e153, below the threshold? No: above 1e150,
    # which is divergence of the start.
    with pytest.raises(ValueError, match="'x0' parameter of gradient_descent"):
        gradient_descent(Quadratic((1e4, 1e4)), [3e149, 4e149], learning_rate=1e-5, steps=3)
    # Just below: recorded exactly.
    run = gradient_descent(Quadratic((1.0, 1.0)), [3e149, 4e149], learning_rate=0.5, steps=1)
    assert run.gradient_norms[0] == pytest.approx(5e149, rel=1e-15)
    assert run.final.tolist() == [1.5e149, 2e149]


@settings(max_examples=40, deadline=None)
@given(
    eta=st.floats(0.05, 1.5),
    x0=st.floats(0.05, 5.0),
    every=st.one_of(st.integers(1, 9), st.none(), st.just("auto")),
    steps=st.integers(1, 60),
)
def test_the_iterates_never_depend_on_loss_every_even_with_nan_losses(
    eta: float, x0: float, every: int | str | None, steps: int
) -> None:
    # f(x) = x^2 - log x is NaN left of 0, where large steps send the iterate.
    pair = (x2_minus_log, x2_minus_log_gradient)
    reference = gradient_descent(pair, x0, learning_rate=eta, steps=steps, loss_every=1)
    run = gradient_descent(pair, x0, learning_rate=eta, steps=steps, loss_every=every)  # type: ignore[arg-type]
    for name in ("iterates", "gradient_norms", "learning_rates", "examples"):
        np.testing.assert_array_equal(getattr(run, name), getattr(reference, name), err_msg=name)
    assert run.stop_reason == reference.stop_reason
    np.testing.assert_array_equal(run.losses, reference.losses[run.loss_steps])
    assert run.loss_steps[0] == 0 and run.loss_steps[-1] == run.steps
    assert run.success == bool(np.all(np.isfinite(run.losses)))


def test_noise_that_overflows_the_first_step_is_divergence_not_a_bad_start() -> None:
    run = noisy_gradient_descent(F, 1.0, learning_rate=0.1, steps=5, noise_std=1e300, seed=0)
    assert run.diverged and run.steps == 0 and run.njev == 1
    assert (run.message or "").startswith("Diverged: the gradient at step 0 has norm")


def test_the_issues_log_example_takes_the_same_steps_for_every_loss_every() -> None:
    # Before: loss_every=1, 3 and None stopped after 0, 5 and 18 steps.
    runs = {
        every: gradient_descent(
            x2_minus_log,
            2.0,
            gradient=x2_minus_log_gradient,
            learning_rate=0.6,
            steps=30,
            loss_every=every,
        )
        for every in (1, 3, None)
    }
    for run in runs.values():
        np.testing.assert_array_equal(run.iterates, runs[1].iterates)
    everything = runs[1]
    assert everything.steps == 30
    # x_1 = 2 - 0.6 * 3.5 = -0.1: the loss is NaN there, and the result says so.
    assert everything.iterates[1, 0] == pytest.approx(-0.1)
    assert math.isnan(everything.losses[1])
    assert not everything.success and everything.status == 2
    assert "first at step 1" in (everything.message or "")


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    every=st.one_of(st.integers(1, 50), st.none(), st.just("auto")),
    driver=st.sampled_from(["noisy", "sgd", "shuffle", "minibatch"]),
    eta=st.sampled_from([0.01, 0.1, 10.0]),
)
def test_stochastic_iterates_never_depend_on_loss_every(
    seed: int, every: int | str | None, driver: str, eta: float
) -> None:
    # eta = 10 diverges: the stop must be the same step too.
    data = make_linear_regression(40, [3.0, -1.0], 2.0, 0.5, seed=seed % 1000)
    problem = LeastSquares(data.X, data.y)
    x0 = np.zeros(3)

    def run(loss_every: Any) -> Trajectory:
        if driver == "noisy":
            return noisy_gradient_descent(
                problem, x0, learning_rate=eta, steps=300, noise_std=1.0, seed=seed,
                loss_every=loss_every,
            )  # fmt: skip
        if driver in ("sgd", "shuffle"):
            how = "shuffle" if driver == "shuffle" else "with_replacement"
            return sgd(
                problem, x0, learning_rate=eta / 10, steps=300, seed=seed, sampling=how,
                loss_every=loss_every,
            )  # fmt: skip
        return minibatch_sgd(
            problem, x0, learning_rate=eta, batch_size=7, steps=300, seed=seed,
            loss_every=loss_every,
        )  # fmt: skip

    reference, sparse = run(1), run(every)
    for name in ("iterates", "gradient_norms", "learning_rates", "examples"):
        np.testing.assert_array_equal(getattr(sparse, name), getattr(reference, name))
    assert sparse.stop_reason == reference.stop_reason
    np.testing.assert_array_equal(sparse.losses, reference.losses[sparse.loss_steps])


# ---------------------------------------------------------------------------------------
# Cheap by default


def test_default_recording_costs_no_more_than_the_steps() -> None:
    data = make_linear_regression(100, [3.0], 2.0, 0.5, seed=0)
    problem = LeastSquares(data.X, data.y)
    x0 = np.zeros(2)
    # SGD: a step is one example, the loss is n: once per epoch (and at the end).
    run = sgd(problem, x0, learning_rate=0.01, steps=250, seed=0)
    assert run.loss_steps.tolist() == [0, 100, 200, 250]
    # Minibatch: once per epoch of ceil(100 / 32) = 4 steps.
    run = minibatch_sgd(problem, x0, learning_rate=0.1, batch_size=32, epochs=3, seed=0)
    assert run.loss_steps.tolist() == [0, 4, 8, 12]
    # Gradient descent: a step is a full gradient, so every step costs no more.
    run = gradient_descent(problem, x0, learning_rate=0.1, steps=5)
    assert run.loss_steps.tolist() == [0, 1, 2, 3, 4, 5]
    run = noisy_gradient_descent(F, 1.0, learning_rate=0.1, steps=5, noise_std=1.0, seed=0)
    assert run.loss_steps.tolist() == [0, 1, 2, 3, 4, 5]
    # Every step is opt-in.
    run = sgd(problem, x0, learning_rate=0.01, steps=250, seed=0, loss_every=1)
    assert run.loss_steps.tolist() == list(range(251))


# ---------------------------------------------------------------------------------------
# A learner's API


def test_a_plain_function_runs_like_the_objective_it_equals() -> None:
    reference = gradient_descent(F, 10.0, learning_rate=0.2, steps=10)
    runs = [
        gradient_descent(
            lambda x: x * x, 10.0, gradient=lambda x: 2.0 * x, learning_rate=0.2, steps=10
        ),
        gradient_descent((lambda x: x * x, lambda x: 2.0 * x), 10.0, learning_rate=0.2, steps=10),
        gradient_descent(
            FunctionObjective(lambda x: x * x, lambda x: 2.0 * x), 10.0, learning_rate=0.2, steps=10
        ),
    ]
    for run in runs:
        for name in ("iterates", "losses", "gradient_norms", "learning_rates", "examples"):
            np.testing.assert_array_equal(getattr(run, name), getattr(reference, name))
    # A vector x0: the functions get arrays.
    run = gradient_descent(
        (lambda x: float(x[0] ** 2 + 2 * x[1] ** 2), lambda x: np.array([2 * x[0], 4 * x[1]])),
        [-5.0, -2.0],
        learning_rate=0.1,
        steps=20,
    )
    expected = gradient_descent(F2, [-5.0, -2.0], learning_rate=0.1, steps=20)
    np.testing.assert_array_equal(run.iterates, expected.iterates)
    # Gradients that are lists or Python floats are accepted and converted.
    listed = gradient_descent(
        (lambda x: float(x @ x), lambda x: [2 * v for v in x]),
        [1.0, 2.0],
        learning_rate=0.25,
        steps=2,
    )
    assert listed.final.tolist() == [0.25, 0.5]


def test_a_plain_function_and_noise() -> None:
    run = noisy_gradient_descent(
        lambda x: x * x, 1.0, gradient=lambda x: 2 * x, learning_rate=0.1, steps=5,
        noise_std=0.0, seed=0,
    )  # fmt: skip
    np.testing.assert_allclose(run.iterates[:, 0], 0.8 ** np.arange(6), rtol=1e-15)


def test_check_gradient_on_a_function_objective() -> None:
    f = FunctionObjective(x2_minus_log, x2_minus_log_gradient)
    assert check_gradient(f, f.gradient, [1.5]).passed


def test_the_callback_sees_every_step_and_can_stop() -> None:
    seen: list[StepInfo] = []
    run = gradient_descent(F, 1.0, learning_rate=0.25, steps=10, callback=seen.append)
    assert run.stop_reason == "steps" and [i.step for i in seen] == list(range(1, 11))
    for info in seen:
        assert info.x.tolist() == run.iterates[info.step].tolist()
        assert info.gradient_norm == run.gradient_norms[info.step - 1]
        assert info.learning_rate == 0.25 and info.examples == info.step
        assert info.loss == run.losses[info.step]
        assert not info.x.flags.writeable and not info.gradient.flags.writeable
    stopped = gradient_descent(
        F, 1.0, learning_rate=0.25, steps=100, callback=lambda info: info.gradient_norm < 0.01
    )
    # |g_t| = 2 * 0.5**t; the callback sees |g_t| after step t + 1: 2 * 0.5**8 < 0.01.
    assert stopped.stop_reason == "callback" and stopped.steps == 9
    assert stopped.success and "callback" in (stopped.message or "")
    assert stopped.loss_steps[-1] == 9
    # A stochastic driver: the loss is None where it was not recorded.
    losses: list[float | None] = []
    sgd(
        P,
        np.zeros(2),
        learning_rate=0.001,
        steps=25,
        seed=0,
        callback=lambda i: losses.append(i.loss),
    )
    assert [i for i, v in enumerate(losses, 1) if v is not None] == [10, 20]


def test_results_in_the_shape_of_scipy() -> None:
    run = gradient_descent(F2, [-5.0, -2.0], learning_rate=0.1, steps=1000, tol=1e-6)
    assert run.x.tolist() == run.final.tolist()
    assert run.fun == run.losses[-1] == F2(run.x)
    assert run.success and run.status == 0 and run.nit == run.steps == 73
    assert run.njev == 74  # the gradient that met tol was computed too
    assert run.nfev == 74 and run.n_examples == 73
    assert run.message == "The gradient norm fell to tol = 1e-06 at step 73."
    diverged = gradient_descent(F, 1.0, learning_rate=1.5, steps=5000)
    assert not diverged.success and diverged.status == 1
    assert diverged.message is not None and diverged.message.startswith("Diverged: the ")
    assert _trajectory().message == "Took all 2 steps of the budget."


def test_one_budget_name_across_drivers() -> None:
    data = make_linear_regression(30, [1.0], 0.0, 0.1, seed=1)
    problem = LeastSquares(data.X, data.y)
    x0 = np.zeros(2)
    by_epochs = minibatch_sgd(problem, x0, learning_rate=0.1, batch_size=7, epochs=3, seed=2)
    by_steps = minibatch_sgd(problem, x0, learning_rate=0.1, batch_size=7, steps=15, seed=2)
    np.testing.assert_array_equal(by_epochs.iterates, by_steps.iterates)
    assert by_steps.steps == 15
    cut = minibatch_sgd(problem, x0, learning_rate=0.1, batch_size=7, steps=7, seed=2)
    np.testing.assert_array_equal(cut.iterates, by_epochs.iterates[:8])
    a = sgd(problem, x0, learning_rate=0.01, epochs=2, seed=3, sampling="shuffle")
    b = sgd(problem, x0, learning_rate=0.01, steps=60, seed=3, sampling="shuffle")
    np.testing.assert_array_equal(a.iterates, b.iterates)


def test_least_squares_with_an_intercept() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, size=(50, 1))
    y = 2.0 + 3.0 * x[:, 0] + 0.1 * rng.standard_normal(50)
    with_column = LeastSquares(np.column_stack([np.ones(50), x]), y)
    fitted = LeastSquares(x, y, intercept=True)
    assert fitted.dim == 2 and repr(fitted) == "LeastSquares(n=50, dim=2, intercept=True)"
    np.testing.assert_array_equal(fitted.X, with_column.X)
    np.testing.assert_array_equal(fitted.solve(), with_column.solve())
    beta = np.array([0.5, -1.0])
    np.testing.assert_array_equal(fitted.gradient(beta), with_column.gradient(beta))
    # The intercept alone (no feature columns) is the mean.
    mean_only = LeastSquares(np.zeros((50, 0)), y, intercept=True)
    assert mean_only.solve()[0] == pytest.approx(float(np.mean(y)))


def test_exports() -> None:
    for name in ("Objective", "FiniteSumObjective", "FunctionObjective", "StepInfo"):
        assert hasattr(gdbook, name), name
    assert gdbook.plot_loss_curve is plot_loss_curve
    with pytest.raises(AttributeError, match="no attribute 'plot_nothing'"):
        gdbook.plot_nothing  # noqa: B018
    assert isinstance(F, gdbook.Objective)


def test_english_figures_need_no_korean_font(monkeypatch: pytest.MonkeyPatch) -> None:
    from gdbook import plotting

    def missing() -> Any:
        raise plotting.FontNotFoundError("no font")

    monkeypatch.setattr(plotting, "cjk_font_path", missing)
    with plotting.book_style("light", hangul=False):
        import matplotlib as mpl

        assert mpl.rcParams["font.family"] == ["DejaVu Sans"]
    with pytest.raises(plotting.FontNotFoundError), plotting.book_style("light"):
        pass


# ---------------------------------------------------------------------------------------
# Never mutate the caller's arrays; schedules at large steps


def _read_only(*arrays: np.ndarray) -> None:
    for array in arrays:
        array.setflags(write=False)


def test_no_driver_writes_to_the_callers_arrays() -> None:
    X = np.column_stack([np.ones(20), np.linspace(-1, 1, 20)])
    y = 1.0 + 2.0 * X[:, 1]
    x0 = np.zeros(2)
    _read_only(X, y, x0)
    before = [a.copy() for a in (X, y, x0)]
    problem = LeastSquares(X, y)
    gradient_descent(problem, x0, learning_rate=0.1, steps=5)
    noisy_gradient_descent(problem, x0, learning_rate=0.1, steps=5, noise_std=0.1, seed=0)
    sgd(problem, x0, learning_rate=0.1, steps=5, seed=0, callback=lambda i: None)
    minibatch_sgd(problem, x0, learning_rate=0.1, batch_size=4, epochs=1, seed=0)
    gradient_descent((lambda b: float(b @ b), lambda b: 2 * b), x0 + 1, learning_rate=0.1, steps=3)
    for array, copy in zip((X, y, x0), before, strict=True):
        np.testing.assert_array_equal(array, copy)


def test_schedules_take_any_non_negative_step() -> None:
    big = np.array([2**63 + 5, 2**64 - 1], dtype=np.uint64)
    assert exponential(0.5, 0.9)(big).tolist() == [0.0, 0.0]
    assert exponential(0.5, 1.0)(10**400) == 0.5
    assert polynomial(1.0)(2**70) == pytest.approx(2.0**-35)
    assert piecewise_constant([5], [1.0, 0.1])(np.uint64(2**64 - 1)) == 0.1
