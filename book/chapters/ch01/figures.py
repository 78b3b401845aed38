"""Figures of chapter 1, derivatives and gradients."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

import gdbook
from book.chapters.ch01.params import POINT
from book.figures import Lang, register

#: The point at which chapter 1 evaluates and checks the gradient of MixedCosine.
CHECK_POINT = POINT

_SECANT_INCREMENTS = (2.0, 1.0, 0.5, 0.25)


def _muted() -> str:
    # The active style's spine colour: reference curves readable on either palette.
    return str(mpl.rcParams["axes.edgecolor"])


@register("ch01-tangent", size=(6.4, 4.0))
def tangent(fig: Figure, lang: Lang) -> None:
    """Secants of x² through (1, 1) with h = 2, 1, 0.5, 0.25 closing in on the tangent."""
    f = gdbook.Quadratic((2.0,))
    x0 = 1.0
    xs = np.linspace(-0.6, 3.4, 401)
    ax = fig.add_subplot()
    ax.plot(xs, [f(float(x)) for x in xs], color=_muted(), linewidth=1.4, zorder=1)
    secant_word = {"en": "secant", "ko": "할선"}[lang]
    slope_word = {"en": "slope", "ko": "기울기"}[lang]
    for index, h in enumerate(_SECANT_INCREMENTS):
        slope = (f(x0 + h) - f(x0)) / h
        colour = f"C{index}"
        ax.plot(
            xs,
            f(x0) + slope * (xs - x0),
            color=colour,
            linewidth=1.1,
            alpha=0.85,
            label=f"{secant_word}, $h = {h:g}$ ({slope_word} {slope:g})",
        )
        ax.plot([x0 + h], [f(x0 + h)], "o", color=colour, zorder=4)
    tangent_word = {"en": "tangent", "ko": "접선"}[lang]
    ax.plot(
        xs,
        f(x0) + 2.0 * (xs - x0),
        color=str(mpl.rcParams["text.color"]),
        linewidth=2.6,
        label=f"{tangent_word} ({slope_word} 2)",
        zorder=3,
    )
    ax.plot([x0], [f(x0)], "o", color=str(mpl.rcParams["text.color"]), markersize=7, zorder=5)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(-2.0, 10.0)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    ax.legend(loc="upper left")


@register("ch01-slope-sign", size=(6.4, 3.6))
def slope_sign(fig: Figure, lang: Lang) -> None:
    """Tangents of x² on both sides of the minimum, with the descent step under each point."""
    f = gdbook.Quadratic((2.0,))
    eta = 0.25
    xs = np.linspace(-2.2, 2.2, 401)
    ax = fig.add_subplot()
    ax.plot(xs, [f(float(x)) for x in xs], color=_muted(), linewidth=1.4, zorder=1)
    labels = {
        "en": ("$f'(x) < 0$: $f$ falls to the right", "$f'(x) > 0$: $f$ rises to the right"),
        "ko": (
            "$f'(x) < 0$: 오른쪽으로 갈수록 $f$가 작아진다",
            "$f'(x) > 0$: 오른쪽으로 갈수록 $f$가 커진다",
        ),
    }[lang]
    seen: set[int] = set()
    for x in (-1.5, -0.75, 0.75, 1.5):
        slope = float(f.gradient(x)[0])
        side = int(slope > 0)
        colour = f"C{side}"
        half = 0.3
        segment = np.array([x - half, x + half])
        ax.plot(
            segment,
            f(x) + slope * (segment - x),
            color=colour,
            linewidth=2.4,
            label=None if side in seen else labels[side],
            zorder=3,
        )
        seen.add(side)
        ax.plot([x], [f(x)], "o", color=colour, zorder=4)
        ax.annotate(
            "",
            xy=(x - eta * slope, -0.45),
            xytext=(x, -0.45),
            arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.6},
        )
        ax.plot([x, x], [-0.45, f(x)], color=colour, linewidth=0.8, linestyle=":", zorder=2)
    ax.axhline(0.0, color=_muted(), linewidth=0.8)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(-0.8, 5.4)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    ax.legend(loc="upper center")


@register("ch01-gradient-field", size=(5.6, 5.0))
def gradient_field(fig: Figure, lang: Lang) -> None:
    """Contours and gradient arrows of MixedCosine, with the gradient at the check point."""
    f = gdbook.MixedCosine()
    ax = fig.add_subplot()
    grid = np.linspace(-2.0, 2.0, 161)
    xx, yy = np.meshgrid(grid, grid)
    zz = np.array(
        [
            [f((a, b)) for a, b in zip(row_x, row_y, strict=True)]
            for row_x, row_y in zip(xx, yy, strict=True)
        ]
    )
    ax.contour(
        xx,
        yy,
        zz,
        levels=18,
        colors=[_muted()],
        linewidths=0.8,
        alpha=0.8,
        negative_linestyles="solid",
    )
    arrows = np.linspace(-1.8, 1.8, 13)
    ax_, ay_ = np.meshgrid(arrows, arrows)
    gradients = np.array(
        [f.gradient((a, b)) for a, b in zip(ax_.ravel(), ay_.ravel(), strict=True)]
    )
    ax.quiver(
        ax_.ravel(),
        ay_.ravel(),
        gradients[:, 0],
        gradients[:, 1],
        color="C0",
        angles="xy",
        scale_units="xy",
        scale=28.0,
        width=0.004,
        zorder=3,
    )
    point = np.array(CHECK_POINT)
    g = f.gradient(point)
    scale = 0.35  # drawn length of the highlighted arrows, in units of the gradient
    ax.annotate(
        "",
        xy=tuple(point + scale * g),
        xytext=tuple(point),
        arrowprops={"arrowstyle": "-|>", "color": "C1", "linewidth": 2.4},
        zorder=5,
    )
    ax.annotate(
        "",
        xy=tuple(point - scale * g),
        xytext=tuple(point),
        arrowprops={"arrowstyle": "-|>", "color": "C1", "linewidth": 2.0, "linestyle": "--"},
        zorder=5,
    )
    ax.plot(*point, "o", color="C1", markersize=6, zorder=6)
    ax.annotate(
        "$\\nabla f$",
        xy=tuple(point + scale * g),
        xytext=(4, 4),
        textcoords="offset points",
        color="C1",
    )
    ax.annotate(
        "$-\\nabla f$",
        xy=tuple(point - scale * g),
        xytext=(-8, -14),
        textcoords="offset points",
        color="C1",
        ha="right",
    )
    ax.set_xlim(-2.0, 2.0)
    ax.set_ylim(-2.0, 2.0)
    ax.set_aspect("equal", adjustable="box")
    ax.grid(False)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")


def finite_difference_errors(
    increments: np.typing.NDArray[np.float64],
) -> tuple[np.typing.NDArray[np.float64], np.typing.NDArray[np.float64]]:
    """Errors of the forward and central differences of ∂f/∂x of MixedCosine at the check point.

    Parameters
    ----------
    increments : ndarray, shape (k,)
        The finite-difference increments ``h``.

    Returns
    -------
    forward, central : ndarray, shape (k,)
        ``|estimate - exact|`` for each ``h``.
    """
    f = gdbook.MixedCosine()
    point = np.array(CHECK_POINT)
    exact = float(f.gradient(point)[0])
    e_x = np.array([1.0, 0.0])
    forward = np.array([abs((f(point + h * e_x) - f(point)) / h - exact) for h in increments])
    central = np.array(
        [abs(float(gdbook.numerical_gradient(f, point, h=float(h))[0]) - exact) for h in increments]
    )
    return forward, central


@register("ch01-fd-error", size=(6.4, 4.2))
def fd_error(fig: Figure, lang: Lang) -> None:
    """Forward and central finite-difference error against h, log-log."""
    increments = np.logspace(-12.0, 0.0, 97)
    forward, central = finite_difference_errors(increments)
    words = {
        "en": ("forward difference", "central difference", "error", "default $h$"),
        "ko": ("전진 차분", "중앙 차분", "오차", "기본값 $h$"),
    }[lang]
    ax = fig.add_subplot()
    tiny = 1e-17  # an exact hit would vanish from a log axis; floor it at the bottom
    ax.loglog(increments, np.maximum(forward, tiny), "-", color="C0", label=words[0])
    ax.loglog(increments, np.maximum(central, tiny), "-", color="C1", label=words[1])
    reference = np.logspace(-5.0, 0.0, 2)
    ax.loglog(reference, 0.5 * reference, "--", color="C0", linewidth=1.0)
    ax.loglog(reference, 0.05 * reference**2, "--", color="C1", linewidth=1.0)
    ax.annotate(
        "$\\propto h$",
        xy=(1e-2, 0.5e-2),
        xytext=(0, 6),
        textcoords="offset points",
        color="C0",
        ha="right",
    )
    ax.annotate(
        "$\\propto h^2$",
        xy=(1e-2, 0.05e-4),
        xytext=(6, -10),
        textcoords="offset points",
        color="C1",
    )
    ax.axvline(1e-6, color=_muted(), linewidth=1.0, linestyle=":")
    ax.annotate(
        words[3], xy=(1e-6, 1e-1), xytext=(4, 0), textcoords="offset points", color=_muted()
    )
    ax.set_xlim(1e-12, 1.0)
    ax.set_ylim(1e-13, 1.0)
    ax.set_xlabel("$h$")
    ax.set_ylabel(words[2])
    ax.legend(loc="lower right")
