"""Chapter 12: adaptive step sizes.

The page code is run as the page runs it (every included file, in page order, in one
namespace). What it computes is checked against closed forms (the moving averages' expected
shares, the first steps of the rules, sign descent), against the invariances the prose
derives (coordinate-wise rescaling; rotation for gradient descent and momentum), against the
runs the figures draw and the facts the prose quotes, and against the committed benchmark
results the seconds come from.
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
from benchmarks import optimizers as bench_optimizers
from book.chapters.ch12 import facts as facts_module
from book.chapters.ch12 import runs
from book.chapters.ch12.params import (
    BATCH_SIZE,
    BETA1,
    BETA2,
    EPOCHS,
    LAST,
    METHODS,
    NARROW,
    SEED,
    START,
    STEEP,
    VALLEY_STEPS,
)
from tests.conftest import page_run

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "book" / "chapters"
PAGES = (ROOT / "docs" / "beyond" / "adaptive.md", ROOT / "docs" / "beyond" / "adaptive.ko.md")
INCLUDE = re.compile(r'^\s*--8<--\s+"(ch12/code/[\w.]+)"', re.M)
ADAPTIVE = ("AdaGrad", "RMSProp", "Adam")


def included_files(page: Path) -> list[str]:
    return INCLUDE.findall(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page() -> tuple[dict[str, Any], dict[str, str]]:
    """The namespace of the chapter's code, run in page order, and what each file printed."""
    return page_run("beyond/adaptive.md")


@pytest.fixture(scope="module")
def facts() -> dict[str, str]:
    return facts_module.facts()


def test_both_pages_include_the_same_code_in_the_same_order() -> None:
    english, korean = (included_files(p) for p in PAGES)
    assert english == korean
    assert sorted(set(english)) == sorted(
        f"ch12/code/{p.name}" for p in (CODE / "ch12" / "code").glob("*.py")
    ), "every file in book/chapters/ch12/code is shown on the page"


def test_the_parameters_are_chapter_3s_valley_and_the_frameworks_defaults(
    page: tuple[dict[str, Any], dict[str, str]],
) -> None:
    namespace = page[0]
    assert NARROW == (2.0, 20.0) and START == (-5.0, -2.0)  # chapter 3's x1^2 + 10 x2^2
    assert (BETA1, BETA2) == (0.9, 0.999)
    adam = namespace["adaptive"]["Adam"]
    assert (adam.beta1, adam.beta2) == (BETA1, BETA2) == (gdbook.adam().beta1, gdbook.adam().beta2)
    assert tuple(namespace["methods"]) == ("SGD", *METHODS[1:])


# --- scale invariance -----------------------------------------------------------------------


def test_the_page_finds_the_runs_on_both_aligned_valleys_equal(
    page: tuple[dict[str, Any], dict[str, str]], facts: dict[str, str]
) -> None:
    gaps = [float(g) for g in re.findall(r"valleys: (\S+)", page[1]["invariance"])]
    assert len(gaps) == 3 and max(gaps) < 1e-6
    assert facts["invariance_gap"] == facts_module.latex_sci(facts_module.invariance_gap())
    assert facts_module.invariance_gap() == pytest.approx(max(gaps), rel=0.05)


