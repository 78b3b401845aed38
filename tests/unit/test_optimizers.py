"""Drivers: closed forms, convergence, divergence, randomness and the GD/SGD identities."""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdbook import (
    DoubleWell,
    LeastSquares,
    Quadratic,
    Rosenbrock,
    Trajectory,
    XCosCx,
    book_regression,
    exponential,
    gradient_descent,
    make_linear_regression,
    minibatch_sgd,
    noisy_gradient_descent,
    piecewise_constant,
    polynomial,
    sgd,
)
from gdbook.optimizers import DIVERGENCE_THRESHOLD

ARRAYS = ("iterates", "losses", "gradient_norms", "learning_rates", "examples")


def assert_same_run(a: Trajectory, b: Trajectory) -> None:
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert a.stop_reason == b.stop_reason


def small_problem(n: int = 50, seed: int = 3) -> LeastSquares:
    data = make_linear_regression(n, [3.0, -1.0], 2.0, 0.5, seed=seed)
    return LeastSquares(data.X, data.y)


@pytest.fixture(scope="module")
def book_problem() -> LeastSquares:
    data = book_regression()
    return LeastSquares(data.X, data.y)


@pytest.fixture(autouse=True)
def _warnings_are_errors() -> Iterator[None]:
    # Diverging runs overflow on purpose: the drivers must never let a RuntimeWarning out.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --- closed forms -----------------------------------------------------------------------


@pytest.mark.parametrize("eta", [0.2, 0.05, 1.1])
def test_gradient_descent_on_x_squared_matches_the_closed_form(eta: float) -> None:
    run = gradient_descent(Quadratic((2.0,)), 10.0, learning_rate=eta, steps=10)
    expected = (1 - 2 * eta) ** np.arange(11) * 10.0
    np.testing.assert_allclose(run.iterates[:, 0], expected, rtol=1e-12)
    np.testing.assert_allclose(run.losses, expected**2, rtol=1e-12)
    assert run.stop_reason == "steps" and not run.diverged


def test_chapter_2_printed_values() -> None:
    x_squared = Quadratic((2.0,))
    finals = {
        eta: gradient_descent(x_squared, 10.0, learning_rate=eta, steps=10).final[0]
        for eta in (0.2, 0.05, 1.1)
    }
    assert f"{finals[0.2]:.10f}" == "0.0604661760"
    assert finals[0.05] == pytest.approx(10 * 0.9**10, rel=1e-12)
    assert finals[1.1] == pytest.approx(10 * 1.2**10, rel=1e-12)  # 61.917..., not "diverged"


@pytest.mark.parametrize("eta", [0.1, 0.3, 0.45])
def test_gradient_descent_on_a_2d_quadratic_matches_the_closed_form(eta: float) -> None:
    x0 = np.array([-5.0, -2.0])
    h = np.array([2.0, 4.0])
    run = gradient_descent(Quadratic(h), x0, learning_rate=eta, steps=20)
    t = np.arange(21)[:, None]
    np.testing.assert_allclose(run.iterates, (1 - eta * h) ** t * x0, rtol=1e-12, atol=1e-300)


def test_gradient_descent_records_the_exact_gradient_norms() -> None:
    f = Quadratic((2.0, 4.0))
    run = gradient_descent(f, [-5.0, -2.0], learning_rate=0.1, steps=5)
    expected = [np.linalg.norm(f.gradient(x)) for x in run.iterates[:-1]]
    np.testing.assert_allclose(run.gradient_norms, expected, rtol=1e-15)
    np.testing.assert_array_equal(run.learning_rates, np.full(5, 0.1))


