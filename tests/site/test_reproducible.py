"""Builds of the same sources produce the same site, byte for byte, whatever the cache went
through.

Two builds run, each in its own copy of the working tree (at a different path) with its own
empty ``GDBOOK_CACHE_DIR``, with the environment the Makefile exports (``PYTHONHASHSEED``,
``SOURCE_DATE_EPOCH``): a clean one, and one that is killed midway, finds its cache damaged
(an entry truncated, one with a flipped bit, one written for another key, a stray partial
file) and is run again. Files that carry a build timestamp by design are listed in
:data:`TIMESTAMPED`; any other difference is a defect (run-to-run ids in SVGs, dict order in
the search index, paths or times in notebook outputs, a stale or damaged cache entry used).
"""

from __future__ import annotations

import filecmp
import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from book import runtime, vendor
from tests.conftest import ROOT

#: Files that differ between builds by design, with the reason. None do today: the sitemap's
#: dates come from git (from SOURCE_DATE_EPOCH here, the copies having no .git) and its gzip
#: header has no time (book/hooks/languages.py).
TIMESTAMPED: dict[str, str] = {}
#: The pinned downloads (in-browser Python, Temml and the math font) stay where `make` put
#: them (the copies have no .cache).
RUNTIME = {"GDBOOK_RUNTIME_DIR": str(runtime.CACHE.parent), "GDBOOK_NPM_DIR": str(vendor.CACHE)}
#: Not copied into the build trees: the environment, outputs and caches at the top level ...
TOP_LEVEL_IGNORED = {".git", ".venv", "site", ".cache", "build", "screenshots"}
#: ... and at any depth (generated notebooks are removed after the copy).
IGNORED = shutil.ignore_patterns(
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    ".pytest_cache",
    "__pycache__",
    "*.egg-info",
    "node_modules",
)
BUILD_TIMEOUT = 30 * 60


def makefile_exports() -> dict[str, str]:
    """``export NAME := value`` lines of the Makefile (the build's environment)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return dict(re.findall(r"^export\s+(\w+)\s*:?=\s*(\S+)\s*$", text, flags=re.M))


def snapshot(target: Path) -> Path:
    """Copy the working tree without outputs, caches and generated notebooks."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(IGNORED(folder, names))
        if Path(folder) == ROOT:
            skipped |= TOP_LEVEL_IGNORED & set(names)
        return skipped

    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    for notebook in (target / "docs" / "notebooks").glob("*.ipynb"):
        notebook.unlink()
    return target


def build(source: Path, workdir: Path) -> tuple[Path, float]:
    """A clean strict build of ``source`` into ``workdir/site``; the site and the seconds."""
    cache = workdir / "cache"
    cache.mkdir()
    return build_with_cache(source, workdir, cache)


def build_with_cache(source: Path, workdir: Path, cache: Path) -> tuple[Path, float]:
    """A strict build of ``source`` into ``workdir/site`` with the cache ``cache``."""
    out = workdir / "site"
    env = {**os.environ, **makefile_exports(), "GDBOOK_CACHE_DIR": str(cache), **RUNTIME}
    env.pop("GDBOOK_SITE_DIR", None)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"build in {source} failed:\n{result.stderr[-4000:]}")
    return out, time.monotonic() - started


def build_killed_midway(source: Path, workdir: Path, entries: int = 4) -> None:
    """Start a build and kill it, with its workers, once it has stored ``entries`` entries."""
    cache = workdir / "cache"
    cache.mkdir()
    env = {**os.environ, **makefile_exports(), "GDBOOK_CACHE_DIR": str(cache), **RUNTIME}
    with subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(workdir / "site")],
        cwd=source,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the workers die with it
    ) as child:
        deadline = time.monotonic() + BUILD_TIMEOUT
        while len(list(cache.rglob("*.entry"))) < entries and child.poll() is None:
            assert time.monotonic() < deadline, "the build stored no entries"
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode != 0, "the build finished before it could be interrupted"


