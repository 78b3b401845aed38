"""Build: a clean strict build of both languages, and a rebuild after a one-paragraph edit.

Each variant runs in its own copy of the working tree (everything but ``.git``, ``.venv``,
``site/``, ``.cache/``, the generated ``docs/notebooks/*.ipynb``, ``node_modules`` and
tool caches) in a temporary folder, with ``GDBOOK_CACHE_DIR`` pointing at an empty folder
and the Makefile's environment (``NO_MKDOCS_2_WARNING=1``, ``PYTHONHASHSEED=0``,
``SOURCE_DATE_EPOCH=1700000000``); ``PYTHONPATH`` is the copy, so the copy's ``gdbook``
and ``book`` are the ones built and executed. Steps, in order:

1. **clean build**: ``python -m mkdocs build --strict`` (what ``make build`` runs), every
   figure drawn, every fact computed, every page's code run, every notebook written, both
   languages.
2. **rebuild, new process**: one prose paragraph of a chapter page (English) gets one more
   sentence; the same command again, with the caches the clean build left. This is a full
   build with warm caches, plus the start-up of Python, MkDocs and the plugins.
3. **serve**: ``python -m mkdocs serve --livereload`` (what ``make serve`` runs) on
   ``127.0.0.1``; its first build (warm caches) is timed from start to "Serving on". Then
   one prose paragraph is edited, first of the home page, then of the chapter page, and the
   time is taken from the file's write to the server's "Reloading browsers" line (which
   includes up to 0.5 s of MkDocs' file polling and its 0.1 s debounce). A rebuild that
   writes a watched file (a regenerated notebook) makes the server rebuild once more; the
   time until the last reload ("settled") is reported too.

The variants:

- **book**: the repository's ``mkdocs.yml`` as it is (each chapter's facts, figures and
  explorer data and each page's code output computed once and cached in
  ``GDBOOK_CACHE_DIR``; the notebooks are written from the pages and that output, and
  mkdocs-jupyter only renders them).
- **mkdocs-jupyter default (reference)**: the same tree, but mkdocs-jupyter executes the
  notebooks again itself (``execute: true``, its own cache in ``.cache/mkdocs-jupyter`` at
  its defaults, which mkdocs-static-i18n's second language build evicts), without the
  book's ``ignore`` patterns: what a book that let mkdocs-jupyter run its notebooks would
  pay in a clean build. Everything else is the book's, cached the same way, including the
  book's cache of converted notebook pages, so its rebuilds reuse the executed pages.

Wall time is ``time.perf_counter``; CPU time is the user + system time of the finished
child processes (``RUSAGE_CHILDREN``), which is less sensitive to other load than wall time.
The OS file cache, Python's compiled bytecode in the virtualenv and matplotlib's font cache
(``~/.cache/matplotlib``) are warm in every step: a first build on a new machine pays those too.
"""

from __future__ import annotations

import os
import queue
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import ROOT, load_average
from book import runtime, vendor

EXCLUDE_NAMES = {
    ".git",
    ".venv",
    ".cache",
    "node_modules",
    "__pycache__",
    ".hypothesis",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
}
EXCLUDE_TOP = {"site", "build", "screenshots"}
MAKE_ENV = {
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONHASHSEED": "0",
    "SOURCE_DATE_EPOCH": "1700000000",
    "PYTHONUNBUFFERED": "1",
}
#: English chapter pages, in book order; the first that exists is edited.
CHAPTER_PAGES = (
    "docs/gd/derivatives.md",
    "docs/gd/gd-1d.md",
    "docs/gd/gd-nd.md",
    "docs/gd/linear-regression.md",
    "docs/sgd/sgd.md",
    "docs/sgd/minibatch.md",
    "docs/sgd/schedules.md",
    "docs/sgd/frameworks.md",
)
HOME_PAGE = "docs/index.md"
TARGET_CLEAN = 60.0
TARGET_REBUILD = 3.0
BUILD_TIMEOUT = 3600.0
SERVE_TIMEOUT = 1800.0


