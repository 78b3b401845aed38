"""Pages: Lighthouse on every page of the site in both languages, median of 3 runs.

The pages are those of the built site's ``sitemap.xml``: the home pages, the glossary, every
chapter, every notebook page, the API reference's overview and module pages, and the
references, in both languages.
``GDBOOK_BENCH_RUNS`` sets the runs per page (default 3).

The built site (``site/``, from ``make build``) is served from this process on
``127.0.0.1`` (a free port) by a small ``http.server`` handler that, like GitHub Pages,
gzips text responses (HTML, CSS, JavaScript, SVG, JSON) when the browser accepts gzip; no
request leaves the machine. Lighthouse (the npm package, pinned in
``benchmarks/package.json`` / ``package-lock.json``, installed with
``npm ci --prefix benchmarks`` when missing) drives the system Chromium (``CHROME_PATH``,
default ``which chromium``) headless with its default settings: mobile form factor,
simulated throttling, the four categories performance, accessibility, best practices and
SEO. Per page: three runs, the median of each category score and of ``total-byte-weight``
(bytes transferred, so gzipped where the server gzipped), plus the audits that cost points
in any run. As a reference, the same three runs on a stock Material page (``mkdocs new``,
``theme: material``, nothing else) built into a temporary folder.

Targets (issue #9): performance >= 98, accessibility, best practices and SEO 100, total
transfer <= 600 KB (600,000 bytes) per page.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from benchmarks import BENCH_DIR, ROOT, load_average

SITE = ROOT / "site"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
TARGET_BYTES = 600_000
RUNS = int(os.environ.get("GDBOOK_BENCH_RUNS", "3"))
RUN_TIMEOUT = 300.0
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage"
)
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
LOC = re.compile(r"<loc>([^<]+)</loc>")


def site_pages(site: Path) -> list[tuple[str, str]]:
    """Every page of the built site as (language, path without the leading slash), in the
    sitemap's order (English first)."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = LOC.findall(sitemap)
    if not urls:
        return []
    root = urlsplit(urls[0]).path  # the home page: the site's root path
    paths = [urlsplit(url).path.removeprefix(root) for url in urls]
    return [("ko" if path.startswith("ko/") else "en", path) for path in paths]


COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


