"""Chapter 2, gradient descent in one dimension: the page's claims against closed forms."""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import pytest

import gdbook
from book.chapters.ch02 import facts as facts_module
from tests.conftest import page_outputs

ROOT = Path(__file__).resolve().parents[2]
FACTS = facts_module.facts()
SQUARE = gdbook.Quadratic((2.0,))
XCOS = gdbook.XCosCx(0.15 * np.pi)


@functools.cache
def outputs() -> dict[str, str]:
    return page_outputs("gd/gd-1d.md")


def output_of(name: str) -> str:
    """What ``book/chapters/ch02/code/<name>.py`` prints on the page."""
    return outputs()[name]


def newton_minimum(x: float) -> float:
    """A critical point of x cos(cx) by Newton's method from ``x`` (independent of GD)."""
    for _ in range(50):
        x -= float(XCOS.gradient(x)[0]) / float(XCOS.hessian(x)[0, 0])
    return x


@pytest.mark.parametrize("eta", [0.2, 0.05, 1.1])
def test_iterates_follow_the_closed_form(eta: float) -> None:
    run = gdbook.gradient_descent(SQUARE, 10.0, learning_rate=eta, steps=10)
    expected = (1 - 2 * eta) ** np.arange(11) * 10.0
    np.testing.assert_allclose(run.iterates[:, 0], expected, rtol=1e-14, atol=0)
    np.testing.assert_allclose(run.losses, expected**2, rtol=1e-14, atol=0)


@pytest.mark.parametrize(("key", "eta"), [("02", 0.2), ("005", 0.05), ("11", 1.1)])
def test_final_facts_are_the_closed_form(key: str, eta: float) -> None:
    assert FACTS[f"final_x_{key}"] == f"{(1 - 2 * eta) ** 10 * 10:.10f}"


def test_standard_example_facts() -> None:
    assert FACTS["final_x_02"] == "0.0604661760"  # 10 * 0.6**10 = 0.060466176
    assert FACTS["x1_02"] == "6" and FACTS["x2_02"] == "3.6"
    assert FACTS["f_ratio_02"] == "0.36"
    assert float(FACTS["final_f_02"]) == pytest.approx(0.060466176**2, abs=1e-10)
    printed = output_of("standard_example")
    assert f"x_10 = {FACTS['final_x_02']}" in printed
    printed = output_of("learning_rates")
    assert f"x_10 = {FACTS['final_x_005']}" in printed
    assert f"x_10 = {FACTS['final_x_11']}" in printed


def test_printed_closed_form_columns_agree() -> None:
    rows = [line.split() for line in output_of("closed_form").strip().splitlines()[1:]]
    assert [float(row[0]) for row in rows] == [0.2, 0.05, 1.1]
    for row in rows:
        assert row[1] == row[2]  # gradient descent and the closed form, to 10 decimals
        assert abs(float(row[3])) < 1e-13 and float(row[4]) < 1e-15
    mantissa, exponent = FACTS["closed_max_rel"].split(" \\times 10^")
    assert float(mantissa) * 10 ** int(exponent.strip("{}")) < 4 * np.finfo(float).eps


@pytest.mark.parametrize("eta", np.round(np.arange(0.05, 1.5, 0.05), 2).tolist())
def test_convergence_exactly_for_eta_between_zero_and_one(eta: float) -> None:
    run = gdbook.gradient_descent(SQUARE, 10.0, learning_rate=eta, steps=200)
    xs = run.iterates[:, 0]
    if eta < 1.0:
        # |x_200| = |1 - 2 eta|^200 * 10, and every step strictly shrinks |x| (until 0)
        assert abs(run.final[0]) <= 10.0 * abs(1 - 2 * eta) ** 200 * (1 + 1e-12)
        assert np.all(np.abs(np.diff(np.abs(xs[xs != 0]))) > 0)
        assert abs(run.final[0]) < 0.01
    elif eta == 1.0:
        np.testing.assert_array_equal(np.abs(xs), 10.0)  # bounces between +10 and -10
    else:
        assert abs(xs[-1]) > 1e3 or run.diverged
    if 0 < eta < 0.5:
        assert np.all(xs[:20] > 0)  # monotone: never crosses the minimum
        assert np.all(np.diff(xs[:20]) < 0)
    if eta > 0.5:
        signs = np.sign(xs[:10])
        assert np.all(signs[1:] == -signs[:-1])  # alternating sides


def test_half_reaches_the_minimum_in_one_step() -> None:
    run = gdbook.gradient_descent(SQUARE, 10.0, learning_rate=0.5, steps=3)
    assert run.iterates[1, 0] == 0.0


def test_first_order_prediction_and_exact_remainder_on_the_square() -> None:
    rng = np.random.default_rng(2)
    for x, eta in zip(rng.uniform(-5, 5, 50), rng.uniform(0.0, 1.5, 50), strict=True):
        slope = float(SQUARE.gradient(x)[0])
        after = SQUARE(x - eta * slope)
        assert after == pytest.approx(SQUARE(x) - eta * slope**2 * (1 - eta), abs=1e-9)
        assert (after < SQUARE(x)) == (eta < 1)
    assert FACTS["taylor_pred_02"] == "0.20" and FACTS["taylor_actual_02"] == "0.36"
    assert FACTS["taylor_pred_11"] == "-3.40" and FACTS["taylor_actual_11"] == "1.44"