# --- convergence and divergence ---------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    curvatures=st.lists(st.floats(0.1, 10.0), min_size=1, max_size=4),
    fraction=st.floats(0.05, 0.95),
)
def test_converges_below_two_over_l(curvatures: list[float], fraction: float) -> None:
    f = Quadratic(curvatures)
    eta = fraction * 2 / f.lipschitz
    # The slowest coordinate needs up to log(1e-10) / log(1 - 0.05 * 2 * 0.01) ~ 23,000 steps.
    run = gradient_descent(f, np.ones(f.dim), learning_rate=eta, steps=100_000, tol=1e-10)
    assert run.stop_reason == "tolerance"
    assert np.all(np.diff(run.losses) <= 0)  # monotone descent for eta < 2/L
    np.testing.assert_allclose(run.final, f.minimizer, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(
    curvatures=st.lists(st.floats(0.1, 10.0), min_size=1, max_size=4),
    factor=st.floats(1.05, 5.0),
)
def test_diverges_above_two_over_l(curvatures: list[float], factor: float) -> None:
    f = Quadratic(curvatures)
    x0 = np.ones(f.dim)
    run = gradient_descent(f, x0, learning_rate=factor * 2 / f.lipschitz, steps=100_000)
    assert run.diverged and run.stop_reason == "diverged"
    assert run.steps < 100_000
    for name in ARRAYS:
        assert np.all(np.isfinite(getattr(run, name))), name
    assert np.max(np.abs(run.iterates)) <= DIVERGENCE_THRESHOLD
    assert np.all(run.gradient_norms <= DIVERGENCE_THRESHOLD)
    # The run stopped at the first step whose gradient or (dropped) next iterate is beyond
    # the threshold.
    g = f.gradient(run.final)
    assert (
        np.linalg.norm(g) > DIVERGENCE_THRESHOLD
        or np.max(np.abs(run.final - eta_of(run) * g)) > DIVERGENCE_THRESHOLD
    )
    # The losses stay finite: |x| and |g| <= 1e150 keep f = x . g / 2 below 1e300.
    assert np.all(np.isfinite(run.losses)) and run.success is False


def eta_of(run: Trajectory) -> float:
    return float(run.learning_rates[-1])


def test_divergence_on_every_driver_emits_no_warning() -> None:
    problem = small_problem()
    runs = [
        gradient_descent(Rosenbrock(), [-1.2, 1.0], learning_rate=0.1, steps=1000),
        gradient_descent(XCosCx(1.0), 10.0, learning_rate=1e6, steps=10_000),
        noisy_gradient_descent(
            Quadratic((2.0,)), 1.0, learning_rate=1.5, steps=10_000, noise_std=1.0, seed=0
        ),
        gradient_descent(problem, [0.0, 0.0, 0.0], learning_rate=10.0, steps=10_000),
        sgd(problem, [0.0, 0.0, 0.0], learning_rate=10.0, steps=10_000, seed=0),
        minibatch_sgd(
            problem, [0.0, 0.0, 0.0], learning_rate=10.0, batch_size=8, epochs=1000, seed=0
        ),
    ]
    for run in runs:
        assert run.diverged, run
        assert np.all(np.isfinite(run.iterates)) and np.all(np.isfinite(run.losses))


def test_tolerance_stops_before_the_step() -> None:
    f = Quadratic((2.0, 4.0))
    run = gradient_descent(f, [-5.0, -2.0], learning_rate=0.1, steps=1000, tol=1e-6)
    assert run.stop_reason == "tolerance"
    assert np.linalg.norm(f.gradient(run.final)) <= 1e-6
    assert np.all(run.gradient_norms > 1e-6)
    # Exactly the first t with ||grad f(x_t)|| <= tol: 10 * 0.8**t <= 1e-6.
    assert run.steps == math.ceil(math.log(1e-7) / math.log(0.8))


def test_start_at_the_minimum_with_tolerance_takes_no_step() -> None:
    run = gradient_descent(Quadratic((2.0,)), 0.0, learning_rate=0.1, steps=10, tol=0.0)
    assert run.stop_reason == "tolerance" and run.steps == 0
    assert run.iterates.shape == (1, 1)
    assert run.gradient_norms.shape == (0,) and run.examples.tolist() == [0]


# --- the driver x problem table ---------------------------------------------------------

Case = tuple[Callable[[], Trajectory], np.ndarray, float]


def _xcoscx_local_minimum(c: float, x: float) -> float:
    """Newton's method on f'(x) = cos(cx) - cx sin(cx), independent of the drivers."""
    for _ in range(50):
        d1 = math.cos(c * x) - c * x * math.sin(c * x)
        d2 = -2 * c * math.sin(c * x) - c * c * x * math.cos(c * x)
        x -= d1 / d2
    return x


def _table() -> dict[str, Case]:
    f = DoubleWell()
    ls = small_problem(200)
    beta = ls.solve()
    return {
        "gd-quadratic": (
            lambda: gradient_descent(
                Quadratic((2.0, 4.0)), [-5.0, -2.0], learning_rate=0.1, steps=200
            ),
            np.zeros(2),
            1e-12,
        ),
        "gd-rosenbrock": (
            lambda: gradient_descent(Rosenbrock(), [-1.2, 1.0], learning_rate=1e-3, steps=50_000),
            np.array([1.0, 1.0]),
            1e-6,
        ),
        "gd-double-well-left": (
            lambda: gradient_descent(f, -2.0, learning_rate=0.1, steps=500),
            np.array([f.deep_minimum]),
            1e-10,
        ),
        "gd-xcoscx": (
            lambda: gradient_descent(XCosCx(0.15 * np.pi), 10.0, learning_rate=2.0, steps=400),
            np.array([_xcoscx_local_minimum(0.15 * np.pi, -1.8)]),
            1e-6,
        ),
        "gd-least-squares": (
            lambda: gradient_descent(ls, np.zeros(3), learning_rate=0.2, steps=500),
            beta,
            1e-10,
        ),
        "gd-least-squares-schedule": (
            lambda: gradient_descent(
                ls, np.zeros(3), learning_rate=piecewise_constant([100], [0.2, 0.1]), steps=800
            ),
            beta,
            1e-10,
        ),
        "noisy-gd-quadratic-decaying": (
            lambda: noisy_gradient_descent(
                Quadratic((2.0, 4.0)),
                [-5.0, -2.0],
                learning_rate=polynomial(0.1, alpha=1.0, omega=0.1),
                steps=20_000,
                noise_std=1.0,
                seed=0,
            ),
            np.zeros(2),
            0.02,
        ),
        "sgd-with-replacement": (
            lambda: sgd(
                ls, np.zeros(3), learning_rate=polynomial(0.05, 1.0, 0.01), steps=40_000, seed=0
            ),
            beta,
            0.03,
        ),
        "sgd-shuffle": (
            lambda: sgd(
                ls,
                np.zeros(3),
                learning_rate=polynomial(0.05, 1.0, 0.01),
                steps=40_000,
                sampling="shuffle",
                seed=0,
            ),
            beta,
            0.03,
        ),
        "minibatch": (
            lambda: minibatch_sgd(
                ls,
                np.zeros(3),
                learning_rate=exponential(0.1, 0.999),
                batch_size=16,
                epochs=300,
                seed=0,
            ),
            beta,
            0.03,
        ),
    }


TABLE = _table()


@pytest.mark.parametrize("case", sorted(TABLE))
def test_driver_converges_to_the_known_minimiser(case: str) -> None:
    run_it, minimiser, atol = TABLE[case]
    run = run_it()
    assert run.stop_reason == "steps"
    np.testing.assert_allclose(run.final, minimiser, atol=atol)


# --- randomness ---------------------------------------------------------------------------

RANDOM_DRIVERS: dict[str, Callable[[Any], Trajectory]] = {
    "noisy": lambda seed: noisy_gradient_descent(
        Quadratic((2.0, 4.0)), [1.0, 1.0], learning_rate=0.1, steps=50, noise_std=1.0, seed=seed
    ),
    "sgd-with-replacement": lambda seed: sgd(
        small_problem(), np.zeros(3), learning_rate=0.01, steps=200, seed=seed
    ),
    "sgd-shuffle": lambda seed: sgd(
        small_problem(), np.zeros(3), learning_rate=0.01, steps=200, sampling="shuffle", seed=seed
    ),
    "minibatch": lambda seed: minibatch_sgd(
        small_problem(), np.zeros(3), learning_rate=0.01, batch_size=7, epochs=5, seed=seed
    ),
}


@pytest.mark.parametrize("name", sorted(RANDOM_DRIVERS))
def test_same_seed_same_run_different_seed_different_run(name: str) -> None:
    run = RANDOM_DRIVERS[name]
    assert_same_run(run(1), run(1))
    assert_same_run(run(1), run(np.random.default_rng(1)))
    assert not np.array_equal(run(1).iterates, run(2).iterates)


def test_a_passed_generator_is_advanced() -> None:
    rng = np.random.default_rng(5)
    first = RANDOM_DRIVERS["noisy"](rng)
    second = RANDOM_DRIVERS["noisy"](rng)
    assert not np.array_equal(first.iterates, second.iterates)


def test_sgd_draws_its_examples_from_the_seeded_generator() -> None:
    problem = small_problem()
    x0 = np.array([0.5, -0.5, 1.0])

    def replay(indices: np.ndarray) -> np.ndarray:
        x = x0.copy()
        for i in indices:
            x = x - 0.1 * problem.example_gradients(x, [i])[0]
        return x

    drawn = np.random.default_rng(9).integers(0, problem.n, size=5)
    run = sgd(problem, x0, learning_rate=0.1, steps=5, seed=9)
    np.testing.assert_allclose(run.final, replay(drawn), rtol=1e-13)
    shuffled = np.random.default_rng(9).permutation(problem.n)[:5]
    run = sgd(problem, x0, learning_rate=0.1, steps=5, sampling="shuffle", seed=9)
    np.testing.assert_allclose(run.final, replay(shuffled), rtol=1e-13)


def test_noisy_gradient_descent_adds_seeded_gaussian_noise() -> None:
    f = Quadratic((2.0, 4.0))
    x0 = np.array([1.0, 1.0])
    noise = 0.3 * np.random.default_rng(4).standard_normal(2)
    run = noisy_gradient_descent(f, x0, learning_rate=0.1, steps=1, noise_std=0.3, seed=4)
    np.testing.assert_allclose(run.final, x0 - 0.1 * (f.gradient(x0) + noise), rtol=1e-15)
    plain = gradient_descent(f, x0, learning_rate=0.1, steps=30)
    silent = noisy_gradient_descent(f, x0, learning_rate=0.1, steps=30, noise_std=0.0, seed=4)
    assert_same_run(plain, silent)


class _RecordingProblem:
    """A finite sum that remembers which indices each batch_gradient call received."""

    def __init__(self, problem: LeastSquares) -> None:
        self.problem = problem
        self.batches: list[np.ndarray] = []
        self.dim = problem.dim
        self.n = problem.n

    def __call__(self, x: Any) -> float:
        return self.problem(x)

    def gradient(self, x: Any) -> np.ndarray:
        return self.problem.gradient(x)

    def batch_gradient(self, x: Any, idx: Any) -> np.ndarray:
        self.batches.append(np.array(idx))
        return self.problem.batch_gradient(x, idx)


def test_shuffle_visits_each_example_exactly_once_per_epoch() -> None:
    recorder = _RecordingProblem(small_problem(50))
    sgd(recorder, np.zeros(3), learning_rate=0.01, steps=3 * 50 + 20, sampling="shuffle", seed=0)
    visited = np.concatenate(recorder.batches)
    assert visited.size == 170
    for epoch in range(3):
        np.testing.assert_array_equal(
            np.sort(visited[50 * epoch : 50 * (epoch + 1)]), np.arange(50)
        )
    assert np.unique(visited[150:]).size == 20  # a partial epoch has no repeats either
    assert not np.array_equal(visited[:50], visited[50:100])  # a new shuffle each epoch


def test_with_replacement_repeats_examples() -> None:
    recorder = _RecordingProblem(small_problem(50))
    sgd(recorder, np.zeros(3), learning_rate=0.01, steps=50, seed=0)
    visited = np.concatenate(recorder.batches)
    # P(no repeat in 50 draws from 50) = 50!/50**50, about 3e-21.
    assert np.unique(visited).size < 50


@pytest.mark.parametrize(
    ("batch_size", "drop_last"), [(7, False), (7, True), (10, False), (50, True)]
)
def test_minibatches_partition_each_epoch(batch_size: int, drop_last: bool) -> None:
    n, epochs = 50, 3
    recorder = _RecordingProblem(small_problem(n))
    run = minibatch_sgd(
        recorder,
        np.zeros(3),
        learning_rate=0.01,
        batch_size=batch_size,
        epochs=epochs,
        seed=0,
        drop_last=drop_last,
    )
    per_epoch = n // batch_size if drop_last else math.ceil(n / batch_size)
    assert run.steps == epochs * per_epoch == len(recorder.batches)
    sizes = [b.size for b in recorder.batches[:per_epoch]]
    if drop_last or n % batch_size == 0:
        assert sizes == [batch_size] * per_epoch
    else:
        assert sizes == [batch_size] * (per_epoch - 1) + [n % batch_size]
    for e in range(epochs):
        epoch = np.concatenate(recorder.batches[e * per_epoch : (e + 1) * per_epoch])
        assert (
            np.unique(epoch).size
            == epoch.size
            == per_epoch * batch_size
            - (0 if drop_last or n % batch_size == 0 else batch_size - n % batch_size)
        )
    np.testing.assert_array_equal(np.diff(run.examples), np.tile(sizes, epochs))


# --- unbiasedness ---------------------------------------------------------------------------


def test_monte_carlo_mean_of_sampled_gradients_converges_like_one_over_sqrt_m(
    book_problem: LeastSquares,
) -> None:
    beta = np.array([0.0, 0.0])
    full = book_problem.gradient(beta)
    per_example = book_problem.example_gradients(beta)
    spread = math.sqrt(np.trace(np.cov(per_example.T, bias=True)))  # sqrt E||g_i - grad||^2
    rng = np.random.default_rng(2024)
    errors = {}
    for m in (100, 1_000, 10_000, 100_000):
        draws = rng.integers(0, book_problem.n, size=m)  # the sampling sgd uses
        errors[m] = float(np.linalg.norm(book_problem.batch_gradient(beta, draws) - full))
        # E||error||^2 = spread^2 / m; 4 standard errors is generous but still O(1/sqrt(m)).
        assert errors[m] <= 4 * spread / math.sqrt(m)
    assert errors[100_000] < errors[100] / 10


# --- the identities -------------------------------------------------------------------------


@pytest.mark.parametrize("epochs", [1, 3])
@pytest.mark.parametrize("learning_rate", [0.05, exponential(0.05, 0.999)])
def test_batch_size_one_is_shuffled_sgd_bit_for_bit(epochs: int, learning_rate: Any) -> None:
    problem = small_problem(40)
    x0 = np.array([1.0, -1.0, 0.5])
    mini = minibatch_sgd(
        problem, x0, learning_rate=learning_rate, batch_size=1, epochs=epochs, seed=11
    )
    single = sgd(
        problem, x0, learning_rate=learning_rate, steps=epochs * 40, sampling="shuffle", seed=11
    )
    assert_same_run(mini, single)


@pytest.mark.parametrize("epochs", [1, 20])
def test_batch_size_n_is_gradient_descent_bit_for_bit(
    book_problem: LeastSquares, epochs: int
) -> None:
    x0 = np.array([0.0, 0.0])
    mini = minibatch_sgd(
        book_problem, x0, learning_rate=0.1, batch_size=book_problem.n, epochs=epochs, seed=0
    )
    full = gradient_descent(book_problem, x0, learning_rate=0.1, steps=epochs)
    assert_same_run(mini, full)


def test_batch_size_n_is_gradient_descent_on_a_small_problem_too() -> None:
    problem = small_problem(37)
    x0 = np.array([0.3, 0.2, 0.1])
    mini = minibatch_sgd(
        problem, x0, learning_rate=0.1, batch_size=37, epochs=30, seed=5, drop_last=True
    )
    assert_same_run(mini, gradient_descent(problem, x0, learning_rate=0.1, steps=30))


# --- the Trajectory ---------------------------------------------------------------------------


def test_examples_counter() -> None:
    problem = small_problem(50)
    assert gradient_descent(problem, np.zeros(3), learning_rate=0.1, steps=4).examples.tolist() == [
        0,
        50,
        100,
        150,
        200,
    ]
    assert gradient_descent(
        Quadratic((2.0,)), 1.0, learning_rate=0.1, steps=3
    ).examples.tolist() == [
        0,
        1,
        2,
        3,
    ]
    run = noisy_gradient_descent(
        problem, np.zeros(3), learning_rate=0.1, steps=2, noise_std=1.0, seed=0
    )
    assert run.examples.tolist() == [0, 50, 100]
    assert sgd(problem, np.zeros(3), learning_rate=0.1, steps=5, seed=0).examples.tolist() == list(
        range(6)
    )
    run = minibatch_sgd(problem, np.zeros(3), learning_rate=0.1, batch_size=16, epochs=2, seed=0)
    assert run.examples.tolist() == [0, 16, 32, 48, 50, 66, 82, 98, 100]
    assert run.examples.dtype == np.int64


def test_trajectory_shapes_and_properties() -> None:
    run = gradient_descent(Quadratic((2.0, 4.0)), [-5.0, -2.0], learning_rate=0.1, steps=20)
    assert run.iterates.shape == (21, 2)
    assert run.losses.shape == (21,)
    assert run.gradient_norms.shape == (20,)
    assert run.learning_rates.shape == (20,)
    assert run.examples.shape == (21,)
    assert run.steps == 20
    np.testing.assert_array_equal(run.final, run.iterates[-1])
    assert run.diverged is False
    np.testing.assert_array_equal(run.iterates[0], [-5.0, -2.0])


def test_trajectory_is_immutable() -> None:
    run = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=0.1, steps=3)
    for name in ARRAYS:
        array = getattr(run, name)
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.stop_reason = "tolerance"  # type: ignore[misc]


