"""Material's script is loaded on the reader's first action, and the page is whole before it.

The build replaces Material's ``<script>`` by a loader (:func:`book.pageassets.
load_material_on_interaction`) and sets the palette before the first paint
(:func:`book.pageassets.palette_before_paint`). Checked here in a real browser, in both
languages and both ``prefers-color-scheme`` settings:

- at load nothing fetches Material's script or its search index, yet the palette matches
  the reader's preference and its toggle button is shown;
- a first pointer move, key, scroll or tap loads it, and it then does what it does on every
  page (copy buttons on code blocks, the search index);
- a palette chosen before the script runs is applied, stored and kept by the script;
- a search shortcut pressed as the first key, or the search button tapped on a phone,
  reaches the search field.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .conftest import Tab

NewTab = Callable[..., Tab]
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

STATE = """() => ({
  scheme: document.body.getAttribute("data-md-color-scheme"),
  shown: [...document.querySelectorAll("[data-md-component=palette] label")]
    .map((label) => !label.hidden && label.getBoundingClientRect().width > 0),
  material: Boolean(window.gdbookMaterial),
  copy: document.querySelectorAll(".md-code__button[data-md-type=copy]").length,
  stored: JSON.parse(localStorage.getItem(
    Object.keys(localStorage).find((key) => key.endsWith("__palette")) || "-") || "null"),
})"""
SCHEMES = {"light": ("default", [True, False]), "dark": ("slate", [False, True])}


def state(page: Page) -> dict:
    result: dict = page.evaluate(STATE)
    return result


def requested(tab: Tab) -> list[str]:
    """The site's script and search files the page has fetched so far."""
    return [
        url
        for url in tab.monitor.requests
        if "/assets/javascripts/" in url or url.endswith("search_index.json")
    ]


def wait_for_material(page: Page) -> None:
    page.wait_for_function("window.gdbookMaterial === true")
    page.wait_for_function("document.querySelector('[data-md-component=palette] input')")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["gd/gd-nd/", "ko/sgd/sgd/"])
def test_the_page_is_whole_before_materials_script(
    new_tab: NewTab, path: str, color_scheme: str
) -> None:
    tab = new_tab(color_scheme)
    tab.goto(path)
    page = tab.page
    page.wait_for_timeout(500)  # nothing the loader waits for is time
    scheme, shown = SCHEMES[color_scheme]
    before = state(page)
    assert requested(tab) == [], requested(tab)
    assert before == {
        "scheme": scheme,
        "shown": shown,
        "material": False,
        "copy": 0,
        "stored": None,
    }
    page.mouse.move(200, 300)
    wait_for_material(page)
    page.wait_for_function("document.querySelector('.md-code__button[data-md-type=copy]')")
    after = state(page)
    assert after["scheme"] == scheme and after["shown"] == shown, after
    code_blocks = page.evaluate("document.querySelectorAll('pre > code').length")
    assert code_blocks > 0 and after["copy"] == code_blocks, (code_blocks, after)
    assert any("bundle." in url for url in requested(tab)), requested(tab)


@pytest.mark.parametrize("action", ["key", "scroll", "tap"])
def test_each_kind_of_first_action_loads_it(new_tab: NewTab, action: str) -> None:
    tab = new_tab()
    tab.goto("gd/gd-1d/")
    page = tab.page
    page.wait_for_timeout(300)
    assert not state(page)["material"]
    if action == "key":
        page.keyboard.press("Shift")
    elif action == "scroll":
        page.mouse.wheel(0, 400)
    else:
        page.dispatch_event("article h1", "touchstart")
    wait_for_material(page)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_a_palette_chosen_before_the_script_runs_is_kept(
    new_tab: NewTab, color_scheme: str
) -> None:
    tab = new_tab(color_scheme)
    tab.goto("gd/gd-1d/")
    page = tab.page
    page.wait_for_timeout(300)
    scheme, shown = SCHEMES[color_scheme]
    other = "slate" if scheme == "default" else "default"
    # dispatched, not clicked: no pointer event wakes the loader, so the toggle works alone
    page.evaluate(
        "document.querySelector('[data-md-component=palette] label:not([hidden])').click()"
    )
    chosen = state(page)
    assert chosen["scheme"] == other and chosen["shown"] == shown[::-1], chosen
    assert not chosen["material"] and chosen["stored"]["color"]["scheme"] == other, chosen
    page.mouse.move(200, 300)
    wait_for_material(page)
    page.wait_for_timeout(300)
    assert state(page)["scheme"] == other
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'")
    page.reload()
    page.wait_for_timeout(300)
    again = state(page)
    assert again["scheme"] == scheme and again["shown"] == shown and not again["material"]


@pytest.mark.parametrize("path", ["gd/gd-nd/", "ko/gd/gd-nd/"])
def test_a_search_shortcut_as_first_key_reaches_the_search(new_tab: NewTab, path: str) -> None:
    tab = new_tab()
    tab.goto(path)
    page = tab.page
    page.wait_for_timeout(300)
    page.keyboard.press("/")
    page.wait_for_function(
        "document.activeElement && document.activeElement.matches('[data-md-component=search-query]')"
    )
    page.keyboard.type("sgd")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")


def test_the_search_button_on_a_phone_focuses_the_field(new_tab: NewTab) -> None:
    tab = new_tab()
    page = tab.page
    page.set_viewport_size({"width": 400, "height": 800})
    tab.goto("ko/sgd/sgd/")
    page.wait_for_timeout(300)
    page.locator("header label[for=__search]").filter(visible=True).first.click()
    assert page.evaluate("document.activeElement.matches('[data-md-component=search-query]')"), (
        "the search field is not focused"
    )
    page.keyboard.type("sgd")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
