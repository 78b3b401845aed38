"""gdbook: the numerical core of the book on gradient descent and stochastic gradient descent.

Objectives know their value and gradient, drivers run one update rule
`x_{t+1} = x_t - eta_t g_t` with different gradient estimates and return a
`Trajectory`. Only numpy is imported here; plotting lives in `gdbook.plotting`.
"""

from gdbook.data import RegressionData, book_regression, make_linear_regression
from gdbook.gradient_check import GradientCheck, check_gradient, numerical_gradient
from gdbook.noise import noise_floor, noisy_quadratic_loss
from gdbook.objectives import (
    DoubleWell,
    LeastSquares,
    MixedCosine,
    Quadratic,
    Rosenbrock,
    XCosCx,
)
from gdbook.optimizers import (
    Trajectory,
    gradient_descent,
    minibatch_sgd,
    noisy_gradient_descent,
    sgd,
)
from gdbook.schedules import Schedule, constant, exponential, piecewise_constant, polynomial

__version__ = "0.1.0"

__all__ = [
    "DoubleWell",
    "GradientCheck",
    "LeastSquares",
    "MixedCosine",
    "Quadratic",
    "RegressionData",
    "Rosenbrock",
    "Schedule",
    "Trajectory",
    "XCosCx",
    "__version__",
    "book_regression",
    "check_gradient",
    "constant",
    "exponential",
    "gradient_descent",
    "make_linear_regression",
    "minibatch_sgd",
    "noise_floor",
    "noisy_gradient_descent",
    "noisy_quadratic_loss",
    "numerical_gradient",
    "piecewise_constant",
    "polynomial",
    "sgd",
]
