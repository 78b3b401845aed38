"""Figures of chapter 2, gradient descent in one dimension."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

import gdbook
from book.chapters.ch02.params import ETA, STEPS, X0
from book.figures import Lang, register
from gdbook.plotting import plot_function_trace

_LR_TRACES_RUNS = (
    (0.2, {"en": "converges", "ko": "수렴"}),
    (0.05, {"en": "converges slowly", "ko": "느리게 수렴"}),
    (1.1, {"en": "diverges", "ko": "발산"}),
)


@register("ch02-lr-traces", size=(8.0, 3.0))
def lr_traces(fig: Figure, lang: Lang) -> None:
    """Three panels: ten GD steps on x² from x₀ = 10 with η = 0.2, 0.05 and 1.1."""
    objective = gdbook.Quadratic((2.0,))
    axes = fig.subplots(1, len(_LR_TRACES_RUNS))
    for index, (ax, (eta, verdict)) in enumerate(zip(axes, _LR_TRACES_RUNS, strict=True)):
        run = gdbook.gradient_descent(objective, X0, learning_rate=eta, steps=STEPS)
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

_X0, _STEPS = X0, STEPS
_XCOS_C, _XCOS_ETA = 0.15 * np.pi, 2.0
_XCOS_VIEW = (-10.0, 12.0)


def _muted() -> str:
    # The active style's spine colour: reference curves readable on either palette.
    return str(mpl.rcParams["axes.edgecolor"])


def _ink() -> str:
    return str(mpl.rcParams["text.color"])


@register("ch02-taylor", size=(8.0, 3.6))
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


@register("ch02-trace", size=(8.0, 3.4))
def trace(fig: Figure, lang: Lang) -> None:
    """Ten GD steps on x² from 10 with η = 0.2: on the curve, and x_t against t."""
    objective = gdbook.Quadratic((2.0,))
    run = gdbook.gradient_descent(objective, _X0, learning_rate=ETA, steps=_STEPS)
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


@register("ch02-closed-form", size=(8.0, 3.6))
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


@register("ch02-xcos-trace", size=(8.0, 3.6))
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
        "ko": ("지역 최소점", "더 깊은 최소점"),
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
