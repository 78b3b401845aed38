"""Compute: least squares with n = 10^6, d = 100, float64 (``--quick``: n = 10^5).

Problem. ``X`` has i.i.d. standard normal entries (seed 0), ``y = X beta_true + eps`` with
``beta_true ~ N(0, I)`` and ``eps ~ N(0, 0.5^2)``; the objective is gdbook's
``f(beta) = mean((y - X beta)^2)``. ``X`` is generated once and handed to
``gdbook.LeastSquares``, which keeps its own read-only copy; the benchmark then drops its
array and measures everything on that copy, so one 800 MB matrix is alive (two for a moment).

Full gradient. The memory-bandwidth floor is two plain numpy passes over ``X``:
``X @ v`` (one read of ``X``) plus ``X.T @ w`` (another), each the best of 5. The gradient
``LeastSquares.gradient(beta)`` (best of 5) needs exactly those two passes, so its ratio to
the floor says how much it spends beyond reading ``X`` twice. Target: <= 1.5. The timed
calls take turns (floor, gradient, loss, ...; five rounds), so they all see the same load.

Minibatch epoch. One epoch (``epochs=1``, one ``rng.permutation(n)`` cut into batches of
``b``, last partial batch kept) at b = 64 and b = 1024, constant learning rate ``eta``,
from ``beta = 0``, timed once each (the ratios are "from one run"). A gdbook epoch that is
still running after ``BUDGET`` seconds is stopped and its time extrapolated from the steps
done (every step costs the same), and the results say so:

- ``gdbook.minibatch_sgd(problem, 0, learning_rate=eta, batch_size=b, epochs=1, seed=1,
  loss_every=None)``: the full loss (a pass over all of ``X``) is recorded at the start and
  the end of the epoch only, as one trains at this size (the default, ``"auto"``, would add
  one pass at the end of the epoch, which is the end here). ``loss_every=1`` (the default
  before issue #14) records it after every step, which costs ``n / b`` passes over ``X`` per epoch; that
  variant gets ``LOSS_EVERY_STEP_BUDGET`` seconds and its time is extrapolated (a
  diagnostic, not the target);
- the same update with ``torch.optim.SGD`` (float64 tensors sharing ``X``'s memory,
  ``torch.set_num_threads(cores)``, the same permutation, so the same batches in the same
  order, loss ``mean((y_B - X_B beta)^2)``, ``zero_grad`` / ``backward`` / ``step``);
  the permutation is drawn inside the timed region for both;
- scikit-learn's ``SGDRegressor`` can only do b = 1, so it is reported as such: one epoch
  (``max_iter=1, tol=None``) with its own shuffle, ``penalty=None``,
  ``fit_intercept=False``, ``learning_rate='constant'``, ``eta0 = 2 eta`` (its loss is
  ``(y - x beta)^2 / 2``, so ``eta0 = 2 eta`` takes the same step as gdbook at b = 1).

For each, the final loss ``f(beta_final)`` is reported, computed with gdbook on the same data.
On a machine with more than one core, torch is also timed with one thread: OpenMP with as
many threads as cores stalls badly when other processes share the cores, and the target is
judged against the faster of the two torch runs.

Diagnostics (not targets): "gdbook batch_gradient loop" times the bare update
``beta -= eta * problem.batch_gradient(beta, batch)`` over the same batches, the cost of the
arithmetic without the bookkeeping of a ``Trajectory``; "blocked one-pass gradient" is plain
numpy that walks ``X`` in row blocks small enough to stay in the CPU cache, so it reads ``X``
from memory once, not twice; "streaming floor" is ``2 x (X @ v)``, the two passes at the
speed of the faster one.

Per-step overhead (target <= 2). On a small least-squares problem (n = 10^4, d = 10, the
data in cache, so the bookkeeping is not hidden behind memory traffic), ``gdbook.sgd`` with
its default recording (``loss_every="auto"``: the full loss once per epoch) is timed against
the same update in plain numpy over the same draws::

    rows = X[idx]; beta = beta - eta * ((-2 / b) * (rows.T @ (y[idx] - rows @ beta)))

``OVERHEAD_STEPS`` steps each, taking turns, best of ``REPEATS``; the ratio is gdbook's time
per step over plain numpy's. Also reported: the same with ``loss_every=None`` and with
``loss_every=1`` (the full loss after every step, O(n) each), and 2,000 default SGD steps at
n = 200,000 against the same run recording every step (the cost of issue #14's old default).
Run only this part with ``python -m benchmarks.compute --overhead``.
"""

