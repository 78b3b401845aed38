"""Chapter 4, linear regression by gradient descent: the page's claims against closed forms."""

from __future__ import annotations

import contextlib
import io
import math
import re
from pathlib import Path

import numpy as np
import pytest

import gdbook
from book.chapters.ch04 import facts as facts_module
from book.chapters.ch04 import params

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "book" / "chapters"
PAGES = (
    ROOT / "docs" / "gd" / "linear-regression.md",
    ROOT / "docs" / "gd" / "linear-regression.ko.md",
)
INCLUDE = re.compile(r'^--8<--\s+"([^"]+)"\s*$', re.M)
FACTS = facts_module.facts()
DATA = gdbook.book_regression()
X, Y = DATA.X, DATA.y
N = len(Y)
PROBLEM = gdbook.LeastSquares(X, Y)
BETA_HAT = PROBLEM.solve()
H = 2.0 / N * X.T @ X
MU, L = np.linalg.eigvalsh(H)


def page_outputs() -> dict[str, str]:
    """Run the page's code files in page order in one namespace; file name -> its output."""
    names = INCLUDE.findall(PAGES[0].read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": "__main__"}
    outputs = {}
    for name in names:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile((CODE / name).read_text(encoding="utf-8"), name, "exec"), namespace)
        outputs[Path(name).stem] = buffer.getvalue()
    return outputs


OUTPUTS = page_outputs()


def sci(fact: str) -> float:
    r"""Read a fact written as LaTeX scientific notation (``4.22 \times 10^{-10}``)."""
    mantissa, exponent = fact.split(" \\times 10^")
    return float(mantissa) * 10.0 ** int(exponent.strip("{}"))


def test_data_are_the_books_running_example() -> None:
    assert X.shape == (1000, 2) and np.all(X[:, 0] == 1.0)
    np.testing.assert_array_equal(DATA.true_beta, [2.0, 3.0])
    assert X[:, 1].min() >= -2.0 and X[:, 1].max() <= 2.0
    residual_std = np.std(Y - X @ DATA.true_beta)
    assert residual_std == pytest.approx(0.5, abs=0.03)
    assert "true x* = (2, 3)" in OUTPUTS["data"]


def test_derived_gradient_against_finite_differences_and_gdbook() -> None:
    rng = np.random.default_rng(0)
    for beta in rng.normal(size=(10, 2)) * 3:
        formula = -2.0 / N * X.T @ (Y - X @ beta)
        np.testing.assert_allclose(formula, PROBLEM.gradient(beta), rtol=1e-12, atol=1e-12)
        per_example = -2.0 * (Y - X @ beta)[:, np.newaxis] * X
        np.testing.assert_allclose(per_example.mean(axis=0), formula, rtol=1e-10, atol=1e-12)
        check = gdbook.check_gradient(PROBLEM, lambda b: -2.0 / N * X.T @ (Y - X @ b), beta)
        assert check.passed
    assert sci(FACTS["grad_rel_error"]) < 1e-6
    assert "passed: True" in OUTPUTS["gradient"]


def test_hessian_is_positive_semidefinite() -> None:
    np.testing.assert_allclose(PROBLEM.hessian(BETA_HAT), H, rtol=1e-14)
    assert np.all(np.linalg.eigvalsh(H) > 0)
    rng = np.random.default_rng(1)
    for v in rng.normal(size=(50, 2)):
        assert v @ H @ v == pytest.approx(2.0 / N * np.sum((X @ v) ** 2), rel=1e-12)
        assert v @ H @ v >= 0
    # duplicated column: still semidefinite, now with a zero eigenvalue
    duplicated = np.column_stack([X, X[:, 1]])
    eigenvalues = np.linalg.eigvalsh(2.0 / N * duplicated.T @ duplicated)
    assert eigenvalues[0] == pytest.approx(0.0, abs=1e-12)
    assert np.all(eigenvalues >= -1e-12)
    assert "(both > 0: positive definite)" in OUTPUTS["hessian"]


def test_chord_inequality_with_the_exact_gap() -> None:
    rng = np.random.default_rng(2)
    for _ in range(100):
        a, b = rng.normal(size=(2, 2)) * 4
        theta = rng.uniform()
        gap = theta * PROBLEM(a) + (1 - theta) * PROBLEM(b) - PROBLEM(theta * a + (1 - theta) * b)
        expected = 0.5 * theta * (1 - theta) * (a - b) @ H @ (a - b)
        assert gap == pytest.approx(expected, rel=1e-8, abs=1e-10)
        assert gap >= -1e-12


