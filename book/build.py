"""Each chapter's computed artefacts: its facts, its figures and its explorers' data.

For every chapter of :data:`book.chapters.CHAPTERS` and every kind of artefact its folder
defines (``facts.py``, ``figures.py``, ``explorers.py``), one entry of the build's cache
(:mod:`book.cache`) holds the result. Its key covers the chapter's folder, gdbook, the
build code of that kind and the library versions, so editing prose recomputes nothing and
editing a chapter recomputes that chapter only.

Missing entries are computed in a fresh Python process per chapter (so ``make serve`` never
uses a module imported before an edit), chapters in parallel. A worker stores its entry only
if no source changed while it ran; the build then reads every entry from the cache.

Run ``python -m book.build`` to compute every missing entry by hand.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from book import cache
from book.chapters import CHAPTERS, Chapter, chapter

ROOT = cache.ROOT
BOOK = ROOT / "book"
KINDS = ("facts", "figures", "explorers")
RESULTS = ROOT / "benchmarks" / "results"

Log = Callable[[str], object]


def _build_code(kind: str) -> list[Path]:
    """The build code whose behaviour shapes an artefact of ``kind``."""
    files = [BOOK / "build.py", BOOK / "chapters" / "__init__.py", BOOK / "cache.py"]
    files += {"figures": [BOOK / "figures.py"], "explorers": [BOOK / "explorers.py"]}.get(kind, [])
    return files


def entry_key(item: Chapter, kind: str) -> str:
    """The cache key of one chapter's artefact of one kind."""
    sources = [*cache.gdbook_sources(), *item.sources(), *_build_code(kind)]
    sources += sorted(RESULTS.glob("*.json"))  # facts quote the committed benchmarks
    libraries = cache.FIGURE_LIBRARIES if kind == "figures" else cache.NUMERIC_LIBRARIES
    return cache.key(kind, sources=sources, libraries=libraries, data=item.name)


def store(kind: str) -> cache.Cache:
    """The cache of one kind of artefact."""
    return cache.Cache(kind)


# -- the work of one chapter (runs in the worker process) ------------------------------------


def compute_facts(item: Chapter) -> dict[str, str]:
    """Call the chapter's ``facts()``; every value must be the ``str`` the prose shows."""
    values = item.module("facts").facts()
    for name, value in values.items():
        if not isinstance(value, str):
            raise TypeError(
                f"book/chapters/{item.name}/facts.py: fact {name!r} must be a str formatted "
                f"as the prose shows it; got {type(value).__name__} {value!r}."
            )
    return dict(values)


def compute_figures(item: Chapter, log: Log = print) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Draw every figure of the chapter: ``(meta by figure name, files by file name)``."""
    from book.figures import SVG_SIZE, figures_of, render_variants

    meta: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    for spec in figures_of(item):
        start = time.perf_counter()
        names, contents = render_variants(spec)
        match = SVG_SIZE.search(next(iter(contents.values()))[:2000])
        if match is None:
            raise ValueError(f"Figure {spec.name!r}: the SVG has no width/height in pt.")
        width, height = (round(float(v) * 4 / 3) for v in match.groups())  # 1pt = 4/3 px
        meta[spec.name] = {
            "files": names,
            "alt": dict(spec.alt),
            "caption": dict(spec.caption),
            "width": width,
            "height": height,
        }
        files.update(contents)
        log(f"figure {spec.name:<28} {time.perf_counter() - start:5.2f} s")
    return meta, files


def compute_explorers(item: Chapter, log: Log = print) -> dict[str, bytes]:
    """Compute the data of every explorer of the chapter: ``{name}.json`` by file name."""
    from book.explorers import explorer_payload

    files = {}
    for name, build in item.module("explorers").EXPLORERS.items():
        files[f"{name}.json"] = explorer_payload(build)
        log(f"explorer {name:<12} {len(files[f'{name}.json']) / 1024:6.1f} KB")
    return files


def compute(item: Chapter, kind: str, log: Log = print) -> None:
    """Compute one artefact and store it, unless a source changed meanwhile."""
    key = entry_key(item, kind)
    if kind == "facts":
        payload: bytes = json.dumps(compute_facts(item), ensure_ascii=False).encode()
    elif kind == "figures":
        meta, files = compute_figures(item, log)
        if entry_key(item, kind) == key:
            store(kind).put_files(key, meta, files)
        return
    else:
        explorers = compute_explorers(item, log)
        if entry_key(item, kind) == key:
            store(kind).put_files(key, sorted(explorers), explorers)
        return
    if entry_key(item, kind) == key:
        store(kind).put(key, payload)


def _worker(argv: Sequence[str]) -> int:
    """``python -m book.build chNN kind...``: compute the named artefacts of a chapter."""
    item = chapter(argv[0])
    for kind in argv[1:]:
        compute(item, kind, log=lambda line: print(line, flush=True))
    return 0


# -- the build side --------------------------------------------------------------------------


class BuildError(RuntimeError):
    """A chapter's facts, figures or explorers could not be computed."""


