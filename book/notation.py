r"""The book's notation: one meaning per symbol, in English and Korean.

The home pages render :data:`SYMBOLS` as their notation table (``{{ notation_table() }}``,
expanded by the macro hook from :func:`notation_rows`), so the table is written once for both
languages. ``tests/test_notation.py`` keeps the pages from giving a reserved symbol a second
meaning.

Examples
--------
>>> rows = notation_rows("en")
>>> rows[0][0]
'$x$'
>>> len(notation_rows("ko")) == len(SYMBOLS)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["SYMBOLS", "Symbol", "notation_rows"]

Lang = Literal["en", "ko"]


@dataclass(frozen=True)
class Symbol:
    """One row of the notation table.

    Attributes
    ----------
    tex : str
        The symbol as the pages write it, inline math included (``"$\\eta$, $\\eta_t$"``).
    english : str
        Its one meaning, in English (inline math allowed).
    korean : str
        The same meaning in Korean, with the glossary's terms.
    chapter : int
        The chapter that first uses it (0: the home page itself).
    """

    tex: str
    english: str
    korean: str
    chapter: int

    def __post_init__(self) -> None:
        for text in (self.tex, self.english, self.korean):
            if "|" in text.replace(r"\lVert", "").replace(r"\rVert", ""):
                raise ValueError(f"Symbol {self.tex!r}: '|' would break the notation table.")
        if not self.tex.startswith("$"):
            raise ValueError(f"Symbol {self.tex!r}: write the symbol as inline math.")


#: Every symbol of the book, in the order of the table.
SYMBOLS: tuple[Symbol, ...] = (
    Symbol(
        "$x$",
        r"the point being optimised, a number or a vector $x\in\mathbb R^d$; in regression, the model's parameters",
        r"최적화하는 점. 수 또는 벡터 $x\in\mathbb R^d$이며, 회귀에서는 모델의 매개변수",
        1,
    ),
    Symbol(
        "$x_j$", r"coordinate $j$ of $x$, $j=1,\dots,d$", r"$x$의 $j$번째 좌표, $j=1,\dots,d$", 1
    ),
    Symbol(
        r"$x_t$, $x_0$, $x^\star$",
        r"the iterate after $t$ steps, the starting point, a minimiser",
        r"$t$스텝 뒤의 반복점, 시작점, 최소점",
        2,
    ),
    Symbol(
        r"$f$, $f^\star$",
        r"the objective $f:\mathbb R^d\to\mathbb R$, to be minimised; $f^\star=f(x^\star)$ its smallest value",
        r"최소화할 목적 함수 $f:\mathbb R^d\to\mathbb R$. $f^\star=f(x^\star)$는 그 최솟값",
        1,
    ),
    Symbol("$f'(x)$", "the derivative of a function of one variable", "1변수 함수의 도함수", 1),
    Symbol(
        r"$\nabla f(x)$",
        r"the gradient $\bigl(\partial f/\partial x_1,\dots,\partial f/\partial x_d\bigr)^{\top}$",
        r"그래디언트 $\bigl(\partial f/\partial x_1,\dots,\partial f/\partial x_d\bigr)^{\top}$",
        1,
    ),
    Symbol(
        r"$h$",
        r"the increment of a finite difference, $\bigl(f(x+h)-f(x)\bigr)/h$",
        r"차분의 증분, $\bigl(f(x+h)-f(x)\bigr)/h$",
        1,
    ),
    Symbol(
        "$t$, $T$",
        "the step counter $t=0,1,2,\\dots$; the number of steps $T$ of a run",
        "스텝 카운터 $t=0,1,2,\\dots$와 한 실행의 스텝 수 $T$",
        2,
    ),
    Symbol(
        r"$\eta$, $\eta_t$",
        "the learning rate, constant or changing with the step $t$",
        "학습률. 상수이거나 스텝 $t$에 따라 바뀐다",
        2,
    ),
    Symbol(
        r"$\nabla^2 f(x)$, $H$",
        r"the Hessian, the $d\times d$ matrix of second partial derivatives $\partial^2 f/\partial x_j\partial x_k$",
        r"헤세 행렬. 이계 편도함수 $\partial^2 f/\partial x_j\partial x_k$로 이루어진 $d\times d$ 행렬",
        3,
    ),
    Symbol(
        r"$\lambda_j$",
        r"the eigenvalues of the Hessian, the curvatures along its eigenvectors (on $\frac12\sum_j\lambda_jx_j^2$, along the axes)",
        r"헤세 행렬의 고윳값, 곧 고유벡터 방향의 곡률($\frac12\sum_j\lambda_jx_j^2$에서는 좌표축 방향의 곡률)",
        3,
    ),
    Symbol(
        "$L$",
        r"the largest curvature: the largest $\lambda_j$ on a quadratic, in general a Lipschitz constant of $\nabla f$; gradient descent needs $\eta<2/L$",
        r"가장 큰 곡률. 이차 함수에서는 가장 큰 $\lambda_j$, 일반적으로는 $\nabla f$의 립시츠 상수. 경사 하강법에는 $\eta<2/L$이 필요하다",
        3,
    ),
    Symbol(
        r"$\mu$",
        r"the smallest curvature (strong convexity): the smallest $\lambda_j$ on a quadratic",
        r"가장 작은 곡률(강볼록성). 이차 함수에서는 가장 작은 $\lambda_j$",
        3,
    ),
    Symbol(r"$\kappa$", r"the condition number $L/\mu\ge1$", r"조건수 $L/\mu\ge1$", 3),
    Symbol(
        r"$\rho$",
        "the factor by which one step shrinks the error",
        "한 스텝이 오차를 줄이는 비율",
        3,
    ),
    Symbol(
        "$n$, $i$",
        "the number of examples (terms of the sum); $i=1,\\dots,n$ indexes them",
        "샘플(항)의 수. $i=1,\\dots,n$이 샘플의 번호다",
        4,
    ),
    Symbol(
        r"$a_i$, $A$",
        r"the feature row $a_i\in\mathbb R^d$ of example $i$; the design matrix $A$ with rows $a_i^\top$",
        r"샘플 $i$의 특성 행 $a_i\in\mathbb R^d$와 그 행들 $a_i^\top$로 이루어진 설계 행렬 $A$",
        4,
    ),
    Symbol(
        "$y_i$, $z_i$",
        r"the target of example $i$; its single scalar feature in chapter 4's data, $a_i=(1,z_i)$",
        r"샘플 $i$의 목표값과, 4장 데이터의 스칼라 특성 하나 $z_i$($a_i=(1,z_i)$)",
        4,
    ),
    Symbol(
        r"$\hat x$",
        "the least-squares solution computed from the data",
        "데이터로 계산한 최소제곱 해",
        4,
    ),
    Symbol(
        r"$\sigma_\varepsilon$",
        r"the standard deviation of the noise $\varepsilon_i$ in the data",
        r"데이터에 섞인 잡음 $\varepsilon_i$의 표준편차",
        4,
    ),
    Symbol(
        r"$f_i$",
        r"the loss on example $i$, so that $f=\frac1n\sum_{i=1}^n f_i$",
        r"샘플 $i$의 손실. $f=\frac1n\sum_{i=1}^n f_i$",
        4,
    ),
    Symbol(
        r"$g_t$",
        r"the gradient estimate used at step $t$: $\nabla f(x_t)$ in gradient descent, $\nabla f_i(x_t)$ in SGD",
        r"스텝 $t$에서 쓰는 그래디언트 추정치. 경사 하강법에서는 $\nabla f(x_t)$, 확률적 경사 하강법에서는 $\nabla f_i(x_t)$",
        5,
    ),
    Symbol(
        r"$\sigma^2$",
        r"the (total) variance of a stochastic gradient, $\mathbb E\lVert g-\nabla f\rVert^2$, summed over the coordinates",
        r"확률적 그래디언트의 (전체) 분산 $\mathbb E\lVert g-\nabla f\rVert^2$. 좌표에 걸쳐 더한 값",
        5,
    ),
    Symbol(
        r"$\xi_t$, $\nu$",
        r"the noise added in simulated SGD, $\xi_t\sim\mathcal N(0,\nu^2I)$: $\nu^2$ per coordinate, so $\sigma^2=d\nu^2$",
        r"모의 확률적 경사 하강법에 더하는 잡음 $\xi_t\sim\mathcal N(0,\nu^2I)$. 좌표마다 분산이 $\nu^2$이므로 $\sigma^2=d\nu^2$",
        5,
    ),
    Symbol(
        "$b$",
        "the batch size, the number of examples in a minibatch",
        "배치 크기, 곧 미니배치 하나에 든 샘플 수",
        6,
    ),
    Symbol("$d$", "the dimension, the number of coordinates of $x$", "차원, 곧 $x$의 좌표 수", 1),
    Symbol(
        r"$\gamma$, $\omega$, $\alpha$",
        r"schedule constants: the decay factor of $\eta_0\gamma^t$; the rate and the exponent of $\eta_0(1+\omega t)^{-\alpha}$",
        r"스케줄의 상수. $\eta_0\gamma^t$의 감쇠 인자, $\eta_0(1+\omega t)^{-\alpha}$의 비율과 지수",
        5,
    ),
    Symbol(
        r"$\Theta$",
        r"the temperature $\eta\nu^2/2$ of noisy gradient descent",
        r"잡음 섞인 경사 하강법의 온도 $\eta\nu^2/2$",
        7,
    ),
    Symbol(
        r"$m_t$",
        "the first moment (momentum buffer), a running average of the gradients",
        "1차 모멘트(모멘텀 버퍼), 그래디언트의 이동 평균",
        8,
    ),
    Symbol(
        r"$v_t$",
        r"a second moment: $\mathbb E[x_t^2]$ in the noise-ball recursions, the running average of squared gradients in Adam",
        r"2차 모멘트. 잡음 공의 점화식에서는 $\mathbb E[x_t^2]$, Adam에서는 제곱 그래디언트의 이동 평균",
        5,
    ),
    Symbol(
        r"$\beta$, $\beta_1$, $\beta_2$",
        "momentum and moving-average coefficients (Part III), nothing else",
        "모멘텀과 이동 평균의 계수(3부). 다른 뜻으로는 쓰지 않는다",
        8,
    ),
)


def notation_rows(lang: Lang) -> list[tuple[str, str, int]]:
    """Return the table's rows for ``lang``: (symbol, meaning, chapter of first use).

    Parameters
    ----------
    lang : {"en", "ko"}
        The page's language.

    Returns
    -------
    list of (str, str, int)
        One row per symbol, in the order of :data:`SYMBOLS`.

    Examples
    --------
    >>> notation_rows("ko")[1]
    ('$x_j$', '$x$의 $j$번째 좌표, $j=1,\\\\dots,d$', 1)
    """
    if lang not in ("en", "ko"):
        raise ValueError(
            f"The 'lang' parameter of notation_rows must be 'en' or 'ko'. Got {lang!r} instead."
        )
    return [(s.tex, s.english if lang == "en" else s.korean, s.chapter) for s in SYMBOLS]
