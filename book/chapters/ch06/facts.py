"""Every number that chapter 6 (minibatch SGD) quotes in its prose.

Each value is computed here with gdbook, the same way as the page's code in
``book/chapters/ch06/code/``, and formatted exactly as the prose shows it. The timing facts are read
from ``benchmarks/results/vectorization.json``, measured once by
``benchmarks/vectorization.py`` (never during the build, which stays deterministic).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from book.chapters.ch06.params import EPOCHS, ETA, LOSS_BATCH_SIZES
from gdbook import LeastSquares, book_regression, minibatch_sgd

ROOT = Path(__file__).resolve().parents[3]
TIMINGS = ROOT / "benchmarks" / "results" / "vectorization.json"
BENCH = ROOT / "benchmarks" / "results" / "bench.json"  # written by `make bench`
BATCH = 64
FLOOR_BATCH_SIZE = 64
"""The batch size whose run reaches its noise floor within the budget (the prose's example)."""


def _problem() -> LeastSquares:
    data = book_regression()
    return LeastSquares(data.X, data.y)


def _counting_facts(problem: LeastSquares) -> dict[str, str]:
    n = problem.n
    full_batches, last = divmod(n, BATCH)
    x0 = np.zeros(problem.dim)
    kept = minibatch_sgd(problem, x0, learning_rate=0.1, batch_size=BATCH, epochs=1, seed=0)
    dropped = minibatch_sgd(
        problem, x0, learning_rate=0.1, batch_size=BATCH, epochs=1, seed=0, drop_last=True
    )
    return {
        "n": f"{n}",
        "b": f"{BATCH}",
        "full_batches": f"{full_batches}",
        "last_batch": f"{last}",
        "steps_per_epoch": f"{kept.steps}",
        "steps_drop_last": f"{dropped.steps}",
        "examples_drop_last": f"{int(dropped.examples[-1])}",
        "last_batch_weight": f"{BATCH / last:.1f}",
    }


def _variance_facts(problem: LeastSquares) -> dict[str, str]:
    """The measurement of book/chapters/ch06/code/minibatch_variance.py, repeated."""
    n = problem.n
    x = np.zeros(problem.dim)
    full = problem.gradient(x)
    sigma2 = float(np.mean(np.sum((problem.example_gradients(x) - full) ** 2, axis=1)))
    rng = np.random.default_rng(0)
    repeats = 2_000
    sizes = 2 ** np.arange(10)
    measured: dict[bool, list[float]] = {True: [], False: []}
    for b in sizes:
        for replace in (True, False):
            draws = (rng.choice(n, size=b, replace=replace) for _ in range(repeats))
            gradients = np.array([problem.batch_gradient(x, idx) for idx in draws])
            measured[replace].append(float(np.mean(np.sum((gradients - full) ** 2, axis=1))))
    slope = float(np.polyfit(np.log(sizes), np.log(measured[True]), 1)[0])
    b_big = int(sizes[-1])
    return {
        "sigma2": f"{sigma2:.2f}",
        "repeats": f"{repeats:,}",
        "variance_slope": f"{slope:.3f}",
        "b_big": f"{b_big}",
        "var_with_big": f"{measured[True][-1]:.3f}",
        "var_without_big": f"{measured[False][-1]:.3f}",
        "predicted_with_big": f"{sigma2 / b_big:.3f}",
        "predicted_without_big": f"{sigma2 / b_big * (n - b_big) / (n - 1):.3f}",
        "fpc_big": f"{(n - b_big) / (n - 1):.3f}",
    }


def variance_at_minimiser(problem: LeastSquares) -> float:
    r"""Return $\sigma^2(\hat x)=\frac1n\sum_i\lVert\nabla f_i(\hat x)-\nabla f(\hat x)\rVert^2$.

    The total variance of a single-example gradient at the least-squares solution
    $\hat x$, measured from the data: the noise that sets the floor near the minimiser.
    """
    x_hat = problem.solve()
    spread = problem.example_gradients(x_hat) - problem.gradient(x_hat)
    return float(np.mean(np.sum(spread**2, axis=1)))


def predicted_floor(problem: LeastSquares, batch_size: int) -> float:
    r"""Return the noise-floor prediction $\frac{\eta\sigma^2}{4b}\cdot\frac{n-b}{n-1}$.

    The expected excess loss of minibatch SGD at the chapter's learning rate ``ETA`` once the
    start is forgotten, for small $\eta\lambda_j$, with $\sigma^2=\sigma^2(\hat x)$
    (:func:`variance_at_minimiser`) and the without-replacement factor of the batch variance.
    """
    n = problem.n
    return ETA * variance_at_minimiser(problem) / (4 * batch_size) * (n - batch_size) / (n - 1)


def _loss_facts(problem: LeastSquares) -> dict[str, str]:
    """The runs of book/chapters/ch06/code/loss_by_batch.py: excess loss after 10 epochs."""
    x0 = np.zeros(problem.dim)
    f_star = problem(problem.solve())
    lipschitz = float(np.linalg.eigvalsh(problem.hessian(x0)).max())
    floor_b = FLOOR_BATCH_SIZE
    out = {
        "epochs": f"{EPOCHS}",
        "loss_budget": f"{EPOCHS * problem.n:,}",
        "lipschitz": f"{lipschitz:.2f}",
        "eta_limit": f"{2 / lipschitz:.3f}",
        "floor_b": f"{floor_b}",
        "floor_sigma2": f"{variance_at_minimiser(problem):.2f}",
        "floor_predicted": f"{predicted_floor(problem, floor_b):.5f}",
        "floor_per_coordinate": f"{problem.dim * predicted_floor(problem, floor_b):.5f}",
    }
    for b in LOSS_BATCH_SIZES:
        run = minibatch_sgd(
            problem, x0, learning_rate=ETA, batch_size=b, epochs=EPOCHS, seed=0, loss_every=1
        )
        per_epoch = run.steps // EPOCHS
        tag = "n" if b == problem.n else str(b)
        out[f"steps_b{tag}"] = f"{run.steps:,}"
        out[f"excess_b{tag}"] = f"{np.mean(run.losses[-per_epoch:]) - f_star:.5f}"
    return out


def _timing_facts() -> dict[str, str]:
    timings: dict[str, Any] = json.loads(TIMINGS.read_text(encoding="utf-8"))
    rows = {row["batch_size"]: row for row in timings["results"]}
    machine = timings["machine"]
    sizes = np.array(sorted(rows), dtype=np.float64)
    per_call = np.array([rows[int(b)]["seconds_per_call"] for b in sizes])
    per_example_cost, overhead = np.polyfit(sizes, per_call, 1)
    largest = int(sizes[-1])
    return {
        "machine_cpu": machine["cpu_model"],
        "machine_cpus": f"{machine['logical_cpus']}",
        "machine_numpy": machine["numpy"],
        "machine_python": machine["python"],
        "machine_date": machine["date"],
        "time_b1_us": f"{rows[1]['seconds_per_call'] * 1e6:.1f}",
        "time_b64_us": f"{rows[64]['seconds_per_call'] * 1e6:.1f}",
        "time_b64_singles_us": f"{64 * rows[1]['seconds_per_call'] * 1e6:.0f}",
        "speedup_b64": f"{rows[64]['speedup_per_example']:.0f}",
        "ratio_b64": f"{rows[64]['seconds_per_call'] / rows[1]['seconds_per_call']:.1f}",
        "b_largest": f"{largest:,}",
        "speedup_largest": f"{rows[largest]['speedup_per_example']:.0f}",
        "per_example_largest_ns": f"{rows[largest]['seconds_per_example'] * 1e9:.0f}",
        "fit_overhead_us": f"{overhead * 1e6:.1f}",
        "fit_per_example_ns": f"{per_example_cost * 1e9:.0f}",
        "break_even_b": f"{math.ceil(overhead / per_example_cost):,}",
    }


def _scale_facts() -> dict[str, str]:
    """The compute section of `make bench`: least squares at n = 10^6, d = 100.

    gdbook's epoch is `minibatch_sgd(..., loss_every=None)`; torch's time is the faster of its
    runs (all cores, one thread). The prose says the two end at the same coefficients and
    that scikit-learn's epoch is `n` single-example steps: both are checked here.
    """
    bench: dict[str, Any] = json.loads(BENCH.read_text(encoding="utf-8"))
    section = bench["sections"]["compute"]
    result = section["result"]
    settings = result["settings"]
    rows = {row["batch_size"]: row for row in result["minibatch"]}
    small, large = min(rows), max(rows)
    sklearn = result["sklearn_sgdregressor"]

    def fastest_torch(row: dict[str, Any]) -> float:
        runs = [row[key]["seconds"] for key in ("torch", "torch_1_thread") if row.get(key)]
        return float(min(runs))

    for row in rows.values():
        if not row["max_abs_diff_gdbook_torch"] < 1e-9:
            raise ValueError(f"gdbook and torch end apart at b = {row['batch_size']}: {row}")
    if sklearn["batch_size"] != 1 or sklearn["steps"] != settings["n"]:
        raise ValueError(f"scikit-learn's epoch is not n single-example steps: {sklearn}")
    gradient = result["full_gradient"]["gdbook_seconds"]
    return {
        "scale_n": f"{settings['n']:,}",
        "scale_d": f"{settings['d']}",
        "scale_mb": f"{settings['X_megabytes']:.0f}",
        "scale_machine": bench["machine"]["cpu_model"],
        "scale_cpus": f"{bench['machine']['logical_cpus']}",
        "scale_date": section["started"][:10],
        "scale_grad_s": f"{gradient:.3f}",
        "scale_floor_s": f"{result['floor']['two_passes_seconds']:.3f}",
        "scale_grad_ratio": f"{result['full_gradient']['ratio_to_floor']:.2f}",
        "scale_b_small": f"{small:,}",
        "scale_b_large": f"{large:,}",
        "scale_steps_small": f"{rows[small]['steps']:,}",
        "scale_epoch_small_s": f"{rows[small]['gdbook']['seconds']:.2f}",
        "scale_torch_small_s": f"{fastest_torch(rows[small]):.2f}",
        "scale_epoch_large_s": f"{rows[large]['gdbook']['seconds']:.2f}",
        "scale_torch_large_s": f"{fastest_torch(rows[large]):.2f}",
        "scale_epoch_grads_small": f"{rows[small]['gdbook']['seconds'] / gradient:.0f}",
        "scale_every_step_small_s": f"{rows[small]['gdbook_loss_every_step']['seconds']:,.0f}",
        "scale_sklearn_s": f"{sklearn['seconds']:.2f}",
    }


def facts() -> dict[str, str]:
    """Chapter 6's facts, keyed as the pages write them (``{{ ch06.key }}``)."""
    problem = _problem()
    return {
        **_counting_facts(problem),
        **_variance_facts(problem),
        **_loss_facts(problem),
        **_timing_facts(),
        **_scale_facts(),
    }


if __name__ == "__main__":
    for key, value in facts().items():
        print(f"{key:24} {value}")
