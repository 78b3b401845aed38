"""Newton's method: exact on quadratics, quadratic convergence, affine invariance, errors."""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdbook import (
    LeastSquares,
    Quadratic,
    Rosenbrock,
    StepInfo,
    XCosCx,
    gradient_descent,
    make_linear_regression,
    newton,
)


@pytest.fixture(autouse=True)
def _warnings_are_errors() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


curvatures = st.lists(st.floats(0.01, 100.0), min_size=1, max_size=5)
coordinate = st.floats(-1e3, 1e3)


@settings(max_examples=50, deadline=None)
@given(curvatures, st.data())
def test_one_step_on_a_quadratic_reaches_the_minimiser(h: list[float], data: Any) -> None:
    x0 = data.draw(st.lists(coordinate, min_size=len(h), max_size=len(h)))
    run = newton(Quadratic(h), x0, steps=1)
    # x0 - h x0 / h: exactly zero up to the rounding of one division and one subtraction.
    np.testing.assert_allclose(run.x, 0.0, atol=1e-12 * (1.0 + np.abs(x0).max()))


def test_one_step_on_least_squares_is_the_normal_equations_solution() -> None:
    data = make_linear_regression(200, [3.0, -1.0, 0.5], 2.0, 0.5, seed=1)
    problem = LeastSquares(data.X, data.y)
    run = newton(problem, np.zeros(problem.dim), steps=1)
    np.testing.assert_allclose(run.x, problem.solve(), rtol=1e-10, atol=1e-12)
    assert run.examples.tolist() == [0, problem.n]  # a full gradient costs n


@settings(max_examples=30, deadline=None)
@given(curvatures, st.floats(0.05, 1.95), st.integers(1, 8))
def test_damped_newton_on_a_quadratic_shrinks_by_one_minus_eta(
    h: list[float], eta: float, steps: int
) -> None:
    x0 = np.linspace(1.0, 2.0, len(h))
    run = newton(Quadratic(h), x0, learning_rate=eta, steps=steps)
    t = np.arange(steps + 1)[:, np.newaxis]
    # (1 - eta) is rounded when eta is near 1: compare on the scale of x0 there.
    np.testing.assert_allclose(run.iterates, (1.0 - eta) ** t * x0, rtol=1e-12, atol=1e-14)
    assert run.learning_rates.tolist() == [eta] * steps


def _xcos_third_derivative(c: float, x: float) -> float:
    # f = x cos(cx): f''' = -3 c^2 cos(cx) + c^3 x sin(cx).
    return -3.0 * c * c * math.cos(c * x) + c**3 * x * math.sin(c * x)


def test_quadratic_convergence_ratio_tends_to_f3_over_2f2() -> None:
    # e_{t+1} / e_t^2 -> |f'''(x*)| / (2 |f''(x*)|) (Taylor's theorem, with the sign).
    c = 0.15 * math.pi
    f = XCosCx(c)
    limit = newton(f, 6.5, steps=30, tol=0.0).x[0]
    run = newton(f, 6.5, steps=6)
    errors = np.abs(run.iterates[:, 0] - limit).tolist()
    expected = abs(_xcos_third_derivative(c, limit)) / (2.0 * abs(f.hessian(limit)[0, 0]))
    usable = [b / a**2 for a, b in itertools.pairwise(errors) if b > 1e-13]
    assert len(usable) >= 3
    assert usable[-1] == pytest.approx(expected, rel=1e-2)
    # and the number of correct digits roughly doubles: e_{t+1} <= e_t^2 * (bound + 1)
    assert all(r <= 2.0 * expected for r in usable[1:])


def test_newton_converges_faster_than_any_linear_rate() -> None:
    run = newton(Rosenbrock(), [1.2, 1.2], steps=8)
    errors = np.linalg.norm(run.iterates - Rosenbrock().minimizer, axis=1)
    assert errors[-1] < 1e-12
    shrink = errors[1:] / np.maximum(errors[:-1], 1e-300)
    assert shrink[errors[1:] > 1e-14][-1] < 1e-3


class _Linear:
    """f(A x) for an invertible A: the same problem in other coordinates."""

    def __init__(self, f: Rosenbrock, a: np.ndarray) -> None:
        self.f, self.a, self.dim = f, a, f.dim

    def __call__(self, x: Any) -> float:
        return self.f(self.a @ np.asarray(x, dtype=float))

    def gradient(self, x: Any) -> np.ndarray:
        return np.asarray(self.a.T @ self.f.gradient(self.a @ np.asarray(x, dtype=float)))

    def hessian(self, x: Any) -> np.ndarray:
        return np.asarray(self.a.T @ self.f.hessian(self.a @ np.asarray(x, dtype=float)) @ self.a)


def test_newton_is_affine_invariant_and_gradient_descent_is_not() -> None:
    a = np.array([[2.0, 1.0], [0.5, 3.0]])
    inverse = np.linalg.inv(a)
    start = np.array([-1.2, 1.0])
    g = _Linear(Rosenbrock(), a)
    direct = newton(Rosenbrock(), start, steps=5)
    changed = newton(g, inverse @ start, steps=5)
    np.testing.assert_allclose(changed.iterates @ a.T, direct.iterates, rtol=1e-8, atol=1e-10)
    plain = gradient_descent(Rosenbrock(), start, learning_rate=1e-3, steps=5)
    other = gradient_descent(g, inverse @ start, learning_rate=1e-3, steps=5)
    assert not np.allclose(other.iterates @ a.T, plain.iterates, rtol=1e-3)


