"""Finite-difference gradients and the gradient check."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gdbook import (
    DoubleWell,
    GradientCheck,
    MixedCosine,
    Quadratic,
    Rosenbrock,
    XCosCx,
    check_gradient,
    numerical_gradient,
)


def test_numerical_gradient_of_a_polynomial() -> None:
    def fun(x: np.ndarray) -> float:
        return float(x[0] ** 3 + 2 * x[0] * x[1])

    np.testing.assert_allclose(numerical_gradient(fun, [1.0, 2.0]), [7.0, 2.0], rtol=1e-8)


def test_numerical_gradient_is_central() -> None:
    # For a quadratic, central differences are exact up to rounding (error O(h^2) * f''' = 0).
    f = Quadratic((2.0, 6.0))
    np.testing.assert_allclose(numerical_gradient(f, [0.3, -0.7], h=1e-3), [0.6, -4.2], rtol=1e-10)


def test_numerical_gradient_accepts_a_float() -> None:
    assert numerical_gradient(Quadratic((2.0,)), 3.0).shape == (1,)


@settings(max_examples=30, deadline=None)
@given(x=arrays(np.float64, (2,), elements=st.floats(-2.0, 2.0)))
def test_analytic_gradients_pass(x: np.ndarray) -> None:
    for f in (MixedCosine(), Rosenbrock(), Quadratic((1.0, 3.0))):
        result = check_gradient(f, f.gradient, x, rtol=1e-5)
        # Near a stationary point the relative error measures only finite-difference noise.
        assert result.passed or result.max_abs_error < 1e-7, result


def test_one_dimensional_gradients_pass() -> None:
    for f in (XCosCx(0.15 * np.pi), DoubleWell()):
        assert check_gradient(f, f.gradient, 1.7).passed


def test_a_wrong_gradient_fails() -> None:
    f = MixedCosine()

    def wrong(x: np.ndarray) -> np.ndarray:
        a, b = x  # forgot the factor 2 in front of sin(x + 2y) in the second entry
        return np.array([2 * a + 2 * b - np.sin(a + 2 * b), 2 * a - np.sin(a + 2 * b)])

    result = check_gradient(f, wrong, [1.0, 2.0])
    assert not result.passed
    assert result.relative_error > 1e-2


def test_result_fields() -> None:
    f = Quadratic((2.0, 4.0))
    result = check_gradient(f, lambda x: f.gradient(x) + np.array([0.0, 1.0]), [1.0, 1.0])
    assert isinstance(result, GradientCheck)
    np.testing.assert_allclose(result.analytic, [2.0, 5.0])
    np.testing.assert_allclose(result.numerical, [2.0, 4.0], rtol=1e-8)
    assert result.max_abs_error == pytest.approx(1.0, rel=1e-8)
    assert result.relative_error == pytest.approx(1.0 / np.linalg.norm([2.0, 5.0]), rel=1e-8)
    assert result.passed is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.passed = True  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        result.analytic[0] = 0.0


def test_zero_gradient_passes() -> None:
    f = Quadratic((2.0,))
    result = check_gradient(f, f.gradient, 0.0)
    assert result.passed and result.relative_error == 0.0


def test_gradient_of_wrong_shape_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"The 'grad' parameter of check_gradient"):
        check_gradient(Quadratic((2.0, 4.0)), lambda x: np.zeros(3), [1.0, 1.0])
