"""The interactive explorers, driven from the keyboard, show the numbers gdbook computes.

``docs/javascripts/explorers.js`` turns each ``<div class="gd-explorer">`` into a range
slider, an SVG drawing (``polyline.gd-explorer-path``) and an ``output.gd-explorer-value``
read-out, all fed by JSON that the chapters' ``explorers.py`` computed at build time. Here the slider is
focused and moved with ArrowRight / ArrowLeft; the path must change and the read-out must equal
what gdbook computes in this test for the slider's new setting (to six significant digits).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pytest
from playwright.sync_api import Locator, Page

import gdbook
from book.chapters.ch02 import explorers as gd_1d
from book.chapters.ch03 import explorers as gd_2d
from book.chapters.ch06 import explorers as minibatch
from book.chapters.ch11 import explorers as momentum

from .conftest import Tab, page_id, wait_for_math

NewTab = Callable[..., Tab]
EXPLORER_PAGES = {
    "gd/gd-1d/": ["gd-1d"],
    "gd/gd-nd/": ["gd-2d"],
    "sgd/minibatch/": ["minibatch"],
    "beyond/momentum/": ["momentum"],
}
PATHS = [prefix + path for prefix in ("", "ko/") for path in EXPLORER_PAGES]
NUMBER = re.compile(r"[-−]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+−]?[0-9]+)?", re.I)
SETTING = re.compile(r"=\s*([0-9.]+)")
BETA_SLIDER = 'input[type="range"][id$="-beta"]'
READY = """
() => [...document.querySelectorAll(".gd-explorer")]
  .every((e) => ["true", "error"].includes(e.getAttribute("data-ready")))
"""


def numbers(text: str) -> list[float]:
    """The numbers of a read-out (ASCII digits only: subscripts such as x₁₀ are names)."""
    return [float(m.replace("−", "-")) for m in NUMBER.findall(text)]


def setting(slider: Locator) -> float:
    """The slider's value as the reader sees it: ``η = 0.21`` or ``b = 16``."""
    text = slider.get_attribute("aria-valuetext") or ""
    match = SETTING.search(text)
    assert match, f"the slider's aria-valuetext {text!r} names no value"
    return float(match.group(1))


def expected_values(name: str, value: float, explorer: Locator) -> list[float]:
    """What the read-out must show, computed with gdbook for the slider's setting."""
    if name == "gd-1d":
        x0 = float(explorer.locator("select").input_value())
        run = gdbook.gradient_descent(
            gdbook.Quadratic((2.0,)), x0, learning_rate=value, steps=gd_1d.GD1D_STEPS
        )
        return [float(run.final[0])]
    if name == "gd-2d":
        run = gdbook.gradient_descent(
            gdbook.Quadratic((2.0, 4.0)),
            gd_2d.GD2D_START,
            learning_rate=value,
            steps=gd_2d.GD2D_STEPS,
        )
        return [float(run.final[0]), float(run.final[1]), float(run.losses[-1])]
    if name == "momentum":
        beta = setting(explorer.locator(BETA_SLIDER))
        run = gdbook.gradient_descent(
            gdbook.Quadratic((2.0, 20.0)),
            momentum.MOMENTUM_START,
            learning_rate=value,
            steps=momentum.MOMENTUM_STEPS,
            update=gdbook.momentum(beta),
        )
        return [float(run.final[0]), float(run.final[1]), float(run.losses[-1])]
    if name == "minibatch":
        data = gdbook.book_regression()
        problem = gdbook.LeastSquares(data.X, data.y)
        run = gdbook.minibatch_sgd(
            problem,
            np.zeros(problem.dim),
            learning_rate=minibatch.MINIBATCH_LEARNING_RATE,
            batch_size=int(value),
            epochs=minibatch.MINIBATCH_BUDGET // problem.n,
            seed=minibatch.MINIBATCH_SEED,
        )
        return [float(run.losses[-1]), float(run.final[0]), float(run.final[1])]
    raise AssertionError(f"no expected values for explorer {name!r}")


def six_digits(value: float) -> float:
    return float(f"{value:.6g}")


def readout_problems(name: str, explorer: Locator, slider: Locator) -> list[str]:
    text = explorer.locator("output.gd-explorer-value").inner_text()
    value = setting(slider)
    shown = numbers(text)
    expected = expected_values(name, value, explorer)
    if [six_digits(v) for v in shown] != [six_digits(v) for v in expected]:
        wanted = ", ".join(f"{v:.6g}" for v in expected)
        return [f"{name} at {value:g} shows {text!r}; gdbook computes {wanted}"]
    return []