@pytest.mark.parametrize("method", ADAPTIVE)
def test_coordinatewise_rescaling_of_the_gradient_leaves_the_steps_unchanged(method: str) -> None:
    """With eps tiny, grad -> c * grad (c_j > 0 fixed) gives the same iterates, on any f."""
    rosenbrock = gdbook.Rosenbrock()
    c = np.array([0.01, 300.0])
    rule = {"AdaGrad": gdbook.adagrad(1e-30), "RMSProp": gdbook.rmsprop(eps=1e-30),
            "Adam": gdbook.adam(eps=1e-30)}[method]  # fmt: skip
    plain = gdbook.gradient_descent(
        rosenbrock, [-1.2, 1.0], learning_rate=0.01, steps=300, update=rule
    )
    scaled = gdbook.gradient_descent(
        (rosenbrock, lambda x: c * rosenbrock.gradient(x)),
        [-1.2, 1.0],
        learning_rate=0.01,
        steps=300,
        update=rule,
    )
    np.testing.assert_allclose(scaled.iterates, plain.iterates, rtol=1e-9, atol=1e-12)
    # gradient descent itself is not invariant: the same rescaling changes its path
    gd = gdbook.gradient_descent(rosenbrock, [-1.2, 1.0], learning_rate=1e-5, steps=50)
    gd_scaled = gdbook.gradient_descent(
        (rosenbrock, lambda x: c * rosenbrock.gradient(x)), [-1.2, 1.0], learning_rate=1e-5,
        steps=50,
    )  # fmt: skip
    assert np.abs(gd.iterates - gd_scaled.iterates).max() > 1e-3


@pytest.mark.parametrize("method", ADAPTIVE)
def test_the_turn_breaks_the_invariance(method: str) -> None:
    """On the turned valleys the runs for kappa = 10 and 1000 differ (no c_j exists)."""
    start = np.array(START)
    a, b = (
        gdbook.gradient_descent(
            runs.valley(problem), start, learning_rate=0.1, steps=50, update=runs.rule(method)
        )
        for problem in ("kappa 10, turned", "kappa 1000, turned")
    )
    assert np.abs(a.iterates - b.iterates).max() > 0.1


@pytest.mark.parametrize("method", ["GD", "momentum"])
def test_gradient_descent_and_momentum_turn_with_the_valley(method: str) -> None:
    """Rotation equivariance: on R H R^T from R x0 the iterates are R times those on H."""
    angle = runs.ANGLE
    R = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    aligned = gdbook.gradient_descent(
        gdbook.Quadratic(STEEP), R.T @ np.array(START), learning_rate=1e-3, steps=100,
        update=runs.rule(method),
    )  # fmt: skip
    turned = gdbook.gradient_descent(
        runs.valley("kappa 1000, turned"), np.array(START), learning_rate=1e-3, steps=100,
        update=runs.rule(method),
    )  # fmt: skip
    np.testing.assert_allclose(turned.iterates, aligned.iterates @ R.T, atol=1e-9)


# --- moving averages and the bias correction -------------------------------------------------


@pytest.mark.parametrize("beta", [BETA1, BETA2, 0.5])
def test_a_moving_average_of_a_constant_has_the_share_one_minus_beta_to_the_t_plus_1(
    beta: float,
) -> None:
    m, shares = 0.0, []
    for _ in range(50):
        m = beta * m + (1 - beta) * 1.0
        shares.append(m)
    np.testing.assert_allclose(shares, 1 - beta ** np.arange(1, 51), rtol=1e-12)


def test_the_simulated_streams_match_the_expected_share(
    page: tuple[dict[str, Any], dict[str, str]],
) -> None:
    rows = [line.split() for line in page[1]["bias"].splitlines()[1:] if line[:3].strip().isdigit()]
    assert [int(r[0]) for r in rows] == [0, 1, 4, 9, 29]
    streams = page[0]["streams"]
    for t, mean, share, corrected in ((int(r[0]), *map(float, r[1:])) for r in rows):
        assert share == pytest.approx(1 - BETA1 ** (t + 1), abs=5e-5)
        # standard error of mean(m_t): 0.5 * sqrt(sum of squared weights / streams)
        weights = (1 - BETA1) * BETA1 ** np.arange(t + 1)
        error = 0.5 * math.sqrt(float(np.sum(weights**2)) / streams)
        assert abs(mean - share) < 4 * error + 1e-4
        assert abs(corrected - 1.0) < 4 * error / share + 1e-4