from __future__ import annotations

import gc
import importlib.util
import math
import os
import resource
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from numpy.typing import NDArray

from benchmarks import load_average

Vector = NDArray[np.float64]

FULL_N = 1_000_000
QUICK_N = 100_000
D = 100
DATA_SEED = 0
SHUFFLE_SEED = 1
NOISE_STD = 0.5
ETA = 0.002
BATCH_SIZES = (64, 1024)
REPEATS = 5
TARGET_GRADIENT_RATIO = 1.5
BUDGET = 600.0  # seconds one gdbook epoch may run before it is extrapolated
LOSS_EVERY_STEP_BUDGET = 20.0  # the same for the epoch that records the loss at every step
OVERHEAD_N, OVERHEAD_D, OVERHEAD_STEPS = 10_000, 10, 20_000
TARGET_OVERHEAD_RATIO = 2.0
BLOCK_ROWS = 2048  # 1.6 MB of X per block at d = 100: fits in this machine's L2 + L3


def interleaved_best(
    calls: dict[str, Callable[[], object]], repeats: int = REPEATS
) -> dict[str, float]:
    """Best of ``repeats`` for each call, taking turns, so that all see the same load."""
    for call in calls.values():
        call()  # warm-up
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeats):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    return {name: min(values) for name, values in times.items()}


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    """Wall time of one call and its result."""
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def cores() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def blas_info() -> list[dict[str, Any]]:
    """The BLAS libraries and their thread counts (threadpoolctl, when installed)."""
    if importlib.util.find_spec("threadpoolctl") is None:
        return []
    from threadpoolctl import threadpool_info

    keep = ("user_api", "internal_api", "version", "num_threads", "architecture", "filepath")
    return [{k: pool.get(k) for k in keep} for pool in threadpool_info()]


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def make_problem(n: int) -> tuple[Any, Vector]:
    """The seeded data, wrapped in ``gdbook.LeastSquares``; returns it and ``beta_true``."""
    from gdbook import LeastSquares

    rng = np.random.default_rng(DATA_SEED)
    X = rng.standard_normal((n, D))
    beta_true = rng.standard_normal(D)
    y = X @ beta_true + NOISE_STD * rng.standard_normal(n)
    problem = LeastSquares(X, y)  # keeps its own read-only copy of X
    del X, y
    gc.collect()
    return problem, beta_true


def blocked_gradient(problem: Any, beta: Vector, rows: int = BLOCK_ROWS) -> Vector:
    """A reference, not gdbook: the full gradient in row blocks that stay in the CPU cache.

    Each block of ``X`` is read from memory once and used for both products while it is
    cached, so the whole gradient reads ``X`` once instead of twice.
    """
    X, y = problem.X, problem.y
    total = np.zeros(X.shape[1])
    for start in range(0, X.shape[0], rows):
        block = X[start : start + rows]
        total += block.T @ (y[start : start + rows] - block @ beta)
    scaled: Vector = (-2.0 / X.shape[0]) * total
    return scaled


def batches(n: int, b: int, seed: int) -> Iterator[NDArray[np.intp]]:
    """The batches of one epoch, exactly as gdbook's ``minibatch_sgd`` cuts them."""
    order = np.random.default_rng(seed).permutation(n)
    for start in range(0, n, b):
        yield order[start : start + b]


class _OutOfTime(Exception):
    """Raised inside ``minibatch_sgd`` when its epoch has used up its time budget."""


