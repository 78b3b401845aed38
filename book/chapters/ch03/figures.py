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


@register(
    "ch03-gradient-geometry",
    alt={
        "en": (
            "Two panels. Left: elliptical contour lines of f(x) = x₁² + 2x₂² around the minimum "
            "at the origin, and the point x = (−5, −2) on the outermost drawn ellipse. From the "
            "point an arrow for −∇f(x) leaves at right angles to the ellipse, and a dashed "
            "arrow points straight at the minimum; the two differ by about 17 degrees. The "
            "tangent of the ellipse at the point is drawn as a line. Right: the directional "
            "derivative of f at that point against the angle φ of the unit vector u, a cosine "
            "wave between −12.8 and +12.8 that reaches its minimum at φ ≈ 38.7°, the direction "
            "of −∇f(x), and crosses zero along the two tangent directions."
        ),
        "ko": (
            "두 패널로 이루어진 그림. 왼쪽은 원점의 최솟값을 둘러싼 f(x) = x₁² + 2x₂²의 타원 등고선과, 그 "
            "가운데 가장 바깥 타원 위의 점 x = (−5, −2)이다. 이 점에서 −∇f(x) 화살표는 타원과 "
            "직각으로 뻗고, 점선 화살표는 최솟값을 곧장 가리킨다. 두 화살표는 약 17도 벌어져 "
            "있다. 그 점에서 타원의 접선도 직선으로 그렸다. 오른쪽은 단위 벡터 u의 각도 φ에 "
            "따른 그 점의 방향 도함수로, −12.8과 +12.8 사이를 오가는 코사인 곡선이다. 최솟값은 "
            "−∇f(x)의 방향인 φ ≈ 38.7°에서 나오고, 두 접선 방향에서 0이 된다."
        ),
    },
    caption={
        "en": (
            "Left: at $x=(-5,-2)$ the steepest-descent direction $-\\nabla f(x)$ is "
            "perpendicular to the contour line, and it does not point at the minimum. Right: "
            "the directional derivative $D_u f(x)=\\lVert\\nabla f(x)\\rVert\\cos\\theta$ over "
            "all unit vectors $u=(\\cos\\varphi,\\sin\\varphi)$; it is smallest for "
            "$u=-\\nabla f(x)/\\lVert\\nabla f(x)\\rVert$ and zero along the contour line."
        ),
        "ko": (
            "왼쪽: 점 $x=(-5,-2)$에서 최급강하 방향 $-\\nabla f(x)$는 등고선과 직각을 이루며, "
            "최솟값을 곧장 가리키지는 않는다. 오른쪽: 모든 단위 벡터 "
            "$u=(\\cos\\varphi,\\sin\\varphi)$에 대한 방향 도함수 "
            "$D_u f(x)=\\lVert\\nabla f(x)\\rVert\\cos\\theta$. "
            "$u=-\\nabla f(x)/\\lVert\\nabla f(x)\\rVert$일 때 가장 작고, 등고선을 따라가는 "
            "방향에서는 0이다."
        ),
    },
    size=(8.4, 3.5),
)
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
            "최솟값을 향하는 방향",
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


@register(
    "ch03-contour-trace",
    alt={
        "en": (
            "Elliptical contour lines of f(x) = x₁² + 2x₂², wider along x₁ than along x₂, and "
            "twenty steps of gradient descent with η = 0.1 starting at (−5, −2). The path bends: "
            "it first drops mostly in the x₂ direction, then runs along the x₁ axis toward the "
            "minimum at the origin, with the steps getting shorter."
        ),
        "ko": (
            "x₂ 방향보다 x₁ 방향으로 더 넓은 f(x) = x₁² + 2x₂²의 타원 등고선과, (−5, −2)에서 "
            "학습률 η = 0.1로 출발한 경사 하강법 20스텝의 궤적. 궤적은 휘어져 있다. 처음에는 "
            "주로 x₂ 방향으로 내려오고, 그다음 x₁ 축을 따라 원점의 최솟값으로 다가가며, 스텝은 "
            "점점 짧아진다."
        ),
    },
    caption={
        "en": (
            "Gradient descent on $f(x)=x_1^2+2x_2^2$ from $x_0=(-5,-2)$ with $\\eta=0.1$ for 20 "
            "steps. Each step crosses the contour lines at right angles; $x_2$ shrinks by the "
            "factor $0.6$ per step and $x_1$ only by $0.8$, so the path bends onto the $x_1$ axis."
        ),
        "ko": (
            "$f(x)=x_1^2+2x_2^2$에서 $x_0=(-5,-2)$부터 $\\eta=0.1$로 20스텝 진행한 경사 하강법. "
            "스텝은 매번 등고선을 직각으로 가로지른다. $x_2$는 스텝마다 $0.6$배로, $x_1$은 "
            "$0.8$배로만 줄어들므로 궤적은 휘어져 $x_1$ 축 위로 올라탄다."
        ),
    },
    size=(6.4, 3.9),
)
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


