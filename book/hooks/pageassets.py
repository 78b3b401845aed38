"""After the build, each page gets the book's small stylesheets inline and only the scripts
it uses (book/pageassets.py), and each notebook page only the CSS it can use
(book/notebookpage.py). Runs last, after the formulas are typeset and their stylesheet is
written."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT))  # as in book/hooks/math.py

from book import notebookpage, pageassets, paletteswitch  # noqa: E402

log = get_plugin_logger(__name__)


@event_priority(-500)  # after book/hooks/math.py (-400) wrote assets/math/math.css
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    sheets = {}
    for path in pageassets.INLINED:
        file = site / path
        if not file.is_file():
            raise PluginError(f"book/hooks/pageassets.py: {path} was not built; it is inlined")
        sheets[path] = file.read_text(encoding="utf-8")
    stylesheets = [path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.css"))]
    pruned = 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if notebookpage.MARK in text:
            path.write_text(notebookpage.prune_marked(text, stylesheets), encoding="utf-8")
            pruned += 1
    log.info(f"notebook pages: stylesheets of {pruned} pruned")
    pageassets.rewrite_site(site, sheets)
    _narrow_palette_switch(site)


def _narrow_palette_switch(site: Path) -> None:
    """Narrow Material's palette-switch rule to the elements that have transitions."""
    palettes = sorted(site.glob("assets/stylesheets/palette.*.min.css"))
    if len(palettes) != 1:
        names = [p.name for p in palettes]
        raise PluginError(
            f"book/hooks/pageassets.py: expected one Material palette stylesheet under "
            f"assets/stylesheets, found {names}"
        )
    palette = palettes[0]
    text = palette.read_text(encoding="utf-8")
    if paletteswitch.UNIVERSAL not in text:
        log.info(f"palette switch: {palette.name} already narrowed")  # i18n's second pass
        return
    sources = [p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.css")) if p != palette]
    sources += [text]
    for page in sorted(site.rglob("*.html")):
        sources += pageassets.STYLE.findall(page.read_text(encoding="utf-8"))
    targets = paletteswitch.transition_targets(sources)
    try:
        narrowed = paletteswitch.narrow(text, targets)
    except ValueError as error:
        raise PluginError(f"book/hooks/pageassets.py: {error}") from error
    palette.write_text(narrowed, encoding="utf-8")
    log.info(f"palette switch: {len(targets)} selectors with transitions instead of *")