def test_second_order_expansion_is_exact() -> None:
    rng = np.random.default_rng(3)
    for beta, v in rng.normal(size=(20, 2, 2)):
        expansion = PROBLEM(beta) + PROBLEM.gradient(beta) @ v + 0.5 * v @ H @ v
        assert PROBLEM(beta + v) == pytest.approx(expansion, rel=1e-12)


def test_hessian_facts() -> None:
    assert float(FACTS["mu"]) == pytest.approx(MU, abs=5e-5)
    assert float(FACTS["lipschitz"]) == pytest.approx(L, abs=5e-5)
    assert float(FACTS["kappa"]) == pytest.approx(L / MU, abs=5e-3)
    assert float(FACTS["eta_max"]) == pytest.approx(2 / L, abs=5e-5)
    assert float(FACTS["mean_x"]) == pytest.approx(H[0, 1] / 2, abs=5e-5)
    assert float(FACTS["mean_x2"]) == pytest.approx(H[1, 1] / 2, abs=5e-5)
    assert abs(float(FACTS["mean_x2"]) - 4 / 3) < 0.05  # the uniform distribution's 4/3
    assert f"L = {FACTS['lipschitz']}" in OUTPUTS["hessian"]


def test_error_recursion_and_rate() -> None:
    run = gdbook.gradient_descent(
        PROBLEM, params.START, learning_rate=params.ETA, steps=params.STEPS
    )
    errors = run.iterates - BETA_HAT
    step = np.eye(2) - 0.1 * H
    np.testing.assert_allclose(errors[1:], errors[:-1] @ step.T, atol=1e-12)
    rho = max(abs(1 - 0.1 * MU), abs(1 - 0.1 * L))
    assert FACTS["rho"] == f"{rho:.4f}"
    norms = np.linalg.norm(errors, axis=1)
    assert np.all(norms <= rho ** np.arange(101) * norms[0] * (1 + 1e-9) + 1e-14)


def test_gd_solution_against_least_squares() -> None:
    run = gdbook.gradient_descent(
        PROBLEM, params.START, learning_rate=params.ETA, steps=params.STEPS
    )
    gap = np.linalg.norm(run.final - BETA_HAT)
    assert gap == pytest.approx(sci(FACTS["gap"]), rel=5e-3)
    assert gap <= sci(FACTS["bound"])
    lstsq, *_ = np.linalg.lstsq(X, Y, rcond=None)
    np.testing.assert_allclose(BETA_HAT, lstsq, rtol=1e-14)
    np.testing.assert_allclose(np.linalg.solve(X.T @ X, X.T @ Y), BETA_HAT, rtol=1e-10)
    assert (FACTS["x_hat1"], FACTS["x_hat2"]) == (f"{BETA_HAT[0]:.4f}", f"{BETA_HAT[1]:.4f}")
    printed = OUTPUTS["least_squares"]
    assert f"||x_100 - x_hat|| = {gap:.2e}" in printed
    mantissa, exponent = f"{gap:.2e}".split("e")
    assert FACTS["gap"] == f"{mantissa} \\times 10^{{{int(exponent)}}}"


def test_normal_equations_residual_is_orthogonal_to_the_columns() -> None:
    residual = Y - X @ BETA_HAT
    np.testing.assert_allclose(X.T @ residual, 0.0, atol=1e-9)
    # simple regression formulas (exercise 2)
    x = X[:, 1]
    slope = np.sum((x - x.mean()) * (Y - Y.mean())) / np.sum((x - x.mean()) ** 2)
    assert slope == pytest.approx(BETA_HAT[1], rel=1e-12)
    assert Y.mean() - slope * x.mean() == pytest.approx(BETA_HAT[0], rel=1e-12)


def test_loss_and_statistical_error_facts() -> None:
    assert float(FACTS["loss_min"]) == pytest.approx(PROBLEM(BETA_HAT), abs=5e-5)
    assert abs(float(FACTS["loss_min"]) - 0.25) < 0.02  # about the noise variance
    assert float(FACTS["loss_start"]) == pytest.approx(np.mean(Y**2), abs=5e-3)
    e0, e1 = BETA_HAT - DATA.true_beta
    assert FACTS["stat_error"] == f"({e0:.2f},\\;{e1:.2f})"
    assert float(FACTS["noise_scale"]) == pytest.approx(0.5 / math.sqrt(N), abs=5e-4)
    assert 10 ** int(FACTS["orders"]) <= 0.5 / math.sqrt(N) / sci(FACTS["gap"])