def test_x0_is_copied() -> None:
    x0 = np.array([1.0, 2.0])
    run = gradient_descent(Quadratic((2.0, 4.0)), x0, learning_rate=0.1, steps=3)
    x0[0] = 100.0
    assert run.iterates[0, 0] == 1.0


def test_schedule_values_are_recorded() -> None:
    schedule = exponential(0.4, 0.5)
    run = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=schedule, steps=6)
    np.testing.assert_array_equal(run.learning_rates, schedule(np.arange(6)))
    run = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=lambda t: 0.1 / (t + 1), steps=3)
    np.testing.assert_allclose(run.learning_rates, [0.1, 0.05, 0.1 / 3])


def test_a_schedule_returning_a_negative_rate_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"schedule returning -0\.1 at t=0"):
        gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=lambda t: -0.1, steps=3)


def test_trajectory_rejects_inconsistent_shapes() -> None:
    with pytest.raises(
        ValueError,
        match=r"'learning_rates' parameter of Trajectory must be an array of shape \(2,\)",
    ):
        Trajectory(
            iterates=np.zeros((3, 1)),
            losses=np.zeros(3),
            gradient_norms=np.zeros(2),
            learning_rates=np.zeros(1),
            examples=np.zeros(3, dtype=np.int64),
            stop_reason="steps",
        )
    with pytest.raises(ValueError, match="stop_reason"):
        Trajectory(np.zeros((1, 1)), np.zeros(1), np.zeros(0), np.zeros(0), np.zeros(1), "done")  # type: ignore[arg-type]


