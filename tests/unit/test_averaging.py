"""gdbook.averaging: running averages of a run's iterates, uniform or weighted by eta_t."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gdbook
from gdbook import Quadratic, iterate_averages

BOWL = Quadratic((2.0, 4.0))


def test_uniform_averages_are_the_means_of_the_first_k_iterates_after_the_start() -> None:
    run = gdbook.noisy_gradient_descent(
        BOWL, [-5.0, -2.0], learning_rate=0.1, steps=50, noise_std=1.0, seed=3
    )
    averages = iterate_averages(run)
    assert averages.shape == (50, 2)
    for k in (1, 2, 17, 50):
        np.testing.assert_allclose(averages[k - 1], run.iterates[1 : k + 1].mean(axis=0))


def test_a_constant_rate_makes_both_weightings_equal() -> None:
    run = gdbook.noisy_gradient_descent(
        BOWL, [1.0, 1.0], learning_rate=0.05, steps=40, noise_std=0.5, seed=0
    )
    np.testing.assert_allclose(
        iterate_averages(run), iterate_averages(run, weighting="learning_rate"), rtol=1e-13
    )


def test_learning_rate_weights_follow_the_formula() -> None:
    rate = gdbook.polynomial(0.2, alpha=0.5, omega=1.0)
    run = gdbook.noisy_gradient_descent(
        BOWL, [-5.0, -2.0], learning_rate=rate, steps=30, noise_std=1.0, seed=1
    )
    eta = rate(np.arange(30))
    np.testing.assert_array_equal(run.learning_rates, eta)
    weighted = iterate_averages(run, weighting="learning_rate")
    for k in (1, 5, 30):
        expected = (eta[:k, None] * run.iterates[1 : k + 1]).sum(axis=0) / eta[:k].sum()
        np.testing.assert_allclose(weighted[k - 1], expected, rtol=1e-12)


def test_gradient_descent_on_a_line_has_a_geometric_average() -> None:
    """x_t = r^t x_0 on f = x^2 with eta: the mean of x_1..x_T is x_0 r (1 - r^T) / (T (1 - r))."""
    eta, steps = 0.1, 25
    r = 1 - 2 * eta
    run = gdbook.gradient_descent(Quadratic((2.0,)), 3.0, learning_rate=eta, steps=steps)
    T = np.arange(1, steps + 1)
    expected = 3.0 * r * (1 - r**T) / (T * (1 - r))
    np.testing.assert_allclose(iterate_averages(run)[:, 0], expected, rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(-10, 10), min_size=1, max_size=3),
    st.integers(1, 30),
    st.integers(0, 2**16),
)
def test_every_average_lies_in_the_box_of_the_iterates(
    start: list[float], steps: int, seed: int
) -> None:
    """An average of points (with positive weights) lies between their smallest and largest."""
    objective = Quadratic(tuple(1.0 + i for i in range(len(start))))
    run = gdbook.noisy_gradient_descent(
        objective,
        start,
        learning_rate=gdbook.polynomial(0.3, alpha=0.5),
        steps=steps,
        noise_std=1.0,
        seed=seed,
    )
    after = run.iterates[1:]
    for weighting in ("uniform", "learning_rate"):
        averages = iterate_averages(run, weighting=weighting)
        for k in range(1, steps + 1):
            low, high = after[:k].min(axis=0), after[:k].max(axis=0)
            assert np.all(averages[k - 1] >= low - 1e-12)
            assert np.all(averages[k - 1] <= high + 1e-12)


def test_a_zero_first_rate_has_no_weighted_average() -> None:
    run = gdbook.gradient_descent(
        Quadratic((2.0,)), 1.0, learning_rate=lambda t: 0.0 if t == 0 else 0.1, steps=3
    )
    with pytest.raises(ValueError, match="first learning rate is positive"):
        iterate_averages(run, weighting="learning_rate")
    np.testing.assert_allclose(iterate_averages(run)[:, 0], np.cumsum([1.0, 0.8, 0.64]) / [1, 2, 3])
