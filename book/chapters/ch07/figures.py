"""Figures of chapter 7, learning-rate schedules and pitfalls.

The schedules and the two small objectives of the chapter (a saturated sigmoid unit and the
saddle x² − y²) are defined once, in the page code ``book/chapters/ch07/code/lineup.py`` and
``landscapes.py``; the figures import those files, so the pages and the figures cannot
disagree about them.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import NDArray

import gdbook
from book import chapters
from book.chapters.ch07.params import (
    ESCAPE_NU,
    ESCAPE_SCHEDULE,
    ESCAPE_SEEDS,
    ESCAPE_STEPS,
    ESCAPE_SWITCH,
    ESCAPE_X0,
    NOISY_COPIES,
    NOISY_CURVATURES,
    NOISY_NU,
    NOISY_START,
    NOISY_STEPS,
    PLATEAU_X0,
    SADDLE_ETA,
)
from book.chapters.ch07.runs import escape_finals
from book.figures import Lang, register
from gdbook.plotting import plot_contour_trace, plot_function_trace, plot_loss_curve

# The chapter's examples (the page code uses the same values; tests/book/test_ch07.py checks).
BOWL_CURVATURES = NOISY_CURVATURES  # f(x) = x1^2 + 2 x2^2
BASIN_STARTS = (0.15, 0.27)  # either side of the barrier at x = 0.2091
BASIN_ETA = 0.1
PLATEAU_ETAS = (1.0, 2.0)
SADDLE_Y0 = (1e-2, 1e-4, 1e-8, 0.0)

# Legend labels of the lineup's schedules: mathematics only, so no translation is needed.
SCHEDULE_LABELS = {
    "constant": "$0.1$",
    "piecewise_constant": "$0.1 \\to 0.01 \\to 0.001$",
    "exponential(0.99)": "$0.1\\cdot 0.99^t$",
    "exponential(0.9)": "$0.1\\cdot 0.9^t$",
    "polynomial(1/2)": "$0.1\\,(1+0.1t)^{-1/2}$",
    "polynomial(1)": "$0.1\\,(1+0.1t)^{-1}$",
}
LINESTYLES = ("-", "-", "--", ":", "-.", "-")


def page_module(name: str) -> ModuleType:
    """Import a definitions-only page file, ``book/chapters/ch07/code/<name>.py``."""
    return chapters.page_module(7, name)


def lineup() -> dict[str, gdbook.Schedule]:
    """The chapter's six schedules, by name."""
    schedules: dict[str, gdbook.Schedule] = page_module("lineup").schedules
    return schedules


def _landscape(name: str) -> Any:
    return getattr(page_module("landscapes"), name)()


def _reference_colour() -> str:
    # The style's spine colour (read, never set): reference lines readable on both palettes.
    return str(mpl.rcParams["axes.edgecolor"])


# ---------------------------------------------------------------------------------------------
# Schedules


@register("ch07-schedules", size=(8.6, 3.6))
def schedules(fig: Figure, lang: Lang) -> None:
    """η_t and its partial sums for the six schedules of the chapter."""
    left, right = fig.subplots(1, 2)
    short = np.arange(1_001)
    long = np.arange(100_000)
    for index, (name, schedule) in enumerate(lineup().items()):
        style = {"color": f"C{index}", "linestyle": LINESTYLES[index]}
        left.plot(short, schedule(short), label=SCHEDULE_LABELS[name], **style)
        partial = np.cumsum(schedule(long))
        right.plot(long[1:], partial[:-1], **style)  # sum over s < t
    left.set_yscale("log")
    left.set_ylim(1e-6, 0.3)
    left.set_xlabel("$t$")
    left.set_ylabel("$\\eta_t$")
    left.set_title({"en": "learning rate", "ko": "학습률"}[lang])
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("$t$")
    right.set_ylabel("$\\sum_{s<t}\\eta_s$")
    right.set_title({"en": "total step length so far", "ko": "지금까지의 보폭 총량"}[lang])
    fig.legend(loc="outside right center", fontsize=8)


def expected_loss_curve(schedule: gdbook.Schedule, steps: int) -> NDArray[np.float64]:
    """E f(x_t) for t = 0..steps on the noisy quadratic (exact: gdbook.noisy_quadratic_loss)."""
    bowl = gdbook.Quadratic(BOWL_CURVATURES)
    return gdbook.noisy_quadratic_loss(
        bowl, NOISY_START, learning_rate=schedule, steps=steps, noise_std=NOISY_NU
    )