# --- the full loss only every k steps ---------------------------------------------------


def _drivers(problem: LeastSquares) -> dict[str, Callable[..., Trajectory]]:
    x0 = np.zeros(problem.dim)
    kw0 = {"loss_every": 1}  # the reference records every step; a test's kw override it
    return {
        "gradient_descent": lambda **kw: gradient_descent(
            problem, x0, learning_rate=0.1, steps=37, **{**kw0, **kw}
        ),
        "noisy_gradient_descent": lambda **kw: noisy_gradient_descent(
            problem, x0, learning_rate=0.1, steps=37, noise_std=0.5, seed=4, **{**kw0, **kw}
        ),
        "sgd": lambda **kw: sgd(problem, x0, learning_rate=0.05, steps=37, seed=4, **{**kw0, **kw}),
        "minibatch_sgd": lambda **kw: minibatch_sgd(
            problem, x0, learning_rate=0.1, batch_size=8, epochs=6, seed=4, **{**kw0, **kw}
        ),
    }


@pytest.mark.parametrize(
    "name", ["gradient_descent", "noisy_gradient_descent", "sgd", "minibatch_sgd"]
)
@pytest.mark.parametrize("every", [1, 5, 10, 100, None])
def test_loss_every_changes_only_which_losses_are_recorded(name: str, every: int | None) -> None:
    driver = _drivers(small_problem())[name]
    full, sparse = driver(), driver(loss_every=every)
    for array in ("iterates", "gradient_norms", "learning_rates", "examples"):
        np.testing.assert_array_equal(getattr(sparse, array), getattr(full, array))
    steps = full.steps
    expected = [0, *range(every or steps + 1, steps + 1, every or steps + 1)]
    if expected[-1] != steps:
        expected.append(steps)
    assert sparse.loss_steps.tolist() == expected
    np.testing.assert_array_equal(sparse.losses, full.losses[sparse.loss_steps])
    assert full.loss_steps.tolist() == list(range(steps + 1))


