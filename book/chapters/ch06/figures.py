"""Figures of chapter 6, minibatch SGD."""

from __future__ import annotations

import functools

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

import gdbook
from book.figures import Lang, register

BATCH_SIZES = tuple(2**k for k in range(10))  # 1, 2, 4, ..., 512
REPEATS = 2_000  # minibatches drawn per batch size
LOSS_BATCH_SIZES = (1, 8, 64, 1000)
EPOCHS = 10
ETA = 0.1


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


@register(
    "ch06-variance",
    alt={
        "en": (
            "A log-log plot of the variance of the minibatch gradient at β = (0, 0) against "
            "the batch size b from 1 to 512, measured over 2000 random minibatches per size. "
            "Circles (batches drawn with replacement) lie on the straight line sigma squared "
            "over b, of slope minus one: doubling the batch halves the variance. Squares "
            "(batches drawn without replacement) lie on a dashed curve that follows the same "
            "line for small b and bends below it as b approaches n = 1000."
        ),
        "ko": (
            "β = (0, 0)에서 미니배치 그래디언트의 분산을 배치 크기 b(1부터 512까지)에 따라 "
            "로그-로그 축에 그린 그림. 배치 크기마다 무작위 미니배치 2000개로 측정했다. "
            "복원 추출한 배치(동그라미)는 기울기 -1인 직선, 곧 시그마 제곱을 b로 나눈 값 위에 "
            "놓인다. 배치를 두 배로 키우면 분산이 절반이 된다. 비복원 추출한 배치(네모)는 b가 "
            "작을 때는 같은 직선을 따르다가 b가 n = 1000에 가까워지면 그 아래로 휘는 점선 "
            "곡선 위에 놓인다."
        ),
    },
    caption={
        "en": (
            "Measured variance $\\mathbb E\\lVert g_B-\\nabla f\\rVert^2$ of the minibatch "
            "gradient against the batch size $b$ (2000 minibatches per $b$), with the "
            "predictions $\\sigma^2/b$ (with replacement) and "
            "$\\frac{\\sigma^2}{b}\\frac{n-b}{n-1}$ (without replacement)."
        ),
        "ko": (
            "배치 크기 $b$에 따라 측정한 미니배치 그래디언트의 분산 "
            "$\\mathbb E\\lVert g_B-\\nabla f\\rVert^2$($b$마다 미니배치 2000개)과 예측값 "
            "$\\sigma^2/b$(복원 추출), $\\frac{\\sigma^2}{b}\\frac{n-b}{n-1}$(비복원 추출)."
        ),
    },
    size=(6.4, 4.0),
)
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
    ax.set_ylabel("$\\mathbb{E}\\,\\Vert g_B - \\nabla f(\\beta)\\Vert^2$")
    ax.legend(loc="lower left")


@functools.cache
def _loss_runs() -> tuple[float, tuple[gdbook.Trajectory, ...]]:
    problem = _regression()
    beta0 = np.zeros(problem.dim)
    runs = tuple(
        gdbook.minibatch_sgd(problem, beta0, learning_rate=ETA, batch_size=b, epochs=EPOCHS, seed=0)
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


@register(
    "ch06-loss-by-batch",
    alt={
        "en": (
            "A log-log plot of the excess loss on the chapter-4 regression against the number "
            "of example gradients evaluated, over 10 epochs with learning rate 0.1, for batch "
            "sizes 1, 8, 64 and 1000. Batch size 1 (SGD) drops first but then jitters widely "
            "around 0.1. Batch size 8 drops a little later and jitters around 0.01. Batch "
            "size 64 drops later still, jitters least and ends lowest, near 0.001. Batch size "
            "1000 (gradient descent) is a smooth staircase, one step per epoch, and is still "
            "near 0.07 after 10 epochs."
        ),
        "ko": (
            "4장 회귀 문제의 초과 손실을 계산한 예제 그래디언트 수에 따라 로그-로그 축에 그린 "
            "그림. 학습률 0.1로 10에포크 동안 배치 크기 1, 8, 64, 1000을 비교한다. 배치 크기 "
            "1(확률적 경사 하강법)은 가장 먼저 내려가지만 0.1 근처에서 크게 흔들린다. 배치 크기 "
            "8은 조금 늦게 내려가서 0.01 근처에서 흔들린다. 배치 크기 64는 더 늦게 내려가지만 "
            "가장 적게 흔들리고, 0.001 근처로 가장 낮게 끝난다. 배치 크기 1000(경사 하강법)은 "
            "에포크마다 한 번 내려가는 매끄러운 계단이며, 10에포크 뒤에도 0.07 근처에 있다."
        ),
    },
    caption={
        "en": (
            "Excess loss $f(\\beta_t)-f^\\star$ against example gradients evaluated for "
            "minibatch SGD with batch sizes $b=1$ (SGD), 8, 64 and $n=1000$ (GD): 10 shuffled "
            "epochs, $\\eta=0.1$, from $\\beta_0=(0,0)$. Thin: every step; thick: the mean "
            "over windows of equal width on the log axis."
        ),
        "ko": (
            "배치 크기 $b=1$(확률적 경사 하강법), 8, 64, $n=1000$(경사 하강법)인 미니배치 "
            "확률적 경사 하강법의 초과 손실 $f(\\beta_t)-f^\\star$를 계산한 예제 그래디언트 "
            "수에 따라 그렸다. 셔플한 에포크 10번, $\\eta=0.1$, 출발점 $\\beta_0=(0,0)$. "
            "가는 선은 매 스텝의 값, 굵은 선은 로그 축에서 같은 폭의 구간마다 낸 평균이다."
        ),
    },
    size=(6.4, 4.0),
)
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
    ax.set_xlabel({"en": "example gradients evaluated", "ko": "계산한 예제 그래디언트 수"}[lang])
    ax.set_ylabel("$f(\\beta_t) - f^\\star$")
    ax.legend(loc="lower left")
