"""Figures of chapter 11, momentum.

Every curve comes from :mod:`book.chapters.ch11.runs`, the runs and closed forms the facts
quote, so the figures, the facts and the page code (same parameters and seeds) agree.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

import gdbook
from book.chapters.ch11 import runs
from book.chapters.ch11.params import NOISY_SETTINGS, NOISY_STEPS, START
from book.figures import Lang, register
from gdbook.plotting import plot_contour_trace

#: Steps drawn in the convergence figure.
CONVERGENCE_STEPS = 80


def _reference_colour() -> str:
    # The style's spine colour (read, never set): reference lines readable on both palettes.
    return str(mpl.rcParams["axes.edgecolor"])


@register("ch11-paths", size=(7.6, 4.0))
def paths(fig: Figure, lang: Lang) -> None:
    """Thirty steps on the valley: GD, the heavy ball and Nesterov with their best parameters."""
    ax = fig.add_subplot()
    words = {
        "en": ("gradient descent", "heavy ball", "Nesterov"),
        "ko": ("경사 하강법", "헤비 볼 방법", "네스테로프 가속 경사법"),
    }[lang]
    drawn = runs.paths()
    plot_contour_trace(
        ax,
        runs.VALLEY,
        [drawn["gd"], drawn["hb"], drawn["nesterov"]],
        xlim=(-6.0, 6.0),
        ylim=(-3.0, 3.0),
        levels=(0.5, 2.0, 5.0, 10.0, 20.0, 35.0, 55.0, 80.0),
        labels=list(words),
        colors=["C0", "C1", "C3"],
        num=121,
    )
    ax.plot(0.0, 0.0, marker="*", markersize=11, color="C2", linestyle="none", zorder=5)
    ax.legend(loc="upper right", fontsize=8)


@register("ch11-convergence", size=(7.6, 4.0))
def convergence(fig: Figure, lang: Lang) -> None:
    """||x_t|| on a log scale for the three methods, with the rates rho^t of the analysis."""
    ax = fig.add_subplot()
    words = {
        "en": ("gradient descent", "heavy ball", "Nesterov", "rate $\\rho^t$", "step $t$"),
        "ko": (
            "경사 하강법",
            "헤비 볼 방법",
            "네스테로프 가속 경사법",
            "수렴 속도 $\\rho^t$",
            "스텝 $t$",
        ),
    }[lang]
    valley = runs.VALLEY
    start = np.array(START)
    settings = (
        (runs.ETA_GD, None, runs.RATE_GD),
        (runs.ETA_HB, gdbook.momentum(runs.BETA_HB), runs.RATE_HB),
        (
            runs.ETA_NESTEROV,
            gdbook.momentum(runs.BETA_NESTEROV, nesterov=True),
            runs.nesterov_rate(runs.ETA_NESTEROV, runs.BETA_NESTEROV, runs.LAMBDAS),
        ),
    )
    t = np.arange(CONVERGENCE_STEPS + 1)
    norm0 = float(np.linalg.norm(start))
    reference = _reference_colour()
    for k, ((eta, update, rate), colour) in enumerate(
        zip(settings, ("C0", "C1", "C3"), strict=True)
    ):
        run = gdbook.gradient_descent(
            valley, start, learning_rate=eta, steps=CONVERGENCE_STEPS, update=update
        )
        ax.plot(t, np.linalg.norm(run.iterates, axis=1), color=colour, label=words[k])
        ax.plot(
            t,
            norm0 * rate**t,
            color=colour,
            linestyle="--",
            linewidth=0.9,
            label=words[3] if k == 0 else None,
        )
    ax.set_yscale("log")
    ax.set_ylim(1e-13, 20)
    ax.set_xlabel(words[4])
    ax.set_ylabel("$\\Vert x_t - x^\\star\\Vert$")
    ax.axhline(norm0 * 1e-6, color=reference, linewidth=0.6, linestyle=":")
    ax.legend(loc="lower left", fontsize=8)


@register("ch11-noise", size=(7.6, 4.0))
def noise(fig: Figure, lang: Lang) -> None:
    """The mean loss over the stacked noisy runs, step by step, and the floors of the formula."""
    ax = fig.add_subplot()
    label = {
        "en": "$\\eta = {eta:g}$, $\\beta = {beta:g}$",
        "ko": "$\\eta = {eta:g}$, $\\beta = {beta:g}$",
    }[lang]
    floor_word = {"en": "floor (formula)", "ko": "바닥 (공식)"}[lang]
    t = np.arange(NOISY_STEPS + 1)
    for k, ((eta, beta), (floor, _, curve)) in enumerate(
        zip(NOISY_SETTINGS, runs.noisy_runs(), strict=True)
    ):
        colour = f"C{k}"
        ax.plot(t, curve, color=colour, linewidth=1.0, label=label.format(eta=eta, beta=beta))
        ax.axhline(
            floor,
            color=colour,
            linestyle="--",
            linewidth=0.9,
            label=floor_word if k == 0 else None,
        )
    ax.set_xscale("symlog", linthresh=10)
    ax.set_yscale("log")
    ax.set_xlim(0, NOISY_STEPS)
    ax.set_ylim(1e-3, 100)
    ax.set_xlabel({"en": "step $t$", "ko": "스텝 $t$"}[lang])
    ax.set_ylabel({"en": "mean $f(x_t)$ over the runs", "ko": "실행들의 평균 $f(x_t)$"}[lang])
    ax.legend(loc="upper right", fontsize=8)
