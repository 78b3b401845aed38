"""Chapter 7: the schedules, the Robbins-Monro sums, the pitfalls and the escape demo.

The page code is run as the page runs it (every included file, in page order, in one
namespace), and what it computes is checked against the formulas of the chapter, against
the facts the prose quotes, and against the parameters the figures use.
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
from book.chapters.ch07 import facts as facts_module
from book.chapters.ch07 import figures

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "book" / "chapters"
PAGES = (ROOT / "docs" / "sgd" / "schedules.md", ROOT / "docs" / "sgd" / "schedules.ko.md")
INCLUDE = re.compile(r'^\s*--8<--\s+"(ch07/code/[\w.]+)"', re.M)


def included_files(page: Path) -> list[str]:
    return INCLUDE.findall(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page() -> tuple[dict[str, Any], str]:
    """The namespace and the printed output of the chapter's code, run in page order."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for name in included_files(PAGES[0]):
            source = (CODE / name).read_text(encoding="utf-8")
            exec(compile(source, name, "exec"), namespace)
    return namespace, output.getvalue()


@pytest.fixture(scope="module")
def facts() -> dict[str, str]:
    return facts_module.facts()


def test_both_pages_include_the_same_code_in_the_same_order() -> None:
    english, korean = (included_files(p) for p in PAGES)
    assert english == korean
    assert sorted(set(english)) == sorted(
        f"ch07/code/{p.name}" for p in (CODE / "ch07" / "code").glob("*.py")
    ), "every file in book/chapters/ch07/code is shown on the page"


# --- schedules -------------------------------------------------------------------------------


def test_schedule_formulas_at_specific_steps(page: tuple[dict[str, Any], str]) -> None:
    s = page[0]["schedules"]
    assert s["constant"](0) == s["constant"](10_000) == 0.1
    piecewise = s["piecewise_constant"]
    assert [piecewise(t) for t in (0, 299, 300, 599, 600, 10**6)] == [
        0.1,
        0.1,
        0.01,
        0.01,
        0.001,
        0.001,
    ]
    for t in (0, 1, 10, 100, 1000):
        assert s["exponential(0.99)"](t) == pytest.approx(0.1 * 0.99**t, rel=1e-12)
        assert s["exponential(0.9)"](t) == pytest.approx(0.1 * 0.9**t, rel=1e-12)
        assert s["polynomial(1/2)"](t) == pytest.approx(0.1 / math.sqrt(1 + 0.1 * t), rel=1e-12)
        assert s["polynomial(1)"](t) == pytest.approx(0.1 / (1 + 0.1 * t), rel=1e-12)
    assert s["polynomial(1/2)"](30) == pytest.approx(0.05)  # (1 + 3)^(-1/2) = 1/2
    assert s["polynomial(1)"](90) == pytest.approx(0.01)  # 1 / (1 + 9)


def test_figures_draw_the_pages_lineup(page: tuple[dict[str, Any], str]) -> None:
    assert list(figures.lineup()) == list(page[0]["schedules"]) == list(figures.SCHEDULE_LABELS)
    t = np.arange(2000)
    for name, schedule in page[0]["schedules"].items():
        np.testing.assert_array_equal(figures.lineup()[name](t), schedule(t))


def test_robbins_monro_partial_sums() -> None:
    t = np.arange(10**6)
    partial = {}
    for name, schedule in figures.lineup().items():
        eta = schedule(t)
        partial[name] = (np.cumsum(eta), np.cumsum(eta**2))

    # Exponential: a geometric series, bounded by eta0 / (1 - gamma) and reaching it.
    for name, gamma in (("exponential(0.99)", 0.99), ("exponential(0.9)", 0.9)):
        s1, s2 = partial[name]
        assert s1[-1] <= 0.1 / (1 - gamma) + 1e-12
        assert s1[-1] == pytest.approx(0.1 / (1 - gamma), rel=1e-9)
        assert s2[-1] == pytest.approx(0.01 / (1 - gamma**2), rel=1e-9)
    # Constant: both sums grow in proportion to T.
    s1, s2 = partial["constant"]
    assert s1[-1] == pytest.approx(0.1 * 10**6) and s2[-1] == pytest.approx(0.01 * 10**6)
    # Piecewise constant: the last value 0.001 is kept, so the sum of squares keeps growing.
    s2 = partial["piecewise_constant"][1]
    assert s2[10**6 - 1] - s2[10**4 - 1] == pytest.approx(1e-6 * (10**6 - 10**4))
    # 1/t (alpha = 1): sum of rates grows like (eta0/beta) ln T, sum of squares converges.
    s1, s2 = partial["polynomial(1)"]
    increments = np.diff([s1[10**k - 1] for k in (2, 4, 6)])
    np.testing.assert_allclose(increments, 0.1 / 0.1 * math.log(100), rtol=0.03)
    assert s2[-1] - s2[10**4 - 1] < 1e-3
    # 1/sqrt(t) (alpha = 1/2): sum of squares grows like (eta0^2/beta) ln T, without bound.
    s1, s2 = partial["polynomial(1/2)"]
    increments = np.diff([s2[10**k - 1] for k in (2, 4, 6)])
    np.testing.assert_allclose(increments, 0.01 / 0.1 * math.log(100), rtol=0.05)
    assert s1[-1] > 20 * s1[10**2 - 1]  # like sqrt(T): grows without bound


