import numpy as np

from gdbook import Quadratic

bowl = Quadratic((2.0, 4.0))  # f(x) = x1^2 + 2 x2^2 of chapters 3, 5 and 7; x* = 0, f* = 0
start, noise_std = np.array([-5.0, -2.0]), 1.0  # g_t = grad f(x_t) + xi_t, xi_t ~ N(0, I)
L = bowl.lipschitz  # largest curvature
r0 = np.linalg.norm(start - bowl.minimizer)  # ||x_0 - x*||
variance = bowl.dim * noise_std**2  # sigma^2 = E ||g_t - grad f(x_t)||^2, summed over coordinates
print(f"L = {L:g}, ||x_0 - x*||^2 = {r0**2:g}, sigma^2 = {variance:g}")

# `copies` independent runs side by side are one quadratic in 2 * copies dimensions
# (chapter 7): one run of it is `copies` runs, each with its own noise.
copies = 200
stacked = Quadratic(np.tile(bowl.curvatures, copies))
stacked_start = np.tile(start, copies)


def mean_loss(points):
    """The mean of f over the copies, for stacked points of shape (..., 2 * copies)."""
    return 0.5 * (points**2 @ stacked.curvatures) / copies
