"""Every page of both languages in Chromium: network, console, formulas, images, anchors,
language switcher, palette, search, accessibility, and a full-page screenshot.

One navigation per page does the cheap checks (:func:`test_page`); axe-core runs in its own
test per page and palette (:func:`test_accessibility`). A failure names the page and the
kind of problem: ``ko/gd/gd-1d/: [math] 2 formulas untypeset: ...``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from .conftest import (
    CHAPTERS,
    Tab,
    all_pages,
    built_pages,
    counterpart,
    language,
    nav_pages,
    open_tab,
    page_id,
    screenshot_path,
    wait_for_math,
)

PAGES = all_pages()
browser = pytest.mark.browser
one_worker = pytest.mark.xdist_group("browser")
NewTab = Callable[..., Tab]
LANG_CODE = {"en": "en", "ko": "ko"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FIGURE_PAGES = ["gd/gd-1d/", "ko/gd/gd-1d/"]


def where(path: str) -> str:
    return path or "/"


def report(path: str, problems: list[str], note: str = "") -> str:
    head = f"{where(path)}{note}: {len(problems)} problem(s)"
    return "\n".join([head, *(f"  {where(path)}: {line}" for line in problems)])


# --- in-page checks --------------------------------------------------------------------------

MATH_STATE = """
() => {
  const article = document.querySelector("article.md-content__inner") ||
                  document.querySelector("article");
  if (!article) return null;
  const all = [...article.querySelectorAll(".arithmatex")];
  const nested = all.filter((s) => s.parentElement.closest(".arithmatex"));
  const spans = all.filter((s) => !s.parentElement.closest(".arithmatex"));
  const short = (s) => s.textContent.trim().replace(/\\s+/g, " ").slice(0, 80);
  const untypeset = spans.filter((s) => !s.querySelector(":scope > math")).map(short);
  const errors = [...article.querySelectorAll("merror")]
    .map((e) => (e.textContent || "").trim().slice(0, 80));
  const skip = "pre, code, script, style, textarea, math, .jp-OutputArea, " +
               ".jp-InputArea, .highlight, .gd-explorer";
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => node.parentElement.closest(skip)
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const raw = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    const at = text.search(/\\$\\$|\\\\\\(|\\\\\\[|\\\\begin\\{/);
    if (at >= 0) raw.push(text.slice(Math.max(0, at - 20), at + 40).replace(/\\s+/g, " "));
  }
  return {
    formulas: spans.length,
    containers: article.querySelectorAll(".arithmatex > math").length,
    nested: nested.map((s) => s.parentElement.closest(".arithmatex").outerHTML.slice(0, 120)),
    untypeset, errors, raw,
  };
}
"""


def math_problems(page: Page) -> list[str]:
    """Every ``.arithmatex`` typeset as MathML, no error, no raw TeX delimiters in the text."""
    state: dict[str, Any] | None = page.evaluate(MATH_STATE)
    if state is None:
        return ["[page] no <article> element"]
    problems = []
    if state["untypeset"]:
        shown = "; ".join(state["untypeset"][:5])
        problems.append(f"[math] {len(state['untypeset'])} formulas untypeset: {shown}")
    if state["nested"]:
        problems.append(
            f"[math] {len(state['nested'])} .arithmatex elements inside another .arithmatex "
            f"(math wrapped twice), e.g. {state['nested'][0]}"
        )
    if state["containers"] != state["formulas"]:
        problems.append(
            f"[math] {state['formulas']} formulas (.arithmatex) but "
            f"{state['containers']} typeset (<math>) in the article"
        )
    if state["errors"]:
        shown = "; ".join(state["errors"][:5])
        problems.append(f"[math] {len(state['errors'])} Temml errors (merror): {shown}")
    if state["raw"]:
        shown = "; ".join(repr(r) for r in state["raw"][:5])
        problems.append(f"[math] raw TeX left in the text ({len(state['raw'])}x): {shown}")
    return problems


LEFTOVERS = """
() => {
  const article = document.querySelector("article");
  const text = article ? article.textContent : "";
  const pattern = /--8<--[^\\n]{0,50}|\\{\\{\\s*(?:ch\\d\\d\\.|figure\\(|explorer\\(|glossary_table|notation_table)[^}\\n]{0,40}/g;
  return text.match(pattern) || [];
}
"""


def leftover_problems(page: Page) -> list[str]:
    """No snippet include (``--8<--``) or book macro (``{{ chNN.key }}``) left unexpanded."""
    found: list[str] = page.evaluate(LEFTOVERS)
    if not found:
        return []
    shown = "; ".join(repr(f.strip()) for f in found[:4])
    return [f"[content] {len(found)} unexpanded snippet includes or macros: {shown}"]


LOAD_IMAGES = """
() => {
  for (const img of document.images) {
    if (img.loading === "lazy") img.loading = "eager";
  }
  return document.images.length;
}
"""
IMAGES_DONE = "() => [...document.images].every((img) => img.complete)"
IMAGE_STATE = """
() => [...document.images].map((img) => ({
  src: img.getAttribute("src") || "",
  alt: img.getAttribute("alt"),
  complete: img.complete,
  width: img.naturalWidth,
}))
"""


def image_problems(page: Page) -> list[str]:
    """Load every image now (figures are lazy) and report those that did not load."""
    if page.evaluate(LOAD_IMAGES):
        with contextlib.suppress(PlaywrightError):  # reported below, image by image
            page.wait_for_function(IMAGES_DONE, timeout=15_000)
    images: list[dict[str, Any]] = page.evaluate(IMAGE_STATE)
    broken = [i for i in images if not i["complete"] or i["width"] <= 0]
    shown = "; ".join(
        f"{i['src'][:90]} (alt {i['alt']!r}{'' if i['complete'] else ', still loading'})"
        for i in broken[:5]
    )
    return [f"[images] {len(broken)} of {len(images)} images not loaded: {shown}"] if broken else []


ANCHOR_STATE = """
() => {
  const here = location.origin + location.pathname;
  const broken = [];
  for (const a of document.querySelectorAll("a[href]")) {
    const url = new URL(a.href, location.href);
    if (url.origin + url.pathname !== here || url.hash.length < 2) continue;
    const id = decodeURIComponent(url.hash.slice(1));
    if (!document.getElementById(id) && document.getElementsByName(id).length === 0) {
      broken.push(a.getAttribute("href"));
    }
  }
  return broken;
}
"""


def anchor_problems(page: Page) -> list[str]:
    """Every link to a fragment of the page itself (TOC, permalinks, footnotes) has a target."""
    broken: list[str] = page.evaluate(ANCHOR_STATE)
    if not broken:
        return []
    return [f"[anchors] {len(broken)} links to missing ids: {', '.join(broken[:8])}"]


SWITCHER_STATE = """
() => [...document.querySelectorAll(".md-select a.md-select__link, .md-select a[hreflang]")]
  .map((a) => ({ href: a.href, hreflang: a.getAttribute("hreflang") || "" }))
"""


def switcher_problems(tab: Tab, path: str) -> list[str]:
    """The language selector links to the same page in the other language, which loads."""
    links: list[dict[str, str]] = tab.page.evaluate(SWITCHER_STATE)
    other = "en" if language(path) == "ko" else "ko"
    targets = [link["href"] for link in links if link["hreflang"] == LANG_CODE[other]]
    expected = tab.url(counterpart(path))
    if not targets:
        found = ", ".join(f"{link['hreflang']}→{link['href']}" for link in links) or "none"
        return [f"[switcher] no language link with hreflang={other} (links: {found})"]
    if targets[0].split("#")[0] != expected:
        return [f"[switcher] the {other} link goes to {targets[0]}, expected {expected}"]
    response = tab.page.request.get(expected)
    if response.status != 200:
        return [f"[switcher] the {other} counterpart {expected} returned HTTP {response.status}"]
    if f'<html lang="{LANG_CODE[other]}"' not in response.text():
        return [f'[switcher] the {other} counterpart {expected} is not <html lang="{other}">']
    return []


FIGURE_STATE = """
() => {
  const shown = (img) => getComputedStyle(img).display !== "none";
  const light = [...document.querySelectorAll('article img[src$="#only-light"]')];
  const dark = [...document.querySelectorAll('article img[src$="#only-dark"]')];
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    light: light.length, dark: dark.length,
    lightShown: light.filter(shown).map((i) => i.getAttribute("src")),
    darkShown: dark.filter(shown).map((i) => i.getAttribute("src")),
  };
}
"""


def figure_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(FIGURE_STATE)
    return state


def _variant_problems(state: dict[str, Any], dark: bool) -> list[str]:
    problems = []
    palette = "dark" if dark else "light"
    wrong, right = ("light", "dark") if dark else ("dark", "light")
    if state[f"{wrong}Shown"]:
        problems.append(
            f"[palette] {palette} palette (scheme {state['scheme']}) shows "
            f"{len(state[f'{wrong}Shown'])} #only-{wrong} images: {state[f'{wrong}Shown'][0]}"
        )
    if len(state[f"{right}Shown"]) != state[right]:
        problems.append(
            f"[palette] {palette} palette (scheme {state['scheme']}) hides "
            f"{state[right] - len(state[f'{right}Shown'])} of {state[right]} #only-{right} images"
        )
    return problems


def toggle_palette(page: Page) -> str:
    """Click the visible palette toggle; return the new ``data-md-color-scheme``."""
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(
        "(before) => document.body.getAttribute('data-md-color-scheme') !== before", arg=before
    )
    scheme: str = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    return scheme


def palette_problems(page: Page) -> list[str]:
    """Light palette shows the #only-light figures; the toggle swaps them for #only-dark."""
    state = figure_state(page)
    if state["light"] != state["dark"]:
        return [f"[palette] {state['light']} light but {state['dark']} dark figure variants"]
    problems = _variant_problems(state, dark=False)
    scheme = toggle_palette(page)
    if scheme != "slate":
        return [*problems, f"[palette] the toggle switched to scheme {scheme!r}, not 'slate'"]
    problems += _variant_problems(figure_state(page), dark=True)
    toggle_palette(page)
    problems += _variant_problems(figure_state(page), dark=False)
    return problems


def open_page(tab: Tab, path: str) -> list[str]:
    """Navigate, expect HTTP 200, wait for the math font; the problems found so far."""
    response = tab.goto(path)
    if response is None or response.status != 200:
        status = "no response" if response is None else f"HTTP {response.status}"
        return [f"[http] {tab.url(path)} returned {status}"]
    return wait_for_math(tab.page)


# --- the tests -------------------------------------------------------------------------------


@dataclass
class Opened:
    """A page opened once for all the tests of that page (see :func:`opened`)."""

    path: str
    tab: Tab
    problems: list[str]  # found while opening it: HTTP status, math font missing


@pytest.fixture(scope="module", params=PAGES, ids=page_id)
def opened(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Opened]:
    """Each page, opened once in the light palette and shared by its tests.

    A module-scoped parametrized fixture: pytest runs every test of one page before opening
    the next, so typesetting a long page happens once, not once per test.
    """
    path: str = request.param
    tab = open_tab(browser, base_url)
    try:
        yield Opened(path, tab, open_page(tab, path))
    finally:
        tab.close()


@browser
@one_worker
def test_page(opened: Opened) -> None:
    """HTTP, network, console, formulas, images, anchors, switcher, palette; a screenshot."""
    path, tab, problems = opened.path, opened.tab, list(opened.problems)
    if not problems:
        problems += math_problems(tab.page)
        problems += leftover_problems(tab.page)
        problems += image_problems(tab.page)
        problems += anchor_problems(tab.page)
        problems += switcher_problems(tab, path)
        tab.page.evaluate("document.fonts.ready.then(() => true)")
        target = screenshot_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tab.page.screenshot(path=str(target), full_page=True, animations="disabled")
        if figure_state(tab.page)["light"]:
            problems += palette_problems(tab.page)
    problems += tab.monitor.problems()
    assert not problems, report(path, problems)


@browser
@one_worker
@pytest.mark.parametrize("path", FIGURE_PAGES, ids=page_id)
def test_palette_toggle_swaps_figure_variants(new_tab: NewTab, path: str) -> None:
    """On a chapter with figures the toggle shows exactly one variant of each figure."""
    tab = new_tab()
    problems = open_page(tab, path)
    assert not problems, report(path, problems)
    state = figure_state(tab.page)
    assert state["light"] > 0, f"{path}: no figure (img #only-light) on the page to check"
    problems = palette_problems(tab.page) + tab.monitor.problems()
    assert not problems, report(path, problems)


@browser
@one_worker
@pytest.mark.parametrize("path", ["gd/gd-1d/", "ko/gd/gd-1d/"], ids=page_id)
def test_language_switcher_navigates(new_tab: NewTab, path: str) -> None:
    """Open the language menu and click the other language: the counterpart page opens."""
    tab = new_tab()
    problems = open_page(tab, path)
    assert not problems, report(path, problems)
    other = "en" if language(path) == "ko" else "ko"
    tab.page.locator(".md-select").first.hover()
    link = tab.page.locator(f'.md-select a[hreflang="{LANG_CODE[other]}"]').first
    with tab.page.expect_navigation():
        link.click()
    expected = tab.url(counterpart(path))
    assert tab.page.url.split("#")[0] == expected, (
        f"{path}: the {other} switcher went to {tab.page.url}, expected {expected}"
    )
    html_lang = tab.page.evaluate("document.documentElement.lang")
    assert html_lang == LANG_CODE[other], f"{path}: the counterpart says lang={html_lang!r}"
    problems = tab.monitor.problems()
    assert not problems, report(path, problems)


def test_every_built_page_is_checked(site_root: Path) -> None:
    """Pages outside the nav are in PAGES too, and every nav page is built in both languages."""
    unchecked = sorted(set(built_pages(site_root)) - set(PAGES))
    assert not unchecked, f"pages built after collection, not checked: {unchecked}"
    missing = [
        where(prefix + url)
        for url in nav_pages()
        for prefix in ("", "ko/")
        if not (site_root / prefix / url / "index.html").is_file()
    ]
    assert not missing, f"nav pages not built: {missing}"


# --- search ----------------------------------------------------------------------------------

#: Each language searches its own index: every result is in the language of the page searched
#: from (the Korean pages also find the English terms they quote in parentheses).
SEARCH_CASES = [
    ("", "stochastic", ["sgd/sgd/"]),
    ("ko/", "stochastic", ["ko/sgd/sgd/"]),
    ("ko/", "확률적", ["ko/sgd/sgd/"]),
    ("ko/", "경사 하강법", ["ko/gd/gd-1d/", "ko/gd/gd-nd/", "ko/gd/linear-regression/"]),
]


def search_results(tab: Tab) -> list[str]:
    """The page URLs (relative to the site root) that Material's search lists, all of them."""
    page = tab.page
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=20_000)
    items = page.locator(".md-search-result__item")
    previous, count = -1, items.count()
    while count != previous:  # Material adds results in batches as the list scrolls
        page.evaluate(
            "() => { const w = document.querySelector('.md-search__scrollwrap');"
            " if (w) w.scrollTop = w.scrollHeight; }"
        )
        page.wait_for_timeout(300)
        previous, count = count, items.count()
    hrefs: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('.md-search-result__item a')].map((a) => a.href)"
    )
    origin = urlsplit(tab.base_url)
    pages = []
    for href in hrefs:
        url = urlsplit(href)
        if url.netloc == origin.netloc:
            pages.append(url.path[len(origin.path) :])
    return list(dict.fromkeys(pages))


@browser
@one_worker
@pytest.mark.parametrize(
    ("prefix", "query", "expected"),
    SEARCH_CASES,
    ids=[f"{prefix or 'en/'}{query}" for prefix, query, _ in SEARCH_CASES],
)
def test_search_finds(new_tab: NewTab, prefix: str, query: str, expected: list[str]) -> None:
    """``?q=`` opens Material's search; the results include the expected pages, and only
    pages in the language searched from."""
    tab = new_tab()
    response = tab.page.goto(tab.url(prefix) + "?q=" + query, wait_until="load")
    assert response is not None and response.status == 200
    try:
        found = search_results(tab)
    except Exception as error:
        meta = tab.page.locator(".md-search-result__meta").all_inner_texts()
        raise AssertionError(
            f"{where(prefix)}?q={query}: no search results appeared ({meta}): {error}"
        ) from None
    missing = [page for page in expected if page not in found]
    assert not missing, f"{where(prefix)}?q={query}: {missing} not among the results {found}"
    foreign = [page for page in found if language(page) != language(prefix)]
    assert not foreign, f"{where(prefix)}?q={query}: results in the other language: {foreign}"
    problems = tab.monitor.problems()
    assert not problems, report(prefix, problems, f"?q={query}")


# --- accessibility ---------------------------------------------------------------------------

#: The rules whose outcome depends on colours: the only ones run again in the dark palette
#: (the DOM, names, roles and structure do not change with the palette).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
EXPLORERS_READY = """
() => [...document.querySelectorAll(".gd-explorer")]
  .every((e) => ["true", "error"].includes(e.getAttribute("data-ready")))
"""
_axe = Axe()


def axe_violations(page: Page, palette: str, rules: list[str] | None = None) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations, one line per rule with its first nodes."""
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    results = _axe.run(page, options={"runOnly": only, "resultTypes": ["violations"]})
    lines = []
    for violation in results.response["violations"]:
        nodes = violation["nodes"]
        details = []
        for node in nodes[:3]:
            target = " ".join(str(t) for t in node["target"])
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            message = checks[0]["message"] if checks else node.get("failureSummary", "")
            details.append(f"{target}: {message}")
        lines.append(
            f"[axe {palette}] {violation['id']} ({violation['impact']}) on {len(nodes)} node(s): "
            + " | ".join(details)
            + f" — {violation['helpUrl'].split('?')[0]}"
        )
    return lines


@browser
@one_worker
def test_accessibility(opened: Opened) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation, in the light and in the dark palette."""
    path, page = opened.path, opened.tab.page
    if opened.problems:
        pytest.fail(report(path, opened.problems, " (could not be opened for axe)"))
    if page.evaluate("document.body.getAttribute('data-md-color-scheme')") != "default":
        toggle_palette(page)  # test_page left it dark
    page.wait_for_function(EXPLORERS_READY)
    problems = axe_violations(page, "light")
    if toggle_palette(page) != "slate":
        problems.append("[palette] the palette toggle did not switch to the dark scheme")
    else:
        problems += axe_violations(page, "dark", COLOUR_RULES)
    toggle_palette(page)
    assert not problems, report(path, problems)


def test_chapter_pages_are_among_the_checked() -> None:
    for chapter in CHAPTERS:
        assert chapter in PAGES and "ko/" + chapter in PAGES, chapter