@pytest.mark.parametrize("alpha", [0.4, 0.5, 0.75, 1.0, 1.5])
def test_integral_formula_decides_the_polynomial_family(alpha: float) -> None:
    """The page's closed-form integral grows without bound exactly when p <= 1."""
    beta = 0.1

    def integral(p: float, T: float) -> float:
        if p == 1:
            return math.log(1 + beta * T) / beta
        return ((1 + beta * T) ** (1 - p) - 1) / (beta * (1 - p))

    for p in (alpha, 2 * alpha):
        if p <= 1:  # unbounded: beyond any level for T large enough
            assert integral(p, 1e300) > 1e3
        else:  # bounded by its limit 1 / (beta (p - 1)), which it approaches
            limit = 1 / (beta * (p - 1))
            assert integral(p, 1e6) < limit
            assert integral(p, 1e300) == pytest.approx(limit)
    both = alpha <= 1 and 2 * alpha > 1
    assert both is (0.5 < alpha <= 1)
    # The sum lies between the integral and g(0) plus the integral (the page's bounds).
    g = (1 + beta * np.arange(10**4)) ** (-alpha)
    assert integral(alpha, 10**4) <= g.sum() <= 1 + integral(alpha, 10**4 - 1)


def test_noisy_quadratic_matches_the_exact_expectation(page: tuple[dict[str, Any], str]) -> None:
    namespace = page[0]
    # (Later blocks of the page reuse the names nu and steps, so the exact expectation is
    # taken from the figure module, which uses the page's values nu = 1 and T = 1000.)
    assert (figures.NOISY_NU, figures.NOISY_STEPS, figures.NOISY_COPIES) == (1.0, 1000, 1000)
    assert namespace["copies"] == figures.NOISY_COPIES
    for name, run in namespace["runs"].items():
        assert run.steps == figures.NOISY_STEPS
        mean_loss = run.losses[-1] / namespace["copies"]
        exact = figures.expected_loss_curve(namespace["schedules"][name], 1000)[-1]
        assert mean_loss == pytest.approx(exact, rel=0.1), name
    # The constant schedule sits on the noise floor of chapter 5.
    floor = sum(0.1 / (2 * (2 - 0.1 * h)) for h in (2.0, 4.0))
    constant = figures.expected_loss_curve(namespace["schedules"]["constant"], 1000)[-1]
    assert constant == pytest.approx(floor, rel=1e-6)


def test_stacked_copies_are_independent_runs() -> None:
    """One run of the 2c-dimensional quadratic is c runs of the 2-D one (same update)."""
    copies = 3
    stacked = gdbook.Quadratic(np.tile([2.0, 4.0], copies))
    run = gdbook.noisy_gradient_descent(
        stacked, np.tile([-5.0, -2.0], copies), learning_rate=0.1, steps=5, noise_std=1.0, seed=7
    )
    rng = np.random.default_rng(7)
    x = np.tile([-5.0, -2.0], copies)
    h = np.tile([2.0, 4.0], copies)
    for _ in range(5):
        x = x - 0.1 * (h * x + rng.standard_normal(x.size))
    np.testing.assert_allclose(run.final, x, rtol=1e-14)
    per_copy = run.final.reshape(copies, 2)
    assert run.losses[-1] == pytest.approx(sum(a * a + 2 * b * b for a, b in per_copy))


# --- local minima, plateaus, saddle points ---------------------------------------------------


def test_double_well_basins(page: tuple[dict[str, Any], str]) -> None:
    well = gdbook.DoubleWell()
    for x0 in (-2.0, -0.5, 0.15):
        run = gdbook.gradient_descent(well, x0, learning_rate=0.1, steps=200)
        assert run.final[0] == pytest.approx(well.deep_minimum, abs=1e-6)
    for x0 in (0.27, 1.0, 2.0):
        run = gdbook.gradient_descent(well, x0, learning_rate=0.1, steps=200)
        assert run.final[0] == pytest.approx(well.shallow_minimum, abs=1e-6)
    # The step phi(x) = x - eta f'(x) is increasing where eta f''(x) < 1: |x| < sqrt(11/3).
    radius = math.sqrt(11 / 3)
    xs = np.linspace(-radius + 1e-9, radius - 1e-9, 1001)
    assert np.all(1 - 0.1 * (3 * xs**2 - 1) > 0)
    assert figures.BASIN_STARTS == (0.15, 0.27)