def copy_tree(destination: Path) -> Path:
    """Copy the working tree, minus build outputs, caches and generated notebooks."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = Path(folder).resolve()
        skipped = {name for name in names if name in EXCLUDE_NAMES or name.endswith(".egg-info")}
        if here == ROOT:
            skipped |= {name for name in names if name in EXCLUDE_TOP}
        if here == ROOT / "docs" / "notebooks":
            skipped |= {name for name in names if name.endswith(".ipynb")}
        return skipped

    tree = destination / "tree"
    shutil.copytree(ROOT, tree, ignore=ignore, symlinks=True)
    return tree


def make_reference(tree: Path) -> list[str]:
    """Turn ``tree`` into the mkdocs-jupyter reference variant; return what was changed."""
    config = tree / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    block = re.search(r"^(  - mkdocs-jupyter:\n(?:      .*\n)*)", text, re.M)
    if block is None:
        raise RuntimeError("mkdocs.yml has no mkdocs-jupyter plugin block")
    body = block.group(1)
    new_body = re.sub(r"^      (execute|cache|ignore):.*\n", "", body, flags=re.M)
    new_body += "      execute: true\n"
    config.write_text(text.replace(body, new_body), encoding="utf-8")
    return ["mkdocs-jupyter: execute: true, its own cache at its defaults, no ignore patterns"]


PROSE_START = re.compile(r"^[A-Za-z\u3131-\u318e\uac00-\ud7a3(\"'*_]")
NOT_PROSE = re.compile(r"^(#|\s|[-*+] |\d+\. |\||!!!|\?\?\?|===|---|\{\{|\{%|--8<--|<|\$\$|>|:)")


def prose_paragraph(lines: list[str]) -> int | None:
    """Index of the last line of the first plain prose paragraph, or None.

    Plain: at column 0, outside fences and display math, starting with a letter, and none of
    its lines a heading, list, table, admonition, tab, macro, snippet, HTML, quote or rule.
    """
    fence: str | None = None
    in_math = False
    start: int | None = None
    plain = False
    for i, line in enumerate([*lines, ""]):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if in_math:
            in_math = "$$" not in stripped
            continue
        if stripped.startswith(("```", "~~~")):
            fence, start = stripped[:3], None
            continue
        if stripped.startswith("$$"):
            in_math = stripped == "$$" or not stripped.endswith("$$")
            plain = False
            continue
        if not stripped:
            if start is not None and plain:
                return i - 1
            start = None
            continue
        if start is None:
            start, plain = i, bool(PROSE_START.match(line)) and not NOT_PROSE.match(line)
        elif NOT_PROSE.match(line):
            plain = False
    return None


def edit_paragraph(page: Path, sentence: str) -> int:
    """Append ``sentence`` to the first prose paragraph of ``page``; return its line (1-based)."""
    lines = page.read_text(encoding="utf-8").split("\n")
    index = prose_paragraph(lines)
    if index is None:
        raise RuntimeError(f"no prose paragraph found in {page}")
    lines[index] = lines[index].rstrip() + " " + sentence
    page.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def environment(tree: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(MAKE_ENV)
    env["GDBOOK_CACHE_DIR"] = str(cache)
    # The pinned downloads (in-browser Python, Temml and the math font) stay where `make`
    # put them: the copy has no .cache, and fetching is not part of a build.
    env["GDBOOK_RUNTIME_DIR"] = str(runtime.CACHE.parent)
    env["GDBOOK_NPM_DIR"] = str(vendor.CACHE)
    env["PYTHONPATH"] = os.pathsep.join([str(tree), *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


def mkdocs_build(tree: Path, env: dict[str, str], log_file: Path) -> dict[str, Any]:
    """Run ``python -m mkdocs build --strict`` in ``tree``; wall and CPU seconds."""
    cpu0, load0 = child_cpu(), load_average()
    start = time.perf_counter()
    with log_file.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=tree,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=BUILD_TIMEOUT,
            check=False,
        )
    wall = time.perf_counter() - start
    result: dict[str, Any] = {
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(child_cpu() - cpu0, 2),
        "returncode": done.returncode,
        "load_before": load0,
        "load_after": load_average(),
    }
    text = log_file.read_text(encoding="utf-8", errors="replace")
    reported = re.findall(r"Documentation built in ([\d.]+) seconds", text)
    if reported:
        result["mkdocs_reported_seconds"] = float(reported[-1])
    result["breakdown"] = breakdown(text)
    if done.returncode != 0:
        result["log_tail"] = text.splitlines()[-30:]
    return result


def breakdown(log_text: str) -> dict[str, Any]:
    """What the book's hooks logged: figures drawn, page code run, notebooks written.

    Chapters and pages run in parallel processes, so the seconds of figures and pages add up
    to more than the wall time they took.
    """
    parts: dict[str, Any] = {}
    for key, pattern in (
        ("figures_drawn", r"book: figure\s+\S+\s+([\d.]+) s"),
        ("page_code_runs", r"book: page code [^\n]*: ([\d.]+) s"),
    ):
        seconds = [float(value) for value in re.findall(pattern, log_text)]
        parts[key] = {"count": len(seconds), "seconds_sum": round(sum(seconds), 1)}
    written = re.findall(r"book: notebooks: (\d+) of (\d+) written", log_text)
    parts["notebooks_written"] = sum(int(count) for count, _ in written)
    chapters = re.findall(r"book: chapters: (\d+) artefacts computed in ([\d.]+) s", log_text)
    parts["chapter_artefacts"] = {
        "count": sum(int(count) for count, _ in chapters),
        "seconds": round(sum(float(seconds) for _, seconds in chapters), 1),
    }
    parts["notebooks_converted_by_mkdocs_jupyter"] = len(
        re.findall(r"Converting notebook \(execute=", log_text)
    )
    return parts


def site_summary(site: Path) -> dict[str, Any]:
    """Pages, size, and whether the notebook pages hold executed, error-free output."""
    if not site.is_dir():
        return {}
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.name == "index.html"]
    notebook_pages = [p for p in pages if "notebooks" in p.parts]
    outputs = errors = 0
    for page in notebook_pages:
        html = page.read_text(encoding="utf-8", errors="replace")
        outputs += html.count("jp-OutputArea-output")
        errors += html.count("Traceback")
    return {
        "html_pages": len(pages),
        "files": len(files),
        "megabytes": round(sum(p.stat().st_size for p in files) / 1e6, 1),
        "notebook_pages": len(notebook_pages),
        "notebook_output_areas": outputs,
        "notebook_tracebacks": errors,
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``mkdocs serve`` in its own process group; its log lines with arrival times."""

    def __init__(self, tree: Path, env: dict[str, str], log_file: Path) -> None:
        self.port = free_port()
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log_file = log_file.open("w", encoding="utf-8")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dev-addr",
                f"127.0.0.1:{self.port}",
                "--livereload",
            ],
            cwd=tree,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log_file.write(line)
            self.lines.put((time.perf_counter(), line.rstrip("\n")))

    def wait_for(self, pattern: str, timeout: float) -> float:
        """Time at which a line matching ``pattern`` arrived (raises on timeout or exit)."""
        deadline = time.perf_counter() + timeout
        regex = re.compile(pattern)
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"mkdocs serve: no line matching {pattern!r}")
            try:
                arrived, line = self.lines.get(timeout=min(left, 1.0))
            except queue.Empty:
                if self.process.poll() is not None:
                    raise RuntimeError("mkdocs serve exited") from None
                continue
            if regex.search(line):
                return arrived
            if "ERROR" in line and "An error happened during the rebuild" in line:
                raise RuntimeError(f"mkdocs serve: {line}")

    def settle(self, last_reload: float, quiet: float = 3.0, timeout: float = 600.0) -> float:
        """After a reload: wait until no rebuild starts for ``quiet`` s; the last reload time."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                _, line = self.lines.get(timeout=quiet)
            except queue.Empty:
                return last_reload
            if "Detected file changes" in line:
                last_reload = self.wait_for(r"Reloading browsers", SERVE_TIMEOUT)
        return last_reload

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        self.reader.join(timeout=10)
        self.log_file.close()


def serve_edits(
    tree: Path, env: dict[str, str], pages: list[tuple[str, str]], log_file: Path
) -> dict[str, Any]:
    """Start ``mkdocs serve``, edit each page in turn, time each reload."""
    server = Server(tree, env, log_file)
    result: dict[str, Any] = {"load_before": load_average()}
    try:
        ready = server.wait_for(r"Serving on ", SERVE_TIMEOUT)
        result["first_build_seconds"] = round(ready - server.started, 2)
        time.sleep(2.0)  # let the file poller take its first snapshot
        edits = []
        for label, page in pages:
            while not server.lines.empty():
                server.lines.get_nowait()
            written = time.perf_counter()
            line = edit_paragraph(tree / page, f"(Benchmark edit, {label}.)")
            load0 = load_average()
            reloaded = server.wait_for(r"Reloading browsers", SERVE_TIMEOUT)
            settled = server.settle(reloaded)
            edits.append(
                {
                    "edited": label,
                    "page": page,
                    "line": line,
                    "reload_seconds": round(reloaded - written, 2),
                    "settled_seconds": round(settled - written, 2),
                    "load_before": load0,
                    "load_after": load_average(),
                }
            )
        result["edits"] = edits
    finally:
        server.stop()
    result["load_after"] = load_average()
    return result


def measure_variant(
    name: str, work: Path, *, reference: bool, serve: bool, log: Callable[[str], None]
) -> dict[str, Any]:
    """Clean build, rebuild after an edit, and (optionally) serve rebuilds, in a fresh copy."""
    folder = work / name
    folder.mkdir()
    tree = copy_tree(folder)
    cache = folder / "cache"
    cache.mkdir()
    env = environment(tree, cache)
    result: dict[str, Any] = {"changes": make_reference(tree) if reference else []}
    chapter = next((page for page in CHAPTER_PAGES if (tree / page).is_file()), None)
    home = HOME_PAGE if (tree / HOME_PAGE).is_file() else None

    log(f"build[{name}]: clean build (cold caches)")
    result["clean"] = clean = mkdocs_build(tree, env, folder / "clean.log")
    result["site"] = site_summary(tree / "site")
    log(f"build[{name}]: clean build {clean['wall_seconds']} s (exit {clean['returncode']})")
    if clean["returncode"] != 0:
        return result

    edited = chapter or home
    if edited is None:
        result["rebuild"] = None
        return result
    line = edit_paragraph(tree / edited, "(Benchmark edit, new process.)")
    log(f"build[{name}]: rebuild after editing {edited}:{line} (warm caches, new process)")
    result["rebuild"] = mkdocs_build(tree, env, folder / "rebuild.log")
    result["rebuild"]["edited"] = f"{edited}:{line}"
    log(f"build[{name}]: rebuild {result['rebuild']['wall_seconds']} s")

    if serve:
        pages = [(label, page) for label, page in (("home", home), ("chapter", chapter)) if page]
        log(f"build[{name}]: mkdocs serve, edits of {[page for _, page in pages]}")
        try:
            result["serve"] = serve_edits(tree, env, pages, folder / "serve.log")
        except (RuntimeError, TimeoutError) as error:
            log_text = (folder / "serve.log").read_text(encoding="utf-8", errors="replace")
            result["serve"] = {"error": str(error), "log_tail": log_text.splitlines()[-30:]}
        log(f"build[{name}]: serve {result['serve']}")
    return result


def run(*, quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Measure both variants (``quick``: the book variant only, no serve)."""
    notes: list[str] = []
    variants: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="gdbook-bench-build-") as work:
        variants["book"] = measure_variant(
            "book", Path(work), reference=False, serve=not quick, log=log
        )
        if not quick:
            variants["mkdocs_jupyter_default"] = measure_variant(
                "mkdocs_jupyter_default", Path(work), reference=True, serve=True, log=log
            )
    chapters = [page for page in CHAPTER_PAGES if (ROOT / page).is_file()]
    if len(chapters) < len(CHAPTER_PAGES):
        notes.append(
            f"Only {len(chapters)} of {len(CHAPTER_PAGES)} English chapter pages existed "
            "when this was measured: the book was still being written."
        )
    if not (ROOT / HOME_PAGE).is_file():
        notes.append("docs/index.md did not exist yet: the home-page edit was skipped.")
    return {
        "command": "python -m mkdocs build --strict",
        "serve_command": "python -m mkdocs serve --dev-addr 127.0.0.1:PORT --livereload",
        "targets": {"clean_build_seconds": TARGET_CLEAN, "rebuild_seconds": TARGET_REBUILD},
        "variants": variants,
        "notes": notes,
    }


