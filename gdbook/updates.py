r"""Update rules: what a driver does with the gradient estimate $g_t$.

Plain gradient descent steps along $-g_t$. An update rule keeps a little state across steps
and steps along a direction $p_t$ made from it instead, $x_{t+1} = x_t - \eta_t\, p_t$:

| rule | state | direction $p_t$ | torch.optim |
| --- | --- | --- | --- |
| `momentum(beta)` | $m_t = \beta m_{t-1} + g_t$ | $m_t$ | `SGD(momentum=beta)` |
| `momentum(beta, nesterov=True)` | $m_t = \beta m_{t-1} + g_t$ | $g_t + \beta m_t$ | `SGD(momentum=beta, nesterov=True)` |
| `adagrad(eps)` | $v_t = v_{t-1} + g_t^2$ | $g_t / (\sqrt{v_t} + \epsilon)$ | `Adagrad(eps=eps)` |
| `rmsprop(beta, eps)` | $v_t = \beta v_{t-1} + (1-\beta) g_t^2$ | $g_t / (\sqrt{v_t} + \epsilon)$ | `RMSprop(alpha=beta, eps=eps)` |
| `adam(beta1, beta2, eps)` | $m_t$, $v_t$ moving averages | $\hat m_t / (\sqrt{\hat v_t} + \epsilon)$ | `Adam(betas=(beta1, beta2), eps=eps)` |

Squares, square roots and divisions act coordinate by coordinate; every state starts at
zero ($m_{-1} = v_{-1} = 0$), and Adam's bias correction is
$\hat m_t = m_t / (1-\beta_1^{t+1})$, $\hat v_t = v_t / (1-\beta_2^{t+1})$ at step
$t = 0, 1, \dots$ Each rule is exactly the corresponding `torch.optim` optimiser without
weight decay (for SGD: dampening 0; for AdaGrad: no learning-rate decay and an initial
accumulator of 0; for RMSprop: not centred and without momentum; for Adam: not AMSGrad), so
a run of gdbook and a run of torch from the same point, with the same gradients, take the same
steps (to rounding).

A rule is an immutable description; the drivers `gradient_descent`, `noisy_gradient_descent`,
`sgd` and `minibatch_sgd` take it as `update=` and call `UpdateRule.start` once per run, so
the same rule object can be passed to many runs: each starts from a fresh, zero state.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from gdbook._validation import check_float, check_positive_int, message

__all__ = [
    "AdaGrad",
    "Adam",
    "Momentum",
    "RMSProp",
    "UpdateRule",
    "adagrad",
    "adam",
    "momentum",
    "rmsprop",
]

Vector = NDArray[np.float64]
#: `rule(t, x, g_t, eta_t) -> (p_t, eta_t)`: the step `x_{t+1} = x_t - eta_t * p_t`.
StepRule = Callable[[int, Vector, Vector, float], tuple[Vector, float]]


@dataclass(frozen=True)
class UpdateRule(ABC):
    """The base of the update rules: `start(dim)` makes a step rule with a fresh state.

    Use the functions `momentum`, `adagrad`, `rmsprop` and `adam`, which check their
    arguments, rather than the classes.
    """

    def start(self, dim: int) -> StepRule:
        """A new step rule `(t, x, g_t, eta_t) -> (p_t, eta_t)` whose state is zero.

        Parameters
        ----------
        dim : int
            The dimension `d` of the iterates, in `[1, inf)`.

        Returns
        -------
        callable
            Called once per step, in order `t = 0, 1, ...`; it updates the state in place
            and returns the direction $p_t$ (a new array) and the rate, unchanged.

        Examples
        --------
        >>> import numpy as np
        >>> step = momentum(0.5).start(1)
        >>> [step(t, np.zeros(1), np.ones(1), 0.1)[0].item() for t in range(3)]
        [1.0, 1.5, 1.75]
        """
        d = check_positive_int(dim, "dim", f"{type(self).__name__}.start")
        return self._start(d)

    @abstractmethod
    def _start(self, dim: int) -> StepRule:
        """The step rule with a zero state, for iterates of dimension `dim`."""


@dataclass(frozen=True)
class Momentum(UpdateRule):
    r"""Heavy-ball or Nesterov momentum (torch's buffer form); make it with `momentum`.

    Attributes
    ----------
    beta : float
        $\beta$ in `[0, 1)`.
    nesterov : bool
        Step along $g_t + \beta m_t$ instead of $m_t$.
    """

    beta: float
    nesterov: bool = False

    def __post_init__(self) -> None:
        caller = "Momentum"
        object.__setattr__(self, "beta", _coefficient(self.beta, "beta", caller))
        if not isinstance(self.nesterov, (bool, np.bool_)):
            raise TypeError(message("nesterov", caller, "a bool", self.nesterov))
        object.__setattr__(self, "nesterov", bool(self.nesterov))

    def _start(self, dim: int) -> StepRule:
        beta, nesterov = self.beta, self.nesterov
        m = np.zeros(dim)

        def rule(t: int, x: Vector, g: Vector, eta: float) -> tuple[Vector, float]:
            m[:] = g if t == 0 else beta * m + g
            return (g + beta * m if nesterov else m.copy()), eta

        return rule


@dataclass(frozen=True)
class AdaGrad(UpdateRule):
    r"""AdaGrad: divide by the root of the summed squared gradients; make it with `adagrad`.

    Attributes
    ----------
    eps : float
        $\epsilon$ in `(0, inf)`, added to $\sqrt{v_t}$.
    """

    eps: float = 1e-10

    def __post_init__(self) -> None:
        object.__setattr__(self, "eps", _eps(self.eps, "AdaGrad"))

    def _start(self, dim: int) -> StepRule:
        eps = self.eps
        v = np.zeros(dim)

        def rule(t: int, x: Vector, g: Vector, eta: float) -> tuple[Vector, float]:
            v[:] += g * g
            return g / (np.sqrt(v) + eps), eta

        return rule


@dataclass(frozen=True)
class RMSProp(UpdateRule):
    r"""RMSProp: divide by the root of a moving average of squared gradients; see `rmsprop`.

    Attributes
    ----------
    beta : float
        $\beta$ in `[0, 1)`, the average's weight on the past (torch's `alpha`).
    eps : float
        $\epsilon$ in `(0, inf)`, added to $\sqrt{v_t}$.
    """

    beta: float = 0.99
    eps: float = 1e-8

    def __post_init__(self) -> None:
        object.__setattr__(self, "beta", _coefficient(self.beta, "beta", "RMSProp"))
        object.__setattr__(self, "eps", _eps(self.eps, "RMSProp"))

    def _start(self, dim: int) -> StepRule:
        beta, eps = self.beta, self.eps
        v = np.zeros(dim)

        def rule(t: int, x: Vector, g: Vector, eta: float) -> tuple[Vector, float]:
            v[:] = beta * v + (1.0 - beta) * (g * g)
            return g / (np.sqrt(v) + eps), eta

        return rule


@dataclass(frozen=True)
class Adam(UpdateRule):
    r"""Adam: bias-corrected moving averages of $g_t$ and $g_t^2$; make it with `adam`.

    Attributes
    ----------
    beta1, beta2 : float
        $\beta_1$, $\beta_2$ in `[0, 1)`: the averages' weights on the past.
    eps : float
        $\epsilon$ in `(0, inf)`, added to $\sqrt{\hat v_t}$.
    """

    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def __post_init__(self) -> None:
        for name in ("beta1", "beta2"):
            object.__setattr__(self, name, _coefficient(getattr(self, name), name, "Adam"))
        object.__setattr__(self, "eps", _eps(self.eps, "Adam"))

    def _start(self, dim: int) -> StepRule:
        beta1, beta2, eps = self.beta1, self.beta2, self.eps
        m = np.zeros(dim)
        v = np.zeros(dim)

        def rule(t: int, x: Vector, g: Vector, eta: float) -> tuple[Vector, float]:
            m[:] = beta1 * m + (1.0 - beta1) * g
            v[:] = beta2 * v + (1.0 - beta2) * (g * g)
            # As torch: eta / (1 - beta1^k) * m / (sqrt(v) / sqrt(1 - beta2^k) + eps), k = t + 1.
            k = t + 1
            first = 1.0 - beta1**k
            second = math.sqrt(1.0 - beta2**k)
            return (m / first) / (np.sqrt(v) / second + eps), eta

        return rule


def _coefficient(value: object, name: str, caller: str) -> float:
    return check_float(value, name, caller, low=0.0, high=1.0, closed="left")


def _eps(value: object, caller: str) -> float:
    return check_float(value, "eps", caller, low=0.0, closed="neither")


def momentum(beta: float, *, nesterov: bool = False) -> Momentum:
    r"""Momentum (Polyak's heavy ball, or Nesterov's), in the buffer form of `torch.optim.SGD`.

    $$
    m_t = \beta\, m_{t-1} + g_t,\ m_{-1} = 0, \qquad
    x_{t+1} = x_t - \eta_t\, m_t
    \quad\text{or, with nesterov,}\quad
    x_{t+1} = x_t - \eta_t\,(g_t + \beta\, m_t).
    $$

    With a constant rate the heavy ball is $x_{t+1} = x_t - \eta g_t + \beta(x_t - x_{t-1})$.

    Parameters
    ----------
    beta : float
        The momentum coefficient $\beta$, in `[0, 1)`; `beta=0` is plain gradient descent.
    nesterov : bool, default False
        Nesterov's momentum (torch's `nesterov=True`): look one buffer ahead.

    Returns
    -------
    Momentum
        Pass it as `update=` to a driver.

    Examples
    --------
    On $f(x) = x^2/2$ from $x_0 = 1$ with $\eta = 0.5$, $\beta = 0.5$: $x_1 = 0.5$, and
    $x_2 = x_1 - \eta x_1 + \beta(x_1 - x_0) = 0.25 - 0.25 = 0$:

    >>> from gdbook import Quadratic, gradient_descent
    >>> run = gradient_descent(Quadratic((1.0,)), 1.0, learning_rate=0.5, steps=2,
    ...                        update=momentum(0.5))
    >>> run.iterates[:, 0].tolist()
    [1.0, 0.5, 0.0]
    """
    caller = "momentum"
    b = _coefficient(beta, "beta", caller)
    if not isinstance(nesterov, (bool, np.bool_)):
        raise TypeError(message("nesterov", caller, "a bool", nesterov))
    return Momentum(b, bool(nesterov))


def adagrad(eps: float = 1e-10) -> AdaGrad:
    r"""AdaGrad (Duchi, Hazan and Singer 2011), as `torch.optim.Adagrad`.

    $$
    v_t = v_{t-1} + g_t^2,\ v_{-1} = 0, \qquad
    x_{t+1} = x_t - \eta_t\,\frac{g_t}{\sqrt{v_t} + \epsilon}.
    $$

    Parameters
    ----------
    eps : float, default 1e-10
        $\epsilon$ in `(0, inf)` (torch's default).

    Returns
    -------
    AdaGrad
        Pass it as `update=` to a driver.

    Examples
    --------
    The first step moves every coordinate by $\eta$ (up to $\epsilon$), whatever its
    curvature:

    >>> from gdbook import Quadratic, gradient_descent
    >>> run = gradient_descent(Quadratic((1.0, 100.0)), [1.0, 1.0], learning_rate=0.1,
    ...                        steps=1, update=adagrad())
    >>> run.final.round(12).tolist()
    [0.9, 0.9]
    """
    return AdaGrad(_eps(eps, "adagrad"))


def rmsprop(beta: float = 0.99, eps: float = 1e-8) -> RMSProp:
    r"""RMSProp (Tieleman and Hinton 2012), as `torch.optim.RMSprop` (`alpha` is $\beta$).

    $$
    v_t = \beta\, v_{t-1} + (1-\beta)\, g_t^2,\ v_{-1} = 0, \qquad
    x_{t+1} = x_t - \eta_t\,\frac{g_t}{\sqrt{v_t} + \epsilon}.
    $$

    Parameters
    ----------
    beta : float, default 0.99
        $\beta$ in `[0, 1)`, the weight of the past in the average (torch's `alpha`).
    eps : float, default 1e-8
        $\epsilon$ in `(0, inf)`.

    Returns
    -------
    RMSProp
        Pass it as `update=` to a driver.

    Examples
    --------
    The first step divides by $\sqrt{1-\beta}\,\lvert g_0\rvert$: it is $\eta/\sqrt{1-\beta}$
    long in every coordinate (up to $\epsilon$):

    >>> from gdbook import Quadratic, gradient_descent
    >>> run = gradient_descent(Quadratic((1.0, 100.0)), [1.0, 1.0], learning_rate=0.01,
    ...                        steps=1, update=rmsprop(beta=0.99))
    >>> (1.0 - run.final).round(9).tolist()
    [0.1, 0.1]
    """
    caller = "rmsprop"
    return RMSProp(_coefficient(beta, "beta", caller), _eps(eps, caller))


def adam(beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> Adam:
    r"""Adam (Kingma and Ba 2015), as `torch.optim.Adam`, with the bias correction.

    $$
    m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t, \quad
    v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2, \quad
    x_{t+1} = x_t - \eta_t\,\frac{m_t/(1-\beta_1^{t+1})}{\sqrt{v_t/(1-\beta_2^{t+1})} + \epsilon},
    $$

    from $m_{-1} = v_{-1} = 0$.

    Parameters
    ----------
    beta1 : float, default 0.9
        $\beta_1$ in `[0, 1)`, for the first moment $m_t$.
    beta2 : float, default 0.999
        $\beta_2$ in `[0, 1)`, for the second moment $v_t$.
    eps : float, default 1e-8
        $\epsilon$ in `(0, inf)`.

    Returns
    -------
    Adam
        Pass it as `update=` to a driver.

    Examples
    --------
    After the bias correction $\hat m_0 = g_0$ and $\hat v_0 = g_0^2$, so the first step is
    $-\eta\,\mathrm{sign}(g_0)$ (up to $\epsilon$):

    >>> from gdbook import Quadratic, gradient_descent
    >>> run = gradient_descent(Quadratic((1.0, 100.0)), [1.0, -1.0], learning_rate=0.1,
    ...                        steps=1, update=adam())
    >>> run.final.round(9).tolist()
    [0.9, -0.9]
    """
    caller = "adam"
    return Adam(
        _coefficient(beta1, "beta1", caller),
        _coefficient(beta2, "beta2", caller),
        _eps(eps, caller),
    )
