"""A notebook page as light as a chapter page: figures as files, only the CSS it uses.

mkdocs-jupyter (0.26.3) renders a notebook as a page that carries, inline,

- each figure as a base64 PNG: the notebook's attachments (:mod:`book.notebooks`), 0.3 to
  1.1 MB a page, downloaded before the first paint whether or not the reader scrolls to
  them, and in the light palette only;
- JupyterLab's whole stylesheet and its theme (585 KB a page), of which a notebook page
  uses about 13 KB;
- a second copy of the code highlighting rules, written as a Python list's ``repr`` (an
  upstream slip in ``nbconvert2.py``: not CSS, ignored by browsers).

:func:`figures_as_files` shows each figure as the chapter pages do (the light and dark
SVG, sized, lazy); :func:`mark_styles` and :func:`prune_marked` cut the stylesheets to the
rules that can apply (:mod:`book.cssprune`); :func:`drop_list_style` removes the ``repr``.
The ``.ipynb`` a reader downloads keeps its attachments: only the web page changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from book.cssprune import Markup, custom_properties_used, prune

EMBEDDED_PNG = re.compile(r'<img\b[^>]*?\bsrc="data:image/png;base64,([^"]+)"[^>]*>')
LIST_STYLE = re.compile(r"<style>\s*\['.*?'\]\s*</style>", re.S)
JUPYTER_STYLE = '<style type="text/css">'
MARK = "<style data-gd-prune>"
MARKED = re.compile(r"<style data-gd-prune>(.*?)</style>", re.S)
PRUNED = "<style data-gd-pruned>"
"""How a pruned stylesheet starts (``tests/site/browser/test_notebook_pages.py`` finds it)."""
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
SCRIPT_CLASSES = ' class="md-typeset__scrollwrap md-typeset__table"'
"""Classes Material's script gives elements after load (it wraps each table in two divs)."""


def attachment_names(notebook: Mapping[str, Any]) -> dict[str, str]:
    """Map each PNG attachment's base64 text to its file name.

    Examples
    --------
    >>> cell = {"cell_type": "markdown", "source": "",
    ...         "attachments": {"a.png": {"image/png": "iVBO"}}}
    >>> attachment_names({"cells": [cell, {"cell_type": "code", "source": ""}]})
    {'iVBO': 'a.png'}
    """
    return {
        data["image/png"]: name
        for cell in notebook["cells"]
        for name, data in (cell.get("attachments") or {}).items()
        if "image/png" in data
    }


def figures_as_files(html: str, images: Mapping[str, str]) -> str:
    """Replace each embedded PNG by the HTML ``images`` gives for its base64 text.

    Raises
    ------
    ValueError
        If the page embeds a PNG that ``images`` does not know: it would stay in the page.

    Examples
    --------
    >>> page = '<p><img alt="x" src="data:image/png;base64,QUJD"></p>'
    >>> figures_as_files(page, {"QUJD": '<img src="f.svg" alt="x">'})
    '<p><img src="f.svg" alt="x"></p>'
    >>> figures_as_files(page, {})
    Traceback (most recent call last):
    ...
    ValueError: an embedded PNG (4 characters of base64, starting 'QUJD') is no figure of the book
    """

    def replace(match: re.Match[str]) -> str:
        data = match[1]
        if data not in images:
            raise ValueError(
                f"an embedded PNG ({len(data)} characters of base64, starting {data[:12]!r})"
                " is no figure of the book"
            )
        return images[data]

    return EMBEDDED_PNG.sub(replace, html)


def drop_list_style(html: str) -> str:
    """Remove a ``<style>`` whose text is a Python list's ``repr`` (not CSS).

    Examples
    --------
    >>> drop_list_style("<p></p>\\n<style>\\n ['pre { x: 1 }']\\n</style>")
    '<p></p>\\n'
    """
    return LIST_STYLE.sub("", html)


def mark_styles(html: str) -> str:
    """Mark the notebook's own stylesheets (``<style type="text/css">``) for pruning.

    Examples
    --------
    >>> mark_styles('<style type="text/css">a{}</style>')
    '<style data-gd-prune>a{}</style>'
    """
    return html.replace(JUPYTER_STYLE, MARK)


def prune_marked(page: str, stylesheets: Iterable[str] = ()) -> str:
    """Prune each marked ``<style>`` of a built page to what the page can use.

    The page's markup decides which rules are kept (:class:`book.cssprune.Markup`), with
    the classes Material's script adds after load (:data:`SCRIPT_CLASSES`); a
    custom property is kept when anything else reads it: the page's other stylesheets
    and ``style`` attributes, and ``stylesheets`` (the text of the files the page links).

    Examples
    --------
    >>> page = ('<body class="a"><style data-gd-prune>.a{color:red}.b{color:blue}'
    ...         '.a{--x:1;--y:2}</style><p style="width:var(--x)"></p></body>')
    >>> prune_marked(page)
    '<body class="a"><style data-gd-pruned>.a{color:red}.a{--x:1}</style><p style="width:var(--x)"></p></body>'
    """
    others = MARKED.sub("", page)
    markup = Markup.of(STYLE.sub("", others) + SCRIPT_CLASSES)
    referenced = custom_properties_used(others).union(*map(custom_properties_used, stylesheets))
    return MARKED.sub(
        lambda match: f"{PRUNED}{prune(match[1], markup, referenced=referenced)}</style>", page
    )


__all__ = [
    "PRUNED",
    "attachment_names",
    "drop_list_style",
    "figures_as_files",
    "mark_styles",
    "prune_marked",
]
