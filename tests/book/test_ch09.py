"""Chapter 9, Newton's method, preconditioning and line search: the page's claims."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

import gdbook
from book.chapters import page_literals, page_module
from book.chapters.ch09 import facts as facts_module
from book.chapters.ch09 import params
from tests.conftest import page_outputs

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "book" / "chapters" / "ch09" / "code"
FACTS = facts_module.facts()
OUTPUTS = page_outputs("beyond/newton.md")
WAVE = gdbook.XCosCx(params.XCOS_C)
OBJECTIVES = page_module(9, "objectives")


def sci(fact: str) -> float:
    r"""Read a fact written as LaTeX scientific notation (``-7.31 \times 10^{-5}``)."""
    mantissa, exponent = fact.split(" \\times 10^")
    return float(mantissa) * 10.0 ** int(exponent.strip("{}"))


# --- parameters: what the page shows is what the chapter computes with ------------------------


def test_parameters_are_the_pages() -> None:
    assert (params.C, params.X0, params.STEPS) == (0.5, 10.0, 10)
    assert params.ETAS == (1.0, 0.5)
    assert "XCosCx(0.15 * np.pi)" in (CODE / "xcos_run.py").read_text(encoding="utf-8")
    assert "angle = np.pi / 4" in (CODE / "precondition.py").read_text(encoding="utf-8")
    assert math.isclose(params.XCOS_C, 0.15 * math.pi) and math.isclose(params.ANGLE, math.pi / 4)
    rosenbrock = (CODE / "rosenbrock.py").read_text(encoding="utf-8")
    assert f"learning_rate={facts_module.ROSENBROCK_ETA}" in rosenbrock
    assert f"steps={facts_module.NEWTON_STEPS})" in rosenbrock
    armijo = (CODE / "armijo.py").read_text(encoding="utf-8")
    assert "tol=1e-6" in armijo and facts_module.TOL == 1e-6
    assert page_literals(9, "precondition")["accuracy"] == params.ACCURACY


# --- the page's own objectives ----------------------------------------------------------------


@pytest.mark.parametrize("x", [-3.0, -0.2, 0.0, 0.7, 10.0])
def test_cosh_derivatives_match_finite_differences(x: float) -> None:
    bell = OBJECTIVES.Cosh(params.C)
    assert gdbook.check_gradient(bell, bell.gradient, [x]).passed
    second = gdbook.check_gradient(lambda p: bell.gradient(p)[0], lambda p: bell.hessian(p)[0], [x])
    assert second.passed


def test_the_derivative_check_block_passes_everywhere() -> None:
    lines = OUTPUTS["objectives"].strip().splitlines()  # the block of objectives.py
    assert len(lines) == 5
    assert all(line.endswith("passed: True") for line in lines)


# --- first runs -------------------------------------------------------------------------------


def test_one_step_on_half_x_squared_lands_on_zero() -> None:
    values = re.findall(r"= (\S+)$", OUTPUTS["one_step"], re.M)
    assert values == ["0.0", "0.0", "0.0"]


def test_cosh_run_is_x_minus_tanh_over_c() -> None:
    c, x = params.C, params.X0
    expected = [x]
    for _ in range(params.STEPS):
        x = x - math.tanh(c * x) / c
        expected.append(x)
    run = gdbook.newton(OBJECTIVES.Cosh(c), params.X0, steps=params.STEPS)
    printed = [float(line.split()[1]) for line in OUTPUTS["cosh_run"].splitlines()[1:]]
    np.testing.assert_array_equal(printed, run.iterates[:, 0])
    # Up to x_7 the two formulas agree to rounding. x_8 is the difference of two numbers near
    # 1.4e-7 that agree in all but their last bits, so it is known only to about 3e-23.
    np.testing.assert_allclose(run.iterates[:8, 0], expected[:8], rtol=1e-12)
    assert abs(run.iterates[8, 0] - expected[8]) < 1e-7 * 2.0**-52 * 8
    assert run.iterates[9, 0] == expected[9] == 0.0


def test_cosh_far_phase_steps_are_one_over_c_and_near_phase_is_cubic() -> None:
    xs = gdbook.newton(OBJECTIVES.Cosh(params.C), params.X0, steps=params.STEPS).iterates[:, 0]
    assert np.allclose(-np.diff(xs[:4]), 1 / params.C, rtol=0.04)
    # x_{t+1} = c^2 x_t^3 / 3 (1 + O(x_t^2)): within 0.1 % once x_t < 0.02
    assert sci(FACTS["cosh_x7"]) == pytest.approx(sci(FACTS["cosh_cubic"]), rel=1e-3)
    assert xs[int(FACTS["cosh_zero_step"])] == 0.0 and xs[int(FACTS["cosh_zero_step"]) - 1] > 0
    assert float(FACTS["cosh_ratio"]) == pytest.approx(math.cosh(params.C * params.X0), abs=0.5)


# --- x cos(cx) --------------------------------------------------------------------------------


def test_first_newton_step_on_x_cos_cx_is_exactly_five() -> None:
    # c x0 = 3 pi / 2: f'(10) = 10 c, f''(10) = 2 c, so x1 = 10 - 5.
    assert WAVE.gradient(10.0)[0] == pytest.approx(10 * params.XCOS_C)
    assert WAVE.hessian(10.0)[0, 0] == pytest.approx(2 * params.XCOS_C)
    assert facts_module.wave_runs()[1.0].iterates[1, 0] == pytest.approx(5.0, abs=1e-12)


def test_pure_newton_ends_on_a_local_maximum_and_damped_on_a_local_minimum() -> None:
    pure, damped = facts_module.wave_runs()[1.0], facts_module.wave_runs()[0.5]
    top = pure.x[0]
    assert abs(WAVE.gradient(top)[0]) < 1e-12 and WAVE.hessian(top)[0, 0] < 0
    assert WAVE(top) > WAVE(params.X0) + 20  # "far above" the start
    # it is a maximum: both neighbours are lower
    assert WAVE(top - 1e-3) < WAVE(top) > WAVE(top + 1e-3)
    bottom = float(FACTS["wave_min"])
    assert WAVE.hessian(bottom)[0, 0] > 0 and WAVE(bottom) < WAVE(params.X0)
    assert abs(damped.x[0] - bottom) < 1e-3
    # x2 lies where f'' < 0: from there the Newton step points uphill
    x2 = pure.iterates[2, 0]
    assert WAVE.hessian(x2)[0, 0] < 0
    step = -WAVE.gradient(x2)[0] / WAVE.hessian(x2)[0, 0]
    assert np.sign(step) == np.sign(WAVE.gradient(x2)[0])


def test_damped_newton_converges_linearly_at_one_minus_eta() -> None:
    assert float(FACTS["damped_ratio"]) == pytest.approx(1 - params.ETAS[1], abs=0.01)


def test_the_pages_third_derivative_is_the_derivative_of_the_hessian() -> None:
    h = 1e-5
    for x in (1.0, 7.3, 26.8):
        numeric = (WAVE.hessian(x + h)[0, 0] - WAVE.hessian(x - h)[0, 0]) / (2 * h)
        assert facts_module.third_derivative(x) == pytest.approx(numeric, rel=1e-6)


def test_measured_ratio_tends_to_the_predicted_constant() -> None:
    pure = facts_module.wave_runs()[1.0]
    errors = np.abs(pure.iterates[:, 0] - pure.x[0])
    assert errors[6] / errors[5] ** 2 == pytest.approx(float(FACTS["limit"]), rel=1e-2)
    digits = [float(FACTS[f"digits{t}"]) for t in (4, 5, 6)]
    assert digits[1] > 1.8 * digits[0] and digits[2] > 1.8 * digits[1]  # roughly doubling


# --- Rosenbrock -------------------------------------------------------------------------------


def test_newton_on_rosenbrock_is_exact_and_gradient_descent_is_not() -> None:
    banana = gdbook.Rosenbrock()
    run = gdbook.newton(banana, params.BEGIN, steps=facts_module.NEWTON_STEPS)
    exact = int(FACTS["rosen_exact"])
    np.testing.assert_array_equal(run.iterates[exact], banana.minimizer)
    assert np.any(run.iterates[exact - 1] != banana.minimizer)
    assert run.losses.max() > run.losses[0]  # not a descent method
    assert float(FACTS["rosen_gd_err"]) > 1e-2


# --- preconditioning --------------------------------------------------------------------------


def test_plain_steps_follow_from_the_rate_kappa_minus_one_over_kappa_plus_one() -> None:
    kappa = float(FACTS["kappa"])
    rate = (kappa - 1) / (kappa + 1)  # both coordinates shrink by exactly this factor
    assert int(FACTS["plain_steps"]) == math.ceil(math.log(params.ACCURACY) / math.log(rate))


def test_turned_hessian_and_the_diagonal_preconditioner() -> None:
    h = facts_module.turned_hessian()
    np.testing.assert_allclose(h, [[11.0, -9.0], [-9.0, 11.0]], atol=1e-12)
    np.testing.assert_allclose(np.linalg.eigvalsh(h), params.CURVATURES)
    assert FACTS["turned_diag_steps"] == FACTS["plain_steps"]
    assert FACTS["diag_steps"] == FACTS["turned_full_steps"] == "1"


def test_diagonal_preconditioning_is_exact_only_for_a_diagonal_hessian() -> None:
    rng = np.random.default_rng(9)
    for _ in range(20):
        q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
        h = q @ np.diag(rng.uniform(1.0, 10.0, size=3)) @ q.T
        p_inv_h = h / np.diag(h)[:, np.newaxis]
        exact = np.allclose(p_inv_h, np.eye(3))
        assert exact == np.allclose(h, np.diag(np.diag(h)))


# --- line search ------------------------------------------------------------------------------


def test_armijo_floor_is_two_one_minus_alpha_over_l() -> None:
    valley = gdbook.Quadratic(params.CURVATURES)
    floor = 2 * (1 - facts_module.ALPHA) / valley.lipschitz
    assert float(FACTS["armijo_floor"]) == pytest.approx(floor, abs=1e-5)
    runs = facts_module.line_search_runs()
    searched = runs["valley"][1]
    assert searched.learning_rates.min() >= facts_module.TAU * floor


def test_line_search_runs_satisfy_armijo_and_count_their_evaluations() -> None:
    problems = {
        "valley": gdbook.Quadratic(params.CURVATURES),
        "rosenbrock": gdbook.Rosenbrock(),
        "wave": WAVE,
    }
    for name, (fixed, searched) in facts_module.line_search_runs().items():
        f = problems[name]
        assert fixed.stop_reason == searched.stop_reason == "tolerance"
        x, eta = searched.iterates[:-1], searched.learning_rates
        g = np.array([f.gradient(p) for p in x])
        decrease = np.array([f(p) for p in searched.iterates[1:]]) - np.array([f(p) for p in x])
        assert np.all(decrease <= -facts_module.ALPHA * eta * np.sum(g * g, axis=1))
        trials = np.round(np.log(eta) / math.log(facts_module.TAU)) + 1
        assert searched.function_evaluations == 1 + int(trials.sum())


def test_fixed_rate_steps_on_the_valley_follow_the_closed_form() -> None:
    # With eta = 2 / (L + mu) both coordinates shrink by 9/11, so the gradient norm does too.
    valley = gdbook.Quadratic(params.CURVATURES)
    g0 = np.linalg.norm(valley.gradient(params.START))
    rate = 9 / 11
    expected = math.ceil(math.log(facts_module.TOL / g0) / math.log(rate))
    assert int(FACTS["valley_fixed"]) == expected


def test_on_x_cos_cx_the_line_search_always_accepts_one_and_zig_zags() -> None:
    searched = facts_module.line_search_runs()["wave"][1]
    assert np.all(searched.learning_rates == 1.0)
    bottom = gdbook.newton(WAVE, float(FACTS["wave_min"]), steps=20, tol=1e-14).x[0]
    tail = searched.iterates[-6:, 0] - bottom
    assert np.all(np.sign(tail[1:]) == -np.sign(tail[:-1]))  # a zig-zag around the minimum


def test_newton_with_backtracking_rejects_the_climb_and_keeps_the_quadratic_rate() -> None:
    guarded = gdbook.newton(WAVE, params.X0, steps=params.STEPS, line_search=True)
    x1 = guarded.iterates[1, 0]
    full = x1 - WAVE.gradient(x1)[0] / WAVE.hessian(x1)[0, 0]
    assert full == pytest.approx(float(FACTS["wave_x2"]), abs=0.01)  # the pure step's x2
    assert WAVE(full) > WAVE(x1)  # which would raise f
    assert float(FACTS["guard_rate2"]) == 0.5 ** int(FACTS["guard_halvings"])
    assert WAVE.hessian(guarded.iterates[2])[0, 0] > 0
    assert np.all(guarded.learning_rates[2:] == 1.0)
    errors = np.abs(guarded.iterates[2:6, 0] - guarded.x[0])
    assert np.all(errors[1:] <= errors[:-1] ** 2)  # e_{t+1} <= e_t^2 here (M / 2 mu < 1)


def test_guarded_newton_on_rosenbrock_descends_at_every_step() -> None:
    banana = gdbook.Rosenbrock()
    run = gdbook.newton(banana, params.BEGIN, steps=100, line_search=True, tol=1e-10)
    assert np.all(np.diff(run.losses) < 0)
    assert run.steps == int(FACTS["guard_steps"]) > int(FACTS["rosen_exact"])
    assert int(np.sum(run.learning_rates == 1.0)) == int(FACTS["guard_full"])
    np.testing.assert_allclose(run.x, banana.minimizer, atol=1e-10)


def test_the_line_search_defaults_are_the_ones_the_page_states() -> None:
    import inspect

    defaults = inspect.signature(gdbook.backtracking_gradient_descent).parameters
    assert defaults["initial_rate"].default == 1.0
    assert defaults["shrink"].default == facts_module.TAU == 0.5
    assert defaults["sufficient_decrease"].default == facts_module.ALPHA == 1e-4
    newton_defaults = inspect.signature(gdbook.newton).parameters
    assert newton_defaults["learning_rate"].default == 1.0
    assert newton_defaults["shrink"].default == facts_module.TAU
    assert newton_defaults["sufficient_decrease"].default == facts_module.ALPHA
