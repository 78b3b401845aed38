"""What each built page loads: the book's small stylesheets inlined, scripts only where used.

Measured with Lighthouse's phone (``make bench``), every stylesheet linked in ``<head>``
delays the first paint by a round trip, and the book had six small ones besides Material's
(its own four, the formulas' and mkdocstrings'). :func:`inline_stylesheets` copies them into
one ``<style>`` element of each page, rewriting their ``url()`` references relative to the
page; the files stay in the site for pages that are not rewritten. :func:`drop_unused_script`
removes a script from pages that have nothing for it to do (the explorers' script from pages
without an explorer; the Run script is loaded by the page itself on a first press,
:mod:`book.runbar`). :func:`js_class_first` sets the root's ``js`` class before the page is
styled rather than after. :func:`load_material_on_interaction` loads Material's script when
the reader first acts on the page, not while it loads, and :func:`palette_before_paint` does
before the first paint what that script did for the palette. :func:`skip_far_paragraphs`
marks the paragraphs with formulas below the first screen, which the browser then lays out
only near the screen like the formulas and code blocks, and :func:`keep_fragment_in_view`
scrolls a link's target into view again once the blocks around it have been drawn.

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
SHORTCUTS = "fs/p,n."
"""The keys Material's script answers anywhere on a page (search; previous and next page)."""
MATERIAL_LOADER = (
    "<script>(function(){"
    'var src=document.currentScript.getAttribute("data-src"),'
    'kinds=["pointerdown","pointermove","touchstart","keydown","focusin","wheel","scroll"],'
    "started=false;"
    "function listen(on){kinds.forEach(function(k){"
    "(on?addEventListener:removeEventListener)(k,start,{capture:true,passive:true})})}"
    # the key that woke the page is handed to Material's script once it runs: one of its
    # shortcuts outside a form field, or Enter on the palette toggle
    'function replayed(e){if(e.type!=="keydown"||e.metaKey||e.ctrlKey||e.altKey)return null;'
    'var t=e.target,field=t.closest&&t.closest("input,textarea,select,[contenteditable]");'
    f'if(!field&&"{SHORTCUTS}".indexOf(e.key)>=0&&e.key.length===1)return{{target:t,key:e.key}};'
    'if(e.key==="Enter"&&t.name==="__palette")return{target:t,key:e.key};return null}'
    "function start(e){if(started)return;started=true;listen(false);var key=replayed(e),"
    's=document.createElement("script");s.src=src;'
    "s.onload=function(){window.gdbookMaterial=true;"
    'document.dispatchEvent(new Event("DOMContentLoaded"));'
    'if(key)setTimeout(function(){key.target.dispatchEvent(new KeyboardEvent("keydown",'
    "{key:key.key,bubbles:true,cancelable:true}))})};"
    "s.onerror=function(){s.remove();started=false;listen(true)};"  # the next touch tries again
    "document.body.appendChild(s)}"
    # until it runs, the header's search button focuses the field, as Material's script does
    'document.addEventListener("click",function(e){if(window.gdbookMaterial)return;'
    'var b=e.target.closest&&e.target.closest("header [for=__search]"),'
    'q=b&&document.querySelector("[data-md-component=search-query]");if(q)q.focus()});'
    # until it runs, code blocks wider than their box take the keyboard focus (to scroll them
    # with the keys), as Material's script makes them where the pointer can hover: one
    # reading of all their widths, where Material forced a layout per block
    'function scrollable(){if(window.gdbookMaterial||!matchMedia("(hover)").matches)return;'
    'var blocks=[].slice.call(document.querySelectorAll("pre > code")),'
    "wide=blocks.map(function(c){return c.scrollWidth>c.clientWidth});"
    'blocks.forEach(function(c,i){if(wide[i])c.setAttribute("tabindex","0");'
    'else c.removeAttribute("tabindex")})}'
    "requestAnimationFrame(scrollable);"
    'addEventListener("resize",function(){requestAnimationFrame(scrollable)});'
    "listen(true);"
    # a search link (?q=) asks for Material's search at once
    'if(new URLSearchParams(location.search).has("q"))start({type:"load"})'
    "})()</script>"
)
"""Loads Material's script on the reader's first touch, click, key, scroll or pointer move,
or at once for a search link (``?q=``); ``data-src`` is its URL."""