@pytest.mark.parametrize("factor", [0.999, 1.001])
def test_stability_boundary_on_the_regression(factor: float) -> None:
    eta = 2.0 / L * factor
    run = gdbook.gradient_descent(PROBLEM, [0.0, 0.0], learning_rate=eta, steps=20_000)
    start = np.linalg.norm(BETA_HAT)
    if factor < 1:
        assert np.linalg.norm(run.final - BETA_HAT) < 1e-3 * start
    else:
        assert run.diverged or np.linalg.norm(run.final - BETA_HAT) > 1e3 * start


def test_learning_rate_exercise() -> None:
    best = 2 / (L + MU)
    assert FACTS["eta_best"] == f"{best:.4f}"
    assert float(FACTS["rate_best"]) == pytest.approx((L / MU - 1) / (L / MU + 1), abs=5e-5)
    assert sci(FACTS["gap_best"]) < 1e-13
    assert float(FACTS["rate_070"]) == pytest.approx(0.7 * L - 1, abs=5e-5)
    assert sci(FACTS["gap_070"]) < 1e-3
    assert float(FACTS["rate_074"]) > 1 and float(FACTS["gap_074"]) > np.linalg.norm(BETA_HAT)
    rate = (L / MU - 1) / (L / MU + 1)
    steps = int(FACTS["steps_best"])
    assert rate**steps <= 1e-9 < rate ** (steps - 1)


@pytest.mark.parametrize(
    ("transform", "kappa_key", "steps_key"),
    [
        (np.array([1.0, 10.0]), "scaled_kappa", "scaled_steps"),
        (np.array([0.0, 2.0]), "shifted_kappa", "shifted_steps"),
    ],
    ids=["scaled", "shifted"],
)
def test_units_and_offsets_exercise(transform: np.ndarray, kappa_key: str, steps_key: str) -> None:
    Xt = X * transform if kappa_key == "scaled_kappa" else X + transform
    mu, big = np.linalg.eigvalsh(2.0 / N * Xt.T @ Xt)
    kappa = big / mu
    assert float(FACTS[kappa_key]) == pytest.approx(kappa, abs=0.5)
    assert kappa > 20 * (L / MU)
    steps = int(FACTS[steps_key].replace(",", ""))
    rate = (kappa - 1) / (kappa + 1)
    assert rate**steps <= 1e-9 < rate ** (steps - 1)
    # the same line in other coordinates
    moved = gdbook.LeastSquares(Xt, Y).solve()
    np.testing.assert_allclose(Xt @ moved, X @ BETA_HAT, atol=1e-9)


def test_scaled_feature_makes_the_chapters_learning_rate_diverge() -> None:
    scaled = gdbook.LeastSquares(X * np.array([1.0, 10.0]), Y)
    assert float(FACTS["scaled_eta_max"]) < 0.1
    run = gdbook.gradient_descent(scaled, [0.0, 0.0], learning_rate=0.1, steps=100)
    assert run.diverged or np.linalg.norm(run.final) > 1e6


def test_rank_deficient_data_converge_to_the_minimum_norm_solution() -> None:
    duplicated = gdbook.LeastSquares(np.column_stack([X, X[:, 1]]), Y)
    big = np.linalg.eigvalsh(duplicated.hessian(np.zeros(3)))[-1]
    run = gdbook.gradient_descent(duplicated, np.zeros(3), learning_rate=1.0 / big, steps=3000)
    minimum_norm = duplicated.solve()
    np.testing.assert_allclose(run.final, minimum_norm, atol=1e-8)
    assert run.final[1] == pytest.approx(run.final[2], abs=1e-10)  # orthogonal to (0, 1, -1)


def test_non_convex_double_well() -> None:
    well = gdbook.DoubleWell()
    assert float(well.hessian(0.0)[0, 0]) < 0
    ends = [
        gdbook.gradient_descent(well, x0, learning_rate=0.1, steps=200).final[0]
        for x0 in (0.1, 0.3)
    ]
    assert ends[0] == pytest.approx(well.deep_minimum, abs=1e-6)
    assert ends[1] == pytest.approx(well.shallow_minimum, abs=1e-6)
    assert FACTS["well_deep"] == f"{well.deep_minimum:.4f}"
    assert FACTS["well_shallow"] == f"{well.shallow_minimum:.4f}"
    assert well(ends[0]) < well(ends[1])


def test_facts_are_recomputed_identically() -> None:
    assert facts_module.facts() == FACTS
    text = PAGES[0].read_text(encoding="utf-8") + PAGES[1].read_text(encoding="utf-8")
    for key in FACTS:
        assert f"ch04.{key}" in text
