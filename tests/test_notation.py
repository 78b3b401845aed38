"""One symbol, one meaning: the pages do not give a symbol of the notation table a second meaning.

``book/notation.py`` is the table (rendered on both home pages). This test scans the formulas
of every page and every figure caption for the clashes the book once had, each of which gave
a reserved symbol another meaning: ``beta`` for the regression parameters or a schedule
constant (it is reserved for momentum), ``x_i`` for a row of the design matrix (``a_i``),
``mu`` as a noise mean (it is the smallest curvature), ``T`` as a temperature (the number of
steps), ``b`` as a schedule boundary or a local maximum (the batch size), ``h`` as a curvature
(the finite-difference increment), ``s_t`` or ``m_t`` for a second moment (``v_t``), and
``sigma_j`` for a per-coordinate noise (``nu``), and a bare ``epsilon`` for the machine
epsilon (``epsilon_mach``; ``epsilon`` is the adaptive methods' constant). The checker itself
is tested on snippets that reintroduce each clash.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from book.chapters import CHAPTERS
from book.notation import SYMBOLS, notation_rows
from tests.conftest import DOCS

ROOT = DOCS.parent
PAGES = sorted(DOCS.rglob("*.md"))
CAPTIONS = sorted((ROOT / "book" / "chapters").glob("ch*/figures.yml"))
MATH = re.compile(r"\$\$.*?\$\$|\$(?:[^$\n]|\n(?![ \t]*\n))+?\$", re.S)

#: (what the clash is, a pattern in a formula that shows it)
MATH_CLASHES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "beta as regression parameters (write x)",
        re.compile(
            r"\\hat\s*\\beta|[AX]\s*\\beta|\\beta_0|\\beta\^\\star|\\nabla_\\beta|f_?i?\(\\beta"
        ),
    ),
    ("beta as a schedule constant (write omega)", re.compile(r"\\beta\s*t\b")),
    ("x_i as a row of the design matrix (write a_i)", re.compile(r"x_i\s*=\s*\(1|x_i\^\\top")),
    ("mu as a noise mean (write delta)", re.compile(r"\\mu\s*\\ne\s*0|\+\s*\\mu\s*\+\s*\\zeta")),
    ("T as a temperature (write Theta)", re.compile(r"T\s*=\s*\\frac\{?\\eta|f(?:\(x\))?/T\b")),
    ("b as a schedule boundary (write t_k)", re.compile(r"(?<![\\a-zA-Z])b_[1-9k]\b")),
    (
        "h as a curvature (write lambda)",
        re.compile(
            r"(?<![\\a-zA-Z])h_[ij]|\\eta(?:_[ts])?\s*h(?![a-zA-Z])|\\tfrac\s*h2|2/h\b|diag\}?\(h\)"
        ),
    ),
    ("s_t or m_t as a second moment (write v_t)", re.compile(r"[sm]_t\s*=\s*\\mathbb E\[x_t\^2\]")),
    ("sigma_j as a per-coordinate noise (write nu_j)", re.compile(r"\\sigma_j")),
    ("xi for anything but the simulated noise", re.compile(r"\\xi_k")),
    ("y as a second point (write x')", re.compile(r"\\nabla f\(y\)|f\(y\)\s*-\s*f\(x\)")),
    ("h as a step size (write eta)", re.compile(r"(?<![\\a-zA-Z])h\s*\\nabla f")),
    ("gamma as a curve (write psi)", re.compile(r"\\gamma'?\(s\)|\\gamma'\(0\)")),
    (
        "PyTorch's theta, gamma or mu in a formula (write x, eta, beta)",
        re.compile(r"\\theta_\{?t|\\gamma\s*[bg]_t|\\mu\s*[bmv]_\{t-1\}"),
    ),
    (
        "bare epsilon as the machine epsilon (write epsilon_mach; epsilon is Adam's constant)",
        re.compile(r"\\epsilon(?![_A-Za-z])\s*(?:\|f\||=\s*2\^|\^\{?1/|/h\b)"),
    ),
    (
        "v_t as Keras's velocity (write tilde m_t)",
        # the velocity form v_t = beta v_{t-1} - eta g_t; RMSProp's and Adam's second moment
        # v_t = beta v_{t-1} + (1 - beta) g_t^2 is the table's v_t
        re.compile(r"(?<!\\tilde )v_t\s*=\s*\\(?:beta|mu)_?\d?\s*v_\{t-1\}\s*[-+]\s*\\eta"),
    ),
)
#: the same clashes in the words around the formulas
TEXT_CLASHES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("T called a temperature", re.compile(r"temperature \$T\b|\$T\$[^\n]{0,12}온도|온도 \$T\b")),
    ("b called a local maximum", re.compile(r"maximum \$b\$|극댓값 \$b\$|극대점 \$b\$")),
    ("mu called a mean", re.compile(r"mean \$\\mu|평균이 \$\\mu")),
    ("the finite-difference increment called a step", re.compile(r"fixed step \$h\$|스텝 \$h\$")),
)


def clashes(text: str) -> list[str]:
    """Return ``"what: snippet"`` for every clash of the notation found in ``text``.

    Examples
    --------
    >>> clashes(r"the fit $\\hat\\beta$ and $x_i = (1, x_i)$")[0].split(":")[0]
    'beta as regression parameters (write x)'
    >>> clashes(r"the fit $\\hat x$ and $a_i = (1, z_i)$")
    []
    """
    found = []
    for formula in MATH.findall(text):
        found += [
            f"{what}: {formula[:80]}" for what, pattern in MATH_CLASHES if pattern.search(formula)
        ]
    found += [
        f"{what}: {m.group(0)}" for what, pattern in TEXT_CLASHES for m in pattern.finditer(text)
    ]
    return found


@pytest.mark.parametrize("path", PAGES + CAPTIONS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_page_gives_a_reserved_symbol_a_second_meaning(path: Path) -> None:
    assert not clashes(path.read_text(encoding="utf-8")), path


BAD = (
    r"$f(\beta)=\frac1n\lVert y-X\beta\rVert^2$",
    r"$\hat\beta=(X^\top X)^{-1}X^\top y$",
    r"here $x_i = (1, x_i)$ is the row",
    r"$f_i(x)=(y_i-x_i^\top x)^2$",
    r"$\eta_t = \eta_0(1+\beta t)^{-\alpha}$",
    r"Noise with mean $\mu \ne 0$ would",
    r"$g_t = \nabla f(x_t) + \mu + \zeta_t$",
    r"at temperature $T$, $T = \frac{\eta\sigma^2}{2}$",
    r"the time grows like $e^{\Delta f/T}$",
    r"a point $\xi_k$ on that leg",
    r"the Hessian takes the place of $\mathrm{diag}(h)$",
    r"$\lVert\nabla f(x)-\nabla f(y)\rVert\le L\lVert x-y\rVert$",
    r"until a boundary step $b_1$",
    r"The local maximum $b$ is a fixed point",
    r"$f(x) = \tfrac h2 x^2$ with $\eta<2/h$",
    r"$\frac12\sum_i h_ix_i^2$",
    r"$(1-\eta_t h)^2$",
    r"$s_t = \mathbb E[x_t^2]$",
    r"$m_t = \mathbb E[x_t^2]$",
    r"noise of variance $\sigma_j^2$",
    r"by a small fixed step $h$",
    r"차분 몫을 작은 스텝 $h$로",
    r"$f(x) - f(x - h\nabla f(x)) \ge h(1-\tfrac{hL}{2})$",
    r"Let $s\mapsto\gamma(s)$ be a curve with $\gamma(0)=x$",
    r"PyTorch updates $b_t = \mu b_{t-1} + g_t$ and $\theta_t = \theta_{t-1} - \gamma b_t$",
    r"Keras keeps $v_t = \beta v_{t-1} - \eta g_t$",
    r"where $\epsilon = 2^{-52}$ is the machine epsilon",
    r"$E(h) \approx \frac{M_3}{6}h^2 + \frac{\epsilon|f|}{2h}$, of the order of $\epsilon^{1/3}$",
)
GOOD = (
    r"$f(x)=\frac1n\lVert y-Ax\rVert^2$ with rows $a_i^\top=(1,z_i)$",
    r"$\eta_t = \eta_0(1+\omega t)^{-\alpha}$, Adam's $\beta_1$ and $\beta_2$",
    r"$f(x)=\tfrac\lambda2x^2$, $\eta<2/\lambda$, $(1-\eta_t\lambda)^2$, $v_t=\mathbb E[x_t^2]$",
    r"the temperature $\Theta=\eta\nu^2/2$ over $T$ steps; boundary steps $t_1$, $t_2$",
    r"a fixed increment $h$; the batch size $b$; $\mu=\min_j\lambda_j$",
    r"$m_t = \beta m_{t-1} + g_t$, Keras's $\tilde m_t = \beta \tilde m_{t-1} - \eta g_t$",
    r"RMSProp's $v_t=\beta v_{t-1}+(1-\beta)g_t^2$, Adam's $v_t=\beta_2v_{t-1}+(1-\beta_2)\,g_t^2$",
    r"a curve $\psi(s)$ with $\psi(0)=x$; $f(x) - f(x - \eta\nabla f(x))$",
    r"$\frac{\epsilon_{\mathrm{mach}}|f|}{2h}$, $\epsilon_{\mathrm{mach}}^{1/3}$; Adam's"
    r" $\hat m_t/(\sqrt{\hat v_t}+\epsilon)$",
)


@pytest.mark.parametrize("snippet", BAD)
def test_the_checker_finds_a_reintroduced_clash(snippet: str) -> None:
    assert clashes(snippet), snippet


@pytest.mark.parametrize("snippet", GOOD)
def test_the_checker_accepts_the_book_notation(snippet: str) -> None:
    assert clashes(snippet) == [], snippet


def test_every_symbol_is_in_both_tables_once() -> None:
    english = [tex for tex, _, _ in notation_rows("en")]
    assert english == [tex for tex, _, _ in notation_rows("ko")]
    assert len(set(english)) == len(english) == len(SYMBOLS)
    for symbol in SYMBOLS:
        assert symbol.english and symbol.korean and symbol.chapter >= 1


PIECE = re.compile(r"\$([^$]+)\$")
#: every symbol of the table, as the formulas write it
TABLE_SYMBOLS = [piece for symbol in SYMBOLS for piece in PIECE.findall(symbol.tex)]


def _uses(tex: str, text: str) -> bool:
    """Whether the formulas of ``text`` contain ``tex`` as a symbol (not inside a longer name).

    A longer symbol of the table that begins with ``tex`` is a different symbol:
    ``\\epsilon_{\\mathrm{mach}}`` is not a use of ``\\epsilon``.

    Examples
    --------
    >>> _uses(r"\\epsilon", r"$\\epsilon_{\\mathrm{mach}}|f|$")
    False
    >>> _uses(r"\\epsilon", r"$\\sqrt{v_t}+\\epsilon$")
    True
    >>> _uses(r"\\eta", r"$\\beta$ and $\\theta$")
    False
    """
    pattern = re.compile(r"(?<![\\A-Za-z])" + re.escape(tex) + r"(?![A-Za-z])")
    longer = [piece for piece in TABLE_SYMBOLS if piece != tex and piece.startswith(tex)]
    for formula in MATH.findall(text):
        for piece in longer:
            formula = formula.replace(piece, " ")
        if pattern.search(formula):
            return True
    return False


def test_every_symbol_is_used_in_the_chapter_the_table_names() -> None:
    """The table's "first used in" column: that chapter uses the symbol, no earlier one does.

    Single Latin letters (``h``, ``u``, ``b``, ...) also serve as throwaway names inside one
    derivation, defined where they appear, so for them only the first half is checked.
    """
    pages = {
        chapter.number: (DOCS / f"{chapter.page}.md").read_text(encoding="utf-8")
        for chapter in CHAPTERS
    }
    for symbol in SYMBOLS:
        first = PIECE.findall(symbol.tex)[0]
        assert _uses(first, pages[symbol.chapter]), (symbol.tex, symbol.chapter)
        if not re.fullmatch(r"[A-Za-z]", first):
            earlier = [n for n in pages if n < symbol.chapter and _uses(first, pages[n])]
            assert not earlier, (symbol.tex, symbol.chapter, earlier)


def test_the_home_pages_render_the_table_and_every_chapter_links_to_it() -> None:
    for home in ("index.md", "index.ko.md"):
        assert "{{ notation_table() }}" in (DOCS / home).read_text(encoding="utf-8")
    for page in sorted((DOCS / "gd").glob("*.md")) + sorted((DOCS / "sgd").glob("*.md")):
        assert "(../index.md#notation)" in page.read_text(encoding="utf-8"), page
