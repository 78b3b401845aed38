"""Chapter 6, minibatch SGD: the page's claims against closed forms, and the timings file."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import io
import itertools
import json
import math
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

import gdbook
from book.chapters.ch06 import facts as facts_module

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "book" / "chapters" / "ch06" / "code"
PAGES = (ROOT / "docs" / "sgd" / "minibatch.md", ROOT / "docs" / "sgd" / "minibatch.ko.md")
TIMINGS = ROOT / "benchmarks" / "results" / "vectorization.json"
BENCH = ROOT / "benchmarks" / "results" / "bench.json"
FACTS = facts_module.facts()
PAGE_ORDER = (
    "setup",
    "batch_count",
    "minibatch_variance",
    "loss_by_batch",
    "vectorization",
    "identities",
)


@pytest.fixture(scope="module")
def problem() -> gdbook.LeastSquares:
    data = gdbook.book_regression()
    return gdbook.LeastSquares(data.X, data.y)


@pytest.fixture(scope="module")
def printed() -> dict[str, str]:
    """Run the page's code files in page order, in one namespace, from the repository root."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    outputs = {}
    with contextlib.chdir(ROOT):
        for name in PAGE_ORDER:
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                path = CODE / f"{name}.py"
                exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
            outputs[name] = buffer.getvalue()
    return outputs


def test_every_code_file_is_on_both_pages() -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        included = [line.split('"')[1] for line in text.splitlines() if line.startswith("--8<--")]
        assert included == [f"ch06/code/{name}.py" for name in PAGE_ORDER], page.name
        for heading in ("minibatch", "epochs", "variance", "vectorization"):
            assert f"{{ #{heading} }}" in text, (page.name, heading)
        assert '{{ explorer("minibatch") }}' in text
        for figure in ("ch06-variance", "ch06-loss-by-batch"):
            assert f'{{{{ figure("{figure}") }}}}' in text


def test_comparison_table_has_a_header_row() -> None:
    for page in PAGES:
        lines = page.read_text(encoding="utf-8").splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("| |"))
        assert set(lines[start + 1].replace("|", "").split()) == {"---"}
        assert len(lines[start].split("|")) == len(lines[start + 1].split("|")) == 6
        rows = list(itertools.takewhile(lambda line: line.startswith("|"), lines[start + 2 :]))
        assert len(rows) == 5  # updates, cost, memory, noise, hardware


# --- batch counting -------------------------------------------------------------------------


def test_batch_counting_for_n_1000_and_b_64(problem: gdbook.LeastSquares) -> None:
    assert divmod(1000, 64) == (15, 40)
    run = gdbook.minibatch_sgd(
        problem, [0.0, 0.0], learning_rate=0.1, batch_size=64, epochs=3, seed=0
    )
    sizes = np.diff(run.examples)
    np.testing.assert_array_equal(sizes, ([64] * 15 + [40]) * 3)
    assert run.steps == 3 * math.ceil(1000 / 64) == 48
    dropped = gdbook.minibatch_sgd(
        problem, [0.0, 0.0], learning_rate=0.1, batch_size=64, epochs=3, seed=0, drop_last=True
    )
    np.testing.assert_array_equal(np.diff(dropped.examples), [64] * 45)
    assert FACTS["full_batches"] == "15" and FACTS["last_batch"] == "40"
    assert FACTS["steps_per_epoch"] == "16" and FACTS["steps_drop_last"] == "15"
    assert FACTS["examples_drop_last"] == "960" and FACTS["last_batch_weight"] == "1.6"


def test_batch_count_output(printed: dict[str, str]) -> None:
    out = printed["batch_count"]
    assert "n = 1000, b = 64: 15 full batches and a last one of 40" in out
    assert "drop_last=False: 16 steps, 1000 examples, last batch sizes [64, 64, 40]" in out
    assert "drop_last=True : 15 steps, 960 examples, last batch sizes [64, 64, 64]" in out


# --- variance -------------------------------------------------------------------------------


def test_finite_population_correction_by_enumeration() -> None:
    """Exact variance over every subset (without) and every tuple (with replacement)."""
    rng = np.random.default_rng(0)
    n = 7
    gradients = rng.normal(size=(n, 3))
    full = gradients.mean(axis=0)
    sigma2 = np.mean(np.sum((gradients - full) ** 2, axis=1))
    for b in range(1, n + 1):
        subsets = itertools.combinations(range(n), b)
        without = np.mean([np.sum((gradients[list(s)].mean(axis=0) - full) ** 2) for s in subsets])
        assert without == pytest.approx(sigma2 / b * (n - b) / (n - 1), abs=1e-12)
        if b <= 4:
            tuples = itertools.product(range(n), repeat=b)
            with_ = np.mean([np.sum((gradients[list(s)].mean(axis=0) - full) ** 2) for s in tuples])
            assert with_ == pytest.approx(sigma2 / b, rel=1e-12)


