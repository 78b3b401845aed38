"""HTML fixes to Material's markup, found by the browser tests (tests/site/browser/).

1. The code cells of the notebook pages, and code blocks in their Markdown cells, scroll
   sideways but cannot take the keyboard focus, so keyboard users cannot scroll them (axe:
   scrollable-region-focusable). They get ``tabindex="0"``, as Material's own code blocks
   and nbconvert's outputs have.
2. Material's search dialog (``<div class="md-search" role="dialog">``) has no accessible
   name (axe and Lighthouse: aria-dialog-name). It gets the label of its search field,
   which Material translates ("Search", "검색").
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

NOTEBOOK_SCROLLER = re.compile(r'<div class="(highlight-ipynb[^"]*)"(?![^>]*tabindex)')
NOTEBOOK_MARKDOWN_PRE = re.compile(r'(<div class="highlight"><pre)(?=>)')


SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
SEARCH_LABEL = re.compile(
    r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"'
)


def name_search_dialog(html: str) -> str:
    """Give Material's search dialog the accessible name of its search field.

    Examples
    --------
    >>> page = ('<div class="md-search" data-md-component="search" role="dialog">'
    ...         '<input type="text" class="md-search__input" name="query" aria-label="검색">')
    >>> name_search_dialog(page)[:86]
    '<div class="md-search" data-md-component="search" role="dialog" aria-label="검색"><input'
    """
    label = SEARCH_LABEL.search(html)
    if label is None:
        return html
    return SEARCH_DIALOG.sub(
        lambda m: m.group(0)[:-1] + f' aria-label="{label.group(1)}">', html, count=1
    )


def focusable_notebook_scrollers(html: str) -> str:
    """Give the notebook's code cells and Markdown code blocks ``tabindex="0"``.

    Examples
    --------
    >>> focusable_notebook_scrollers('<div class="highlight-ipynb hl-python"><pre>')
    '<div class="highlight-ipynb hl-python" tabindex="0"><pre>'
    >>> focusable_notebook_scrollers('<div class="highlight"><pre><span></span>')
    '<div class="highlight"><pre tabindex="0"><span></span>'
    """
    html = NOTEBOOK_SCROLLER.sub(r'<div class="\1" tabindex="0"', html)
    return NOTEBOOK_MARKDOWN_PRE.sub(r'\1 tabindex="0"', html)


@event_priority(-300)  # after every other hook and plugin has written the page
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    output = name_search_dialog(output)
    if page.file.src_uri.endswith(".ipynb"):
        output = focusable_notebook_scrollers(output)
    if page.file.src_uri.endswith(".ko.ipynb"):
        output = fix_notebook_switcher(output, page.file.src_uri)
    return output


def fix_notebook_switcher(html: str, src_uri: str) -> str:
    """Point a Korean notebook's English link at the English notebook, not the home page.

    i18n gives the Korean notebook pages no English alternate (its link is ``/``), so the
    switcher left the notebook.

    Examples
    --------
    >>> link = '<a href="/" hreflang="en" class="md-select__link">'
    >>> fix_notebook_switcher(link, "notebooks/ch05.ko.ipynb")
    '<a href="../../../notebooks/ch05/" hreflang="en" class="md-select__link">'
    """
    stem = src_uri.rsplit("/", 1)[-1].split(".")[0]
    return html.replace(
        '<a href="/" hreflang="en" class="md-select__link">',
        f'<a href="../../../notebooks/{stem}/" hreflang="en" class="md-select__link">',
    )