@register("ch07-schedule-effect", size=(7.6, 4.0))
def schedule_effect(fig: Figure, lang: Lang) -> None:
    """Mean loss over 1000 stacked runs per schedule, with the exact expectation."""
    ax = fig.add_subplot()
    stacked = gdbook.Quadratic(np.tile(BOWL_CURVATURES, NOISY_COPIES))
    start = np.tile(NOISY_START, NOISY_COPIES)
    steps = np.arange(NOISY_STEPS + 1)
    named = lineup()
    for index, (name, schedule) in enumerate(named.items()):
        run = gdbook.noisy_gradient_descent(
            stacked, start, learning_rate=schedule, steps=NOISY_STEPS, noise_std=NOISY_NU, seed=0
        )
        plot_loss_curve(
            ax, steps, run.losses / NOISY_COPIES, SCHEDULE_LABELS[name], color=f"C{index}"
        )
        ax.plot(
            steps,
            expected_loss_curve(schedule, NOISY_STEPS),
            color=mpl.rcParams["text.color"],
            linestyle=":",
            linewidth=1.0,
            label={"en": "exact expectation", "ko": "정확한 기댓값"}[lang]
            if index == len(named) - 1
            else None,
        )
    eta = float(lineup()["constant"](0))
    floor = gdbook.noise_floor(
        gdbook.Quadratic(BOWL_CURVATURES), learning_rate=eta, noise_std=NOISY_NU
    )
    ax.axhline(floor, color=_reference_colour(), linewidth=0.9, linestyle="--", zorder=0)
    ax.annotate(
        {"en": "noise floor of $\\eta=0.1$", "ko": "$\\eta=0.1$의 잡음 바닥"}[lang],
        (NOISY_STEPS, floor),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=8,
        color=_reference_colour(),
    )
    ax.set_yscale("log")
    ax.set_ylim(3e-4, 40)
    ax.set_ylabel(
        {"en": "mean of $f(x_t)$ over 1000 runs", "ko": "1000번 실행한 $f(x_t)$의 평균"}[lang]
    )
    ax.legend(loc="upper right", fontsize=8, ncols=2)


# ---------------------------------------------------------------------------------------------
# Local minima, plateaus, saddle points


@register("ch07-local-minimum", size=(7.0, 3.8))
def local_minimum(fig: Figure, lang: Lang) -> None:
    """The double well, its two basins and GD from either side of the barrier."""
    ax = fig.add_subplot()
    well = gdbook.DoubleWell()
    low, high = -1.8, 1.8
    ax.axvspan(low, well.local_maximum, color="C0", alpha=0.1, linewidth=0)
    ax.axvspan(well.local_maximum, high, color="C1", alpha=0.1, linewidth=0)
    for index, x0 in enumerate(BASIN_STARTS):
        run = gdbook.gradient_descent(well, x0, learning_rate=BASIN_ETA, steps=200)
        plot_function_trace(ax, well, run.iterates, xlim=(low, high), color=f"C{index}")
    words = {
        "en": ("global minimum", "local minimum", "local maximum"),
        "ko": ("전역 최소점", "지역 최소점", "극대점"),
    }[lang]
    marks = (
        (well.deep_minimum, words[0], (0, -26)),
        (well.shallow_minimum, words[1], (0, -26)),
        (well.local_maximum, words[2], (0, 22)),
    )
    for x, text, offset in marks:
        ax.annotate(
            text,
            (x, well(x)),
            xytext=offset,
            textcoords="offset points",
            ha="center",
            arrowprops={"arrowstyle": "-", "color": _reference_colour(), "linewidth": 0.8},
            fontsize=9,
        )
    ax.set_ylim(-0.72, 0.9)


@register("ch07-plateau", size=(8.6, 3.6))
def plateau(fig: Figure, lang: Lang) -> None:
    """The loss of a sigmoid unit, GD crawling over its plateau, and the loss against t."""
    left, right = fig.subplots(1, 2)
    unit = _landscape("SigmoidUnit")
    first = gdbook.gradient_descent(unit, PLATEAU_X0, learning_rate=PLATEAU_ETAS[0], steps=400)
    plot_function_trace(left, unit, first.iterates, xlim=(-8.0, 6.0), xlabel="$x$", ylabel="$f(x)$")
    left.lines[1].set_markersize(3)
    crawling = int(np.sum(first.losses > 0.9))  # the steps spent on the plateau
    left.annotate(
        {
            "en": f"{crawling} steps with $f(x_t) > 0.9$",
            "ko": f"$f(x_t) > 0.9$인 스텝 {crawling}개",
        }[lang],
        (-5.0, 0.99),
        xytext=(-1.0, 0.8),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": _reference_colour(), "linewidth": 0.8},
    )
    for index, eta in enumerate(PLATEAU_ETAS):
        run = gdbook.gradient_descent(unit, PLATEAU_X0, learning_rate=eta, steps=300)
        plot_loss_curve(
            right,
            np.arange(run.steps + 1),
            run.losses,
            f"$\\eta = {eta:g}$",
            color=f"C{index}",
            ylabel="$f(x_t)$",
        )
    right.legend(loc="lower left")
    right.set_title({"en": "loss against the step", "ko": "스텝에 따른 손실"}[lang])
    left.set_title({"en": "a saturated sigmoid unit", "ko": "포화된 시그모이드 유닛"}[lang])