def test_taylor_bound_holds_for_x_cos_cx() -> None:
    # f(x - eta f'(x)) <= f(x) - eta (1 - eta L / 2) f'(x)^2 with L the largest f'' on the
    # segment the step crosses.
    rng = np.random.default_rng(3)
    for x, eta in zip(rng.uniform(-10, 12, 200), rng.uniform(0.01, 3.0, 200), strict=True):
        slope = float(XCOS.gradient(x)[0])
        new = x - eta * slope
        segment = np.linspace(min(x, new), max(x, new), 2001)
        curvature = max(float(XCOS.hessian(s)[0, 0]) for s in segment)
        bound = XCOS(x) - eta * (1 - eta * curvature / 2) * slope**2
        assert XCOS(new) <= bound + 1e-9


def test_stopping_rule_step_count() -> None:
    bound = math.log(2 * 10.0 / 1e-6) / math.log(1 / 0.6)
    assert FACTS["loop_steps"] == str(math.ceil(bound)) == "33"
    assert FACTS["loop_bound"] == f"{bound:.1f}"
    printed = output_of("gd_loop")
    assert "by hand: t = 33" in printed and "gdbook : t = 33" in printed
    assert "'tolerance'" in printed


def test_x_cos_cx_ends_near_a_poor_local_minimum() -> None:
    run = gdbook.gradient_descent(XCOS, 10.0, learning_rate=2.0, steps=10)
    x10 = float(run.final[0])
    local = newton_minimum(x10)
    assert abs(XCOS.gradient(local)[0]) < 1e-12  # a critical point ...
    assert XCOS.hessian(local)[0, 0] > 0  # ... and a minimum
    assert abs(x10 - local) < 0.5  # the run ends near it
    grid = np.linspace(-10.0, 12.0, 220_001)
    values = grid * np.cos(0.15 * np.pi * grid)
    lowest = float(grid[np.argmin(values)])
    assert values.min() < XCOS(local) - 5.0  # not the global minimum on the plotted interval
    assert lowest == pytest.approx(float(FACTS["xcos_deep_min"]), abs=1e-3)
    assert FACTS["xcos_local_min"] == f"{local:.4f}"
    assert FACTS["xcos_final"] == f"{x10:.4f}"
    assert FACTS["xcos_x1"] == f"{10 - 2 * 1.5 * math.pi:.4f}"  # f'(10) = 1.5 pi
    # The iterates alternate around the local minimum from step 2 on.
    errors = run.iterates[2:, 0] - local
    assert np.all(np.sign(errors[1:]) == -np.sign(errors[:-1]))


def test_x_cos_cx_local_factor_and_bound() -> None:
    local = newton_minimum(float(FACTS["xcos_final"]))
    curvature = float(XCOS.hessian(local)[0, 0])
    assert FACTS["xcos_curvature"] == f"{curvature:.4f}"
    assert FACTS["xcos_factor"] == f"{1 - 2 * curvature:.3f}"
    assert -1 < 1 - 2 * curvature < 0  # oscillating, converging
    assert 2.0 < 2 / curvature == pytest.approx(float(FACTS["xcos_eta_bound"]), abs=0.005)


def test_x_cos_cx_is_unbounded_below() -> None:
    # At x = -2k pi / c the cosine is 1, so f = x there: no global minimum on the real line.
    for k in (1, 10, 100):
        x = -2 * k * math.pi / (0.15 * math.pi)
        assert XCOS(x) == pytest.approx(x)


def test_small_learning_rate_finds_the_deep_minimum() -> None:
    deep = newton_minimum(7.0)
    run = gdbook.gradient_descent(XCOS, 10.0, learning_rate=0.2, steps=500, tol=1e-12)
    assert run.final[0] == pytest.approx(deep, abs=1e-9)
    assert FACTS["xcos_deep_min"] == f"{deep:.4f}"
    assert FACTS["xcos_deep_f"] == f"{XCOS(deep):.4f}"
    printed = output_of("which_minimum")
    assert f"x = {FACTS['xcos_local_min']}" in printed
    assert f"x = {FACTS['xcos_deep_min']}" in printed


@pytest.mark.parametrize("eta", facts_module.EXERCISE_TOL_ETAS)
def test_exercise_step_counts(eta: float) -> None:
    expected = math.ceil(math.log(1e7) / math.log(1 / abs(1 - 2 * eta)))
    assert FACTS[f"ex2_steps_{facts_module.key(eta)}"] == str(expected)


@pytest.mark.parametrize("eta", facts_module.EXERCISE_ETAS)
def test_exercise_closed_forms(eta: float) -> None:
    value = (1 - 2 * eta) ** 10 * 10
    assert FACTS[f"ex1_x10_{facts_module.key(eta)}"] == facts_module.plain_or_sci(value)


def test_exercise_runs_reach_the_claimed_minima() -> None:
    deep, shallow = newton_minimum(7.0), newton_minimum(-1.8)
    for eta in (0.2, 0.5, 1.0):
        run = gdbook.gradient_descent(XCOS, 10.0, learning_rate=eta, steps=50)
        assert abs(run.final[0] - deep) < 0.01
    run = gdbook.gradient_descent(XCOS, 10.0, learning_rate=2.0, steps=50)
    assert abs(run.final[0] - shallow) < 0.1
