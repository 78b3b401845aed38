"""Chapter 3, gradient descent in many dimensions: the page's claims against closed forms."""

from __future__ import annotations

import contextlib
import io
import math
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gdbook
from book.chapters.ch03 import facts as facts_module
from book.chapters.ch03 import params

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "book" / "chapters"
PAGES = (ROOT / "docs" / "gd" / "gd-nd.md", ROOT / "docs" / "gd" / "gd-nd.ko.md")
INCLUDE = re.compile(r'^--8<--\s+"([^"]+)"\s*$', re.M)
FACTS = facts_module.facts()
EXAMPLE = gdbook.Quadratic(params.CURVATURES)
START = np.array(params.START)


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


def closed_form(curvatures: np.ndarray, eta: float, x0: np.ndarray, steps: int) -> np.ndarray:
    """x_t = (1 - eta h)^t x_0 for t = 0..steps, shape (steps + 1, d)."""
    t = np.arange(steps + 1)[:, np.newaxis]
    return (1.0 - eta * curvatures) ** t * x0


def sci(fact: str) -> float:
    r"""Read a fact written as LaTeX scientific notation (``-7.31 \times 10^{-5}``)."""
    mantissa, exponent = fact.split(" \\times 10^")
    return float(mantissa) * 10.0 ** int(exponent.strip("{}"))


# --- directional derivative and steepest descent ----------------------------------------------


@pytest.mark.parametrize(
    "objective",
    [EXAMPLE, gdbook.Rosenbrock(), gdbook.MixedCosine()],
    ids=lambda f: type(f).__name__,
)
def test_directional_derivative_is_gradient_dot_u(objective: gdbook.Quadratic) -> None:
    rng = np.random.default_rng(0)
    for _ in range(20):
        x = rng.uniform(-1.5, 1.5, size=2)
        u = rng.normal(size=2)
        u /= np.linalg.norm(u)
        h = 1e-6
        quotient = (objective(x + h * u) - objective(x - h * u)) / (2 * h)
        expected = objective.gradient(x) @ u
        assert quotient == pytest.approx(expected, rel=1e-6, abs=1e-6)


def test_difference_quotient_error_is_exactly_three_halves_h() -> None:
    # For the quadratic, (f(x + hu) - f(x)) / h = grad f . u + (h/2) u^T H u, and u^T H u = 3.
    u = np.array([1.0, 1.0]) / math.sqrt(2.0)
    exact = EXAMPLE.gradient(START) @ u
    assert exact == pytest.approx(-18 / math.sqrt(2))
    for h in (1e-1, 1e-2, 1e-3):
        quotient = (EXAMPLE(START + h * u) - EXAMPLE(START)) / h
        assert quotient - exact == pytest.approx(1.5 * h, rel=1e-6)
    assert f"{exact:.6f}" in OUTPUTS["directional"]


def test_steepest_descent_is_minus_the_normalised_gradient() -> None:
    g = EXAMPLE.gradient(START)
    angles = np.radians(np.arange(0.0, 360.0, 0.01))
    units = np.column_stack([np.cos(angles), np.sin(angles)])
    slopes = units @ g
    best = units[slopes.argmin()]
    np.testing.assert_allclose(best, -g / np.linalg.norm(g), atol=1e-4)
    assert slopes.min() == pytest.approx(-np.linalg.norm(g), rel=1e-8)
    # Cauchy-Schwarz: no unit vector does better than -||g||
    assert np.all(slopes >= -np.linalg.norm(g) - 1e-12)
    printed = OUTPUTS["steepest"]
    assert f"phi = {FACTS['descent_angle']} deg" in printed
    assert f"-||grad f(x)|| = -{FACTS['grad_norm']}" in printed


def test_gradient_is_perpendicular_to_the_contour() -> None:
    # The ellipse x1^2 + 2 x2^2 = c, parametrised as (sqrt(c) cos s, sqrt(c/2) sin s).
    for c in (0.5, 3.0, 33.0):
        s = np.linspace(0.0, 2.0 * np.pi, 50)
        points = np.column_stack([np.sqrt(c) * np.cos(s), np.sqrt(c / 2) * np.sin(s)])
        tangents = np.column_stack([-np.sqrt(c) * np.sin(s), np.sqrt(c / 2) * np.cos(s)])
        for p, tangent in zip(points, tangents, strict=True):
            assert EXAMPLE(p) == pytest.approx(c)
            assert EXAMPLE.gradient(p) @ tangent == pytest.approx(0.0, abs=1e-12)


def test_angle_facts() -> None:
    assert FACTS["grad_x0"] == "(-10, -8)"
    assert float(FACTS["dd_exact"]) == pytest.approx(-18 / math.sqrt(2), abs=5e-5)
    assert float(FACTS["grad_norm"]) == pytest.approx(math.sqrt(164), abs=5e-5)
    assert float(FACTS["descent_angle"]) == pytest.approx(math.degrees(math.atan2(8, 10)), abs=5e-3)
    assert float(FACTS["minimum_angle"]) == pytest.approx(math.degrees(math.atan2(2, 5)), abs=5e-3)


