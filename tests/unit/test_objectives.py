"""Objectives: values, gradients and Hessians against closed forms and finite differences."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdbook import (
    DoubleWell,
    LeastSquares,
    MixedCosine,
    Quadratic,
    Rosenbrock,
    XCosCx,
    gradient_descent,
    noisy_gradient_descent,
)
from gdbook.objectives import FiniteSumObjective, Objective

coordinate = st.floats(-3.0, 3.0, allow_nan=False, allow_infinity=False)


def points(dim: int) -> st.SearchStrategy[np.ndarray]:
    return arrays(np.float64, (dim,), elements=coordinate)


def central_gradient(
    fun: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5
) -> np.ndarray:
    """Independent finite differences (not gdbook's), so the two checks do not share bugs."""
    grad = np.empty_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        grad[i] = (fun(x + e) - fun(x - e)) / (2 * h)
    return grad


def central_hessian(
    gradient: Callable[[np.ndarray], np.ndarray], x: np.ndarray, h: float = 1e-5
) -> np.ndarray:
    columns = []
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        columns.append((gradient(x + e) - gradient(x - e)) / (2 * h))
    return np.column_stack(columns)


def assert_gradient_matches(objective: Objective, x: np.ndarray) -> None:
    numeric = central_gradient(objective, x)
    scale = 1.0 + abs(objective(x))
    np.testing.assert_allclose(objective.gradient(x), numeric, rtol=1e-5, atol=1e-5 * scale)


def assert_hessian_matches(objective: Objective, x: np.ndarray) -> None:
    hessian = objective.hessian(x)  # type: ignore[attr-defined]
    numeric = central_hessian(objective.gradient, x)
    scale = 1.0 + float(np.max(np.abs(objective.gradient(x))))
    np.testing.assert_allclose(hessian, numeric, rtol=1e-5, atol=1e-5 * scale)
    np.testing.assert_allclose(hessian, hessian.T, rtol=0, atol=1e-12)


def small_regression() -> LeastSquares:
    rng = np.random.default_rng(0)
    X = np.column_stack([np.ones(30), rng.normal(size=(30, 2))])
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=30)
    return LeastSquares(X, y)


FIXED_OBJECTIVES: dict[str, Any] = {
    "xcoscx": XCosCx(0.15 * np.pi),
    "mixed_cosine": MixedCosine(),
    "rosenbrock": Rosenbrock(),
    "rosenbrock_a2_b10": Rosenbrock(a=2.0, b=10.0),
    "double_well": DoubleWell(),
    "quadratic": Quadratic((2.0, 4.0)),
    "least_squares": small_regression(),
}


@pytest.mark.parametrize("name", sorted(FIXED_OBJECTIVES))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_gradient_matches_finite_differences(name: str, data: st.DataObject) -> None:
    objective = FIXED_OBJECTIVES[name]
    x = data.draw(points(objective.dim))
    assert_gradient_matches(objective, x)


@pytest.mark.parametrize("name", sorted(FIXED_OBJECTIVES))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_hessian_matches_finite_differences_of_gradient(name: str, data: st.DataObject) -> None:
    objective = FIXED_OBJECTIVES[name]
    x = data.draw(points(objective.dim))
    assert_hessian_matches(objective, x)


@settings(max_examples=60, deadline=None)
@given(
    curvatures=arrays(np.float64, st.integers(1, 5), elements=st.floats(0.01, 50.0)),
    data=st.data(),
)
def test_quadratic_gradient_and_hessian_for_any_curvatures(
    curvatures: np.ndarray, data: st.DataObject
) -> None:
    objective = Quadratic(curvatures)
    x = data.draw(points(objective.dim))
    assert_gradient_matches(objective, x)
    assert_hessian_matches(objective, x)
    assert objective(x) == pytest.approx(0.5 * np.sum(curvatures * x**2), rel=1e-12, abs=1e-300)


@settings(max_examples=40, deadline=None)
@given(c=st.floats(0.01, 3.0), x=coordinate)
def test_xcoscx_gradient_for_any_frequency(c: float, x: float) -> None:
    assert_gradient_matches(XCosCx(c), np.array([x]))


def test_objectives_satisfy_the_protocols() -> None:
    for objective in FIXED_OBJECTIVES.values():
        assert isinstance(objective, Objective)
    assert isinstance(small_regression(), FiniteSumObjective)
    assert not isinstance(Quadratic((1.0,)), FiniteSumObjective)


