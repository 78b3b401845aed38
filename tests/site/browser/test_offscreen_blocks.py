"""Blocks below the first screen are laid out when they come near it, and are whole before.

``docs/stylesheets/book.css`` gives display formulas, code blocks and notebooks' code cells
``content-visibility: auto`` on screens, so a phone styles and lays out only those of the
first screen (a third to a half of a long page's elements are in these blocks). Checked here
in a real browser, in both languages, on a phone-sized viewport:

- blocks far below the first screen are skipped at load, and are drawn when scrolled to;
- a skipped block is in the accessibility tree, and find in page reaches its text;
- no block holds a heading, so the table of contents never lays out a skipped block;
- a link to a heading lands on that heading and stays there while blocks above are drawn;
- the first screen does not move when its blocks are drawn;
- the footer is read on its own background even when skipped blocks end just above it;
- printing lays out every block.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import Tab, built_pages, offscreen_blocks
from .test_pages import axe_violations

NewTab = Callable[..., Tab]
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"width": 412, "height": 915}
DESKTOP = {"width": 1440, "height": 900}
BLOCKS = offscreen_blocks()
# Is a block's content drawn (false while content-visibility skips it)?
DRAWN = "(block) => block.firstElementChild.checkVisibility({contentVisibilityAuto: true})"
# Each block in document order: is its box shown at all (not in a closed tab), is its
# content drawn, and where is it?
STATES = f"""(selector) => [...document.querySelectorAll(selector)].map((block) => ({{
  shown: block.checkVisibility(),
  drawn: ({DRAWN})(block),
  top: block.getBoundingClientRect().top,
}}))"""
PAGES = [
    "gd/gd-nd/",
    "ko/gd/gd-nd/",
    "notebooks/ch09/",
    "ko/sgd/schedules/",
    "reference/api/optimizers/",
]


def states(page: Page) -> list[dict]:
    result: list[dict] = page.evaluate(STATES, BLOCKS)
    return result


def phone_tab(new_tab: NewTab, path: str) -> Tab:
    tab = new_tab()
    tab.page.set_viewport_size(PHONE)
    tab.goto(path)
    return tab


@pytest.mark.parametrize("path", PAGES)
def test_blocks_far_below_the_first_screen_wait_and_are_drawn_when_reached(
    new_tab: NewTab, path: str
) -> None:
    page = phone_tab(new_tab, path).page
    blocks = states(page)
    far = [b for b in blocks if b["shown"] and b["top"] > 3 * PHONE["height"]]
    near = [b for b in blocks if b["shown"] and 0 <= b["top"] < PHONE["height"] / 2]
    assert len(far) >= 5, f"{path}: too few blocks far below the first screen to check"
    assert not any(b["drawn"] for b in far), f"{path}: blocks far below are laid out at load"
    assert all(b["drawn"] for b in near), f"{path}: a block in the first screen is not drawn"
    last = max(i for i, b in enumerate(blocks) if b["shown"])  # not in a closed tab
    page.locator(BLOCKS).nth(last).scroll_into_view_if_needed()
    page.wait_for_function(
        f"([selector, last]) => ({DRAWN})(document.querySelectorAll(selector)[last])",
        arg=[BLOCKS, last],
    )


@pytest.mark.parametrize("path", ["gd/gd-nd/", "ko/gd/gd-nd/"])
def test_a_skipped_block_is_read_by_screen_readers_and_found_in_page(
    new_tab: NewTab, path: str
) -> None:
    page = phone_tab(new_tab, path).page
    formula = page.locator(".md-typeset div.arithmatex").last
    code = page.locator(".md-typeset div.highlight").last
    paragraphs = ".md-typeset p.gd-skippable"
    last = page.evaluate(  # not in a closed solution (<details>)
        "(s) => [...document.querySelectorAll(s)].findLastIndex((p) => p.checkVisibility())",
        paragraphs,
    )
    paragraph = page.locator(paragraphs).nth(last)
    for block in (formula, code, paragraph):
        assert not block.evaluate(DRAWN), (
            f"{path}: the last block should be skipped at load for this check to mean anything"
        )
    assert formula.aria_snapshot().startswith("- math:"), formula.aria_snapshot()
    line = code.evaluate(
        "(b) => b.querySelector('code').textContent.trim().split('\\n').at(-1).trim()"
    )
    assert len(line) >= 8, line
    assert page.evaluate("(text) => window.find(text)", line), f"{path}: find missed {line!r}"
    assert code.evaluate(DRAWN), f"{path}: the block found in page is not drawn"
    assert "- math" in paragraph.aria_snapshot(), paragraph.aria_snapshot()
    words = paragraph.evaluate(
        "(p) => [...p.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)"
        ".map((n) => n.textContent.trim()).filter((t) => t.length >= 8).at(-1)"
    )
    assert page.evaluate("(text) => window.find(text)", words), f"{path}: find missed {words!r}"
    assert paragraph.evaluate(DRAWN), f"{path}: the paragraph found in page is not drawn"


def test_no_block_holds_a_heading(new_tab: NewTab, site_root: Path) -> None:
    tab = new_tab()
    pages = built_pages(site_root)
    assert len(pages) > 50
    found = {}
    for path in pages:
        tab.page.goto(tab.url(path), wait_until="domcontentloaded")
        headings = tab.page.evaluate(
            "(selector) => [...document.querySelectorAll(selector)]"
            ".flatMap((b) => [...b.querySelectorAll('h1, h2, h3, h4, h5, h6')])"
            ".map((h) => h.id || h.textContent)",
            BLOCKS,
        )
        if headings:
            found[path] = headings
    assert found == {}


@pytest.mark.parametrize(
    "path", ["gd/gd-nd/", "ko/sgd/schedules/", "notebooks/ch09/", "reference/api/optimizers/"]
)
def test_a_link_to_a_heading_lands_on_it(new_tab: NewTab, path: str) -> None:
    """Where ``scrollIntoView()`` puts the heading once the page has settled, not where the
    browser's first jump left it (up to 142 px lower on the API reference, when it was one page,
    without ``book.pageassets.FRAGMENT``)."""
    tab = phone_tab(new_tab, path)
    page = tab.page
    ids = page.evaluate(
        "() => [...document.querySelectorAll('article h2[id], article h3[id]')].map((h) => h.id)"
    )
    assert len(ids) >= 8, ids
    targets = ids[len(ids) // 4 : -2 : max(1, len(ids) // 8)]  # not the last: the page's end
    misplaced = {}
    for target in targets:
        page.goto("about:blank")
        tab.goto(f"{path}#{target}")
        page.wait_for_timeout(1800)  # FRAGMENT's watch ends 90 frames after the load
        top = f"() => document.getElementById({target!r}).getBoundingClientRect().top"
        landed = page.evaluate(top)
        page.evaluate(f"() => document.getElementById({target!r}).scrollIntoView()")
        there = page.evaluate(top)
        if not (abs(landed - there) < 2 and 0 <= there < 150):
            misplaced[target] = (landed, there)
    assert misplaced == {}, f"{path}: heading (landed, belongs) px: {misplaced}"


@pytest.mark.parametrize("path", ["reference/api/optimizers/", "ko/reference/api/updates/"])
def test_the_footer_is_read_on_its_own_background(new_tab: NewTab, path: str) -> None:
    """These pages end with a long code example, skipped at load, just above the footer. axe
    lays out the skipped code past its placeholder and finds it on top of the footer unless
    the footer is painted above the content (``book.css``); Lighthouse then read the footer's
    "Next" as white on light grey."""
    page = phone_tab(new_tab, path).page
    last = page.locator(BLOCKS).last
    assert not last.evaluate(DRAWN), (
        f"{path}: the last block is drawn at load, so this page does not test the footer"
    )
    assert axe_violations(page, "light", ["color-contrast"]) == []


LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__shifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize(
    "path", ["reference/api/newton/", "ko/reference/api/newton/", "ko/reference/api/linesearch/"]
)
def test_the_first_screen_stays_put_while_its_blocks_are_drawn(new_tab: NewTab, path: str) -> None:
    """Chromium draws the skipped blocks of the first screen a frame after the first paint.
    These pages' first screen holds a display formula and a long signature: with a 4em
    placeholder for both, the text below moved (layout shift 0.13, Lighthouse 96). Formulas'
    placeholder is their median height, and signatures are drawn with the page (book.css)."""
    tab = new_tab()
    tab.page.set_viewport_size(PHONE)
    tab.page.add_init_script(LAYOUT_SHIFTS)
    tab.goto(path)
    tab.page.wait_for_timeout(1000)
    shift = sum(tab.page.evaluate("window.__shifts"))
    assert shift < 0.02, f"{path}: cumulative layout shift {shift:.3f} at load"


@pytest.mark.parametrize("path", ["gd/gd-nd/", "notebooks/ch09/"])
def test_printing_lays_out_every_block(new_tab: NewTab, path: str) -> None:
    page = phone_tab(new_tab, path).page
    assert not all(b["drawn"] for b in states(page) if b["shown"])
    page.emulate_media(media="print")
    skipped = [i for i, b in enumerate(states(page)) if b["shown"] and not b["drawn"]]
    assert skipped == [], f"{path}: blocks {skipped} would print empty"


FIRST_SKIPPABLE = """() => {
  const paragraph = document.querySelector(".md-typeset p.gd-skippable");
  return paragraph && paragraph.getBoundingClientRect().top + window.scrollY;
}"""


def test_no_paragraph_of_the_first_screen_waits_to_be_drawn(
    new_tab: NewTab, site_root: Path
) -> None:
    """Paragraphs with formulas are skippable only past the first screen's worth of text
    (book/pageassets.py): one in the first screen would be drawn a frame after the first
    paint, and the text below it would move. Checked where the paragraph ends up once every
    block above it is drawn, on a phone and on a desktop screen."""
    tab = new_tab()
    tab.page.add_init_script(
        f"addEventListener('DOMContentLoaded', () => {{ const s = document.createElement('style');"
        f" s.textContent = '{BLOCKS} {{ content-visibility: visible !important }}';"
        " document.head.append(s); })"
    )
    pages = built_pages(site_root)
    near: dict[str, float] = {}
    marked = 0
    for path in pages:
        for screen in (PHONE, DESKTOP):
            tab.page.set_viewport_size(screen)
            tab.page.goto(tab.url(path), wait_until="domcontentloaded")
            top = tab.page.evaluate(FIRST_SKIPPABLE)
            marked += top is not None
            if top is not None and top < screen["height"]:
                near[f"{path} at {screen['width']} px"] = top
    assert marked > len(pages), "too few pages with skippable paragraphs to check"
    assert near == {}, f"skippable paragraphs in the first screen (top, px): {near}"
