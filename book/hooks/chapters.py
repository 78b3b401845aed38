"""Run each chapter's work once per build, before any page is rendered, and ship its files.

Before the English build (the Korean one, made inside it, reuses the result):
:func:`book.buildstate.prepare` computes or reads from the cache every chapter's facts,
figures and explorer data and every page's code output, and writes the notebooks. After
each build, the figures and the explorers' data are written into the site.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

ROOT = Path(__file__).resolve().parents[2]
# MkDocs restores sys.path after loading a hook, so the repository root is added again
# in on_config, before any build event imports book.* or gdbook.
sys.path.append(str(ROOT))

from book import build, buildstate, pagecode, syntax  # noqa: E402
from book.figurehtml import FIGURES_URL_DIR  # noqa: E402

log = get_plugin_logger("book")
EXPLORERS_URL_DIR = "explorers"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    return config


@event_priority(50)  # before the notebooks hook wraps the notebooks this writes
def on_pre_build(config: MkDocsConfig) -> None:
    if config.theme.get("language", "en") != "en":
        buildstate.current()  # prepared by the English build this one runs inside
        return
    try:
        buildstate.prepare(Path(config.docs_dir), log=log.info)
    except (build.BuildError, pagecode.PageCodeError, syntax.SyntaxProblem) as error:
        raise PluginError(str(error)) from None


def _write_changed(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = folder / name
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)


@event_priority(-250)
def on_post_build(config: MkDocsConfig) -> None:
    """Write the figures (SVG for the pages) and the explorers' data at the site root."""
    artefacts = buildstate.current().artefacts
    site = Path(config.site_dir)
    svgs = {n: d for n, d in artefacts.figure_files.items() if n.endswith(".svg")}
    _write_changed(site / FIGURES_URL_DIR, svgs)
    _write_changed(site / EXPLORERS_URL_DIR, artefacts.explorer_files)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when gdbook or a chapter's code changes, not only when docs/ changes."""
    for folder in ("gdbook", "book"):
        server.watch(str(ROOT / folder))
    return server
