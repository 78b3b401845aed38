"""Chapter 11: momentum, the heavy ball and Nesterov's method.

The page code is run as the page runs it (every included file, in page order, in one
namespace). What it prints is checked against the chapter's runs (which the facts and the
figures use), and the chapter's claims are checked against independent computations: the
rates against the eigenvalues of the 2x2 matrices and a search over the parameters, the
stability limit, Nesterov's double root, and the noise floor of stochastic momentum against
the stationary covariance of the linear recursion (a Lyapunov equation).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import gdbook
from book.chapters.ch11 import explorers, runs
from book.chapters.ch11 import facts as facts_module
from book.chapters.ch11.params import (
    BETA,
    COPIES,
    CURVATURES,
    ETA,
    KAPPA,
    KAPPAS,
    LIPSCHITZ,
    NOISE_STD,
    NOISY_SETTINGS,
    NOISY_STEPS,
    START,
    STEPS,
    STRONG_CONVEXITY,
)
from book.explorers import explorer_payload
from tests.conftest import page_run

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "book" / "chapters"
PAGES = (ROOT / "docs" / "beyond" / "momentum.md", ROOT / "docs" / "beyond" / "momentum.ko.md")
INCLUDE = re.compile(r'^\s*--8<--\s+"(ch11/code/[\w.]+)"', re.M)
FACT = re.compile(r"\{\{\s*ch11\.(\w+)\s*\}\}")
RATE_HB = (math.sqrt(KAPPA) - 1) / (math.sqrt(KAPPA) + 1)


def included_files(page: Path) -> list[str]:
    return INCLUDE.findall(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page() -> tuple[dict[str, Any], dict[str, str]]:
    """The namespace of the chapter's code, run in page order, and what each file printed."""
    return page_run("beyond/momentum.md")


@pytest.fixture(scope="module")
def facts() -> dict[str, str]:
    return facts_module.facts()


def test_both_pages_include_the_same_code_in_the_same_order() -> None:
    english, korean = (included_files(p) for p in PAGES)
    assert english == korean
    assert sorted(set(english)) == sorted(
        f"ch11/code/{p.name}" for p in (CODE / "ch11" / "code").glob("*.py")
    ), "every file in book/chapters/ch11/code is shown on the page"


def test_every_fact_the_pages_quote_exists_and_every_fact_is_quoted(
    facts: dict[str, str],
) -> None:
    for path in PAGES:
        used = set(FACT.findall(path.read_text(encoding="utf-8")))
        assert used <= set(facts), (path.name, used - set(facts))
    english = set(FACT.findall(PAGES[0].read_text(encoding="utf-8")))
    korean = set(FACT.findall(PAGES[1].read_text(encoding="utf-8")))
    assert english == korean
    assert set(facts) == english, set(facts) - english


def test_the_parameters_are_chapter_3s_valley(page: tuple[dict[str, Any], dict[str, str]]) -> None:
    namespace = page[0]
    assert CURVATURES == (2.0, 20.0) and START == (-5.0, -2.0)
    assert (LIPSCHITZ, STRONG_CONVEXITY, KAPPA) == (20.0, 2.0, 10.0)
    assert namespace["L"] == LIPSCHITZ and namespace["mu"] == STRONG_CONVEXITY
    assert namespace["noise_std"] == NOISE_STD and namespace["T"] == NOISY_STEPS
    assert namespace["copies"] == COPIES and tuple(namespace["kappas"]) == KAPPAS
    assert tuple(map(tuple, namespace["settings"])) == NOISY_SETTINGS
    # chapter 3's valley, as chapter 9 uses it too
    ch09 = (CODE / "ch09" / "code" / "precondition.py").read_text(encoding="utf-8")
    assert "Quadratic((2.0, 20.0))" in ch09


# --- the heavy ball and its two forms --------------------------------------------------------


def test_the_buffer_form_is_polyaks_form(page: tuple[dict[str, Any], dict[str, str]]) -> None:
    printed = page[1]["heavy_ball"]
    difference = float(re.search(r"largest difference: (\S+)", printed).group(1))  # type: ignore[union-attr]
    assert difference < 1e-12


