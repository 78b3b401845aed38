"""The notebook pages' pruned stylesheets style every element as the whole ones did.

The build keeps, of JupyterLab's stylesheet, only the rules that can match a notebook page
(:mod:`book.notebookpage`, :mod:`book.cssprune`). Here a page is opened twice: as built,
and with each pruned ``<style>`` put back to the whole stylesheet mkdocs-jupyter wrote
(converted again from the same notebook); every element of the page, and its ``::before``
and ``::after``, must have the same computed value for every CSS property (custom properties
aside: only what they compute to matters), in both palettes. Inside a formula only the
``<math>`` element is compared: its thousands of descendants would take minutes, and a rule
that reaches them reaches it too, or shows through inherited values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs_jupyter.nbconvert2 import nb2html
from playwright.sync_api import Page, Route

from book.notebookpage import PRUNED
from tests.conftest import DOCS

from .conftest import Tab, offscreen_blocks

NewTab = Callable[..., Tab]
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGES = ["notebooks/ch03/", "ko/notebooks/ch07/"]
OFFSCREEN = offscreen_blocks()
WHOLE_STYLE = re.compile(r'<style type="text/css">(.*?)</style>', re.S)
PRUNED_STYLE = re.compile(re.escape(PRUNED) + r".*?</style>", re.S)

# Each element's computed style as one hash (FNV-1a over "property:value;" for every
# property but custom ones), so two pages of thousands of elements compare in one call.
ELEMENTS = "body *:not(math *)"
STYLES = """() => {
  const hash = (text) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(16);
  };
  const out = [];
  document.querySelectorAll(ELEMENTS).forEach((element, index) => {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      let text = "";
      if (pseudo && style.content === "none") {  // not drawn: nothing else of it matters
        out.push(`${index} ${element.tagName.toLowerCase()}${pseudo} none`);
        continue;
      }
      for (let i = 0; i < style.length; i++) {
        const name = style[i];
        if (!name.startsWith("--")) text += name + ":" + style.getPropertyValue(name) + ";";
      }
      out.push(`${index} ${element.tagName.toLowerCase()}${pseudo || ""} ${hash(text)}`);
    }
  });
  return out;
}""".replace("ELEMENTS", repr(ELEMENTS))
DETAIL = """([index, pseudo]) => {
  const element = document.querySelectorAll(ELEMENTS)[index];
  const style = getComputedStyle(element, pseudo || null);
  const out = {};
  for (let i = 0; i < style.length; i++) {
    if (!style[i].startsWith("--")) out[style[i]] = style.getPropertyValue(style[i]);
  }
  return [element.outerHTML.slice(0, 160), out];
}""".replace("ELEMENTS", repr(ELEMENTS))


def whole_stylesheets(url: str) -> list[str]:
    """The ``<style>`` texts mkdocs-jupyter writes for the page's notebook."""
    lang_dir, _, chapter = url.strip("/").rpartition("notebooks/")
    suffix = ".ko" if lang_dir.startswith("ko") else ""
    notebook = DOCS / "notebooks" / f"{chapter}{suffix}.ipynb"
    assert notebook.is_file(), f"{notebook} is not built"
    return WHOLE_STYLE.findall(nb2html(str(notebook), theme=""))


def open_page(tab: Tab, url: str, restore: list[str] | None) -> Page:
    def whole(route: Route) -> None:
        response = route.fetch()
        sheets = iter(restore or [])
        body = PRUNED_STYLE.sub(lambda _: f"<style>{next(sheets)}</style>", response.text())
        assert next(sheets, None) is None, "more whole stylesheets than pruned ones"
        route.fulfill(response=response, body=body)

    # Whether the math font arrives in time is up to font-display: optional; neither tab
    # gets it, so the comparison is about the stylesheets.
    tab.page.route("**/stix-two-math.woff2", lambda route: route.abort())
    if restore is not None:
        tab.page.route(f"**/{url}", whole)
    tab.goto(url)
    tab.page.wait_for_load_state("load")
    # The book's stylesheet lets the browser skip the layout of code cells away from the
    # screen, and which are skipped changes a frame or more after load: laid out in both
    # tabs, their sizes (and their containers') depend on the stylesheets alone.
    tab.page.add_style_tag(content=f"{OFFSCREEN} {{ content-visibility: visible !important }}")
    return tab.page


@pytest.mark.parametrize("url", PAGES)
def test_pruned_stylesheets_style_every_element_as_the_whole_ones(
    new_tab: NewTab, site_root: Path, url: str
) -> None:
    built = (site_root / url / "index.html").read_text(encoding="utf-8")
    pruned = PRUNED_STYLE.findall(built)
    whole = whole_stylesheets(url)
    assert len(pruned) == len(whole) == 3, (len(pruned), len(whole))
    assert sum(map(len, pruned)) < sum(map(len, whole)) / 10  # what the pruning is for

    pages = [open_page(new_tab(), url, restore) for restore in (None, whole)]
    for scheme in ("default", "slate"):  # what the palette toggle sets
        for page in pages:
            page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        compare(pages, f"{url} ({scheme})")


def compare(pages: list[Page], what: str) -> None:
    ours, theirs = (page.evaluate(STYLES) for page in pages)
    assert len(ours) == len(theirs) > 1000
    differences = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
    if differences:
        index, name = differences[0][0].split()[:2]
        pseudo = name[name.index("::") :] if "::" in name else None
        (element, mine), (_, whole_style) = (
            page.evaluate(DETAIL, [int(index), pseudo]) for page in pages
        )
        changed = {
            key: (mine.get(key), whole_style.get(key))
            for key in sorted(set(mine) | set(whole_style))
            if mine.get(key) != whole_style.get(key)
        }
        pytest.fail(
            f"{what}: {len(differences)} of {len(ours)} element styles differ; "
            f"the first, {element!r}: pruned vs whole {changed}"
        )
