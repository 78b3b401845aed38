import numpy as np

from gdbook import LeastSquares, check_gradient

problem = LeastSquares(A, y)  # f(x) = (1/n) ||y - A x||^2


def gradient(x):
    """The formula derived above: -(2/n) A^T (y - A x)."""
    return -2 / n * A.T @ (y - A @ x)


x = np.array([0.5, -1.0])  # any point will do
check = check_gradient(problem, gradient, x)
print(f"formula:            ({check.analytic[0]:.8f}, {check.analytic[1]:.8f})")
print(f"finite differences: ({check.numerical[0]:.8f}, {check.numerical[1]:.8f})")
print(f"relative error {check.relative_error:.1e}, passed: {check.passed}")