def test_the_effective_learning_rate_and_the_literal_numbers_of_the_prose() -> None:
    # "ten times eta for beta = 0.9"; exercise 1: beta / (1 - beta) = 9 steps behind;
    # exercise 2: 3 + 2 sqrt 2 = 5.83.
    assert pytest.approx(10) == 1 / (1 - 0.9)
    assert pytest.approx(9) == 0.9 / (1 - 0.9)
    assert f"{3 + 2 * math.sqrt(2):.2f}" == "5.83"
    # The lag of exercise 1, by running the heavy ball on a linear function (constant g).
    g, eta, beta, T = np.array([1.0]), 0.1, 0.9, 200
    f = gdbook.FunctionObjective(lambda x: float(g @ x), lambda x: g.copy(), dim=1)
    run = gdbook.gradient_descent(
        f, [0.0], learning_rate=eta, steps=T, update=gdbook.momentum(beta)
    )
    closed = -eta * g / (1 - beta) * (T - beta * (1 - beta**T) / (1 - beta))
    np.testing.assert_allclose(run.final, closed, rtol=1e-12)
    lag = (run.final[0] + eta / (1 - beta) * T) / (eta / (1 - beta))
    assert lag == pytest.approx(9, abs=1e-6)


@pytest.mark.parametrize("beta", [0.0, 0.3, 0.5, 0.9])
def test_the_stability_limit_is_two_one_plus_beta_over_l(beta: float) -> None:
    limit = 2 * (1 + beta) / LIPSCHITZ
    assert runs.heavy_ball_rate(0.999 * limit, beta, CURVATURES) < 1
    assert runs.heavy_ball_rate(1.001 * limit, beta, CURVATURES) > 1
    # and gdbook's runs agree: inside converges, outside grows
    inside = gdbook.gradient_descent(
        runs.VALLEY, START, learning_rate=0.98 * limit, steps=3000, update=gdbook.momentum(beta)
    )
    outside = gdbook.gradient_descent(
        runs.VALLEY, START, learning_rate=1.02 * limit, steps=3000, update=gdbook.momentum(beta)
    )
    assert np.linalg.norm(inside.final) < 1e-3 * np.linalg.norm(START)
    assert outside.diverged or np.linalg.norm(outside.final) > 1e3


def test_complex_roots_have_modulus_sqrt_beta() -> None:
    rng = np.random.default_rng(0)
    for _ in range(200):
        beta = rng.uniform(0.01, 0.99)
        low, high = (1 - math.sqrt(beta)) ** 2, (1 + math.sqrt(beta)) ** 2
        eta_lambda = rng.uniform(low, high)
        zeta = np.linalg.eigvals(runs.heavy_ball_matrix(eta_lambda, beta, 1.0))
        assert np.all(np.abs(zeta.imag) > 0)
        np.testing.assert_allclose(np.abs(zeta), math.sqrt(beta), rtol=1e-10)


def test_eigenvalues_give_the_printed_rate(page: tuple[dict[str, Any], dict[str, str]]) -> None:
    assert f"rate = {math.sqrt(BETA):.4f}" in page[1]["eigenvalues"]
    assert runs.heavy_ball_rate(ETA, BETA, CURVATURES) == pytest.approx(math.sqrt(BETA))


# --- the best parameters ----------------------------------------------------------------------


def test_the_best_parameters_give_the_derived_rate_over_every_curvature() -> None:
    assert pytest.approx(4 / (math.sqrt(20) + math.sqrt(2)) ** 2) == runs.ETA_HB
    assert runs.heavy_ball_rate(runs.ETA_HB, runs.BETA_HB, runs.LAMBDAS) == pytest.approx(
        RATE_HB, rel=1e-6
    )


def test_no_other_parameters_are_faster() -> None:
    """A grid over (eta, beta): nothing beats ((sqrt kappa - 1)/(sqrt kappa + 1)) by more than
    the grid's resolution; gradient descent's best rate is (kappa - 1)/(kappa + 1)."""
    best = min(
        runs.heavy_ball_rate(eta, beta, (STRONG_CONVEXITY, LIPSCHITZ))
        for eta in np.linspace(0.01, 0.19, 181)
        for beta in np.linspace(0.0, 0.95, 96)
    )
    assert best > RATE_HB - 2e-3
    gd = min(
        runs.heavy_ball_rate(eta, 0.0, (STRONG_CONVEXITY, LIPSCHITZ))
        for eta in np.linspace(0.001, 0.1, 991)
    )
    assert gd == pytest.approx(runs.RATE_GD, abs=1e-3)