@pytest.mark.parametrize("every", [1, 3, None])
def test_divergence_is_reported_without_the_loss(every: int | None) -> None:
    run = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=1.5, steps=5000, loss_every=every)
    assert run.diverged and run.steps < 5000
    assert np.all(np.isfinite(run.iterates)) and np.all(np.isfinite(run.losses))
    assert run.loss_steps[-1] == run.steps
    reference = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=1.5, steps=5000)
    assert run.steps == reference.steps


@pytest.mark.parametrize("every", [1, 2, None])
def test_an_overflowing_loss_is_recorded_not_acted_on(every: int | None) -> None:
    # x_1 = -2e10 is finite and far below the threshold, but f(x_1) = (1e200 * 2e10)^2
    # overflows. The loss never stops a run (it is not evaluated at every step, so stopping
    # on it would make the iterates depend on loss_every); the gradient at x_1, 1e400 * 2e10,
    # overflows too, and that stops the run, after step 1 whatever loss_every is.
    problem = LeastSquares([[1e200]], [0.0])
    run = gradient_descent(problem, [1e-300], learning_rate=1e-90, steps=3, loss_every=every)
    assert run.diverged and run.steps == 1
    assert run.loss_steps.tolist() == [0, 1] and run.losses[1] == np.inf
    assert not run.success and "the gradient at step 1" in (run.message or "")
    assert "not finite at 1 of the 2 recorded steps" in (run.message or "")


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2"])
def test_loss_every_is_validated(bad: object) -> None:
    with pytest.raises((TypeError, ValueError), match="'loss_every' parameter of minibatch_sgd"):
        minibatch_sgd(
            small_problem(),
            np.zeros(3),
            learning_rate=0.1,
            batch_size=8,
            epochs=1,
            seed=0,
            loss_every=bad,  # type: ignore[arg-type]
        )


