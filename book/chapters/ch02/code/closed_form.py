import numpy as np

from gdbook import Quadratic, gradient_descent

f = Quadratic((2.0,))
x0, steps = 10.0, 10
t = np.arange(steps + 1)
print(" eta   x_10 by gradient descent   (1 - 2 eta)^10 x_0   difference   max relative difference")
for eta in (0.2, 0.05, 1.1):
    iterates = gradient_descent(f, x0, learning_rate=eta, steps=steps).iterates[:, 0]
    closed = (1 - 2 * eta) ** t * x0  # x_t = (1 - 2 eta)^t x_0 for t = 0, ..., 10
    relative = np.max(np.abs(iterates - closed) / np.abs(closed))
    difference = iterates[-1] - closed[-1]
    print(
        f"{eta:4}   {iterates[-1]:24.10f}   {closed[-1]:18.10f}   {difference:10.1e}   {relative:.1e}"
    )
