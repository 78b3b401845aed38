"""Figures of chapter 1, derivatives and gradients."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

import gdbook
from book.figures import Lang, register

#: The point at which chapter 1 evaluates and checks the gradient of MixedCosine.
CHECK_POINT = (1.0, 0.5)

_SECANT_STEPS = (2.0, 1.0, 0.5, 0.25)


def _muted() -> str:
    # The active style's spine colour: reference curves readable on either palette.
    return str(mpl.rcParams["axes.edgecolor"])


@register(
    "ch01-tangent",
    alt={
        "en": (
            "The parabola f(x) = x² with the point (1, 1) marked. Four secant lines pass "
            "through (1, 1) and a second point of the curve at x = 1 + h for h = 2, 1, 0.5 and "
            "0.25; their slopes 4, 3, 2.5 and 2.25 fall towards 2 as h shrinks, and the lines "
            "close in on the tangent line at x = 1, drawn thick, whose slope is 2."
        ),
        "ko": (
            "포물선 f(x) = x² 위에 점 (1, 1)을 표시했다. 네 할선이 (1, 1)과, 곡선 위에서 "
            "x = 1 + h(h = 2, 1, 0.5, 0.25)인 두 번째 점을 지난다. h가 작아질수록 할선의 "
            "기울기 4, 3, 2.5, 2.25가 2에 가까워지고, 할선은 굵게 그린 x = 1에서의 접선(기울기 "
            "2)에 점점 다가간다."
        ),
    },
    caption={
        "en": (
            "Secants of $f(x)=x^2$ through $(1, 1)$ and $(1+h, (1+h)^2)$ have slope $2+h$. As "
            "$h\\to 0$ they turn into the tangent at $x=1$, whose slope is the derivative "
            "$f'(1)=2$."
        ),
        "ko": (
            "$f(x)=x^2$ 위의 두 점 $(1, 1)$과 $(1+h, (1+h)^2)$을 지나는 할선의 기울기는 "
            "$2+h$이다. $h\\to 0$이면 할선은 $x=1$에서의 접선이 되고, 그 기울기가 미분계수 "
            "$f'(1)=2$이다."
        ),
    },
    size=(6.4, 4.0),
)
def tangent(fig: Figure, lang: Lang) -> None:
    """Secants of x² through (1, 1) with h = 2, 1, 0.5, 0.25 closing in on the tangent."""
    f = gdbook.Quadratic((2.0,))
    x0 = 1.0
    xs = np.linspace(-0.6, 3.4, 401)
    ax = fig.add_subplot()
    ax.plot(xs, [f(float(x)) for x in xs], color=_muted(), linewidth=1.4, zorder=1)
    secant_word = {"en": "secant", "ko": "할선"}[lang]
    slope_word = {"en": "slope", "ko": "기울기"}[lang]
    for index, h in enumerate(_SECANT_STEPS):
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


@register(
    "ch01-slope-sign",
    alt={
        "en": (
            "The parabola f(x) = x² with short tangent segments at x = −1.5, −0.75, 0.75 and "
            "1.5. Left of the minimum the tangents fall (f′ < 0), right of it they rise "
            "(f′ > 0). Under each point an arrow of length 0.25·|f′(x)| points the way gradient "
            "descent moves, against the sign of f′: to the right on the left branch and to the "
            "left on the right branch, towards the minimum at x = 0 in every case."
        ),
        "ko": (
            "포물선 f(x) = x² 위의 x = −1.5, −0.75, 0.75, 1.5인 점에 짧은 접선이 그려져 있다. "
            "최솟점의 왼쪽에서는 접선이 내려가고(f′ < 0), 오른쪽에서는 올라간다(f′ > 0). 각 점 "
            "아래의 화살표는 길이가 0.25·|f′(x)|이고, 경사 하강법이 움직이는 방향, 즉 f′의 부호와 "
            "반대 방향을 가리킨다. 왼쪽 가지에서는 오른쪽으로, 오른쪽 가지에서는 왼쪽으로, 어느 "
            "경우든 x = 0의 최솟점 쪽을 향한다."
        ),
    },
    caption={
        "en": (
            "The sign of $f'(x)$ says which way $f$ increases. Gradient descent moves by "
            "$-\\eta f'(x)$ (arrows, $\\eta = 0.25$), downhill from either side."
        ),
        "ko": (
            "$f'(x)$의 부호는 $f$가 커지는 방향을 알려 준다. 경사 하강법은 $-\\eta f'(x)$만큼 "
            "움직이므로(화살표, $\\eta = 0.25$) 어느 쪽에서 출발하든 내리막으로 간다."
        ),
    },
    size=(6.4, 3.6),
)
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


@register(
    "ch01-gradient-field",
    alt={
        "en": (
            "Contour lines of f(x, y) = x² + 2xy + cos(x + 2y) on the square from −2 to 2, "
            "shaped like hyperbolas with ripples, with a grid of arrows showing the gradient at "
            "each point. Each arrow crosses the contour lines at a right angle and points "
            "uphill; arrows are long where the contours are close together. At the point "
            "(1, 0.5) a thick arrow shows the gradient (2.09, 0.18) and a dashed arrow its "
            "negative, the direction gradient descent takes."
        ),
        "ko": (
            "정사각형 −2 ≤ x, y ≤ 2 위에 f(x, y) = x² + 2xy + cos(x + 2y)의 등고선이 그려져 "
            "있다. 등고선은 물결이 얹힌 쌍곡선 모양이고, 격자 위의 화살표가 각 점의 그래디언트를 "
            "보여 준다. 화살표는 등고선과 직각으로 만나며 오르막을 가리키고, 등고선이 촘촘한 "
            "곳에서 길다. 점 (1, 0.5)에는 그래디언트 (2.09, 0.18)을 굵은 화살표로, 경사 하강법이 "
            "가는 방향인 그 반대 방향을 점선 화살표로 그렸다."
        ),
    },
    caption={
        "en": (
            "The gradient field of $f(x,y)=x^2+2xy+\\cos(x+2y)$ over its contour lines. Every "
            "arrow $\\nabla f$ points uphill, across the contours; at $(1, 0.5)$ the dashed "
            "arrow is $-\\nabla f$, the direction of gradient descent."
        ),
        "ko": (
            "등고선 위에 그린 $f(x,y)=x^2+2xy+\\cos(x+2y)$의 그래디언트 장. 화살표 "
            "$\\nabla f$는 모두 등고선을 가로질러 오르막을 가리킨다. $(1, 0.5)$의 점선 화살표는 "
            "경사 하강법의 방향 $-\\nabla f$이다."
        ),
    },
    size=(5.6, 5.0),
)
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
    steps: np.typing.NDArray[np.float64],
) -> tuple[np.typing.NDArray[np.float64], np.typing.NDArray[np.float64]]:
    """Errors of the forward and central differences of ∂f/∂x of MixedCosine at the check point.

    Parameters
    ----------
    steps : ndarray, shape (k,)
        The steps ``h``.

    Returns
    -------
    forward, central : ndarray, shape (k,)
        ``|estimate - exact|`` for each ``h``.
    """
    f = gdbook.MixedCosine()
    point = np.array(CHECK_POINT)
    exact = float(f.gradient(point)[0])
    e_x = np.array([1.0, 0.0])
    forward = np.array([abs((f(point + h * e_x) - f(point)) / h - exact) for h in steps])
    central = np.array(
        [abs(float(gdbook.numerical_gradient(f, point, h=float(h))[0]) - exact) for h in steps]
    )
    return forward, central


@register(
    "ch01-fd-error",
    alt={
        "en": (
            "A log-log plot of the error of two finite-difference estimates of ∂f/∂x against "
            "the step h, from 10⁻¹² to 1. Going from large h to small, the forward-difference "
            "error falls along a line of slope 1 and the central-difference error along a "
            "steeper line of slope 2, until rounding error takes over: the central error is "
            "smallest, about 10⁻¹¹, near h = 10⁻⁵, the forward error about 10⁻⁸ near h = 10⁻⁸; "
            "for smaller h both errors grow again, in a jagged line. A vertical line marks "
            "h = 10⁻⁶, the default step of gdbook's check."
        ),
        "ko": (
            "∂f/∂x를 구하는 두 유한 차분 추정치의 오차를 스텝 h(10⁻¹²부터 1까지)에 따라 그린 "
            "로그-로그 그래프이다. h를 줄여 가면 전진 차분의 오차는 기울기 1인 직선을 따라, "
            "중앙 차분의 오차는 더 가파른 기울기 2인 직선을 따라 줄어들다가 반올림 오차가 "
            "우세해진다. 중앙 차분의 오차는 h = 10⁻⁵ 근처에서 약 10⁻¹¹로 가장 작고, 전진 차분의 "
            "오차는 h = 10⁻⁸ 근처에서 약 10⁻⁸로 가장 작다. h가 더 작아지면 두 오차 모두 들쭉날쭉하게 다시 "
            "커진다. 세로선은 gdbook 검사의 기본 스텝 h = 10⁻⁶을 표시한다."
        ),
    },
    caption={
        "en": (
            "Error of the forward difference ($O(h)$) and the central difference ($O(h^2)$) "
            "for $\\partial f/\\partial x$ of $x^2+2xy+\\cos(x+2y)$ at $(1, 0.5)$. Left of the "
            "minimum, rounding error, of order $\\epsilon/h$, dominates."
        ),
        "ko": (
            "$(1, 0.5)$에서 $x^2+2xy+\\cos(x+2y)$의 $\\partial f/\\partial x$를 전진 차분"
            "($O(h)$)과 중앙 차분($O(h^2)$)으로 구했을 때의 오차. 오차가 가장 작은 점보다 "
            "왼쪽에서는 크기가 $\\epsilon/h$ 정도인 반올림 오차가 우세하다."
        ),
    },
    size=(6.4, 4.2),
)
def fd_error(fig: Figure, lang: Lang) -> None:
    """Forward and central finite-difference error against h, log-log."""
    steps = np.logspace(-12.0, 0.0, 97)
    forward, central = finite_difference_errors(steps)
    words = {
        "en": ("forward difference", "central difference", "error", "default $h$"),
        "ko": ("전진 차분", "중앙 차분", "오차", "기본값 $h$"),
    }[lang]
    ax = fig.add_subplot()
    tiny = 1e-17  # an exact hit would vanish from a log axis; floor it at the bottom
    ax.loglog(steps, np.maximum(forward, tiny), "-", color="C0", label=words[0])
    ax.loglog(steps, np.maximum(central, tiny), "-", color="C1", label=words[1])
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
