"""Figures of chapter 5, stochastic gradient descent."""

from __future__ import annotations

import functools
import itertools

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import NDArray

import gdbook
from book.chapters.ch05.params import CURVATURES, ETA, NU, START
from book.figures import Lang, register
from gdbook.plotting import plot_contour_trace

BOWL_CURVATURES = CURVATURES  # f(x) = x1^2 + 2 x2^2


@functools.cache
def _regression() -> gdbook.LeastSquares:
    data = gdbook.book_regression()
    return gdbook.LeastSquares(data.X, data.y)


def _reference_colour() -> str:
    # The style's spine colour (read, never set): a reference line readable on both palettes.
    return str(mpl.rcParams["axes.edgecolor"])


def _log_indices(count: int, points: int = 1500) -> NDArray[np.intp]:
    """About ``points`` indices in ``[0, count)``, evenly spaced on a log axis (for drawing)."""
    return np.unique(np.geomspace(1, count, points).astype(np.intp) - 1)


def _binned_mean(
    values: NDArray[np.float64], bins: int = 40
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Means of ``values[1:]`` over log-spaced windows of the index, and the windows' centres."""
    edges = np.unique(np.geomspace(1, values.size, bins + 1).astype(np.intp))
    centres = np.sqrt(edges[:-1] * edges[1:])
    means = np.array([values[a:b].mean() for a, b in itertools.pairwise(edges)])
    return centres, means


def _spread(problem: gdbook.LeastSquares, beta: NDArray[np.float64]) -> float:
    """E_i ||grad f_i(beta) - grad f(beta)||^2, i uniform on the examples."""
    deviations = problem.example_gradients(beta) - problem.gradient(beta)
    return float(np.mean(np.sum(deviations**2, axis=1)))


@register("ch05-gradient-cloud", size=(8.0, 3.8))
def gradient_cloud(fig: Figure, lang: Lang) -> None:
    """Per-example gradients at x = (0, 0) and at the least-squares solution."""
    problem = _regression()
    words = {
        "en": ("per-example gradients $\\nabla f_i$", "their mean", "full gradient $\\nabla f$"),
        "ko": ("샘플별 그래디언트 $\\nabla f_i$", "그 평균", "전체 그래디언트 $\\nabla f$"),
    }[lang]
    points = (
        ("$x = (0, 0)$", np.zeros(problem.dim)),
        ("$x = \\hat x$", problem.solve()),
    )
    axes = fig.subplots(1, 2)
    for ax, (title, beta) in zip(axes, points, strict=True):
        cloud = problem.example_gradients(beta)
        mean = cloud.mean(axis=0)
        full = problem.gradient(beta)
        ax.axhline(0.0, color=_reference_colour(), linewidth=0.6)
        ax.axvline(0.0, color=_reference_colour(), linewidth=0.6)
        ax.scatter(
            cloud[:, 0], cloud[:, 1], s=6, alpha=0.35, color="C0", linewidths=0, label=words[0]
        )
        ax.plot(
            *mean, "x", color="C1", markersize=11, markeredgewidth=2.2, label=words[1], zorder=4
        )
        ax.plot(
            *full,
            "o",
            markersize=15,
            markerfacecolor="none",
            markeredgecolor="C2",
            markeredgewidth=1.8,
            label=words[2],
            zorder=5,
        )
        ax.set_title(title)
        ax.set_xlabel("$\\partial f_i / \\partial x_1$")
        ax.set_ylabel("$\\partial f_i / \\partial x_2$")
    axes[0].legend(loc="lower right")


@register("ch05-monte-carlo", size=(6.4, 4.0))
def monte_carlo(fig: Figure, lang: Lang) -> None:
    """Running averages of sampled gradients converging to the full gradient at 1/√m."""
    problem = _regression()
    beta = np.zeros(problem.dim)
    per_example = problem.example_gradients(beta)
    full = problem.gradient(beta)
    sigma2 = _spread(problem, beta)
    m_max, runs = 100_000, 20
    m = np.arange(1, m_max + 1)
    squared = np.zeros(m_max)
    shown = _log_indices(m_max)
    ax = fig.add_subplot()
    for seed in range(runs):
        draws = np.random.default_rng(seed).integers(0, problem.n, size=m_max)
        running = np.cumsum(per_example[draws], axis=0) / m[:, None]
        error = np.linalg.norm(running - full, axis=1)
        squared += error**2
        ax.plot(
            m[shown],
            error[shown],
            color="C0",
            linewidth=0.6,
            alpha=0.35,
            label={"en": f"{runs} runs", "ko": f"실행 {runs}번"}[lang] if seed == 0 else None,
        )
    ax.plot(
        m,
        np.sqrt(squared / runs),
        color="C1",
        linewidth=3.0,
        label={"en": "root-mean-square over the runs", "ko": "실행들의 제곱평균제곱근"}[lang],
    )
    ax.plot(
        m,
        np.sqrt(sigma2 / m),
        "--",
        color=str(mpl.rcParams["text.color"]),
        linewidth=1.3,
        label="$\\sqrt{\\sigma^2/m}$",
        zorder=5,
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1, m_max)
    ax.set_ylim(3e-3, 60)
    ax.set_xlabel({"en": "number of sampled gradients $m$", "ko": "뽑은 그래디언트 수 $m$"}[lang])
    ax.set_ylabel("$\\Vert\\bar g_m - \\nabla f(x)\\Vert$")
    ax.legend(loc="lower left")


@register("ch05-noisy-sgd", size=(6.4, 3.6))
def noisy_sgd(fig: Figure, lang: Lang) -> None:
    """GD and gradient-plus-noise SGD on x1² + 2x2², 20 steps from (−5, −2)."""
    bowl = gdbook.Quadratic(BOWL_CURVATURES)
    gd = gdbook.gradient_descent(bowl, START, learning_rate=ETA, steps=20)
    noisy = gdbook.noisy_gradient_descent(
        bowl, START, learning_rate=ETA, steps=20, noise_std=NU, seed=0
    )
    labels = {
        "en": ("gradient descent", "simulated SGD"),
        "ko": ("경사 하강법", "모의 확률적 경사 하강법"),
    }[lang]
    ax = fig.add_subplot()
    plot_contour_trace(
        ax,
        bowl,
        [gd.iterates, noisy.iterates],
        xlim=(-5.6, 1.6),
        ylim=(-2.6, 1.6),
        levels=[0.25, 1, 2.5, 5, 10, 17, 25, 35],
        labels=list(labels),
        colors=["C0", "C1"],
    )
    ax.plot(0.0, 0.0, "*", color=_reference_colour(), markersize=10)
    ax.legend(loc="upper left")


@register("ch05-gd-vs-sgd", size=(6.4, 4.0))
def gd_vs_sgd(fig: Figure, lang: Lang) -> None:
    """Excess loss against examples processed: GD vs SGD with two learning rates."""
    problem = _regression()
    f_star, sgd_runs, gd = _gd_vs_sgd_runs()
    names = {
        "en": ("GD", "SGD"),
        "ko": ("경사 하강법", "확률적 경사 하강법"),
    }[lang]
    ax = fig.add_subplot()
    for (eta, run), colour in zip(sgd_runs, ("C1", "C2"), strict=True):
        excess = run.losses - f_star
        shown = _log_indices(excess.size)[1:]
        ax.plot(run.examples[shown], excess[shown], color=colour, linewidth=0.5, alpha=0.3)
        centres, means = _binned_mean(excess)
        ax.plot(centres, means, color=colour, linewidth=2.0, label=f"{names[1]}, $\\eta={eta}$")
    examples = np.maximum(gd.examples, 1)  # the log axis starts at 1 example
    ax.plot(
        examples,
        gd.losses - f_star,
        drawstyle="steps-post",
        color="C0",
        linewidth=2.0,
        marker="o",
        markevery=slice(1, None),
        label=f"{names[0]}, $\\eta=0.1$",
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1, _EPOCHS * problem.n)
    ax.set_ylim(1e-4, 40)
    ax.set_xlabel({"en": "example gradients evaluated", "ko": "계산한 샘플 그래디언트 수"}[lang])
    ax.set_ylabel("$f(x_t) - f^\\star$")
    ax.legend(loc="lower left")


_EPOCHS = 20


@functools.cache
def _gd_vs_sgd_runs() -> tuple[
    float, tuple[tuple[float, gdbook.Trajectory], ...], gdbook.Trajectory
]:
    """f*, SGD runs with eta = 0.1 and 0.01, and a GD run, all for 20 epochs of work."""
    problem = _regression()
    beta0 = np.zeros(problem.dim)
    sgd_runs = tuple(
        (
            eta,
            gdbook.sgd(
                problem, beta0, learning_rate=eta, steps=_EPOCHS * problem.n, seed=0, loss_every=1
            ),
        )
        for eta in (0.1, 0.01)
    )
    gd = gdbook.gradient_descent(problem, beta0, learning_rate=0.1, steps=_EPOCHS)
    return problem(problem.solve()), sgd_runs, gd


def _expected_loss(
    bowl: gdbook.Quadratic, schedule: gdbook.Schedule, steps: int
) -> NDArray[np.float64]:
    """E f(x_t), t = 0..steps, of noisy GD from START (exact: gdbook.noisy_quadratic_loss)."""
    return gdbook.noisy_quadratic_loss(
        bowl, START, learning_rate=schedule, steps=steps, noise_std=NU
    )


# (label, schedule, colour) of the three learning-rate schedules of the noise-ball figure.
_SCHEDULES: tuple[tuple[dict[str, str], gdbook.Schedule, str], ...] = (
    (
        {"en": "constant $\\eta=0.1$", "ko": "상수 $\\eta=0.1$"},
        gdbook.constant(ETA),
        "C1",
    ),
    (
        {"en": "$\\eta_t=0.1/\\sqrt{1+0.1t}$", "ko": "$\\eta_t=0.1/\\sqrt{1+0.1t}$"},
        gdbook.polynomial(ETA, alpha=0.5, omega=0.1),
        "C0",
    ),
    (
        {"en": "$\\eta_t=0.1/(1+0.1t)$", "ko": "$\\eta_t=0.1/(1+0.1t)$"},
        gdbook.polynomial(ETA, alpha=1.0, omega=0.1),
        "C2",
    ),
)
_HORIZON = 20_000


@functools.cache
def _noise_ball_runs() -> tuple[tuple[gdbook.Trajectory, NDArray[np.float64]], ...]:
    """One simulated run and the exact expected loss per schedule (computed once per process:
    the figure is drawn in two languages and two palettes)."""
    bowl = gdbook.Quadratic(BOWL_CURVATURES)
    return tuple(
        (
            gdbook.noisy_gradient_descent(
                bowl, START, learning_rate=schedule, steps=_HORIZON, noise_std=NU, seed=3
            ),
            _expected_loss(bowl, schedule, _HORIZON),
        )
        for _, schedule, _ in _SCHEDULES
    )


def _ball_panel(ax: Axes, lang: Lang) -> None:
    xx, yy = np.meshgrid(np.linspace(-0.75, 0.75, 121), np.linspace(-0.75, 0.75, 121))
    ax.contour(
        xx,
        yy,
        xx**2 + 2 * yy**2,
        levels=[0.02, 0.06, 0.15, 0.3, 0.5],
        colors=[_reference_colour()],
        linewidths=0.7,
        alpha=0.7,
    )
    for k in (0, 2):  # the constant and the 1/t schedule
        label, _, colour = _SCHEDULES[k]
        run, _ = _noise_ball_runs()[k]
        late = run.iterates[_HORIZON // 2 :: 8]  # every eighth point is plenty to see the cloud
        ax.scatter(
            late[:, 0], late[:, 1], s=3, alpha=0.3, color=colour, linewidths=0, label=label[lang]
        )
    ax.set_xlim(-0.75, 0.75)
    ax.set_ylim(-0.75, 0.75)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)
    ax.set_title({"en": "iterates, second half of the run", "ko": "실행 후반부의 반복점"}[lang])
    legend = ax.legend(loc="upper right", markerscale=4)
    for handle in legend.legend_handles:
        if handle is not None:
            handle.set_alpha(1.0)


@register("ch05-noise-ball", size=(8.0, 3.7))
def noise_ball(fig: Figure, lang: Lang) -> None:
    """Constant η stalls in a noise ball; decaying η keeps converging."""
    left, right = fig.subplots(1, 2, width_ratios=(1.0, 1.35))
    _ball_panel(left, lang)
    t = np.arange(_HORIZON + 1)
    shown = _log_indices(_HORIZON + 1)[1:]
    for (label, _, colour), (run, expected) in zip(_SCHEDULES, _noise_ball_runs(), strict=True):
        right.plot(t[shown], run.losses[shown], color=colour, linewidth=0.5, alpha=0.2)
        right.plot(t[shown], expected[shown], color=colour, linewidth=2.0, label=label[lang])
    level = gdbook.noise_floor(gdbook.Quadratic(BOWL_CURVATURES), learning_rate=ETA, noise_std=NU)
    right.axhline(level, linestyle="--", color=_reference_colour(), linewidth=1.2)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlim(1, _HORIZON)
    right.set_ylim(1e-6, 50)
    right.set_xlabel({"en": "step $t$", "ko": "스텝 $t$"}[lang])
    right.set_ylabel("$f(x_t)$,  $\\mathbb{E} f(x_t)$")
    right.set_title({"en": "loss", "ko": "손실"}[lang])
    right.legend(loc="lower left")
