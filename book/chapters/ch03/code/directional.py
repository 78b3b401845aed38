import numpy as np

from gdbook import Quadratic

f = Quadratic((2.0, 4.0))  # f(x) = x1^2 + 2 x2^2, grad f(x) = (2 x1, 4 x2)
x = np.array([-5.0, -2.0])
u = np.array([1.0, 1.0]) / np.sqrt(2.0)  # a unit vector, 45 degrees

for h in (1e-1, 1e-2, 1e-3, 1e-4, 1e-5):
    quotient = (f(x + h * u) - f(x)) / h  # the difference quotient of the definition
    print(f"h = {h:.0e}:  (f(x + h u) - f(x)) / h = {quotient:.6f}")
print(f"          grad f(x) . u          = {f.gradient(x) @ u:.6f}")