class _Budgeted:
    """``problem`` as ``minibatch_sgd`` sees it, stopping the run when time runs out.

    Forwards ``dim``, ``n``, the value, ``gradient`` and ``batch_gradient`` unchanged (one
    Python call more per use); counts the batch gradients and raises once the budget is spent.
    """

    def __init__(self, problem: Any, budget: float) -> None:
        self.problem = problem
        self.deadline = time.perf_counter() + budget
        self.calls = 0

    @property
    def dim(self) -> int:
        return int(self.problem.dim)

    @property
    def n(self) -> int:
        return int(self.problem.n)

    def __call__(self, x: Any) -> float:
        return float(self.problem(x))

    def gradient(self, x: Any) -> Vector:
        gradient: Vector = self.problem.gradient(x)
        return gradient

    def batch_gradient(self, x: Any, idx: Any, /) -> Vector:
        if time.perf_counter() > self.deadline:
            raise _OutOfTime
        self.calls += 1
        gradient: Vector = self.problem.batch_gradient(x, idx)
        return gradient


def gdbook_epoch(
    problem: Any, b: int, budget: float | None, loss_every: int | None = None
) -> dict[str, Any]:
    """One epoch of ``gdbook.minibatch_sgd``; past ``budget`` seconds, stopped and extrapolated.

    The extrapolation is ``elapsed * steps / steps_done``: every step of an epoch costs the
    same (one batch gradient, and one full loss with ``loss_every=1``), so the rate over
    thousands of steps holds.
    """
    from gdbook import minibatch_sgd

    beta0 = np.zeros(problem.dim)
    steps = math.ceil(problem.n / b)
    subject = problem if budget is None else _Budgeted(problem, budget)
    start = time.perf_counter()
    try:
        run = minibatch_sgd(
            subject,
            beta0,
            learning_rate=ETA,
            batch_size=b,
            epochs=1,
            seed=SHUFFLE_SEED,
            loss_every=loss_every,
        )
    except _OutOfTime:
        elapsed = time.perf_counter() - start
        done = subject.calls if isinstance(subject, _Budgeted) else 0
        return {
            "loss_every": loss_every,
            "seconds": elapsed * steps / max(done, 1),
            "extrapolated": True,
            "measured_seconds": elapsed,
            "measured_steps": done,
            "steps": steps,
            "stop_reason": "time budget",
            "final_loss": None,
            "final": None,
        }
    seconds = time.perf_counter() - start
    final = np.asarray(run.final, dtype=np.float64)
    return {
        "loss_every": loss_every,
        "seconds": seconds,
        "extrapolated": False,
        "steps": int(run.steps),
        "stop_reason": str(run.stop_reason),
        "final_loss": float(problem(final)),
        "final": final,
    }


def gdbook_gradient_loop(problem: Any, b: int) -> dict[str, Any]:
    """The bare update ``beta -= eta * batch_gradient(beta, batch)`` over the same batches."""

    def epoch() -> tuple[Vector, int]:
        beta = np.zeros(problem.dim)
        steps = 0
        for batch in batches(problem.n, b, SHUFFLE_SEED):
            beta = beta - ETA * problem.batch_gradient(beta, batch)
            steps += 1
        return beta, steps

    seconds, (beta, steps) = timed(epoch)
    return {"seconds": seconds, "steps": steps, "final_loss": float(problem(beta)), "final": beta}