class SiteHandler(BaseHTTPRequestHandler):
    """Serve a folder; gzip text when the client accepts it; 404 page from the site."""

    protocol_version = "HTTP/1.1"
    gzipped: ClassVar[dict[Path, bytes]] = {}
    lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, *args: Any, directory: Path, **kwargs: Any) -> None:
        self.directory = directory
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _resolve(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        target = (self.directory / path.lstrip("/")).resolve()
        if self.directory not in (target, *target.parents):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _send(self, head_only: bool) -> None:
        target = self._resolve()
        status = HTTPStatus.OK
        if target is None:
            status = HTTPStatus.NOT_FOUND
            target = self.directory / "404.html"
        body = target.read_bytes() if target.is_file() else b"Not found"
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        encoding = None
        accepts = self.headers.get("Accept-Encoding", "")
        if "gzip" in accepts and kind.startswith(COMPRESSIBLE):
            with self.lock:
                if target not in self.gzipped:
                    self.gzipped[target] = gzip.compress(body, compresslevel=6, mtime=0)
                body = self.gzipped[target]
            encoding = "gzip"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def do_GET(self) -> None:
        self._send(head_only=False)

    def do_HEAD(self) -> None:
        self._send(head_only=True)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (free port) in a thread; yield the base URL."""
    mimetypes.add_type("application/javascript", ".js")
    mimetypes.add_type("image/svg+xml", ".svg")
    mimetypes.add_type("font/woff2", ".woff2")
    SiteHandler.gzipped = {}
    handler = partial(SiteHandler, directory=folder.resolve())
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def lighthouse_bin() -> Path:
    return BENCH_DIR / "node_modules" / ".bin" / "lighthouse"


def tool_versions(chrome: str) -> dict[str, str | None]:
    def output(command: list[str]) -> str | None:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.strip().splitlines()[0] if done.stdout.strip() else None

    return {
        "lighthouse": output([str(lighthouse_bin()), "--version"]),
        "chromium": output([chrome, "--version"]),
        "node": output(["node", "--version"]),
    }


def ensure_lighthouse(log: Callable[[str], None]) -> str | None:
    """Install the pinned Lighthouse if missing; the reason it cannot run, or None."""
    if lighthouse_bin().is_file():
        return None
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return "Node.js and npm are not installed (apt-get install -y nodejs npm): skipped."
    log("pages: installing Lighthouse (npm ci --prefix benchmarks)")
    done = subprocess.run(
        [npm, "ci", "--prefix", str(BENCH_DIR), "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not lighthouse_bin().is_file():
        return f"npm ci --prefix benchmarks failed: {done.stderr.strip()[-500:]}"
    return None


def lighthouse(url: str, chrome: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run: the four scores, total bytes, metrics and the audits that lost points."""
    env = dict(os.environ, CHROME_PATH=chrome)
    command = [
        str(lighthouse_bin()),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
    )
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip()[-500:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError']}")
    audits = report["audits"]
    scores = {}
    lost: dict[str, str] = {}
    for name in CATEGORIES:
        category = report["categories"][name]
        score = category.get("score")
        scores[name] = None if score is None else round(100 * score)
        for ref in category["auditRefs"]:
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            # A metric scores on a curve (0.9 and up is "good"); other audits pass or fail.
            limit = 0.9 if ref["id"] in METRICS or ref["id"] == "interactive" else 1.0
            if ref.get("weight", 0) > 0 and score is not None and score < limit:
                lost[ref["id"]] = f"{name}: {audit.get('title', ref['id'])}"
    return {
        "scores": scores,
        "total_bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len((audits.get("network-requests", {}).get("details") or {}).get("items", [])),
        "dom_elements": int(audits.get("dom-size", {}).get("numericValue") or 0),
        "metrics_ms": {
            metric: round(float(audits[metric]["numericValue"]), 3)
            for metric in METRICS
            if metric in audits
        },
        "lost_points": lost,
    }


def measure(url: str, chrome: str, runs: int, work: Path) -> dict[str, Any]:
    """``runs`` Lighthouse runs of one URL and their medians."""
    reports = []
    for k in range(runs):
        reports.append(lighthouse(url, chrome, work / f"report-{k}.json"))
    median = {
        name: statistics.median(r["scores"][name] for r in reports if r["scores"][name] is not None)
        for name in CATEGORIES
    }
    lost: dict[str, str] = {}
    for report in reports:
        lost.update(report["lost_points"])
    return {
        "median": median,
        "total_bytes": int(statistics.median(r["total_bytes"] for r in reports)),
        "requests": int(statistics.median(r["requests"] for r in reports)),
        "dom_elements": int(statistics.median(r["dom_elements"] for r in reports)),
        "metrics_ms_median": {
            metric: statistics.median(r["metrics_ms"][metric] for r in reports)
            for metric in reports[0]["metrics_ms"]
        },
        "runs": [{"scores": r["scores"], "total_bytes": r["total_bytes"]} for r in reports],
        "lost_points": dict(sorted(lost.items())),
    }


def meets(entry: dict[str, Any]) -> bool:
    median = entry["median"]
    return (
        all(median[name] >= TARGETS[name] for name in CATEGORIES)
        and entry["total_bytes"] <= TARGET_BYTES
    )


def stock_material_site(work: Path) -> Path | None:
    """Build ``mkdocs new`` with ``theme: material`` into ``work``; the site folder."""
    project = work / "stock"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "new", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    (project / "mkdocs.yml").write_text(
        "site_name: My Docs\ntheme:\n  name: material\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    return project / "site" if done.returncode == 0 else None


def run(*, quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Lighthouse every page of the sitemap (``quick``: 2 pages, 1 run each)."""
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    result: dict[str, Any] = {
        "targets": {**TARGETS, "total_bytes": TARGET_BYTES},
        "settings": {
            "runs_per_page": 1 if quick else RUNS,
            "statistic": "median",
            "form_factor": "mobile (Lighthouse default), simulated throttling",
            "server": "http.server on 127.0.0.1, gzip for text types (as GitHub Pages)",
            "chrome_flags": CHROME_FLAGS,
        },
        "pages": [],
        "notes": [],
    }
    notes: list[str] = result["notes"]
    if chrome is None:
        notes.append(
            "Chromium is not installed (apt-get install -y chromium, as root): pages skipped."
        )
        return result
    problem = ensure_lighthouse(log)
    if problem:
        notes.append(problem)
        return result
    result["settings"]["versions"] = tool_versions(chrome)
    if not (SITE / "index.html").is_file():
        notes.append("No built site at site/ (run make build first): pages skipped.")
        return result

    runs = 1 if quick else RUNS
    if not (SITE / "sitemap.xml").is_file():
        notes.append("site/ has no sitemap.xml (run make build first): pages skipped.")
        return result
    targets = site_pages(SITE)
    if quick:
        targets = targets[:2]
    missing = [path for _, path in targets if not (SITE / path / "index.html").is_file()]
    if len(missing) == len(targets):
        notes.append("site/ holds none of its sitemap's pages: pages skipped.")
        return result
    if missing:
        notes.append(
            f"{len(missing)} of {len(targets)} pages of the sitemap were not in site/ when "
            f"this was measured: {', '.join(missing)}."
        )
    with tempfile.TemporaryDirectory(prefix="gdbook-bench-pages-") as tmp:
        work = Path(tmp)
        # A snapshot, so that a `make build` running meanwhile cannot pull pages away.
        snapshot = work / "site"
        shutil.copytree(SITE, snapshot)
        result["site_built"] = dt.datetime.fromtimestamp(
            (SITE / "index.html").stat().st_mtime, dt.UTC
        ).isoformat(timespec="seconds")
        with serve(snapshot) as base:
            for lang, path in targets:
                if path in missing:
                    continue
                log(f"pages: lighthouse x{runs} {path}")
                entry: dict[str, Any] = {
                    "lang": lang,
                    "path": path,
                    "load_before": load_average(),
                }
                try:
                    entry.update(measure(base + path, chrome, runs, work))
                    entry["meets_targets"] = meets(entry)
                except (RuntimeError, subprocess.TimeoutExpired) as error:
                    entry["error"] = str(error)
                entry["load_after"] = load_average()
                log(f"pages: {path} {entry.get('median', entry.get('error'))}")
                result["pages"].append(entry)
        if not quick:
            stock = stock_material_site(work)
            if stock is None:
                notes.append("The stock Material reference page could not be built.")
            else:
                with serve(stock) as base:
                    log(f"pages: lighthouse x{runs} stock Material page")
                    try:
                        result["stock_material"] = measure(base, chrome, runs, work)
                    except (RuntimeError, subprocess.TimeoutExpired) as error:
                        result["stock_material"] = {"error": str(error)}
    measured = [page for page in result["pages"] if "median" in page]
    result["all_meet_targets"] = bool(measured) and all(page["meets_targets"] for page in measured)
    return result


def _row(label: str, entry: dict[str, Any]) -> str:
    if "median" not in entry:
        return f"| {label} | {entry.get('error', '–')} | | | | | |"
    m = entry["median"]
    lost = ", ".join(f"`{audit}`" for audit in entry.get("lost_points", {})) or "–"
    return (
        f"| {label} | {m['performance']:.0f} | {m['accessibility']:.0f} | "
        f"{m['best-practices']:.0f} | {m['seo']:.0f} | {entry['total_bytes'] / 1000:.0f} | "
        f"{lost} |"
    )


def render(result: dict[str, Any]) -> list[str]:
    """The section's Markdown lines."""
    settings = result["settings"]
    versions = settings.get("versions") or {}
    t = result["targets"]
    lines = [
        f"Site built {result.get('site_built', '–')} (UTC). "
        f"Lighthouse {versions.get('lighthouse', '–')}, {versions.get('chromium', '–')}, "
        f"Node.js {versions.get('node', '–')}; {settings['form_factor']}; median of "
        f"{settings['runs_per_page']} runs per page; served by {settings['server']}.",
        "",
        f"Targets: performance >= {t['performance']}, accessibility {t['accessibility']}, "
        f"best practices {t['best-practices']}, SEO {t['seo']}, transfer <= "
        f"{t['total_bytes'] / 1000:.0f} KB.",
        "",
        "| page | perf. | a11y | best pr. | SEO | KB transferred | audits that cost points (ids) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in result["pages"]:
        lines.append(_row(f"`/{page['path']}`", page))
    if "stock_material" in result:
        lines.append(_row("reference: stock Material page", result["stock_material"]))
    measured = [page for page in result["pages"] if "metrics_ms_median" in page]
    if measured:
        names = {
            "first-contentful-paint": ("FCP", "ms"),
            "largest-contentful-paint": ("LCP", "ms"),
            "total-blocking-time": ("TBT", "ms"),
            "cumulative-layout-shift": ("CLS", ""),
            "speed-index": ("Speed Index", "ms"),
        }
        parts = []
        for metric, (label, unit) in names.items():
            values = [p["metrics_ms_median"][metric] for p in measured]
            if values:
                value = statistics.median(values)
                parts.append(f"{label} {value:.0f} {unit}" if unit else f"{label} {value:.2f}")
        lines += [
            "",
            "Median over the pages of each page's median (Lighthouse's simulated mobile "
            f"timings): {', '.join(parts)}; requests per page "
            f"{statistics.median(p['requests'] for p in measured):.0f}.",
        ]
    if result["pages"]:
        verdict = "**met**" if result.get("all_meet_targets") else "**missed**"
        lines += ["", f"Every page meets every target: {verdict}."]
        lines += _what_holds_back(measured)
    return lines


def _dom_range(pages: list[dict[str, Any]]) -> str:
    counts = [p["dom_elements"] for p in pages if p.get("dom_elements")]
    if not counts:
        return "thousands of DOM elements per page"
    return f"{min(counts):,} to {max(counts):,} DOM elements per page"


def _what_holds_back(measured: list[dict[str, Any]]) -> list[str]:
    """Which targets were missed, on how many pages, and what the measurements point to."""
    lines: list[str] = []
    low = [p for p in measured if (p["median"].get("performance") or 0) < TARGETS["performance"]]
    if low:
        tbt = statistics.median(p["metrics_ms_median"]["total-blocking-time"] for p in low)
        fcp = statistics.median(p["metrics_ms_median"]["first-contentful-paint"] for p in low)
        lcp = statistics.median(p["metrics_ms_median"]["largest-contentful-paint"] for p in low)
        lines += [
            "",
            f"What holds performance back ({len(low)} of {len(measured)} pages below "
            f"{TARGETS['performance']}): Total Blocking Time (median {tbt:.0f} ms), First "
            f"Contentful Paint (median {fcp:.0f} ms) and Largest Contentful Paint (median "
            f"{lcp:.0f} ms) on Lighthouse's simulated mid-range phone (4x slower CPU, slow "
            "4G). The formulas are MathML typeset at build time (no script, a 28 KB subset "
            "font), the book's small stylesheets are inlined, its scripts are deferred and "
            "loaded only where used, Material's script is loaded on the reader's first "
            "action, not with the page, display formulas, code blocks, notebook code cells "
            "and the paragraphs with inline formulas below the first screen are laid out only "
            "near the screen (`content-visibility: auto`), and the API reference has one page "
            "per module; what is "
            f"left is the size of the pages ({_dom_range(low)}): the first style and layout "
            "of the rest of a long page, in tasks Lighthouse attributes to the HTML itself "
            "(Chromium's traces). Tried and "
            "not adopted: turning off Material's code-copy buttons, TOC tracking, back-to-top "
            "and search highlighting (no measurable change); `content-visibility: auto` on "
            "all the article's blocks (axe then reported contrast and touch-target failures "
            "next to the skipped paragraphs, accessibility 93) and on the API reference's "
            "docstrings (their placeholder height is far from the real one, and a heading "
            "scrolled to near the page's end missed by thousands of pixels).",
        ]
    notebooks = [p for p in measured if "notebooks/" in p["path"]]
    if notebooks:
        heavy = [p for p in notebooks if p["total_bytes"] > TARGET_BYTES]
        score = statistics.median(p["median"]["performance"] for p in notebooks)
        lines += [
            "",
            f"The notebook pages: median performance {score:.0f}, and "
            f"{len(heavy)} of {len(notebooks)} exceed the transfer target (up to "
            f"{max(p['total_bytes'] for p in notebooks) / 1000:.0f} KB). Their figures are "
            "the site's SVG files, loaded lazily, and JupyterLab's stylesheet is cut to the "
            "rules each page can use (`book/cssprune.py`); what costs is their length: every "
            "code cell's highlighted tokens and every output are elements to style.",
        ]
    return lines
