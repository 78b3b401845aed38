"""Chapter 10: the convergence theorem, its tuned and decaying rates, and the measured runs.

The page code is run as the page runs it (every included file, in page order, in one
namespace). What it computes is checked against the theorem (exactly, through the expected
loss of chapter 5's recursions, and on the measured runs), against closed forms, against the
facts the prose quotes and against the runs the figures draw.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import gdbook
from book.chapters.ch10 import facts as facts_module
from book.chapters.ch10 import runs
from book.chapters.ch10.params import (
    HORIZONS,
    LIPSCHITZ,
    NOISE_STD,
    R0_SQUARED,
    START,
    STEPS,
    TRADEOFF_RATES,
    TRADEOFF_STEPS,
    TUNED_FROM,
    VARIANCE,
)

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "book" / "chapters"
PAGES = (
    ROOT / "docs" / "beyond" / "convergence.md",
    ROOT / "docs" / "beyond" / "convergence.ko.md",
)
INCLUDE = re.compile(r'^\s*--8<--\s+"(ch10/code/[\w.]+)"', re.M)
BOWL = gdbook.Quadratic((2.0, 4.0))


def included_files(page: Path) -> list[str]:
    return INCLUDE.findall(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page() -> tuple[dict[str, Any], dict[str, str]]:
    """The namespace of the chapter's code, run in page order, and what each file printed."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    printed: dict[str, str] = {}
    for name in included_files(PAGES[0]):
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            source = (CODE / name).read_text(encoding="utf-8")
            exec(compile(source, name, "exec"), namespace)
        printed[Path(name).stem] = output.getvalue()
    return namespace, printed


@pytest.fixture(scope="module")
def facts() -> dict[str, str]:
    return facts_module.facts()


def test_both_pages_include_the_same_code_in_the_same_order() -> None:
    english, korean = (included_files(p) for p in PAGES)
    assert english == korean
    assert sorted(set(english)) == sorted(
        f"ch10/code/{p.name}" for p in (CODE / "ch10" / "code").glob("*.py")
    ), "every file in book/chapters/ch10/code is shown on the page"


def test_the_parameters_are_the_bowl_of_chapters_3_5_and_7(
    page: tuple[dict[str, Any], dict[str, str]],
) -> None:
    namespace = page[0]
    assert START == (-5.0, -2.0) and NOISE_STD == 1.0
    assert (LIPSCHITZ, R0_SQUARED, VARIANCE) == (4.0, 29.0, 2.0)
    assert namespace["L"] == LIPSCHITZ
    assert namespace["r0"] ** 2 == pytest.approx(R0_SQUARED)
    assert namespace["variance"] == VARIANCE
    assert tuple(namespace["horizons"]) == HORIZONS and namespace["T"] == STEPS
    # sigma^2 is E||g - grad f||^2 of noisy_gradient_descent: measured on many draws.
    draws = gdbook.noisy_gradient_descent(
        gdbook.Quadratic((1.0, 1.0)),
        [0.0, 0.0],
        learning_rate=1.0,
        steps=20_000,
        noise_std=NOISE_STD,
        seed=9,
    )
    noise = np.diff(draws.iterates, axis=0) + draws.iterates[:-1]  # -(eta g) + x = -xi
    assert np.mean(np.sum(noise**2, axis=1)) == pytest.approx(VARIANCE, rel=0.03)


# --- the theorem, exactly -------------------------------------------------------------------


@pytest.mark.parametrize("eta", [1 / LIPSCHITZ, 0.1, 0.03, 0.005])
def test_the_average_expected_loss_obeys_the_bound_at_every_horizon(eta: float) -> None:
    """Step 7's middle term, (1/T) sum_{t=1..T} E f(x_t), computed exactly (chapter 5)."""
    steps = 5_000
    curve = gdbook.noisy_quadratic_loss(
        BOWL, START, learning_rate=eta, steps=steps, noise_std=NOISE_STD
    )
    T = np.arange(1, steps + 1)
    average = np.cumsum(curve[1:]) / T
    bound = R0_SQUARED / (2 * eta * T) + eta * VARIANCE
    assert np.all(average <= bound)
    # Also the sharper noise term (1 + L eta) eta sigma^2 / 2 of exercise 3.
    sharper = R0_SQUARED / (2 * eta * T) + (1 + LIPSCHITZ * eta) * eta * VARIANCE / 2
    assert np.all(average <= sharper)