def test_quadratic_values_and_properties() -> None:
    f = Quadratic((2.0, 4.0))
    assert f.dim == 2
    assert f([1.0, 1.0]) == 3.0
    assert isinstance(f([1.0, 1.0]), float)
    np.testing.assert_array_equal(f.gradient([-5.0, -2.0]), [-10.0, -8.0])
    np.testing.assert_array_equal(f.hessian([0.0, 0.0]), np.diag([2.0, 4.0]))
    assert f.lipschitz == 4.0
    assert f.strong_convexity == 2.0
    assert f.condition_number == 2.0
    np.testing.assert_array_equal(f.minimizer, [0.0, 0.0])
    assert f.curvatures == (2.0, 4.0)
    # x**2 exactly: 0.5 * 2 * x * x involves only exact scalings.
    assert Quadratic((2.0,))(3.0) == 9.0


def test_quadratic_is_immutable_and_hashable() -> None:
    source = np.array([2.0, 4.0])
    f = Quadratic(source)
    source[0] = 100.0
    assert f.curvatures == (2.0, 4.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.curvatures = (1.0,)  # type: ignore[misc]
    assert f == Quadratic([2.0, 4.0])
    assert hash(f) == hash(Quadratic((2.0, 4.0)))
    assert repr(f) == "Quadratic(curvatures=(2.0, 4.0))"


def test_one_dimensional_objectives_accept_floats_and_arrays() -> None:
    for objective in (XCosCx(0.5), DoubleWell(), Quadratic((2.0,))):
        assert objective(0.7) == objective(np.array([0.7]))
        assert objective(np.float64(0.7)) == objective([0.7])
        np.testing.assert_array_equal(objective.gradient(0.7), objective.gradient([0.7]))
        assert objective.gradient(0.7).shape == (1,)
        assert objective.hessian(0.7).shape == (1, 1)


def test_wrong_point_shape_is_rejected() -> None:
    with pytest.raises(
        ValueError,
        match=r"'x' parameter of Rosenbrock.gradient must be an array of shape \(2,\)\. Got an array of shape \(3,\)",
    ):
        Rosenbrock().gradient([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="shape"):
        MixedCosine()(1.0)


def test_evaluation_at_non_finite_points_does_not_raise() -> None:
    assert math.isinf(Quadratic((2.0,))(np.inf))
    assert math.isnan(Rosenbrock()([np.nan, 0.0]))


def test_xcoscx_closed_forms() -> None:
    c = 0.15 * np.pi
    f = XCosCx(c)
    x = 2.5
    assert f(x) == pytest.approx(x * math.cos(c * x), rel=1e-15)
    assert f.gradient(x)[0] == pytest.approx(math.cos(c * x) - c * x * math.sin(c * x), rel=1e-14)
    assert f.c == c


def test_mixed_cosine_closed_forms() -> None:
    f = MixedCosine()
    x, y = 0.3, -1.2
    s = x + 2 * y
    assert f([x, y]) == pytest.approx(x**2 + 2 * x * y + math.cos(s), rel=1e-15)
    np.testing.assert_allclose(
        f.gradient([x, y]), [2 * x + 2 * y - math.sin(s), 2 * x - 2 * math.sin(s)], rtol=1e-15
    )


def test_rosenbrock_minimizer() -> None:
    for a, b in ((1.0, 100.0), (2.0, 10.0), (-0.5, 1.0)):
        f = Rosenbrock(a, b)
        np.testing.assert_array_equal(f.minimizer, [a, a * a])
        assert f(f.minimizer) == 0.0
        np.testing.assert_array_equal(f.gradient(f.minimizer), [0.0, 0.0])
        assert np.all(np.linalg.eigvalsh(f.hessian(f.minimizer)) > 0)


class TestDoubleWell:
    f = DoubleWell()

    def test_critical_points_are_exact(self) -> None:
        for x in (self.f.shallow_minimum, self.f.deep_minimum, self.f.local_maximum):
            assert isinstance(x, float)
            assert abs(self.f.gradient(x)[0]) < 1e-14

    def test_minima_and_maximum(self) -> None:
        f = self.f
        assert f.deep_minimum < f.local_maximum < f.shallow_minimum
        assert f.hessian(f.shallow_minimum)[0, 0] > 0
        assert f.hessian(f.deep_minimum)[0, 0] > 0
        assert f.hessian(f.local_maximum)[0, 0] < 0
        assert f(f.deep_minimum) < f(f.shallow_minimum)

    def test_formula(self) -> None:
        x = 1.3
        assert self.f(x) == pytest.approx(x**4 / 4 - x**2 / 2 + 0.2 * x, rel=1e-15)
        assert self.f.tilt == 0.2

    def test_shallow_basin_is_shallow(self) -> None:
        f = self.f
        barrier_from_shallow = f(f.local_maximum) - f(f.shallow_minimum)
        barrier_from_deep = f(f.local_maximum) - f(f.deep_minimum)
        depth_difference = f(f.shallow_minimum) - f(f.deep_minimum)
        assert 0.1 <= barrier_from_shallow / depth_difference <= 0.3
        assert barrier_from_deep > 5 * barrier_from_shallow

    def test_gradient_descent_stays_in_the_basin_it_starts_in(self) -> None:
        f = self.f
        right = gradient_descent(f, 2.0, learning_rate=0.1, steps=500)
        left = gradient_descent(f, -2.0, learning_rate=0.1, steps=500)
        assert right.final[0] == pytest.approx(f.shallow_minimum, abs=1e-10)
        assert left.final[0] == pytest.approx(f.deep_minimum, abs=1e-10)

    def test_gradient_noise_escapes_the_shallow_minimum(self) -> None:
        # The chapter 7 demo: eta = 0.1, sigma = 1, 1000 steps, from the shallow minimum.
        f = self.f
        ends = [
            noisy_gradient_descent(
                f, f.shallow_minimum, learning_rate=0.1, steps=1000, noise_std=1.0, seed=seed
            ).final[0]
            for seed in range(40)
        ]
        assert np.mean(np.array(ends) < f.local_maximum) >= 0.8
        stays = [
            noisy_gradient_descent(
                f, f.deep_minimum, learning_rate=0.1, steps=1000, noise_std=1.0, seed=seed
            ).final[0]
            for seed in range(40)
        ]
        assert np.mean(np.array(stays) < f.local_maximum) >= 0.95


class TestLeastSquares:
    problem = small_regression()

    def test_shapes(self) -> None:
        p = self.problem
        beta = np.array([0.1, 0.2, 0.3])
        assert (p.n, p.dim) == (30, 3)
        assert p.gradient(beta).shape == (3,)
        assert p.example_gradients(beta, [0, 5, 5]).shape == (3, 3)
        assert p.example_gradients(beta).shape == (30, 3)
        assert p.batch_gradient(beta, [4]).shape == (3,)
        assert p.example_losses(beta).shape == (30,)
        assert p.hessian(beta).shape == (3, 3)
        assert repr(p) == "LeastSquares(n=30, dim=3)"

    def test_formulas(self) -> None:
        p = self.problem
        beta = np.array([0.1, 0.2, 0.3])
        r = p.y - p.X @ beta
        assert p(beta) == pytest.approx(np.sum(r**2) / p.n, rel=1e-14)
        np.testing.assert_allclose(p.gradient(beta), -2 / p.n * p.X.T @ r, rtol=1e-14)
        np.testing.assert_allclose(p.example_losses(beta), r**2, rtol=1e-14)
        np.testing.assert_allclose(p.example_gradients(beta, [3]), [-2 * r[3] * p.X[3]], rtol=1e-14)
        np.testing.assert_allclose(p.hessian(beta), 2 / p.n * p.X.T @ p.X, rtol=1e-14)

    @settings(max_examples=40, deadline=None)
    @given(beta=points(3))
    def test_mean_of_example_gradients_is_the_gradient(self, beta: np.ndarray) -> None:
        p = self.problem
        np.testing.assert_allclose(
            p.example_gradients(beta).mean(axis=0), p.gradient(beta), rtol=1e-12, atol=1e-12
        )
        assert np.mean(p.example_losses(beta)) == pytest.approx(p(beta), rel=1e-12)

    @settings(max_examples=40, deadline=None)
    @given(beta=points(3), idx=st.lists(st.integers(0, 29), min_size=1, max_size=40))
    def test_batch_gradient_is_the_mean_over_the_batch(
        self, beta: np.ndarray, idx: list[int]
    ) -> None:
        p = self.problem
        np.testing.assert_allclose(
            p.batch_gradient(beta, idx),
            p.example_gradients(beta, idx).mean(axis=0),
            rtol=1e-10,
            atol=1e-10,
        )

    def test_batch_gradient_of_any_permutation_is_the_gradient_bit_for_bit(self) -> None:
        p = self.problem
        rng = np.random.default_rng(1)
        for _ in range(5):
            beta = rng.normal(size=3)
            np.testing.assert_array_equal(
                p.batch_gradient(beta, rng.permutation(p.n)), p.gradient(beta)
            )

    def test_solve_matches_the_normal_equations(self) -> None:
        p = self.problem
        normal = np.linalg.solve(p.X.T @ p.X, p.X.T @ p.y)
        np.testing.assert_allclose(p.solve(), normal, rtol=1e-10)
        np.testing.assert_allclose(p.gradient(p.solve()), 0.0, atol=1e-12)

    def test_arrays_are_read_only_copies(self) -> None:
        X = np.ones((3, 1))
        y = np.arange(3.0)
        p = LeastSquares(X, y)
        X[0, 0] = 5.0
        y[0] = 5.0
        assert p.X[0, 0] == 1.0 and p.y[0] == 0.0
        with pytest.raises(ValueError, match="read-only"):
            p.X[0, 0] = 2.0
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.X = X  # type: ignore[misc]
