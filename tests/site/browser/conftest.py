"""Browser fixtures: the built site served on 127.0.0.1, one Chromium per session.

The site is the ``site`` fixture's ``site/`` folder, or the folder named by ``GDBOOK_SITE_DIR``
(used to prove that the checks fail on a deliberately broken copy of the site). It is served
by Python's ``http.server`` on a free port; every test gets a fresh browser context, whose
:class:`Monitor` records every request, failed request, HTTP error and console error.

Chromium is Debian's (``apt-get install chromium``), or the browser ``CHROME_PATH`` names (the
Google Chrome of GitHub's hosted runner): ``playwright install`` is never needed.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    sync_playwright,
)

from tests.conftest import ROOT, SITE

LANGS = ("en", "ko")
PREFIX = {"en": "", "ko": "ko/"}
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
NOT_PAGES = {"assets", "search", "figures", "explorers", "stylesheets", "javascripts"}
CHAPTERS = [
    "gd/derivatives/",
    "gd/gd-1d/",
    "gd/gd-nd/",
    "gd/linear-regression/",
    "sgd/sgd/",
    "sgd/minibatch/",
    "sgd/schedules/",
    "sgd/frameworks/",
]


# --- which pages exist -----------------------------------------------------------------------


def site_dir_override() -> Path | None:
    """The folder named by ``GDBOOK_SITE_DIR``, if set (a copy of the site with faults)."""
    value = os.environ.get("GDBOOK_SITE_DIR")
    return Path(value).resolve() if value else None


def _nav_files(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_files(value)


def nav_pages() -> list[str]:
    """The URL (relative to the site root, language prefix excluded) of each nav entry."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    urls = []
    for source in _nav_files(config.get("nav", [])):
        if "://" in source:
            continue
        stem = source.rsplit(".", 1)[0]
        if stem == "index":
            urls.append("")
        elif stem.endswith("/index"):
            urls.append(stem[: -len("index")])
        else:
            urls.append(stem + "/")
    return urls


def built_pages(site: Path) -> list[str]:
    """Every page of a built site: each ``index.html`` outside the asset folders."""
    pages = []
    for index in site.rglob("index.html"):
        rel = index.parent.relative_to(site)
        parts = rel.parts[1:] if rel.parts[:1] == ("ko",) else rel.parts
        if parts and parts[0] in NOT_PAGES:
            continue
        pages.append("" if rel == Path(".") else rel.as_posix() + "/")
    return sorted(pages)


def all_pages() -> list[str]:
    """Every page in both languages: the nav (in both languages) and whatever site/ holds.

    Paths are relative to the site root: ``""``, ``"gd/gd-1d/"``, ``"ko/gd/gd-1d/"``.
    Computed at collection time, before the ``site`` fixture may build the site, so the nav
    is the primary source; ``test_every_built_page_is_checked`` covers the rest.
    """
    pages = {PREFIX[lang] + url for url in nav_pages() for lang in LANGS}
    site = site_dir_override() or SITE
    if site.is_dir():
        pages.update(built_pages(site))
    return sorted(pages, key=lambda p: (p.startswith("ko/"), p))


def language(path: str) -> str:
    return "ko" if path.startswith("ko/") else "en"


def counterpart(path: str) -> str:
    """The same page in the other language."""
    return path[len("ko/") :] if path.startswith("ko/") else "ko/" + path


def page_id(path: str) -> str:
    return path.rstrip("/") or "index"


def screenshot_path(path: str) -> Path:
    """``build/screenshots/<lang>/<path>.png`` (the home page is ``index.png``)."""
    lang = language(path)
    rel = path[len("ko/") :] if lang == "ko" else path
    return SCREENSHOTS / lang / f"{rel.rstrip('/') or 'index'}.png"


# --- the server ------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (overrides the base class attribute of the same type)
        **SimpleHTTPRequestHandler.extensions_map,
        ".woff2": "font/woff2",
        ".woff": "font/woff",
        ".svg": "image/svg+xml",
        ".json": "application/json",
        ".ipynb": "application/x-ipynb+json",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_root(request: pytest.FixtureRequest) -> Path:
    """The folder served: ``GDBOOK_SITE_DIR`` or the built ``site/``."""
    override = site_dir_override()
    if override is not None:
        if not (override / "index.html").is_file():
            pytest.fail(f"GDBOOK_SITE_DIR={override} holds no built site (no index.html)")
        return override
    site: Path = request.getfixturevalue("site")
    return site


