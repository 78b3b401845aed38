"""Figures of chapter 4, linear regression by gradient descent."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

import gdbook
from book.chapters.ch04.params import ETA, START, STEPS
from book.figures import Lang, register
from gdbook.plotting import plot_contour_trace, plot_loss_curve

# The chapter's run: gradient descent from x = (0, 0) with eta = 0.1 for 100 steps.
_ETA, _STEPS, _START = ETA, STEPS, START


def _problem() -> tuple[gdbook.RegressionData, gdbook.LeastSquares]:
    data = gdbook.book_regression()
    return data, gdbook.LeastSquares(data.X, data.y)


def _muted() -> Any:
    # The active style's spine colour: reference lines that read on either palette.
    return mpl.rcParams["axes.edgecolor"]


@register("ch04-fit", size=(6.4, 4.0))
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
            label=f"{words[1]}: $y = {b0:g} + {b1:g}z$")  # fmt: skip
    g0, g1 = run.final
    ax.plot(grid, g0 + g1 * grid, color="C1",
            label=f"{words[2]}: $y = {g0:.2f} + {g1:.2f}z$")  # fmt: skip
    ax.set_xlabel("$z$")
    ax.set_ylabel("$y$")
    ax.legend(loc="upper left")


@register("ch04-loss", size=(8.4, 3.4))
def loss(fig: Figure, lang: Lang) -> None:
    """The loss curve with the least-squares minimum, and the error with its geometric bound."""
    _, problem = _problem()
    run = gdbook.gradient_descent(problem, _START, learning_rate=_ETA, steps=_STEPS)
    x_hat = problem.solve()
    eigenvalues = np.linalg.eigvalsh(problem.hessian(x_hat))
    rho = float(np.max(np.abs(1.0 - _ETA * eigenvalues)))
    t = np.arange(run.steps + 1)
    error = np.linalg.norm(run.iterates - x_hat, axis=1)
    words = {
        "en": ("GD, $\\eta = 0.1$", "least-squares minimum $f(\\hat x)$", "bound"),
        "ko": ("경사 하강법, $\\eta = 0.1$", "최소제곱 최솟값 $f(\\hat x)$", "상한"),
    }[lang]

    left, right = fig.subplots(1, 2)
    plot_loss_curve(left, t, run.losses, words[0], logy=True, color="C1",
                    ylabel="$f(x_t)$")  # fmt: skip
    left.axhline(problem(x_hat), color=_muted(), linestyle="--", label=words[1])
    left.legend(loc="upper right")

    plot_loss_curve(right, t, error, words[0], logy=True, color="C1",
                    ylabel="$\\|x_t - \\hat x\\|$")  # fmt: skip
    right.plot(t, rho**t * error[0], color=_muted(), linestyle="--",
               label=f"{words[2]} $\\rho^t\\|x_0 - \\hat x\\|$, $\\rho = {rho:.4f}$")  # fmt: skip
    right.legend(loc="upper right")


@register("ch04-path", size=(6.4, 4.4))
def path(fig: Figure, lang: Lang) -> None:
    """GD paths with eta = 0.1 and 0.7 on the contours of the least-squares loss."""
    _, problem = _problem()
    runs = [
        gdbook.gradient_descent(problem, _START, learning_rate=eta, steps=20) for eta in (0.1, 0.7)
    ]
    x_hat = problem.solve()
    f_min = problem(x_hat)
    ax = fig.add_subplot()
    label = {"en": "GD", "ko": "경사 하강법"}[lang]
    plot_contour_trace(
        ax, problem, [run.iterates for run in runs], xlim=(-1.5, 5.5), ylim=(-0.8, 6.4),
        levels=[f_min + c for c in (0.1, 0.5, 1.5, 3.0, 6.0, 10.0, 16.0, 24.0)],
        labels=[f"{label}, $\\eta = 0.1$", f"{label}, $\\eta = 0.7$"], colors=["C1", "C0"],
        xlabel="$x_1$", ylabel="$x_2$",
    )  # fmt: skip
    ax.plot(*x_hat, marker="*", markersize=12, color="C2", linestyle="none",
            label="$\\hat x$", zorder=5)  # fmt: skip
    ax.legend(loc="lower right")
