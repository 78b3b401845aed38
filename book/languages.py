"""Each language on its own for readers and search engines: the pieces of the built site
that mkdocs-static-i18n and Material share between the languages, made per language.

The English site is at the root (``gd/gd-1d/``), the Korean one under ``ko/``
(``ko/gd/gd-1d/``); every page exists in both (tests/site/test_built_site.py), so a page's
alternates follow from its address alone. English is the ``x-default``.

* :func:`alternates` and :func:`hreflang_links`: the ``<link rel="alternate" hreflang>``
  tags of a page's ``<head>`` (absolute addresses, as search engines require).
* :func:`sitemap_xml`: every page with its ``lastmod`` and its alternates.
* :func:`last_modified`: a page's date, from the last commit touching its sources
  (:func:`page_sources`), or ``SOURCE_DATE_EPOCH`` outside a git checkout.
* :func:`split_search_index`: one search index per language.
* :func:`language_404`: the not-found page of each language.
* :func:`patch_material_bundle`: Material's script must not read the per-page alternates
  as language roots.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "ko")
DEFAULT = "en"
PREFIX = {"en": "", "ko": "ko/"}

#: Sources of pages generated from more than their Markdown file (besides the chapters).
EXTRA_SOURCES = {
    "glossary": ("book/glossary.py",),
    "reference/api/index": ("gdbook",),  # its examples run the whole package
}


def language_of(url: str) -> str:
    """The language of a page from its address relative to the site root.

    Examples
    --------
    >>> language_of("ko/gd/gd-1d/"), language_of("gd/gd-1d/"), language_of("")
    ('ko', 'en', 'en')
    """
    return "ko" if url == "ko/" or url.startswith("ko/") else DEFAULT


def alternates(url: str) -> dict[str, str]:
    """The page's address in each language, and ``x-default`` (English).

    Examples
    --------
    >>> alternates("ko/gd/gd-1d/")
    {'en': 'gd/gd-1d/', 'ko': 'ko/gd/gd-1d/', 'x-default': 'gd/gd-1d/'}
    >>> alternates("")
    {'en': '', 'ko': 'ko/', 'x-default': ''}
    """
    lang = language_of(url)
    stem = url[len(PREFIX[lang]) :]
    links = {code: PREFIX[code] + stem for code in LANGUAGES}
    links["x-default"] = links[DEFAULT]
    return links


def absolute(site_url: str, url: str) -> str:
    """``url`` (relative to the site root) on the site's public address.

    Examples
    --------
    >>> absolute("https://example.org/gdbook", "ko/")
    'https://example.org/gdbook/ko/'
    """
    return site_url.rstrip("/") + "/" + url


def hreflang_links(site_url: str, url: str, indent: str = "    ") -> str:
    """The ``<link rel="alternate" hreflang>`` tags of a page's ``<head>``.

    Examples
    --------
    >>> print(hreflang_links("https://e.org/", "gd/gd-1d/", indent=""))
    <link rel="alternate" hreflang="en" href="https://e.org/gd/gd-1d/">
    <link rel="alternate" hreflang="ko" href="https://e.org/ko/gd/gd-1d/">
    <link rel="alternate" hreflang="x-default" href="https://e.org/gd/gd-1d/">
    """
    return "\n".join(
        f'{indent}<link rel="alternate" hreflang="{code}" href={quoteattr(absolute(site_url, link))}>'
        for code, link in alternates(url).items()
    )


# --- the per-page hreflang tags in <head> ------------------------------------------------------

I18N_HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">\n')


def with_hreflang_links(html: str, site_url: str, url: str) -> str:
    """Replace the plugin's relative per-page alternates of ``<head>`` by absolute ones.

    mkdocs-static-i18n writes relative addresses (``../../ko/gd/gd-1d/``) and no
    ``x-default``; the tags go after the canonical link (or at the end of ``<head>``).

    Examples
    --------
    >>> head = ('<head>\\n<link rel="canonical" href="https://e.org/">\\n'
    ...         '  <link rel="alternate" href="./" hreflang="en">\\n</head><body>')
    >>> print(with_hreflang_links(head, "https://e.org/", ""))
    <head>
    <link rel="canonical" href="https://e.org/">
        <link rel="alternate" hreflang="en" href="https://e.org/">
        <link rel="alternate" hreflang="ko" href="https://e.org/ko/">
        <link rel="alternate" hreflang="x-default" href="https://e.org/">
    </head><body>
    """
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    head = I18N_HREFLANG_LINK.sub("", html[:head_end])
    links = hreflang_links(site_url, url) + "\n"
    canonical = CANONICAL.search(head)
    if canonical is None:
        head += links
    else:
        head = head[: canonical.end()] + links + head[canonical.end() :]
    return head + html[head_end:]


# --- one search index per language ------------------------------------------------------------

CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": ")([^"]*)"')


def search_base(html: str, lang: str) -> str:
    """Point Material's ``__config`` base of a page at its language's root.

    Material's script loads ``search/search_index.json`` from that base and resolves the
    results' locations against it; the Korean pages then read ``ko/search/search_index.json``,
    which holds only Korean pages. (Nothing else this site uses reads that base; the
    palette's storage scope is ``__md_scope``, left as it is.)

    Examples
    --------
    >>> page = '<script id="__config" type="application/json">{"annotate": null, "base": "../.."'
    >>> search_base(page, "ko")[-19:]
    '"base": "../../ko/"'
    >>> search_base(page, "en") == page
    True
    """
    if lang == DEFAULT:
        return html

    def rebase(match: re.Match[str]) -> str:
        base = match.group(2) if match.group(2).endswith("/") else match.group(2) + "/"
        return f'{match.group(1)}{base}{PREFIX[lang]}"'

    return CONFIG_BASE.sub(rebase, html, count=1)


def split_search_index(index: dict[str, object]) -> dict[str, dict[str, object]]:
    """The shared search index as one index per language, locations relative to its root.

    Examples
    --------
    >>> shared = {"config": {"lang": ["en", "ko"]}, "docs": [
    ...     {"location": "gd/", "title": "GD"}, {"location": "ko/gd/#a", "title": "경사"}]}
    >>> parts = split_search_index(shared)
    >>> parts["en"]["docs"], parts["ko"]["docs"]
    ([{'location': 'gd/', 'title': 'GD'}], [{'location': 'gd/#a', 'title': '경사'}])
    >>> parts["ko"]["config"] == shared["config"]
    True
    """
    docs = index["docs"]
    assert isinstance(docs, list)
    parts: dict[str, dict[str, object]] = {}
    for lang in LANGUAGES:
        mine = []
        for doc in docs:
            location = str(doc["location"])
            if language_of(location.split("#")[0]) == lang:
                mine.append({**doc, "location": location[len(PREFIX[lang]) :]})
        parts[lang] = {**index, "docs": mine}
    return parts


def dump_search_index(index: dict[str, object]) -> str:
    """The index as Material's search plugin writes it (compact, UTF-8 kept)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


# --- the not-found pages ----------------------------------------------------------------------

NOT_FOUND = {
    "en": (
        "<h1>404 - Not found</h1>\n"
        "<p>There is no page at this address. Start again from the "
        '<a href="{home}">home page</a>, or search the book with the search box above.</p>'
    ),
    "ko": (
        "<h1>404 - 페이지를 찾을 수 없음</h1>\n"
        '<p>이 주소에는 페이지가 없다. <a href="{home}">홈</a>에서 다시 시작하거나, '
        "위의 검색 창에서 찾아볼 수 있다.</p>"
    ),
}
SELECT_LINK = re.compile(r'<a href="[^"]*" hreflang="(\w+)" class="md-select__link">')


def language_404(html: str, lang: str, base_path: str) -> str:
    """The not-found page of ``lang`` from the one Material renders for each language build.

    The page lives at the language's root (``404.html``, ``ko/404.html``) and, as MkDocs
    writes it, uses absolute links (``base_path`` is the path of ``site_url``). The i18n
    plugin leaves the alternates of the last page built in it: they are removed, and the
    language selector points at the languages' home pages. Its message is translated and
    links home; its search reads the language's index.

    Examples
    --------
    >>> page = ('<head>\\n  <link rel="alternate" href="/notebooks/ch08/" hreflang="en">\\n'
    ...         '</head><a href="/ko/notebooks/ch08/" hreflang="ko" class="md-select__link">'
    ...         '<h1>404 - Not found</h1>')
    >>> print(language_404(page, "ko", "/"))
    <head>
    </head><a href="/ko/" hreflang="ko" class="md-select__link"><h1>404 - 페이지를 찾을 수 없음</h1>
    <p>이 주소에는 페이지가 없다. <a href="/ko/">홈</a>에서 다시 시작하거나, 위의 검색 창에서 찾아볼 수 있다.</p>
    """
    head_end = html.find("</head>")
    html = I18N_HREFLANG_LINK.sub("", html[:head_end]) + html[head_end:]
    base = base_path.rstrip("/") + "/"
    html = SELECT_LINK.sub(
        lambda m: (
            f'<a href="{base}{PREFIX.get(m.group(1), "")}" hreflang="{m.group(1)}"'
            ' class="md-select__link">'
        ),
        html,
    )
    html = html.replace(
        "<h1>404 - Not found</h1>", NOT_FOUND[lang].format(home=base + PREFIX[lang])
    )
    return search_base(html, lang)


def site_path(site_url: str) -> str:
    """The path of the site's address (``/`` or ``/gdbook/``).

    Examples
    --------
    >>> site_path("https://owner.github.io/gdbook"), site_path("http://127.0.0.1:8000/")
    ('/gdbook/', '/')
    """
    return urlsplit(site_url).path.rstrip("/") + "/"


# --- Material's language-root sitemaps --------------------------------------------------------

BUNDLE_SELECTOR = re.compile(r'(\w+)\("link\[rel=alternate\]"\)')
PATCHED_SELECTOR = '("link[rel=alternate]:not([hreflang])")'


def patch_material_bundle(script: str) -> str:
    """Keep Material's script from taking the per-page hreflang links for language roots.

    For every ``<link rel="alternate">`` of the page, Material fetches ``sitemap.xml`` next
    to its address (made for links to language roots, to keep the reader on the same page
    when switching). With per-page alternates that is ``gd/gd-1d/sitemap.xml``: two 404
    errors on every page. The language selector already links each page's counterpart, so
    the script is made to skip links with ``hreflang`` (the only alternates this site has).

    Raises
    ------
    ValueError
        If the script has not exactly one such lookup (Material changed: look again).

    Examples
    --------
    >>> patch_material_bundle('a;ui({e.pipe(b(()=>M("link[rel=alternate]")));')
    'a;ui({e.pipe(b(()=>M("link[rel=alternate]:not([hreflang])")));'
    >>> patch_material_bundle(_) == _
    True
    """
    if script.count(PATCHED_SELECTOR) == 1 and not BUNDLE_SELECTOR.search(script):
        return script
    found = BUNDLE_SELECTOR.findall(script)
    if len(found) != 1:
        raise ValueError(
            f"Material's bundle has {len(found)} lookups of link[rel=alternate], expected 1; "
            "see book/languages.py: patch_material_bundle"
        )
    return BUNDLE_SELECTOR.sub(lambda m: m.group(1) + PATCHED_SELECTOR, script)


# --- the sitemap ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SitemapEntry:
    """One page: its address relative to the site root and its last modification."""

    url: str
    lastmod: str | None


def sitemap_xml(site_url: str, entries: Iterable[SitemapEntry]) -> str:
    """The sitemap: every page, its ``lastmod`` and its hreflang alternates with ``x-default``.

    Examples
    --------
    >>> print(sitemap_xml("https://e.org/", [SitemapEntry("ko/", "2026-12-06")]))
    <?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
      <url>
        <loc>https://e.org/ko/</loc>
        <lastmod>2026-12-06</lastmod>
        <xhtml:link rel="alternate" hreflang="en" href="https://e.org/"/>
        <xhtml:link rel="alternate" hreflang="ko" href="https://e.org/ko/"/>
        <xhtml:link rel="alternate" hreflang="x-default" href="https://e.org/"/>
      </url>
    </urlset>
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in entries:
        lines += ["  <url>", f"    <loc>{escape(absolute(site_url, entry.url))}</loc>"]
        if entry.lastmod is not None:
            lines.append(f"    <lastmod>{entry.lastmod}</lastmod>")
        lines += [
            f'    <xhtml:link rel="alternate" hreflang="{code}"'
            f" href={quoteattr(absolute(site_url, link))}/>"
            for code, link in alternates(entry.url).items()
        ]
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def page_sources(src_uri: str) -> list[str]:
    """The files a page is made from, relative to the repository root.

    A chapter page is its Markdown file and its chapter's folder; a notebook page is made
    from its chapter's page (same language) and folder; the glossary is generated from
    ``book/glossary.py``, a page of the API reference from its module's docstrings, and the API
    reference's overview runs examples of the whole of ``gdbook/``.

    Examples
    --------
    >>> page_sources("gd/gd-1d.ko.md")
    ['docs/gd/gd-1d.ko.md', 'book/chapters/ch02']
    >>> page_sources("notebooks/ch05.ipynb")
    ['docs/sgd/sgd.md', 'book/chapters/ch05']
    >>> page_sources("glossary.ko.md")
    ['docs/glossary.ko.md', 'book/glossary.py']
    >>> page_sources("reference/api/schedules.ko.md")
    ['docs/reference/api/schedules.ko.md', 'gdbook/schedules.py']
    """
    from book import chapters

    stem = chapters.LANG_SUFFIX.sub("", src_uri)
    lang = "ko" if ".ko." in src_uri else DEFAULT
    notebook = re.fullmatch(r"notebooks/ch(\d\d)", stem)
    chapter = chapters.chapter(int(notebook.group(1))) if notebook else chapters.by_page(src_uri)
    if chapter is not None:
        return [f"docs/{chapter.page_file(lang)}", f"book/chapters/{chapter.name}"]
    module = re.fullmatch(r"reference/api/(\w+)", stem)
    if module and stem not in EXTRA_SOURCES:  # a module's page: its docstrings
        return [f"docs/{src_uri}", f"gdbook/{module.group(1)}.py"]
    return [f"docs/{src_uri}", *EXTRA_SOURCES.get(stem, ())]


@cache
def _in_git_checkout(root: Path) -> bool:
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git
        return False
    return run.returncode == 0 and run.stdout.strip() == "true"


def _fallback_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value else None


def last_modified(sources: Sequence[str], root: Path = ROOT) -> str | None:
    """The W3C date-time (UTC) of the last commit that touched any of ``sources``.

    Outside a git checkout, or for files no commit touched, it is ``SOURCE_DATE_EPOCH``
    (None if that is not set either). The same commit gives the same dates, so the sitemap
    is reproducible.

    Examples
    --------
    >>> date = last_modified(["docs/index.md"])
    >>> date is None or bool(re.fullmatch(r"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00", date))
    True
    """
    epoch: int | None = None
    if _in_git_checkout(root):
        run = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct", "--", *sources],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode == 0 and run.stdout.strip():
            epoch = int(run.stdout.strip())
    if epoch is None:
        epoch = _fallback_epoch()
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")
