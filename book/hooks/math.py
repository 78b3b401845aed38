"""Typeset every formula at build time as MathML with Temml (book/math.py).

The pages carry MathML, one stylesheet (``assets/math/math.css``, linked by ``extra_css``)
and one math font subset to the site's formulas (``assets/math/stix-two-math.woff2``,
preloaded by the pages that have formulas): no script typesets anything, no CDN. Runs after every page of both languages is written (the i18n
plugin builds the Korean pages inside the English build's ``on_post_build``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

ROOT = Path(__file__).resolve().parents[2]
# MkDocs restores sys.path after loading a hook, so the repository root is added again
# in on_config, before any build event imports book.* or gdbook.
sys.path.append(str(ROOT))

from book import math  # noqa: E402

log = get_plugin_logger("math")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    return config


@event_priority(-400)  # after every hook and plugin that writes pages
def on_post_build(config: MkDocsConfig) -> None:
    try:
        math.typeset_site(Path(config.site_dir), log=log.info)
    except math.MathError as error:
        raise PluginError(str(error)) from None
