"""Chapter 5, stochastic gradient descent: the page's claims against closed forms."""

from __future__ import annotations

import contextlib
import io
import itertools
import math
from pathlib import Path

import numpy as np
import pytest

import gdbook
from book.chapters.ch05 import facts as facts_module

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "book" / "chapters" / "ch05" / "code"
PAGES = (ROOT / "docs" / "sgd" / "sgd.md", ROOT / "docs" / "sgd" / "sgd.ko.md")
FACTS = facts_module.facts()
BOWL = gdbook.Quadratic((2.0, 4.0))
PAGE_ORDER = (
    "finite_sum",
    "unbiasedness",
    "gradient_variance",
    "monte_carlo",
    "noisy_sgd",
    "gd_vs_sgd",
    "noise_ball",
    "decaying",
    "sampling",
)


@pytest.fixture(scope="module")
def problem() -> gdbook.LeastSquares:
    data = gdbook.book_regression()
    return gdbook.LeastSquares(data.X, data.y)


@pytest.fixture(scope="module")
def printed() -> dict[str, str]:
    """Run the page's code files in page order, in one namespace, and keep each one's output."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    outputs = {}
    for name in PAGE_ORDER:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            path = CODE / f"{name}.py"
            exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
        outputs[name] = buffer.getvalue()
    return outputs


def test_every_code_file_is_on_both_pages() -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        included = [line.split('"')[1] for line in text.splitlines() if line.startswith("--8<--")]
        assert included == [f"ch05/code/{name}.py" for name in PAGE_ORDER], page.name
        for heading in (
            "finite-sum",
            "stochastic-gradient",
            "unbiasedness",
            "noise-ball",
            "sampling",
        ):
            assert f"{{ #{heading} }}" in text, (page.name, heading)


# --- unbiasedness ---------------------------------------------------------------------------


def test_mean_of_per_example_gradients_is_the_full_gradient(problem: gdbook.LeastSquares) -> None:
    rng = np.random.default_rng(0)
    points = [np.zeros(2), problem.solve(), *rng.normal(0.0, 3.0, size=(5, 2))]
    for beta in points:
        per_example = problem.example_gradients(beta)
        full = problem.gradient(beta)
        # Rounding only: n terms of size |g_i| summed in two orders.
        scale = np.abs(per_example).max() * problem.n * np.finfo(float).eps
        np.testing.assert_allclose(per_example.mean(axis=0), full, rtol=0, atol=scale)
        # The expectation over a uniform index, written as a probability-weighted sum.
        weights = np.full(problem.n, 1.0 / problem.n)
        np.testing.assert_allclose(weights @ per_example, full, rtol=0, atol=scale)


def test_printed_difference_is_rounding_error(printed: dict[str, str]) -> None:
    difference = float(FACTS["mean_difference"])
    assert 0 < difference < 1e-12
    assert f"largest difference  : {FACTS['mean_difference']}" in printed["unbiasedness"]


def test_variance_identity_and_the_noise_at_the_minimum(problem: gdbook.LeastSquares) -> None:
    for beta in (np.zeros(2), problem.solve()):
        per_example = problem.example_gradients(beta)
        full = problem.gradient(beta)
        direct = facts_module.spread(problem, beta)
        expanded = np.mean(np.sum(per_example**2, axis=1)) - full @ full
        assert direct == pytest.approx(expanded, rel=1e-10)
    assert np.linalg.norm(problem.gradient(problem.solve())) < 1e-12
    assert float(FACTS["sigma2_opt"]) > 1.0  # the noise does not vanish where grad f does
    # "a single example's gradient is more noise than signal" at beta = (0, 0)
    assert float(FACTS["sigma_zero"]) > float(FACTS["grad_norm_zero"])
    assert FACTS["sigma_zero"] == f"{math.sqrt(float(FACTS['sigma2_zero'])):.1f}"


def test_cloud_statistics(problem: gdbook.LeastSquares) -> None:
    per_example = problem.example_gradients(np.zeros(2))
    full = problem.gradient(np.zeros(2))
    # at beta = 0 the per-example gradients are -2 y_i (1, x_i): on a parabola
    np.testing.assert_allclose(per_example, -2 * problem.y[:, None] * problem.X, rtol=1e-15)
    assert 0 < int(FACTS["opposite_percent"]) < 50
    assert 0 < int(FACTS["mean_angle"]) < 90
    assert np.mean(per_example @ full < 0) == pytest.approx(
        int(FACTS["opposite_percent"]) / 100, abs=0.005
    )


def test_monte_carlo_error_falls_like_one_over_sqrt_m(problem: gdbook.LeastSquares) -> None:
    beta = np.zeros(2)
    per_example = problem.example_gradients(beta)
    full = problem.gradient(beta)
    sigma2 = facts_module.spread(problem, beta)
    rng = np.random.default_rng(123)
    for m in (1, 10, 100):
        draws = rng.integers(0, problem.n, size=(4000, m))
        errors = np.sum((per_example[draws].mean(axis=1) - full) ** 2, axis=1)
        # E||g_m - grad f||^2 = sigma^2 / m; the mean of 4000 draws is within a few percent
        assert np.mean(errors) == pytest.approx(sigma2 / m, rel=0.08)
    assert FACTS["mc_rms_100"] == f"{math.sqrt(sigma2 / 100):.2f}"
    assert FACTS["mc_rms_10000"] == f"{math.sqrt(sigma2 / 10_000):.3f}"


def test_page_output_matches_facts(printed: dict[str, str]) -> None:
    zero, optimum = (
        float(line.rsplit("=", 1)[1]) for line in printed["gradient_variance"].splitlines()
    )
    assert f"{zero:.1f}" == FACTS["sigma2_zero"] and f"{optimum:.2f}" == FACTS["sigma2_opt"]
    assert f"x_20 = {FACTS['gd_final']}, f(x_20) = {FACTS['gd_final_loss']}" in printed["noisy_sgd"]
    assert (
        f"x_20 = {FACTS['noisy_final']}, f(x_20) = {FACTS['noisy_final_loss']}"
        in printed["noisy_sgd"]
    )
    ball = printed["noise_ball"]
    assert f"predicted {FACTS['ball_x1_predicted']}, measured {FACTS['ball_x1_measured']}" in ball
    assert f"predicted {FACTS['ball_x2_predicted']}, measured {FACTS['ball_x2_measured']}" in ball
    assert f"mean loss in the ball: {FACTS['ball_level_measured']}" in ball
    sampling = printed["sampling"].splitlines()
    assert sampling[1].split()[-2:] == [FACTS["p_at_least_once"], FACTS["p_exactly_once"]]
    assert sampling[2].split()[-2:] == [FACTS["limit_at_least_once"], FACTS["limit_exactly_once"]]
    assert sampling[3].split()[-2:] == [
        FACTS["empirical_at_least_once"],
        FACTS["empirical_exactly_once"],
    ]
    assert sampling[-1].endswith("every example exactly once: True")
    rows = {line.split()[0]: line.split()[1:] for line in printed["gd_vs_sgd"].splitlines()[2:]}
    gd, sgd_fast, sgd_slow = (float(v) for v in rows["1,000"])
    assert gd == pytest.approx(float(FACTS["gd_excess_1000"]), abs=0.01)
    assert sgd_fast == pytest.approx(float(FACTS["sgd1_excess_1000"]), abs=0.01)
    assert sgd_slow == pytest.approx(float(FACTS["sgd01_excess_1000"]), abs=1e-4)
    decaying = printed["decaying"]
    assert f"{float(FACTS['loss_constant_10000']):.2e}" in decaying


# --- simulated SGD --------------------------------------------------------------------------


def test_noise_is_mean_zero_and_unbiased() -> None:
    # One step from a fixed point over many seeds: the mean gradient estimate is grad f.
    x = np.array([-5.0, -2.0])
    steps = np.array(
        [
            gdbook.noisy_gradient_descent(
                BOWL, x, learning_rate=1.0, steps=1, noise_std=1.0, seed=s
            ).iterates[1]
            for s in range(4000)
        ]
    )
    estimates = x - steps  # eta = 1, so x_1 = x_0 - g_0
    np.testing.assert_allclose(estimates.mean(axis=0), BOWL.gradient(x), atol=4 / np.sqrt(4000))
    np.testing.assert_allclose(estimates.std(axis=0), 1.0, rtol=0.05)


def test_without_noise_the_simulation_is_gradient_descent() -> None:
    gd = gdbook.gradient_descent(BOWL, [-5.0, -2.0], learning_rate=0.1, steps=20)
    silent = gdbook.noisy_gradient_descent(
        BOWL, [-5.0, -2.0], learning_rate=0.1, steps=20, noise_std=0.0, seed=0
    )
    np.testing.assert_array_equal(gd.iterates, silent.iterates)
    # GD on this bowl: each coordinate is multiplied by 1 - eta h per step
    np.testing.assert_allclose(gd.final, [-5 * 0.8**20, -2 * 0.6**20], rtol=1e-13)


def test_gd_vs_sgd_claims() -> None:
    assert float(FACTS["gd_excess_1000"]) > 10 * float(FACTS["sgd1_excess_1000"])
    assert float(FACTS["sgd01_excess_1000"]) < float(FACTS["sgd1_excess_1000"])
    assert float(FACTS["sgd01_excess_100"]) > float(FACTS["sgd1_excess_100"])  # slower start
    # GD ends lowest; the smaller SGD rate hovers lower than the larger one
    assert float(FACTS["gd_excess_end"]) < float(FACTS["sgd01_excess_end"])
    assert float(FACTS["sgd01_excess_end"]) < float(FACTS["sgd1_excess_end"])
    assert float(FACTS["f_star"]) == pytest.approx(0.25, abs=0.02)  # the data's noise variance


# --- the noise ball -------------------------------------------------------------------------


def stationary_second_moment(eta: float, h: float, sigma: float) -> float:
    return eta * sigma**2 / (h * (2 - eta * h))


@pytest.mark.parametrize(("eta", "h"), [(0.1, 2.0), (0.1, 4.0), (0.05, 10.0), (0.3, 5.0)])
def test_noise_ball_stationary_variance_by_simulation(eta: float, h: float) -> None:
    """Many independent chains of x <- (1 - eta h) x - eta xi, simulated directly."""
    rng = np.random.default_rng(7)
    chains, steps = 20_000, 400
    x = np.full(chains, 3.0)
    for _ in range(steps):
        x = (1 - eta * h) * x - eta * rng.standard_normal(chains)
    predicted = stationary_second_moment(eta, h, 1.0)
    # the sample mean of x^2 over 20,000 chains has a relative standard error of about 1 %
    assert np.mean(x**2) == pytest.approx(predicted, rel=0.05)


def test_noise_ball_facts_against_the_closed_form() -> None:
    predicted = [stationary_second_moment(0.1, h, 1.0) for h in (2.0, 4.0)]
    assert FACTS["ball_x1_predicted"] == f"{predicted[0]:.5f}"
    assert FACTS["ball_x2_predicted"] == f"{predicted[1]:.5f}"
    level = sum(0.1 / (2 * (2 - 0.1 * h)) for h in (2.0, 4.0))
    assert FACTS["ball_level"] == f"{level:.4f}"
    # the driver's long run agrees with the closed form within 3 %
    for key in ("ball_x1", "ball_x2"):
        measured, expected = float(FACTS[f"{key}_measured"]), float(FACTS[f"{key}_predicted"])
        assert measured == pytest.approx(expected, rel=0.03)
    assert float(FACTS["ball_level_measured"]) == pytest.approx(level, rel=0.03)
    assert float(FACTS["ball_max_rel_error"]) < 3.0
    assert FACTS["ball_radius"] == f"{math.sqrt(sum(predicted)):.2f}"


def test_expected_loss_recursion_matches_simulation() -> None:
    """The exact recursion for E f(x_t) against 4000 simulated chains, for each schedule."""
    schedules = [
        gdbook.constant(0.1),
        gdbook.polynomial(0.1, alpha=0.5, omega=0.1),
        gdbook.polynomial(0.1, alpha=1.0, omega=0.1),
    ]
    h = np.array(BOWL.curvatures)
    rng = np.random.default_rng(11)
    steps = 1000
    for schedule in schedules:
        exact = facts_module.expected_loss(schedule, steps)
        x = np.tile([-5.0, -2.0], (4000, 1))
        for t in range(steps):
            eta = schedule(t)
            x = x - eta * (h * x + rng.standard_normal(x.shape))
        simulated = np.mean(0.5 * np.sum(h * x**2, axis=1))
        assert simulated == pytest.approx(exact[steps], rel=0.08)
    constant = facts_module.expected_loss(gdbook.constant(0.1), 500)
    assert constant[-1] == pytest.approx(float(FACTS["ball_level"]), rel=1e-3)


def test_decaying_schedules_keep_converging() -> None:
    sqrt_curve = facts_module.expected_loss(gdbook.polynomial(0.1, alpha=0.5, omega=0.1), 10_000)
    inverse_curve = facts_module.expected_loss(gdbook.polynomial(0.1, alpha=1.0, omega=0.1), 10_000)
    # slopes on log-log axes between t = 1000 and t = 10000: -1/2 and -1
    slope = lambda curve: math.log10(curve[10_000] / curve[1_000])  # noqa: E731
    assert slope(sqrt_curve) == pytest.approx(-0.5, abs=0.05)
    assert slope(inverse_curve) == pytest.approx(-1.0, abs=0.05)
    # exercise 4: E f ~ (1/3 + 2/7) / t for the 1/t schedule with c = 1
    assert inverse_curve[10_000] == pytest.approx((1 / 3 + 2 / 7) / 10_000, rel=0.02)
    assert FACTS["loss_inverse_10000"] == facts_module._latex_scientific(inverse_curve[10_000])
    assert FACTS["loss_sqrt_10000"] == facts_module._latex_scientific(sqrt_curve[10_000])


# --- sampling with and without replacement --------------------------------------------------


def test_probabilities_for_n_1000_and_their_limits() -> None:
    n = 1000
    at_least = 1 - (1 - 1 / n) ** n
    exactly = (1 - 1 / n) ** (n - 1)
    # the binomial pmf, computed independently
    pmf0 = math.comb(n, 0) * (1 - 1 / n) ** n
    pmf1 = math.comb(n, 1) * (1 / n) * (1 - 1 / n) ** (n - 1)
    assert at_least == pytest.approx(1 - pmf0, rel=1e-14)
    assert exactly == pytest.approx(pmf1, rel=1e-14)
    assert FACTS["p_at_least_once"] == "0.632305"
    assert FACTS["p_exactly_once"] == "0.368063"
    assert FACTS["limit_at_least_once"] == f"{1 - 1 / math.e:.6f}" == "0.632121"
    assert FACTS["limit_exactly_once"] == f"{1 / math.e:.6f}" == "0.367879"
    # both approach their limits from above, and the gap shrinks like 1/n
    gaps = [(1 - (1 - 1 / m) ** m) - (1 - 1 / math.e) for m in (10, 100, 1000, 10_000)]
    assert all(g > 0 for g in gaps) and all(a > 5 * b for a, b in itertools.pairwise(gaps))
    gap = max(at_least - (1 - 1 / math.e), exactly - 1 / math.e)
    assert FACTS["limit_gap"] == facts_module._latex_scientific(gap, digits=1)
    assert FACTS["expected_missed"] == f"{n * (1 - 1 / n) ** n:.0f}"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_empirical_frequencies_within_a_few_standard_errors(seed: int) -> None:
    n, trials = 1000, 2000
    rng = np.random.default_rng(seed)
    counts = np.array([np.bincount(rng.integers(0, n, size=n), minlength=n) for _ in range(trials)])
    for hit, exact in ((counts >= 1, 1 - (1 - 1 / n) ** n), (counts == 1, (1 - 1 / n) ** (n - 1))):
        per_trial = hit.mean(axis=1)
        standard_error = per_trial.std(ddof=1) / math.sqrt(trials)
        assert abs(per_trial.mean() - exact) < 4 * standard_error
    # the page's own run (seed 0) differs by less than two standard errors, as it says
    assert float(FACTS["z_at_least_once"]) < 2 and float(FACTS["z_exactly_once"]) < 2


def test_shuffled_epochs_use_every_example_once(problem: gdbook.LeastSquares) -> None:
    # With sampling="shuffle" and a tiny rate, the sum of the n steps of one epoch at an
    # (almost) fixed point is n times the full gradient: the epoch sees every example once.
    eta = 1e-12
    run = gdbook.sgd(
        problem, [0.0, 0.0], learning_rate=eta, steps=problem.n, sampling="shuffle", seed=3
    )
    moved = (run.iterates[0] - run.iterates[-1]) / eta
    np.testing.assert_allclose(moved, problem.n * problem.gradient([0.0, 0.0]), rtol=1e-6)
    replaced = gdbook.sgd(problem, [0.0, 0.0], learning_rate=eta, steps=problem.n, seed=3)
    moved = (replaced.iterates[0] - replaced.iterates[-1]) / eta
    assert not np.allclose(moved, problem.n * problem.gradient([0.0, 0.0]), rtol=1e-3)


def test_figures_are_registered() -> None:
    from book.figures import all_figures

    names = {spec.name for spec in all_figures()}
    for name in (
        "ch05-gradient-cloud",
        "ch05-monte-carlo",
        "ch05-noisy-sgd",
        "ch05-gd-vs-sgd",
        "ch05-noise-ball",
    ):
        assert name in names
        for page in PAGES:
            assert f'{{{{ figure("{name}") }}}}' in page.read_text(encoding="utf-8")