def test_trajectory_checks_its_loss_steps() -> None:
    arrays = (np.zeros((3, 1)), np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(3, dtype=np.int64))
    Trajectory(*arrays, "steps", loss_steps=np.array([0, 2]))
    for bad in ([0, 1], [1, 2], [0, 0, 2]):
        with pytest.raises(ValueError, match="'loss_steps' parameter of Trajectory"):
            losses = np.zeros(len(bad))
            Trajectory(arrays[0], losses, *arrays[2:], "steps", loss_steps=np.array(bad))


@pytest.mark.parametrize(
    "schedule",
    [
        exponential(0.3, 0.999),
        polynomial(0.5, 0.51, 0.01),
        piecewise_constant([10, 500], [0.3, 0.1, 0.01]),
    ],
    ids=repr,
)
def test_a_schedule_gives_the_same_rates_one_step_at_a_time_and_all_at_once(schedule: Any) -> None:
    # The drivers evaluate a gdbook schedule for all steps at once: that must give the values
    # a step-by-step evaluation gives, bit for bit.
    steps = np.arange(3000)
    assert [schedule(int(t)) for t in steps] == schedule(steps).tolist()
    run = gradient_descent(Quadratic((2.0,)), 1.0, learning_rate=schedule, steps=300)
    stepwise = gradient_descent(
        Quadratic((2.0,)), 1.0, learning_rate=lambda t: schedule(t), steps=300
    )
    assert_same_run(run, stepwise)


