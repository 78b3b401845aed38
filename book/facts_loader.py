"""Compute every fact the pages quote, once per change of the code behind them.

A fact is a number that a chapter's prose quotes, computed by ``book/facts/chNN.py`` with
gdbook. Pages write ``{{ chNN.key }}``; the macro hook replaces it with the value computed
here, so no hand-typed number can drift from the code.

Facts are computed in a subprocess (so an edited gdbook module is re-imported under
``make serve``) and cached by the content of everything they can depend on.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTS_DIR = ROOT / "book" / "facts"


def cache_dir() -> Path:
    """Return the folder of build caches (``GDBOOK_CACHE_DIR`` or ``.cache``)."""
    return Path(os.environ.get("GDBOOK_CACHE_DIR", ROOT / ".cache"))


def chapter_modules() -> list[str]:
    """Return the names of the chapter fact modules, e.g. ``["ch01", "ch02"]``."""
    return sorted(p.stem for p in FACTS_DIR.glob("ch[0-9][0-9].py"))


def _sources() -> list[Path]:
    files = [*FACTS_DIR.glob("*.py"), *(ROOT / "gdbook").rglob("*.py")]
    files += (ROOT / "book" / "code").rglob("*.py")  # facts may share page code
    files += (ROOT / "benchmarks" / "results").glob("*.json")
    return sorted(p for p in files if "figures" not in p.relative_to(ROOT).parts)


def content_key() -> str:
    """Hash every source a fact can depend on."""
    digest = hashlib.sha256()
    for path in _sources():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def compute_facts() -> dict[str, dict[str, str]]:
    """Import each ``book.facts.chNN`` module and call its ``facts()``."""
    result: dict[str, dict[str, str]] = {}
    for name in chapter_modules():
        module = importlib.import_module(f"book.facts.{name}")
        values = module.facts()
        for key, value in values.items():
            if not isinstance(value, str):
                raise TypeError(
                    f"book/facts/{name}.py: fact {key!r} must be a str formatted as the "
                    f"prose shows it; got {type(value).__name__} {value!r}."
                )
        result[name] = dict(values)
    return result


def load_facts() -> dict[str, dict[str, str]]:
    """Return all facts, from the cache when no source changed."""
    path = cache_dir() / "facts" / f"{content_key()}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    run = subprocess.run(
        [sys.executable, "-m", "book.facts_loader"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise RuntimeError(f"Computing the book's facts failed:\n{run.stderr}")
    facts: dict[str, dict[str, str]] = json.loads(run.stdout)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(facts, indent=1, ensure_ascii=False), encoding="utf-8")
    return facts


if __name__ == "__main__":
    json.dump(compute_facts(), sys.stdout, ensure_ascii=False)