@register("ch07-saddle", size=(8.6, 3.9))
def saddle(fig: Figure, lang: Lang) -> None:
    """Contour paths near the saddle x² − y² and the gradient norm against the step."""
    left, right = fig.subplots(1, 2)
    surface = _landscape("Saddle")
    runs = [
        gdbook.gradient_descent(surface, [1.0, y0], learning_rate=SADDLE_ETA, steps=120)
        for y0 in SADDLE_Y0
    ]
    labels = ["$y_0 = 10^{-2}$", "$y_0 = 10^{-4}$", "$y_0 = 10^{-8}$", "$y_0 = 0$"]
    inside = [run.iterates[np.abs(run.iterates[:, 1]) <= 1.3] for run in runs]
    plot_contour_trace(
        left,
        surface,
        inside,
        xlim=(-1.2, 1.2),
        ylim=(-0.35, 1.25),
        levels=np.linspace(-1.5, 1.5, 13).tolist(),
        colors=[f"C{i}" for i in range(len(runs))],
        xlabel="$x$",
        ylabel="$y$",
    )
    for line in left.lines:
        line.set_markersize(2.5)
        line.set_linewidth(1.2)
    for index, (run, label) in enumerate(zip(runs, labels, strict=True)):
        right.plot(np.arange(run.steps), run.gradient_norms, color=f"C{index}", label=label)
    right.set_yscale("log")
    right.set_ylim(1e-12, 1e2)
    right.set_xlabel("$t$")
    right.set_ylabel("$\\|\\nabla f(x_t, y_t)\\|$")
    right.legend(loc="lower left", fontsize=8)
    right.set_title({"en": "gradient norm", "ko": "그래디언트 노름"}[lang])


# ---------------------------------------------------------------------------------------------
# Escaping a shallow minimum


def escape_schedule() -> gdbook.Schedule:
    """η = 0.1 while exploring, 0.01 from step 400 on while settling."""
    return ESCAPE_SCHEDULE


def _well_levels(ax: Axes, well: gdbook.DoubleWell) -> None:
    for x in (well.deep_minimum, well.shallow_minimum):
        ax.axhline(x, color=_reference_colour(), linewidth=0.8, linestyle="--", zorder=0)
    ax.axhline(well.local_maximum, color=_reference_colour(), linewidth=0.8, linestyle=":")


@register("ch07-escape", size=(8.6, 3.8))
def escape(fig: Figure, lang: Lang) -> None:
    """GD stuck in the shallow minimum, noisy GD escaping; final x over 200 seeds."""
    left, right = fig.subplots(1, 2, width_ratios=(1.6, 1.0))
    well = gdbook.DoubleWell()
    gd = gdbook.gradient_descent(
        well, ESCAPE_X0, learning_rate=escape_schedule(), steps=ESCAPE_STEPS
    )
    noisy = gdbook.noisy_gradient_descent(
        well,
        ESCAPE_X0,
        learning_rate=escape_schedule(),
        steps=ESCAPE_STEPS,
        noise_std=ESCAPE_NU,
        seed=0,
    )
    names = {
        "en": ("gradient descent", "simulated SGD (seed 0)"),
        "ko": ("경사 하강법", "모의 확률적 경사 하강법(시드 0)"),
    }[lang]
    t = np.arange(ESCAPE_STEPS + 1)
    left.plot(t, noisy.iterates[:, 0], color="C1", linewidth=0.9, label=names[1])
    left.plot(t, gd.iterates[:, 0], color="C0", linewidth=2.0, label=names[0])
    _well_levels(left, well)
    left.axvline(ESCAPE_SWITCH, color=_reference_colour(), linewidth=0.8)
    left.annotate(
        "$\\eta: 0.1 \\to 0.01$",
        (ESCAPE_SWITCH, 1.75),
        xytext=(4, 0),
        textcoords="offset points",
        fontsize=8,
        va="top",
    )
    left.set_xlabel("$t$")
    left.set_ylabel("$x_t$")
    left.set_ylim(-2.0, 1.9)
    left.legend(loc="lower left", fontsize=8)

    finals = np.array(escape_finals())
    escaped = finals < well.local_maximum
    bins = np.linspace(-2.0, 1.9, 40)
    right.hist(finals[escaped], bins=bins, orientation="horizontal", color="C1")
    right.hist(finals[~escaped], bins=bins, orientation="horizontal", color="C0")
    _well_levels(right, well)
    right.set_ylim(left.get_ylim())
    right.set_xlabel({"en": "number of seeds", "ko": "시드 개수"}[lang])
    right.set_ylabel(
        {
            "en": f"$x_{{{ESCAPE_STEPS}}}$ of {ESCAPE_SEEDS} seeds",
            "ko": f"시드 {ESCAPE_SEEDS}개의 $x_{{{ESCAPE_STEPS}}}$",
        }[lang]
    )
    share = {
        "en": f"{escaped.sum()} of {ESCAPE_SEEDS}\nin the deep basin",
        "ko": f"깊은 영역에서 끝난 시드\n{ESCAPE_SEEDS}개 중 {escaped.sum()}개",
    }[lang]
    right.text(0.95, 0.05, share, transform=right.transAxes, ha="right", va="bottom", fontsize=8)