def test_the_step_size_condition_cannot_be_dropped() -> None:
    """Beyond 2/L SGD diverges on the bowl, so no bound of this form holds for every eta."""
    curve = gdbook.noisy_quadratic_loss(
        BOWL, START, learning_rate=0.55, steps=200, noise_std=NOISE_STD
    )
    assert curve[-1] > 1e6


def test_the_decaying_rate_obeys_its_weighted_bound_exactly() -> None:
    """sum eta_t (E f(x_{t+1}) - f*) <= r0^2/2 + sigma^2 sum eta_t^2 for every T."""
    eta = runs.SCHEDULE(np.arange(STEPS))
    curve = gdbook.noisy_quadratic_loss(
        BOWL, START, learning_rate=runs.SCHEDULE, steps=STEPS, noise_std=NOISE_STD
    )
    left = np.cumsum(eta * curve[1:])
    right = R0_SQUARED / 2 + VARIANCE * np.cumsum(eta**2)
    assert np.all(left <= right)


def test_the_decaying_bound_is_below_its_closed_form() -> None:
    _, limit = runs.decaying()
    T = np.arange(1, STEPS + 1)
    eta0 = 1 / LIPSCHITZ
    closed = (R0_SQUARED + 2 * VARIANCE * eta0**2 * (1 + np.log(T[1:]))) / (
        4 * eta0 * (np.sqrt(T[1:] + 1) - 1)
    )
    assert np.all(limit[1:] <= closed)
    # The sums the page bounds by integrals.
    rates = runs.SCHEDULE(np.arange(STEPS))
    assert np.all(np.cumsum(rates) >= 2 * eta0 * (np.sqrt(T + 1) - 1))
    assert np.all(np.cumsum(rates**2) <= eta0**2 * (1 + np.log(T)))


def test_the_tuned_rate_minimises_the_bound() -> None:
    for T in (10, 116, 117, 1_000, 10_000):
        grid = np.linspace(1e-4, 1 / LIPSCHITZ, 200_001)
        best = grid[np.argmin(runs.bound(grid, T))]  # type: ignore[arg-type]
        assert runs.tuned_rate(T) == pytest.approx(best, abs=2e-6)
    threshold = LIPSCHITZ**2 * R0_SQUARED / (2 * VARIANCE)
    assert threshold == pytest.approx(116)
    for T in (116, 1_000, 10_000):  # tuned: the bound is sqrt(2) r0 sigma / sqrt(T)
        value = runs.bound(runs.tuned_rate(T), T)
        assert value == pytest.approx(math.sqrt(2 * R0_SQUARED * VARIANCE / T))
    for T in (1, 10, 100, 1_000, 10_000):  # both cases below L r0^2/(2T) + sqrt(2) r0 sigma/sqrt(T)
        value = runs.bound(runs.tuned_rate(T), T)
        assert value <= LIPSCHITZ * R0_SQUARED / (2 * T) + math.sqrt(2 * R0_SQUARED * VARIANCE / T)


# --- the measured runs --------------------------------------------------------------------


def test_the_bound_holds_on_every_measured_run() -> None:
    averaged, last = runs.horizon_runs()
    bounds = np.array([runs.bound(runs.tuned_rate(T), T) for T in HORIZONS])
    assert np.all(averaged < bounds) and np.all(last < bounds)
    worst, limits = runs.worst_case()
    assert np.all(worst < limits)
    weighted, limit = runs.decaying()
    assert np.all(weighted < limit)