def test_the_uncorrected_step_facts(
    page: tuple[dict[str, Any], dict[str, str]], facts: dict[str, str]
) -> None:
    line = page[1]["bias"].splitlines()[-1]
    assert f"{facts['uncorrected_step']} eta at t = 0" in line
    assert f"largest {facts['uncorrected_max']} eta at t = {facts['uncorrected_argmax']}" in line
    assert float(facts["uncorrected_step"]) == pytest.approx(0.1 / math.sqrt(0.001), abs=0.005)
    # Adam's first step is eta * sign(g_0) in every coordinate (the corrected averages)
    run = gdbook.gradient_descent(
        gdbook.Quadratic(STEEP), START, learning_rate=0.1, steps=1, update=gdbook.adam()
    )
    np.testing.assert_allclose(run.final - np.array(START), [0.1, 0.1], rtol=1e-6)


def test_exercise_2_rmsprops_uncorrected_first_steps() -> None:
    """A constant gradient 1: the steps are eta / sqrt(1 - 0.99^(t+1)): 10, 7.1, 5.8, ... 3.2."""
    line = gdbook.FunctionObjective(lambda x: x, lambda x: 1.0)
    run = gdbook.gradient_descent(
        line, 0.0, learning_rate=1.0, steps=10, update=gdbook.rmsprop(eps=1e-30)
    )
    steps = -np.diff(run.iterates[:, 0])
    np.testing.assert_allclose(steps, 1 / np.sqrt(1 - 0.99 ** np.arange(1, 11)), rtol=1e-12)
    assert [f"{s:.1f}" for s in steps[[0, 1, 2, 9]]] == ["10.0", "7.1", "5.8", "3.2"]


def test_exercise_1_adagrads_steps_are_eta_over_sqrt_t_plus_1() -> None:
    line = gdbook.FunctionObjective(lambda x: -3.0 * x, lambda x: -3.0)
    run = gdbook.gradient_descent(
        line, 0.0, learning_rate=0.5, steps=100, update=gdbook.adagrad(1e-30)
    )
    np.testing.assert_allclose(
        np.diff(run.iterates[:, 0]), 0.5 / np.sqrt(np.arange(1, 101)), rtol=1e-12
    )


def test_exercise_3_sign_descent_jumps_between_two_points() -> None:
    run = gdbook.gradient_descent(
        gdbook.Quadratic((1.0,)), 1.3, learning_rate=0.5, steps=7,
        update=gdbook.adam(beta1=0.0, beta2=0.0, eps=1e-30),
    )  # fmt: skip
    np.testing.assert_allclose(
        run.iterates[:, 0], [1.3, 0.8, 0.3, -0.2, 0.3, -0.2, 0.3, -0.2], atol=1e-12
    )


def test_exercise_4_half_of_the_weight_lies_on_the_last_steps(facts: dict[str, str]) -> None:
    j = float(facts["half_life1"])
    assert BETA1**j == pytest.approx(0.5, rel=0.01)
    assert 1 - BETA1 ** math.ceil(j) >= 0.5 > 1 - BETA1 ** math.floor(j)


# --- the valleys ------------------------------------------------------------------------------


def test_the_page_and_the_figures_run_the_same_valleys(
    page: tuple[dict[str, Any], dict[str, str]],
) -> None:
    mine = runs.valley_runs()
    theirs = page[0]["valley_runs"]
    assert set(theirs) == set(mine)
    for key, run in mine.items():
        np.testing.assert_array_equal(run.iterates, theirs[key].iterates)
        assert run.steps == VALLEY_STEPS


