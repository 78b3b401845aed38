import numpy as np

from gdbook import MixedCosine

f = MixedCosine()  # f(x, y) = x^2 + 2xy + cos(x + 2y)
x, y = 1.0, 0.5


def grad_by_hand(x, y):
    s = x + 2 * y
    return np.array([2 * x + 2 * y - np.sin(s), 2 * x - 2 * np.sin(s)])


print(f"by hand: grad f(1, 0.5) = {np.array2string(grad_by_hand(x, y), precision=6)}")
print(f"gdbook : grad f(1, 0.5) = {np.array2string(f.gradient([x, y]), precision=6)}")