def test_the_printed_step_counts_are_the_runs(
    page: tuple[dict[str, Any], dict[str, str]], facts: dict[str, str]
) -> None:
    rows = [line.split() for line in page[1]["best"].splitlines() if re.match(r"^\s*\d", line)]
    printed = [(int(r[0]), int(r[1].replace(",", "")), int(r[2].replace(",", ""))) for r in rows]
    table = runs.kappa_table(KAPPAS)
    assert tuple(printed) == table
    # The speed-up grows like sqrt(kappa), a little below it.
    ratios = [gd / hb for _, gd, hb in table]
    assert all(
        0.6 * math.sqrt(k) < r < math.sqrt(k) for (k, _, _), r in zip(table, ratios, strict=True)
    )
    assert ratios == sorted(ratios)
    # Gradient descent matches ln(1e6) / ln(1/rho) within a step; the heavy ball needs more.
    _, gd, hb = table[0]
    assert abs(gd - math.log(1e6) / -math.log(runs.RATE_GD)) < 1.5
    assert hb > math.log(1e6) / -math.log(RATE_HB)
    assert facts["steps_gd"] == f"{gd}" and facts["steps_hb"] == f"{hb}"
    assert f"gradient descent {gd}, heavy ball {hb}," in page[1]["nesterov"]


def test_the_steps_are_counted_as_the_page_says() -> None:
    for update, eta in ((None, runs.ETA_GD), (gdbook.momentum(runs.BETA_HB), runs.ETA_HB)):
        steps = runs.steps_to(runs.VALLEY, eta, update)
        run = gdbook.gradient_descent(
            runs.VALLEY, START, learning_rate=eta, steps=steps, update=update
        )
        norms = np.linalg.norm(run.iterates, axis=1)
        target = 1e-6 * np.linalg.norm(START)
        assert norms[-1] <= target and np.all(norms[:-1] > target)


def test_eta_star_exceeds_gradient_descents_limit_exactly_past_3_plus_2_sqrt2() -> None:
    for kappa in (2.0, 5.8, 5.9, 10.0, 1000.0):
        eta_l = 4 * kappa / (math.sqrt(kappa) + 1) ** 2
        assert (eta_l > 2) == (kappa > 3 + 2 * math.sqrt(2))
        beta = ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2
        assert eta_l < 2 * (1 + beta)
        assert eta_l == pytest.approx((1 + math.sqrt(beta)) ** 2)
    plain = gdbook.gradient_descent(runs.VALLEY, START, learning_rate=runs.ETA_HB, steps=200)
    assert np.linalg.norm(plain.final) > np.linalg.norm(START)  # diverges without momentum


# --- Nesterov -------------------------------------------------------------------------------


def test_nesterov_rate_is_one_minus_one_over_sqrt_kappa_with_a_double_root() -> None:
    rate = runs.nesterov_rate(runs.ETA_NESTEROV, runs.BETA_NESTEROV, runs.LAMBDAS)
    assert rate == pytest.approx(1 - 1 / math.sqrt(KAPPA), rel=1e-6)
    rho = 1 - runs.ETA_NESTEROV * STRONG_CONVEXITY
    beta = runs.BETA_NESTEROV
    assert (1 + beta) ** 2 * rho**2 - 4 * beta * rho == pytest.approx(0.0, abs=1e-12)
    assert runs.nesterov_rate(runs.ETA_NESTEROV, beta, (LIPSCHITZ,)) == pytest.approx(0, abs=1e-7)


def test_gdbooks_nesterov_iterate_is_the_look_ahead_point(
    page: tuple[dict[str, Any], dict[str, str]],
) -> None:
    printed = page[1]["nesterov"]
    difference = float(re.search(r"look-ahead point l_30: (\S+)", printed).group(1))  # type: ignore[union-attr]
    assert difference < 1e-12
    gd, hb, nesterov = runs.valley_steps()
    assert hb < nesterov < gd
    assert f"Nesterov {nesterov}" in printed