def _s(value: object) -> str:
    return f"{value:.1f} s" if isinstance(value, float | int) else "–"


def render(result: dict[str, Any]) -> list[str]:
    """The section's Markdown lines."""
    targets = result["targets"]
    labels = {"book": "book", "mkdocs_jupyter_default": "mkdocs-jupyter default (reference)"}
    lines = [
        "Wall time (CPU time of the build's processes in brackets). Clean build: "
        "`mkdocs build --strict` in a fresh copy of the tree with empty caches. Rebuild: the "
        "same after appending one sentence to a prose paragraph of a chapter page (new "
        "process, warm caches). Serve: `mkdocs serve --livereload`, time from writing the "
        'edited page to "Reloading browsers" (settled: after any rebuild the first one '
        "triggered).",
        "",
        "| variant | clean build | rebuild, new process | serve: first build | "
        "serve: edit home page (settled) | serve: edit chapter page (settled) | notebooks |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for key, variant in result["variants"].items():
        clean = variant.get("clean") or {}
        rebuild = variant.get("rebuild") or {}
        serve = variant.get("serve") or {}
        edits = {edit["edited"]: edit for edit in serve.get("edits", [])}
        site = variant.get("site") or {}
        home = edits.get("home", {})
        chapter = edits.get("chapter", {})
        home_text, chapter_text = _s(home.get("reload_seconds")), _s(chapter.get("reload_seconds"))
        if home and home.get("settled_seconds") != home.get("reload_seconds"):
            home_text += f" ({_s(home.get('settled_seconds'))})"
        if chapter and chapter.get("settled_seconds") != chapter.get("reload_seconds"):
            chapter_text += f" ({_s(chapter.get('settled_seconds'))})"
        failed = "" if clean.get("returncode", 0) == 0 else " **failed**"
        lines.append(
            f"| {labels.get(key, key)} | {_s(clean.get('wall_seconds'))} "
            f"[{_s(clean.get('cpu_seconds'))}]{failed} | {_s(rebuild.get('wall_seconds'))} "
            f"[{_s(rebuild.get('cpu_seconds'))}] | {_s(serve.get('first_build_seconds'))} | "
            f"{home_text} | {chapter_text} | "
            f"{site.get('notebook_pages', '–')} pages, "
            f"{site.get('notebook_tracebacks', '–')} tracebacks |"
        )
    lines.append("")
    for key, variant in result["variants"].items():
        for step in ("clean", "rebuild"):
            parts = (variant.get(step) or {}).get("breakdown")
            if not parts:
                continue
            figures = parts["figures_drawn"]
            pages = parts.get("page_code_runs", {"count": 0, "seconds_sum": 0.0})
            chapters = parts.get("chapter_artefacts", {"count": 0, "seconds": 0.0})
            lines.append(
                f"- {labels.get(key, key)}, {step}: {chapters['count']} chapter artefacts "
                f"computed in {chapters['seconds']:.0f} s wall ({figures['count']} figures "
                f"drawn, {figures['seconds_sum']:.0f} s summed over the parallel workers), "
                f"{pages['count']} runs of pages' code ({pages['seconds_sum']:.0f} s summed), "
                f"{parts.get('notebooks_written', 0)} notebooks written, "
                f"{parts['notebooks_converted_by_mkdocs_jupyter']} notebook pages converted by "
                "mkdocs-jupyter."
            )
    book = result["variants"].get("book", {})
    clean_wall = (book.get("clean") or {}).get("wall_seconds")
    edits = {e["edited"]: e for e in (book.get("serve") or {}).get("edits", [])}
    chapter_reload = (edits.get("chapter") or edits.get("home") or {}).get("settled_seconds")

    def verdict(value: object, target: float) -> str:
        if not isinstance(value, float | int):
            return "not measured"
        return "**met**" if value <= target else "**missed**"

    lines += [
        "",
        f"Targets (book): clean build <= {targets['clean_build_seconds']:.0f} s: "
        f"{verdict(clean_wall, targets['clean_build_seconds'])} ({_s(clean_wall)}); "
        f"serve rebuild after a prose edit of a chapter <= {targets['rebuild_seconds']:.0f} s: "
        f"{verdict(chapter_reload, targets['rebuild_seconds'])} ({_s(chapter_reload)}).",
    ]
    lines += _what_holds_back(book, targets, clean_wall, chapter_reload)
    return lines


def _what_holds_back(
    book: dict[str, Any], targets: dict[str, float], clean_wall: object, reload: object
) -> list[str]:
    """Say, from the measurements, why a missed build target was missed."""
    lines: list[str] = []
    clean = book.get("clean") or {}
    cpu = clean.get("cpu_seconds")
    parts = clean.get("breakdown") or {}
    if isinstance(clean_wall, float | int) and clean_wall > targets["clean_build_seconds"]:
        figures = parts.get("figures_drawn", {})
        chapters = parts.get("chapter_artefacts", {})
        pages = parts.get("page_code_runs", {})
        lines += [
            "",
            "What holds the clean build back: it is CPU-bound. Its processes used "
            f"{_s(cpu)} of CPU time, so on {os.cpu_count()} cores it cannot take less than "
            f"{_s(cpu / (os.cpu_count() or 1)) if isinstance(cpu, float | int) else '–'}. "
            f"The chapters' facts, figures and explorer data take {chapters.get('seconds', '–')} s "
            f"of wall time ({figures.get('count', '–')} figures, "
            f"{figures.get('seconds_sum', '–')} s summed over the workers, each drawn once per "
            "language and saved as SVG and PNG); the pages' code "
            f"({pages.get('count', '–')} runs, {pages.get('seconds_sum', '–')} s summed), "
            "typesetting the formulas, converting the notebooks and rendering the pages of both "
            "languages take the rest.",
        ]
    if isinstance(reload, float | int) and reload > targets["rebuild_seconds"]:
        lines += [
            "",
            "What holds the rebuild back: every chapter artefact, page output, notebook page and "
            "formula comes from the cache, but MkDocs renders every page of both languages on "
            "every change. In a profile of a warm build (cProfile, this machine) the largest "
            "parts are Material's search indexing (about 3.5 s of CPU), the Jinja templates "
            "(2.9 s), mkdocstrings' API pages (2.6 s) and Pygments highlighting (1.4 s); the "
            "book's hooks take about 2 s, and MkDocs' file watcher adds up to 0.5 s. Meeting 3 s "
            "would need MkDocs to rebuild only the edited page: its `--dirty` mode would serve "
            "stale pages here, since a page's output also depends on files MkDocs does not "
            "track (the chapters' folders, gdbook), and the i18n plugin builds the second "
            "language inside the first.",
        ]
    return lines