@register(
    "ch03-surface",
    alt={
        "en": (
            "Two views of the bowl f(a, b) = a² + b² with twenty steps of gradient descent, "
            "learning rate 0.1, from (1, 1). Left: the bowl as a 3-D surface with the path "
            "lying on it and running down to the bottom at the origin. Right: the same path "
            "seen from above on circular contour lines, a straight line along the diagonal "
            "a = b with steps shrinking by the factor 0.8."
        ),
        "ko": (
            "그릇 모양의 함수 f(a, b) = a² + b²과, (1, 1)에서 학습률 0.1로 출발한 경사 하강법 "
            "20스텝의 궤적을 두 방향에서 본 그림. 왼쪽은 3차원 곡면 위에 놓인 궤적이 원점의 "
            "바닥으로 내려가는 모습이다. 오른쪽은 같은 궤적을 위에서 원형 등고선과 함께 본 "
            "모습으로, 대각선 a = b를 따라 곧게 뻗고 스텝은 0.8배씩 줄어든다."
        ),
    },
    caption={
        "en": (
            "The bowl $f(a,b)=a^2+b^2$ and 20 steps of gradient descent with $\\eta=0.1$ from "
            "$(1,1)$, on the surface and from above. Both curvatures are 2, so every step "
            "multiplies both coordinates by $1-2\\eta=0.8$ and the path is a straight line "
            "to the minimum."
        ),
        "ko": (
            "그릇 모양의 $f(a,b)=a^2+b^2$과 $(1,1)$에서 $\\eta=0.1$로 진행한 경사 하강법 "
            "20스텝을 곡면 위에 그리고, 위에서도 내려다본 모습. 두 방향의 곡률이 모두 2이므로 스텝마다 두 "
            "좌표가 똑같이 $1-2\\eta=0.8$배가 되고, 궤적은 최솟값으로 곧게 뻗는다."
        ),
    },
    size=(8.4, 3.8),
)
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


@register(
    "ch03-learning-rates",
    alt={
        "en": (
            "Four panels of the same elliptical contour lines of x₁² + 2x₂², each with twenty "
            "gradient-descent steps from (−5, −2). With η = 0.1 the path bends smoothly to the "
            "minimum. With η = 0.4 it zig-zags up and down across the x₁ axis and still "
            "reaches the minimum. With η = 0.49 it jumps to the x₂ axis at once and then "
            "bounces up and down between nearly the same heights, shrinking very slowly. With "
            "η = 0.51 the bounces along the x₂ axis grow, and the path leaves the minimum."
        ),
        "ko": (
            "x₁² + 2x₂²의 같은 타원 등고선을 그린 네 패널에, 각각 (−5, −2)에서 출발한 경사 "
            "하강법 20스텝의 궤적이 있다. η = 0.1에서는 궤적이 매끄럽게 휘어져 최솟값에 "
            "이른다. η = 0.4에서는 x₁ 축을 사이에 두고 위아래로 지그재그를 그리면서도 최솟값에 "
            "도달한다. η = 0.49에서는 곧바로 x₂ 축으로 건너간 뒤 거의 같은 높이 사이를 위아래로 "
            "오가며 아주 느리게 줄어든다. η = 0.51에서는 x₂ 축을 따라 오가는 폭이 점점 커져 "
            "최솟값에서 멀어진다."
        ),
    },
    caption={
        "en": (
            "Twenty steps on $f(x)=x_1^2+2x_2^2$ from $(-5,-2)$ with four learning rates. "
            "Coordinate $x_2$ (curvature $4$) is multiplied by $1-4\\eta$ per step: $0.6$, "
            "$-0.6$, $-0.96$ and $-1.04$. A negative factor flips its sign every step (the "
            "zig-zag); a factor beyond $-1$ makes it grow, so $\\eta=2/L=0.5$ is the edge."
        ),
        "ko": (
            "$f(x)=x_1^2+2x_2^2$에서 $(-5,-2)$부터 네 가지 학습률로 진행한 20스텝. 곡률이 "
            "$4$인 좌표 $x_2$는 스텝마다 $1-4\\eta$배, 곧 $0.6$, $-0.6$, $-0.96$, $-1.04$배가 "
            "된다. 이 배율이 음수이면 부호가 스텝마다 바뀌고(지그재그), $-1$보다 작으면 크기가 "
            "커진다. 따라서 $\\eta=2/L=0.5$가 경계다."
        ),
    },
    size=(9.0, 6.0),
)
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