@pytest.fixture(scope="session")
def base_url(site_root: Path) -> Iterator[str]:
    """``http://127.0.0.1:<free port>/`` serving the site."""
    handler = functools.partial(_QuietHandler, directory=str(site_root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- the browser -----------------------------------------------------------------------------


def chromium_path() -> str:
    """The browser: ``CHROME_PATH`` if set (the test workflow points it at the Google Chrome
    of GitHub's hosted runner; Lighthouse in ``make bench`` reads the same variable), else
    ``chromium`` on PATH (Debian's, as ``.ci/run`` installs it)."""
    configured = os.environ.get("CHROME_PATH")
    if configured:
        if not os.access(configured, os.X_OK):
            pytest.fail(f"CHROME_PATH={configured} is not an executable browser")
        return configured
    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: apt-get install chromium")
        pytest.skip("Chromium not found on PATH (apt-get install chromium); browser tests skipped")
    return chromium


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session (per xdist worker)."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Monitor:
    """Everything a context did on the network and every error its pages reported."""

    base_url: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("requestfailed", self._on_failed)
        context.on("response", self._on_response)
        context.on("page", self.attach_page)

    def attach_page(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _on_failed(self, request: Request) -> None:
        # ERR_ABORTED is the browser cancelling a request it no longer needs (the search
        # worker's scripts when the test navigates on); a missing file is an HTTP 404.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.failure or 'failed'}: {request.url}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"HTTP {response.status}: {response.url}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.errors.append(f"console.error: {message.text}" + (f" ({where})" if where else ""))

    def foreign_requests(self) -> list[str]:
        """Requests to any host but the local server (data: and blob: URLs are local)."""
        origin = urlsplit(self.base_url).netloc
        return sorted(
            {
                url
                for url in self.requests
                if urlsplit(url).scheme not in {"data", "blob", "about"}
                and urlsplit(url).netloc != origin
            }
        )

    def problems(self) -> list[str]:
        """One line per problem, grouped by kind; empty when all is well."""
        lines = [f"[network] request to another host: {url}" for url in self.foreign_requests()]
        lines += [f"[network] {line}" for line in dict.fromkeys(self.failed)]
        lines += [f"[console] {line}" for line in dict.fromkeys(self.errors)]
        return lines

    def clear(self) -> None:
        self.requests.clear()
        self.failed.clear()
        self.errors.clear()


@dataclass
class Tab:
    """A page in a fresh context, with its monitor."""

    page: Page
    monitor: Monitor
    base_url: str

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str) -> Response | None:
        return self.page.goto(self.url(path), wait_until="load")

    def close(self) -> None:
        self.page.context.close()


def open_tab(browser: Browser, base_url: str, color_scheme: str = "light") -> Tab:
    """A page in a new context (light or dark ``prefers-color-scheme``), monitored."""
    context = browser.new_context(
        viewport=VIEWPORT,  # type: ignore[arg-type]
        color_scheme=color_scheme,  # type: ignore[arg-type]
        reduced_motion="reduce",
        service_workers="block",
    )
    context.set_default_timeout(20_000)
    monitor = Monitor(base_url)
    monitor.attach(context)
    return Tab(context.new_page(), monitor, base_url)


@pytest.fixture
def new_tab(browser: Browser, base_url: str) -> Iterator[Callable[..., Tab]]:
    """A factory: ``new_tab()`` opens a page in its own context, closed after the test."""
    tabs: list[Tab] = []

    def make(color_scheme: str = "light") -> Tab:
        tabs.append(open_tab(browser, base_url, color_scheme))
        return tabs[-1]

    yield make
    for tab in tabs:
        tab.close()


# --- in-page checks shared by the tests ------------------------------------------------------


def offscreen_blocks() -> str:
    """The selector of the blocks whose layout the browser may skip away from the screen:
    the rule with ``content-visibility: auto`` in ``docs/stylesheets/book.css``."""
    css = (ROOT / "docs" / "stylesheets" / "book.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rule = re.search(r"([^{}]+)\{\s*content-visibility:\s*auto", css)
    assert rule is not None, "book.css has no content-visibility: auto rule"
    return " ".join(rule[1].split())


WAIT_FOR_MATH = """
async () => {
  await document.fonts.ready;
  if (window.MathJax) return "MathJax JavaScript is loaded, but formulas are typeset at build time";
  const math = document.querySelector("article math");
  if (!math) return null;
  // A font is loaded when something drawn uses it. If every formula is in a block skipped
  // away from the screen (the glossary's one paragraph with formulas), none is drawn yet:
  // ask for the font, as drawing the first formula will.
  const drawn = [...document.querySelectorAll("article math")].some((m) =>
    m.checkVisibility({contentVisibilityAuto: true}));
  if (!drawn) await document.fonts.load("1em STIX2", "x");
  const loaded = [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
  if (!loaded.some((family) => family.replace(/"/g, "") === "STIX2"))
    return "the page has formulas but the math font is not loaded (" + loaded.join(", ") + ")";
  const family = getComputedStyle(math).fontFamily;
  return family.startsWith("STIX2") ? null : "formulas are not set in the math font: " + family;
}
"""


def wait_for_math(page: Page) -> list[str]:
    """Wait for the page's fonts; a problem if the math font is missing or MathJax is loaded.

    Formulas are MathML typeset at build time (book/math.py), drawn with the subset
    STIX Two Math font of ``assets/math/``; no script typesets anything.
    """
    problem: str | None = page.evaluate(WAIT_FOR_MATH)
    return [f"[math] {problem}"] if problem else []
