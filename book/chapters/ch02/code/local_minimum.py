import numpy as np

from gdbook import XCosCx, gradient_descent

f = XCosCx(0.15 * np.pi)  # f(x) = x cos(c x), c = 0.15 pi
run = gradient_descent(f, x0, learning_rate=2.0, steps=steps)  # from x0 = 10, 10 steps
print("x_0..x_10 =", ", ".join(f"{x:.4f}" for x in run.iterates[:, 0]))
x10 = run.final[0]
print(f"x_10 = {x10:.4f}, f(x_10) = {f(x10):.4f}, f'(x_10) = {f.gradient(x10)[0]:.4f}")
