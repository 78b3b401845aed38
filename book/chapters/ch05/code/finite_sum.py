import numpy as np

from gdbook import LeastSquares, book_regression

data = book_regression()  # chapter 4's data: y = 2 + 3x + noise, n = 1000
problem = LeastSquares(data.X, data.y)  # f(x) = mean of (y_i - a_i . x)^2
x0 = np.array([0.0, 0.0])

per_example = problem.example_gradients(x0)  # row i is grad f_i(x)
print(f"n = {problem.n} examples, d = {problem.dim} parameters")
print(f"per-example gradients: array of shape {per_example.shape}")
print(f"a full gradient evaluates {problem.n} of them, a stochastic gradient 1")
