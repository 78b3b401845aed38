"""The Run bar of each executed code block, written into the page when the site is built.

Every executed block (``<div class="gd-run …">``, :mod:`book.pagecode`) gets Run, Edit,
Reset and Stop buttons above it. They are in the HTML, not added by a script after the page
has been drawn, so the page does not move when ``javascripts/run.js`` loads (no layout
shift) and that script does no work per block until a reader presses a button. The buttons
are ``disabled`` in the HTML: without JavaScript they cannot work, and say so.

A few lines of inline script (:data:`LOADER`, once per page) enable them and wait for the
first press; only then is ``javascripts/run.js`` fetched, and the press is handed to it. A
reader who never presses a button downloads nothing for them but the bars themselves.
"""

from __future__ import annotations

import html
import re

LABELS = {
    "en": {
        "run": "Run",
        "edit": "Edit",
        "reset": "Reset",
        "stop": "Stop",
        "group": "Example {n}: run or edit the code",
    },
    "ko": {
        "run": "실행",
        "edit": "편집",
        "reset": "원래대로",
        "stop": "중지",
        "group": "예제 {n}: 코드를 실행하거나 편집",
    },
}
"""The bar's labels; ``run.js`` holds the messages it writes itself, in the same languages."""
LOADER = (
    "<script>(function(){"
    'var src=document.currentScript.getAttribute("data-src"),queue=[];'
    "function press(event){"
    'var b=event.target.closest&&event.target.closest(".gd-run-bar button");'
    "if(!b||b.disabled||window.gdbookRun)return;"
    "if(queue.push(b)>1)return;"
    'var s=document.createElement("script");s.src=src;'
    's.onload=function(){document.removeEventListener("click",press);'
    "queue.forEach(function(x){window.gdbookRun.press(x)})};"
    "s.onerror=function(){s.remove();queue=[]};"  # the next press tries again
    "document.head.appendChild(s)}"
    'document.addEventListener("click",press);'
    'document.querySelectorAll(".gd-run-bar button[disabled]").forEach(function(b){b.disabled=false})'
    "})()</script>"
)
"""Enables the bars' buttons and loads ``run.js`` on the first press (``data-src``: its URL)."""
SCRIPT = "javascripts/run.js"
ROOT_PREFIX = re.compile(r'<script src="((?:\.\./)*)assets/javascripts/bundle\.')
BLOCK = re.compile(r'<div class="gd-run(?: [^"]*)?"(?= )')
LANG = re.compile(r'<html[^>]* lang="([a-z]{2})')


def bar(number: int, lang: str) -> str:
    """Return the Run bar of example ``number`` (1-based, in page order) in ``lang``.

    Examples
    --------
    >>> print(bar(2, "en"))  # doctest: +NORMALIZE_WHITESPACE
    <div class="gd-run-bar" role="group" aria-label="Example 2: run or edit the code"
    data-example="2"><button type="button" class="gd-run-run" disabled>Run</button><button
    type="button" class="gd-run-edit" aria-expanded="false" disabled>Edit</button><button
    type="button" class="gd-run-reset" disabled>Reset</button><button type="button"
    class="gd-run-stop" hidden>Stop</button></div>
    """
    text = LABELS[lang]
    label = html.escape(text["group"].format(n=number))
    return (
        f'<div class="gd-run-bar" role="group" aria-label="{label}" data-example="{number}">'
        f'<button type="button" class="gd-run-run" disabled>{text["run"]}</button>'
        f'<button type="button" class="gd-run-edit" aria-expanded="false" disabled>'
        f"{text['edit']}</button>"
        f'<button type="button" class="gd-run-reset" disabled>{text["reset"]}</button>'
        f'<button type="button" class="gd-run-stop" hidden>{text["stop"]}</button></div>'
    )


def add_run_bars(page: str) -> str:
    """Put a Run bar before every executed block of a rendered page, in its language.

    Examples
    --------
    >>> page = '<html lang="ko"><div class="gd-run highlight" data-session="ch02"><pre>…'
    >>> add_run_bars(page).count('class="gd-run-bar"'), "예제 1" in add_run_bars(page)
    (1, True)
    >>> add_run_bars(add_run_bars(page)) == add_run_bars(page)  # once only
    True
    """
    if 'class="gd-run-bar"' in page:
        return page
    found = LANG.search(page)
    lang = found.group(1) if found and found.group(1) in LABELS else "en"
    count = 0

    def insert(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return bar(count, lang) + match.group(0)

    page = BLOCK.sub(insert, page)
    if not count:
        return page
    root = ROOT_PREFIX.search(page)
    src = (root.group(1) if root else "/") + SCRIPT
    loader = LOADER.replace("<script>", f'<script data-src="{src}">', 1)
    return page.replace("</body>", loader + "</body>", 1)
