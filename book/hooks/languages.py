"""Each language on its own (book/languages.py does the work): per-page hreflang tags with
``x-default``, one search index per language, a 404 page per language, and a sitemap of
every page with its date from git.

mkdocs-static-i18n builds English first; its ``on_post_build`` (priority -100) then builds
Korean into the same ``site/`` and writes one search index for both. This hook records each
page and each language's 404 page as they are built, and at the end of the outer build
(after the plugin's) writes the per-language files.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from book import languages
from book.hooks import html as html_fixes

#: Pages built so far, by address: (address, its sources); reset with each outer build.
PAGES: dict[str, list[str]] = {}
#: The 404 page of each language, as rendered by that language's build.
NOT_FOUND: dict[str, str] = {}


def _i18n(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("book/hooks/languages.py needs the i18n plugin")
    return plugin


def _language(config: MkDocsConfig) -> str:
    return str(_i18n(config).current_language or languages.DEFAULT)


def _outer_build(config: MkDocsConfig) -> bool:
    """Whether this is the first language's build (the plugin builds the others inside it)."""
    return not _i18n(config).building


def on_pre_build(config: MkDocsConfig) -> None:
    if _outer_build(config):
        PAGES.clear()
        NOT_FOUND.clear()


@event_priority(-250)  # after the i18n plugin and the theme wrote the page; before html.py
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    url = page.url
    PAGES[url] = languages.page_sources(page.file.src_uri)
    output = languages.with_hreflang_links(output, config.site_url or "/", url)
    return languages.search_base(output, languages.language_of(url))


def on_post_template(
    output_content: str, template_name: str, config: MkDocsConfig, **kwargs: Any
) -> str:
    if template_name == "404.html":
        lang = _language(config)
        base = languages.site_path(config.site_url or "/")
        page = languages.language_404(output_content, lang, base)
        NOT_FOUND[lang] = html_fixes.name_search_dialog(page)
        return NOT_FOUND[lang]
    return output_content


@event_priority(-200)  # after the i18n plugin built the other languages and the search index
def on_post_build(config: MkDocsConfig) -> None:
    if not _outer_build(config):
        return
    site = Path(config.site_dir)
    site_url = config.site_url or "/"
    for lang, html in NOT_FOUND.items():
        (site / languages.PREFIX[lang] / "404.html").write_text(html, encoding="utf-8")
    _split_search_index(site)
    _write_sitemap(site, site_url)
    for bundle in sorted((site / "assets" / "javascripts").glob("bundle.*.min.js")):
        script = bundle.read_text(encoding="utf-8")
        try:
            patched = languages.patch_material_bundle(script)
        except ValueError as error:
            raise PluginError(str(error)) from error
        if patched != script:
            bundle.write_text(patched, encoding="utf-8")


def _split_search_index(site: Path) -> None:
    shared = site / "search" / "search_index.json"
    if not shared.is_file():
        return
    parts = languages.split_search_index(json.loads(shared.read_text(encoding="utf-8")))
    for lang, index in parts.items():
        target = site / languages.PREFIX[lang] / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(languages.dump_search_index(index), encoding="utf-8")


def _write_sitemap(site: Path, site_url: str) -> None:
    order = {lang: n for n, lang in enumerate(languages.LANGUAGES)}
    urls = sorted(PAGES, key=lambda url: (order[languages.language_of(url)], url))
    entries = [languages.SitemapEntry(url, languages.last_modified(PAGES[url])) for url in urls]
    xml = languages.sitemap_xml(site_url, entries)
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    # mtime 0 in the gzip header: the same sitemap gives the same bytes.
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
