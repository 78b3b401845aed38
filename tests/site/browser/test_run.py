"""The Run buttons in Chromium: Python (Pyodide) served by the site, in both languages.

One block per chapter is run in each language and must print what the build printed; an
edited block (a learning rate) prints what CPython prints for the edited code; an error shows
its traceback; Stop ends a run that never finishes; a figure comes back in the page's palette.
Nothing of the runtime loads before Run, no request leaves the site, and axe stays clean with
the editor and the output open, in both palettes and on a phone-sized screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, Route

from book import pagecode, syntax
from gdbook.plotting import PALETTES
from tests.conftest import DOCS, page_url
from tests.site.test_pyodide import same_printed_output

from .conftest import Tab, offscreen_blocks
from .test_pages import axe_violations

NewTab = Callable[..., Tab]
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
RUN_TIMEOUT = 120_000  # ms: the first Run loads Pyodide (about 5 s here, more on a busy CI)
PHONE = {"width": 375, "height": 740}
DONE = {"en": "Done in", "ko": "만에 끝났습니다"}
RUN = {"en": "Run", "ko": "실행"}


def sources() -> dict[str, Path]:
    """Every English page with executed blocks, by its URL path without the language prefix."""
    pages = {}
    for path in sorted(DOCS.rglob("*.md")):
        if path.name.endswith(".ko.md") or not syntax.find_blocks(path.read_text("utf-8")):
            continue
        pages[page_url(path)] = path
    return pages


def chapter_pages() -> list[str]:
    """Every page with executed blocks, as a URL path without the language prefix."""
    return list(sources())


def blocks_of(url: str) -> list[syntax.Block]:
    return syntax.find_blocks(sources()[url].read_text("utf-8"))


def example(page: Page, number: int) -> Locator:
    """The Run bar of example ``number`` (1-based)."""
    return page.locator(".gd-run-bar").nth(number - 1)


def run_and_wait(page: Page, number: int, lang: str) -> str:
    """Press Run on example ``number``, wait until it finished; return its status line."""
    example(page, number).get_by_role("button", name=RUN[lang], exact=True).click()
    return wait_done(page, number)


def wait_done(page: Page, number: int) -> str:
    """Wait until the run in progress finished; return example ``number``'s status line."""
    result = page.locator(f"#gd-run-{number}-result")
    # The first press of a page fetches run.js first: until then there is no status line.
    page.wait_for_function(
        "(n) => { const s = document.querySelector('#gd-run-' + n + '-result .gd-run-status');"
        " return !!s && s.textContent !== '' && !s.textContent.match(/…$/)"
        " && !document.querySelector('.gd-run-run[disabled]'); }",
        arg=number,
        timeout=RUN_TIMEOUT,
    )
    return result.locator(".gd-run-status").inner_text()


def output_of(page: Page, number: int) -> str:
    return page.locator(f"#gd-run-{number}-result .gd-run-output").inner_text()


def build_output(page: Page, number: int) -> str:
    """The output the build printed under example ``number`` (empty if it printed nothing)."""
    text: str = page.evaluate(
        """(n) => {
          const code = document.querySelectorAll("div.gd-run")[n - 1];
          const editor = code.nextElementSibling;
          const next = editor.nextElementSibling;
          return next && next.matches(".highlight:not(.gd-run)") ? next.innerText : "";
        }""",
        number,
    )
    return text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_one_block_per_chapter_prints_what_the_build_printed(new_tab: NewTab, lang: str) -> None:
    tab = new_tab()
    prefix = "ko/" if lang == "ko" else ""
    for url in chapter_pages():
        tab.monitor.clear()
        tab.goto(prefix + url)
        assert tab.page.locator(".gd-run-bar").count() == len(blocks_of(url))
        requested = [u for u in tab.monitor.requests if "pyodide" in u or "run-worker" in u]
        assert not requested, f"{url}: the runtime loaded before Run: {requested}"
        # The page's first block (the edit test checks that a later block runs the earlier
        # ones first; tests/site/test_pyodide.py runs every block).
        number = 1
        status = run_and_wait(tab.page, number, lang)
        assert DONE[lang] in status, f"{prefix}{url} example {number}: {status}"
        got, want = output_of(tab.page, number), build_output(tab.page, number)
        assert same_printed_output(want.strip(), got.strip()), f"{url}:\n{got}\n!=\n{want}"
        assert tab.monitor.problems() == [], f"{prefix}{url}"
        assert any(u.endswith("/assets/pyodide/pyodide.asm.wasm") for u in tab.monitor.requests)


