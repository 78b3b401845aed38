"""Figures of chapter 2, gradient descent in one dimension."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

import gdbook
from book.figures import Lang, register
from gdbook.plotting import plot_function_trace

_LR_TRACES_RUNS = (
    (0.2, {"en": "converges", "ko": "수렴"}),
    (0.05, {"en": "converges slowly", "ko": "느리게 수렴"}),
    (1.1, {"en": "diverges", "ko": "발산"}),
)


@register(
    "ch02-lr-traces",
    alt={
        "en": (
            "Three panels, each showing the parabola f(x) = x² and ten steps of gradient "
            "descent from x₀ = 10 as connected points. With learning rate η = 0.2 the points "
            "approach the minimum at x = 0 quickly. With η = 0.05 they creep down one side "
            "and are still near x = 3.5 after ten steps. With η = 1.1 they jump from one "
            "side of the parabola to the other, farther out each time, and end near x = 62."
        ),
        "ko": (
            "세 그림에는 각각 포물선 f(x) = x²과, x₀ = 10에서 시작한 경사 하강법 10스텝이 선으로 "
            "이은 점으로 그려져 있다. 학습률 η = 0.2에서는 점들이 x = 0의 최솟점으로 빠르게 "
            "다가간다. η = 0.05에서는 한쪽 비탈을 따라 천천히 내려가서 10스텝 뒤에도 x = 3.5 "
            "근처에 머문다. η = 1.1에서는 포물선의 양쪽을 오가며 점점 멀어지다가 x = 62 "
            "근처에서 끝난다."
        ),
    },
    caption={
        "en": (
            "Gradient descent on $f(x)=x^2$ from $x_0=10$ for 10 steps with three learning "
            "rates: $\\eta=0.2$ converges, $\\eta=0.05$ is too slow, and $\\eta=1.1$ "
            "overshoots the minimum and diverges."
        ),
        "ko": (
            "$f(x)=x^2$에서 $x_0=10$부터 세 학습률로 10스텝씩 진행한 경사 하강법. "
            "$\\eta=0.2$는 수렴하고, $\\eta=0.05$는 너무 느리며, $\\eta=1.1$은 최솟값을 "
            "지나쳐 발산한다."
        ),
    },
    size=(8.0, 3.0),
)
def lr_traces(fig: Figure, lang: Lang) -> None:
    """Three panels: ten GD steps on x² from x₀ = 10 with η = 0.2, 0.05 and 1.1."""
    objective = gdbook.Quadratic((2.0,))
    axes = fig.subplots(1, len(_LR_TRACES_RUNS))
    for index, (ax, (eta, verdict)) in enumerate(zip(axes, _LR_TRACES_RUNS, strict=True)):
        run = gdbook.gradient_descent(objective, 10.0, learning_rate=eta, steps=10)
        plot_function_trace(
            ax,
            objective,
            run.iterates,
            color=f"C{index}",
            ylabel="$f(x)$" if index == 0 else "",
        )
        ax.set_title(f"$\\eta = {eta}$: {verdict[lang]}")


# --- Figures of the chapter's text: the Taylor argument, the standard trace, the closed form
# --- and the local minimum of x cos(cx).

_X0, _STEPS = 10.0, 10
_XCOS_C, _XCOS_ETA = 0.15 * np.pi, 2.0
_XCOS_VIEW = (-10.0, 12.0)


def _muted() -> str:
    # The active style's spine colour: reference curves readable on either palette.
    return str(mpl.rcParams["axes.edgecolor"])


def _ink() -> str:
    return str(mpl.rcParams["text.color"])


@register(
    "ch02-taylor",
    alt={
        "en": (
            "Two panels about one gradient descent step on f(x) = x² from x = 1, where "
            "f′(1) = 2. Left: the parabola and its tangent line at x = 1. For η = 0.2 the step "
            "lands at x = 0.6; the tangent predicts f = 0.2, the parabola gives 0.36, both "
            "below f(1) = 1. For η = 1.1 the step lands at x = −1.2; the tangent predicts −3.4 "
            "but the parabola gives 1.44, above f(1). Right: the value after the step against "
            "η from 0 to 1.3. The first-order prediction 1 − 4η is a falling straight line; "
            "the true value (1 − 2η)² is a parabola that touches the line at η = 0, stays below "
            "1 for 0 < η < 1 (shaded) and rises above 1 after that."
        ),
        "ko": (
            "f(x) = x²에서 x = 1(f′(1) = 2)부터 경사 하강법을 한 스텝 진행하는 두 그림이다. "
            "왼쪽: 포물선과 x = 1에서의 접선. η = 0.2이면 x = 0.6에 도착한다. 접선은 f = 0.2를 "
            "예측하고 포물선의 값은 0.36으로, 둘 다 f(1) = 1보다 작다. η = 1.1이면 x = −1.2에 도착하며, "
            "접선은 −3.4를 예측하지만 포물선의 값은 1.44로 f(1)보다 크다. 오른쪽: 스텝 뒤의 "
            "함숫값을 η(0부터 1.3까지)에 따라 그린 것이다. 1차 근사의 예측 1 − 4η는 내려가는 "
            "직선이고, 실제 값 (1 − 2η)²은 η = 0에서 직선에 접하는 포물선으로, 0 < η < 1(음영)"
            "에서는 1보다 작고 그 뒤로는 1보다 커진다."
        ),
    },
    caption={
        "en": (
            "One step $x - \\eta f'(x)$ on $f(x)=x^2$ from $x=1$. The first-order Taylor "
            "approximation predicts $f(x)-\\eta f'(x)^2$, a decrease for every $\\eta>0$; the "
            "true value is higher by $\\eta^2 f'(x)^2$, so the step decreases $f$ only for "
            "$0<\\eta<1$ (shaded)."
        ),
        "ko": (
            "$f(x)=x^2$에서 $x=1$부터 진행한 한 스텝 $x - \\eta f'(x)$. 1차 테일러 근사가 "
            "예측하는 값은 $f(x)-\\eta f'(x)^2$으로, 모든 $\\eta>0$에서 감소한다. 실제 값은 "
            "$\\eta^2 f'(x)^2$만큼 더 크므로 $0<\\eta<1$(음영)일 때만 $f$가 줄어든다."
        ),
    },
    size=(8.0, 3.6),
)
def taylor(fig: Figure, lang: Lang) -> None:
    """The first-order prediction of one step on x² against the truth, for two and all η."""
    f = gdbook.Quadratic((2.0,))
    x = 1.0
    slope = float(f.gradient(x)[0])
    left, right = fig.subplots(1, 2)

    xs = np.linspace(-1.7, 1.7, 341)
    left.plot(xs, [f(float(v)) for v in xs], color=_muted(), linewidth=1.4, zorder=1)
    tangent_label = {"en": "first-order approximation", "ko": "1차 근사"}[lang]
    left.plot(xs, f(x) + slope * (xs - x), color=_ink(), linewidth=1.2, label=tangent_label)
    left.plot([x], [f(x)], "o", color=_ink(), markersize=6, zorder=5)
    for index, eta in enumerate((0.2, 1.1)):
        colour = f"C{index}"
        new = x - eta * slope
        predicted = f(x) - eta * slope**2
        left.plot([new, new], [predicted, f(new)], color=colour, linewidth=1.0, linestyle=":")
        left.plot([new], [predicted], "s", color=colour, markerfacecolor="none", zorder=4)
        left.plot([new], [f(new)], "o", color=colour, zorder=4, label=f"$\\eta = {eta}$")
    left.axhline(f(x), color=_muted(), linewidth=0.8, linestyle="--")
    left.set_xlim(xs[0], xs[-1])
    left.set_ylim(-4.0, 3.0)
    left.set_xlabel("$x$")
    left.set_ylabel("$f(x)$")
    left.legend(loc="lower right")

    etas = np.linspace(0.0, 1.3, 261)
    true_values = np.array([f(x - eta * slope) for eta in etas])
    right.axvspan(0.0, 1.0, color="C2", alpha=0.12, linewidth=0)
    right.plot(etas, f(x) - etas * slope**2, color=_ink(), linewidth=1.2, label=tangent_label)
    truth_label = {"en": "true value", "ko": "실제 값"}[lang]
    right.plot(etas, true_values, color="C2", linewidth=2.0, label=truth_label)
    right.axhline(f(x), color=_muted(), linewidth=0.8, linestyle="--")
    for index, eta in enumerate((0.2, 1.1)):
        right.plot([eta], [f(x - eta * slope)], "o", color=f"C{index}", zorder=4)
        right.plot([eta], [f(x) - eta * slope**2], "s", color=f"C{index}", markerfacecolor="none")
    right.set_xlim(0.0, 1.3)
    right.set_ylim(-4.0, 3.0)
    right.set_xlabel("$\\eta$")
    right.set_ylabel("$f(x - \\eta f'(x))$")
    right.legend(loc="lower left")


@register(
    "ch02-trace",
    alt={
        "en": (
            "Two panels of ten gradient descent steps on f(x) = x² from x₀ = 10 with learning "
            "rate η = 0.2. Left: the iterates as connected points on the parabola, labelled "
            "x₀, x₁, x₂, x₃; they stay on the right branch and close in on the minimum at 0. "
            "Right: x_t against the step t; the values 10, 6, 3.6, 2.16 and so on fall by the "
            "same factor 0.6 each step, to about 0.06 at t = 10."
        ),
        "ko": (
            "f(x) = x²에서 x₀ = 10부터 학습률 η = 0.2로 진행한 경사 하강법 10스텝을 보여 주는 "
            "두 그림이다. 왼쪽: 포물선 위에 반복점들을 선으로 이은 점으로 그리고 x₀, x₁, x₂, x₃을 "
            "표시했다. 반복점들은 오른쪽 가지에 머물며 0의 최솟점에 다가간다. 오른쪽: 스텝 t에 "
            "따른 x_t. 값은 10, 6, 3.6, 2.16, …으로 스텝마다 같은 비율 0.6이 곱해져 줄어들고, "
            "t = 10에서 약 0.06이 된다."
        ),
    },
    caption={
        "en": (
            "The standard example: $f(x)=x^2$, $x_0=10$, $\\eta=0.2$, 10 steps. Every step "
            "multiplies $x$ by $1-2\\eta=0.6$, so the steps shrink as the slope flattens."
        ),
        "ko": (
            "기본 예제: $f(x)=x^2$, $x_0=10$, $\\eta=0.2$, 10스텝. 스텝마다 $x$에 "
            "$1-2\\eta=0.6$이 곱해지므로, 기울기가 완만해질수록 스텝도 짧아진다."
        ),
    },
    size=(8.0, 3.4),
)
def trace(fig: Figure, lang: Lang) -> None:
    """Ten GD steps on x² from 10 with η = 0.2: on the curve, and x_t against t."""
    objective = gdbook.Quadratic((2.0,))
    run = gdbook.gradient_descent(objective, _X0, learning_rate=0.2, steps=_STEPS)
    xs = run.iterates[:, 0]
    left, right = fig.subplots(1, 2)
    plot_function_trace(left, objective, run.iterates, xlim=(-11.0, 11.0), color="C0")
    for t in range(4):
        left.annotate(
            f"$x_{t}$",
            xy=(xs[t], objective(xs[t])),
            xytext=(6, 4),
            textcoords="offset points",
            color="C0",
        )
    steps = np.arange(run.steps + 1)
    right.plot(steps, xs, "-o", color="C0")
    right.axhline(0.0, color=_muted(), linewidth=0.8)
    right.set_xlabel("$t$")
    right.set_ylabel("$x_t$")
    right.set_xticks(steps)


_CLOSED_FORM_ETAS = (0.05, 0.2, 0.7, 1.1)


@register(
    "ch02-closed-form",
    alt={
        "en": (
            "Two panels. Left: the factor |1 − 2η| by which each gradient descent step on "
            "f(x) = x² scales the distance to the minimum, against η from 0 to 1.3. It is a V "
            "that falls from 1 at η = 0 to 0 at η = 0.5 and rises back to 1 at η = 1; bands "
            "mark monotone convergence (0 to 0.5), oscillating convergence (0.5 to 1) and "
            "divergence (above 1), and dots mark η = 0.05, 0.2, 0.7 and 1.1. Right: |x_t| on a "
            "logarithmic axis for those four learning rates, from x₀ = 10; the gradient "
            "descent iterates (dots) lie on the straight lines of the closed form "
            "|1 − 2η|^t · 10: falling slowly for 0.05, fast for 0.2, fast with alternating "
            "sign for 0.7, and rising for 1.1."
        ),
        "ko": (
            "두 그림이다. 왼쪽: f(x) = x²에서 경사 하강법 한 스텝이 최솟점까지의 거리에 곱하는 "
            "비율 |1 − 2η|를 η(0부터 1.3까지)에 따라 그렸다. η = 0에서 1, η = 0.5에서 0, "
            "η = 1에서 다시 1이 되는 V자 모양이다. 띠는 단조 수렴(0~0.5), 진동하며 수렴"
            "(0.5~1), 발산(1 초과)을 표시하고, 점은 η = 0.05, 0.2, 0.7, 1.1을 표시한다. "
            "오른쪽: x₀ = 10에서 출발한 네 학습률의 |x_t|를 로그 축에 그렸다. 경사 하강법의 "
            "반복점(점)이 닫힌 형태 |1 − 2η|^t · 10의 직선 위에 놓인다. 0.05는 천천히, 0.2는 "
            "빠르게 줄고, 0.7은 부호를 바꿔 가며 빠르게 줄고, 1.1은 커진다."
        ),
    },
    caption={
        "en": (
            "On $f(x)=x^2$, $x_t=(1-2\\eta)^t x_0$. Left: the factor $|1-2\\eta|$ decides "
            "everything, monotone convergence for $0<\\eta<\\tfrac12$, oscillating "
            "convergence for $\\tfrac12<\\eta<1$, divergence for $\\eta>1$. Right: the "
            "iterates of gradient descent (dots) on the closed form (lines); filled dots are "
            "positive $x_t$, open dots negative."
        ),
        "ko": (
            "$f(x)=x^2$에서는 $x_t=(1-2\\eta)^t x_0$이다. 왼쪽: 비율 $|1-2\\eta|$가 모든 것을 "
            "정한다. $0<\\eta<\\tfrac12$이면 단조 수렴, $\\tfrac12<\\eta<1$이면 진동하며 "
            "수렴, $\\eta>1$이면 발산한다. 오른쪽: 닫힌 형태(선) 위에 놓인 경사 하강법의 "
            "반복점(점). 채운 점은 양수 $x_t$, 빈 점은 음수 $x_t$이다."
        ),
    },
    size=(8.0, 3.6),
)
def closed_form(fig: Figure, lang: Lang) -> None:
    """The contraction factor |1 - 2η| and |x_t| on a log axis against the closed form."""
    objective = gdbook.Quadratic((2.0,))
    left, right = fig.subplots(1, 2)
    words = {
        "en": ("monotone", "oscillating", "divergent"),
        "ko": ("단조 수렴", "진동하며 수렴", "발산"),
    }[lang]
    etas = np.linspace(0.0, 1.3, 261)
    for (low, high), colour, word in zip(
        ((0.0, 0.5), (0.5, 1.0), (1.0, 1.3)), ("C2", "C4", "C3"), words, strict=True
    ):
        left.axvspan(low, high, color=colour, alpha=0.12, linewidth=0)
        left.text((low + high) / 2, 0.06, word, ha="center", va="bottom", color=colour, fontsize=9)
    left.plot(etas, np.abs(1 - 2 * etas), color=_ink(), linewidth=1.6)
    left.axhline(1.0, color=_muted(), linewidth=0.8, linestyle="--")
    for index, eta in enumerate(_CLOSED_FORM_ETAS):
        left.plot([eta], [abs(1 - 2 * eta)], "o", color=f"C{index}", zorder=4)
    left.set_xlim(0.0, 1.3)
    left.set_ylim(0.0, 1.6)
    left.set_xlabel("$\\eta$")
    left.set_ylabel("$|1 - 2\\eta|$")

    steps = np.arange(_STEPS + 1)
    for index, eta in enumerate(_CLOSED_FORM_ETAS):
        colour = f"C{index}"
        run = gdbook.gradient_descent(objective, _X0, learning_rate=eta, steps=_STEPS)
        xs = run.iterates[:, 0]
        closed = np.abs(1 - 2 * eta) ** steps * _X0
        right.semilogy(steps, closed, color=colour, linewidth=1.2, label=f"$\\eta = {eta}$")
        positive = xs > 0
        right.semilogy(steps[positive], np.abs(xs[positive]), "o", color=colour, zorder=4)
        right.semilogy(
            steps[~positive],
            np.abs(xs[~positive]),
            "o",
            color=colour,
            markerfacecolor="none",
            zorder=4,
        )
    right.set_xlabel("$t$")
    right.set_ylabel("$|x_t|$")
    right.set_xticks(steps)
    right.legend(loc="lower left", ncols=2)


@register(
    "ch02-xcos-trace",
    alt={
        "en": (
            "Two panels of ten gradient descent steps on f(x) = x·cos(0.15πx) from x₀ = 10 "
            "with learning rate η = 2. Left: the curve from x = −10 to 12 has a shallow valley "
            "near x = −1.83 (value about −1.19) and a much deeper one near x = 7.27 (about "
            "−6.98). The first step jumps from 10 over the deep valley to x = 0.58; the "
            "following steps bounce from side to side inside the shallow valley. Right: x_t "
            "against t, alternating above and below the local minimum −1.83, drawn as a "
            "dashed line, and closing in on it slowly."
        ),
        "ko": (
            "f(x) = x·cos(0.15πx)에서 x₀ = 10부터 학습률 η = 2로 진행한 경사 하강법 10스텝을 "
            "보여 주는 두 그림이다. 왼쪽: x = −10부터 12까지 그린 곡선에는 x = −1.83 근처의 얕은 "
            "골짜기(값 약 −1.19)와 x = 7.27 근처의 훨씬 깊은 골짜기(약 −6.98)가 있다. 첫 스텝은 "
            "10에서 깊은 골짜기를 뛰어넘어 x = 0.58에 떨어지고, 이후의 스텝은 얕은 골짜기 "
            "안에서 양쪽을 오간다. 오른쪽: t에 따른 x_t. 점선으로 그린 지역 최솟값 −1.83의 위와 "
            "아래를 번갈아 오가며 천천히 다가간다."
        ),
    },
    caption={
        "en": (
            "Gradient descent on $f(x)=x\\cos(cx)$, $c=0.15\\pi$, from $x_0=10$ with "
            "$\\eta=2$. The first step jumps over the deep minimum near $x=7.27$ and the run "
            "settles, oscillating, into the poor local minimum near $x=-1.83$ (dashed)."
        ),
        "ko": (
            "$f(x)=x\\cos(cx)$($c=0.15\\pi$)에서 $x_0=10$부터 $\\eta=2$로 진행한 경사 하강법. "
            "첫 스텝이 $x=7.27$ 근처의 깊은 최솟값을 뛰어넘고, 이후 진동하면서 $x=-1.83$ "
            "근처의 나쁜 지역 최솟값(점선)에 자리 잡는다."
        ),
    },
    size=(8.0, 3.6),
)
def xcos_trace(fig: Figure, lang: Lang) -> None:
    """Ten GD steps with η = 2 on x cos(0.15πx) from 10, ending in a poor local minimum."""
    objective = gdbook.XCosCx(_XCOS_C)
    run = gdbook.gradient_descent(objective, _X0, learning_rate=_XCOS_ETA, steps=_STEPS)
    # The two minima drawn: polish the run's end point, and descend from x_0 with a small step.
    local = gdbook.gradient_descent(
        objective, run.final, learning_rate=0.5, steps=500, tol=1e-12
    ).final[0]
    deep = gdbook.gradient_descent(objective, _X0, learning_rate=0.2, steps=500, tol=1e-12).final[0]
    left, right = fig.subplots(1, 2, width_ratios=(3, 2))
    plot_function_trace(left, objective, run.iterates, xlim=_XCOS_VIEW, color="C0")
    words = {
        "en": ("local minimum", "deeper minimum"),
        "ko": ("지역 최솟값", "더 깊은 최솟값"),
    }[lang]
    for x, word, colour, offset in (
        (local, words[0], "C1", (0, -28)),
        (deep, words[1], "C2", (0, 14)),
    ):
        left.plot([x], [objective(x)], "D", color=colour, markersize=6, zorder=5)
        left.annotate(
            word,
            xy=(x, objective(x)),
            xytext=offset,
            textcoords="offset points",
            ha="center",
            color=colour,
        )
    left.annotate(
        "$x_0$",
        xy=(_X0, objective(_X0)),
        xytext=(-4, 8),
        textcoords="offset points",
        color="C0",
        ha="right",
    )
    left.set_ylim(-9.0, 12.0)

    steps = np.arange(run.steps + 1)
    right.plot(steps[1:], run.iterates[1:, 0], "-o", color="C0")
    right.axhline(local, color="C1", linewidth=1.0, linestyle="--", label=words[0])
    right.set_xlabel("$t$")
    right.set_ylabel("$x_t$")
    right.set_xticks(steps[1:])
    right.legend(loc="upper right")
