"""What each built page loads: the book's small stylesheets inlined, scripts only where used.

Measured with Lighthouse's phone (``make bench``), every stylesheet linked in ``<head>``
delays the first paint by a round trip, and the book had six small ones besides Material's
(its own four, the formulas' and mkdocstrings'). :func:`inline_stylesheets` copies them into
one ``<style>`` element of each page, rewriting their ``url()`` references relative to the
page; the files stay in the site for pages that are not rewritten. :func:`drop_unused_script`
removes a script from pages that have nothing for it to do (the explorers' script from pages
without an explorer; the Run script is loaded by the page itself on a first press,
:mod:`book.runbar`). :func:`js_class_first` sets the root's ``js`` class before the page is
styled rather than after, and :func:`defer_bundle` keeps Material's script from delaying the
first paint.

Everything here is a pure function of a page's HTML and the stylesheets' text, applied to
every HTML file after the build (``book/hooks/pageassets.py``).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

INLINED = (
    "assets/_mkdocstrings.css",
    "assets/math/math.css",
    "stylesheets/book.css",
    "stylesheets/explorers.css",
    "stylesheets/run.css",
    "stylesheets/a11y.css",
)
"""The stylesheets copied into each page (site paths), in the order ``mkdocs.yml`` links them."""
SCRIPTS = {"javascripts/explorers.js": 'class="gd-explorer"'}
"""Each script, and the markup without which a page does not load it."""
STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
"""A page's ``<style>`` elements; group 1 is the stylesheet."""
URL = re.compile(r"""url\((['"]?)(?!data:|https?:|/|#)([^'")]+)\1\)""")


def rebase_urls(css: str, stylesheet: str, page_dir: str) -> str:
    """Rewrite a stylesheet's relative ``url()`` references for a page in ``page_dir``.

    ``stylesheet`` and ``page_dir`` are site paths (``/``-separated, no leading slash).

    Examples
    --------
    >>> rebase_urls("src: url('f.woff2')", "assets/math/math.css", "gd/gd-1d")
    "src: url('../../assets/math/f.woff2')"
    >>> rebase_urls('url("data:image/svg+xml,<svg/>")', "a/b.css", "x")
    'url("data:image/svg+xml,<svg/>")'
    """

    def rebase(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(stylesheet), match[2]))
        relative = posixpath.relpath(target, page_dir or ".")
        return f"url({match[1]}{relative}{match[1]})"

    return URL.sub(rebase, css)


def inline_stylesheets(page: str, page_dir: str, sheets: Mapping[str, str]) -> str:
    """Replace the page's ``<link>`` to each stylesheet in ``sheets`` by one ``<style>``.

    ``sheets`` maps site paths to their CSS, in the order to apply them; a stylesheet the
    page does not link is not added. The ``<style>`` takes the place of the first link, so
    the cascade keeps its order relative to the stylesheets before and after.

    Examples
    --------
    >>> page = '<link rel="stylesheet" href="../a.css"><link rel="stylesheet" href="../b.css">'
    >>> inline_stylesheets(page, "p", {"a.css": "p{}", "b.css": "q{}"})
    '<style>p{}\\nq{}</style>'
    """
    found: list[tuple[re.Match[str], str]] = []
    for path, css in sheets.items():
        relative = re.escape(posixpath.relpath(path, page_dir or "."))
        match = re.search(rf'<link rel="stylesheet" href="(?:\./)?{relative}">', page)
        if match:
            found.append((match, rebase_urls(css, path, page_dir)))
    if not found:
        return page
    style = "<style>" + "\n".join(css for _, css in found) + "</style>"
    first = min(match.start() for match, _ in found)
    for match, _ in sorted(found, key=lambda item: -item[0].start()):
        page = page[: match.start()] + page[match.end() :]
    return page[:first] + style + page[first:]


def drop_unused_script(page: str, script: str, needed_when: str) -> str:
    """Remove the page's ``<script src>`` of ``script`` if ``needed_when`` is not in it.

    Examples
    --------
    >>> page = '<body><script src="../js/x.js" defer></script></body>'
    >>> drop_unused_script(page, "js/x.js", 'class="x"')
    '<body></body>'
    >>> drop_unused_script(page + '<div class="x">', "js/x.js", 'class="x"') == page + '<div class="x">'
    True
    """
    if needed_when in page:
        return page
    name = re.escape(posixpath.basename(script))
    return re.sub(rf'<script src="[^"]*/?{name}"[^>]*></script>', "", page)


BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def defer_bundle(page: str) -> str:
    """Load Material's script with ``defer``.

    Material puts its script, without ``defer``, at the end of ``<body>``: the browser
    must fetch and run it before the first paint of a page whose HTML arrives quickly.
    Deferred it runs at the same point of the document (after parsing, before
    ``DOMContentLoaded``, which it waits for anyway) without holding up the paint; measured
    with Lighthouse's phone (3 runs each), First Contentful Paint 1.6-2.1 s to 1.05 s on the
    home page and ``/ko/sgd/sgd/``.

    Examples
    --------
    >>> defer_bundle('<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>')
    '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>'
    """
    return BUNDLE.sub(r'<script src="\1" defer></script>', page)


JS_CLASS = '<script>document.documentElement.classList.replace("no-js","js")</script>'
"""Material's script turns ``<html class="no-js">`` into ``class="js"`` when it runs, at the
end of ``<body>``; by then a long page has been styled in parts as it arrived, and the
change of the root's class restyles all of it (Chromium's traces: one recalculation of
every element). Done first thing in ``<head>``, the page is styled once, as scripted; a
reader without JavaScript still gets ``no-js``."""


def js_class_first(page: str) -> str:
    """Insert :data:`JS_CLASS` at the start of ``<head>`` of a page whose root is ``no-js``.

    Examples
    --------
    >>> js_class_first('<html lang="en" class="no-js"><head><meta charset="utf-8">')[:44]
    '<html lang="en" class="no-js"><head><script>'
    >>> js_class_first("<html><head>")
    '<html><head>'
    """
    if JS_CLASS in page or not re.search(r'<html[^>]*\sclass="no-js"', page):
        return page
    return page.replace("<head>", "<head>" + JS_CLASS, 1)


def rewrite_site(site: Path, sheets: Mapping[str, str]) -> int:
    """Apply the rewrites to every HTML page under ``site``; return how many changed."""
    changed = 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        page_dir = os.path.relpath(path.parent, site).replace(os.sep, "/")
        page_dir = "" if page_dir == "." else page_dir
        new = defer_bundle(js_class_first(inline_stylesheets(text, page_dir, sheets)))
        for script, marker in SCRIPTS.items():
            new = drop_unused_script(new, script, marker)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
