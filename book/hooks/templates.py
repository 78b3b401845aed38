"""Compile the theme's and mkdocstrings' Jinja templates once, not on every build.

Every build (and every rebuild under ``make serve``) made new Jinja environments, which
compiled the same ~160 templates again. A bytecode cache under ``$GDBOOK_CACHE_DIR/jinja``
keeps the compiled templates; Jinja checks each template's source modification time, so
an edited template is compiled again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

ROOT = Path(__file__).resolve().parents[2]


def _bytecode_cache() -> FileSystemBytecodeCache:
    folder = Path(os.environ.get("GDBOOK_CACHE_DIR", ROOT / ".cache")) / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


@event_priority(100)
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _bytecode_cache()
    return env


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    mkdocstrings: Any = config.plugins.get("mkdocstrings")
    if mkdocstrings is None:
        return
    handler = mkdocstrings.handlers.get_handler("python")
    handler.env.bytecode_cache = _bytecode_cache()
