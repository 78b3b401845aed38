import numpy as np

from gdbook import LeastSquares, book_regression, minibatch_sgd

data = book_regression()
problem = LeastSquares(data.X, data.y)
run = minibatch_sgd(problem, np.zeros(2), learning_rate=0.1, batch_size=32, epochs=5, seed=0)
x_hat = problem.solve()  # the closed-form least-squares solution of chapter 4
print(f"after {run.steps} steps: x = {run.final.round(4).tolist()}")
print(f"least squares:       x = {x_hat.round(4).tolist()}")
print(f"distance: {np.linalg.norm(run.final - x_hat):.4f}")
