"""Figures of chapter 4, linear regression by gradient descent."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

import gdbook
from book.figures import Lang, register
from gdbook.plotting import plot_contour_trace, plot_loss_curve

# The chapter's run: gradient descent from beta = (0, 0) with eta = 0.1 for 100 steps.
_ETA = 0.1
_STEPS = 100
_START = (0.0, 0.0)


def _problem() -> tuple[gdbook.RegressionData, gdbook.LeastSquares]:
    data = gdbook.book_regression()
    return data, gdbook.LeastSquares(data.X, data.y)


def _muted() -> Any:
    # The active style's spine colour: reference lines that read on either palette.
    return mpl.rcParams["axes.edgecolor"]


@register(
    "ch04-fit",
    alt={
        "en": (
            "A scatter plot of the 1000 data points, x between −2 and 2 and y between about "
            "−5 and 9, spread around a rising line. Two lines are drawn through the cloud: "
            "the true line y = 2 + 3x, dashed, and the line fitted by gradient descent, "
            "y = 1.96 + 3.03x, solid. They nearly coincide."
        ),
        "ko": (
            "데이터 1000개의 산점도. x는 −2부터 2까지, y는 대략 −5부터 9까지 퍼져 있고 "
            "오르막 직선 주위에 모여 있다. 점들 사이로 두 직선을 그렸다. 점선은 참 직선 "
            "y = 2 + 3x이고, 실선은 경사 하강법으로 맞춘 직선 y = 1.96 + 3.03x이다. 두 직선은 "
            "거의 겹친다."
        ),
    },
    caption={
        "en": (
            "The book's regression data, $y=2+3x+\\varepsilon$ with "
            "$\\varepsilon\\sim\\mathcal N(0,0.5^2)$ and $n=1000$, the true line, and the line "
            "fitted by 100 steps of gradient descent with $\\eta=0.1$."
        ),
        "ko": (
            "이 책의 회귀 데이터 $y=2+3x+\\varepsilon$($\\varepsilon\\sim\\mathcal N(0,0.5^2)$, "
            "$n=1000$)과 참 직선, 그리고 $\\eta=0.1$로 경사 하강법을 100스텝 진행해 맞춘 직선."
        ),
    },
    size=(6.4, 4.0),
)
def fit(fig: Figure, lang: Lang) -> None:
    """The data, the true line 2 + 3x and the line fitted by gradient descent."""
    data, problem = _problem()
    run = gdbook.gradient_descent(problem, _START, learning_rate=_ETA, steps=_STEPS)
    x = data.X[:, 1]
    grid = np.linspace(-2.0, 2.0, 2)
    ax = fig.add_subplot()
    words = {
        "en": (f"data ($n = {problem.n}$)", "true line", "gradient descent"),
        "ko": (f"데이터 ($n = {problem.n}$)", "참 직선", "경사 하강법"),
    }[lang]
    ax.scatter(x, data.y, s=5, alpha=0.35, color="C0", linewidths=0, label=words[0])
    b0, b1 = data.true_beta
    ax.plot(grid, b0 + b1 * grid, color=_muted(), linestyle="--", linewidth=2.0,
            label=f"{words[1]}: $y = {b0:g} + {b1:g}x$")  # fmt: skip
    g0, g1 = run.final
    ax.plot(grid, g0 + g1 * grid, color="C1",
            label=f"{words[2]}: $y = {g0:.2f} + {g1:.2f}x$")  # fmt: skip
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(loc="upper left")


@register(
    "ch04-loss",
    alt={
        "en": (
            "Two panels against the step t from 0 to 100, both with a logarithmic vertical "
            "axis. Left: the loss f(β_t) falls from about 16 to a plateau at about 0.256 within "
            "some 20 steps and stays on a horizontal reference line at the least-squares "
            "minimum. Right: the distance from β_t to the least-squares solution falls along a "
            "straight line from about 3.6 to below 10⁻⁹, just under a dashed straight line "
            "showing the theoretical bound."
        ),
        "ko": (
            "가로축이 0부터 100까지의 스텝 t이고 세로축이 로그 눈금인 두 패널. 왼쪽에서 손실 "
            "f(β_t)는 약 16에서 20스텝 안팎 만에 약 0.256으로 떨어진 뒤, 최소제곱 최솟값을 "
            "나타내는 수평 기준선 위에 머문다. 오른쪽에서 β_t와 최소제곱 해 사이의 거리는 약 "
            "3.6에서 10⁻⁹ 아래까지 직선을 그리며 줄어들고, 이론적 상한을 나타내는 점선 직선의 "
            "바로 아래에 놓인다."
        ),
    },
    caption={
        "en": (
            "Gradient descent with $\\eta=0.1$ on $f(\\beta)=\\frac1n\\lVert y-X\\beta\\rVert^2$. "
            "Left: the loss reaches the least-squares minimum $f(\\hat\\beta)$, which is not "
            "zero but about the noise variance $0.5^2$. Right: the error "
            "$\\lVert\\beta_t-\\hat\\beta\\rVert$ shrinks geometrically, below the bound "
            "$\\rho^t\\lVert\\beta_0-\\hat\\beta\\rVert$ with $\\rho=\\max_i|1-\\eta\\lambda_i|$."
        ),
        "ko": (
            "$f(\\beta)=\\frac1n\\lVert y-X\\beta\\rVert^2$에 $\\eta=0.1$로 적용한 경사 하강법. "
            "왼쪽: 손실은 최소제곱 최솟값 $f(\\hat\\beta)$에 도달한다. 이 값은 0이 아니라 잡음의 "
            "분산 $0.5^2$ 정도다. 오른쪽: 오차 $\\lVert\\beta_t-\\hat\\beta\\rVert$는 등비수열로 "
            "줄어들며, $\\rho=\\max_i|1-\\eta\\lambda_i|$일 때의 상한 "
            "$\\rho^t\\lVert\\beta_0-\\hat\\beta\\rVert$ 아래에 있다."
        ),
    },
    size=(8.4, 3.4),
)
def loss(fig: Figure, lang: Lang) -> None:
    """The loss curve with the least-squares minimum, and the error with its geometric bound."""
    _, problem = _problem()
    run = gdbook.gradient_descent(problem, _START, learning_rate=_ETA, steps=_STEPS)
    beta_hat = problem.solve()
    eigenvalues = np.linalg.eigvalsh(problem.hessian(beta_hat))
    rho = float(np.max(np.abs(1.0 - _ETA * eigenvalues)))
    t = np.arange(run.steps + 1)
    error = np.linalg.norm(run.iterates - beta_hat, axis=1)
    words = {
        "en": ("GD, $\\eta = 0.1$", "least-squares minimum $f(\\hat\\beta)$", "bound"),
        "ko": ("경사 하강법, $\\eta = 0.1$", "최소제곱 최솟값 $f(\\hat\\beta)$", "상한"),
    }[lang]

    left, right = fig.subplots(1, 2)
    plot_loss_curve(left, t, run.losses, words[0], logy=True, color="C1",
                    ylabel="$f(\\beta_t)$")  # fmt: skip
    left.axhline(problem(beta_hat), color=_muted(), linestyle="--", label=words[1])
    left.legend(loc="upper right")

    plot_loss_curve(right, t, error, words[0], logy=True, color="C1",
                    ylabel="$\\|\\beta_t - \\hat\\beta\\|$")  # fmt: skip
    right.plot(t, rho**t * error[0], color=_muted(), linestyle="--",
               label=f"{words[2]} $\\rho^t\\|\\beta_0 - \\hat\\beta\\|$, $\\rho = {rho:.4f}$")  # fmt: skip
    right.legend(loc="upper right")


@register(
    "ch04-path",
    alt={
        "en": (
            "Contour lines of the least-squares loss over the plane of the two coefficients, "
            "intercept β₀ horizontally and slope β₁ vertically: nearly circular ellipses "
            "around the least-squares solution near (1.96, 3.03). Two paths of twenty "
            "gradient-descent steps start at (0, 0). With η = 0.1 the path runs almost "
            "straight to the solution. With η = 0.7 the first step overshoots to a slope near "
            "5.7 and the path then zig-zags up and down across the solution, closing in on it."
        ),
        "ko": (
            "절편 β₀을 가로축, 기울기 β₁을 세로축으로 하는 계수 평면 위에 그린 최소제곱 손실의 "
            "등고선. 최소제곱 해 (1.96, 3.03) 근처를 중심으로 거의 원에 가까운 타원들이다. "
            "(0, 0)에서 출발한 경사 하강법 20스텝의 궤적 두 개가 있다. η = 0.1의 궤적은 해를 "
            "향해 거의 곧게 나아간다. η = 0.7에서는 첫 스텝이 기울기 5.7 근처까지 지나쳐 간 "
            "뒤, 해를 사이에 두고 위아래로 지그재그를 그리며 다가간다."
        ),
    },
    caption={
        "en": (
            "The loss over the coefficient plane $(\\beta_0,\\beta_1)$ and 20 steps of gradient "
            "descent from $(0,0)$. The Hessian's eigenvalues are close to $2$ and $8/3$, so the "
            "contours are nearly round; $\\eta=0.7$ is just below the limit $2/L$ and zig-zags "
            "along the steep eigenvector."
        ),
        "ko": (
            "계수 평면 $(\\beta_0,\\beta_1)$ 위의 손실과 $(0,0)$에서 출발한 경사 하강법 20스텝. "
            "헤세 행렬의 고윳값이 $2$와 $8/3$에 가까워 등고선이 거의 둥글다. $\\eta=0.7$은 "
            "한계 $2/L$ 바로 아래여서 가파른 고유벡터 방향으로 지그재그를 그린다."
        ),
    },
    size=(6.4, 4.4),
)
def path(fig: Figure, lang: Lang) -> None:
    """GD paths with eta = 0.1 and 0.7 on the contours of the least-squares loss."""
    _, problem = _problem()
    runs = [
        gdbook.gradient_descent(problem, _START, learning_rate=eta, steps=20) for eta in (0.1, 0.7)
    ]
    beta_hat = problem.solve()
    f_min = problem(beta_hat)
    ax = fig.add_subplot()
    label = {"en": "GD", "ko": "경사 하강법"}[lang]
    plot_contour_trace(
        ax, problem, [run.iterates for run in runs], xlim=(-1.5, 5.5), ylim=(-0.8, 6.4),
        levels=[f_min + c for c in (0.1, 0.5, 1.5, 3.0, 6.0, 10.0, 16.0, 24.0)],
        labels=[f"{label}, $\\eta = 0.1$", f"{label}, $\\eta = 0.7$"], colors=["C1", "C0"],
        xlabel="$\\beta_0$", ylabel="$\\beta_1$",
    )  # fmt: skip
    ax.plot(*beta_hat, marker="*", markersize=12, color="C2", linestyle="none",
            label="$\\hat\\beta$", zorder=5)  # fmt: skip
    ax.legend(loc="lower right")