def test_an_edited_learning_rate_prints_what_cpython_prints(new_tab: NewTab) -> None:
    url = "gd/gd-1d/"
    blocks = blocks_of(url)
    number = next(i for i, b in enumerate(blocks, 1) if "x0, eta, steps = 10.0, 0.2" in b.code)
    edited = blocks[number - 1].code.replace(
        "x0, eta, steps = 10.0, 0.2", "x0, eta, steps = 10.0, 0.1"
    )
    code = [(b.session, str(i), b.code) for i, b in enumerate(blocks[: number - 1], 1)]
    expected = pagecode.run_blocks([*code, ("ch02", "edited", edited)])[-1]
    assert expected != pagecode.run_blocks([*code, ("ch02", "x", blocks[number - 1].code)])[-1]

    tab = new_tab()
    tab.goto(url)
    page = tab.page
    bar = example(page, number)
    bar.get_by_role("button", name="Edit").click()
    editor = page.get_by_role(
        "textbox", name=f"Code of example {number} (editable; Ctrl+Enter runs it)"
    )
    editor.wait_for(state="visible")  # the page's first press fetches run.js first
    assert editor.evaluate("e => e === document.activeElement")
    editor.fill(edited)
    assert "Done in" in run_and_wait(page, number, "en")
    assert same_printed_output(expected.strip(), output_of(page, number).strip())
    # Earlier blocks of the session ran first, each showing its own output.
    assert page.locator("#gd-run-1-result .gd-run-output").inner_text().strip()

    # Reset restores the page's code and hides the reader's output.
    bar.get_by_role("button", name="Reset").click()
    textarea = page.locator(f"#gd-run-{number}-code")
    assert textarea.is_hidden() and textarea.input_value() == blocks[number - 1].code
    assert page.locator(f"#gd-run-{number}-result").is_hidden()

    # An error shows its traceback, with the line of the reader's code.
    bar.get_by_role("button", name="Edit").click()
    editor.fill("x = 1\ny = x / 0")
    status = run_and_wait(page, number, "en")
    assert "traceback" in status
    trace = output_of(page, number)
    assert f'File "<example {number}>", line 2' in trace and "ZeroDivisionError" in trace

    # Stop ends a run that would never finish; the next Run starts Python again.
    editor.fill("while True:\n    pass")
    bar.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function(
        "(n) => /Running example/.test((document.querySelector("
        "'#gd-run-' + n + '-result .gd-run-status') || {}).textContent)",
        arg=number,
        timeout=RUN_TIMEOUT,
    )
    bar.get_by_role("button", name="Stop").click()
    assert "Stopped" in page.locator(f"#gd-run-{number}-result .gd-run-status").inner_text()
    assert bar.get_by_role("button", name="Run", exact=True).is_enabled()
    editor.fill("print(6 * 7)")
    editor.press("Control+Enter")
    assert "Done in" in wait_done(page, number)
    assert output_of(page, number).strip() == "42"
    assert tab.monitor.problems() == []


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_a_figure_comes_back_in_the_page_palette(new_tab: NewTab, palette: str) -> None:
    tab = new_tab(color_scheme=palette)
    tab.page.set_viewport_size(PHONE)
    tab.goto("ko/gd/gd-1d/")
    page = tab.page
    bar = example(page, 1)
    bar.get_by_role("button", name="편집").click()
    page.locator("#gd-run-1-code").fill(
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([0, 1], [1, 0])"
    )
    assert "만에 끝났습니다" in run_and_wait(page, 1, "ko")
    image = page.locator("#gd-run-1-result img")
    assert image.count() == 1 and image.get_attribute("alt") == "예제 1에서 그린 그림 1"
    corner = image.evaluate(
        """(img) => {
          const canvas = document.createElement("canvas");
          canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
          const context = canvas.getContext("2d");
          context.drawImage(img, 0, 0);
          const [r, g, b] = context.getImageData(1, 1, 1, 1).data;
          return "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("");
        }"""
    )
    assert corner == PALETTES[palette].background
    # Phone-sized: the controls wrap; no control, editor or output sticks out of the screen.
    wide = page.evaluate(
        """() => [...document.querySelectorAll(
                ".gd-run-bar, .gd-run-bar button, .gd-run-code, .gd-run-result, .gd-run-figure")]
              .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
              .map((e) => e.className)"""
    )
    assert wide == []
    # axe with the editor and the output open (the page's own checks cover the closed state).
    problems = axe_violations(page, palette)
    assert problems == [], "\n".join(problems)
    assert tab.monitor.foreign_requests() == []