def test_what_the_prose_says_about_the_valleys() -> None:
    found = runs.valley_runs()
    steep, turned = "kappa 1000, aligned", "kappa 1000, turned"
    for method in ("AdaGrad", "RMSProp"):
        # the same run on the mild and the steep aligned valley (scale invariance) ...
        assert found[method, steep].learning_rates[0] == found[method, "kappa 10, aligned"].learning_rates[0]  # fmt: skip
        assert found[method, steep].fun < 1e-100
        # ... and no such luck on the turned one
        assert found[method, turned].fun > 1.0
    assert found["Adam", steep].fun < 1e-5 < found["Adam", turned].fun
    assert found["GD", steep].learning_rates[0] < 2 / max(STEEP)
    assert found["GD", steep].fun > 1.0
    assert found["momentum", turned].fun < min(found[m, turned].fun for m in ADAPTIVE)
    assert all(found[m, "kappa 10, turned"].fun < 1e-8 for m in METHODS)


# --- the diabetes data -------------------------------------------------------------------------


def test_both_data_problems_have_the_same_minimum() -> None:
    problems = runs.data_problems()
    assert runs.f_star("raw features") == pytest.approx(runs.f_star("standardised"), rel=1e-9)
    raw_kappa, raw_diag = facts_module.condition_numbers(problems["raw features"])
    std_kappa, std_diag = facts_module.condition_numbers(problems["standardised"])
    assert raw_kappa > raw_diag > std_kappa
    assert std_diag == pytest.approx(std_kappa)  # the standardised diagonal is already 2 I


def test_the_page_and_the_figures_run_the_same_data_runs(
    page: tuple[dict[str, Any], dict[str, str]],
) -> None:
    mine = runs.data_runs()
    theirs = page[0]["data_runs"]
    assert set(theirs) == set(mine)
    for key, run in mine.items():
        np.testing.assert_array_equal(run.iterates[-1], theirs[key].iterates[-1])
        assert run.learning_rates[0] == theirs[key].learning_rates[0]
        assert run.examples[-1] == EPOCHS * runs.data_problems()[key[1]].n
    assert page[0]["last"] == LAST and page[0]["seed"] == SEED


def test_what_the_prose_says_about_the_data() -> None:
    found = runs.data_runs()
    excess = {key: runs.final_loss(run) - runs.f_star(key[1]) for key, run in found.items()}
    raw = {m: excess[m, "raw features"] for m in runs.DATA_METHODS}
    std = {m: excess[m, "standardised"] for m in runs.DATA_METHODS}
    assert min(raw, key=raw.__getitem__) == "Adam"
    assert all(raw[m] < raw["SGD"] for m in ADAPTIVE)
    assert min(raw.values()) > 10 * max(std.values())
    assert max(std.values()) / min(std.values()) < 2
    # a finer grid would not change the ranking: SGD's best rate is inside the grid
    rates = list(runs.DATA_RATES)
    assert 0 < rates.index(found["SGD", "raw features"].learning_rates[0]) < len(rates) - 1


# --- seconds from the benchmark ------------------------------------------------------------


def test_the_seconds_come_from_the_committed_benchmark() -> None:
    section = json.loads(runs.BENCH.read_text(encoding="utf-8"))["sections"]["optimizers"]
    result = section["result"]
    assert result["batch_size"] == BATCH_SIZE == bench_optimizers.BATCH_SIZE
    assert result["n"] == runs.data_problems()["standardised"].n
    assert set(result["seconds_per_step"]) == set(runs.DATA_METHODS) == set(bench_optimizers.RULES)
    assert all(0 < s < 1e-2 for s in result["seconds_per_step"].values())
    assert section["load_before"] and section["started"]


def test_the_seconds_facts(facts: dict[str, str]) -> None:
    cost = runs.seconds_per_step()
    steps = runs.data_runs()["SGD", "standardised"].steps
    assert steps == EPOCHS * math.ceil(runs.data_problems()["standardised"].n / BATCH_SIZE)
    assert facts["run_seconds_adam"] == f"{steps * cost['Adam']:.3f}"
    assert facts["us_sgd"] == f"{cost['SGD'] * 1e6:.0f}"


def test_every_fact_is_quoted_on_both_pages(facts: dict[str, str]) -> None:
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        missing = [key for key in facts if f"ch12.{key} }}}}" not in text]
        assert not missing, (path.name, missing)
