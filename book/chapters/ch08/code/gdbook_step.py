import numpy as np

from gdbook import LeastSquares, book_regression


def gdbook_sgd_step(X, y, beta, eta, idx):
    """One minibatch SGD step: beta - eta * (gradient of the mean squared error on idx)."""
    gradient = LeastSquares(X, y).batch_gradient(beta, idx)  # -(2/b) X_B^T (y_B - X_B beta)
    return beta - eta * gradient


data = book_regression()  # chapter 4: y = 2 + 3x + noise, n = 1000; X has a column of ones
rng = np.random.default_rng(0)
idx = rng.choice(len(data.y), size=32, replace=False)  # one minibatch of 32 examples
beta0, eta = np.zeros(2), 0.1

beta1 = gdbook_sgd_step(data.X, data.y, beta0, eta, idx)
print(f"beta_1 = {beta1.tolist()}")