def test_the_tradeoff_runs_obey_the_bound_and_the_page_prints_them(
    page: tuple[dict[str, Any], dict[str, str]], facts: dict[str, str]
) -> None:
    averaged, last = runs.tradeoff()
    rates = np.array(TRADEOFF_RATES)
    assert np.all(rates <= 1 / LIPSCHITZ)
    bounds = R0_SQUARED / (2 * rates * TRADEOFF_STEPS) + rates * VARIANCE
    assert np.all(averaged < bounds) and np.all(last < bounds)
    # The bound's U has its minimum at the tuned rate, inside the grid of rates.
    assert rates.min() < runs.tuned_rate(TRADEOFF_STEPS) < rates.max()
    # On the bowl the averaged iterate improves with eta; the last iterate has an interior best.
    assert np.all(np.diff(averaged) < 0)
    assert 0 < np.argmin(last) < len(rates) - 1
    assert facts["tradeoff_best_averaged"] == f"{rates.max():g}"
    assert facts["tradeoff_best_last"] == f"{rates[np.argmin(last)]:g}"
    rows = page[1]["tradeoff"].splitlines()[2:]
    printed = np.array([[float(v) for v in row.split()] for row in rows])
    np.testing.assert_allclose(printed[:, 0], rates, atol=5e-4)
    np.testing.assert_allclose(printed[:, 3], bounds, atol=5e-5)
    np.testing.assert_allclose(printed[:, 4], averaged, rtol=5e-3)
    np.testing.assert_allclose(printed[:, 5], last, rtol=5e-3)


def test_the_fitted_slopes() -> None:
    horizons = np.array(HORIZONS, dtype=float)
    tuned = horizons >= TUNED_FROM
    averaged, last = runs.horizon_runs()
    worst, _ = runs.worst_case()
    assert runs.slope(horizons, worst) == pytest.approx(-0.5, abs=0.05)
    assert runs.slope(horizons[tuned], last[tuned]) == pytest.approx(-0.5, abs=0.08)
    assert runs.slope(horizons[tuned], averaged[tuned]) < -0.8  # close to -1 on the bowl


def exact_worst_case(T: int) -> float:
    """E f_T(x_bar_T) on f_T = h x^2/2, eta h = 1/T, x0 = 1, sigma = 1: mean and variance."""
    eta = 1 / math.sqrt(2 * T)
    h = 1 / (eta * T)
    r = 1 - eta * h
    t = np.arange(1, T + 1)
    mean = np.sum(r**t) / T
    s = np.arange(T)  # x_bar = mean - (eta / T) sum_s xi_s (1 - r^(T - s)) / (1 - r)
    variance = np.sum((eta / T * (1 - r ** (T - s)) / (1 - r)) ** 2)
    return float(0.5 * h * (mean**2 + variance))


def test_the_worst_case_matches_its_exact_expectation_and_exercise_1() -> None:
    worst, limits = runs.worst_case()
    for T, measured, limit in zip(HORIZONS, worst, limits, strict=True):
        exact = exact_worst_case(T)
        assert measured == pytest.approx(exact, rel=0.12)  # 1000 runs: a few % of noise
        # Exercise 1: the start costs (1 - 1/e)^2 h / 2, the noise about 0.084 eta sigma^2.
        if T >= 1_000:
            eta = 1 / math.sqrt(2 * T)
            h = 1 / (eta * T)
            predicted = 0.5 * h * (1 - math.exp(-1)) ** 2 + 0.084 * eta
            assert exact == pytest.approx(predicted, rel=0.02)
            assert exact / limit == pytest.approx(0.24, abs=0.01)
    assert (1 - math.exp(-1)) ** 2 == pytest.approx(0.400, abs=5e-4)
    u = np.linspace(0.0, 1.0, 100_001)
    integral = np.trapezoid((1 - np.exp(-u)) ** 2, u)
    closed = 1 - 2 * (1 - math.exp(-1)) + (1 - math.exp(-2)) / 2  # the integral by hand
    assert integral == pytest.approx(closed, rel=1e-8)
    assert closed == pytest.approx(0.168, abs=5e-4)


def test_a_constant_rate_reaches_its_floor_and_the_decaying_one_passes_it() -> None:
    curves = runs.exact_curves()
    decay = curves["decaying"]
    floors = [runs.floor(eta) for eta in runs.CONSTANTS]
    for eta, level in zip(runs.CONSTANTS, floors, strict=True):
        assert level == pytest.approx(0.5 * eta * sum(1 / (2 - eta * h) for h in (2.0, 4.0)))
        assert level <= eta * VARIANCE  # below the theorem's floor for the average
        assert curves[f"{eta:g}"][-1] == pytest.approx(level, rel=1e-9)
        assert decay[-1] < level
    assert floors[0] > floors[1] > floors[2]
    # The smallest constant rate is ahead of the decaying one in one window, then never again.
    ahead = np.flatnonzero(curves[f"{runs.CONSTANTS[2]:g}"] < decay)
    assert ahead.size > 0 and np.array_equal(ahead, np.arange(ahead[0], ahead[-1] + 1))
    assert ahead[-1] < STEPS / 10
    # The averaged constant-rate run beats every floor and the decaying last iterate.
    assert runs.steady_average()[-1] < min(floors) and runs.steady_average()[-1] < decay[-1]


