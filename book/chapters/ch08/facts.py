"""Facts of chapter 8, the same algorithm in PyTorch and TensorFlow.

The page runs only the gdbook version at build time; these are its numbers, formatted as the
prose quotes them.
"""

from __future__ import annotations

import numpy as np

import gdbook

BATCH_SIZE, ETA, EPOCHS, SEED = 32, 0.1, 5, 0


def facts() -> dict[str, str]:
    data = gdbook.book_regression()
    problem = gdbook.LeastSquares(data.X, data.y)
    rng = np.random.default_rng(SEED)
    idx = rng.choice(problem.n, size=BATCH_SIZE, replace=False)
    beta1 = np.zeros(2) - ETA * problem.batch_gradient(np.zeros(2), idx)
    run = gdbook.minibatch_sgd(
        problem, np.zeros(2), learning_rate=ETA, batch_size=BATCH_SIZE, epochs=EPOCHS, seed=SEED
    )
    # The same step in 32-bit arithmetic, as the frameworks compute by default.
    X32, y32 = data.X[idx].astype(np.float32), data.y[idx].astype(np.float32)
    grad32 = np.float32(-2.0 / BATCH_SIZE) * (X32.T @ (y32 - X32 @ np.zeros(2, np.float32)))
    beta1_32 = np.zeros(2, np.float32) - np.float32(ETA) * grad32
    mantissa, exponent = f"{np.max(np.abs(beta1_32 - beta1)):.1e}".split("e")
    return {
        "float32_diff": f"{mantissa}\\times10^{{{int(exponent)}}}",
        "step_x1": f"({beta1[0]:.4f}, {beta1[1]:.4f})",
        "loop_steps": f"{run.steps}",
        "loop_distance": f"{np.linalg.norm(run.final - problem.solve()):.4f}",
    }
