"""Figures of chapter 7, learning-rate schedules and pitfalls.

The schedules and the two small objectives of the chapter (a saturated sigmoid unit and the
saddle x² − y²) are defined once, in the page code ``book/chapters/ch07/code/lineup.py`` and
``landscapes.py``; the figures import those files, so the pages and the figures cannot
disagree about them.
"""

from __future__ import annotations

import functools
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
    ESCAPE_SCHEDULE,
    ESCAPE_SEEDS,
    ESCAPE_SIGMA,
    ESCAPE_STEPS,
    ESCAPE_SWITCH,
    ESCAPE_X0,
    NOISY_COPIES,
    NOISY_CURVATURES,
    NOISY_SIGMA,
    NOISY_START,
    NOISY_STEPS,
    PLATEAU_W0,
    SADDLE_ETA,
)
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


@register(
    "ch07-schedules",
    alt={
        "en": (
            "Two panels with one curve per schedule: constant 0.1; piecewise constant 0.1, "
            "then 0.01 from step 300 and 0.001 from step 600; exponential 0.1·0.99ᵗ and "
            "0.1·0.9ᵗ; polynomial 0.1(1 + 0.1t)^(−1/2) and 0.1(1 + 0.1t)^(−1). Left, the "
            "learning rate ηₜ for the first 1000 steps on a logarithmic scale: the constant "
            "stays flat, the piecewise schedule drops in two stairs, the exponentials fall "
            "along straight lines, 0.9ᵗ almost at once, and the polynomials bend down slowly. "
            "Right, the running sum of the learning rates up to 100 000 steps on logarithmic "
            "axes: both exponential sums level off, at 10 and at 1, while all the other sums "
            "keep growing, the 1/t sum only logarithmically."
        ),
        "ko": (
            "스케줄마다 곡선이 하나씩 그려진 두 패널이다. 스케줄은 상수 0.1, 0.1에서 300스텝에 "
            "0.01로, 600스텝에 0.001로 내려가는 구간별 상수, 지수형 0.1·0.99ᵗ과 0.1·0.9ᵗ, "
            "다항식형 0.1(1 + 0.1t)^(−1/2)과 0.1(1 + 0.1t)^(−1)이다. 왼쪽은 처음 1000스텝의 "
            "학습률 ηₜ를 로그 눈금으로 그린 것이다. 상수는 평평하고, 구간별 상수는 계단 두 개로 "
            "떨어지며, 지수형은 직선을 따라 내려가는데 0.9ᵗ은 거의 곧바로 떨어진다. 다항식형은 "
            "천천히 휘어 내려간다. 오른쪽은 100 000스텝까지 학습률의 누적 합을 양쪽 로그 눈금으로 "
            "그린 것이다. 지수형 두 개의 합은 각각 10과 1에서 평평해지고, 나머지는 모두 계속 "
            "커지는데 1/t 스케줄의 합은 로그처럼 느리게 커진다."
        ),
    },
    caption={
        "en": (
            "The six schedules of this chapter, all with $\\eta_0=0.1$. Left: $\\eta_t$. "
            "Right: the partial sums $\\sum_{s<t}\\eta_s$, the total step length available "
            "up to step $t$. Only the two exponential schedules have a finite total."
        ),
        "ko": (
            "이 장의 여섯 가지 스케줄(모두 $\\eta_0=0.1$). 왼쪽은 $\\eta_t$, 오른쪽은 부분합 "
            "$\\sum_{s<t}\\eta_s$로, 스텝 $t$까지 쓸 수 있는 보폭의 총량이다. 총량이 유한한 "
            "것은 두 지수형 스케줄뿐이다."
        ),
    },
    size=(8.6, 3.6),
)
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
        bowl, NOISY_START, learning_rate=schedule, steps=steps, noise_std=NOISY_SIGMA
    )


