import numpy as np

from gdbook import LeastSquares, check_gradient

problem = LeastSquares(X, y)  # f(beta) = (1/n) ||y - X beta||^2


def gradient(beta):
    """The formula derived above: -(2/n) X^T (y - X beta)."""
    return -2 / n * X.T @ (y - X @ beta)


beta = np.array([0.5, -1.0])  # any point will do
check = check_gradient(problem, gradient, beta)
print(f"formula:            ({check.analytic[0]:.8f}, {check.analytic[1]:.8f})")
print(f"finite differences: ({check.numerical[0]:.8f}, {check.numerical[1]:.8f})")
print(f"relative error {check.relative_error:.1e}, passed: {check.passed}")
