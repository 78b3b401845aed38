"""Figures of chapter 6, minibatch SGD."""

from __future__ import annotations

import functools

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

import gdbook
from book.chapters.ch06.params import EPOCHS, ETA, LOSS_BATCH_SIZES
from book.figures import Lang, register

BATCH_SIZES = tuple(2**k for k in range(10))  # 1, 2, 4, ..., 512
REPEATS = 2_000  # minibatches drawn per batch size


@functools.cache
def _regression() -> gdbook.LeastSquares:
    data = gdbook.book_regression()
    return gdbook.LeastSquares(data.X, data.y)


def _reference_colour() -> str:
    # The style's spine colour (read, never set): a reference line readable on both palettes.
    return str(mpl.rcParams["axes.edgecolor"])


@functools.cache
def _measured_variances() -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
    """sigma^2 and the mean of ||g_B - grad f||^2 over random batches, with/without replacement."""
    problem = _regression()
    beta = np.zeros(problem.dim)
    full = problem.gradient(beta)
    sigma2 = float(np.mean(np.sum((problem.example_gradients(beta) - full) ** 2, axis=1)))
    rng = np.random.default_rng(0)
    measured = {}
    for replace in (True, False):
        values = []
        for b in BATCH_SIZES:
            draws = (rng.choice(problem.n, size=b, replace=replace) for _ in range(REPEATS))
            gradients = np.array([problem.batch_gradient(beta, idx) for idx in draws])
            values.append(np.mean(np.sum((gradients - full) ** 2, axis=1)))
        measured[replace] = np.array(values)
    return sigma2, measured[True], measured[False]


@register("ch06-variance", size=(6.4, 4.0))
def variance(fig: Figure, lang: Lang) -> None:
    """Minibatch gradient variance against b, with the 1/b line and the corrected curve."""
    sigma2, with_replacement, without_replacement = _measured_variances()
    n = _regression().n
    b = np.array(BATCH_SIZES, dtype=np.float64)
    grid = np.geomspace(1, BATCH_SIZES[-1], 200)
    words = {
        "en": ("with replacement", "without replacement"),
        "ko": ("복원 추출", "비복원 추출"),
    }[lang]
    ax = fig.add_subplot()
    ax.plot(grid, sigma2 / grid, color=_reference_colour(), linewidth=1.3, label="$\\sigma^2/b$")
    ax.plot(
        grid,
        sigma2 / grid * (n - grid) / (n - 1),
        "--",
        color="C1",
        linewidth=1.3,
        label="$\\frac{\\sigma^2}{b}\\,\\frac{n-b}{n-1}$",
    )
    ax.plot(
        b,
        with_replacement,
        "o",
        color="C0",
        markersize=7,
        markerfacecolor="none",
        markeredgewidth=1.6,
        label=words[0],
    )
    ax.plot(b, without_replacement, "s", color="C1", markersize=4.5, label=words[1])
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(b, [str(int(v)) for v in b])
    ax.set_xlabel({"en": "batch size $b$", "ko": "배치 크기 $b$"}[lang])
    ax.set_ylabel("$\\mathbb{E}\\,\\Vert g_B - \\nabla f(x)\\Vert^2$")
    ax.legend(loc="lower left")


@functools.cache
def _loss_runs() -> tuple[float, tuple[gdbook.Trajectory, ...]]:
    problem = _regression()
    beta0 = np.zeros(problem.dim)
    runs = tuple(
        gdbook.minibatch_sgd(
            problem, beta0, learning_rate=ETA, batch_size=b, epochs=EPOCHS, seed=0, loss_every=1
        )
        for b in LOSS_BATCH_SIZES
    )
    return problem(problem.solve()), runs


def _log_indices(count: int, points: int = 1500) -> NDArray[np.intp]:
    """About ``points`` indices in ``[0, count)``, evenly spaced on a log axis (for drawing)."""
    return np.unique(np.geomspace(1, count, points).astype(np.intp) - 1)


def _binned_by_examples(
    examples: NDArray[np.int64], values: NDArray[np.float64], bins: int = 30
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Mean of ``values`` over log-spaced windows of examples processed (empty windows skipped),
    at the windows' geometric centres: the trend of a jittering loss."""
    edges = np.geomspace(1, examples[-1] + 1, bins + 1)
    which = np.digitize(examples, edges) - 1
    keep = [k for k in range(bins) if np.any(which == k)]
    centres = np.array([np.sqrt(edges[k] * edges[k + 1]) for k in keep])
    means = np.array([values[which == k].mean() for k in keep])
    return centres, means


@register("ch06-loss-by-batch", size=(6.4, 4.0))
def loss_by_batch(fig: Figure, lang: Lang) -> None:
    """Excess loss against examples processed for b = 1, 8, 64 and n."""
    f_star, runs = _loss_runs()
    ax = fig.add_subplot()
    for b, run, colour in zip(LOSS_BATCH_SIZES, runs, ("C1", "C2", "C3", "C0"), strict=True):
        excess = run.losses - f_star
        examples = np.maximum(run.examples, 1)  # the log axis starts at 1 example
        if b == LOSS_BATCH_SIZES[-1]:
            ax.plot(
                examples,
                excess,
                drawstyle="steps-post",
                color=colour,
                linewidth=2.0,
                marker="o",
                markevery=slice(1, None),
                label=f"$b = n = {b}$",
            )
            continue
        shown = _log_indices(excess.size)
        ax.plot(
            examples[shown],
            excess[shown],
            color=colour,
            linewidth=0.5,
            alpha=0.3,
            drawstyle="steps-post",
        )
        centres, means = _binned_by_examples(examples, excess)
        ax.plot(centres, means, color=colour, linewidth=2.0, label=f"$b = {b}$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1, EPOCHS * _regression().n)
    ax.set_ylim(1e-5, 40)
    ax.set_xlabel({"en": "example gradients evaluated", "ko": "계산한 샘플 그래디언트 수"}[lang])
    ax.set_ylabel("$f(x_t) - f^\\star$")
    ax.legend(loc="lower left")
