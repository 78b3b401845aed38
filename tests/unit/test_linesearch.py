"""Backtracking (Armijo) line search: the condition, maximality, the bound and the cost."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdbook import (
    DoubleWell,
    Quadratic,
    Rosenbrock,
    XCosCx,
    backtracking_gradient_descent,
    gradient_descent,
)

ALPHA, TAU = 1e-4, 0.5


@pytest.fixture(autouse=True)
def _warnings_are_errors() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


PROBLEMS: dict[str, tuple[Any, Any]] = {
    "quadratic": (Quadratic((2.0, 20.0)), [-5.0, -2.0]),
    "rosenbrock": (Rosenbrock(), [-1.2, 1.0]),
    "xcoscx": (XCosCx(0.15 * math.pi), 10.0),
    "double-well": (DoubleWell(), 2.0),
}


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_every_accepted_step_satisfies_armijo_and_is_the_largest(name: str) -> None:
    f, x0 = PROBLEMS[name]
    run = backtracking_gradient_descent(f, x0, steps=60, tol=1e-8)
    for t in range(run.steps):
        x, eta = run.iterates[t], run.learning_rates[t]
        g = f.gradient(x)
        assert f(run.iterates[t + 1]) <= f(x) - ALPHA * eta * g.dot(g)
        np.testing.assert_array_equal(run.iterates[t + 1], x - eta * g)
        k = round(math.log(eta) / math.log(TAU))  # eta = tau^k exactly
        assert eta == TAU**k
        if k > 0:  # the rate one shrink earlier was rejected
            bigger = eta / TAU
            assert not f(x - bigger * g) <= f(x) - ALPHA * bigger * g.dot(g)
    assert np.all(np.diff(run.losses) <= 0)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0.1, 50.0), min_size=1, max_size=4),
    st.floats(0.1, 100.0),
    st.floats(0.1, 0.8),
    st.floats(1e-4, 0.9),
)
def test_accepted_rates_respect_the_lipschitz_bound(
    h: list[float], eta0: float, tau: float, alpha: float
) -> None:
    # Every eta <= 2 (1 - alpha) / L passes, so the accepted one is at least
    # min(eta0, tau * 2 (1 - alpha) / L).
    f = Quadratic(h)
    run = backtracking_gradient_descent(
        f,
        np.ones(len(h)),
        steps=5,
        initial_rate=eta0,
        shrink=tau,
        sufficient_decrease=alpha,
        tol=1e-6,
    )
    floor = min(eta0, tau * 2.0 * (1.0 - alpha) / f.lipschitz)
    assert np.all(run.learning_rates >= floor * (1.0 - 1e-12))
    # and the number of reductions is at most ceil(log_{1/tau}(eta0 L / (2 (1 - alpha))))
    most = max(0, math.ceil(math.log(eta0 * f.lipschitz / (2.0 * (1.0 - alpha)), 1.0 / tau)))
    reductions = np.round(np.log(run.learning_rates / eta0) / math.log(tau))
    assert np.all(reductions <= most)


class _Counting:
    """An objective that counts its evaluations."""

    def __init__(self, f: Any) -> None:
        self.f, self.dim, self.calls = f, f.dim, 0

    def __call__(self, x: Any) -> float:
        self.calls += 1
        return float(self.f(x))

    def gradient(self, x: Any) -> Any:
        return self.f.gradient(x)


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_function_evaluations_are_counted_exactly(name: str) -> None:
    f, x0 = PROBLEMS[name]
    counting = _Counting(f)
    run = backtracking_gradient_descent(counting, x0, steps=40, tol=1e-8, loss_every=None)
    assert counting.calls == run.nfev == run.function_evaluations + run.losses.size
    # f(x_0) once, then one value per trial: k_t reductions mean k_t + 1 trials at step t.
    trials = np.round(np.log(run.learning_rates) / math.log(TAU)) + 1
    assert run.function_evaluations == 1 + int(trials.sum())


def test_on_x_squared_the_first_rate_is_rejected_and_the_second_is_exact() -> None:
    run = backtracking_gradient_descent(Quadratic((2.0,)), 3.0, steps=1)
    assert run.learning_rates.tolist() == [0.5]  # 1.0 overshoots to -3, where f is as high
    assert run.iterates[1].tolist() == [0.0]
    assert run.function_evaluations == 3  # f(x_0), f(-3), f(0)


def test_with_a_small_enough_initial_rate_it_is_plain_gradient_descent() -> None:
    f, x0 = Quadratic((2.0, 20.0)), [-5.0, -2.0]
    run = backtracking_gradient_descent(f, x0, steps=30, initial_rate=0.05)
    plain = gradient_descent(f, x0, learning_rate=0.05, steps=30)
    np.testing.assert_array_equal(run.iterates, plain.iterates)
    assert run.function_evaluations == 1 + 30  # f(x_0), then one accepted trial per step


def test_exhausted_backtracking_raises() -> None:
    with pytest.raises(RuntimeError, match=r"no learning rate among 1e\+20 \* 0\.5\*\*k"):
        backtracking_gradient_descent(
            Quadratic((2.0,)), 1.0, steps=3, initial_rate=1e20, max_backtracks=3
        )


def test_a_plain_function_and_its_gradient_work() -> None:
    run = backtracking_gradient_descent(
        lambda x: (x - 3.0) ** 2, 0.0, gradient=lambda x: 2.0 * (x - 3.0), steps=5, tol=1e-12
    )
    assert run.x[0] == pytest.approx(3.0)