@register(
    "ch03-rate",
    alt={
        "en": (
            "The factor by which each coordinate's distance to the minimum shrinks per step, "
            "against the learning rate η from 0 to 0.6, for f(x) = x₁² + 2x₂². The curve "
            "|1 − 2η| falls from 1 to 0 at η = 0.5; the curve |1 − 4η| falls to 0 at η = 0.25 "
            "and rises again, reaching 1 at η = 0.5. Their maximum, the rate of gradient "
            "descent, is V-shaped with its lowest point 1/3 at η = 1/3, and exceeds 1, where "
            "the iteration diverges, beyond η = 0.5."
        ),
        "ko": (
            "f(x) = x₁² + 2x₂²에서 각 좌표와 최솟값 사이의 거리가 한 스텝에 줄어드는 배율을 "
            "학습률 η가 0부터 0.6까지 변할 때 그린 그래프. |1 − 2η|는 1에서 내려가 η = 0.5에서 "
            "0이 되고, |1 − 4η|는 η = 0.25에서 0이 되었다가 다시 올라가 η = 0.5에서 1에 이른다. "
            "둘 중 큰 값, 곧 경사 하강법의 수렴 속도는 V자 모양이며 η = 1/3에서 가장 낮은 값인 "
            "1/3이 되고, η = 0.5를 넘으면 1보다 커져 반복이 발산한다."
        ),
    },
    caption={
        "en": (
            "Per-step factors $|1-\\eta h_i|$ of the two coordinates of $x_1^2+2x_2^2$ "
            "($h=(2,4)$) and their maximum $\\rho(\\eta)$. The best learning rate "
            "$\\eta^\\star=2/(L+\\mu)=1/3$ balances the two and gives $\\rho=(\\kappa-1)/"
            "(\\kappa+1)=1/3$; beyond $2/L=0.5$ the factor exceeds 1."
        ),
        "ko": (
            "$x_1^2+2x_2^2$($h=(2,4)$)의 두 좌표가 스텝마다 곱해지는 배율 $|1-\\eta h_i|$와 "
            "그 최댓값 $\\rho(\\eta)$. 최적 학습률 $\\eta^\\star=2/(L+\\mu)=1/3$은 두 배율을 "
            "같게 맞추어 $\\rho=(\\kappa-1)/(\\kappa+1)=1/3$이 되게 한다. $2/L=0.5$를 넘으면 "
            "배율이 1보다 커진다."
        ),
    },
    size=(6.4, 3.6),
)
def rate(fig: Figure, lang: Lang) -> None:
    """rho(eta) = max_i |1 - eta h_i| for h = (2, 4), with eta* = 2/(L + mu) and 2/L marked."""
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
            label="$\\rho(\\eta)=\\max_i|1-\\eta h_i|$")  # fmt: skip
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
    ax.set_ylabel("$|1-\\eta h_i|$")
    ax.legend(loc="upper left")


@register(
    "ch03-zigzag",
    alt={
        "en": (
            "Two panels with the narrow elliptical contour lines of x₁² + 10x₂², condition "
            "number 10, and twenty gradient-descent steps from (−5, −2). Left, η = 1/L = 0.05: "
            "the first step lands on the x₁ axis and the path then creeps along it, still "
            "about 0.6 from the minimum at the end. Right, η = 2/(L + μ) = 1/11: the path "
            "zig-zags across the narrow valley but ends much closer to the minimum."
        ),
        "ko": (
            "조건수가 10인 x₁² + 10x₂²의 좁은 타원 등고선과, (−5, −2)에서 출발한 경사 하강법 "
            "20스텝의 궤적을 그린 두 그림. 왼쪽 η = 1/L = 0.05에서는 첫 스텝에 x₁ 축 위로 "
            "떨어진 뒤 축을 따라 천천히 기어가서, 20스텝이 끝났을 때에도 최솟값에서 약 0.6 떨어져 있다. "
            "오른쪽 η = 2/(L + μ) = 1/11에서는 좁은 골짜기를 가로질러 지그재그를 그리지만 "
            "최솟값에 훨씬 가까이 다가간다."
        ),
    },
    caption={
        "en": (
            "An ill-conditioned quadratic, $x_1^2+10x_2^2$ ($\\kappa=10$), from $(-5,-2)$ for 20 "
            "steps. The zig-zag is not the problem: the best learning rate $2/(L+\\mu)$ "
            "zig-zags and still beats $1/L$. The problem is that the flat direction shrinks "
            "only by $(\\kappa-1)/(\\kappa+1)\\approx 0.82$ per step."
        ),
        "ko": (
            "조건이 나쁜 이차 함수 $x_1^2+10x_2^2$($\\kappa=10$)에서 $(-5,-2)$부터 20스텝. "
            "지그재그 자체가 문제는 아니다. 최적 학습률 $2/(L+\\mu)$는 지그재그를 그리면서도 "
            "$1/L$보다 빠르다. 문제는 평평한 방향이 스텝마다 "
            "$(\\kappa-1)/(\\kappa+1)\\approx 0.82$배밖에 줄지 않는다는 데 있다."
        ),
    },
    size=(8.4, 3.3),
)
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
