"""Run the pages' ``exec="on"`` code blocks at build time, once per change (book/pagecode.py).

Before the first page is rendered, every page whose code (or gdbook) changed since the last
build runs in its own process, in parallel; a page and its translation run the same code
and share one run. Each page then shows each block's source and, under it, its output.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[2]
# MkDocs restores sys.path after loading a hook, so the repository root is added again
# in on_config, before any build event imports book.* or gdbook.
sys.path.append(str(ROOT))

from book import pagecode  # noqa: E402

log = get_plugin_logger("pagecode")
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # Both language builds call this; the second finds everything cached.
    try:
        _state["runs"] = pagecode.prepare_docs(Path(config.docs_dir), log=log.info)
    except pagecode.PageCodeError as error:
        raise PluginError(str(error)) from None


@event_priority(40)  # after the macros (50), before the Markdown conversion
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = pagecode.find_blocks(markdown)
    if not blocks:
        return markdown
    runs: pagecode.PageRuns = _state.get("runs") or pagecode.PageRuns(pagecode.cache_dir())
    try:
        outputs = runs.outputs(page.file.src_uri, blocks)
    except pagecode.PageCodeError as error:
        raise PluginError(str(error)) from None
    return pagecode.render(markdown, outputs, blocks)