def torch_epoch(problem: Any, b: int, threads: int) -> dict[str, Any]:
    """One epoch of ``torch.optim.SGD`` over the same batches, float64, on the CPU."""
    import torch

    torch.set_num_threads(threads)
    with warnings.catch_warnings():
        # LeastSquares keeps X read-only; torch only reads it (no copy is made).
        warnings.filterwarnings("ignore", message="The given NumPy array is not writable")
        X = torch.from_numpy(problem.X)
        y = torch.from_numpy(problem.y)

    def run(steps_limit: int | None = None) -> tuple[Any, int]:
        beta = torch.zeros(problem.dim, dtype=torch.float64, requires_grad=True)
        optimizer = torch.optim.SGD([beta], lr=ETA)
        order = torch.from_numpy(np.random.default_rng(SHUFFLE_SEED).permutation(problem.n))
        steps = 0
        for start in range(0, problem.n, b):
            idx = order[start : start + b]
            optimizer.zero_grad(set_to_none=True)
            loss = torch.mean((y[idx] - X[idx] @ beta) ** 2)
            loss.backward()  # type: ignore[no-untyped-call]
            optimizer.step()
            steps += 1
            if steps_limit is not None and steps >= steps_limit:
                break
        return beta, steps

    run(steps_limit=20)  # warm-up: autograd and the optimizer's first-call setup
    seconds, (beta, steps) = timed(run)
    final = beta.detach().numpy().copy()
    return {
        "seconds": seconds,
        "steps": steps,
        "final_loss": float(problem(final)),
        "final": final,
        "threads": torch.get_num_threads(),
    }


def sklearn_epoch(problem: Any) -> dict[str, Any]:
    """One epoch of scikit-learn's ``SGDRegressor`` (batch size 1, its own shuffle)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import SGDRegressor

    model = SGDRegressor(
        loss="squared_error",
        penalty=None,
        fit_intercept=False,
        max_iter=1,
        tol=None,
        shuffle=True,
        random_state=SHUFFLE_SEED,
        learning_rate="constant",
        eta0=2 * ETA,
        average=False,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter=1 is the point
        seconds, _ = timed(lambda: model.fit(problem.X, problem.y))
    final = np.asarray(model.coef_, dtype=np.float64)
    return {
        "seconds": seconds,
        "steps": int(model.t_ - 1),
        "final_loss": float(problem(final)),
        "final": final,
        "eta0": 2 * ETA,
    }


def _public(entry: dict[str, Any]) -> dict[str, Any]:
    """Drop the arrays, round the floats, for the JSON."""
    out: dict[str, Any] = {}
    for key, value in entry.items():
        if key == "final":
            continue
        out[key] = round(value, 6) if isinstance(value, float) else value
    return out


def step_overhead(*, quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Seconds per step of ``gdbook.sgd`` on least squares against the plain numpy update."""
    from gdbook import LeastSquares, sgd

    steps = OVERHEAD_STEPS // 10 if quick else OVERHEAD_STEPS
    rng = np.random.default_rng(DATA_SEED)
    X = rng.standard_normal((OVERHEAD_N, OVERHEAD_D))
    y = X @ rng.standard_normal(OVERHEAD_D) + NOISE_STD * rng.standard_normal(OVERHEAD_N)
    problem = LeastSquares(X, y)
    X, y = problem.X, problem.y
    eta = ETA
    beta0 = np.zeros(OVERHEAD_D)

    def plain() -> Vector:
        # The draws sgd makes (with replacement, seed SHUFFLE_SEED), then the bare update.
        draws = np.random.default_rng(SHUFFLE_SEED).integers(0, OVERHEAD_N, size=steps)
        beta = beta0
        for t in range(steps):
            idx = draws[t : t + 1]
            rows = X[idx]
            beta = beta - eta * ((-2.0 / idx.size) * (rows.T @ (y[idx] - rows @ beta)))
        return beta

    def driver(loss_every: Any) -> Callable[[], Any]:
        return lambda: sgd(
            problem,
            beta0,
            learning_rate=eta,
            steps=steps,
            seed=SHUFFLE_SEED,
            loss_every=loss_every,
        )

    log(f"compute: per-step overhead, sgd vs plain numpy ({steps:,} steps, n = {OVERHEAD_N:,})")
    best = interleaved_best(
        {
            "plain": plain,
            "auto": driver("auto"),
            "none": driver(None),
            "every": driver(1),
        }
    )
    same = bool(np.array_equal(plain(), driver("auto")().final))
    per_step = {key: value / steps for key, value in best.items()}
    ratio = per_step["auto"] / per_step["plain"]
    log(
        f"compute: per step: plain {per_step['plain'] * 1e6:.2f} us, sgd {per_step['auto'] * 1e6:.2f} us, ratio {ratio:.2f}"
    )

    # The old default at scale: the full loss after every one of 2,000 SGD steps.
    big_n, big_steps = (20_000, 200) if quick else (200_000, 2_000)
    rng = np.random.default_rng(DATA_SEED)
    Xb = rng.standard_normal((big_n, OVERHEAD_D))
    big = LeastSquares(Xb, Xb @ np.ones(OVERHEAD_D))
    del Xb
    start = np.zeros(OVERHEAD_D)
    default_seconds, _ = timed(
        lambda: sgd(big, start, learning_rate=eta, steps=big_steps, seed=SHUFFLE_SEED)
    )
    every_seconds, _ = timed(
        lambda: sgd(big, start, learning_rate=eta, steps=big_steps, seed=SHUFFLE_SEED, loss_every=1)
    )
    return {
        "n": OVERHEAD_N,
        "d": OVERHEAD_D,
        "steps": steps,
        "statistic": f"min of {REPEATS}, interleaved",
        "plain_numpy_us_per_step": round(per_step["plain"] * 1e6, 3),
        "sgd_default_us_per_step": round(per_step["auto"] * 1e6, 3),
        "sgd_loss_every_none_us_per_step": round(per_step["none"] * 1e6, 3),
        "sgd_loss_every_1_us_per_step": round(per_step["every"] * 1e6, 3),
        "ratio": round(ratio, 3),
        "ratio_loss_every_none": round(per_step["none"] / per_step["plain"], 3),
        "target": TARGET_OVERHEAD_RATIO,
        "target_met": bool(ratio <= TARGET_OVERHEAD_RATIO),
        "same_final_beta": same,
        "large": {
            "n": big_n,
            "steps": big_steps,
            "default_seconds": round(default_seconds, 4),
            "loss_every_1_seconds": round(every_seconds, 4),
        },
    }


