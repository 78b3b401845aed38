"""gdbook: the numerical core of the book on gradient descent and stochastic gradient descent.

Objectives know their value and gradient, drivers run one update rule
`x_{t+1} = x_t - eta_t g_t` with different gradient estimates and return a
`Trajectory`. Only numpy is imported here: the plotting helpers of `gdbook.plotting`
are exported too, but matplotlib is imported only when one of them is first used.
"""

from typing import TYPE_CHECKING, Any

from gdbook.averaging import iterate_averages
from gdbook.data import (
    DIABETES_FEATURES,
    RegressionData,
    book_regression,
    load_diabetes,
    make_linear_regression,
)
from gdbook.gradient_check import GradientCheck, check_gradient, numerical_gradient
from gdbook.linesearch import backtracking_gradient_descent
from gdbook.newton import newton
from gdbook.noise import noise_floor, noisy_quadratic_loss
from gdbook.objectives import (
    DoubleWell,
    FiniteSumObjective,
    FunctionObjective,
    LeastSquares,
    MixedCosine,
    Objective,
    Quadratic,
    Rosenbrock,
    XCosCx,
)
from gdbook.optimizers import (
    DIVERGENCE_THRESHOLD,
    StepInfo,
    Trajectory,
    gradient_descent,
    minibatch_sgd,
    noisy_gradient_descent,
    sgd,
)
from gdbook.schedules import Schedule, constant, exponential, piecewise_constant, polynomial
from gdbook.updates import (
    AdaGrad,
    Adam,
    Momentum,
    RMSProp,
    UpdateRule,
    adagrad,
    adam,
    momentum,
    rmsprop,
)

if TYPE_CHECKING:
    from gdbook.plotting import (
        book_style,
        plot_contour_trace,
        plot_function_trace,
        plot_loss_curve,
        plot_surface_path,
    )

_PLOTTING = (
    "book_style",
    "plot_contour_trace",
    "plot_function_trace",
    "plot_loss_curve",
    "plot_surface_path",
)


def __getattr__(name: str) -> Any:
    # The plotting helpers, imported (with matplotlib) on first use.
    if name in _PLOTTING:
        from gdbook import plotting

        return getattr(plotting, name)
    raise AttributeError(f"module 'gdbook' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "DIABETES_FEATURES",
    "DIVERGENCE_THRESHOLD",
    "AdaGrad",
    "Adam",
    "DoubleWell",
    "FiniteSumObjective",
    "FunctionObjective",
    "GradientCheck",
    "LeastSquares",
    "MixedCosine",
    "Momentum",
    "Objective",
    "Quadratic",
    "RMSProp",
    "RegressionData",
    "Rosenbrock",
    "Schedule",
    "StepInfo",
    "Trajectory",
    "UpdateRule",
    "XCosCx",
    "__version__",
    "adagrad",
    "adam",
    "backtracking_gradient_descent",
    "book_regression",
    "book_style",
    "check_gradient",
    "constant",
    "exponential",
    "gradient_descent",
    "iterate_averages",
    "load_diabetes",
    "make_linear_regression",
    "minibatch_sgd",
    "momentum",
    "newton",
    "noise_floor",
    "noisy_gradient_descent",
    "noisy_quadratic_loss",
    "numerical_gradient",
    "piecewise_constant",
    "plot_contour_trace",
    "plot_function_trace",
    "plot_loss_curve",
    "plot_surface_path",
    "polynomial",
    "rmsprop",
    "sgd",
]
