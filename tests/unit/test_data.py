"""Synthetic regression data: shapes, reproducibility and the book's running example."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from gdbook import LeastSquares, RegressionData, book_regression, make_linear_regression
from gdbook import data as data_module


def test_shapes_and_intercept_column() -> None:
    data = make_linear_regression(40, [1.0, -2.0, 0.5], 3.0, 0.1, seed=0)
    assert isinstance(data, RegressionData)
    assert data.X.shape == (40, 4)
    assert data.y.shape == (40,)
    np.testing.assert_array_equal(data.X[:, 0], np.ones(40))
    np.testing.assert_array_equal(data.true_beta, [3.0, 1.0, -2.0, 0.5])


def test_features_lie_in_x_range() -> None:
    data = make_linear_regression(500, [1.0, 1.0], 0.0, 1.0, seed=1, x_range=(3.0, 5.0))
    assert np.all((data.X[:, 1:] >= 3.0) & (data.X[:, 1:] < 5.0))


def test_generation_order_features_then_noise() -> None:
    data = make_linear_regression(25, [2.0, 0.5], -1.0, 0.3, seed=7)
    rng = np.random.default_rng(7)
    features = rng.uniform(-2.0, 2.0, size=(25, 2))
    noise = rng.normal(0.0, 0.3, size=25)
    np.testing.assert_array_equal(data.X[:, 1:], features)
    np.testing.assert_allclose(data.y, -1.0 + features @ [2.0, 0.5] + noise, rtol=1e-14)


def test_no_noise_lies_on_the_line() -> None:
    data = make_linear_regression(30, 2.0, 1.0, 0.0, seed=3)
    np.testing.assert_allclose(data.y, data.X @ data.true_beta, rtol=1e-14)


def test_same_seed_same_data_different_seed_different_data() -> None:
    a = make_linear_regression(20, [1.0], 0.0, 1.0, seed=5)
    b = make_linear_regression(20, [1.0], 0.0, 1.0, seed=np.random.default_rng(5))
    c = make_linear_regression(20, [1.0], 0.0, 1.0, seed=6)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.y, c.y)


def test_arrays_are_read_only_and_frozen() -> None:
    data = make_linear_regression(5, [1.0], 0.0, 1.0, seed=0)
    for array in (data.X, data.y, data.true_beta):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.y = data.y  # type: ignore[misc]
    assert repr(data) == "RegressionData(n=5, features=1)"


def test_book_constants() -> None:
    assert data_module.BOOK_N_SAMPLES == 1000
    assert data_module.BOOK_WEIGHTS == (3.0,)
    assert data_module.BOOK_BIAS == 2.0
    assert data_module.BOOK_NOISE_STD == 0.5
    assert data_module.BOOK_X_RANGE == (-2.0, 2.0)
    assert data_module.BOOK_SEED == 42


def test_book_regression() -> None:
    data = book_regression()
    assert data.X.shape == (1000, 2)
    np.testing.assert_array_equal(data.true_beta, [2.0, 3.0])
    reference = make_linear_regression(1000, [3.0], 2.0, 0.5, seed=42)
    np.testing.assert_array_equal(data.y, reference.y)
    assert np.all(np.abs(data.X[:, 1]) <= 2.0)
    beta = LeastSquares(data.X, data.y).solve()
    # Standard errors are about 0.016 (intercept) and 0.014 (slope): 0.06 is ~4 of them.
    np.testing.assert_allclose(beta, [2.0, 3.0], atol=0.06)
    residual_std = float(np.std(data.y - data.X @ beta))
    assert residual_std == pytest.approx(0.5, abs=0.05)
