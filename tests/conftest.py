"""Shared fixtures: the repository root, the pages, and the built site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def page_url(page: Path) -> str:
    """The address of a page source relative to its language's root: ``docs/gd/gd-1d.md`` is
    ``gd/gd-1d/``, a folder's ``index.md`` is the folder (``""`` for the home page)."""
    rel = page.relative_to(DOCS).with_suffix("")
    folder = rel.parent if rel.name == "index" else rel
    return "" if folder == Path(".") else f"{folder.as_posix()}/"


def korean_twin(page: Path) -> Path:
    return page.with_name(page.name[: -len(".md")] + ".ko.md")


def message_pattern(parameter: str, function: str, expected: str, got: str) -> str:
    """The regular expression of gdbook's one error message, for ``pytest.raises(match=...)``:
    ``The 'eta0' parameter of f must be <expected>... Got <got>... instead.`` (``expected``
    is itself a pattern; the other parts are literal text)."""
    import re

    return (
        rf"^The '{re.escape(parameter)}' parameter of {re.escape(function)} must be {expected}"
        rf".*\. Got {re.escape(got)}.* instead\.$"
    )


def page_run(page: str) -> tuple[dict[str, Any], dict[str, str]]:
    """Run a page's executed blocks in page order in one namespace, as the build does.

    Returns that namespace and what each block printed, by the stem of the file it includes
    (``{"gd_loop": "..."}``), for ``page`` given relative to ``docs/``.
    """
    import contextlib
    import io

    from book import syntax

    namespace: dict[str, Any] = {"__name__": "__main__"}
    outputs = {}
    for block in syntax.find_blocks((DOCS / page).read_text(encoding="utf-8")):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(block.code, block.files[0], "exec"), namespace)
        outputs[Path(block.files[0]).stem] = buffer.getvalue()
    return namespace, outputs


def page_outputs(page: str) -> dict[str, str]:
    """What each of a page's executed blocks printed (:func:`page_run`), by file stem."""
    return page_run(page)[1]


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site; built here if `make test` did not build it first."""
    if not (SITE / "index.html").is_file() or not (SITE / "ko" / "index.html").is_file():
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=ROOT, check=True, env=env
        )
    return SITE
