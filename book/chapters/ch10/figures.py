"""Figures of chapter 10, how fast SGD converges.

Every curve comes from :mod:`book.chapters.ch10.runs`, the runs the facts quote, so the
figures, the facts and the page code (same parameters and seeds) cannot disagree.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

from book.chapters.ch10 import runs
from book.chapters.ch10.params import (
    HORIZONS,
    R0_SQUARED,
    STEPS,
    TRADEOFF_RATES,
    TRADEOFF_STEPS,
    VARIANCE,
)
from book.figures import Lang, register


def log_steps(count: int = 400) -> NDArray[np.int64]:
    """About ``count`` steps 1..STEPS, evenly spaced on the log axis the curves are drawn on."""
    return np.unique(np.geomspace(1, STEPS, count).round().astype(np.int64))


def _reference_colour() -> str:
    # The style's spine colour (read, never set): reference lines readable on both palettes.
    return str(mpl.rcParams["axes.edgecolor"])


@register("ch10-tradeoff", size=(7.6, 4.0))
def tradeoff(fig: Figure, lang: Lang) -> None:
    """The bound's two terms against eta at T = 1000, the tuned rate, and the measured runs."""
    ax = fig.add_subplot()
    T = TRADEOFF_STEPS
    eta = np.geomspace(1.5e-3, runs.CONSTANTS[0], 200)  # the theorem needs eta <= 1/L
    first, noise = R0_SQUARED / (2 * eta * T), eta * VARIANCE
    words = {
        "en": (
            "bound",
            "start: $r_0^2/(2\\eta T)$",
            "noise: $\\eta\\sigma^2$",
            "$f(\\bar x_T)$, averaged",
            "$f(x_T)$, last iterate",
            "$\\eta^\\star$",
        ),
        "ko": (
            "상한",
            "출발점: $r_0^2/(2\\eta T)$",
            "잡음: $\\eta\\sigma^2$",
            "$f(\\bar x_T)$, 평균",
            "$f(x_T)$, 마지막 반복점",
            "$\\eta^\\star$",
        ),
    }[lang]
    reference = _reference_colour()
    ax.plot(eta, first + noise, color=reference, linewidth=2.0, label=words[0])
    ax.plot(eta, first, color=reference, linestyle="--", linewidth=1.0, label=words[1])
    ax.plot(eta, noise, color=reference, linestyle=":", linewidth=1.0, label=words[2])
    averaged, last = runs.tradeoff()
    ax.plot(TRADEOFF_RATES, averaged, "o-", color="C0", label=words[3])
    ax.plot(TRADEOFF_RATES, last, "s-", color="C1", label=words[4])
    tuned = runs.tuned_rate(T)
    ax.axvline(tuned, color=reference, linewidth=0.8)
    ax.annotate(words[5], (tuned, 20), xytext=(4, 0), textcoords="offset points", fontsize=9)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(1e-4, 40)
    ax.set_xlabel("$\\eta$")
    ax.set_ylabel({"en": f"mean over the runs, $T = {T}$", "ko": f"실행들의 평균, $T = {T}$"}[lang])
    ax.legend(loc="lower left", fontsize=8, ncols=2)


@register("ch10-rate", size=(8.8, 3.8))
def rate(fig: Figure, lang: Lang) -> None:
    """Measured E f(x_bar_T) against T with the bound: the bowl, and the worst case."""
    left, right = fig.subplots(1, 2, sharey=True)
    horizons = np.array(HORIZONS, dtype=float)
    fine = np.geomspace(horizons[0], horizons[-1], 60)
    averaged, last = runs.horizon_runs()
    words = {
        "en": (
            "bound",
            "$f(\\bar x_T)$, averaged",
            "$f(x_T)$, last iterate",
            "bowl $x_1^2+2x_2^2$",
            "worst case $f_T$",
        ),
        "ko": (
            "상한",
            "$f(\\bar x_T)$, 평균",
            "$f(x_T)$, 마지막 반복점",
            "그릇 $x_1^2+2x_2^2$",
            "최악의 경우 $f_T$",
        ),
    }[lang]
    left.plot(
        fine,
        [runs.bound(runs.tuned_rate(int(T)), int(T)) for T in fine],
        color=_reference_colour(),
        linestyle="--",
        label=words[0],
    )
    left.plot(horizons, averaged, "o-", color="C0", label=words[1])
    left.plot(horizons, last, "s-", color="C1", label=words[2])
    left.set_title(words[3])
    worst, _ = runs.worst_case()
    right.plot(fine, np.sqrt(2 / fine), color=_reference_colour(), linestyle="--", label=words[0])
    right.plot(horizons, worst, "o-", color="C0", label=words[1])
    right.set_title(words[4])
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("$T$")
        ax.legend(loc="lower left", fontsize=8)
    left.set_ylabel({"en": "mean over the runs", "ko": "실행들의 평균"}[lang])


@register("ch10-constant-vs-decaying", size=(8.2, 4.2))
def constant_vs_decaying(fig: Figure, lang: Lang) -> None:
    """Exact E f(x_t) for three constant rates and the decaying one; averages; the bound."""
    ax = fig.add_subplot()
    eta0 = f"{runs.CONSTANTS[0]:g}"  # 1/L, where the decaying rate starts
    t = log_steps()  # every curve at these steps: 10 000 points each would only add bytes
    curves = runs.exact_curves()
    for index, eta in enumerate(runs.CONSTANTS):
        ax.plot(t, curves[f"{eta:g}"][t], color=f"C{index + 1}", label=f"$\\eta = {eta:g}$")
        ax.axhline(runs.floor(eta), color=f"C{index + 1}", linewidth=0.8, linestyle=":")
    ax.plot(
        t,
        curves["decaying"][t],
        color="C0",
        linewidth=2.0,
        label=f"$\\eta_t = {eta0}/\\sqrt{{1+t}}$",
    )
    weighted, limit = runs.decaying()
    ax.plot(
        t,
        weighted[t - 1],
        color="C0",
        linestyle="-.",
        label={
            "en": f"${eta0}/\\sqrt{{1+t}}$, weighted average",
            "ko": f"${eta0}/\\sqrt{{1+t}}$, 가중 평균",
        }[lang],
    )
    ax.plot(
        t,
        limit[t - 1],
        color=_reference_colour(),
        linestyle="--",
        label={"en": "bound for the weighted average", "ko": "가중 평균의 상한"}[lang],
    )
    ax.plot(
        t,
        runs.steady_average()[t - 1],
        color="C1",
        linestyle="-.",
        label={"en": f"$\\eta = {eta0}$, average", "ko": f"$\\eta = {eta0}$, 평균"}[lang],
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(1e-5, 40)
    ax.set_xlabel("$t$")
    ax.set_ylabel(
        {
            "en": "$\\mathbb{E} f$ (last iterate or average)",
            "ko": "$\\mathbb{E} f$ (마지막 반복점 또는 평균)",
        }[lang]
    )
    ax.legend(loc="lower left", fontsize=7.5, ncols=2)
