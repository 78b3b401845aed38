"""Chapter 1, derivatives and gradients: the page's claims against the mathematics."""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import pytest

import gdbook
from book.chapters.ch01 import facts as facts_module
from tests.conftest import page_outputs

ROOT = Path(__file__).resolve().parents[2]
FACTS = facts_module.facts()


@functools.cache
def outputs() -> dict[str, str]:
    return page_outputs("gd/derivatives.md")


def output_of(name: str) -> str:
    """What ``book/chapters/ch01/code/<name>.py`` prints on the page."""
    return outputs()[name]


def mixed_cosine_gradient(x: float, y: float) -> np.ndarray:
    """The gradient derived on the page, written independently of gdbook."""
    s = x + 2 * y
    return np.array([2 * x + 2 * y - math.sin(s), 2 * x - 2 * math.sin(s)])


def test_difference_quotient_of_the_square_is_two_plus_h() -> None:
    f = gdbook.Quadratic((2.0,))
    for h in (1.0, 0.5, 0.1, 0.01, 0.001):
        assert (f(1.0 + h) - f(1.0)) / h == pytest.approx(2.0 + h, abs=1e-12)
    printed = output_of("difference_quotient")
    assert "1.00e-03" in printed and "2.001000000000" in printed


def test_derived_gradient_matches_gdbook_at_random_points() -> None:
    f = gdbook.MixedCosine()
    rng = np.random.default_rng(1)
    for x, y in rng.uniform(-3.0, 3.0, size=(20, 2)):
        np.testing.assert_allclose(f.gradient([x, y]), mixed_cosine_gradient(x, y), rtol=1e-14)


def test_gradient_facts_are_the_closed_forms_at_the_point() -> None:
    # At (1, 0.5), x + 2y = 2: the gradient is (3 - sin 2, 2 - 2 sin 2).
    assert FACTS["grad_x"] == f"{3 - math.sin(2):.6f}"
    assert FACTS["grad_y"] == f"{2 - 2 * math.sin(2):.6f}"
    assert FACTS["wrong_grad_y"] == f"{2 - math.sin(2):.6f}"
    printed = output_of("partial_derivatives")
    lines = [line.split("=", 1)[1] for line in printed.strip().splitlines()]
    assert lines[0] == lines[1]
    assert FACTS["grad_x"] in printed and FACTS["grad_y"] in printed


def test_ascent_raises_and_descent_lowers_the_square() -> None:
    f0, up, down = (float(FACTS[k]) for k in ("ad_f0", "ad_f_ascent", "ad_f_descent"))
    assert up > f0 > down
    # One step from x = 1.5 with eta = 0.1 on x^2: x (1 +- 2 eta), f = x^2 (1 +- 2 eta)^2.
    assert up == pytest.approx(2.25 * 1.2**2) and down == pytest.approx(2.25 * 0.8**2)
    printed = output_of("ascent_descent")
    assert f"f(x) = {float(FACTS['ad_f_ascent']):.4f}" in printed
    assert f"f(x) = {float(FACTS['ad_f_descent']):.4f}" in printed


def test_the_check_passes_on_the_right_gradient_and_fails_on_the_wrong_one() -> None:
    f = gdbook.MixedCosine()
    right = gdbook.check_gradient(f, f.gradient, facts_module.POINT)
    wrong = gdbook.check_gradient(f, facts_module.wrong_gradient, facts_module.POINT)
    assert right.passed and right.relative_error < 1e-8
    assert not wrong.passed and wrong.relative_error > 0.1
    # The wrong gradient differs in the second component only.
    assert wrong.analytic[0] == pytest.approx(wrong.numerical[0], rel=1e-8)
    assert abs(wrong.analytic[1] - wrong.numerical[1]) > 0.5
    printed = output_of("gradient_check")
    assert printed.count("passed = True") == 1 and printed.count("passed = False") == 1


def test_the_wrong_gradient_passes_where_the_sine_vanishes() -> None:
    # The page warns: at (1, -0.5), x + 2y = 0 and the slip is invisible.
    f = gdbook.MixedCosine()
    for point in ((1.0, -0.5), (math.pi, 0.0)):
        assert gdbook.check_gradient(f, facts_module.wrong_gradient, point).passed


def test_finite_difference_errors_follow_the_taylor_constants() -> None:
    constants = facts_module.error_constants()
    # Exact third derivative of f along x: d/dx (2 - cos(x + 2y)) = sin(x + 2y).
    assert constants["f_xxx"] == pytest.approx(math.sin(2.0), rel=1e-6)
    assert constants["f_xx"] == pytest.approx(2.0 - math.cos(2.0))
    table = {
        h: (forward, central) for h, forward, central in facts_module.finite_difference_table()
    }
    for h in (1e-2, 1e-3, 1e-4):
        forward, central = table[h]
        assert forward / h == pytest.approx(constants["f_xx"] / 2, rel=0.01)  # O(h)
        assert central / h**2 == pytest.approx(constants["f_xxx"] / 6, rel=0.01)  # O(h^2)
    # Rounding: the smallest errors sit near the predicted optimal increments.
    assert min(table, key=lambda h: table[h][1]) == 1e-5
    assert min(table, key=lambda h: table[h][0]) == 1e-8
    assert 1e-6 < constants["h_central"] < 1e-4 and 1e-9 < constants["h_forward"] < 1e-7


def test_finite_difference_facts_match_the_printed_table() -> None:
    printed = output_of("finite_difference_error")
    rows = [line.split() for line in printed.strip().splitlines()[1:]]
    assert [float(row[0]) for row in rows] == list(facts_module.TABLE_INCREMENTS)
    by_h = {float(row[0]): (row[1], row[2]) for row in rows}
    mantissa, exponent = FACTS["fd_best_central"].split(" \\times 10^")
    assert by_h[1e-5][1] == f"{float(mantissa):.2f}e{int(exponent.strip('{}')):+03d}"
    mantissa, exponent = FACTS["fd_default_central"].split(" \\times 10^")
    assert by_h[1e-6][1] == f"{float(mantissa):.2f}e{int(exponent.strip('{}')):+03d}"


def test_central_difference_beats_forward_difference_at_the_default_increment() -> None:
    forward, central = next(
        row for row in facts_module.finite_difference_table() if row[0] == 1e-6
    )[1:]
    assert central < forward / 100