@register(
    "ch07-schedule-effect",
    alt={
        "en": (
            "Mean loss of 1000 independent runs of simulated SGD on x₁² + 2x₂² from (−5, −2) "
            "with gradient noise of standard deviation 1, against the step t up to 1000, on a "
            "logarithmic scale, one solid curve per schedule and a thin dotted curve of the "
            "exact expected loss on top of each. All curves fall together at first. The "
            "constant schedule levels off at the noise floor of chapter 5, near 0.06. The "
            "exponential schedule 0.1·0.9ᵗ stops falling after a few dozen steps, far above "
            "the floor. The piecewise constant, 0.99ᵗ and polynomial schedules keep going "
            "down, and 1/t ends lowest, below 0.001."
        ),
        "ko": (
            "x₁² + 2x₂²에서 (−5, −2)부터 출발하고 표준편차 1인 그래디언트 잡음을 넣은 모의 확률적 "
            "경사 하강법을 독립적으로 1000번 돌린 평균 손실을, 1000까지의 스텝 t에 대해 로그 "
            "눈금으로 그린 것이다. 스케줄마다 실선이 하나씩 있고, 그 위에 정확한 기댓값을 가는 "
            "점선으로 겹쳐 그렸다. 처음에는 모든 곡선이 함께 떨어진다. 상수 스케줄은 5장의 잡음 "
            "바닥인 0.06 근처에서 평평해진다. 지수형 0.1·0.9ᵗ은 수십 스텝 만에 바닥보다 한참 "
            "위에서 멈춘다. 구간별 상수, 0.99ᵗ, 다항식형은 계속 내려가고, 1/t이 0.001 아래로 "
            "가장 낮게 끝난다."
        ),
    },
    caption={
        "en": (
            "Simulated SGD on $f(x)=x_1^2+2x_2^2$ with $\\sigma=1$: the mean of $f(x_t)$ over "
            "1000 runs per schedule (solid) and the exact $\\mathbb E f(x_t)$ (dotted). The "
            "grey line is the constant-$\\eta$ noise floor of chapter 5."
        ),
        "ko": (
            "$f(x)=x_1^2+2x_2^2$, $\\sigma=1$인 모의 확률적 경사 하강법. 스케줄마다 1000번 실행한 "
            "$f(x_t)$의 평균(실선)과 정확한 기댓값 $\\mathbb E f(x_t)$(점선). 회색 선은 5장에서 "
            "구한 상수 $\\eta$의 잡음 바닥이다."
        ),
    },
    size=(7.6, 4.0),
)
def schedule_effect(fig: Figure, lang: Lang) -> None:
    """Mean loss over 1000 stacked runs per schedule, with the exact expectation."""
    ax = fig.add_subplot()
    stacked = gdbook.Quadratic(np.tile(BOWL_CURVATURES, NOISY_COPIES))
    start = np.tile(NOISY_START, NOISY_COPIES)
    steps = np.arange(NOISY_STEPS + 1)
    named = lineup()
    for index, (name, schedule) in enumerate(named.items()):
        run = gdbook.noisy_gradient_descent(
            stacked, start, learning_rate=schedule, steps=NOISY_STEPS, noise_std=NOISY_SIGMA, seed=0
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
        gdbook.Quadratic(BOWL_CURVATURES), learning_rate=eta, noise_std=NOISY_SIGMA
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


@register(
    "ch07-local-minimum",
    alt={
        "en": (
            "The tilted double well f(x) = x⁴/4 − x²/2 + 0.2x between x = −1.8 and 1.8: a deep "
            "valley on the left, the global minimum near x = −1.09, and a shallower valley on "
            "the right, a local minimum near x = 0.88, separated by a low hump, a local "
            "maximum near x = 0.21. The two basins of attraction are shaded in two colours. "
            "Gradient descent with η = 0.1 is started just left of the hump, at x = 0.15, and "
            "just right of it, at x = 0.27: the first run slides down into the deep valley, "
            "the second into the shallow one."
        ),
        "ko": (
            "x = −1.8부터 1.8까지 그린 기울어진 이중 우물 f(x) = x⁴/4 − x²/2 + 0.2x. 왼쪽에는 "
            "깊은 골짜기(x = −1.09 근처의 전역 최솟값)가, 오른쪽에는 얕은 골짜기(x = 0.88 근처의 "
            "지역 최솟값)가 있고, 그 사이를 x = 0.21 근처의 낮은 언덕(극댓값)이 가른다. 두 끌림 "
            "영역은 서로 다른 색으로 칠했다. 학습률 η = 0.1인 경사 하강법을 언덕 바로 왼쪽인 "
            "x = 0.15와 바로 오른쪽인 x = 0.27에서 시작하면, 첫 번째는 깊은 골짜기로, 두 번째는 "
            "얕은 골짜기로 미끄러져 내려간다."
        ),
    },
    caption={
        "en": (
            "Two runs of gradient descent ($\\eta=0.1$) on the double well, started close "
            "together on either side of the local maximum, end in different minima. Each "
            "shaded interval is the basin of attraction of one minimum."
        ),
        "ko": (
            "이중 우물에서 극댓값 양쪽의 가까운 두 점에서 시작한 경사 하강법($\\eta=0.1$)은 "
            "서로 다른 최솟값에 도착한다. 칠한 구간은 각 최솟값의 끌림 영역이다."
        ),
    },
    size=(7.0, 3.8),
)
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
        "ko": ("전역 최솟값", "지역 최솟값", "극댓값"),
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


@register(
    "ch07-plateau",
    alt={
        "en": (
            "Two panels. Left: the loss f(w) = (1 − s(w))² of a sigmoid unit s(w) = 1/(1 + e⁻ʷ) "
            "for w from −8 to 6. It is almost flat near 1 for negative w, drops steeply around "
            "w = 0 and flattens again near 0. Gradient descent with η = 1 from w₀ = −6 leaves "
            "a dense row of points on the flat part near 1 before it runs down the drop. "
            "Right: the loss against the step t for η = 1 and η = 2 from w₀ = −6. Both curves "
            "stay near 1 for a long time, then fall to almost 0 within a few dozen steps; the "
            "curve for η = 2 falls after half as many steps."
        ),
        "ko": (
            "두 패널로 이루어진 그림이다. 왼쪽은 시그모이드 유닛 s(w) = 1/(1 + e⁻ʷ)의 손실 f(w) = (1 − s(w))²을 "
            "w = −8부터 6까지 그린 것이다. w가 음수인 쪽에서는 1 근처에서 거의 평평하고, w = 0 "
            "부근에서 가파르게 떨어진 뒤 0 근처에서 다시 평평해진다. w₀ = −6에서 η = 1로 시작한 "
            "경사 하강법은 1 근처의 평평한 부분에 점들을 촘촘하게 남긴 뒤에야 비탈을 내려간다. "
            "오른쪽은 w₀ = −6에서 η = 1과 η = 2로 실행했을 때 스텝 t에 따른 손실이다. 두 곡선 "
            "모두 오랫동안 1 근처에 머물다가 수십 스텝 만에 거의 0까지 떨어지는데, η = 2인 곡선은 "
            "절반의 스텝 만에 떨어진다."
        ),
    },
    caption={
        "en": (
            "A plateau: a saturated sigmoid unit, $f(w)=(1-s(w))^2$ from $w_0=-6$. The gradient "
            "on the flat part is tiny, so gradient descent crawls for about $e^{-w_0}/(2\\eta)$ "
            "steps before the loss drops."
        ),
        "ko": (
            "평탄 구간: 포화된 시그모이드 유닛 $f(w)=(1-s(w))^2$을 $w_0=-6$에서 시작한 경우. "
            "평평한 부분에서는 그래디언트가 아주 작아서, 경사 하강법은 손실이 떨어지기 전까지 "
            "약 $e^{-w_0}/(2\\eta)$스텝 동안 기어간다."
        ),
    },
    size=(8.6, 3.6),
)
def plateau(fig: Figure, lang: Lang) -> None:
    """The loss of a sigmoid unit, GD crawling over its plateau, and the loss against t."""
    left, right = fig.subplots(1, 2)
    unit = _landscape("SigmoidUnit")
    first = gdbook.gradient_descent(unit, PLATEAU_W0, learning_rate=PLATEAU_ETAS[0], steps=400)
    plot_function_trace(left, unit, first.iterates, xlim=(-8.0, 6.0), xlabel="$w$", ylabel="$f(w)$")
    left.lines[1].set_markersize(3)
    crawling = int(np.sum(first.losses > 0.9))  # the steps spent on the plateau
    left.annotate(
        {
            "en": f"{crawling} steps with $f(w_t) > 0.9$",
            "ko": f"$f(w_t) > 0.9$인 스텝 {crawling}개",
        }[lang],
        (-5.0, 0.99),
        xytext=(-1.0, 0.8),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": _reference_colour(), "linewidth": 0.8},
    )
    for index, eta in enumerate(PLATEAU_ETAS):
        run = gdbook.gradient_descent(unit, PLATEAU_W0, learning_rate=eta, steps=300)
        plot_loss_curve(
            right,
            np.arange(run.steps + 1),
            run.losses,
            f"$\\eta = {eta:g}$",
            color=f"C{index}",
            ylabel="$f(w_t)$",
        )
    right.legend(loc="lower left")
    right.set_title({"en": "loss against the step", "ko": "스텝에 따른 손실"}[lang])
    left.set_title({"en": "a saturated sigmoid unit", "ko": "포화된 시그모이드 유닛"}[lang])


@register(
    "ch07-saddle",
    alt={
        "en": (
            "Two panels about the saddle f(x, y) = x² − y². Left: its contour lines, crossing "
            "at the origin, with four runs of gradient descent (η = 0.1) started at (1, y₀) for "
            "y₀ = 10⁻², 10⁻⁴, 10⁻⁸ and 0. All four first move along the x-axis towards the "
            "origin; the first three then turn and leave upwards, the smaller y₀ the closer to "
            "the origin they pass, and the run from y₀ = 0 ends at the saddle point. Right: "
            "the gradient norm against the step on a logarithmic scale. Each of the first "
            "three curves falls, reaches a minimum and rises again, the minimum deeper and "
            "later the smaller y₀; for y₀ = 0 it keeps falling."
        ),
        "ko": (
            "안장 f(x, y) = x² − y²에 관한 두 패널. 왼쪽은 원점에서 교차하는 등고선과, (1, y₀)에서 "
            "시작한 경사 하강법(η = 0.1) 네 번의 궤적이다(y₀ = 10⁻², 10⁻⁴, 10⁻⁸, 0). 네 궤적 "
            "모두 먼저 x축을 따라 원점으로 다가간다. 앞의 세 궤적은 그다음 방향을 바꿔 위쪽으로 "
            "빠져나가는데, y₀이 작을수록 원점에 더 가까이 지나간다. y₀ = 0인 궤적은 안장점에서 "
            "끝난다. 오른쪽은 스텝에 따른 그래디언트 노름을 로그 눈금으로 그린 것이다. 앞의 세 "
            "곡선은 떨어졌다가 최저점을 지나 다시 올라가는데, y₀이 작을수록 최저점이 더 깊고 더 "
            "늦다. y₀ = 0인 곡선은 계속 떨어진다."
        ),
    },
    caption={
        "en": (
            "Gradient descent ($\\eta=0.1$) on $f(x,y)=x^2-y^2$ from $(1, y_0)$. The closer the "
            "start is to the line $y=0$, the longer the run lingers near the saddle point, "
            "where the gradient is small; from $y_0=0$ it converges to the saddle point."
        ),
        "ko": (
            "$f(x,y)=x^2-y^2$에서 $(1, y_0)$부터 시작한 경사 하강법($\\eta=0.1$). 시작점이 직선 "
            "$y=0$에 가까울수록 그래디언트가 작은 안장점 근처에 더 오래 머문다. $y_0=0$이면 "
            "안장점으로 수렴한다."
        ),
    },
    size=(8.6, 3.9),
)
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


@functools.cache
def escape_finals() -> tuple[float, ...]:
    """The final x of the noisy run on the double well for seeds 0, 1, ..., 199."""
    well, schedule = gdbook.DoubleWell(), escape_schedule()
    return tuple(
        float(
            gdbook.noisy_gradient_descent(
                well,
                ESCAPE_X0,
                learning_rate=schedule,
                steps=ESCAPE_STEPS,
                noise_std=ESCAPE_SIGMA,
                seed=seed,
            ).final[0]
        )
        for seed in range(ESCAPE_SEEDS)
    )


def _well_levels(ax: Axes, well: gdbook.DoubleWell) -> None:
    for x in (well.deep_minimum, well.shallow_minimum):
        ax.axhline(x, color=_reference_colour(), linewidth=0.8, linestyle="--", zorder=0)
    ax.axhline(well.local_maximum, color=_reference_colour(), linewidth=0.8, linestyle=":")


@register(
    "ch07-escape",
    alt={
        "en": (
            "Two panels about the double well, started at x₀ = 1.5 in the shallow basin, with "
            "η = 0.1 for 400 steps and 0.01 for the last 200. Left: the iterate x against the "
            "step t. Gradient descent slides to the local minimum near x = 0.88 within a few "
            "dozen steps and stays there. Simulated SGD with gradient noise of standard "
            "deviation 1.5 (seed 0) jitters around the local minimum, crosses the barrier to "
            "the deep minimum near x = −1.09 and, after the learning rate drops at step 400, "
            "stays close to it. Right: a histogram of the final x of 200 seeds: a tall group "
            "of bars around the deep minimum and a small group around the shallow one."
        ),
        "ko": (
            "이중 우물에서 얕은 영역의 x₀ = 1.5에서 출발해 400스텝은 η = 0.1, 마지막 200스텝은 "
            "0.01로 실행한 결과를 보여 주는 두 패널. 왼쪽은 스텝 t에 따른 반복점 x이다. 경사 "
            "하강법은 수십 스텝 안에 x = 0.88 근처의 지역 최솟값으로 미끄러져 거기에 머문다. "
            "표준편차 1.5의 그래디언트 잡음을 넣은 모의 확률적 경사 하강법(시드 0)은 지역 최솟값 "
            "주위에서 흔들리다가 장벽을 넘어 x = −1.09 근처의 깊은 최솟값으로 건너가고, 400스텝에서 "
            "학습률이 줄어든 뒤에는 그 가까이에 머문다. 오른쪽은 시드 200개의 최종 x를 모은 "
            "히스토그램으로, 깊은 최솟값 주위에 높은 막대 무리가, 얕은 최솟값 주위에 작은 막대 "
            "무리가 있다."
        ),
    },
    caption={
        "en": (
            "Gradient descent stays in the shallow minimum of the double well; gradient noise "
            "($\\sigma=1.5$) carries simulated SGD over the barrier, and the drop of $\\eta$ "
            "at step 400 lets it settle in the deep minimum. Dashed lines: the two minima; "
            "dotted line: the barrier."
        ),
        "ko": (
            "경사 하강법은 이중 우물의 얕은 최솟값에 머문다. 그래디언트 잡음($\\sigma=1.5$)이 모의 "
            "확률적 경사 하강법을 장벽 너머로 옮기고, 400스텝에서 $\\eta$가 줄어들면 깊은 "
            "최솟값에 자리 잡는다. 파선은 두 최솟값, 점선은 장벽이다."
        ),
    },
    size=(8.6, 3.8),
)
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
        noise_std=ESCAPE_SIGMA,
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