def kinds_of(item: Chapter) -> list[str]:
    """The kinds of artefact a chapter's folder defines."""
    return [kind for kind in KINDS if item.has_module(kind)]


def _run_worker(item: Chapter, kinds: Sequence[str], log: Log) -> None:
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "book.build", item.name, *kinds]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    for line in run.stdout.splitlines():
        log(line)
    if run.returncode != 0:
        raise BuildError(f"Computing {', '.join(kinds)} of {item.name} failed:\n{run.stderr}")


@dataclass(frozen=True)
class Artefacts:
    """What the pages need from every chapter.

    Attributes
    ----------
    facts : dict
        ``facts[chapter name][key]``: the text of a fact.
    figures : dict
        ``figures[name]``: the figure's files, alt texts, captions and size.
    figure_files : dict
        File name to bytes, for ``<site>/figures/``.
    explorer_files : dict
        File name to bytes, for ``<site>/explorers/``.
    """

    facts: dict[str, dict[str, str]]
    figures: dict[str, dict[str, Any]]
    figure_files: dict[str, bytes]
    explorer_files: dict[str, bytes]


def _expected_work(item: Chapter) -> int:
    """A rough measure of a chapter's work: the lines of its facts and figures code."""
    files = [item.folder / f"{kind}.py" for kind in KINDS]
    return sum(len(p.read_bytes().splitlines()) for p in files if p.is_file())


def _missing(chapters: Sequence[Chapter]) -> dict[Chapter, list[str]]:
    """The artefacts to compute, the chapters with the most work first (so that the last
    chapter to start is a short one and the workers finish together)."""
    todo: dict[Chapter, list[str]] = {}
    for item in sorted(chapters, key=_expected_work, reverse=True):
        for kind in kinds_of(item):
            if not store(kind).path(entry_key(item, kind)).is_file():
                todo.setdefault(item, []).append(kind)
    return todo


def _read(item: Chapter, kind: str) -> Any:
    key = entry_key(item, kind)
    if kind == "facts":
        return store(kind).get_json(key)
    return store(kind).get_files(key)


def prepare(log: Log = print, *, jobs: int | None = None) -> Artefacts:
    """Compute whatever is missing, then return every chapter's artefacts from the cache.

    An entry that is missing, or found damaged when read, is computed again.

    Raises
    ------
    BuildError
        If a chapter's worker fails; the message holds its traceback.
    """
    start = time.perf_counter()
    jobs = jobs or min(2, os.cpu_count() or 1)
    for attempt in range(2):
        todo = _missing(CHAPTERS)
        if todo:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                list(pool.map(_run_worker, todo, todo.values(), [log] * len(todo)))
        result = {(item, kind): _read(item, kind) for item in CHAPTERS for kind in kinds_of(item)}
        if all(value is not None for value in result.values()):
            break
        if attempt:
            broken = [f"{item.name} {kind}" for (item, kind), v in result.items() if v is None]
            raise BuildError(f"Cache entries unreadable right after computing: {broken}")
    facts: dict[str, dict[str, str]] = {}
    figures: dict[str, dict[str, Any]] = {}
    figure_files: dict[str, bytes] = {}
    explorer_files: dict[str, bytes] = {}
    for (item, kind), value in result.items():
        if kind == "facts":
            facts[item.name] = value
        elif kind == "figures":
            figures.update(value[0])
            figure_files.update(value[1])
        else:
            explorer_files.update(value[1])
    computed = sum(len(kinds) for kinds in todo.values()) if todo else 0
    log(f"chapters: {computed} artefacts computed in {time.perf_counter() - start:.1f} s")
    return Artefacts(facts, dict(sorted(figures.items())), figure_files, explorer_files)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(_worker(sys.argv[1:]))
    prepare()
