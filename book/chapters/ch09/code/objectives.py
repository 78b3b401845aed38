import numpy as np


class Cosh:
    """f(x) = cosh(c x): f'(x) = c sinh(c x), f''(x) = c^2 cosh(c x) > 0."""

    dim = 1

    def __init__(self, c):
        self.c = c

    def __call__(self, x):
        return float(np.cosh(self.c * np.ravel(x)[0]))

    def gradient(self, x):
        return self.c * np.sinh(self.c * np.ravel(x))  # shape (1,)

    def hessian(self, x):
        return (self.c**2 * np.cosh(self.c * np.ravel(x))).reshape(1, 1)


class QuadraticForm:
    """f(x) = x^T H x / 2 for a symmetric positive definite H: gradient H x, Hessian H."""

    def __init__(self, H):
        self.H = np.asarray(H, dtype=float)
        self.dim = len(self.H)

    def __call__(self, x):
        return float(0.5 * x @ self.H @ x)

    def gradient(self, x):
        return self.H @ x

    def hessian(self, x):
        return self.H
