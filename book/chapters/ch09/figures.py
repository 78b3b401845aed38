"""Figures of chapter 9, Newton's method, preconditioning and line search."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

import gdbook
from book.chapters.ch09.facts import (
    ALPHA,
    NEWTON_STEPS,
    ROSENBROCK_ETA,
    ROSENBROCK_STEPS,
    TAU,
    TOL,
    objectives,
    turned_hessian,
    wave_runs,
)
from book.chapters.ch09.params import ACCURACY, BEGIN, CURVATURES, ETAS, START, X0, XCOS_C
from book.figures import Lang, register
from gdbook.plotting import plot_contour_trace


def _muted() -> Any:
    # The active style's spine colour: reference lines that read on either palette.
    return mpl.rcParams["axes.edgecolor"]


@register("ch09-model", size=(8.4, 3.6))
def model(fig: Figure, lang: Lang) -> None:
    """x cos(cx) with Newton's quadratic models at x0 = 10 and x1 = 5, and both runs."""
    wave = gdbook.XCosCx(XCOS_C)
    grid = np.linspace(0.0, 32.0, 641)
    ax = fig.add_subplot()
    ax.plot(grid, [wave(x) for x in grid], color="C0", linewidth=1.6, label="$f(x)=x\\cos(cx)$")
    names = {"en": "quadratic model at", "ko": "이차 모델, 전개점"}[lang]
    pure = wave_runs()[ETAS[0]]
    for index, point in enumerate(pure.iterates[:2, 0]):
        value, slope = wave(point), wave.gradient(point)[0]
        curvature = wave.hessian(point)[0, 0]
        near = np.linspace(point - 4.0, min(point + 24.0, 32.0), 200)
        quadratic = value + slope * (near - point) + 0.5 * curvature * (near - point) ** 2
        color = f"C{index + 1}"
        ax.plot(near, quadratic, color=color, linestyle="--", linewidth=1.2,
                label=f"{names} $x_{index} = {point:.0f}$")  # fmt: skip
        top = point - slope / curvature
        ax.plot([top], [value - slope**2 / (2 * curvature)], "v", color=color, markersize=7)
    for eta, marker, color in ((ETAS[0], "o", "C1"), (ETAS[1], "s", "C3")):
        run = wave_runs()[eta]
        xs = run.iterates[:, 0]
        label = {"en": f"Newton, $\\eta = {eta:g}$", "ko": f"뉴턴 방법, $\\eta = {eta:g}$"}[lang]
        ax.plot(xs, [wave(x) for x in xs], marker, color=color, markersize=5,
                linestyle="none", label=label, zorder=5)  # fmt: skip
    ax.axhline(0.0, color=_muted(), linewidth=0.6)
    ax.set_xlim(0.0, 32.0)
    ax.set_ylim(-35.0, 35.0)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    ax.legend(loc="upper left", fontsize=7.5)