# --- descent ------------------------------------------------------------------------------------


def test_descent_lemma_on_quadratics() -> None:
    rng = np.random.default_rng(1)
    for _ in range(200):
        f = gdbook.Quadratic(rng.uniform(0.1, 10.0, size=3))
        x = rng.normal(size=3) * 3
        eta = rng.uniform(0.0, 2.5 / f.lipschitz)
        g = f.gradient(x)
        bound = f(x) - eta * (1 - f.lipschitz * eta / 2) * g @ g
        assert f(x - eta * g) <= bound + 1e-9
        if eta < 2 / f.lipschitz:
            assert f(x - eta * g) < f(x)


# --- the standard example and the closed form -----------------------------------------------


def test_standard_example_matches_the_closed_form() -> None:
    run = gdbook.gradient_descent(EXAMPLE, START, learning_rate=0.1, steps=20)
    closed = closed_form(np.array([2.0, 4.0]), 0.1, START, 20)
    np.testing.assert_allclose(run.iterates, closed, rtol=1e-13, atol=1e-16)
    assert float(FACTS["final_x1"]) == pytest.approx(-5 * 0.8**20, abs=5e-5)
    assert sci(FACTS["final_x2"]) == pytest.approx(-2 * 0.6**20, rel=1e-3)
    assert float(FACTS["final_loss"]) == pytest.approx(EXAMPLE(closed[-1]), abs=5e-6)
    assert FACTS["f_start"] == "33"
    assert (FACTS["factor1"], FACTS["factor2"]) == ("0.8", "0.6")
    assert sci(FACTS["closed_gap"]) < 1e-14
    printed = OUTPUTS["standard_example"]
    assert "t = 20:  x = (-0.057646, -0.000073)" in printed


@pytest.mark.parametrize("eta", [0.05, 0.1, 0.25, 1 / 3, 0.4, 0.45, 0.49])
def test_closed_form_per_coordinate_for_many_learning_rates(eta: float) -> None:
    h = np.array([2.0, 4.0])
    run = gdbook.gradient_descent(EXAMPLE, START, learning_rate=eta, steps=40)
    np.testing.assert_allclose(run.iterates, closed_form(h, eta, START, 40), rtol=1e-12, atol=1e-15)


def test_bowl_path_is_the_diagonal() -> None:
    bowl = gdbook.Quadratic((2.0, 2.0))
    run = gdbook.gradient_descent(bowl, (1.0, 1.0), learning_rate=0.1, steps=20)
    np.testing.assert_array_equal(run.iterates[:, 0], run.iterates[:, 1])
    np.testing.assert_allclose(run.iterates[:, 0], 0.8 ** np.arange(21), rtol=1e-13)
    assert FACTS["bowl_final"] == f"{0.8**20:.4f}"


# --- stability ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_stability_boundary_is_two_over_l(seed: int) -> None:
    rng = np.random.default_rng(seed)
    f = gdbook.Quadratic(rng.uniform(0.5, 20.0, size=4))
    x0 = rng.normal(size=4) + 1.0
    edge = 2.0 / f.lipschitz
    below = gdbook.gradient_descent(f, x0, learning_rate=edge * (1 - 1e-3), steps=5000)
    above = gdbook.gradient_descent(f, x0, learning_rate=edge * (1 + 1e-3), steps=5000)
    assert np.linalg.norm(below.final) < 1e-3 * np.linalg.norm(x0)
    assert np.linalg.norm(above.final) > 1e3 * np.linalg.norm(x0)
    at_edge = gdbook.gradient_descent(f, x0, learning_rate=edge, steps=1001)
    steep = int(np.argmax(f.curvatures))
    # exactly at 2/L the steepest coordinate flips sign forever with constant size
    assert abs(at_edge.final[steep]) == pytest.approx(abs(x0[steep]), rel=1e-9)


def test_learning_rate_facts_and_zigzag() -> None:
    assert FACTS["eta_max"] == "0.5" and FACTS["eta_zigzag"] == "1/4"
    assert float(FACTS["x2_eta049"]) == pytest.approx(-2 * (-0.96) ** 20, abs=5e-4)
    assert float(FACTS["x2_eta051"]) == pytest.approx(-2 * (-1.04) ** 20, abs=5e-3)
    # between 1/L and 2/L the steep coordinate alternates in sign, below 1/L it never does
    zig = gdbook.gradient_descent(EXAMPLE, START, learning_rate=0.4, steps=10).iterates[:, 1]
    assert np.all(np.sign(zig[1:]) == -np.sign(zig[:-1]))
    smooth = gdbook.gradient_descent(EXAMPLE, START, learning_rate=0.2, steps=10).iterates[:, 1]
    assert np.all(smooth < 0)
    one_step = gdbook.gradient_descent(EXAMPLE, START, learning_rate=0.25, steps=1)
    assert one_step.final[1] == 0.0
    rows = OUTPUTS["learning_rates"].strip().splitlines()[1:]
    assert [float(row.split()[0]) for row in rows] == [0.1, 0.25, 0.4, 0.49, 0.5, 0.51]


