import numpy as np

from gdbook import LeastSquares, book_regression

data = book_regression()  # chapter 4's data: n = 1000 examples, y = 2 + 3x + noise
problem = LeastSquares(data.X, data.y)
x0 = np.array([0.0, 0.0])
f_star = problem(problem.solve())  # the smallest reachable loss
print(f"n = {problem.n} examples, smallest loss f* = {f_star:.4f}")
