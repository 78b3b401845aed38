"""gdbook.noise: the exact expected loss of simulated SGD on a quadratic, and its floor."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gdbook
from gdbook import Quadratic, noise_floor, noisy_quadratic_loss

BOWL = Quadratic((2.0, 4.0))


def test_without_noise_it_is_the_loss_of_gradient_descent() -> None:
    run = gdbook.gradient_descent(BOWL, [-5.0, -2.0], learning_rate=0.1, steps=30)
    curve = noisy_quadratic_loss(BOWL, [-5.0, -2.0], learning_rate=0.1, steps=30, noise_std=0.0)
    np.testing.assert_allclose(curve, run.losses, rtol=1e-13)


def test_it_agrees_with_many_simulated_runs() -> None:
    """4000 independent runs of noisy_gradient_descent, stacked into one quadratic."""
    copies, steps = 4000, 200
    stacked = Quadratic(np.tile(BOWL.curvatures, copies))
    schedule = gdbook.polynomial(0.2, alpha=1.0, omega=0.1)
    run = gdbook.noisy_gradient_descent(
        stacked,
        np.tile([-5.0, -2.0], copies),
        learning_rate=schedule,
        steps=steps,
        noise_std=1.0,
        seed=5,
    )
    exact = noisy_quadratic_loss(
        BOWL, [-5.0, -2.0], learning_rate=schedule, steps=steps, noise_std=1.0
    )
    # the mean over 4000 runs has a relative standard error of about 2 % here
    np.testing.assert_allclose(run.losses / copies, exact, rtol=0.08)


@settings(max_examples=60, deadline=None)
@given(
    eta=st.floats(0.01, 0.49),
    sigma=st.floats(0.0, 3.0),
    h=st.lists(st.floats(0.1, 4.0), min_size=1, max_size=4),
)
def test_the_floor_is_the_limit_of_the_curve(eta: float, sigma: float, h: list[float]) -> None:
    f = Quadratic(h)
    rho = max(abs(1.0 - eta * hi) for hi in h)  # the slowest coordinate's factor per step
    steps = int(30 / -math.log(max(rho, 1e-300))) + 10  # every squared mean has shrunk by e^-60
    curve = noisy_quadratic_loss(
        f, np.ones(len(h)), learning_rate=eta, steps=steps, noise_std=sigma
    )
    floor = noise_floor(f, learning_rate=eta, noise_std=sigma)
    assert curve[-1] == pytest.approx(floor, rel=1e-9, abs=1e-20 * curve[0])


def test_the_floor_in_one_dimension_is_eta_sigma2_over_2_2_minus_eta_h() -> None:
    floor = noise_floor(Quadratic((2.0,)), learning_rate=0.25, noise_std=2.0)
    assert floor == pytest.approx(0.25 * 4.0 / (2 * (2 - 0.5)), rel=1e-15)


def test_a_constant_rate_equals_a_constant_schedule() -> None:
    a = noisy_quadratic_loss(BOWL, [1.0, 2.0], learning_rate=0.1, steps=50, noise_std=0.5)
    b = noisy_quadratic_loss(
        BOWL, [1.0, 2.0], learning_rate=gdbook.constant(0.1), steps=50, noise_std=0.5
    )
    c = noisy_quadratic_loss(BOWL, [1.0, 2.0], learning_rate=lambda t: 0.1, steps=50, noise_std=0.5)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)


@pytest.mark.parametrize(
    ("call", "error", "text"),
    [
        (lambda: noise_floor(BOWL, learning_rate=0.5, noise_std=1.0), ValueError, r"\(0, 0\.5\)"),
        (lambda: noise_floor("bowl", learning_rate=0.1, noise_std=1.0), TypeError, "Quadratic"),
        (lambda: noise_floor(BOWL, learning_rate=0.1, noise_std=-1.0), ValueError, "noise_std"),
        (
            lambda: noisy_quadratic_loss(BOWL, [1.0], learning_rate=0.1, steps=3, noise_std=1.0),
            ValueError,
            "'x0'.*shape \\(2,\\)",
        ),
        (
            lambda: noisy_quadratic_loss(
                BOWL, [1.0, 1.0], learning_rate=0.1, steps=-1, noise_std=1.0
            ),
            ValueError,
            "'steps'",
        ),
        (
            lambda: noisy_quadratic_loss(
                BOWL, [1.0, 1.0], learning_rate=lambda t: -1.0, steps=3, noise_std=1.0
            ),
            ValueError,
            "'learning_rate'.*at step 0",
        ),
    ],
)
def test_bad_arguments_name_the_parameter(call: object, error: type, text: str) -> None:
    with pytest.raises(error, match=text):
        call()  # type: ignore[operator]
