import numpy as np

t = np.arange(steps + 1)  # x0 = 10 and steps = 10, as in the standard example
print(" eta   x_10 by gradient descent   (1 - 2 eta)^10 x_0   difference   max relative difference")
for rate in (eta, 0.05, 1.1):
    iterates = gradient_descent(f, x0, learning_rate=rate, steps=steps).iterates[:, 0]
    closed = (1 - 2 * rate) ** t * x0  # x_t = (1 - 2 eta)^t x_0 for t = 0, ..., 10
    relative = np.max(np.abs(iterates - closed) / np.abs(closed))
    difference = iterates[-1] - closed[-1]
    print(
        f"{rate:4}   {iterates[-1]:24.10f}   {closed[-1]:18.10f}   {difference:10.1e}   {relative:.1e}"
    )