def test_newton_goes_to_the_nearest_stationary_point_even_a_maximum() -> None:
    f = XCosCx(0.15 * math.pi)
    run = newton(f, 10.0, steps=10)
    x = run.x
    assert abs(f.gradient(x)[0]) < 1e-10
    assert f.hessian(x)[0, 0] < 0  # a local maximum
    assert run.fun > run.losses[0]  # higher than where it started


class _Flat:
    """f(x) = x^3 / 3 + x: f'' = 2x vanishes at 0, and f' never does."""

    dim = 1

    def __call__(self, x: Any) -> float:
        p = float(np.asarray(x).ravel()[0])
        return p**3 / 3 + p

    def gradient(self, x: Any) -> np.ndarray:
        p = float(np.asarray(x).ravel()[0])
        return np.array([p * p + 1.0])

    def hessian(self, x: Any) -> np.ndarray:
        p = float(np.asarray(x).ravel()[0])
        return np.array([[2.0 * p]])


def test_a_singular_hessian_raises_a_clear_error() -> None:
    with pytest.raises(
        np.linalg.LinAlgError, match=r"Hessian at step 0, x = \[0\.0\], is singular"
    ):
        newton(_Flat(), 0.0, steps=3)


def test_a_non_finite_hessian_raises() -> None:
    class _Nan(_Flat):
        def hessian(self, x: Any) -> np.ndarray:
            return np.array([[math.nan]])

    with pytest.raises(np.linalg.LinAlgError, match=r"Hessian at step 0, x = \[1\.0\], is not"):
        newton(_Nan(), 1.0, steps=3)


def test_tolerance_callback_and_records_use_the_gradient() -> None:
    f = Quadratic((2.0, 8.0))
    seen: list[StepInfo] = []
    run = newton(f, [1.0, 1.0], learning_rate=0.5, steps=100, tol=1e-3, callback=seen.append)
    assert run.stop_reason == "tolerance"
    norms = np.linalg.norm([f.gradient(x) for x in run.iterates[:-1]], axis=1)
    np.testing.assert_allclose(run.gradient_norms, norms)
    assert np.linalg.norm(f.gradient(run.x)) <= 1e-3 < norms[-1]
    np.testing.assert_allclose(seen[0].gradient, f.gradient([1.0, 1.0]))
    assert [info.step for info in seen] == list(range(1, run.steps + 1))


def test_an_exploding_step_is_divergence() -> None:
    # f = x^3 / 3 + x has no stationary point; near x = 0 the step 1/f'' is huge.
    run = newton(_Flat(), 1e-160, steps=5)
    assert run.stop_reason == "diverged"
    assert "step direction at step 0" in run.message


# --- Newton with a backtracking line search ---------------------------------------------------


class _Counting:
    """An objective with a Hessian that counts its evaluations."""

    def __init__(self, f: Any) -> None:
        self.f, self.dim, self.calls = f, f.dim, 0

    def __call__(self, x: Any) -> float:
        self.calls += 1
        return float(self.f(x))

    def gradient(self, x: Any) -> np.ndarray:
        return np.asarray(self.f.gradient(x))

    def hessian(self, x: Any) -> np.ndarray:
        return np.asarray(self.f.hessian(x))


@pytest.mark.parametrize(
    ("objective", "start"),
    [(Rosenbrock(), [-1.2, 1.0]), (XCosCx(0.15 * math.pi), 10.0), (XCosCx(0.15 * math.pi), 25.0)],
    ids=["rosenbrock", "xcoscx-10", "xcoscx-25"],
)
def test_line_search_steps_satisfy_armijo_along_the_direction_used(
    objective: Any, start: Any
) -> None:
    counting = _Counting(objective)
    run = newton(counting, start, steps=40, line_search=True, tol=1e-9, loss_every=None)
    assert counting.calls == run.nfev == run.function_evaluations + run.losses.size
    for t in range(run.steps):
        x, eta = run.iterates[t], run.learning_rates[t]
        g = objective.gradient(x)
        p = np.linalg.solve(objective.hessian(x), g)
        if not g @ p > 0:  # not a descent direction: the gradient is used
            p = g
        np.testing.assert_array_equal(run.iterates[t + 1], x - eta * p)
        assert objective(run.iterates[t + 1]) <= objective(x) - 1e-4 * eta * (g @ p)
    # every run ends at a local minimum, never at a maximum
    assert np.all(np.linalg.eigvalsh(objective.hessian(run.x)) > 0)
    assert run.stop_reason == "tolerance"


def test_from_where_f_is_concave_the_guarded_method_goes_downhill() -> None:
    f = XCosCx(0.15 * math.pi)
    assert f.hessian(25.0)[0, 0] < 0
    pure = newton(f, 25.0, steps=10)
    guarded = newton(f, 25.0, steps=10, line_search=True)
    assert f.hessian(pure.x)[0, 0] < 0 and pure.fun > f(25.0)  # up to the maximum
    assert guarded.losses[1] < guarded.losses[0]  # the first step is a gradient step
    assert f.hessian(guarded.x)[0, 0] > 0 and guarded.fun < f(25.0)


@settings(max_examples=30, deadline=None)
@given(curvatures, st.data())
def test_on_a_quadratic_the_full_step_is_always_accepted(h: list[float], data: Any) -> None:
    # Away from underflow: f(x0) below 1e-300 would round the decrease away.
    normal = st.floats(-1e3, 1e3).filter(lambda v: v == 0.0 or abs(v) > 1e-100)
    x0 = data.draw(st.lists(normal, min_size=len(h), max_size=len(h)))
    pure = newton(Quadratic(h), x0, steps=1)
    guarded = newton(Quadratic(h), x0, steps=1, line_search=True)
    np.testing.assert_array_equal(guarded.iterates, pure.iterates)
    assert guarded.learning_rates.tolist() == [1.0]
