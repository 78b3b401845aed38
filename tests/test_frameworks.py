"""Chapter 8: PyTorch and TensorFlow run the same SGD update as gdbook.

The framework code of the chapter lives in ``book/chapters/ch08/code/torch_step.py`` and ``tf_step.py``;
neither framework is a dependency of the book, so each comparison is skipped, with the reason,
when its framework is not installed. Where it is, one minibatch step and one whole epoch must
agree with gdbook to 1e-12 in float64.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

import gdbook

CODE = Path(__file__).resolve().parent.parent / "book" / "chapters" / "ch08" / "code"
TOLERANCE = 1e-12
ETA, BATCH_SIZE, SEED = 0.1, 32, 0

FRAMEWORKS = {
    "torch": (
        "torch_step",
        "torch",
        "PyTorch is not installed; install torch to compare one SGD step",
    ),
    "tensorflow": (
        "tf_step",
        "tf",
        "TensorFlow is not installed; install tensorflow to compare one SGD step",
    ),
}


def load(name: str) -> ModuleType:
    """Import ``book/chapters/ch08/code/<name>.py`` from its path."""
    spec = importlib.util.spec_from_file_location(f"gdbook_ch08_{name}", CODE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def framework_module(package: str) -> tuple[ModuleType, str]:
    """Skip unless ``package`` imports; return the chapter's file for it and its prefix."""
    file, prefix, reason = FRAMEWORKS[package]
    pytest.importorskip(package, reason=reason)
    return load(file), prefix


@pytest.fixture(scope="module")
def gdbook_tab() -> dict[str, object]:
    """The namespace of the page's gdbook tab (``gdbook_step.py``), run as on the page."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec((CODE / "gdbook_step.py").read_text(encoding="utf-8"), namespace)
    return namespace


@pytest.fixture(scope="module")
def problem() -> gdbook.LeastSquares:
    data = gdbook.book_regression()
    return gdbook.LeastSquares(data.X, data.y)


def one_epoch_of_batches(n: int) -> list[np.ndarray]:
    """The batches of gdbook.minibatch_sgd's first epoch: one permutation, cut in order."""
    order = np.random.default_rng(SEED).permutation(n)
    return [order[start : start + BATCH_SIZE] for start in range(0, n, BATCH_SIZE)]


def test_gdbook_tab_is_the_sgd_update(gdbook_tab: dict[str, object], problem) -> None:
    idx, x0, x1 = gdbook_tab["idx"], gdbook_tab["x0"], gdbook_tab["x1"]
    assert len(idx) == BATCH_SIZE and len(set(idx.tolist())) == BATCH_SIZE  # no repeats
    expected = x0 - ETA * (-2 / BATCH_SIZE) * problem.X[idx].T @ (
        problem.y[idx] - problem.X[idx] @ x0
    )
    np.testing.assert_allclose(x1, expected, rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("package", list(FRAMEWORKS))
def test_one_step_agrees_with_gdbook(package: str, gdbook_tab: dict[str, object]) -> None:
    module, prefix = framework_module(package)
    step = getattr(module, f"{prefix}_sgd_step")
    data = gdbook.book_regression()
    idx, x0 = gdbook_tab["idx"], gdbook_tab["x0"]
    result = step(data.X, data.y, x0, ETA, idx)
    assert result.dtype == np.float64
    np.testing.assert_allclose(result, gdbook_tab["x1"], rtol=0, atol=TOLERANCE)
    assert not np.array_equal(result, x0)  # the step moved


@pytest.mark.parametrize("package", list(FRAMEWORKS))
def test_one_epoch_agrees_with_minibatch_sgd(package: str, problem) -> None:
    module, prefix = framework_module(package)
    loop = getattr(module, f"{prefix}_minibatch_sgd")
    batches = one_epoch_of_batches(problem.n)
    run = gdbook.minibatch_sgd(
        problem, np.zeros(2), learning_rate=ETA, batch_size=BATCH_SIZE, epochs=1, seed=SEED
    )
    assert run.steps == len(batches)
    result = loop(problem.X, problem.y, np.zeros(2), ETA, batches)
    np.testing.assert_allclose(result, run.final, rtol=0, atol=TOLERANCE)
