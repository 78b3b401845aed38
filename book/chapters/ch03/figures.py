"""Figures of chapter 3, gradient descent in many dimensions."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import gdbook
from book.chapters.ch03.params import CURVATURES, ETA, START, STEPS
from book.figures import Lang, register
from gdbook.plotting import plot_contour_trace, plot_surface_path

# The chapter's standard example: f(x) = x1^2 + 2 x2^2 from (-5, -2), 20 steps.
_EXAMPLE = gdbook.Quadratic(CURVATURES)
_START = START
_STEPS = STEPS
_LEVELS = (0.25, 1.0, 2.5, 5.0, 9.0, 15.0, 23.0, 33.0, 46.0)


def _muted() -> Any:
    # The active style's spine colour: reference lines that read on either palette.
    return mpl.rcParams["axes.edgecolor"]


def _mark_minimum(ax: Axes, point: tuple[float, float] = (0.0, 0.0)) -> None:
    ax.plot(*point, marker="*", markersize=11, color="C2", linestyle="none", zorder=5)


def _arrow(ax: Axes, start: Any, end: Any, color: str, style: str = "-") -> None:
    ax.annotate(
        "",
        xy=tuple(end),
        xytext=tuple(start),
        arrowprops={
            "arrowstyle": "-|>",
            "color": color,
            "linewidth": 1.8,
            "linestyle": style,
            "shrinkA": 0,
            "shrinkB": 0,
            "mutation_scale": 14,
        },
        zorder=6,
    )


@register("ch03-gradient-geometry", size=(8.4, 3.5))
def gradient_geometry(fig: Figure, lang: Lang) -> None:
    """Steepest descent at (-5, -2): the arrows on the contours and D_u f against the angle."""
    point = np.array(_START)
    grad = _EXAMPLE.gradient(point)
    descent = -grad / np.linalg.norm(grad)
    toward_minimum = -point / np.linalg.norm(point)
    tangent = np.array([-descent[1], descent[0]])

    left, right = fig.subplots(1, 2, width_ratios=(1.0, 1.1))
    level = _EXAMPLE(point)
    plot_contour_trace(
        left, _EXAMPLE, [point[np.newaxis, :]], xlim=(-6.5, 2.0), ylim=(-4.0, 2.5),
        levels=[*_LEVELS[:-2], level], num=101, colors=["C0"],
    )  # fmt: skip
    angle = np.linspace(0.0, 2.0 * np.pi, 361)
    semi_axes = np.sqrt(2.0 * level / np.array(_EXAMPLE.curvatures))  # f = level on this ellipse
    left.plot(semi_axes[0] * np.cos(angle), semi_axes[1] * np.sin(angle), color="C0", linewidth=1.2)
    length = 3.0
    left.plot(*np.transpose([point - 1.6 * tangent, point + 1.6 * tangent]), color="C4")
    _arrow(left, point, point + length * descent, "C1")
    _arrow(left, point, point + length * toward_minimum, "C3", style="--")
    _mark_minimum(left)
    words = {
        "en": (
            "contour line through $x$",
            "its tangent at $x$",
            "$-\\nabla f(x)$ (steepest descent)",
            "toward the minimum",
        ),
        "ko": (
            "$x$를 지나는 등고선",
            "$x$에서 그은 접선",
            "$-\\nabla f(x)$ (최급강하)",
            "최소점을 향하는 방향",
        ),
    }[lang]
    styles = (("C0", "-"), ("C4", "-"), ("C1", "-"), ("C3", "--"))
    for text, (color, style) in zip(words, styles, strict=True):
        left.plot([], [], color=color, linestyle=style, label=text)
    left.legend(loc="lower right", fontsize=7.5)

    phi = np.linspace(0.0, 360.0, 721)
    units = np.column_stack([np.cos(np.radians(phi)), np.sin(np.radians(phi))])
    slopes = units @ grad
    right.plot(phi, slopes, color="C0")
    right.axhline(0.0, color=_muted(), linewidth=0.8)
    best = float(np.degrees(np.arctan2(descent[1], descent[0])) % 360.0)
    norm = float(np.linalg.norm(grad))
    right.plot([best], [-norm], "o", color="C1", zorder=4)
    for crossing in ((best + 90.0) % 360.0, (best + 270.0) % 360.0):
        right.plot([crossing], [0.0], "o", color="C4", zorder=4)
    label = {"en": "$-\\nabla f(x)$ direction", "ko": "$-\\nabla f(x)$ 방향"}[lang]
    right.annotate(
        f"{label}\n$\\varphi = {best:.1f}$°, $D_u f(x) = {-norm:.1f}$",
        xy=(best, -norm), xytext=(best + 70.0, -norm + 0.5), fontsize=8, va="center",
        arrowprops={"arrowstyle": "-", "color": "C1", "linewidth": 0.8},
    )  # fmt: skip
    right.set_xlim(0.0, 360.0)
    right.set_xticks(np.arange(0, 361, 90))
    right.set_xlabel({"en": "$\\varphi$ (degrees)", "ko": "$\\varphi$ (도)"}[lang])
    right.set_ylabel("$D_u f(x)$")


@register("ch03-contour-trace", size=(6.4, 3.9))
def contour_trace(fig: Figure, lang: Lang) -> None:
    """The standard example: 20 GD steps with eta = 0.1 on the contours of x1^2 + 2 x2^2."""
    run = gdbook.gradient_descent(_EXAMPLE, _START, learning_rate=ETA, steps=_STEPS)
    ax = fig.add_subplot()
    label = {"en": "GD, $\\eta = 0.1$, 20 steps", "ko": "경사 하강법, $\\eta = 0.1$, 20스텝"}
    plot_contour_trace(
        ax, _EXAMPLE, [run.iterates], xlim=(-6.0, 2.0), ylim=(-2.8, 2.8), levels=_LEVELS,
        labels=[label[lang]], colors=["C1"],
    )  # fmt: skip
    _mark_minimum(ax)
    ax.annotate("$x_0$", xy=_START, xytext=(-5.6, -2.55))
    ax.annotate("$x_{20}$", xy=tuple(run.final), xytext=(-0.9, -1.0),
                arrowprops={"arrowstyle": "-", "color": "C1", "linewidth": 0.8})  # fmt: skip
    ax.legend(loc="upper left")


def _transparent_panes(ax3d: Any) -> None:
    for axis in (ax3d.xaxis, ax3d.yaxis, ax3d.zaxis):
        axis.set_pane_color((0.0, 0.0, 0.0, 0.0))


@register("ch03-surface", size=(8.4, 3.8))
def surface(fig: Figure, lang: Lang) -> None:
    """The bowl a^2 + b^2 in 3-D with the GD path from (1, 1), and the same path from above."""
    bowl = gdbook.Quadratic((2.0, 2.0))
    run = gdbook.gradient_descent(bowl, (1.0, 1.0), learning_rate=0.1, steps=_STEPS)
    ax3d = fig.add_subplot(1, 2, 1, projection="3d")
    plot_surface_path(
        ax3d, bowl, run.iterates, xlim=(-1.5, 1.5), ylim=(-1.5, 1.5), color="C1",
        labels=("$a$", "$b$", "$f(a, b)$"),
    )  # fmt: skip
    _transparent_panes(ax3d)
    ax3d.computed_zorder = False  # draw the path over the surface, not sorted into it
    ax3d.view_init(elev=30.0, azim=-60.0)
    ax3d.set_box_aspect(None, zoom=0.85)
    for axis in (ax3d.xaxis, ax3d.yaxis):
        axis.set_ticks((-1.0, 0.0, 1.0))

    ax = fig.add_subplot(1, 2, 2)
    plot_contour_trace(
        ax, bowl, [run.iterates], xlim=(-1.5, 1.5), ylim=(-1.5, 1.5),
        levels=(0.05, 0.2, 0.5, 1.0, 2.0, 3.0, 4.0), colors=["C1"], xlabel="$a$", ylabel="$b$",
    )  # fmt: skip
    _mark_minimum(ax)


_LR_RUNS = (
    (0.1, {"en": "converges smoothly", "ko": "매끄럽게 수렴"}),
    (0.4, {"en": "zig-zags, converges", "ko": "지그재그로 수렴"}),
    (0.49, {"en": "barely converges", "ko": "간신히 수렴"}),
    (0.51, {"en": "diverges", "ko": "발산"}),
)


@register("ch03-learning-rates", size=(9.0, 6.0))
def learning_rates(fig: Figure, lang: Lang) -> None:
    """eta = 0.1, 0.4, 0.49, 0.51 on x1^2 + 2 x2^2 from (-5, -2): paths, and x_t against t."""
    axes = fig.subplots(2, len(_LR_RUNS), sharey="row", height_ratios=(1.25, 1.0))
    steps = np.arange(_STEPS + 1)
    for index, (eta, verdict) in enumerate(_LR_RUNS):
        top, bottom = axes[0, index], axes[1, index]
        color = f"C{index}"
        run = gdbook.gradient_descent(_EXAMPLE, _START, learning_rate=eta, steps=_STEPS)
        plot_contour_trace(
            top, _EXAMPLE, [run.iterates], xlim=(-5.8, 1.8), ylim=(-5.0, 5.0),
            levels=_LEVELS, num=101, colors=[color], ylabel="$x_2$" if index == 0 else "",
        )  # fmt: skip
        _mark_minimum(top)
        top.set_title(f"$\\eta = {eta}$\n{verdict[lang]}")
        top.set_xticks((-4, -2, 0))

        bottom.axhline(0.0, color=_muted(), linewidth=0.8)
        bottom.plot(steps, run.iterates[:, 0], color=_muted(), linestyle="--", label="$x_{t,1}$")
        bottom.plot(steps, run.iterates[:, 1], "-o", color=color, markersize=3, label="$x_{t,2}$")
        bottom.set_xlabel("$t$")
        bottom.set_xticks((0, 10, 20))
        bottom.set_ylim(-5.2, 5.2)
        if index == 0:
            bottom.set_ylabel("$x_{t,i}$")
            bottom.legend(loc="upper right", fontsize=8)


@register("ch03-rate", size=(6.4, 3.6))
def rate(fig: Figure, lang: Lang) -> None:
    """rho(eta) = max_j |1 - eta lambda_j| for lambda = (2, 4), with eta* = 2/(L + mu) and 2/L marked."""
    h = np.array(_EXAMPLE.curvatures)
    big, small = _EXAMPLE.lipschitz, _EXAMPLE.strong_convexity
    eta = np.linspace(0.0, 0.6, 601)
    factors = np.abs(1.0 - np.outer(eta, h))
    rho = factors.max(axis=1)
    best = 2.0 / (big + small)
    edge = 2.0 / big
    ax = fig.add_subplot()
    ax.axvspan(edge, 0.6, color="C3", alpha=0.12, linewidth=0)
    ax.plot(eta, factors[:, 0], color="C0", linestyle="--", label="$|1-2\\eta|$")
    ax.plot(eta, factors[:, 1], color="C1", linestyle="--", label="$|1-4\\eta|$")
    ax.plot(eta, rho, color="C4", linewidth=2.6, alpha=0.8,
            label="$\\rho(\\eta)=\\max_j|1-\\eta\\lambda_j|$")  # fmt: skip
    ax.axhline(1.0, color=_muted(), linewidth=0.8)
    ax.plot([best], [(big - small) / (big + small)], "o", color="C4", zorder=4)
    words = {
        "en": ("best $\\eta^\\star = 1/3$,\n$\\rho = 1/3$", "diverges"),
        "ko": ("최적 $\\eta^\\star = 1/3$,\n$\\rho = 1/3$", "발산"),
    }[lang]
    ax.annotate(words[0], xy=(best, 1.0 / 3.0), xytext=(best - 0.07, 0.62), ha="center",
                arrowprops={"arrowstyle": "-", "color": "C4", "linewidth": 0.8})  # fmt: skip
    ax.text(0.55, 0.55, words[1], ha="center", color="C3")
    ax.set_xlim(0.0, 0.6)
    ax.set_ylim(0.0, 1.45)
    ax.set_xticks([0.0, 0.1, 0.2, 0.25, 1.0 / 3.0, 0.4, 0.5, 0.6],
                  ["0", "0.1", "0.2", "0.25", "1/3", "0.4", "0.5", "0.6"])  # fmt: skip
    ax.set_xlabel("$\\eta$")
    ax.set_ylabel("$|1-\\eta\\lambda_j|$")
    ax.legend(loc="upper left")


@register("ch03-zigzag", size=(8.4, 3.3))
def zigzag(fig: Figure, lang: Lang) -> None:
    """x1^2 + 10 x2^2 (kappa = 10): eta = 1/L against eta = 2/(L + mu), 20 steps each."""
    narrow = gdbook.Quadratic((2.0, 20.0))
    big, small = narrow.lipschitz, narrow.strong_convexity
    runs = (
        (1.0 / big, "1/L = 0.05", "C0"),
        (2.0 / (big + small), "2/(L+\\mu) = 1/11", "C1"),
    )
    axes = fig.subplots(1, 2, sharey=True)
    for index, (ax, (eta, name, color)) in enumerate(zip(axes, runs, strict=True)):
        run = gdbook.gradient_descent(narrow, _START, learning_rate=eta, steps=_STEPS)
        plot_contour_trace(
            ax, narrow, [run.iterates], xlim=(-5.8, 1.2), ylim=(-2.3, 2.3),
            levels=(0.5, 2.0, 5.0, 10.0, 18.0, 28.0, 40.0, 65.0), num=101, colors=[color],
            ylabel="$x_2$" if index == 0 else "",
        )  # fmt: skip
        _mark_minimum(ax)
        distance = float(np.linalg.norm(run.final))
        norm = f"$\\|x_{{20}}\\| = {distance:.2f}$"
        result = {"en": f"{norm} after 20 steps", "ko": f"20스텝 뒤 {norm}"}[lang]
        ax.set_title(f"$\\eta = {name}$\n{result}")