def _positive(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) where values > 0: a log axis cannot show an exact zero."""
    steps = np.arange(values.size)
    keep = values > 0
    return steps[keep], values[keep]


@register("ch09-rates", size=(8.6, 3.6))
def rates(fig: Figure, lang: Lang) -> None:
    """Log error against step: Newton and gradient descent on x cos(cx) and on Rosenbrock."""
    left, right = fig.subplots(1, 2)
    wave = gdbook.XCosCx(XCOS_C)
    pure, damped = wave_runs()[ETAS[0]], wave_runs()[ETAS[1]]
    minimum = gdbook.newton(wave, damped.x, steps=20, tol=1e-13).x[0]
    gd = gdbook.gradient_descent(wave, X0, learning_rate=ETAS[1], steps=pure.steps)
    words = {
        "en": (
            "Newton, $\\eta = 1$ (to the maximum)",
            "Newton, $\\eta = 0.5$",
            "GD, $\\eta = 0.5$",
        ),
        "ko": (
            "뉴턴 방법, $\\eta = 1$ (최대점으로)",
            "뉴턴 방법, $\\eta = 0.5$",
            "경사 하강법, $\\eta = 0.5$",
        ),
    }[lang]
    for values, label, color, marker in (
        (np.abs(pure.iterates[:, 0] - pure.x[0]), words[0], "C1", "o"),
        (np.abs(damped.iterates[:, 0] - minimum), words[1], "C3", "s"),
        (np.abs(gd.iterates[:, 0] - minimum), words[2], "C0", "^"),
    ):
        left.semilogy(*_positive(values), marker=marker, color=color, markersize=4, label=label)
    left.set_xlabel("$t$")
    left.set_ylabel("$|x_t - x^\\star|$")
    left.set_title("$x\\cos(cx)$, $x_0 = 10$")
    left.legend(loc="lower left", fontsize=7)

    banana = gdbook.Rosenbrock()
    runs = (
        (gdbook.newton(banana, BEGIN, steps=NEWTON_STEPS), "C1", "o"),
        (gdbook.gradient_descent(banana, BEGIN, learning_rate=ROSENBROCK_ETA,
                                 steps=ROSENBROCK_STEPS), "C0", None),
        (gdbook.backtracking_gradient_descent(banana, BEGIN, steps=ROSENBROCK_STEPS, tol=TOL),
         "C2", None),
    )  # fmt: skip
    labels = {
        "en": ("Newton", f"GD, $\\eta = {ROSENBROCK_ETA}$", "GD, Armijo line search"),
        "ko": (
            "뉴턴 방법",
            f"경사 하강법, $\\eta = {ROSENBROCK_ETA}$",
            "경사 하강법, 아르미호 직선 탐색",
        ),
    }[lang]
    for (run, color, marker), label in zip(runs, labels, strict=True):
        errors = np.linalg.norm(run.iterates - banana.minimizer, axis=1)
        steps, values = _positive(errors)
        right.loglog(steps + 1, values, color=color, marker=marker, markersize=4, label=label)
    right.set_xlabel("$t + 1$")
    right.set_ylabel("$\\Vert x_t - x^\\star\\Vert$")
    right.set_title("Rosenbrock, $x_0 = (-1.2, 1)$")
    right.legend(loc="lower left", fontsize=7)


def _preconditioned(objective: Any, preconditioner: np.ndarray) -> np.ndarray:
    hessian = objective.hessian(START)
    lam = np.linalg.eigvals(np.linalg.solve(preconditioner, hessian)).real
    inverse = np.linalg.inv(preconditioner)
    start = np.array(START)
    run = gdbook.gradient_descent(
        (objective, lambda x: inverse @ objective.gradient(x)),
        start,
        learning_rate=2 / (lam.max() + lam.min()),
        steps=10_000,
        callback=lambda info: bool(np.linalg.norm(info.x) <= ACCURACY * np.linalg.norm(start)),
    )
    return run.iterates


@register("ch09-precondition", size=(8.8, 3.6))
def precondition(fig: Figure, lang: Lang) -> None:
    """Plain and preconditioned GD on the aligned and the turned valley."""
    _, form = objectives()
    valley = gdbook.Quadratic(CURVATURES)
    turned = form(turned_hessian())
    axes = fig.subplots(1, 2)
    words = {
        "en": ("plain GD, $P = I$", "$P = \\mathrm{diag}(H)$", "$P = H$ (Newton)",
               "aligned valley", "turned valley"),
        "ko": ("경사 하강법, $P = I$", "$P = \\mathrm{diag}(H)$", "$P = H$ (뉴턴 방법)",
               "축에 나란한 골짜기", "회전한 골짜기"),
    }[lang]  # fmt: skip
    levels = (0.5, 2.0, 5.0, 10.0, 20.0, 35.0, 55.0)
    for ax, objective, title in ((axes[0], valley, words[3]), (axes[1], turned, words[4])):
        hessian = objective.hessian(START)
        paths = [
            _preconditioned(objective, np.eye(2)),
            _preconditioned(objective, np.diag(np.diag(hessian))),
            _preconditioned(objective, hessian),
        ]
        plot_contour_trace(
            ax, objective, paths, xlim=(-6.0, 6.0), ylim=(-5.0, 4.0), levels=levels,
            labels=list(words[:3]), colors=["C0", "C1", "C3"], num=121,
        )  # fmt: skip
        ax.plot(0.0, 0.0, marker="*", markersize=11, color="C2", linestyle="none", zorder=5)
        ax.set_title(title)
    axes[0].legend(loc="upper right", fontsize=7)


@register("ch09-armijo", size=(6.6, 3.8))
def armijo(fig: Figure, lang: Lang) -> None:
    """f along the negative gradient at (-5, -2) of the valley, with the Armijo line and trials."""
    valley = gdbook.Quadratic(CURVATURES)
    x = np.array(START)
    g = valley.gradient(x)
    slope = float(g @ g)
    rates = np.linspace(0.0, 0.13, 400)
    values = np.array([valley(x - eta * g) for eta in rates])
    ax = fig.add_subplot()
    fx = valley(x)
    ok = values <= fx - ALPHA * rates * slope
    ax.fill_between(rates, 0.0, 1.0, where=ok, color="C2", alpha=0.15, linewidth=0,
                    transform=ax.get_xaxis_transform())  # fmt: skip
    words = {
        "en": ("$f(x - \\eta\\nabla f(x))$", "sufficient decrease: $f(x) - c_1\\eta\\Vert\\nabla f(x)\\Vert^2$",
               "tangent: $f(x) - \\eta\\Vert\\nabla f(x)\\Vert^2$", "trials", "accepted"),
        "ko": ("$f(x - \\eta\\nabla f(x))$", "충분한 감소: $f(x) - c_1\\eta\\Vert\\nabla f(x)\\Vert^2$",
               "접선: $f(x) - \\eta\\Vert\\nabla f(x)\\Vert^2$", "시도값", "채택한 값"),
    }[lang]  # fmt: skip
    ax.plot(rates, values, color="C0", label=words[0])
    ax.plot(rates, fx - ALPHA * rates * slope, color="C1", linestyle="--", label=words[1])
    ax.plot(rates, fx - rates * slope, color=_muted(), linestyle=":", label=words[2])
    trials = [1.0 * TAU**k for k in range(8)]
    shown = [eta for eta in trials if eta <= rates[-1]]
    accepted = next(eta for eta in trials if valley(x - eta * g) <= fx - ALPHA * eta * slope)
    tried = [eta for eta in shown if eta >= accepted]
    ax.plot(tried, [valley(x - eta * g) for eta in tried], "o", color="C3", label=words[3])
    ax.plot([accepted], [valley(x - accepted * g)], "o", color="C2", markersize=9,
            markerfacecolor="none", markeredgewidth=2, label=words[4])  # fmt: skip
    ax.set_xlim(0.0, rates[-1])
    ax.set_ylim(-20.0, 2.5 * fx)
    ax.set_xlabel("$\\eta$")
    ax.legend(loc="upper left", fontsize=7)
