"""While Material switches palettes, no element or ``::before``/``::after`` has a transition.

Material's palette stylesheet stops every transition during a palette switch with
``[data-md-color-switching] *`` (and ``:after``, ``:before``); the build narrows that rule
to the elements that have transitions (:mod:`book.paletteswitch`) so that setting the
attribute no longer restyles the whole page. Here, on pages with many kinds of elements
(Material's header, navigation, search, tabs, tables, code, formulas, notebook cells), in
both palettes: with the attribute set, every element's and pseudo-element's
``transition-duration`` must be zero, as the original rule made it; without it, some are not
(so the check can fail).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import Tab

NewTab = Callable[..., Tab]
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGES = ["", "ko/", "gd/gd-nd/", "sgd/frameworks/", "notebooks/ch05/", "ko/notebooks/ch10/"]
MOVING = """() => {
  const out = [];
  for (const element of document.querySelectorAll("body *")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (pseudo && style.content === "none") continue;
      if (style.transitionDuration.split(",").some((d) => parseFloat(d) !== 0)) {
        const name = element.tagName.toLowerCase() + (element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : "");
        out.push(name + (pseudo || "") + " " + style.transitionDuration);
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_transition_runs_while_the_palette_switches(new_tab: NewTab, path: str) -> None:
    tab = new_tab()
    tab.page.emulate_media(reduced_motion="no-preference")  # the tabs reduce motion
    tab.goto(path)
    page = tab.page
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.evaluate("document.body.removeAttribute('data-md-color-switching')")
        moving = page.evaluate(MOVING)
        assert len(moving) > 10, f"{path} ({scheme}): hardly any transitions to stop: {moving}"
        page.evaluate("document.body.setAttribute('data-md-color-switching', '')")
        still = page.evaluate(MOVING)
        assert not still, f"{path} ({scheme}): {len(still)} still have transitions: {still[:5]}"
