"""Each page inlines the book's small stylesheets and loads only the scripts it uses."""

from __future__ import annotations

import doctest

from book import pageassets

PAGE = (
    '<head><link rel="stylesheet" href="../../assets/stylesheets/main.css">'
    '<link rel="stylesheet" href="../../assets/math/math.css">'
    '<link rel="stylesheet" href="../../stylesheets/book.css">'
    '<link rel="stylesheet" href="../../stylesheets/late.css"></head>'
    '<body><script src="../../javascripts/explorers.js" defer></script></body>'
)
SHEETS = {
    "assets/math/math.css": "@font-face{src:url('f.woff2')}",
    "stylesheets/book.css": '.a{background:url("../img/x.svg")}',
    "stylesheets/absent.css": ".never{}",
}


def test_docstring_examples_run() -> None:
    result = doctest.testmod(pageassets)
    assert result.attempted >= 5 and result.failed == 0


def test_stylesheets_become_one_style_element_in_the_cascade_order() -> None:
    out = pageassets.inline_stylesheets(PAGE, "gd/gd-1d", SHEETS)
    assert "math.css" not in out and "book.css" not in out and ".never" not in out
    main, style, late = out.index("main.css"), out.index("<style>"), out.index("late.css")
    assert main < style < late  # Material's before, anything not inlined after
    assert "url('../../assets/math/f.woff2')" in out
    assert 'url("../../img/x.svg")' in out
    assert out.count("<style>") == 1
    assert pageassets.inline_stylesheets(out, "gd/gd-1d", SHEETS) == out


def test_the_home_page_links_without_dot_dot() -> None:
    page = '<link rel="stylesheet" href="stylesheets/book.css">'
    out = pageassets.inline_stylesheets(page, "", SHEETS)
    assert out == '<style>.a{background:url("img/x.svg")}</style>'


def test_scripts_stay_only_where_their_markup_is() -> None:
    bare = PAGE
    for script, marker in pageassets.SCRIPTS.items():
        bare = pageassets.drop_unused_script(bare, script, marker)
    assert "<script" not in bare
    used = PAGE + '<div class="gd-explorer" data-explorer="x">'
    for script, marker in pageassets.SCRIPTS.items():
        used = pageassets.drop_unused_script(used, script, marker)
    assert used == PAGE + '<div class="gd-explorer" data-explorer="x">'


def test_paragraphs_with_formulas_below_the_first_screen_are_marked_once() -> None:
    formula = "<math><mi>x</mi></math>"
    intro = f"<p>{'a' * 40} {formula}</p>"
    page = (
        f"<body><nav>{'n' * 100}</nav><article>"
        f"<script>{'s' * 100}</script><style>p{{}}</style>{intro}"
        f"<p>words only</p><p>a <strong>{formula}</strong></p><ul><li><p>{formula}</p></li></ul>"
        f'<p><figure><img alt=""></figure> {formula}</p><p><div class="arithmatex">{formula}</div></p>'
        f"<table><tr><td><p>{formula}</p></td></tr></table>"
        f"</article><p>{formula}</p></body>"
    )
    out = pageassets.skip_far_paragraphs(page, first_screen=42)
    marked = '<p class="gd-skippable">'
    # the navigation, the script and the stylesheet are not text of the article; the
    # paragraph where the count runs out stays, and so do paragraphs without a formula and
    # those where a block (which ends the paragraph in a browser) comes before the formula,
    # and those in tables
    assert out.count(marked) == 2, out
    assert out.index(marked) > out.index("words only")
    assert out.endswith(f"</article><p>{formula}</p></body>")
    assert pageassets.skip_far_paragraphs(out, first_screen=42) == out
    assert pageassets.skip_far_paragraphs(page, first_screen=10**6) == page
