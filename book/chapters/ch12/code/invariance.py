import numpy as np

from gdbook import Quadratic, adagrad, adam, gradient_descent, rmsprop

narrow = Quadratic((2.0, 20.0))  # chapter 3's valley x1^2 + 10 x2^2, kappa = 10
steep = Quadratic((2.0, 2000.0))  # x1^2 + 1000 x2^2, kappa = 1000
start = np.array([-5.0, -2.0])
adaptive = {"AdaGrad": adagrad(), "RMSProp": rmsprop(), "Adam": adam()}
for name, rule in adaptive.items():
    on_narrow = gradient_descent(narrow, start, learning_rate=0.1, steps=50, update=rule)
    on_steep = gradient_descent(steep, start, learning_rate=0.1, steps=50, update=rule)
    gap = np.abs(on_narrow.iterates - on_steep.iterates).max()
    print(f"{name:8s} largest difference of the iterates x_0..x_50 on the two valleys: {gap:.1e}")
