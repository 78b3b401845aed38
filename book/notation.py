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


#: Every symbol of the book, in the order of the table. Letters that a single derivation
#: introduces and drops again (a constant $c$, a vector $q$, a matrix $M$) are defined where
#: they appear and are not listed.
SYMBOLS: tuple[Symbol, ...] = (
    Symbol(
        "$x$",
        r"the point being optimised, a number or a vector $x\in\mathbb R^d$; in regression, the"
        r" model's parameters",
        r"최적화하는 점. 수 또는 벡터 $x\in\mathbb R^d$이며, 회귀에서는 모델의 매개변수",
        1,
    ),
    Symbol(
        "$x_j$, $e_j$",
        r"coordinate $j$ of $x$, $j=1,\dots,d$; the unit vector $e_j$ of coordinate $j$",
        r"$x$의 $j$번째 좌표($j=1,\dots,d$)와 그 좌표 방향의 단위 벡터 $e_j$",
        1,
    ),
    Symbol("$d$", "the dimension, the number of coordinates of $x$", "차원, 곧 $x$의 좌표 수", 1),
    Symbol(
        "$f$",
        r"the objective $f:\mathbb R^d\to\mathbb R$, to be minimised",
        r"최소화할 목적 함수 $f:\mathbb R^d\to\mathbb R$",
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
        "$h$",
        r"the increment of a finite difference, as in $\bigl(f(x+h)-f(x)\bigr)/h$",
        r"유한 차분의 증분. $\bigl(f(x+h)-f(x)\bigr)/h$의 $h$",
        1,
    ),
    Symbol(
        r"$\epsilon_{\mathrm{mach}}$",
        r"the machine epsilon $2^{-52}$ of double-precision floats: the relative rounding error"
        r" is at most $\tfrac12\epsilon_{\mathrm{mach}}$",
        r"배정밀도 실수의 기계 엡실론 $2^{-52}$. 상대 반올림 오차는 최대"
        r" $\tfrac12\epsilon_{\mathrm{mach}}$이다",
        1,
    ),
    Symbol(
        r"$\tilde\nabla f(x)$",
        r"a finite-difference estimate of $\nabla f(x)$",
        r"유한 차분으로 어림한 $\nabla f(x)$",
        1,
    ),
    Symbol(
        r"$\eta$, $\eta_t$",
        "the learning rate, constant or changing with the step $t$",
        "학습률. 상수이거나 스텝 $t$에 따라 바뀐다",
        1,
    ),
    Symbol(
        r"$x_t$, $x_0$, $x^\star$",
        r"the iterate after $t$ steps, the starting point, a minimiser",
        r"$t$스텝 뒤의 반복점, 시작점, 최소점",
        2,
    ),
    Symbol(
        "$t$, $T$",
        r"the step counter $t=0,1,2,\dots$; the number of steps $T$ of a run (never a temperature)",
        r"스텝 카운터 $t=0,1,2,\dots$와 한 실행의 스텝 수 $T$(온도가 아니다)",
        2,
    ),
    Symbol(
        "$L$",
        r"the largest curvature: a bound on $f''$, on a quadratic the largest $\lambda_j$, in"
        r" general a Lipschitz constant of $\nabla f$; gradient descent needs $\eta<2/L$",
        r"가장 큰 곡률. $f''$의 상한이며, 이차 함수에서는 가장 큰 $\lambda_j$, 일반적으로는"
        r" $\nabla f$의 립시츠 상수다. 경사 하강법에는 $\eta<2/L$이 필요하다",
        2,
    ),
    Symbol(
        "$u$",
        r"a direction, a unit vector, as in the directional derivative $D_uf(x)=\nabla f(x)^\top u$",
        r"방향, 곧 단위 벡터. 방향 도함수 $D_uf(x)=\nabla f(x)^\top u$의 $u$",
        3,
    ),
    Symbol(
        r"$\nabla^2 f(x)$, $H$",
        r"the Hessian, the $d\times d$ matrix of second partial derivatives"
        r" $\partial^2 f/\partial x_j\partial x_k$",
        r"헤세 행렬. 이계 편도함수 $\partial^2 f/\partial x_j\partial x_k$로 이루어진 $d\times d$ 행렬",
        3,
    ),
    Symbol(
        r"$\lambda_j$, $\lambda$",
        r"the eigenvalues of the Hessian, the curvatures along its eigenvectors (along the axes"
        r" for $\frac12\sum_j\lambda_jx_j^2$); $\lambda$ the curvature of one coordinate",
        r"헤세 행렬의 고윳값, 곧 고유벡터 방향의 곡률($\frac12\sum_j\lambda_jx_j^2$에서는"
        r" 좌표축 방향의 곡률). $\lambda$는 좌표 하나의 곡률",
        3,
    ),
    Symbol(
        r"$Q$, $\Lambda$",
        r"the eigendecomposition $H=Q\Lambda Q^\top$: orthonormal eigenvectors $q_j$ as columns,"
        r" eigenvalues on the diagonal",
        r"고윳값 분해 $H=Q\Lambda Q^\top$. $Q$의 열은 정규직교 고유벡터 $q_j$, $\Lambda$의"
        r" 대각 성분은 고윳값",
        3,
    ),
    Symbol(
        r"$\mu$",
        r"the smallest curvature (strong convexity): on a quadratic the smallest $\lambda_j$",
        r"가장 작은 곡률(강볼록성). 이차 함수에서는 가장 작은 $\lambda_j$",
        3,
    ),
    Symbol(r"$\kappa$", r"the condition number $L/\mu\ge1$", r"조건수 $L/\mu\ge1$", 3),
    Symbol(
        r"$\rho$, $\rho_j$",
        r"the factor $\rho_j=1-\eta\lambda_j$ that multiplies coordinate $j$ at each step on a"
        r" quadratic; $\rho=\max_j\lvert\rho_j\rvert$, the rate at which the error shrinks",
        r"이차 함수에서 한 스텝마다 $j$번째 좌표에 곱해지는 배율 $\rho_j=1-\eta\lambda_j$와,"
        r" 오차가 줄어드는 비율 $\rho=\max_j\lvert\rho_j\rvert$",
        3,
    ),
    Symbol(
        "$w$",
        r"coordinates after a change of variables: rescaled, $w_j=\sqrt{\lambda_j}\,x_j$, or"
        r" rotated into the eigenvectors, $w=Q^\top x$",
        r"변수를 바꾼 뒤의 좌표. 눈금을 바꾼 $w_j=\sqrt{\lambda_j}\,x_j$이거나 고유벡터로 회전한"
        r" $w=Q^\top x$",
        3,
    ),
    Symbol(
        "$n$, $i$",
        r"the number of examples (terms of the sum); $i=1,\dots,n$ indexes them",
        r"샘플(합의 항)의 수. $i=1,\dots,n$이 샘플의 번호다",
        4,
    ),
    Symbol(
        "$a_i$, $A$",
        r"the feature row $a_i\in\mathbb R^d$ of example $i$; the design matrix $A$ with rows"
        r" $a_i^\top$",
        r"샘플 $i$의 특성 행 $a_i\in\mathbb R^d$와, 그 행들 $a_i^\top$로 이루어진 설계 행렬 $A$",
        4,
    ),
    Symbol(
        "$y_i$, $z_i$",
        r"the target of example $i$; its one scalar feature in chapter 4's data, $a_i=(1,z_i)$",
        r"샘플 $i$의 목표값과, 4장 데이터의 스칼라 특성 $z_i$($a_i=(1,z_i)$)",
        4,
    ),
    Symbol(
        r"$\hat x$",
        r"the least-squares solution computed from the data",
        r"데이터로 계산한 최소제곱 해",
        4,
    ),
    Symbol(
        r"$\varepsilon_i$, $\sigma_\varepsilon$",
        r"the noise in the data and its standard deviation",
        r"데이터에 섞인 잡음과 그 표준편차",
        4,
    ),
    Symbol(
        "$f_i$",
        r"the loss on example $i$, so that $f=\frac1n\sum_{i=1}^n f_i$",
        r"샘플 $i$의 손실. $f=\frac1n\sum_{i=1}^n f_i$",
        4,
    ),
    Symbol(
        "$g_t$",
        r"the gradient estimate used at step $t$: $\nabla f(x_t)$ in gradient descent,"
        r" $\nabla f_i(x_t)$ in SGD",
        r"스텝 $t$에서 쓰는 그래디언트 추정치. 경사 하강법에서는 $\nabla f(x_t)$, 확률적 경사"
        r" 하강법에서는 $\nabla f_i(x_t)$",
        5,
    ),
    Symbol(
        "$f^\\star$",
        r"the smallest value $f(x^\star)$; $f-f^\star$ is the excess loss",
        r"최솟값 $f(x^\star)$. $f-f^\star$가 초과 손실이다",
        5,
    ),
    Symbol(
        r"$\sigma^2$",
        r"the (total) variance of a stochastic gradient, $\mathbb E\lVert g-\nabla f\rVert^2$,"
        r" summed over the coordinates",
        r"확률적 그래디언트의 (전체) 분산 $\mathbb E\lVert g-\nabla f\rVert^2$. 좌표에 걸쳐 더한"
        r" 값",
        5,
    ),
    Symbol(
        r"$\xi_t$, $\nu$",
        r"the noise of simulated SGD, $\xi_t\sim\mathcal N(0,\nu^2I)$: variance $\nu^2$ per"
        r" coordinate ($\nu_j^2$ along coordinate $j$ when they differ), so $\sigma^2=d\nu^2$;"
        r" a noise of mean $\bar\xi\ne0$ is biased",
        r"모의 확률적 경사 하강법의 잡음 $\xi_t\sim\mathcal N(0,\nu^2I)$. 좌표마다 분산이"
        r" $\nu^2$(좌표마다 다르면 $\nu_j^2$)이므로 $\sigma^2=d\nu^2$이다. 평균이"
        r" $\bar\xi\ne0$인 잡음은 편향되어 있다",
        5,
    ),
    Symbol(
        "$v_t$",
        r"a second moment: $\mathbb E[x_t^2]$ in the noise-ball recursions, a running average of"
        r" squared gradients in Adam",
        r"2차 모멘트. 잡음 공의 점화식에서는 $\mathbb E[x_t^2]$, Adam에서는 제곱 그래디언트의"
        r" 이동 평균",
        5,
    ),
    Symbol(
        r"$\omega$, $\alpha$, $\gamma$, $t_k$",
        r"schedule constants: the rate $\omega$ and exponent $\alpha$ of $\eta_0(1+\omega t)^{-\alpha}$,"
        r" the factor $\gamma$ of $\eta_0\gamma^t$, the boundary steps $t_k$ of a piecewise constant"
        r" schedule",
        r"스케줄의 상수. $\eta_0(1+\omega t)^{-\alpha}$의 비율 $\omega$와 지수 $\alpha$,"
        r" $\eta_0\gamma^t$의 인자 $\gamma$, 구간별 상수 스케줄의 경계 스텝 $t_k$",
        5,
    ),
    Symbol(
        "$b$, $B$",
        r"the batch size; a minibatch $B$, the set of its $b$ indices ($f_B$, $g_B$ its mean loss"
        r" and gradient)",
        r"배치 크기와 미니배치 $B$, 곧 샘플 번호 $b$개의 집합($f_B$, $g_B$는 그 평균 손실과"
        r" 그래디언트)",
        5,
    ),
    Symbol(
        r"$\Theta$, $\tau$",
        r"the temperature $\eta\nu^2/2$ of noisy gradient descent; time measured in units of the"
        r" learning rate, $\tau=k\eta$ after $k$ steps",
        r"잡음 섞인 경사 하강법의 온도 $\eta\nu^2/2$와, 학습률을 단위로 잰 시간($k$스텝 뒤"
        r" $\tau=k\eta$)",
        7,
    ),
    Symbol(
        r"$m_t$, $\tilde m_t$",
        r"the first moment, the momentum buffer (a running sum or average of the gradients);"
        r" Keras's velocity $\tilde m_t=-\eta m_t$",
        r"1차 모멘트, 곧 모멘텀 버퍼(그래디언트의 누적 합 또는 이동 평균). Keras의 속도"
        r" $\tilde m_t=-\eta m_t$",
        8,
    ),
    Symbol(
        r"$\beta$, $\beta_1$, $\beta_2$",
        "momentum and moving-average coefficients (from chapter 8 on), nothing else",
        "모멘텀과 이동 평균의 계수(8장부터). 다른 뜻으로는 쓰지 않는다",
        8,
    ),
    Symbol(
        r"$\hat m_t$, $\hat v_t$",
        r"Adam's bias-corrected averages $m_t/(1-\beta_1^{t+1})$ and $v_t/(1-\beta_2^{t+1})$",
        r"Adam의 편향 보정한 평균 $m_t/(1-\beta_1^{t+1})$과 $v_t/(1-\beta_2^{t+1})$",
        12,
    ),
    Symbol(
        r"$\epsilon$",
        r"the small constant added to $\sqrt{v_t}$ in AdaGrad, RMSProp and Adam (their argument"
        r" `eps`), only to avoid dividing by zero",
        r"AdaGrad, RMSProp, Adam에서 $\sqrt{v_t}$에 더하는 작은 상수(인자 `eps`). 0으로 나누는"
        r" 것만 막는다",
        12,
    ),
    Symbol(
        r"$\hat f_x$",
        r"the quadratic model of $f$ at $x$, $\hat f_x(v)=f(x)+\nabla f(x)^\top v+\tfrac12 v^\top\nabla^2 f(x)\,v$",
        r"$x$에서 $f$의 이차 모델 $\hat f_x(v)=f(x)+\nabla f(x)^\top v+\tfrac12 v^\top\nabla^2 f(x)\,v$",
        9,
    ),
    Symbol(
        "$P$",
        r"a preconditioner, a symmetric positive definite matrix: the step is $-\eta P^{-1}\nabla f(x_t)$",
        r"전처리 행렬, 곧 대칭 양의 정부호 행렬. 스텝은 $-\eta P^{-1}\nabla f(x_t)$이다",
        9,
    ),
    Symbol(
        "$p_t$",
        r"the search direction at step $t$: $x_{t+1}=x_t-\eta_t p_t$",
        r"스텝 $t$의 탐색 방향. $x_{t+1}=x_t-\eta_t p_t$",
        9,
    ),
    Symbol(
        r"$c_1$, $\chi$",
        r"the line search's constants: the sufficient-decrease (Armijo) fraction $c_1$ and the"
        r" factor $\chi$ by which a rejected rate shrinks",
        r"직선 탐색의 상수. 충분한 감소(아르미호) 조건의 비율 $c_1$과, 기각된 학습률에 곱하는"
        r" 인자 $\chi$",
        9,
    ),
    Symbol(
        r"$r_t$",
        r"the distance $\lVert x_t-x^\star\rVert$ to a minimiser",
        r"최소점까지의 거리 $\lVert x_t-x^\star\rVert$",
        10,
    ),
    Symbol(
        r"$\bar x_T$, $\tilde x_T$",
        r"the average of the iterates $x_1,\dots,x_T$, and their average weighted by the learning rates",
        r"반복점 $x_1,\dots,x_T$의 평균과, 학습률을 가중치로 한 평균",
        10,
    ),
    Symbol(
        r"$\eta^\star$",
        r"the best constant learning rate: on a quadratic the one that minimises $\rho$"
        r" (chapter 3), for SGD the one that minimises the convergence bound for $T$ steps"
        r" (chapter 10)",
        r"가장 좋은 고정 학습률. 이차 함수에서는 $\rho$를 가장 작게 하는 학습률(3장),"
        r" 확률적 경사 하강법에서는 $T$스텝의 수렴 상한을 가장 작게 하는 학습률(10장)",
        3,
    ),
    Symbol(
        r"$\beta_\star$",
        r"the best momentum of the heavy ball on a quadratic, $\bigl((\sqrt\kappa-1)/(\sqrt\kappa+1)\bigr)^2$,"
        r" used with $\eta^\star=4/(\sqrt L+\sqrt\mu)^2$",
        r"이차 함수에서 헤비 볼 방법의 가장 좋은 모멘텀 $\bigl((\sqrt\kappa-1)/(\sqrt\kappa+1)\bigr)^2$."
        r" $\eta^\star=4/(\sqrt L+\sqrt\mu)^2$와 함께 쓴다",
        11,
    ),
    Symbol(
        r"$\zeta_1$, $\zeta_2$",
        r"the eigenvalues of the $2\times2$ matrix that advances a momentum method by one step"
        r" along one eigen-direction of a quadratic; the rate is the largest $\lvert\zeta\rvert$",
        r"이차 함수의 한 고유 방향에서 모멘텀 방법을 한 스텝 진행시키는 $2\times2$ 행렬의 고윳값."
        r" 수렴 속도는 가장 큰 $\lvert\zeta\rvert$다",
        11,
    ),
    Symbol(
        r"$\ell_t$",
        r"the look-ahead point $x_t+\beta\tilde m_{t-1}$ of Nesterov's method, where its gradient"
        r" is taken (the iterate of PyTorch's and gdbook's Nesterov momentum)",
        r"네스테로프 가속 경사법이 그래디언트를 계산하는 앞서 본 점 $x_t+\beta\tilde m_{t-1}$"
        r"(PyTorch와 gdbook의 구현에서는 이것이 반복점이다)",
        11,
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
    >>> notation_rows("ko")[2]
    ('$d$', '차원, 곧 $x$의 좌표 수', 1)
    >>> notation_rows("en")[2][1]
    'the dimension, the number of coordinates of $x$'
    >>> notation_rows("fr")
    Traceback (most recent call last):
    ...
    ValueError: The 'lang' parameter of notation_rows must be 'en' or 'ko'. Got 'fr' instead.
    """
    if lang not in ("en", "ko"):
        raise ValueError(
            f"The 'lang' parameter of notation_rows must be 'en' or 'ko'. Got {lang!r} instead."
        )
    return [(s.tex, s.english if lang == "en" else s.korean, s.chapter) for s in SYMBOLS]