def load_material_on_interaction(page: str) -> str:
    """Replace the page's ``<script>`` of Material's bundle by :data:`MATERIAL_LOADER`.

    What a reader sees needs no script: the text, the formulas (MathML) and the figures are
    in the HTML, and the palette is set before the first paint (:data:`PALETTE`). Material's
    script adds what only acts on a reader's input: search, the palette toggle's animation,
    copy buttons, the contents' highlight following the scroll, tab linking, keyboard
    shortcuts. Run at load (even deferred) it is most of the main thread's work on a phone:
    on ``/reference/api/`` it forces a style and layout per code block, and its
    ``<meta name="color-scheme">`` restyles every element. Measured with Lighthouse's
    phone, removing it took performance from 50 to 93 (``/reference/api/``), 72 to 93
    (``/gd/gd-nd/``), 78 to 96 (``/notebooks/ch05/``) and Total Blocking Time from 0.9-3.3 s
    to 0.2-0.3 s. So it is loaded when the reader first acts on the page; Material waits for
    ``DOMContentLoaded``, which has passed by then, so the loader dispatches it again once the
    script has run, and hands over the key that woke the page if Material answers it.

    Examples
    --------
    >>> page = load_material_on_interaction(
    ...     '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>')
    >>> page.startswith('<script data-src="../assets/javascripts/bundle.a5f9d56c.min.js">')
    True
    >>> load_material_on_interaction(page) == page
    True
    """
    return BUNDLE.sub(
        lambda match: MATERIAL_LOADER.replace("<script>", f'<script data-src="{match[1]}">', 1),
        page,
    )


PALETTE = (
    "<script>(function(){"
    'var form=document.querySelector("[data-md-component=palette]");if(!form)return;'
    'var inputs=[].slice.call(form.querySelectorAll("input[name=__palette]")),body=document.body;'
    'function color(i){var c={};["media","scheme","primary","accent"].forEach('
    'function(k){c[k]=inputs[i].getAttribute("data-md-color-"+k)});return c}'
    "function show(i){inputs.forEach(function(x,j){var l=x.nextElementSibling;"
    'if(l&&l.tagName==="LABEL")l.hidden=j!==i})}'
    "function apply(i){var c=color(i);"
    'for(var k in c)body.setAttribute("data-md-color-"+k,c[k]);show(i)}'
    'var stored=__md_get("__palette"),i=stored?stored.index:inputs.findIndex(function(x){'
    'return matchMedia(x.getAttribute("data-md-color-media")).matches});'
    "i=Math.max(0,Math.min(i,inputs.length-1));"
    "if(stored)show(i);else apply(i);"  # Material's script before this one applied it
    'form.addEventListener("change",function(){if(window.gdbookMaterial)return;'
    "var j=inputs.findIndex(function(x){return x.checked});if(j<0)return;"
    'body.setAttribute("data-md-color-switching","");apply(j);'
    '__md_set("__palette",{index:j,color:color(j)});'
    "requestAnimationFrame(function(){requestAnimationFrame(function(){"
    'body.removeAttribute("data-md-color-switching")})})})'
    "})()</script>"
)
"""Sets the palette and shows its toggle before the first paint, and switches it on a press
until Material's script runs (which then starts from the stored choice)."""
MATERIAL_PALETTE = re.compile(r'<script>var palette=__md_get\("__palette"\);.*?</script>')
"""Material's own inline script after the palette toggle: applies a stored choice only."""


def palette_before_paint(page: str) -> str:
    """Insert :data:`PALETTE` after Material's inline palette script.

    Material's HTML sets the first palette (light) and hides both toggle buttons; its own
    inline script applies only a palette chosen on an earlier visit, and its bundle does the
    rest: the palette matching ``prefers-color-scheme`` on a first visit, the visible
    button, the switch on a press. With that bundle loaded on the first interaction
    (:func:`load_material_on_interaction`), :data:`PALETTE` does these before the first
    paint, as the bundle would, and stores a choice made before the bundle runs where the
    bundle reads it (``__md_set("__palette")``).

    Examples
    --------
    >>> material = '<form data-md-component="palette"></form><script>var palette=__md_get("__palette");x</script>'
    >>> palette_before_paint(material).endswith("})()</script>")
    True
    >>> palette_before_paint(palette_before_paint(material)) == palette_before_paint(material)
    True
    >>> palette_before_paint("<p>no palette</p>")
    '<p>no palette</p>'
    """
    if PALETTE in page:
        return page
    return MATERIAL_PALETTE.sub(lambda match: match[0] + PALETTE, page, count=1)


