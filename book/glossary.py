"""The book's English ↔ Korean terms, and the words the Korean edition never writes.

Copied from the project's glossary (``GLOSSARY.md`` in the authors' shared notes) so that the
build and the tests do not depend on anything outside this repository. Every Korean page
uses :data:`TERMS` exactly; :data:`NEVER_WRITE` lists machine-translation artefacts found in
older Korean material on the subject, which a test keeps out of every Korean page and figure;
:data:`RETIRED` maps the non-standard variants the book itself once used to the one standard
term that replaced them, and a test keeps them out of every Korean page.

Each term links to the section that introduces it: ``introduced`` is a page path relative to
``docs/`` plus the explicit heading id of that section. The glossary page (``{{
glossary_table() }}``) is rendered by the macro hook from :func:`glossary_rows`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["NEVER_WRITE", "RETIRED", "TERMS", "Term", "glossary_rows"]

Lang = Literal["en", "ko"]

_INTRODUCED = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)*\.md#[a-z0-9-]+")


@dataclass(frozen=True)
class Term:
    """One glossary entry.

    Attributes
    ----------
    english : str
        The English term, as the English pages write it.
    korean : str
        The Korean term, exactly as the Korean pages write it.
    introduced : str
        ``"part/page.md#heading-id"``: the section that introduces the term.
    note : str
        A short remark for the English table (may be empty).
    note_ko : str
        The same remark for the Korean table (may be empty).
    """

    english: str
    korean: str
    introduced: str
    note: str = ""
    note_ko: str = ""

    def __post_init__(self) -> None:
        if not _INTRODUCED.fullmatch(self.introduced):
            raise ValueError(
                f"Term {self.english!r}: 'introduced' must look like 'gd/gd-1d.md#learning-rate'."
                f" Got {self.introduced!r} instead."
            )
        for text in (self.english, self.korean, self.note, self.note_ko):
            if "|" in text:
                raise ValueError(f"Term {self.english!r}: '|' would break the glossary table.")


_D = "gd/derivatives.md"
_G1 = "gd/gd-1d.md"
_GN = "gd/gd-nd.md"
_LR = "gd/linear-regression.md"
_SGD = "sgd/sgd.md"
_MB = "sgd/minibatch.md"
_SCH = "sgd/schedules.md"
_FW = "sgd/frameworks.md"
_NT = "beyond/newton.md"
_CV = "beyond/convergence.md"
_AD = "beyond/adaptive.md"
_MO = "beyond/momentum.md"

#: Every term of the book, in the order of the project's glossary (extra terms the chapters
#: introduce follow the term they belong with).
TERMS: tuple[Term, ...] = (
    Term("gradient descent (GD)", "경사 하강법", f"{_D}#ascent-descent"),
    Term(
        "batch gradient descent",
        "배치 경사 하강법",
        f"{_MB}#minibatch",
        "every step uses the whole data set",
        "스텝마다 데이터 전체를 쓴다",
    ),
    Term("stochastic gradient descent (SGD)", "확률적 경사 하강법", f"{_SGD}#stochastic-gradient"),
    Term(
        "stochastic gradient",
        "확률적 그래디언트",
        f"{_SGD}#stochastic-gradient",
        "the gradient of one randomly chosen term of a finite sum",
        "유한합에서 무작위로 고른 한 항의 그래디언트",
    ),
    Term(
        "minibatch stochastic gradient descent",
        "미니배치 확률적 경사 하강법",
        f"{_MB}#minibatch",
    ),
    Term("gradient ascent", "경사 상승법", f"{_D}#ascent-descent"),
    Term(
        "gradient",
        "그래디언트",
        f"{_D}#gradient",
        "the slope of a function of one variable is 기울기 in Korean",
        "1변수 함수의 slope는 '기울기'라고 쓴다",
    ),
    Term("gradient vector", "그래디언트 벡터", f"{_D}#gradient"),
    Term(
        "derivative",
        "도함수 / 미분계수",
        f"{_D}#derivative",
        "도함수 is the function f′, 미분계수 its value f′(a) at a point",
        "도함수는 함수 f′ 자체, 미분계수는 한 점에서의 값 f′(a)를 가리킨다",
    ),
    Term(
        "difference quotient",
        "차분몫",
        f"{_D}#derivative",
        "(f(x + h) − f(x))/h, the slope of a secant",
        "(f(x + h) − f(x))/h, 할선의 기울기",
    ),
    Term("tangent line", "접선", f"{_D}#tangent"),
    Term("forward difference", "전진 차분", f"{_D}#finite-differences", "(f(x + h) − f(x))/h"),
    Term(
        "central difference",
        "중앙 차분",
        f"{_D}#finite-differences",
        "(f(x + h) − f(x − h))/(2h)",
        "(f(x + h) − f(x − h))/(2h). '중심 차분'이라고 쓰지 않는다",
    ),
    Term("differentiation", "미분", f"{_D}#derivative"),
    Term("partial derivative", "편도함수 (편미분)", f"{_D}#partial-derivatives"),
    Term("directional derivative", "방향 도함수", f"{_GN}#directional-derivative"),
    Term(
        "steepest descent",
        "최급강하",
        f"{_GN}#steepest-descent",
        "the direction −∇f, in which f decreases fastest",
        "가장 가파르게 내려가는 방향 −∇f",
    ),
    Term(
        "Taylor expansion / approximation",
        "테일러 전개 / 테일러 근사",
        f"{_G1}#taylor",
        "first-order approximation: 1차 근사",
        "first-order approximation은 '1차 근사'라고 쓴다",
    ),
    Term(
        "learning rate",
        "학습률",
        f"{_G1}#learning-rate",
        "the factor η that scales each step",
        "스텝의 크기를 정하는 계수 η",
    ),
    Term("learning-rate schedule", "학습률 스케줄", f"{_SCH}#schedules"),
    Term(
        "Robbins–Monro conditions",
        "로빈스–먼로 조건",
        f"{_SCH}#robbins-monro",
        "Σ ηₜ = ∞ and Σ ηₜ² < ∞",
        "Σ ηₜ = ∞이고 Σ ηₜ² < ∞",
    ),
    Term(
        "objective function",
        "목적 함수",
        f"{_D}#ascent-descent",
        "the function being minimised (or maximised)",
        "최소화(또는 최대화)하려는 함수",
    ),
    Term(
        "finite-sum objective",
        "유한합 목적 함수",
        f"{_SGD}#finite-sum",
        "f(x) = (1/n) Σᵢ fᵢ(x)",
        "f(x) = (1/n) Σᵢ fᵢ(x)",
    ),
    Term("loss function", "손실 함수", f"{_LR}#linear-regression"),
    Term("cost function", "비용 함수", f"{_LR}#least-squares"),
    Term("iteration", "반복", f"{_G1}#iteration"),
    Term("step", "스텝", f"{_G1}#iteration"),
    Term(
        "stopping rule",
        "종료 조건",
        f"{_G1}#stopping-rules",
        "e.g. the size of f′(x) below a tolerance, or a step budget",
        "예: f′(x)의 절댓값이 허용 오차 이하일 때, 또는 스텝 예산을 다 썼을 때",
    ),
    Term("epoch", "에포크", f"{_MB}#epochs"),
    Term("batch size", "배치 크기", f"{_MB}#minibatch"),
    Term("minibatch", "미니배치", f"{_MB}#minibatch"),
    Term("trajectory", "궤적", f"{_G1}#standard-example"),
    Term("contour line", "등고선", f"{_GN}#contour-lines"),
    Term("converge / convergence", "수렴하다 / 수렴", f"{_G1}#closed-form"),
    Term("convergence rate", "수렴 속도", f"{_CV}#choosing-the-rate"),
    Term(
        "horizon",
        "호라이즌",
        f"{_CV}#choosing-the-rate",
        "the number of steps T, fixed before the run",
        "실행 전에 정해 둔 스텝 수 T",
    ),
    Term(
        "iterate averaging",
        "반복점 평균화",
        f"{_CV}#theorem",
        "Polyak–Ruppert averaging: the mean of x₁, …, x_T (gdbook.iterate_averages)",
        "Polyak–Ruppert 평균화: x₁, …, x_T의 평균(gdbook.iterate_averages)",
    ),
    Term("diverge / divergence", "발산하다 / 발산", f"{_G1}#learning-rate"),
    Term(
        "local minimum (the point) / its value",
        "지역 최소점 / 지역 최솟값",
        f"{_G1}#local-minima",
        "최소점 is a point, 최솟값 the value of f there; never 최솟점",
        "최소점은 점, 최솟값은 그 점에서의 함숫값이다. '최솟점'이라고 쓰지 않는다",
    ),
    Term(
        "global minimum (the point) / its value",
        "전역 최소점 / 전역 최솟값",
        f"{_G1}#local-minima",
    ),
    Term("minimiser", "최소점", f"{_G1}#local-minima"),
    Term("saddle point", "안장점", f"{_SCH}#plateaus-and-saddle-points"),
    Term("plateau", "평탄 구간(plateau)", f"{_SCH}#plateaus-and-saddle-points"),
    Term("convex function / convexity", "볼록 함수 / 볼록성", f"{_LR}#convexity"),
    Term(
        "L-smooth function",
        "L-매끄러운 함수",
        f"{_CV}#assumptions",
        "its gradient is Lipschitz with constant L",
        "그래디언트가 상수 L로 립시츠 연속인 함수",
    ),
    Term(
        "strongly convex function",
        "강볼록 함수",
        f"{_CV}#measured",
        "curvature at least μ > 0 everywhere",
        "어디서나 곡률이 μ > 0 이상인 함수",
    ),
    Term("condition number", "조건수", f"{_GN}#condition-number"),
    Term(
        "Hessian",
        "헤세 행렬",
        f"{_GN}#directional-derivative-formula",
        "the matrix of second partial derivatives ∇²f(x)",
        "이계 편도함수의 행렬 ∇²f(x)",
    ),
    Term(
        "preconditioning / preconditioner",
        "전처리 / 전처리 행렬",
        f"{_GN}#condition-number",
        "multiplying the gradient by a fixed matrix before the step",
        "스텝을 밟기 전에 그래디언트에 고정된 행렬을 곱하는 것",
    ),
    Term("Newton's method", "뉴턴 방법", f"{_NT}#quadratic-model"),
    Term(
        "damped Newton's method",
        "감쇠 뉴턴 방법",
        f"{_NT}#many-dimensions",
        "the Newton step scaled by a learning rate η < 1",
        "뉴턴 스텝에 1보다 작은 학습률 η를 곱한 방법",
    ),
    Term("affine invariance", "아핀 불변성", f"{_NT}#affine-invariance"),
    Term(
        "quadratic convergence",
        "이차 수렴",
        f"{_NT}#quadratic-convergence",
        "the error is roughly squared at every step: the correct digits double",
        "오차가 스텝마다 대략 제곱되어 맞는 자릿수가 두 배가 된다",
    ),
    Term("line search / backtracking", "직선 탐색 / 백트래킹", f"{_NT}#line-search"),
    Term(
        "sufficient-decrease (Armijo) condition",
        "충분한 감소 조건(아르미호 조건)",
        f"{_NT}#line-search",
        "f(x − η∇f(x)) ≤ f(x) − c₁η‖∇f(x)‖²",
        "f(x − η∇f(x)) ≤ f(x) − c₁η‖∇f(x)‖²",
    ),
    Term(
        "adaptive learning rate",
        "적응적 학습률",
        f"{_AD}#per-coordinate",
        "a learning rate per coordinate, set from the sizes of the past gradients",
        "지난 그래디언트들의 크기로 정하는 좌표별 학습률",
    ),
    Term(
        "AdaGrad",
        "AdaGrad",
        f"{_AD}#adagrad",
        "divides by the root of the summed squared gradients; in code: gdbook.adagrad()",
        "제곱 그래디언트 합의 제곱근으로 나눈다. 코드에서는 gdbook.adagrad()",
    ),
    Term(
        "RMSProp",
        "RMSProp",
        f"{_AD}#rmsprop",
        "divides by the root of a moving average of squared gradients; gdbook.rmsprop()",
        "제곱 그래디언트 이동 평균의 제곱근으로 나눈다. 코드에서는 gdbook.rmsprop()",
    ),
    Term(
        "Adam",
        "Adam",
        f"{_AD}#adam",
        "bias-corrected moving averages of the gradients and their squares; gdbook.adam()",
        "그래디언트와 그 제곱의 이동 평균을 편향 보정해 쓴다. 코드에서는 gdbook.adam()",
    ),
    Term(
        "bias correction",
        "편향 보정",
        f"{_AD}#bias-correction",
        "dividing a moving average started at 0 by 1 − β^(t+1)",
        "0에서 시작한 이동 평균을 1 − β^(t+1)로 나누는 것",
    ),
    Term(
        "Rosenbrock function",
        "로젠브록 함수",
        f"{_GN}#exercises",
        "in code: gdbook.Rosenbrock()",
        "코드에서는 gdbook.Rosenbrock()",
    ),
    Term(
        "unbiased estimator",
        "불편 추정량",
        f"{_SGD}#unbiasedness",
        "unbiased: 불편 (편향 없는)",
        "unbiased는 '불편(편향 없는)'이라고 쓴다",
    ),
    Term("expectation / expected value", "기댓값", f"{_SGD}#unbiasedness"),
    Term("variance / standard deviation", "분산 / 표준편차", f"{_MB}#variance"),
    Term("noise", "잡음(노이즈)", f"{_SGD}#noise-ball"),
    Term(
        "simulated SGD",
        "모의 확률적 경사 하강법",
        f"{_SGD}#simulated-sgd",
        "the exact gradient plus artificial noise (noisy_gradient_descent)",
        "정확한 그래디언트에 인위적인 잡음을 더한 것(noisy_gradient_descent)",
    ),
    Term(
        "driver",
        "구동 함수",
        f"{_SGD}#stochastic-gradient",
        "a gdbook function that runs a whole optimisation and returns its Trajectory",
        "최적화 전체를 실행하고 Trajectory를 돌려주는 gdbook 함수",
    ),
    Term("sampling with replacement", "복원 추출", f"{_SGD}#sampling"),
    Term("sampling without replacement", "비복원 추출", f"{_SGD}#sampling"),
    Term("shuffle", "셔플(뒤섞기)", f"{_SGD}#sampling"),
    Term(
        "training example",
        "샘플 (훈련 샘플)",
        f"{_SGD}#finite-sum",
        "one data point, with its own loss fᵢ",
        "데이터 점 하나와 그 손실 fᵢ. 풀이한 예(worked example)는 '예제'라고 쓴다",
    ),
    Term(
        "worked example",
        "예제",
        f"{_GN}#worked-example",
        "a problem worked through in the text; a data point is a training example",
        "본문에서 풀어 보이는 예. 데이터 점 하나는 '샘플'이라고 쓴다",
    ),
    Term("linear regression", "선형 회귀", f"{_LR}#linear-regression"),
    Term("least squares", "최소제곱", f"{_LR}#least-squares"),
    Term(
        "parameter / hyperparameter",
        "매개변수 / 하이퍼파라미터",
        f"{_G1}#learning-rate",
        "a hyperparameter, such as η, is chosen by hand, not learned",
        "η 같은 하이퍼파라미터는 학습으로 정해지지 않고 사람이 직접 정한다",
    ),
    Term("initialization", "초기화", f"{_SCH}#initialization"),
    Term(
        "online learning",
        "온라인 학습",
        f"{_MB}#minibatch",
        "updating after every single example (batch size 1)",
        "샘플 하나를 볼 때마다 갱신한다(배치 크기 1)",
    ),
    Term(
        "momentum / heavy ball",
        "모멘텀 / 헤비 볼 방법",
        f"{_MO}#heavy-ball",
        "x_{t+1} = x_t − η∇f(x_t) + β(x_t − x_{t−1}); β is the momentum",
        "x_{t+1} = x_t − η∇f(x_t) + β(x_t − x_{t−1}). β가 모멘텀이다",
    ),
    Term(
        "Nesterov's accelerated gradient (Nesterov momentum)",
        "네스테로프 가속 경사법",
        f"{_MO}#nesterov",
        "the gradient is taken at the look-ahead point x_t + β(x_t − x_{t−1})",
        "그래디언트를 앞서 본 점 x_t + β(x_t − x_{t−1})에서 계산한다",
    ),
    Term(
        "effective learning rate",
        "유효 학습률",
        f"{_MO}#heavy-ball",
        "η/(1 − β): how far momentum moves on a steady slope",
        "η/(1 − β). 기울기가 일정할 때 모멘텀이 움직이는 만큼",
    ),
    Term("finite differences", "유한 차분", f"{_D}#finite-differences"),
    Term(
        "increment (of a finite difference)",
        "증분",
        f"{_D}#finite-differences",
        "the h of a difference quotient; not called a step, which is the move of an optimiser",
        "차분 몫의 h. 최적화의 한 걸음인 '스텝'과 구별한다",
    ),
    Term("vectorization", "벡터화", f"{_MB}#vectorization"),
    Term(
        "weight decay",
        "가중치 감쇠",
        f"{_FW}#torch-sgd",
        "PyTorch's `lambda`; 감쇠 alone is the decay of a learning rate",
        "PyTorch의 `lambda`. '감쇠'만 쓰면 학습률이 줄어드는 것을 뜻한다",
    ),
    Term(
        "dampening",
        "댐프닝 계수",
        f"{_FW}#torch-sgd",
        "PyTorch's `tau`, which scales the new gradient in the momentum buffer",
        "PyTorch의 `tau`. 모멘텀 버퍼에 더하는 새 그래디언트의 비율을 줄인다. '감쇠 계수'라고 쓰지 않는다",
    ),
    Term(
        "automatic differentiation",
        "자동 미분",
        f"{_FW}#frameworks",
        "what PyTorch and TensorFlow add: gradients computed from the code of f",
        "PyTorch와 TensorFlow가 더해 주는 기능: f의 코드로부터 그래디언트를 계산한다",
    ),
)

#: Machine-translation artefacts that no Korean page, figure or caption may contain.
NEVER_WRITE: tuple[str, ...] = (
    "그라데이션",
    "디센트",
    "스토캐스틱",
    "학습 속도",
    "대물렌즈",
    "그라데이션 하강",
    "확률적 그라디언트 디센트",
)


#: Non-standard Korean forms the book once used, each mapped to the one standard term that
#: replaced it. A test keeps them out of every Korean page (the glossary page excepted, which
#: lists them). They are not in :data:`NEVER_WRITE` because some figure texts in
#: ``gdbook/figures`` still use them; once those are updated, they can move there.
RETIRED: dict[str, str] = {
    "최솟점": "최소점",
    "최댓점": "최대점",
    "중심 차분": "중앙 차분",
    "차분 몫": "차분몫",
    "유한 합": "유한합",
    "드라이버": "구동 함수",
    "최적화 함수": "구동 함수",
    "훈련 예제": "훈련 샘플",
    "예제 그래디언트": "샘플 그래디언트",
    "예제별": "샘플별",
    "예제 하나": "샘플 하나",
    "처리한 예제": "처리한 샘플",
    "예제 $": "샘플 $",
    "예제 {{": "샘플 {{",
    "확률적 경사 하강법 시뮬레이션": "모의 확률적 경사 하강법",
    "흉내 낸 확률적 경사 하강법": "모의 확률적 경사 하강법",
    "Rosenbrock 함수": "로젠브록 함수",
    "Robbins와": "로빈스와",
    "Robbins–Monro 조건": "로빈스–먼로 조건",
    "감쇠 계수": "댐프닝 계수",
    "헤시안": "헤세 행렬",
    # 최솟값 is a value; these phrasings use it for a point
    "최솟값까지": "최소점까지",
    "최솟값에 수렴": "최소점에 수렴",
    "최솟값으로 수렴": "최소점으로 수렴",
    "최솟값에 도착": "최소점에 도착",
    "최솟값을 가리킨": "최소점을 가리킨",
    "최솟값은 원점": "최소점은 원점",
}


def glossary_rows(lang: Lang) -> list[tuple[str, str, str, str]]:
    """Return the glossary table's rows for one language, sorted by the term in that language.

    Parameters
    ----------
    lang : {"en", "ko"}
        ``"en"``: rows are (English, Korean, English note, link); ``"ko"``: (Korean, English,
        Korean note, link).

    Returns
    -------
    list of (str, str, str, str)
        ``(term, translation, note, link)``; ``link`` is ``"part/page.md#heading-id"``,
        relative to ``docs/``.

    Examples
    --------
    >>> rows = glossary_rows("ko")
    >>> [row for row in rows if row[0] == "학습률"][0]
    ('학습률', 'learning rate', '스텝의 크기를 정하는 계수 η', 'gd/gd-1d.md#learning-rate')
    >>> [row[0] for row in glossary_rows("en")][:2]  # case-insensitive order
    ['AdaGrad', 'Adam']
    """
    if lang == "en":
        rows = [(t.english, t.korean, t.note, t.introduced) for t in TERMS]
        return sorted(rows, key=lambda row: row[0].casefold())
    if lang == "ko":
        return sorted((t.korean, t.english, t.note_ko, t.introduced) for t in TERMS)
    raise ValueError(f"lang must be 'en' or 'ko'. Got {lang!r} instead.")
