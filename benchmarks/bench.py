"""Run the book's benchmarks and write the results table (``make bench``).

    python -m benchmarks.bench                   # build, pages and compute
    python -m benchmarks.bench --only compute    # one section (the others are kept)
    python -m benchmarks.bench --quick           # a smoke run, written to a temp folder
    python -m benchmarks.bench --render-only     # bench.md again from bench.json

Writes ``benchmarks/results/bench.json`` and ``benchmarks/results/bench.md``: the numbers,
the targets of issue #9, and the machine they were measured on (CPU, cores, memory, OS,
Python and library versions, date, load average). A section that is not run keeps its
previous results, with its own date and load averages. These are benchmarks, not tests:
a missed target is recorded, never an error.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from benchmarks import BENCH_DIR, load_average, now

RESULTS_DIR = BENCH_DIR / "results"
SECTIONS = ("build", "pages", "compute", "optimizers")
SCHEMA_VERSION = 1
TITLES = {
    "build": "Build",
    "pages": "Pages (Lighthouse)",
    "compute": "Compute",
    "optimizers": "Optimizers (chapter 12)",
}


class Section(Protocol):
    def run(self, *, quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
        """Measure and return the section's JSON."""
        ...

    def render(self, result: dict[str, Any]) -> list[str]:
        """The section's Markdown lines."""
        ...


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (Linux), else what platform reports."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def memory_gib() -> float | None:
    """Total memory in GiB (/proc/meminfo), or None."""
    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def os_name() -> str:
    """The distribution's name (/etc/os-release) and the kernel."""
    pretty = ""
    try:
        with open("/etc/os-release", encoding="utf-8") as release:
            for line in release:
                if line.startswith("PRETTY_NAME="):
                    pretty = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    kernel = f"{platform.system()} {platform.release()}"
    return f"{pretty}, {kernel}" if pretty else kernel


def version(distribution: str) -> str | None:
    """An installed distribution's version, or None."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    usable: int | None
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu_model": cpu_model(),
        "logical_cpus": os.cpu_count(),
        "usable_cpus": usable,
        "memory_gib": memory_gib(),
        "os": os_name(),
        "architecture": platform.machine(),
        "python": platform.python_version(),
        "versions": {
            name: version(name)
            for name in (
                "numpy",
                "torch",
                "scikit-learn",
                "matplotlib",
                "mkdocs",
                "mkdocs-material",
                "mkdocs-jupyter",
                "mkdocs-static-i18n",
            )
        },
    }


def load_previous(path: Path) -> dict[str, Any]:
    """The previous results (for the sections not run now), or an empty document."""
    try:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return document if document.get("schema_version") == SCHEMA_VERSION else {}


def run_section(name: str, *, quick: bool, log: Callable[[str], None]) -> dict[str, Any]:
    """Run one section, wrapped with its time, duration and load averages."""
    module: Section = importlib.import_module(f"benchmarks.{name}")
    started, load_before = now(), load_average()
    start = time.perf_counter()
    log(f"== {name}: load average {load_before} ==")
    result = module.run(quick=quick, log=log)
    return {
        "started": started,
        "duration_seconds": round(time.perf_counter() - start, 1),
        "quick": quick,
        "load_before": load_before,
        "load_after": load_average(),
        "result": result,
    }


def render(document: dict[str, Any]) -> str:
    """The Markdown table: machine first, then each section."""
    m = document["machine"]
    run = document["run"]
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)
    lines = [
        "# gdbook benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks.bench`); see `benchmarks/README.md` for",
        "what each number means. Benchmarks, not tests: a missed target is recorded here.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        f"| CPU | {m['cpu_model']}, {m['logical_cpus']} logical CPUs ({m['usable_cpus']} usable) |",
        f"| memory | {m['memory_gib']} GiB |",
        f"| OS | {m['os']} ({m['architecture']}) |",
        f"| Python | {m['python']} |",
        f"| libraries | {versions} |",
        f"| last run | {run['started']}, sections {', '.join(run['sections'])}, "
        f"load average at start {run['load_at_start']} (1, 5, 15 min) |",
        "",
        "Load average: the number of processes running or waiting for a CPU, averaged over",
        "1, 5 and 15 minutes. On this 2-core machine anything above 2 means the benchmark",
        "shared its cores with other work (these runs were made while other builds and test",
        "suites ran), so its wall times are longer and noisier than on an idle machine.",
    ]
    for name in SECTIONS:
        section = document["sections"].get(name)
        lines += ["", f"## {TITLES[name]}", ""]
        if section is None:
            lines.append("Not measured yet.")
            continue
        module: Section = importlib.import_module(f"benchmarks.{name}")
        lines += [
            f"Measured {section['started']} in {section['duration_seconds']:.0f} s"
            f"{' (quick run)' if section['quick'] else ''}; load average "
            f"{section['load_before']} before, {section['load_after']} after.",
            "",
            *module.render(section["result"]),
        ]
        notes = section["result"].get("notes") or []
        if notes:
            lines += ["", "Notes:", "", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run (small sizes); writes to a temp folder"
    )
    parser.add_argument("--out", type=Path, help="results folder (default benchmarks/results)")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="rewrite bench.md from bench.json without measuring anything",
    )
    args = parser.parse_args(argv)

    out: Path = args.out or (
        Path(tempfile.mkdtemp(prefix="gdbook-bench-")) if args.quick else RESULTS_DIR
    )
    out.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out / "bench.json", out / "bench.md"
    if args.render_only:
        existing = load_previous(json_path)
        if not existing:
            parser.error(f"no results to render in {json_path}")
        md_path.write_text(render(existing), encoding="utf-8")
        print(render(existing))
        return 0
    names = [name for name in SECTIONS if not args.only or name in args.only]

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    previous = load_previous(json_path)
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "machine": machine(),
        "run": {"started": now(), "sections": names, "load_at_start": load_average()},
        "sections": dict(previous.get("sections", {})),
    }
    measured: dict[str, Any] = {}
    for name in names:
        measured[name] = run_section(name, quick=args.quick, log=log)
        # Write after every section, so a long run keeps what it has measured; read the file
        # again first, so sections written meanwhile by another run are kept.
        sections = dict(load_previous(json_path).get("sections", {}))
        sections.update(measured)
        document["sections"] = sections
        json_path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        md_path.write_text(render(document), encoding="utf-8")
    print(render(document))
    log(f"wrote {json_path} and {md_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
