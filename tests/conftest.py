"""Shared fixtures: the repository root, the pages, and the built site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = ROOT / "site"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def english_pages() -> list[Path]:
    """Every English page source (``docs/**/*.md`` without a language suffix)."""
    return sorted(
        p
        for p in DOCS.rglob("*.md")
        if not p.name.endswith(".ko.md") and "notebooks" not in p.parts
    )


def korean_twin(page: Path) -> Path:
    return page.with_name(page.name[: -len(".md")] + ".ko.md")


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site; built here if `make test` did not build it first."""
    if not (SITE / "index.html").is_file() or not (SITE / "ko" / "index.html").is_file():
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=ROOT, check=True, env=env
        )
    return SITE