# --- page, facts and figures agree ---------------------------------------------------------


def test_the_page_prints_what_the_facts_say(
    page: tuple[dict[str, Any], dict[str, str]], facts: dict[str, str]
) -> None:
    printed = page[1]
    assert f"bound = {facts['bound_last']}" in printed["bound"]
    assert f"eta = {facts['eta_last']}" in printed["bound"]
    assert f"mean f(x_bar_T) for T >= 300: {facts['slope_averaged']}" in printed["measured"]
    assert f"mean f(x_T) for T >= 300: {facts['slope_last']}" in printed["measured"]
    assert f"fitted slope: {facts['worst_slope']}" in printed["worst_case"]
    assert f"bound = {facts['decaying_bound']}" in printed["decaying"]
    for index in range(3):
        row = f"{facts[f'floor_{index}']:>7} {facts[f'reached_{index}']:>19} "
        assert row in printed["constant"], row
        assert printed["constant"].count(f" {facts[f'crossing_{index}']}\n") >= 1
    steady = re.search(r"averaged: mean f\(x_bar_T\) = ([-+.e\d]+)", printed["constant"])
    assert steady is not None
    assert float(steady.group(1)) == pytest.approx(runs.steady_average()[-1], rel=1e-2)
    quoted = re.fullmatch(r"([\d.]+)\\times10\^\{(-?\d+)\}", facts["steady_averaged"])
    assert quoted is not None
    mantissa, exponent = quoted.groups()
    assert float(mantissa) * 10.0 ** int(exponent) == pytest.approx(
        float(steady.group(1)), rel=0.03
    )


def test_the_page_runs_are_the_runs_of_the_facts_and_figures(
    page: tuple[dict[str, Any], dict[str, str]],
) -> None:
    namespace = page[0]
    averaged, last = runs.horizon_runs()
    np.testing.assert_allclose(namespace["averaged"], averaged, rtol=1e-12)
    np.testing.assert_allclose(namespace["last"], last, rtol=1e-12)
    worst, _ = runs.worst_case()
    np.testing.assert_allclose(namespace["worst"], worst, rtol=1e-12)
    weighted, limit = runs.decaying()
    np.testing.assert_allclose(namespace["weighted"], weighted, rtol=1e-12)
    np.testing.assert_allclose(namespace["decaying_bound"], limit, rtol=1e-12)
    np.testing.assert_allclose(namespace["steady_average"], runs.steady_average(), rtol=1e-12)
    np.testing.assert_allclose(namespace["decay_curve"], runs.exact_curves()["decaying"])
    assert namespace["constants"] == runs.CONSTANTS
    assert namespace["schedule"] == runs.SCHEDULE


def test_the_figures_draw_the_runs_of_the_facts() -> None:
    from book.figures import draw, get_figure

    fig = draw(get_figure("ch10-rate"), "en")
    left, right = fig.axes
    averaged, last = runs.horizon_runs()
    worst, _ = runs.worst_case()
    drawn = [np.asarray(line.get_ydata(), dtype=float) for line in left.lines]
    assert any(np.array_equal(y, averaged) for y in drawn)
    assert any(np.array_equal(y, last) for y in drawn)
    assert any(np.array_equal(line.get_ydata(), worst) for line in right.lines)
    from book.chapters.ch10.figures import log_steps

    t = log_steps()
    assert t[0] == 1 and t[-1] == STEPS and np.all(np.diff(t) > 0)
    fig = draw(get_figure("ch10-constant-vs-decaying"), "ko")
    assert any(
        np.array_equal(line.get_ydata(), runs.steady_average()[t - 1]) for line in fig.axes[0].lines
    )