def _diverging_drivers(problem: LeastSquares) -> dict[str, Callable[..., Trajectory]]:
    x0 = np.zeros(problem.dim)
    return {
        "gradient_descent": lambda **kw: gradient_descent(
            problem, x0, learning_rate=10.0, steps=10_000, **kw
        ),
        "noisy_gradient_descent": lambda **kw: noisy_gradient_descent(
            problem, x0, learning_rate=10.0, steps=10_000, noise_std=0.5, seed=4, **kw
        ),
        "sgd": lambda **kw: sgd(problem, x0, learning_rate=10.0, steps=10_000, seed=4, **kw),
        "minibatch_sgd": lambda **kw: minibatch_sgd(
            problem, x0, learning_rate=10.0, batch_size=8, epochs=1000, seed=4, **kw
        ),
    }


@pytest.mark.parametrize(
    "name", ["gradient_descent", "noisy_gradient_descent", "sgd", "minibatch_sgd"]
)
@pytest.mark.parametrize("every", [7, None])
def test_every_driver_reports_divergence_without_the_loss(name: str, every: int | None) -> None:
    # The iterate outgrows DIVERGENCE_THRESHOLD long before the loss could overflow, so the
    # O(d) check on the iterate alone must stop the run exactly where the default run stops.
    driver = _diverging_drivers(small_problem())[name]
    full, sparse = driver(loss_every=1), driver(loss_every=every)
    assert full.diverged and sparse.diverged
    assert sparse.steps == full.steps
    for array in ("iterates", "gradient_norms", "learning_rates", "examples"):
        np.testing.assert_array_equal(getattr(sparse, array), getattr(full, array))
    assert sparse.loss_steps[0] == 0 and sparse.loss_steps[-1] == sparse.steps
    np.testing.assert_array_equal(sparse.losses, full.losses[sparse.loss_steps])
    assert np.all(np.isfinite(sparse.losses))


@dataclasses.dataclass(frozen=True)
class _NanGradientBelowHalf:
    """f(x) = |x|^2, except that the gradient's middle coordinate is NaN once x_0 < 0.5."""

    dim: int = 3

    def __call__(self, x: Any) -> float:
        return float(np.sum(np.asarray(x) ** 2))

    def gradient(self, x: Any) -> np.ndarray:
        g = 2.0 * np.asarray(x, dtype=np.float64)
        if g[0] < 1.0:
            g[1] = np.nan
        return g


@pytest.mark.parametrize("every", [1, 2, None])
def test_a_nan_in_one_coordinate_is_divergence(every: int | None) -> None:
    # x_t = 0.8^t (1, 1, 1): x_4 = 0.4096 is the first with x_0 < 0.5, so step 4 would
    # produce a NaN coordinate; it is dropped, whether or not the loss is evaluated.
    run = gradient_descent(
        _NanGradientBelowHalf(), np.ones(3), learning_rate=0.1, steps=50, loss_every=every
    )
    assert run.diverged and run.steps == 4
    np.testing.assert_allclose(run.final, np.full(3, 0.8**4), rtol=1e-15)
    assert np.all(np.isfinite(run.iterates)) and run.loss_steps[-1] == 4