def test_cross_term_of_two_distinct_examples_is_minus_sigma2_over_n_minus_1() -> None:
    rng = np.random.default_rng(1)
    n = 9
    deviations = rng.normal(size=(n, 2))
    deviations -= deviations.mean(axis=0)  # deviations from the mean sum to zero
    sigma2 = np.mean(np.sum(deviations**2, axis=1))
    pairs = [deviations[i] @ deviations[j] for i in range(n) for j in range(n) if i != j]
    assert np.mean(pairs) == pytest.approx(-sigma2 / (n - 1), rel=1e-12)


def test_variance_falls_like_one_over_b(problem: gdbook.LeastSquares) -> None:
    beta = np.zeros(2)
    full = problem.gradient(beta)
    per_example = problem.example_gradients(beta)
    sigma2 = float(np.mean(np.sum((per_example - full) ** 2, axis=1)))
    rng = np.random.default_rng(5)
    sizes = 2 ** np.arange(10)
    measured = []
    for b in sizes:
        draws = rng.integers(0, problem.n, size=(4000, b))
        variance = np.mean(np.sum((per_example[draws].mean(axis=1) - full) ** 2, axis=1))
        assert variance == pytest.approx(sigma2 / b, rel=0.1)
        measured.append(variance)
    slope = np.polyfit(np.log(sizes), np.log(measured), 1)[0]
    assert slope == pytest.approx(-1.0, abs=0.03)
    # the page's own fit
    assert float(FACTS["variance_slope"]) == pytest.approx(-1.0, abs=0.03)


def test_variance_facts_and_output(printed: dict[str, str]) -> None:
    sigma2, n, b = float(FACTS["sigma2"]), 1000, int(FACTS["b_big"])
    assert float(FACTS["predicted_with_big"]) == pytest.approx(sigma2 / b, abs=1e-3)
    fpc = (n - b) / (n - 1)
    assert FACTS["fpc_big"] == f"{fpc:.3f}"
    assert float(FACTS["var_with_big"]) == pytest.approx(sigma2 / b, rel=0.1)
    assert float(FACTS["var_without_big"]) == pytest.approx(sigma2 / b * fpc, rel=0.1)
    out = printed["minibatch_variance"]
    assert f"sigma^2 = {FACTS['sigma2']}" in out
    assert f"with replacement: {FACTS['variance_slope']}" in out


def test_stability_limit_fact(problem: gdbook.LeastSquares) -> None:
    eigenvalues = np.linalg.eigvalsh(problem.hessian([0.0, 0.0]))
    assert FACTS["lipschitz"] == f"{eigenvalues.max():.2f}"
    assert FACTS["eta_limit"] == f"{2 / eigenvalues.max():.3f}"
    # the exercise: eta = 0.8 > 2/L blows up even with minibatches of 64
    run = gdbook.minibatch_sgd(
        problem, [0.0, 0.0], learning_rate=0.8, batch_size=64, epochs=10, seed=0
    )
    assert run.losses[-1] > 1e6 or run.diverged


# --- loss by batch size ---------------------------------------------------------------------


def test_loss_by_batch_claims(printed: dict[str, str]) -> None:
    excess = {b: float(FACTS[f"excess_b{b}"]) for b in ("1", "8", "64", "n")}
    assert excess["64"] < excess["8"] < excess["1"]
    assert excess["64"] < excess["n"]
    assert [FACTS[f"steps_b{b}"] for b in ("1", "8", "64", "n")] == ["10,000", "1,250", "160", "10"]
    rows = {line.split()[0]: line.split() for line in printed["loss_by_batch"].splitlines()[3:]}
    for b in ("1", "8", "64"):
        assert rows[b][-1] == FACTS[f"excess_b{b}"]
    assert rows["1000"][-1] == FACTS["excess_bn"]