def render_overhead(o: dict[str, Any]) -> list[str]:
    """Markdown lines of the per-step overhead."""
    met = {True: "**met**", False: "**missed**"}
    large = o["large"]
    return [
        f"Per-step overhead: `gdbook.sgd` on least squares (n = {o['n']:,}, d = {o['d']}, "
        f"{o['steps']:,} steps, {o['statistic']}) against the same update in plain numpy:",
        "",
        "| per step | microseconds | ratio to plain numpy | target |",
        "| --- | ---: | ---: | --- |",
        f"| plain numpy update | {o['plain_numpy_us_per_step']:.2f} | 1.00 | |",
        f'| `sgd`, default recording (`loss_every="auto"`) | {o["sgd_default_us_per_step"]:.2f} | '
        f"{o['ratio']:.2f} | <= {o['target']:g} : {met[o['target_met']]} |",
        f"| `sgd`, `loss_every=None` | {o['sgd_loss_every_none_us_per_step']:.2f} | "
        f"{o['ratio_loss_every_none']:.2f} | |",
        f"| `sgd`, `loss_every=1` (full loss every step) | "
        f"{o['sgd_loss_every_1_us_per_step']:.2f} | "
        f"{o['sgd_loss_every_1_us_per_step'] / o['plain_numpy_us_per_step']:.2f} | |",
        "",
        f"{large['steps']:,} SGD steps at n = {large['n']:,}: {large['default_seconds']:.3f} s "
        f"with the default recording, {large['loss_every_1_seconds']:.3f} s with the full loss "
        "after every step.",
    ]