def test_plateau_crawl(page: tuple[dict[str, Any], str]) -> None:
    unit = page[0]["SigmoidUnit"]()
    check = gdbook.check_gradient(unit, unit.gradient, [-6.0])
    assert check.passed
    run = gdbook.gradient_descent(unit, -6.0, learning_rate=1.0, steps=400)
    assert run.gradient_norms[0] < 0.01  # a tolerance of 0.01 stops at once ...
    assert run.losses[0] > 0.99  # ... where the loss is nearly at its worst
    stopped = gdbook.gradient_descent(unit, -6.0, learning_rate=1.0, steps=400, tol=0.01)
    assert (stopped.stop_reason, stopped.steps) == ("tolerance", 0)
    # The crawl time is about (e^{-x_0} - 1) / (2 eta): within 10%, exponential in -x_0.
    for x_start, eta in ((-6.0, 1.0), (-8.0, 1.0), (-6.0, 2.0)):
        crossing = facts_module.plateau_crossing(x_start, eta)
        assert crossing == pytest.approx((math.exp(-x_start) - 1) / (2 * eta), rel=0.1)


def test_saddle_escape_times_match_the_closed_form(page: tuple[dict[str, Any], str]) -> None:
    saddle = page[0]["Saddle"]()
    assert gdbook.check_gradient(saddle, saddle.gradient, [0.3, -0.7]).passed
    for y0 in (1e-2, 1e-4, 1e-8):
        predicted = math.ceil(math.log(1 / y0) / math.log(1.2))
        assert facts_module.saddle_escape(y0) == predicted
    stuck = gdbook.gradient_descent(saddle, [1.0, 0.0], learning_rate=0.1, steps=120)
    assert stuck.final[1] == 0.0
    assert stuck.final[0] == pytest.approx(0.8**120, rel=1e-9)  # into the saddle point
    assert figures.SADDLE_Y0 == (1e-2, 1e-4, 1e-8, 0.0)


# --- escaping the shallow minimum ------------------------------------------------------------


def test_gradient_descent_stays_in_the_shallow_basin(page: tuple[dict[str, Any], str]) -> None:
    namespace = page[0]
    well, gd = namespace["well"], namespace["gd"]
    assert np.all(gd.iterates[:, 0] > well.local_maximum)
    assert gd.final[0] == pytest.approx(well.shallow_minimum, abs=1e-9)


def test_escape_fraction_is_recomputed_and_seed_0_is_typical(
    page: tuple[dict[str, Any], str], facts: dict[str, str]
) -> None:
    namespace = page[0]
    well = namespace["well"]
    finals = np.array(figures.escape_finals())  # the figure's 200 runs
    np.testing.assert_array_equal(finals, namespace["finals"])  # are the page's 200 runs
    escaped = finals < well.local_maximum
    assert f"{escaped.mean():.1%}" == facts["escape_fraction"]
    assert f"{escaped.sum()}" == facts["escape_count"]
    assert escaped.mean() > 0.9  # escaping is what usually happens ...
    assert escaped[0]  # ... and seed 0, the one shown, is such a run
    assert namespace["noisy"].final[0] == pytest.approx(well.deep_minimum, abs=0.15)
    # The figure runs the page's experiment.
    assert (namespace["x0"], namespace["steps"], namespace["nu"]) == (
        figures.ESCAPE_X0,
        figures.ESCAPE_STEPS,
        figures.ESCAPE_NU,
    )
    assert namespace["schedule"](np.arange(600)).tolist() == (
        figures.escape_schedule()(np.arange(600)).tolist()
    )


# --- facts -----------------------------------------------------------------------------------


def test_facts_are_what_the_page_prints(
    page: tuple[dict[str, Any], str], facts: dict[str, str]
) -> None:
    namespace, printed = page
    copies = namespace["copies"]
    runs = namespace["runs"]
    assert facts["const_loss"] == f"{runs['constant'].losses[-1] / copies:.4f}"
    assert facts["inv_t_loss"] == f"{runs['polynomial(1)'].losses[-1] / copies:.5f}"
    assert facts["exp9_x1"] == f"{np.mean(runs['exponential(0.9)'].final[0::2]):.3f}"
    lines = {
        f"global minimum  x = {float(facts['deep_x']):+.4f}",
        f"local minimum   x = {float(facts['shallow_x']):+.4f}",
        f"steps with f(x_t) > 0.9: {facts['plateau_steps']}",
        f"then f(x_t) < 0.01 from step {facts['plateau_low_step']} on",
        f"GD:       x_600 = {float(facts['escape_gd_x']):+.4f}",
        f"noisy GD: x_600 = {float(facts['escape_sgd_x']):+.4f}",
        f"{facts['escape_count']} of {facts['escape_seeds']} seeds ({facts['escape_fraction']})",
        f"E x1 = -5 prod(1 - 2 eta_t) = {facts['exp9_x1_predicted']}",
    }
    for line in lines:
        assert line in printed, line
    for k in (2, 4, 8):
        escape = facts[f"saddle_escape_{k}"]
        assert re.search(rf"y0 = 1e-0{k}:\s+{escape}\s+{escape}\s", printed), k
    assert f"x_0 = -6, eta = 1:  {int(facts['plateau_cross_6']):4d}" in printed


def test_every_fact_is_quoted_on_both_pages(facts: dict[str, str]) -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        unused = [key for key in facts if f"{{{{ ch07.{key} }}}}" not in text]
        assert not unused, f"{page.name} does not quote {unused}"