FRAGMENT = (
    "<script>(function(){if(!location.hash)return;var moved=false,last=null,frames=0;"
    'function stop(){moved=true}["wheel","touchstart","pointerdown","keydown"].forEach('
    "function(k){addEventListener(k,stop,{capture:true,passive:true,once:true})});"
    "function step(){if(moved||frames++>90)return;"
    "var t=document.getElementById(decodeURIComponent(location.hash.slice(1)));if(!t)return;"
    "if(t.getBoundingClientRect().top!==last){t.scrollIntoView();"
    "last=t.getBoundingClientRect().top}requestAnimationFrame(step)}"
    'addEventListener("load",function(){requestAnimationFrame(step)})'
    "})()</script>"
)
"""Keeps a link's target (``#id``) where ``scrollIntoView()`` puts it, for 90 frames (about
1.5 s) after the page has loaded or until the reader acts. The stylesheet lets the browser skip the
layout of formulas and code blocks away from the screen (``content-visibility: auto``). The
browser jumps to the target while the blocks above it have their placeholder size, then
draws those the jump brought near the screen, a few frames later, and its scroll anchoring
does not keep the target in place: without this script, on ``/reference/api/``, headings
ended up as much as 142 px below where they belong."""


def keep_fragment_in_view(page: str) -> str:
    """Insert :data:`FRAGMENT` at the end of a page's ``<body>``.

    Examples
    --------
    >>> keep_fragment_in_view("<body><p>x</p></body>").endswith("})()</script></body>")
    True
    >>> once = keep_fragment_in_view("<body></body>")
    >>> keep_fragment_in_view(once) == once
    True
    """
    if FRAGMENT in page:
        return page
    return page.replace("</body>", FRAGMENT + "</body>", 1)


SKIPPABLE = "gd-skippable"
"""The class of a paragraph whose layout the browser may skip away from the screen."""
FIRST_SCREEN = 3000
"""Characters of an article's text that a first screen can hold: a desktop window shows
about 25 lines of 110 characters (a phone 25 of 45, or of about 25 Hangul syllables)."""
BLOCK = r"<(?:div|figure|pre|table|ul|ol|dl|details|blockquote|section|hr|h[1-6])\b"
PARAGRAPH_WITH_MATH = re.compile(
    rf"(?P<table><table\b.*?</table>)|<p>(?=(?:(?!</p>|{BLOCK}).)*?<math\b)", re.DOTALL
)
"""The opening tag of a paragraph that holds a formula, or a whole table. The formula must
come before any block element: the browser ends a paragraph where one begins, and Markdown
writes some figures and code blocks inside a ``<p>``, which would leave an empty skippable
paragraph. Paragraphs in tables (the API pages' parameter lists) are left alone: Chromium
lays them out anyway to size the table's columns."""
TOKEN = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]*>|[^<]+", re.DOTALL)


def skip_far_paragraphs(page: str, first_screen: int = FIRST_SCREEN) -> str:
    """Give :data:`SKIPPABLE` to each paragraph that holds a formula and comes after the
    first ``first_screen`` characters of the article's text.

    After the display formulas and code blocks, the inline formulas are most of what a long
    page has left to style and lay out at load (4,700 of 8,000 elements on
    ``/ko/gd/gd-nd/``), and nine in ten of them stand in such paragraphs. ``book.css``
    lets the browser skip those away from the screen, as it does the blocks. The paragraphs
    of the first screen keep being drawn with the page: one drawn a frame after the first
    paint, at a size other than its placeholder's, would move the text below it (layout
    shift). Text is counted without markup, scripts and stylesheets; figures, formulas and
    code push a paragraph further down than its count says, never up.

    Examples
    --------
    >>> page = '<article><p>Intro <math><mi>x</mi></math></p><p>More <math></math></p></article>'
    >>> skip_far_paragraphs(page, first_screen=7)
    '<article><p>Intro <math><mi>x</mi></math></p><p class="gd-skippable">More <math></math></p></article>'
    >>> skip_far_paragraphs("<p>no article <math></math></p>", first_screen=0)
    '<p>no article <math></math></p>'
    """
    start = page.find("<article")
    if start < 0:
        return page
    end = page.find("</article>", start)
    end = len(page) if end < 0 else end
    seen, cut = 0, end
    for token in TOKEN.finditer(page, start, end):
        if token[0][0] != "<":
            seen += len(token[0])
            if seen >= first_screen:
                cut = token.end()
                break
    later = PARAGRAPH_WITH_MATH.sub(
        lambda match: match["table"] or f'<p class="{SKIPPABLE}">', page[cut:end]
    )
    return page[:cut] + later + page[end:]


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
        new = inline_stylesheets(text, page_dir, sheets)
        new = load_material_on_interaction(palette_before_paint(js_class_first(new)))
        new = keep_fragment_in_view(skip_far_paragraphs(new))
        for script, marker in SCRIPTS.items():
            new = drop_unused_script(new, script, marker)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