EXPLORERS_DRAWN = (
    "() => [...document.querySelectorAll('.gd-explorer')].every((e) => e.dataset.ready === 'true')"
)
POSITIONS = """() => [...document.querySelectorAll("article h2, div.gd-run, .gd-run-bar, figure")]
  .map((e) => { const r = e.getBoundingClientRect(); return [e.tagName, r.top + scrollY, r.height]; })"""


def positions(page: Page) -> list[list[object]]:
    """:data:`POSITIONS` with every block laid out: which blocks the browser skips away from
    the screen (book.css) settles a frame or more after load, and a drawn formula is not
    as high as its placeholder, so the two tabs are compared on their laid-out pages."""
    page.add_style_tag(content=f"{offscreen_blocks()} {{ content-visibility: visible !important }}")
    result: list[list[object]] = page.evaluate(POSITIONS)
    return result


@pytest.mark.parametrize("url", ["gd/gd-1d/", "ko/beyond/momentum/"])
def test_the_run_script_moves_nothing_and_makes_nothing_until_pressed(
    new_tab: NewTab, url: str
) -> None:
    """Readers who never press Run get the page as it is without the script: the bars are in
    the HTML, so every heading, block and figure is where it would be without run.js; run.js
    is not even downloaded before the first press, which makes the example's editor and
    output region."""

    def without_loader(route: Route) -> None:
        response = route.fetch()
        body = re.sub(
            r"<script data-src=\"[^\"]*/run\.js\">.*?</script>", "", response.text(), flags=re.S
        )
        route.fulfill(response=response, body=body)

    # The math font is font-display: optional, so whether a page uses it depends on when it
    # arrived; both pages go without it, which leaves the comparison about the Run script.
    def no_font(tab: Tab) -> None:
        tab.page.route("**/stix-two-math.woff2", lambda route: route.abort())

    without = new_tab()
    no_font(without)
    without.page.route(f"**/{url}", without_loader)  # the page with no Run script at all
    without.goto(url)
    without.page.wait_for_function(EXPLORERS_DRAWN)  # they grow when drawn, script or not
    before = positions(without.page)
    assert without.page.locator(".gd-run-bar button[disabled]").count() > 0  # inert without JS

    tab = new_tab()
    no_font(tab)
    tab.goto(url)
    page = tab.page
    page.wait_for_function("() => !document.querySelector('.gd-run-bar .gd-run-run[disabled]')")
    page.wait_for_function(EXPLORERS_DRAWN)
    assert positions(page) == before
    assert page.locator(".gd-run-code, .gd-run-result").count() == 0
    assert page.locator(".gd-run-edit[aria-controls]").count() == 0  # set when the editor exists
    example(page, 1).get_by_role(
        "button", name=RUN["ko" if url.startswith("ko/") else "en"]
    ).focus()
    assert not [u for u in tab.monitor.requests if u.endswith("/run.js")], "run.js before a press"
    page.keyboard.press("Enter")  # keyboard users press it too
    page.locator("#gd-run-1-result").wait_for(state="attached")
    assert any(u.endswith("/javascripts/run.js") for u in tab.monitor.requests)
    assert page.locator(".gd-run-code").count() == 1
