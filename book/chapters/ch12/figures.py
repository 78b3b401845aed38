"""Figures of chapter 12, adaptive step sizes.

Every curve comes from :mod:`book.chapters.ch12.runs` (the runs the facts quote) or from the
closed forms of the page, so the figures, the facts and the page code cannot disagree. The
seconds come from the committed benchmark results, never from timing the build.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from book.chapters.ch12 import runs
from book.chapters.ch12.facts import uncorrected_factor
from book.chapters.ch12.params import BETA1, BETA2, METHODS
from book.figures import Lang, register

COLOURS = {
    "GD": "C0",
    "SGD": "C0",
    "momentum": "C1",
    "AdaGrad": "C2",
    "RMSProp": "C3",
    "Adam": "C4",
}
STYLES = {"GD": "-", "SGD": "-", "momentum": "--", "AdaGrad": "-", "RMSProp": "-.", "Adam": "-"}


def _reference_colour() -> str:
    # The style's spine colour (read, never set): reference lines readable on both palettes.
    return str(mpl.rcParams["axes.edgecolor"])


LABELS: dict[str, dict[str, str]] = {
    "en": {"GD": "GD", "SGD": "SGD", "momentum": "momentum"},
    "ko": {"GD": "경사 하강법", "SGD": "SGD", "momentum": "모멘텀"},
}


def _label(method: str, lang: Lang) -> str:
    return LABELS[lang].get(method, method)


@register("ch12-bias", size=(7.6, 3.8))
def bias(fig: Figure, lang: Lang) -> None:
    """The shares 1 - beta^(t+1) of m_t and v_t, and the uncorrected step for a constant g."""
    ax = fig.add_subplot()
    k = np.arange(1, 5_001)
    t = k - 1
    words = {
        "en": (
            "$\\mathbb{E}m_t/\\mathbb{E}g = 1-\\beta_1^{t+1}$",
            "$\\mathbb{E}v_t/\\mathbb{E}g^2 = 1-\\beta_2^{t+1}$",
            "uncorrected step $m_t/\\sqrt{v_t}$ for a constant $g>0$",
            "corrected step",
        ),
        "ko": (
            "$\\mathbb{E}m_t/\\mathbb{E}g = 1-\\beta_1^{t+1}$",
            "$\\mathbb{E}v_t/\\mathbb{E}g^2 = 1-\\beta_2^{t+1}$",
            "보정하지 않은 스텝 $m_t/\\sqrt{v_t}$ (상수 $g>0$)",
            "보정한 스텝",
        ),
    }[lang]
    ax.plot(t + 1, 1 - BETA1**k, color="C0", label=words[0])
    ax.plot(t + 1, 1 - BETA2**k, color="C1", linestyle="--", label=words[1])
    ax.plot(t + 1, uncorrected_factor(k), color="C3", linewidth=2.0, label=words[2])
    ax.axhline(1.0, color=_reference_colour(), linewidth=0.8, linestyle=":", label=words[3])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("$t+1$")
    ax.set_ylim(5e-4, 20)
    ax.legend(loc="lower right", fontsize=8)


@register("ch12-valley", size=(8.8, 3.8))
def valley(fig: Figure, lang: Lang) -> None:
    """f(x_t) on the kappa = 1000 valley, aligned and turned, each method at its best rate."""
    axes = fig.subplots(1, 2, sharey=True)
    titles = {
        "en": ("aligned: $x_1^2+1000x_2^2$", "turned by $45^\\circ$"),
        "ko": ("축에 나란한 골짜기: $x_1^2+1000x_2^2$", "$45^\\circ$ 회전"),
    }[lang]
    found = runs.valley_runs()
    for ax, problem, title in zip(axes, runs.PROBLEMS[2:], titles, strict=True):
        for method in METHODS:
            run = found[method, problem]
            ax.plot(
                run.loss_steps,
                np.maximum(run.losses, 1e-30),
                color=COLOURS[method],
                linestyle=STYLES[method],
                label=f"{_label(method, lang)} ($\\eta={run.learning_rates[0]:g}$)",
            )
        ax.set_yscale("log")
        ax.set_ylim(1e-20, 1e5)
        ax.set_xlabel("$t$")
        ax.set_title(title)
        ax.legend(loc="lower left", fontsize=7.5)
    axes[0].set_ylabel("$f(x_t)$")


def _data_figure(fig: Figure, lang: Lang, *, seconds: bool) -> None:
    axes = fig.subplots(1, 2, sharey=True)
    titles = {
        "en": ("raw features", "standardised features"),
        "ko": ("원래 특성", "표준화한 특성"),
    }[lang]
    found = runs.data_runs()
    cost = runs.seconds_per_step()
    for ax, problem, title in zip(axes, runs.DATA_PROBLEMS, titles, strict=True):
        f_star = runs.f_star(problem)
        for method in runs.DATA_METHODS:
            run = found[method, problem]
            x = run.loss_steps * cost[method] if seconds else run.examples[run.loss_steps]
            ax.plot(
                x,
                run.losses - f_star,
                color=COLOURS[method],
                linestyle=STYLES[method],
                label=_label(method, lang),
            )
        ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel(
            {"en": "seconds (measured cost per step)", "ko": "초 (측정한 스텝당 비용)"}[lang]
            if seconds
            else {"en": "examples processed", "ko": "처리한 샘플 수"}[lang]
        )
        ax.legend(loc="upper right", fontsize=7.5)
    axes[0].set_ylabel("$f(x)-f^\\star$")


@register("ch12-data", size=(8.8, 3.8))
def data(fig: Figure, lang: Lang) -> None:
    """f(x) - f* on the diabetes data against the examples processed, raw and standardised."""
    _data_figure(fig, lang, seconds=False)


@register("ch12-seconds", size=(8.8, 3.8))
def seconds(fig: Figure, lang: Lang) -> None:
    """The same runs against seconds, from the measured cost of a step of each method."""
    _data_figure(fig, lang, seconds=True)
