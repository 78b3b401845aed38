"""Pruning a stylesheet to a page's markup (book/cssprune.py) and the notebook pages'
rewrites (book/notebookpage.py)."""

from __future__ import annotations

import base64

import pytest
import tinycss2
from hypothesis import given
from hypothesis import strategies as st

from book import notebookpage
from book.cssprune import Markup, can_match, prune

PAGE = Markup.of(
    '<body data-md-color-scheme="slate"><div class="a b"><p>x</p><table></table></div>'
)


def matches(selector: str, markup: Markup = PAGE) -> bool:
    return can_match(tinycss2.parse_component_value_list(selector), markup)


@pytest.mark.parametrize(
    "selector",
    [
        ".a",
        ".a.b p",
        "div > p:first-child",
        ".a :is(.zz, p)",  # what is inside a functional pseudo-class is never required
        "p:not(.zz)",
        ".a p::before",
        "[data-md-color-scheme=slate] .a",
        "body .a",
        ":root",
        "*",
        ".a *+table",
        "#anything",
    ],
)
def test_selectors_that_may_match_are_kept(selector: str) -> None:
    assert matches(selector)


@pytest.mark.parametrize(
    "selector",
    [
        ".zz",
        ".a .zz p",
        "span",
        ".a dialog",
        "[data-jp-theme-scrollbars=true] ::-webkit-scrollbar",
        ".a :root",  # the root is nobody's descendant
        ".a body",
        "div > html",
    ],
)
def test_selectors_that_cannot_match_are_dropped(selector: str) -> None:
    assert not matches(selector)


def test_a_rule_keeps_only_its_selectors_that_may_match() -> None:
    css = ".zz, .a p, :is(.x, .y) .b, span { color: red }"
    assert prune(css, PAGE) == ".a p,:is(.x, .y) .b{color:red}"


def test_custom_properties_are_kept_when_read_directly_through_others_or_elsewhere() -> None:
    css = (
        ".a{--used:var(--chain);--chain:1px;--unused:2px;--outside:3px;--lone:4px}"
        ".b{margin:var(--used)}"
    )
    assert prune(css, PAGE) == ".a{--used:var(--chain);--chain:1px}.b{margin:var(--used)}"
    kept = prune(css, PAGE, referenced=frozenset({"--outside"}))
    assert "--outside:3px" in kept and "--lone" not in kept and "--unused" not in kept


def test_keyframes_media_and_important() -> None:
    css = (
        "@keyframes spin{to{transform:rotate(1turn)}} @keyframes idle{} "
        ".a{animation:spin 1s}"
        "@media (max-width: 10px){.zz{color:red}}"
        "@media print{p{color:red!important}}"
        "@charset 'utf-8';"
    )
    out = prune(css, PAGE)
    assert "@keyframes spin" in out and "idle" not in out
    assert "max-width" not in out  # nothing left inside
    assert "@media print{p{color:red!important}}" in out
    assert "charset" not in out


NAMES = st.sampled_from(["a", "b", "c", "zz", "yy"])


@given(st.lists(st.lists(NAMES, min_size=1, max_size=3), min_size=1, max_size=6))
def test_a_selector_of_classes_is_kept_exactly_when_the_page_has_them(
    selectors: list[list[str]],
) -> None:
    """Property: compound class selectors survive iff each class occurs in the markup."""
    markup = Markup.of('<i class="a b c">')
    css = "".join(f".{'.'.join(classes)}{{color:red}}" for classes in selectors)
    kept = {rule.split("{")[0] for rule in prune(css, markup).split("}") if rule}
    expected = {
        f".{'.'.join(classes)}"
        for classes in selectors
        if all(name in {"a", "b", "c"} for name in classes)
    }
    assert kept == expected


def test_a_notebook_page_shows_its_figures_from_files() -> None:
    png = base64.b64encode(b"\x89PNG fake").decode()
    notebook = {
        "cells": [
            {"cell_type": "markdown", "attachments": {"f.en.png": {"image/png": png}}},
            {"cell_type": "code"},
        ]
    }
    names = notebookpage.attachment_names(notebook)
    assert names == {png: "f.en.png"}
    page = f'<p><img alt="x" src="data:image/png;base64,{png}"/></p>'
    out = notebookpage.figures_as_files(page, {png: '<img src="f.svg">'})
    assert out == '<p><img src="f.svg"></p>'
    with pytest.raises(ValueError, match="no figure of the book"):
        notebookpage.figures_as_files(page, {})


def test_a_notebook_page_keeps_what_its_own_markup_and_other_stylesheets_use() -> None:
    page = (
        '<html><head><style type="text/css">.a{--x:1px;--y:2px;--z:3px}.a .md-typeset__scrollwrap{margin:0}'
        ".gone{color:red}</style><style>.keep-me{}</style></head>"
        '<body><div class="a" style="padding:var(--y)"></div><table></table></body></html>'
    )
    out = notebookpage.prune_marked(notebookpage.mark_styles(page), ["p{margin:var(--z)}"])
    pruned = out.split(notebookpage.PRUNED)[1].split("</style>")[0]
    # --y is read by a style attribute, --z by another stylesheet; the scroll wrapper is
    # made by Material's script around tables, after load.
    assert pruned == ".a{--y:2px;--z:3px}.a .md-typeset__scrollwrap{margin:0}"
    assert "<style>.keep-me{}</style>" in out