# --- identities -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 7])
def test_batch_size_one_is_shuffled_sgd_and_batch_size_n_is_gd(
    problem: gdbook.LeastSquares, seed: int
) -> None:
    one = gdbook.minibatch_sgd(
        problem, [0.0, 0.0], learning_rate=0.01, batch_size=1, epochs=2, seed=seed
    )
    single = gdbook.sgd(
        problem, [0.0, 0.0], learning_rate=0.01, steps=2 * problem.n, sampling="shuffle", seed=seed
    )
    np.testing.assert_array_equal(one.iterates, single.iterates)
    np.testing.assert_array_equal(one.losses, single.losses)
    everything = gdbook.minibatch_sgd(
        problem, [0.0, 0.0], learning_rate=0.1, batch_size=problem.n, epochs=20, seed=seed
    )
    gd = gdbook.gradient_descent(problem, [0.0, 0.0], learning_rate=0.1, steps=20)
    np.testing.assert_array_equal(everything.iterates, gd.iterates)
    np.testing.assert_array_equal(everything.examples, gd.examples)


def test_identities_output(printed: dict[str, str]) -> None:
    lines = printed["identities"].strip().splitlines()
    assert len(lines) == 2 and all(line.endswith("True") for line in lines)


# --- vectorization timings ------------------------------------------------------------------


def check_timings_document(document: dict[str, object]) -> None:
    assert document["schema_version"] == 1
    assert document["function"] == "gdbook.LeastSquares.batch_gradient"
    machine = document["machine"]
    assert isinstance(machine, dict)
    for key in ("cpu_model", "platform", "machine", "python", "numpy", "date"):
        assert isinstance(machine[key], str) and machine[key].strip(), key
    assert isinstance(machine["logical_cpus"], int) and machine["logical_cpus"] >= 1
    # recorded by the script since the load field was added; the committed run predates it
    load = machine.get("load_average", [])
    assert isinstance(load, list) and all(isinstance(v, float) and v >= 0 for v in load)
    dt.date.fromisoformat(machine["date"])
    settings = document["settings"]
    assert isinstance(settings, dict)
    assert settings["n"] == 1000 and settings["d"] == 2
    assert settings["statistic"] == "median" and settings["clock"] == "time.perf_counter"
    assert isinstance(settings["repeats"], int) and settings["repeats"] >= 1
    rows = document["results"]
    assert isinstance(rows, list)
    assert [row["batch_size"] for row in rows] == [2**k for k in range(11)]
    single = rows[0]["seconds_per_call"]
    for row in rows:
        assert set(row) == {
            "batch_size",
            "seconds_per_call",
            "seconds_per_example",
            "speedup_per_example",
        }
        assert 0 < row["seconds_per_call"] < 1
        assert row["seconds_per_example"] == pytest.approx(
            row["seconds_per_call"] / row["batch_size"], rel=1e-12
        )
        assert row["speedup_per_example"] == pytest.approx(
            single / row["seconds_per_example"], rel=1e-12
        )


def test_committed_timings_follow_the_schema() -> None:
    document = json.loads(TIMINGS.read_text(encoding="utf-8"))
    check_timings_document(document)
    # vectorisation pays: per example, a batch of 64 is much cheaper than 64 single calls
    rows = {row["batch_size"]: row for row in document["results"]}
    assert rows[64]["speedup_per_example"] > 5
    assert rows[64]["seconds_per_call"] < 64 * rows[1]["seconds_per_call"]


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "vectorization_benchmark", ROOT / "benchmarks" / "vectorization.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_script_writes_the_same_schema(tmp_path: Path) -> None:
    benchmark = load_benchmark()
    output = tmp_path / "vectorization.json"
    with contextlib.redirect_stdout(io.StringIO()):
        benchmark.main(["--repeats", "1", "--target-seconds", "0.0005", "--output", str(output)])
    document = json.loads(output.read_text(encoding="utf-8"))
    check_timings_document(document)
    assert "load_average" in document["machine"]


def test_timing_facts_come_from_the_committed_file(printed: dict[str, str]) -> None:
    document = json.loads(TIMINGS.read_text(encoding="utf-8"))
    rows = {row["batch_size"]: row for row in document["results"]}
    assert FACTS["machine_cpu"] == document["machine"]["cpu_model"]
    assert FACTS["machine_numpy"] == document["machine"]["numpy"]
    assert FACTS["time_b1_us"] == f"{rows[1]['seconds_per_call'] * 1e6:.1f}"
    assert FACTS["speedup_b64"] == f"{rows[64]['speedup_per_example']:.0f}"
    ratio = rows[64]["seconds_per_call"] / rows[1]["seconds_per_call"]
    assert FACTS["ratio_b64"] == f"{ratio:.1f}" and ratio < 64
    out = printed["vectorization"]
    assert out.splitlines()[0].startswith(document["machine"]["cpu_model"])
    fit = next(line for line in out.splitlines() if line.startswith("fit:"))
    overhead, per_example = (float(word) for word in fit.split() if word[0].isdigit())
    assert f"{overhead:.1f}" == FACTS["fit_overhead_us"]
    assert f"{per_example:.0f}" == FACTS["fit_per_example_ns"]
    assert (
        FACTS["break_even_b"] == f"{math.ceil(overhead * 1e3 / per_example):,}"
        or abs(int(FACTS["break_even_b"].replace(",", "")) - overhead * 1e3 / per_example)
        < 0.1 * overhead * 1e3 / per_example
    )