def run(
    *, quick: bool = False, log: Callable[[str], None] = print, budget: float | None = BUDGET
) -> dict[str, Any]:
    """Run the compute benchmark and return its JSON section.

    ``budget``: seconds one ``gdbook.minibatch_sgd`` epoch may take before it is stopped and
    its time extrapolated from the steps done (None: always run the whole epoch).
    """
    n = QUICK_N if quick else FULL_N
    threads = cores()
    have_torch = importlib.util.find_spec("torch") is not None
    have_sklearn = importlib.util.find_spec("sklearn") is not None
    notes: list[str] = []
    loads: dict[str, list[float]] = {"start": load_average()}

    overhead = step_overhead(quick=quick, log=log)
    log(f"compute: generating X ({n} x {D}, float64, {n * D * 8 / 1e6:.0f} MB), seed {DATA_SEED}")
    setup_seconds, (problem, beta_true) = timed(lambda: make_problem(n))
    X = problem.X
    v = np.ones(D)
    w = np.ones(n)

    log("compute: memory-bandwidth floor (X @ v, X.T @ w), full gradient, full loss")
    beta = np.zeros(D)
    best = interleaved_best(
        {
            "forward": lambda: X @ v,
            "backward": lambda: X.T @ w,
            "gradient": lambda: problem.gradient(beta),
            "loss": lambda: problem(beta),
            "fused": lambda: blocked_gradient(problem, beta),
        }
    )
    forward, backward = best["forward"], best["backward"]
    floor = forward + backward
    gradient, loss, fused = best["gradient"], best["loss"], best["fused"]
    fused_error = float(np.max(np.abs(blocked_gradient(problem, beta) - problem.gradient(beta))))
    ratio = gradient / floor
    loads["after_gradient"] = load_average()
    log(f"compute: gradient {gradient:.4f} s, floor {floor:.4f} s, ratio {ratio:.2f}")

    minibatch: list[dict[str, Any]] = []
    for b in BATCH_SIZES:
        steps = math.ceil(n / b)
        log(f"compute: b = {b}: gdbook.minibatch_sgd epoch ({steps} steps, loss at the ends)")
        row: dict[str, Any] = {"batch_size": b, "steps": steps}
        gd = gdbook_epoch(problem, b, budget, loss_every=None)
        log(
            f"compute: b = {b}: the same, loss after every step (about {steps * loss:.0f} s "
            f"of full-loss passes; stopped after {LOSS_EVERY_STEP_BUDGET:.0f} s)"
        )
        every = gdbook_epoch(problem, b, LOSS_EVERY_STEP_BUDGET, loss_every=1)
        row["gdbook_loss_every_step"] = _public(every)
        if gd["extrapolated"]:
            notes.append(
                f"b = {b}: the gdbook epoch was stopped after {gd['measured_steps']:,} of "
                f"{steps:,} steps ({gd['measured_seconds']:.0f} s, the time budget) and its "
                "time extrapolated; its final loss equals the bare loop's (same arithmetic)."
            )
        row["gdbook"] = _public(gd)
        log(f"compute: b = {b}: gdbook {gd['seconds']:.2f} s; bare batch_gradient loop")
        loop = gdbook_gradient_loop(problem, b)
        row["gdbook_gradient_loop"] = _public(loop)
        if have_torch:
            log(f"compute: b = {b}: torch.optim.SGD epoch, {threads} threads")
            th = torch_epoch(problem, b, threads)
            row["torch"] = _public(th)
            best = th
            if threads > 1:
                log(f"compute: b = {b}: torch.optim.SGD epoch, 1 thread")
                th1 = torch_epoch(problem, b, 1)
                row["torch_1_thread"] = _public(th1)
                best = min(th, th1, key=lambda entry: float(entry["seconds"]))
            row["gdbook_over_torch"] = round(gd["seconds"] / th["seconds"], 3)
            row["gdbook_over_fastest_torch"] = round(gd["seconds"] / best["seconds"], 3)
            row["gradient_loop_over_fastest_torch"] = round(loop["seconds"] / best["seconds"], 3)
            reference = gd["final"] if gd["final"] is not None else loop["final"]
            row["max_abs_diff_gdbook_torch"] = float(np.max(np.abs(reference - th["final"])))
            row["target_met"] = bool(gd["seconds"] < best["seconds"])
        else:
            row["torch"] = None
            row["target_met"] = None
        row["load_after"] = load_average()
        minibatch.append(row)
        gc.collect()

    sklearn_row: dict[str, Any] | None = None
    if have_sklearn:
        log("compute: b = 1: sklearn SGDRegressor epoch")
        sk = sklearn_epoch(problem)
        sklearn_row = {"batch_size": 1, **_public(sk), "load_after": load_average()}
    else:
        notes.append(
            "scikit-learn is not installed: SGDRegressor skipped (pip install -e '.[bench]')."
        )
    if not have_torch:
        notes.append(
            "torch is not installed: the PyTorch comparison was skipped "
            "(see benchmarks/README.md for the CPU-only install)."
        )

    versions: dict[str, str | None] = {"numpy": np.__version__, "torch": None, "sklearn": None}
    if have_torch:
        import torch

        versions["torch"] = str(torch.__version__)
    if have_sklearn:
        import sklearn

        versions["sklearn"] = str(sklearn.__version__)

    result: dict[str, Any] = {
        "settings": {
            "n": n,
            "d": D,
            "dtype": "float64",
            "X_megabytes": round(n * D * 8 / 1e6, 1),
            "data_seed": DATA_SEED,
            "shuffle_seed": SHUFFLE_SEED,
            "noise_std": NOISE_STD,
            "learning_rate": ETA,
            "epochs": 1,
            "start": "beta = 0",
            "threads": threads,
            "repeats_floor_and_gradient": REPEATS,
            "statistic_floor_and_gradient": "min",
            "statistic_epochs": "one run",
            "gdbook_epoch_budget_seconds": budget,
            "clock": "time.perf_counter (wall)",
            "blas": blas_info(),
            "versions": versions,
        },
        "setup_seconds": round(setup_seconds, 3),
        "initial_loss": round(float(problem(np.zeros(D))), 6),
        "loss_at_true_beta": round(float(problem(beta_true)), 6),
        "floor": {
            "X_matvec_seconds": round(forward, 6),
            "XT_matvec_seconds": round(backward, 6),
            "two_passes_seconds": round(floor, 6),
            "bandwidth_GB_per_s": round(2 * X.nbytes / floor / 1e9, 2),
            "streaming_two_passes_seconds": round(2 * forward, 6),
        },
        "full_gradient": {
            "gdbook_seconds": round(gradient, 6),
            "ratio_to_floor": round(ratio, 3),
            "target": TARGET_GRADIENT_RATIO,
            "target_met": bool(ratio <= TARGET_GRADIENT_RATIO),
            "ratio_to_streaming_floor": round(gradient / (2 * forward), 3),
        },
        "blocked_one_pass_gradient_reference": {
            "what": f"numpy, not gdbook: X in blocks of {BLOCK_ROWS} rows, both products per block",
            "seconds": round(fused, 6),
            "ratio_to_floor": round(fused / floor, 3),
            "max_abs_diff_from_gdbook": fused_error,
        },
        "full_loss_seconds": round(loss, 6),
        "minibatch": minibatch,
        "step_overhead": overhead,
        "sklearn_sgdregressor": sklearn_row,
        "peak_rss_megabytes": peak_rss_mb(),
        "loads": loads,
        "notes": notes,
    }
    return result


