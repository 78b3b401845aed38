import numpy as np

from gdbook import LeastSquares, book_regression


def gdbook_sgd_step(A, y, x, eta, idx):
    """One minibatch SGD step: x - eta * (gradient of the mean squared error on idx)."""
    gradient = LeastSquares(A, y).batch_gradient(x, idx)  # -(2/b) A_B^T (y_B - A_B x)
    return x - eta * gradient


data = book_regression()  # chapter 4: y = 2 + 3z + noise, n = 1000; data.X is A
rng = np.random.default_rng(0)
idx = rng.choice(len(data.y), size=32, replace=False)  # one minibatch of 32 examples
x0, eta = np.zeros(2), 0.1

x1 = gdbook_sgd_step(data.X, data.y, x0, eta, idx)
print(f"x_1 = {x1.tolist()}")
