"""Figures of chapter 5, stochastic gradient descent."""

from __future__ import annotations

import functools
import itertools

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import NDArray

import gdbook
from book.chapters.ch05.params import CURVATURES, ETA, SIGMA, START
from book.figures import Lang, register
from gdbook.plotting import plot_contour_trace

BOWL_CURVATURES = CURVATURES  # f(x) = x1^2 + 2 x2^2


@functools.cache
def _regression() -> gdbook.LeastSquares:
    data = gdbook.book_regression()
    return gdbook.LeastSquares(data.X, data.y)


def _reference_colour() -> str:
    # The style's spine colour (read, never set): a reference line readable on both palettes.
    return str(mpl.rcParams["axes.edgecolor"])


def _log_indices(count: int, points: int = 1500) -> NDArray[np.intp]:
    """About ``points`` indices in ``[0, count)``, evenly spaced on a log axis (for drawing)."""
    return np.unique(np.geomspace(1, count, points).astype(np.intp) - 1)


def _binned_mean(
    values: NDArray[np.float64], bins: int = 40
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Means of ``values[1:]`` over log-spaced windows of the index, and the windows' centres."""
    edges = np.unique(np.geomspace(1, values.size, bins + 1).astype(np.intp))
    centres = np.sqrt(edges[:-1] * edges[1:])
    means = np.array([values[a:b].mean() for a, b in itertools.pairwise(edges)])
    return centres, means


def _spread(problem: gdbook.LeastSquares, beta: NDArray[np.float64]) -> float:
    """E_i ||grad f_i(beta) - grad f(beta)||^2, i uniform on the examples."""
    deviations = problem.example_gradients(beta) - problem.gradient(beta)
    return float(np.mean(np.sum(deviations**2, axis=1)))


@register(
    "ch05-gradient-cloud",
    alt={
        "en": (
            "Two scatter plots of the 1000 per-example gradients of the least-squares loss "
            "of chapter 4, each gradient a point in the plane of its two components. Left, at "
            "β = (0, 0): a long slanted cloud stretching over tens of units; a cross marks "
            "the mean of the points and a ring marks the full gradient, and the two sit on "
            "top of each other. Right, at the least-squares solution: a smaller cloud centred "
            "on the origin, where the full gradient is zero, but still spread out."
        ),
        "ko": (
            "4장 최소제곱 손실에서 예제 1000개 각각의 그래디언트를 두 성분의 평면에 점으로 찍은 "
            "산점도 두 개. 왼쪽은 β = (0, 0)에서의 그래디언트로, 수십 단위에 걸쳐 비스듬히 "
            "길게 퍼져 있다. 점들의 평균은 가위표로, 전체 그래디언트는 고리로 표시했는데 두 "
            "표시가 정확히 겹친다. 오른쪽은 최소제곱 해에서의 그래디언트로, 전체 그래디언트가 "
            "0인 원점을 중심으로 더 작게 모여 있지만 여전히 퍼져 있다."
        ),
    },
    caption={
        "en": (
            "Per-example gradients $\\nabla f_i(\\beta)$ of the chapter-4 regression. Their "
            "mean (cross) is the full gradient $\\nabla f(\\beta)$ (ring). At the minimiser "
            "$\\hat\\beta$ (right) the full gradient vanishes, but the individual gradients "
            "do not."
        ),
        "ko": (
            "4장 회귀 문제의 예제별 그래디언트 $\\nabla f_i(\\beta)$. 이들의 평균(가위표)이 "
            "곧 전체 그래디언트 $\\nabla f(\\beta)$(고리)이다. 최솟점 $\\hat\\beta$(오른쪽)"
            "에서는 전체 그래디언트가 0이지만 개별 그래디언트는 0이 아니다."
        ),
    },
    size=(8.0, 3.8),
)
def gradient_cloud(fig: Figure, lang: Lang) -> None:
    """Per-example gradients at β = (0, 0) and at the least-squares solution."""
    problem = _regression()
    words = {
        "en": ("per-example gradients $\\nabla f_i$", "their mean", "full gradient $\\nabla f$"),
        "ko": ("예제별 그래디언트 $\\nabla f_i$", "그 평균", "전체 그래디언트 $\\nabla f$"),
    }[lang]
    points = (
        ("$\\beta = (0, 0)$", np.zeros(problem.dim)),
        ("$\\beta = \\hat\\beta$", problem.solve()),
    )
    axes = fig.subplots(1, 2)
    for ax, (title, beta) in zip(axes, points, strict=True):
        cloud = problem.example_gradients(beta)
        mean = cloud.mean(axis=0)
        full = problem.gradient(beta)
        ax.axhline(0.0, color=_reference_colour(), linewidth=0.6)
        ax.axvline(0.0, color=_reference_colour(), linewidth=0.6)
        ax.scatter(
            cloud[:, 0], cloud[:, 1], s=6, alpha=0.35, color="C0", linewidths=0, label=words[0]
        )
        ax.plot(
            *mean, "x", color="C1", markersize=11, markeredgewidth=2.2, label=words[1], zorder=4
        )
        ax.plot(
            *full,
            "o",
            markersize=15,
            markerfacecolor="none",
            markeredgecolor="C2",
            markeredgewidth=1.8,
            label=words[2],
            zorder=5,
        )
        ax.set_title(title)
        ax.set_xlabel("$\\partial f_i / \\partial \\beta_0$")
        ax.set_ylabel("$\\partial f_i / \\partial \\beta_1$")
    axes[0].legend(loc="lower right")


@register(
    "ch05-monte-carlo",
    alt={
        "en": (
            "A log-log plot of the error of a running average of m sampled per-example "
            "gradients, against m from 1 to 100,000. Twenty thin jagged curves, one per "
            "seeded run, fall together; their root-mean-square follows a straight dashed "
            "line of slope minus one half, the square root of sigma squared over m: ten "
            "times more samples make the error about three times smaller."
        ),
        "ko": (
            "표본으로 뽑은 예제별 그래디언트 m개의 누적 평균이 전체 그래디언트에서 얼마나 "
            "벗어나는지를 m = 1부터 100,000까지 로그-로그 축에 그린 그림. 시드를 고정한 20번의 "
            "실행이 가늘고 들쭉날쭉한 곡선 20개로 함께 내려가고, 그 제곱평균제곱근은 기울기가 "
            "-1/2인 점선, 곧 시그마 제곱을 m으로 나눈 값의 제곱근을 따라간다. 표본을 10배 "
            "늘리면 오차는 약 3분의 1로 줄어든다."
        ),
    },
    caption={
        "en": (
            "Error $\\lVert\\bar g_m-\\nabla f(\\beta)\\rVert$ of the average of $m$ "
            "stochastic gradients at $\\beta=(0,0)$: 20 seeded runs, their root-mean-square, "
            "and the prediction $\\sqrt{\\sigma^2/m}$ (slope $-1/2$)."
        ),
        "ko": (
            "$\\beta=(0,0)$에서 확률적 그래디언트 $m$개를 평균한 값의 오차 "
            "$\\lVert\\bar g_m-\\nabla f(\\beta)\\rVert$. 시드를 고정한 20번의 실행, 그 "
            "제곱평균제곱근, 그리고 예측값 $\\sqrt{\\sigma^2/m}$(기울기 $-1/2$)."
        ),
    },
    size=(6.4, 4.0),
)
def monte_carlo(fig: Figure, lang: Lang) -> None:
    """Running averages of sampled gradients converging to the full gradient at 1/√m."""
    problem = _regression()
    beta = np.zeros(problem.dim)
    per_example = problem.example_gradients(beta)
    full = problem.gradient(beta)
    sigma2 = _spread(problem, beta)
    m_max, runs = 100_000, 20
    m = np.arange(1, m_max + 1)
    squared = np.zeros(m_max)
    shown = _log_indices(m_max)
    ax = fig.add_subplot()
    for seed in range(runs):
        draws = np.random.default_rng(seed).integers(0, problem.n, size=m_max)
        running = np.cumsum(per_example[draws], axis=0) / m[:, None]
        error = np.linalg.norm(running - full, axis=1)
        squared += error**2
        ax.plot(
            m[shown],
            error[shown],
            color="C0",
            linewidth=0.6,
            alpha=0.35,
            label={"en": f"{runs} runs", "ko": f"실행 {runs}번"}[lang] if seed == 0 else None,
        )
    ax.plot(
        m,
        np.sqrt(squared / runs),
        color="C1",
        linewidth=3.0,
        label={"en": "root-mean-square over the runs", "ko": "실행들의 제곱평균제곱근"}[lang],
    )
    ax.plot(
        m,
        np.sqrt(sigma2 / m),
        "--",
        color=str(mpl.rcParams["text.color"]),
        linewidth=1.3,
        label="$\\sqrt{\\sigma^2/m}$",
        zorder=5,
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1, m_max)
    ax.set_ylim(3e-3, 60)
    ax.set_xlabel({"en": "number of sampled gradients $m$", "ko": "뽑은 그래디언트 수 $m$"}[lang])
    ax.set_ylabel("$\\Vert\\bar g_m - \\nabla f(\\beta)\\Vert$")
    ax.legend(loc="lower left")


@register(
    "ch05-noisy-sgd",
    alt={
        "en": (
            "Contour lines of f(x) = x₁² + 2x₂², ellipses around the minimum at the origin, "
            "with two paths of 20 steps from (−5, −2) with learning rate 0.1. Gradient "
            "descent follows a smooth curve into the minimum. Simulated SGD, whose gradient "
            "carries mean-zero Gaussian noise, wobbles from side to side on the way and ends "
            "near, not at, the minimum."
        ),
        "ko": (
            "f(x) = x₁² + 2x₂²의 등고선(원점의 최솟점을 둘러싼 타원들) 위에 (−5, −2)에서 "
            "학습률 0.1로 20스텝 진행한 궤적 두 개를 그린 그림. 경사 하강법은 매끄러운 곡선을 "
            "그리며 최솟점으로 들어간다. 그래디언트에 평균이 0인 가우스 잡음을 더한 확률적 경사 "
            "하강법 시뮬레이션은 좌우로 흔들리며 내려가고, 최솟점에 닿지 못한 채 그 근처에서 "
            "끝난다."
        ),
    },
    caption={
        "en": (
            "Gradient descent and simulated SGD ($g_t=\\nabla f(x_t)+\\xi_t$, "
            "$\\xi_t\\sim\\mathcal N(0, I)$, seed 0) on $f(x)=x_1^2+2x_2^2$: 20 steps from "
            "$(-5,-2)$ with $\\eta=0.1$."
        ),
        "ko": (
            "$f(x)=x_1^2+2x_2^2$에서 경사 하강법과 확률적 경사 하강법 시뮬레이션"
            "($g_t=\\nabla f(x_t)+\\xi_t$, $\\xi_t\\sim\\mathcal N(0, I)$, 시드 0). "
            "$(-5,-2)$에서 $\\eta=0.1$로 20스텝."
        ),
    },
    size=(6.4, 3.6),
)
def noisy_sgd(fig: Figure, lang: Lang) -> None:
    """GD and gradient-plus-noise SGD on x1² + 2x2², 20 steps from (−5, −2)."""
    bowl = gdbook.Quadratic(BOWL_CURVATURES)
    gd = gdbook.gradient_descent(bowl, START, learning_rate=ETA, steps=20)
    noisy = gdbook.noisy_gradient_descent(
        bowl, START, learning_rate=ETA, steps=20, noise_std=SIGMA, seed=0
    )
    labels = {
        "en": ("gradient descent", "simulated SGD"),
        "ko": ("경사 하강법", "확률적 경사 하강법 시뮬레이션"),
    }[lang]
    ax = fig.add_subplot()
    plot_contour_trace(
        ax,
        bowl,
        [gd.iterates, noisy.iterates],
        xlim=(-5.6, 1.6),
        ylim=(-2.6, 1.6),
        levels=[0.25, 1, 2.5, 5, 10, 17, 25, 35],
        labels=list(labels),
        colors=["C0", "C1"],
    )
    ax.plot(0.0, 0.0, "*", color=_reference_colour(), markersize=10)
    ax.legend(loc="upper left")


@register(
    "ch05-gd-vs-sgd",
    alt={
        "en": (
            "A log-log plot of the excess loss f minus f-star on the chapter-4 regression "
            "against the number of example gradients evaluated, up to 20,000. Gradient "
            "descent with learning rate 0.1 is a staircase that drops once per 1000 "
            "examples: it is still high after the first thousand but keeps falling and ends "
            "lowest. SGD with learning rate 0.1 drops within the first hundred examples, "
            "then jitters around 0.1 without improving. SGD with learning rate 0.01 starts "
            "more slowly and settles lower, around 0.005."
        ),
        "ko": (
            "4장 회귀 문제의 초과 손실(f − f*)을 계산한 예제 그래디언트 수(최대 20,000)에 따라 "
            "로그-로그 축에 그린 그림. 학습률 0.1의 경사 하강법은 예제 1000개마다 한 번씩 "
            "내려가는 계단 모양으로, 처음 1000개를 쓴 뒤에도 손실이 높지만 계속 내려가 마지막에는 가장 "
            "낮다. 학습률 0.1의 확률적 경사 하강법은 처음 100개 안에 내려간 뒤 0.1 근처에서 "
            "더 나아지지 않고 흔들린다. 학습률 0.01의 확률적 경사 하강법은 더 느리게 출발하지만 "
            "0.005 근처의 더 낮은 곳에 자리 잡는다."
        ),
    },
    caption={
        "en": (
            "Excess loss $f(\\beta_t)-f^\\star$ against example gradients evaluated, on the "
            "chapter-4 regression from $\\beta_0=(0,0)$: one GD step costs $n=1000$, one SGD "
            "step costs 1. SGD thin: every step; thick: the mean over windows of equal width "
            "on the log axis."
        ),
        "ko": (
            "4장 회귀 문제에서 $\\beta_0=(0,0)$으로 출발했을 때, 계산한 예제 그래디언트 수에 따른 초과 손실 "
            "$f(\\beta_t)-f^\\star$. 경사 하강법 한 스텝은 $n=1000$, 확률적 경사 하강법 한 "
            "스텝은 1의 비용이 든다. 확률적 경사 하강법의 가는 선은 매 스텝의 값, 굵은 선은 로그 "
            "축에서 같은 폭의 구간마다 낸 평균이다."
        ),
    },
    size=(6.4, 4.0),
)
def gd_vs_sgd(fig: Figure, lang: Lang) -> None:
    """Excess loss against examples processed: GD vs SGD with two learning rates."""
    problem = _regression()
    f_star, sgd_runs, gd = _gd_vs_sgd_runs()
    names = {
        "en": ("GD", "SGD"),
        "ko": ("경사 하강법", "확률적 경사 하강법"),
    }[lang]
    ax = fig.add_subplot()
    for (eta, run), colour in zip(sgd_runs, ("C1", "C2"), strict=True):
        excess = run.losses - f_star
        shown = _log_indices(excess.size)[1:]
        ax.plot(run.examples[shown], excess[shown], color=colour, linewidth=0.5, alpha=0.3)
        centres, means = _binned_mean(excess)
        ax.plot(centres, means, color=colour, linewidth=2.0, label=f"{names[1]}, $\\eta={eta}$")
    examples = np.maximum(gd.examples, 1)  # the log axis starts at 1 example
    ax.plot(
        examples,
        gd.losses - f_star,
        drawstyle="steps-post",
        color="C0",
        linewidth=2.0,
        marker="o",
        markevery=slice(1, None),
        label=f"{names[0]}, $\\eta=0.1$",
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1, _EPOCHS * problem.n)
    ax.set_ylim(1e-4, 40)
    ax.set_xlabel({"en": "example gradients evaluated", "ko": "계산한 예제 그래디언트 수"}[lang])
    ax.set_ylabel("$f(\\beta_t) - f^\\star$")
    ax.legend(loc="lower left")


_EPOCHS = 20


@functools.cache
def _gd_vs_sgd_runs() -> tuple[
    float, tuple[tuple[float, gdbook.Trajectory], ...], gdbook.Trajectory
]:
    """f*, SGD runs with eta = 0.1 and 0.01, and a GD run, all for 20 epochs of work."""
    problem = _regression()
    beta0 = np.zeros(problem.dim)
    sgd_runs = tuple(
        (eta, gdbook.sgd(problem, beta0, learning_rate=eta, steps=_EPOCHS * problem.n, seed=0))
        for eta in (0.1, 0.01)
    )
    gd = gdbook.gradient_descent(problem, beta0, learning_rate=0.1, steps=_EPOCHS)
    return problem(problem.solve()), sgd_runs, gd


def _expected_loss(
    bowl: gdbook.Quadratic, schedule: gdbook.Schedule, steps: int
) -> NDArray[np.float64]:
    """E f(x_t), t = 0..steps, of noisy GD from START (exact: gdbook.noisy_quadratic_loss)."""
    return gdbook.noisy_quadratic_loss(
        bowl, START, learning_rate=schedule, steps=steps, noise_std=SIGMA
    )


# (label, schedule, colour) of the three learning-rate schedules of the noise-ball figure.
_SCHEDULES: tuple[tuple[dict[str, str], gdbook.Schedule, str], ...] = (
    (
        {"en": "constant $\\eta=0.1$", "ko": "상수 $\\eta=0.1$"},
        gdbook.constant(ETA),
        "C1",
    ),
    (
        {"en": "$\\eta_t=0.1/\\sqrt{1+0.1t}$", "ko": "$\\eta_t=0.1/\\sqrt{1+0.1t}$"},
        gdbook.polynomial(ETA, alpha=0.5, beta=0.1),
        "C0",
    ),
    (
        {"en": "$\\eta_t=0.1/(1+0.1t)$", "ko": "$\\eta_t=0.1/(1+0.1t)$"},
        gdbook.polynomial(ETA, alpha=1.0, beta=0.1),
        "C2",
    ),
)
_HORIZON = 20_000


@functools.cache
def _noise_ball_runs() -> tuple[tuple[gdbook.Trajectory, NDArray[np.float64]], ...]:
    """One simulated run and the exact expected loss per schedule (computed once per process:
    the figure is drawn in two languages and two palettes)."""
    bowl = gdbook.Quadratic(BOWL_CURVATURES)
    return tuple(
        (
            gdbook.noisy_gradient_descent(
                bowl, START, learning_rate=schedule, steps=_HORIZON, noise_std=SIGMA, seed=3
            ),
            _expected_loss(bowl, schedule, _HORIZON),
        )
        for _, schedule, _ in _SCHEDULES
    )


def _ball_panel(ax: Axes, lang: Lang) -> None:
    xx, yy = np.meshgrid(np.linspace(-0.75, 0.75, 121), np.linspace(-0.75, 0.75, 121))
    ax.contour(
        xx,
        yy,
        xx**2 + 2 * yy**2,
        levels=[0.02, 0.06, 0.15, 0.3, 0.5],
        colors=[_reference_colour()],
        linewidths=0.7,
        alpha=0.7,
    )
    for k in (0, 2):  # the constant and the 1/t schedule
        label, _, colour = _SCHEDULES[k]
        run, _ = _noise_ball_runs()[k]
        late = run.iterates[_HORIZON // 2 :: 8]  # every eighth point is plenty to see the cloud
        ax.scatter(
            late[:, 0], late[:, 1], s=3, alpha=0.3, color=colour, linewidths=0, label=label[lang]
        )
    ax.set_xlim(-0.75, 0.75)
    ax.set_ylim(-0.75, 0.75)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)
    ax.set_title({"en": "iterates, second half of the run", "ko": "실행 후반부의 반복점"}[lang])
    legend = ax.legend(loc="upper right", markerscale=4)
    for handle in legend.legend_handles:
        if handle is not None:
            handle.set_alpha(1.0)


@register(
    "ch05-noise-ball",
    alt={
        "en": (
            "Two panels about simulated SGD on f(x) = x₁² + 2x₂² with noise of standard "
            "deviation 1. Left: the iterates of the second half of a 20,000-step run, near "
            "the minimum. With the constant learning rate 0.1 they form a wide cloud, the "
            "noise ball, about half a unit across; with the learning rate 0.1/(1 + 0.1t) they "
            "sit in a tiny dot at the origin. Right: the expected loss against the step on "
            "log-log axes, computed exactly, with one simulated run of each schedule drawn "
            "faintly behind it. With the constant rate the curve levels off at the "
            "predicted noise-ball value, a dashed line near 0.06. With 0.1 over the square "
            "root of 1 + 0.1t it keeps falling with slope minus one half, and with "
            "0.1/(1 + 0.1t) with slope minus one."
        ),
        "ko": (
            "표준편차 1의 잡음이 섞인 f(x) = x₁² + 2x₂²에서의 확률적 경사 하강법 시뮬레이션을 "
            "다룬 그림 두 개. 왼쪽은 20,000스텝 실행의 후반부 반복점으로, 최솟점 근처를 "
            "보여 준다. 상수 학습률 0.1에서는 반복점이 폭 0.5 정도의 넓은 구름, 곧 잡음 공을 "
            "이루고, 학습률 0.1/(1 + 0.1t)에서는 원점의 아주 작은 점으로 모인다. 오른쪽은 "
            "스텝에 따른 손실의 기댓값을 정확히 계산해 로그-로그 축에 그린 것이고, 각 스케줄의 "
            "시뮬레이션 한 번을 흐리게 겹쳐 그렸다. 상수 학습률의 곡선은 예측한 잡음 공의 값(0.06 "
            "근처의 점선)에서 평평해진다. 학습률 0.1/√(1 + 0.1t)의 곡선은 기울기 -1/2로, "
            "0.1/(1 + 0.1t)의 곡선은 기울기 -1로 계속 내려간다."
        ),
    },
    caption={
        "en": (
            "The noise ball. Simulated SGD on $f(x)=x_1^2+2x_2^2$ with $\\sigma=1$ from "
            "$(-5,-2)$. Left: iterates $x_t$ for $10\\,000\\le t\\le 20\\,000$. Right: "
            "$\\mathbb E f(x_t)$ from the exact recursion (solid) over one simulated run each "
            "(faint); dashed, the stationary level $\\sum_j \\eta\\sigma^2/(2(2-\\eta h_j))$ "
            "of the constant rate."
        ),
        "ko": (
            "잡음 공. $(-5,-2)$에서 출발해 $f(x)=x_1^2+2x_2^2$에서 $\\sigma=1$로 실행한 "
            "확률적 경사 하강법 시뮬레이션. 왼쪽은 $10\\,000\\le t\\le 20\\,000$의 반복점 "
            "$x_t$. 오른쪽은 정확한 점화식으로 구한 $\\mathbb E f(x_t)$(실선)와 각 스케줄의 "
            "시뮬레이션 한 번(흐린 선). 점선은 상수 학습률의 정상 상태 값 "
            "$\\sum_j \\eta\\sigma^2/(2(2-\\eta h_j))$이다."
        ),
    },
    size=(8.0, 3.7),
)
def noise_ball(fig: Figure, lang: Lang) -> None:
    """Constant η stalls in a noise ball; decaying η keeps converging."""
    left, right = fig.subplots(1, 2, width_ratios=(1.0, 1.35))
    _ball_panel(left, lang)
    t = np.arange(_HORIZON + 1)
    shown = _log_indices(_HORIZON + 1)[1:]
    for (label, _, colour), (run, expected) in zip(_SCHEDULES, _noise_ball_runs(), strict=True):
        right.plot(t[shown], run.losses[shown], color=colour, linewidth=0.5, alpha=0.2)
        right.plot(t[shown], expected[shown], color=colour, linewidth=2.0, label=label[lang])
    level = gdbook.noise_floor(
        gdbook.Quadratic(BOWL_CURVATURES), learning_rate=ETA, noise_std=SIGMA
    )
    right.axhline(level, linestyle="--", color=_reference_colour(), linewidth=1.2)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlim(1, _HORIZON)
    right.set_ylim(1e-6, 50)
    right.set_xlabel({"en": "step $t$", "ko": "스텝 $t$"}[lang])
    right.set_ylabel("$f(x_t)$,  $\\mathbb{E} f(x_t)$")
    right.set_title({"en": "loss", "ko": "손실"}[lang])
    right.legend(loc="lower left")