# --- condition number ---------------------------------------------------------------------------


def rho(eta: float, h: np.ndarray) -> float:
    return float(np.max(np.abs(1.0 - eta * h)))


@pytest.mark.parametrize("seed", range(5))
def test_rate_formula_and_its_optimum(seed: int) -> None:
    rng = np.random.default_rng(seed)
    h = rng.uniform(0.1, 10.0, size=5)
    big, small = h.max(), h.min()
    etas = np.linspace(1e-3, 2.5 / big, 2000)
    for eta in etas:
        assert rho(eta, h) == pytest.approx(max(1 - eta * small, eta * big - 1), abs=1e-12)
    best = 2.0 / (big + small)
    kappa = big / small
    assert rho(best, h) == pytest.approx((kappa - 1) / (kappa + 1), rel=1e-12)
    assert min(rho(eta, h) for eta in etas) >= rho(best, h) - 1e-12
    # gradient descent at eta* contracts every coordinate by at most rho*, the extreme ones exactly
    f = gdbook.Quadratic(h)
    x0 = np.ones(5)
    run = gdbook.gradient_descent(f, x0, learning_rate=best, steps=30)
    assert np.all(np.abs(run.final) <= rho(best, h) ** 30 * (1 + 1e-9))
    assert abs(run.final[h.argmax()]) == pytest.approx(rho(best, h) ** 30, rel=1e-9)


def test_condition_number_facts() -> None:
    assert FACTS["kappa"] == "2"
    assert Fraction(FACTS["eta_best"]) == Fraction(1, 3) == Fraction(FACTS["rate_best"])
    assert sci(FACTS["best_shrink"]) == pytest.approx(3.0**-20, rel=5e-3)
    printed = OUTPUTS["condition_number"]
    assert "eta* = 2 / (L + mu) = 0.333333" in printed
    # the table: smallest t with rho^t <= 1e-6, checked by brute force
    rows = OUTPUTS["kappa_table"].strip().splitlines()[1:]
    for row in rows:
        kappa, _, steps = row.split()
        rate = (int(kappa) - 1) / (int(kappa) + 1)
        t = int(steps.replace(",", ""))
        assert rate**t <= 1e-6 < rate ** (t - 1)
    assert FACTS["steps_kappa1000"] == rows[-1].split()[2]
    approx = float(FACTS["steps_approx_kappa1000"].replace(",", ""))
    assert approx == pytest.approx(1000 / 2 * math.log(1e6), abs=0.5)


def test_zigzag_figure_numbers() -> None:
    narrow = np.array([2.0, 20.0])
    slow = closed_form(narrow, 1 / 20, START, 20)[-1]
    best = closed_form(narrow, 2 / 22, START, 20)[-1]
    assert FACTS["narrow_slow"] == f"{np.linalg.norm(slow):.2f}"
    assert FACTS["narrow_best"] == f"{np.linalg.norm(best):.2f}"
    assert np.linalg.norm(best) < np.linalg.norm(slow)


# --- Rosenbrock exercise -------------------------------------------------------------------------


def test_rosenbrock_exercise() -> None:
    hessian = gdbook.Rosenbrock().hessian([1.0, 1.0])
    np.testing.assert_array_equal(hessian, [[802.0, -400.0], [-400.0, 200.0]])
    trace, det = 1002.0, 802.0 * 200.0 - 400.0**2
    big = trace / 2 + math.sqrt(trace**2 / 4 - det)
    small = det / big
    assert float(FACTS["rosen_lipschitz"]) == pytest.approx(big, abs=0.05)
    assert float(FACTS["rosen_mu"]) == pytest.approx(small, abs=5e-5)
    assert float(FACTS["rosen_eta_max"]) == pytest.approx(2 / big, abs=5e-7)
    assert 0.001 < 2 / big < 0.002
    losses = facts_module.rosenbrock_losses()
    assert losses[0.001, 100_000] < 1e-20  # converges below 2/L
    assert losses[0.002, 10_000] < 1e-6 < losses[0.002, 100_000]  # close, then unstable
    run = gdbook.gradient_descent(
        gdbook.Rosenbrock(), (-1.0, 1.0), learning_rate=0.002, steps=100_000
    )
    np.testing.assert_allclose(run.iterates[-1], run.iterates[-3], atol=1e-10)  # a 2-cycle
    assert not np.allclose(run.iterates[-1], run.iterates[-2])


def test_facts_are_recomputed_identically() -> None:
    assert facts_module.facts() == FACTS
    text = PAGES[0].read_text(encoding="utf-8") + PAGES[1].read_text(encoding="utf-8")
    for key in FACTS:
        assert f"ch03.{key}" in text