def _seconds(value: object) -> str:
    return f"{value:.3f} s" if isinstance(value, float | int) else "–"


def _loss(value: object) -> str:
    return f"{value:.6f}" if isinstance(value, float) else "–"


def _every_step(row: dict[str, Any]) -> str:
    every = row.get("gdbook_loss_every_step")
    if not every:
        return "–"
    return _seconds(every["seconds"]) + (" (extrapolated)" if every.get("extrapolated") else "")


def render(result: dict[str, Any]) -> list[str]:
    """The section's Markdown lines."""
    settings = result["settings"]
    floor = result["floor"]
    grad = result["full_gradient"]
    fused = result["blocked_one_pass_gradient_reference"]
    versions = settings["versions"]
    met = {True: "**met**", False: "**missed**", None: "not measured"}
    lines = [
        f"Least squares, n = {settings['n']:,}, d = {settings['d']}, float64 "
        f"(X is {settings['X_megabytes']:.0f} MB), {settings['threads']} threads; numpy "
        f"{versions['numpy']}, torch {versions['torch'] or '–'}, "
        f"scikit-learn {versions['sklearn'] or '–'}.",
        "",
        "| full gradient | seconds (best of 5) | ratio to floor | target |",
        "| --- | ---: | ---: | --- |",
        f"| floor: `X @ v` + `X.T @ w` | {floor['two_passes_seconds']:.4f} | 1.00 | |",
        f"| gdbook `LeastSquares.gradient` | {grad['gdbook_seconds']:.4f} | "
        f"{grad['ratio_to_floor']:.2f} | <= {grad['target']} : {met[grad['target_met']]} |",
        f"| streaming floor: 2 x (`X @ v`) | {floor['streaming_two_passes_seconds']:.4f} | "
        f"{floor['streaming_two_passes_seconds'] / floor['two_passes_seconds']:.2f} | |",
        f"| reference (numpy, not gdbook): blocked one-pass gradient | {fused['seconds']:.4f} | "
        f"{fused['ratio_to_floor']:.2f} | |",
        "",
        f"`X @ v` {floor['X_matvec_seconds']:.4f} s, `X.T @ w` {floor['XT_matvec_seconds']:.4f} s "
        f"({floor['bandwidth_GB_per_s']} GB/s over the two passes); one full loss "
        f"`LeastSquares(beta)` {result['full_loss_seconds']:.4f} s. Loss at beta = 0: "
        f"{result['initial_loss']:.4f}; at the true coefficients: "
        f"{result['loss_at_true_beta']:.4f}.",
        "",
        f"One epoch from beta = 0, learning rate {settings['learning_rate']}, one run each; "
        "gdbook records the full loss at the start and the end (`loss_every=None`):",
        "",
        "| batch | steps | gdbook `minibatch_sgd` | same, loss after every step | "
        "bare `batch_gradient` loop | torch "
        f"({settings['threads']} threads) | torch (1 thread) | gdbook / fastest torch | "
        "final loss (gdbook, torch) | target: faster than torch |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in result["minibatch"]:
        torch_row = row.get("torch") or {}
        torch_one = row.get("torch_1_thread") or {}
        ratio = row.get("gdbook_over_fastest_torch")
        lines.append(
            f"| {row['batch_size']} | {row['steps']:,} | {_seconds(row['gdbook']['seconds'])}"
            f"{' (extrapolated)' if row['gdbook'].get('extrapolated') else ''} | "
            f"{_every_step(row)} | "
            f"{_seconds(row['gdbook_gradient_loop']['seconds'])} | "
            f"{_seconds(torch_row.get('seconds'))} | {_seconds(torch_one.get('seconds'))} | "
            f"{f'{ratio:.2f}x' if ratio is not None else '–'} | "
            f"{_loss(row['gdbook']['final_loss'] or row['gdbook_gradient_loop']['final_loss'])}, "
            f"{_loss(torch_row.get('final_loss'))} | {met[row['target_met']]} |"
        )
    overhead = result.get("step_overhead")
    if overhead:
        lines += ["", *render_overhead(overhead)]
    sk = result.get("sklearn_sgdregressor")
    if sk:
        lines += [
            "",
            f"scikit-learn `SGDRegressor` (batch size 1 only, its own shuffle, eta0 = "
            f"{sk['eta0']}): one epoch of {sk['steps']:,} steps in {sk['seconds']:.3f} s, "
            f"final loss {sk['final_loss']:.6f}.",
        ]
    return lines


if __name__ == "__main__":
    import sys

    # Only the per-step overhead (seconds, not the 1.7 GB of the full section); prints its
    # table and touches no results file.
    if sys.argv[1:] not in (["--overhead"], ["--overhead", "--quick"]):
        raise SystemExit("usage: python -m benchmarks.compute --overhead [--quick]")
    print("\n".join(render_overhead(step_overhead(quick="--quick" in sys.argv))))
