from dataclasses import dataclass

import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


@dataclass(frozen=True)
class SigmoidUnit:
    """f(x) = (1 - s(x))^2 with s(x) = 1 / (1 + e^-x): a sigmoid unit that should output 1."""

    dim = 1

    def __call__(self, x):
        s = sigmoid(np.asarray(x, dtype=float).reshape(-1)[0])
        return float((1.0 - s) ** 2)

    def gradient(self, x):
        s = sigmoid(np.asarray(x, dtype=float).reshape(1))
        return -2.0 * s * (1.0 - s) ** 2  # chain rule with s'(x) = s (1 - s)


@dataclass(frozen=True)
class Saddle:
    """f(x, y) = x^2 - y^2: a minimum along x, a maximum along y, a saddle point at 0."""

    dim = 2

    def __call__(self, p):
        x, y = np.asarray(p, dtype=float)
        return float(x * x - y * y)

    def gradient(self, p):
        x, y = np.asarray(p, dtype=float)
        return np.array([2.0 * x, -2.0 * y])
