"""Schedules: formulas, array evaluation, monotonicity, reprs and immutability."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdbook import Schedule, constant, exponential, piecewise_constant, polynomial

steps = st.integers(0, 10_000)


def test_constant() -> None:
    schedule = constant(0.1)
    assert isinstance(schedule, Schedule)
    assert schedule(0) == schedule(10**9) == 0.1
    assert isinstance(schedule(3), float)
    np.testing.assert_array_equal(schedule(np.arange(4)), np.full(4, 0.1))
    assert repr(schedule) == "constant(eta=0.1)"


@settings(max_examples=50, deadline=None)
@given(eta0=st.floats(1e-4, 10.0), decay=st.floats(0.5, 1.0), t=steps)
def test_exponential_formula(eta0: float, decay: float, t: int) -> None:
    assert exponential(eta0, decay)(t) == pytest.approx(eta0 * decay**t, rel=1e-12, abs=1e-300)


@settings(max_examples=50, deadline=None)
@given(eta0=st.floats(1e-4, 10.0), alpha=st.floats(0.1, 2.0), omega=st.floats(0.01, 10.0), t=steps)
def test_polynomial_formula(eta0: float, alpha: float, omega: float, t: int) -> None:
    expected = eta0 * (1 + omega * t) ** (-alpha)
    assert polynomial(eta0, alpha, omega)(t) == pytest.approx(expected, rel=1e-12)


def test_polynomial_default_is_one_over_sqrt_t() -> None:
    schedule = polynomial(0.5)
    for t in (0, 1, 3, 99, 10_000):
        assert schedule(t) == pytest.approx(0.5 / math.sqrt(1 + t), rel=1e-15)
    assert repr(schedule) == "polynomial(eta0=0.5, alpha=0.5, omega=1.0)"


def test_piecewise_constant_boundaries_are_inclusive() -> None:
    schedule = piecewise_constant([100, 200], [0.1, 0.01, 0.001])
    assert [schedule(t) for t in (0, 99, 100, 199, 200, 10**6)] == [
        0.1,
        0.1,
        0.01,
        0.01,
        0.001,
        0.001,
    ]
    assert repr(schedule) == "piecewise_constant(boundaries=(100, 200), values=(0.1, 0.01, 0.001))"
    assert piecewise_constant([], [0.3])(1000) == 0.3


@settings(max_examples=30, deadline=None)
@given(t=st.lists(steps, min_size=1, max_size=20))
def test_array_evaluation_equals_scalar_evaluation(t: list[int]) -> None:
    array = np.array(t)
    for schedule in (
        constant(0.2),
        exponential(0.5, 0.99),
        polynomial(1.0, 1.0, 0.1),
        piecewise_constant([10, 500, 5000], [1.0, 0.5, 0.25, 0.125]),
    ):
        values = schedule(array)
        assert values.shape == array.shape and values.dtype == np.float64
        np.testing.assert_array_equal(values, [schedule(int(s)) for s in t])


def test_two_dimensional_arrays_keep_their_shape() -> None:
    assert exponential(1.0, 0.5)(np.arange(6).reshape(2, 3)).shape == (2, 3)
    assert exponential(1.0, 0.5)(np.int32(2)) == 0.25


@pytest.mark.parametrize(
    "schedule",
    [
        exponential(0.5, 0.9),
        polynomial(0.5),
        polynomial(1.0, alpha=1.0, omega=0.01),
        piecewise_constant([10, 20, 30], [1.0, 0.5, 0.5, 0.1]),
    ],
    ids=repr,
)
def test_decaying_schedules_are_non_increasing_and_positive(schedule: Schedule) -> None:
    values = schedule(np.arange(2000))
    assert np.all(np.diff(values) <= 0)
    assert np.all(values > 0)


def test_exponential_with_decay_one_is_constant() -> None:
    np.testing.assert_array_equal(exponential(0.3, 1.0)(np.arange(100)), np.full(100, 0.3))


def test_exponential_underflows_to_zero_quietly() -> None:
    assert exponential(0.5, 0.5)(5000) == 0.0


def test_schedules_are_immutable_and_comparable() -> None:
    schedule = exponential(0.5, 0.9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        schedule.eta0 = 1.0  # type: ignore[attr-defined]
    assert schedule == exponential(0.5, 0.9)
    assert schedule != exponential(0.5, 0.8)
    assert repr(schedule) == "exponential(eta0=0.5, decay=0.9)"


@pytest.mark.parametrize("bad", [-1, np.array([0, -3])])
def test_negative_steps_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match=r"The 't' parameter of exponential must be an int"):
        exponential(0.5, 0.9)(bad)  # type: ignore[call-overload]


@pytest.mark.parametrize("bad", [1.5, True, "3", np.array([0.5])])
def test_non_integer_steps_are_rejected(bad: object) -> None:
    with pytest.raises(TypeError, match=r"The 't' parameter of polynomial must be an int"):
        polynomial(0.5)(bad)  # type: ignore[call-overload]
