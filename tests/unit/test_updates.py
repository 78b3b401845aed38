"""Update rules: torch.optim step for step, the closed forms of momentum and the adaptive
rules, and the drivers' `update=` keyword (default unchanged, fresh state per run)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdbook import (
    FunctionObjective,
    LeastSquares,
    Quadratic,
    Rosenbrock,
    UpdateRule,
    adagrad,
    adam,
    book_regression,
    exponential,
    gradient_descent,
    minibatch_sgd,
    momentum,
    noisy_gradient_descent,
    rmsprop,
    sgd,
)

TOLERANCE = 1e-12


@pytest.fixture(autouse=True)
def _warnings_are_errors() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.fixture(scope="module")
def problem() -> LeastSquares:
    data = book_regression()
    return LeastSquares(data.X, data.y)


# (gdbook rule, torch optimiser class name, its keyword arguments)
TORCH_CASES: list[tuple[UpdateRule, str, dict[str, Any]]] = [
    (momentum(0.9), "SGD", {"momentum": 0.9}),
    (momentum(0.5, nesterov=True), "SGD", {"momentum": 0.5, "nesterov": True}),
    (adagrad(), "Adagrad", {}),
    (adagrad(eps=1e-3), "Adagrad", {"eps": 1e-3}),
    (rmsprop(), "RMSprop", {}),
    (rmsprop(beta=0.9, eps=1e-6), "RMSprop", {"alpha": 0.9, "eps": 1e-6}),
    (adam(), "Adam", {}),
    (adam(beta1=0.5, beta2=0.9, eps=1e-4), "Adam", {"betas": (0.5, 0.9), "eps": 1e-4}),
]


def torch_run(
    name: str,
    kwargs: dict[str, Any],
    x0: np.ndarray,
    gradient: Callable[[int, np.ndarray], np.ndarray],
    rates: list[float],
) -> np.ndarray:
    """The iterates of `torch.optim.<name>` fed `gradient(t, x_t)`, with rate `rates[t]`."""
    torch = pytest.importorskip(
        "torch", reason="PyTorch is not installed; install torch to compare the update rules"
    )
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    optimiser = getattr(torch.optim, name)([x], lr=rates[0], **kwargs)
    iterates = [x.detach().numpy().copy()]
    for t, eta in enumerate(rates):
        for group in optimiser.param_groups:
            group["lr"] = eta
        x.grad = torch.from_numpy(gradient(t, x.detach().numpy().copy()))
        optimiser.step()
        iterates.append(x.detach().numpy().copy())
    return np.array(iterates)


@pytest.mark.parametrize(("rule", "name", "kwargs"), TORCH_CASES)
def test_gradient_descent_on_rosenbrock_matches_torch(
    rule: UpdateRule, name: str, kwargs: dict[str, Any]
) -> None:
    f = Rosenbrock()
    steps, eta = 40, 1e-3
    run = gradient_descent(f, [-1.0, 1.5], learning_rate=eta, steps=steps, update=rule)
    assert run.steps == steps
    expected = torch_run(
        name, kwargs, np.array([-1.0, 1.5]), lambda t, x: f.gradient(x), [eta] * steps
    )
    np.testing.assert_allclose(run.iterates, expected, rtol=0, atol=TOLERANCE)
    assert not np.allclose(run.iterates[-1], run.iterates[0])  # it moved


@pytest.mark.parametrize(("rule", "name", "kwargs"), TORCH_CASES)
def test_minibatch_sgd_with_a_schedule_matches_torch(
    rule: UpdateRule, name: str, kwargs: dict[str, Any], problem: LeastSquares
) -> None:
    batch_size, epochs, seed = 50, 2, 3
    schedule = exponential(0.05, 0.97)
    run = minibatch_sgd(
        problem,
        np.zeros(2),
        learning_rate=schedule,
        batch_size=batch_size,
        epochs=epochs,
        seed=seed,
        update=rule,
    )
    # The same batches: one permutation per epoch, cut in order.
    rng = np.random.default_rng(seed)
    batches = [
        order[start : start + batch_size]
        for order in (rng.permutation(problem.n) for _ in range(epochs))
        for start in range(0, problem.n, batch_size)
    ]
    assert run.steps == len(batches)
    rates = [float(schedule(t)) for t in range(run.steps)]
    expected = torch_run(
        name, kwargs, np.zeros(2), lambda t, x: problem.batch_gradient(x, batches[t]), rates
    )
    np.testing.assert_allclose(run.iterates, expected, rtol=0, atol=TOLERANCE)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.1, 10.0), st.floats(0.01, 0.3), st.floats(0.0, 0.95), st.floats(-5.0, 5.0))
def test_heavy_ball_on_a_1d_quadratic_is_the_2x2_linear_recurrence(
    h: float, eta: float, beta: float, x0: float
) -> None:
    # x_{t+1} = (1 + beta - eta h) x_t - beta x_{t-1}, x_1 = (1 - eta h) x_0:
    # (x_{t+1}, x_t) = M^t (x_1, x_0), M = [[1 + beta - eta h, -beta], [1, 0]].
    steps = 30
    run = gradient_descent(
        Quadratic((h,)), x0, learning_rate=eta, steps=steps, update=momentum(beta)
    )
    matrix = np.array([[1.0 + beta - eta * h, -beta], [1.0, 0.0]])
    state = np.array([(1.0 - eta * h) * x0, x0])
    expected = [x0]
    for _ in range(steps):
        expected.append(state[0])
        state = matrix @ state
    np.testing.assert_allclose(run.iterates[:, 0], expected, rtol=1e-9, atol=1e-12 * (1 + abs(x0)))


@settings(max_examples=40, deadline=None)
@given(st.floats(0.1, 10.0), st.floats(0.01, 0.15), st.floats(0.0, 0.95), st.floats(-5.0, 5.0))
def test_nesterov_on_a_1d_quadratic_is_its_recurrence(
    h: float, eta: float, beta: float, x0: float
) -> None:
    # With q = 1 - eta h: x_{t+1} = (1 + beta) q x_t - beta q x_{t-1}, x_1 = (1 - (1 + beta) eta h) x_0.
    steps = 30
    run = gradient_descent(
        Quadratic((h,)), x0, learning_rate=eta, steps=steps, update=momentum(beta, nesterov=True)
    )
    q = 1.0 - eta * h
    expected = [x0, (1.0 - (1.0 + beta) * eta * h) * x0]
    for _ in range(steps - 1):
        expected.append((1.0 + beta) * q * expected[-1] - beta * q * expected[-2])
    np.testing.assert_allclose(run.iterates[:, 0], expected, rtol=1e-9, atol=1e-12 * (1 + abs(x0)))


def test_heavy_ball_is_polyaks_form_on_rosenbrock() -> None:
    # m_t = beta m_{t-1} + g_t, x_{t+1} = x_t - eta m_t  <=>  x_{t+1} = x_t - eta g_t + beta (x_t - x_{t-1}).
    f, eta, beta = Rosenbrock(), 1e-3, 0.8
    run = gradient_descent(f, [-1.0, 1.5], learning_rate=eta, steps=100, update=momentum(beta))
    x = run.iterates
    polyak = [x[0], x[0] - eta * f.gradient(x[0])]
    for t in range(1, 100):
        polyak.append(polyak[t] - eta * f.gradient(polyak[t]) + beta * (polyak[t] - polyak[t - 1]))
    np.testing.assert_allclose(x, polyak, rtol=0, atol=1e-10)


def test_momentum_zero_is_plain_gradient_descent_bit_for_bit(problem: LeastSquares) -> None:
    plain = gradient_descent(Rosenbrock(), [-1.0, 1.5], learning_rate=1e-3, steps=50)
    for rule in (momentum(0.0), momentum(0.0, nesterov=True)):
        run = gradient_descent(Rosenbrock(), [-1.0, 1.5], learning_rate=1e-3, steps=50, update=rule)
        assert np.array_equal(run.iterates, plain.iterates)
    plain = sgd(problem, np.zeros(2), learning_rate=0.01, steps=300, seed=1)
    run = sgd(problem, np.zeros(2), learning_rate=0.01, steps=300, seed=1, update=momentum(0.0))
    assert np.array_equal(run.iterates, plain.iterates)


def test_adam_first_step_is_minus_eta_sign_of_the_gradient() -> None:
    rng = np.random.default_rng(0)
    h = rng.uniform(0.01, 100.0, size=6)
    x0 = rng.normal(size=6) * 10.0
    for beta1, beta2 in [(0.9, 0.999), (0.0, 0.5), (0.5, 0.0)]:
        run = gradient_descent(
            Quadratic(h), x0, learning_rate=0.1, steps=1, update=adam(beta1, beta2, eps=1e-12)
        )
        np.testing.assert_allclose(run.final - x0, -0.1 * np.sign(h * x0), rtol=1e-9)


def test_adam_on_a_constant_gradient_steps_eta_every_step() -> None:
    # The bias correction makes m_hat = c and v_hat = c^2 at every step, not only the first.
    c = np.array([3.0, -0.5])
    f = FunctionObjective(lambda x: float(c @ x), lambda x: c.copy(), dim=2)
    run = gradient_descent(f, [0.0, 0.0], learning_rate=0.01, steps=50, update=adam(eps=1e-12))
    np.testing.assert_allclose(
        np.diff(run.iterates, axis=0), np.tile(-0.01 * np.sign(c), (50, 1)), rtol=1e-9
    )
    # Without the correction the first step would be (1 - beta1) / sqrt(1 - beta2) = 3.16 times longer.


@pytest.mark.parametrize("rule", [adagrad(eps=1e-300), rmsprop(eps=1e-300), adam(eps=1e-300)])
def test_adaptive_rules_do_not_see_the_curvature_of_a_separable_quadratic(rule: UpdateRule) -> None:
    # g = h x per coordinate, and p_t = g / sqrt(sums of g^2) does not depend on h: from the
    # same start, a curvature of 1 and one of 1000 move exactly alike (GD would not).
    run = gradient_descent(
        Quadratic((1.0, 1000.0)), [1.0, 1.0], learning_rate=0.01, steps=60, update=rule
    )
    np.testing.assert_allclose(run.iterates[:, 0], run.iterates[:, 1], rtol=1e-12)
    assert run.final[0] < 0.9  # and it moved


def test_adagrad_on_a_1d_quadratic_shrinks_by_its_recurrence() -> None:
    # x_{t+1} = x_t (1 - eta / sqrt(sum_{s <= t} x_s^2)) for f = h x^2 / 2, any h.
    eta, x0 = 0.3, 2.0
    run = gradient_descent(
        Quadratic((7.0,)), x0, learning_rate=eta, steps=40, update=adagrad(eps=1e-300)
    )
    xs = [x0]
    for _ in range(40):
        xs.append(xs[-1] * (1.0 - eta / np.sqrt(np.sum(np.square(xs)))))
    np.testing.assert_allclose(run.iterates[:, 0], xs, rtol=1e-12, atol=1e-15)


def test_rmsprop_first_step_is_eta_over_sqrt_one_minus_beta() -> None:
    x0 = np.array([1.0, -2.0, 0.5])
    run = gradient_descent(
        Quadratic((1.0, 3.0, 50.0)),
        x0,
        learning_rate=0.01,
        steps=1,
        update=rmsprop(beta=0.96, eps=1e-300),
    )
    np.testing.assert_allclose(run.final - x0, -0.01 / np.sqrt(0.04) * np.sign(x0), rtol=1e-12)


@pytest.mark.parametrize(
    "rule", [momentum(0.9), momentum(0.9, nesterov=True), adagrad(), rmsprop(), adam()]
)
def test_each_run_starts_from_a_fresh_state(rule: UpdateRule, problem: LeastSquares) -> None:
    first = minibatch_sgd(
        problem, np.zeros(2), learning_rate=0.01, batch_size=10, steps=40, seed=0, update=rule
    )
    second = minibatch_sgd(
        problem, np.zeros(2), learning_rate=0.01, batch_size=10, steps=40, seed=0, update=rule
    )
    assert np.array_equal(first.iterates, second.iterates)
    # A new state for one run: the step rule's buffers are not shared either.
    one, two = rule.start(2), rule.start(2)
    g = np.array([1.0, -2.0])
    p1, _ = one(0, np.zeros(2), g, 0.1)
    one(1, np.zeros(2), g, 0.1)
    p2, _ = two(0, np.zeros(2), g, 0.1)
    assert np.array_equal(p1, p2)


@pytest.mark.parametrize("rule", [momentum(0.7), adam(), rmsprop()])
def test_full_batch_minibatch_sgd_is_gradient_descent_with_the_same_rule(
    rule: UpdateRule, problem: LeastSquares
) -> None:
    gd = gradient_descent(problem, np.zeros(2), learning_rate=0.05, steps=20, update=rule)
    mb = minibatch_sgd(
        problem,
        np.zeros(2),
        learning_rate=0.05,
        batch_size=problem.n,
        epochs=20,
        seed=0,
        update=rule,
    )
    np.testing.assert_allclose(mb.iterates, gd.iterates, rtol=0, atol=1e-13)


def test_noisy_gradient_descent_takes_the_rule_and_the_same_noise() -> None:
    f = Quadratic((1.0, 10.0))
    run = noisy_gradient_descent(
        f, [2.0, 1.0], learning_rate=0.02, steps=200, noise_std=0.1, seed=4, update=momentum(0.9)
    )
    # Replay: the same draws, through the heavy-ball recurrence.
    rng = np.random.default_rng(4)
    x, m = np.array([2.0, 1.0]), np.zeros(2)
    for t in range(200):
        g = f.gradient(x) + 0.1 * rng.standard_normal(2)
        m = 0.9 * m + g
        x = x - 0.02 * m
        np.testing.assert_allclose(run.iterates[t + 1], x, rtol=0, atol=1e-12)


def test_the_trajectory_records_the_gradient_not_the_direction() -> None:
    f = Quadratic((2.0,))
    run = gradient_descent(f, 1.0, learning_rate=0.1, steps=5, update=momentum(0.9), tol=1e-12)
    expected = [abs(f.gradient(x)[0]) for x in run.iterates[:-1]]
    np.testing.assert_allclose(run.gradient_norms, expected, rtol=1e-15)
    assert run.learning_rates.tolist() == [0.1] * 5


def test_a_diverging_adaptive_run_stops_as_diverged() -> None:
    # Momentum with eta h = 4.5 > 2(1 + beta) = 3.8: the heavy ball diverges geometrically.
    run = gradient_descent(
        Quadratic((1.0,)), 1.0, learning_rate=4.5, steps=10_000, update=momentum(0.9)
    )
    assert run.diverged and run.steps < 10_000
    assert np.isfinite(run.iterates).all()