# --- stochastic momentum --------------------------------------------------------------------


def stationary_loss(eta: float, beta: float) -> float:
    """E f in the long run from the stationary covariance S = A S A^T + Q of each direction."""
    total = 0.0
    for lam in CURVATURES:
        A = runs.heavy_ball_matrix(eta, beta, lam)
        Q = np.array([[eta**2 * NOISE_STD**2, 0.0], [0.0, 0.0]])
        vec = np.linalg.solve(np.eye(4) - np.kron(A, A), Q.ravel())
        total += lam / 2 * vec[0]
    return total


@pytest.mark.parametrize("eta, beta", [(0.005, 0.0), (0.005, 0.9), (0.05, 0.0), (0.02, 0.5)])
def test_the_floor_formula_is_the_stationary_variance(eta: float, beta: float) -> None:
    formula = runs.momentum_floor(eta, beta, CURVATURES, NOISE_STD)
    assert formula == pytest.approx(stationary_loss(eta, beta), rel=1e-10)
    if beta == 0.0:
        expected = gdbook.noise_floor(runs.VALLEY, learning_rate=eta, noise_std=NOISE_STD)
        assert formula == pytest.approx(expected, rel=1e-12)


def test_momentum_never_beats_plain_sgd_at_its_effective_rate() -> None:
    for eta_bar in (0.01, 0.05, 0.09):
        plain = runs.momentum_floor(eta_bar, 0.0, CURVATURES, NOISE_STD)
        for beta in (0.3, 0.6, 0.9):
            floor = runs.momentum_floor((1 - beta) * eta_bar, beta, CURVATURES, NOISE_STD)
            assert floor <= plain


def test_the_measured_floors_match_the_formula_and_the_page(
    page: tuple[dict[str, Any], dict[str, str]], facts: dict[str, str]
) -> None:
    noisy = runs.noisy_runs()
    rows = page[1]["stochastic"].splitlines()[1:]
    assert len(rows) == len(NOISY_SETTINGS)
    for row, (floor, measured, curve) in zip(rows, noisy, strict=True):
        values = [float(v) for v in row.split()]
        assert values[3] == pytest.approx(floor, abs=6e-6)
        assert values[4] == pytest.approx(measured, abs=6e-6)
        assert measured == pytest.approx(floor, rel=0.03)
        assert curve[0] == pytest.approx(runs.VALLEY(np.array(START)))
    assert facts["floor_ratio"] == f"{noisy[1][0] / noisy[0][0]:.1f}"


# --- the explorer -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def explorer() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(explorer_payload(explorers.momentum_data))
    return data


def test_the_explorer_file_is_small(explorer: dict[str, Any]) -> None:
    assert len(explorer_payload(explorers.momentum_data)) < 120_000


@pytest.mark.parametrize("eta", [0.01, 0.05, 0.12, 0.15, 0.18])
@pytest.mark.parametrize("beta", [0.0, 0.3, 0.5, 0.9])
def test_the_explorer_values_are_gdbooks(explorer: dict[str, Any], eta: float, beta: float) -> None:
    i, j = explorer["etas"].index(eta), explorer["betas"].index(beta)
    shown = explorer["runs"][j][i]
    run = gdbook.gradient_descent(
        runs.VALLEY, START, learning_rate=eta, steps=STEPS, update=gdbook.momentum(beta)
    )
    assert shown["final"] == [f"{v:.6g}" for v in run.final]
    assert shown["final_loss"] == f"{run.losses[-1]:.6g}"
    rate = runs.heavy_ball_rate(eta, beta, CURVATURES)
    assert float(shown["rate"]) == pytest.approx(rate, rel=1e-5)
    limit = explorer["limits"][j]
    assert limit == pytest.approx(2 * (1 + beta) / LIPSCHITZ)
    assert (eta < limit) == (rate < 1 - 1e-9)


def test_the_explorer_defaults_are_the_first_run(explorer: dict[str, Any]) -> None:
    assert (explorer["default_eta"], explorer["default_beta"]) == (ETA, BETA)
    assert explorer["steps"] == STEPS and tuple(explorer["start"]) == START