def damage(cache: Path) -> list[str]:
    """Damage the entries of an interrupted build's cache in every way a read must catch."""
    entries = sorted(cache.rglob("*.entry"), key=lambda p: (p.stat().st_size, p.as_posix()))
    assert len(entries) >= 3, entries
    smallest, middle, largest = entries[0], entries[len(entries) // 2], entries[-1]
    raw = largest.read_bytes()
    largest.write_bytes(raw[: len(raw) // 2])  # truncated
    raw = middle.read_bytes()
    at = len(raw) - 1
    middle.write_bytes(raw[:at] + bytes([raw[at] ^ 0x20]))  # one flipped bit
    smallest.write_bytes(middle.read_bytes())  # another key's entry under this key
    (largest.parent / ".partial-killed").write_bytes(raw[:100])  # a write cut short
    return [p.relative_to(cache).as_posix() for p in (largest, middle, smallest)]


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def first_difference(a: Path, b: Path) -> str:
    """Where two files first differ, with some context from each."""
    left, right = _content(a), _content(b)
    if left == right:
        return "same content, different gzip header (mtime or file name)"
    at = next((i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y), None)
    at = min(len(left), len(right)) if at is None else at
    start = max(0, at - 60)
    one = left[start : at + 60].decode("utf-8", "replace")
    two = right[start : at + 60].decode("utf-8", "replace")
    return f"byte {at} of {len(left)}/{len(right)}:\n      a: {one!r}\n      b: {two!r}"


def compare(a: Path, b: Path) -> list[str]:
    """Every file present in one site only or different in content."""
    files_a, files_b = files(a), files(b)
    problems = [f"only in the first build: {name}" for name in sorted(files_a - files_b)]
    problems += [f"only in the second build: {name}" for name in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        if name in TIMESTAMPED:
            continue
        if not filecmp.cmp(a / name, b / name, shallow=False):
            problems.append(f"{name} differs at {first_difference(a / name, b / name)}")
    return problems


@pytest.mark.slow
@pytest.mark.site
def test_a_clean_build_equals_one_killed_midway_and_resumed_from_a_damaged_cache(
    tmp_path: Path,
) -> None:
    source = snapshot(tmp_path / "source")
    first, second = tmp_path / "first", tmp_path / "second-build"
    shutil.copytree(source, first / "repo", symlinks=True)
    shutil.copytree(source, second / "repo", symlinks=True)
    site_a, seconds_a = build(first / "repo", first)
    build_killed_midway(second / "repo", second)
    damaged = damage(second / "cache")
    shutil.rmtree(second / "site", ignore_errors=True)
    (second / "cache").rename(second / "kept")
    site_b, seconds_b = build_with_cache(second / "repo", second, second / "kept")
    timing = f"(builds took {seconds_a:.0f} s and {seconds_b:.0f} s; damaged: {damaged})"
    assert (site_a / "index.html").is_file() and (site_a / "ko" / "index.html").is_file()
    problems = compare(site_a, site_b)
    assert not problems, (
        f"{len(problems)} files differ between a clean build and a resumed one {timing}:\n  "
        + "\n  ".join(problems[:30])
    )
    for name, reason in TIMESTAMPED.items():
        assert name in files(site_a), f"{name} ({reason}) is no longer built: update TIMESTAMPED"


def test_the_comparison_sees_a_difference(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for site, svg_id in ((a, "p1f2"), (b, "p9e3")):
        (site / "figures").mkdir(parents=True)
        (site / "figures" / "x.svg").write_text(f'<svg><path id="{svg_id}"/></svg>')
        (site / "index.html").write_text("same")
    (b / "extra.js").write_text("")
    problems = compare(a, b)
    assert problems[0] == "only in the second build: extra.js"
    assert problems[1].startswith("figures/x.svg differs at byte 16 of 28/28")
    assert makefile_exports()["SOURCE_DATE_EPOCH"].isdigit()