def explorer_problems(page: Page, name: str) -> list[str]:
    """Operate one explorer from the keyboard; the problems found."""
    explorer = page.locator(f'.gd-explorer[data-explorer="{name}"]').first
    state = explorer.get_attribute("data-ready")
    if state != "true":
        return [f"explorer {name} did not load (data-ready={state!r}): {explorer.inner_text()}"]
    slider = explorer.locator('input[type="range"]').first
    path = explorer.locator("polyline.gd-explorer-path").first
    problems: list[str] = []
    if slider.evaluate("(s) => s.tabIndex") < 0:
        problems.append(f"{name}: the slider is not in the tab order")
    label = explorer.locator(f'label[for="{slider.get_attribute("id")}"]')
    if label.count() == 0:
        problems.append(f"{name}: the slider has no <label>")

    slider.focus()
    focused = slider.evaluate("(s) => document.activeElement === s")
    if not focused:
        return [*problems, f"{name}: the slider cannot take the keyboard focus"]
    start_value, start_points = slider.input_value(), path.get_attribute("points")
    problems += readout_problems(name, explorer, slider)

    page.keyboard.press("ArrowRight")
    moved_value, moved_points = slider.input_value(), path.get_attribute("points")
    if moved_value == start_value:
        return [*problems, f"{name}: ArrowRight did not move the slider (value {start_value})"]
    if moved_points == start_points:
        problems.append(f"{name}: ArrowRight moved the slider but the path did not change")
    problems += readout_problems(name, explorer, slider)

    page.keyboard.press("ArrowLeft")
    if slider.input_value() != start_value:
        problems.append(f"{name}: ArrowLeft did not return to {start_value}")
    if path.get_attribute("points") != start_points:
        problems.append(f"{name}: ArrowLeft did not restore the path")
    problems += readout_problems(name, explorer, slider)
    if name == "momentum":
        problems += beta_slider_problems(page, explorer, slider, path)
    return problems


def beta_slider_problems(
    page: Page, explorer: Locator, slider: Locator, path: Locator
) -> list[str]:
    """The momentum explorer's second slider, beta: it moves the path and the read-out."""
    beta = explorer.locator(BETA_SLIDER)
    if beta.count() != 1:
        return ["momentum: no beta slider"]
    if explorer.locator(f'label[for="{beta.get_attribute("id")}"]').count() == 0:
        return ["momentum: the beta slider has no <label>"]
    beta.focus()
    start_value, start_points = beta.input_value(), path.get_attribute("points")
    page.keyboard.press("ArrowRight")
    problems: list[str] = []
    if beta.input_value() == start_value:
        return ["momentum: ArrowRight did not move the beta slider"]
    if path.get_attribute("points") == start_points:
        problems.append("momentum: the beta slider moved but the path did not change")
    problems += readout_problems("momentum", explorer, slider)
    page.keyboard.press("ArrowLeft")
    if path.get_attribute("points") != start_points:
        problems.append("momentum: ArrowLeft on the beta slider did not restore the path")
    return problems


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize("path", PATHS, ids=page_id)
def test_explorer_keyboard_and_values(new_tab: NewTab, path: str) -> None:
    tab = new_tab()
    response = tab.goto(path)
    assert response is not None and response.status == 200, f"{path}: HTTP error"
    problems = wait_for_math(tab.page)
    present = tab.page.eval_on_selector_all(
        ".gd-explorer", "(es) => es.map((e) => e.getAttribute('data-explorer'))"
    )
    expected = EXPLORER_PAGES[path.removeprefix("ko/")]
    missing = [name for name in expected if name not in present]
    assert not missing, f"{path}: no explorer {missing} on the page (found {present})"
    try:
        tab.page.wait_for_function(READY, timeout=15_000)
    except Exception:
        problems.append("the explorers did not finish loading within 15 s")
    for name in expected:
        problems += explorer_problems(tab.page, name)
    problems += tab.monitor.problems()
    assert not problems, "\n".join(f"{path}: {line}" for line in problems)


def test_the_read_out_parser() -> None:
    assert numbers("x₁₀ = 0.0604662") == [0.0604662]
    assert numbers("x₂₀ = (-1.2e-05, 3), f(x₂₀) = 2.5") == [-1.2e-05, 3.0, 2.5]
    assert numbers("손실 = 0.25, (x₁, x₂) = (−2, 3.1)") == [0.25, -2.0, 3.1]
