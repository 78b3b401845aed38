import numpy as np

from gdbook import Quadratic

valley = Quadratic((2.0, 20.0))  # chapter 3's valley x1^2 + 10 x2^2
start = np.array([-5.0, -2.0])  # chapter 3's start; the minimiser is x* = 0
L, mu = valley.lipschitz, valley.strong_convexity  # largest and smallest curvature
kappa = L / mu
print(f"L = {L:g}, mu = {mu:g}, kappa = L / mu = {kappa:g}")