def test_scale_facts_come_from_the_committed_compute_benchmark() -> None:
    """The prose quotes a full-size `make bench` run in which gdbook's epoch skipped the
    per-step loss (`loss_every=None`) and both epochs ran to the end, not extrapolated."""
    bench = json.loads(BENCH.read_text(encoding="utf-8"))
    section = bench["sections"]["compute"]
    result = section["result"]
    assert not section["quick"] and result["settings"]["n"] == 1_000_000
    rows = {row["batch_size"]: row for row in result["minibatch"]}
    assert (FACTS["scale_b_small"], FACTS["scale_b_large"]) == ("64", "1,024")
    for b, size in ((64, "small"), (1024, "large")):
        gd, torch = rows[b]["gdbook"], rows[b]["torch_1_thread"]
        assert gd["loss_every"] is None and not gd["extrapolated"]
        assert gd["final_loss"] == pytest.approx(torch["final_loss"], rel=1e-9)
        assert FACTS[f"scale_epoch_{size}_s"] == f"{gd['seconds']:.2f}"
        fastest = min(rows[b]["torch"]["seconds"], torch["seconds"])
        assert FACTS[f"scale_torch_{size}_s"] == f"{fastest:.2f}"
    assert rows[64]["gdbook_loss_every_step"]["loss_every"] == 1
    floor = result["floor"]["two_passes_seconds"]
    assert FACTS["scale_floor_s"] == f"{floor:.3f}"
    ratio = result["full_gradient"]["gdbook_seconds"] / floor
    assert float(FACTS["scale_grad_ratio"]) == pytest.approx(ratio, abs=0.006)
    assert FACTS["scale_sklearn_s"] == f"{result['sklearn_sgdregressor']['seconds']:.2f}"


def test_vectorization_code_runs_outside_the_repository(tmp_path: Path) -> None:
    """A downloaded notebook has no committed timings; the code says so instead of failing."""
    code = (CODE / "vectorization.py").read_text(encoding="utf-8")
    buffer = io.StringIO()
    with contextlib.chdir(tmp_path), contextlib.redirect_stdout(buffer):
        exec(compile(code, "vectorization.py", "exec"), {"np": np, "__name__": "__main__"})
    assert "run benchmarks/vectorization.py" in buffer.getvalue()


def test_noise_floor_prediction_matches_the_measured_excess_loss(
    problem: gdbook.LeastSquares,
) -> None:
    """The floor eta sigma^2/(4b) (n-b)/(n-1) predicts the b = 64 run's last-epoch loss.

    Tolerance 25%: the prediction drops the terms of order eta lambda_j / 2 of
    eta nu_j^2 / (2 (2 - eta lambda_j)) (eta lambda_max is about 0.27 here, up to 16%), and
    assumes noise unbiased given the past, which shuffled epochs are not; the measurement is
    one run's mean over one epoch of 16 correlated steps. The per-coordinate misreading,
    d = 2 times larger, must fall outside the same tolerance.
    """
    b = facts_module.FLOOR_BATCH_SIZE
    assert b in facts_module.LOSS_BATCH_SIZES
    predicted = facts_module.predicted_floor(problem, b)
    measured = float(FACTS[f"excess_b{b}"])
    assert FACTS["floor_predicted"] == f"{predicted:.5f}"
    assert abs(measured - predicted) / predicted < 0.25
    assert abs(measured - problem.dim * predicted) / (problem.dim * predicted) > 0.25
    # sigma^2 at the minimiser is the total variance of the example gradients there
    x_hat = problem.solve()
    spread = problem.example_gradients(x_hat) - problem.gradient(x_hat)
    total = float(np.trace(spread.T @ spread) / problem.n)
    assert facts_module.variance_at_minimiser(problem) == pytest.approx(total, rel=1e-12)
