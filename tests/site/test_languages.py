"""Each language on its own in the built site, for readers and search engines: a 404 page per
language, page descriptions in the page's language, one search index per language, a sitemap
of every page with its date from git, and hreflang alternates with ``x-default``."""

from __future__ import annotations

import html
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from book.chapters import CHAPTERS
from tests.conftest import DOCS, ROOT, english_pages, korean_twin, page_url

PREFIX = {"en": "", "ko": "ko/"}
HANGUL = re.compile(r"[가-힣]")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
META_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
HEAD_ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
LINK = re.compile(r'<(?:a|link|script|img)\b[^>]*?\b(?:href|src)="([^"]*)"')


def head(text: str) -> str:
    return text[: text.index("</head>")]


def built_pages(site: Path) -> list[str]:
    """Every page of the site (its address relative to the root), from the files."""
    pages = []
    for path in site.rglob("index.html"):
        rel = path.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return sorted(pages)


@cache
def site_url(site: Path) -> str:
    """The site's public address, as the build wrote it into the home page's canonical link."""
    text = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link rel="canonical" href="([^"]+)">', text)
    assert found is not None, "the home page has no canonical link"
    return found.group(1)


def relative(site: Path, url: str) -> str:
    """An absolute address of the site as an address relative to the site root."""
    assert url.startswith(site_url(site)), f"{url} is not on {site_url(site)}"
    return url[len(site_url(site)) :]


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


def material_base(url: str, text: str) -> str:
    """The path Material's script takes as its base on the page at ``url`` (relative to the
    site root); it loads ``search/search_index.json`` from there."""
    found = CONFIG.search(text)
    assert found is not None, f"{url}: no __config"
    base = str(json.loads(found.group(1))["base"])
    return urlsplit(urljoin("http://h/" + url, base)).path


# --- 404 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_each_language_has_its_own_404_page(site: Path, lang: str) -> None:
    path = site / PREFIX[lang] / "404.html"
    text = path.read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in text
    heading = re.search(r"<h1>(.*?)</h1>", text)
    assert heading is not None and heading.group(1).startswith("404")
    assert bool(HANGUL.search(heading.group(1))) == (lang == "ko"), heading.group(1)
    assert not HEAD_ALTERNATE.search(head(text)), "a 404 page has no language alternates"
    assert 'rel="alternate" href=' not in head(text), "stale alternates of another page"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_404_pages_are_styled_and_their_links_work(site: Path, lang: str) -> None:
    """A 404 page is served at any address, so its links are absolute (from the site's path)."""
    text = (site / PREFIX[lang] / "404.html").read_text(encoding="utf-8")
    root = urlsplit(site_url(site)).path
    assert re.search(
        r'<link rel="stylesheet" href="[^"]*assets/stylesheets/main\.\w+\.min\.css"', text
    )
    links = [html.unescape(link) for link in LINK.findall(text)]
    local = [link for link in links if not urlsplit(link).scheme and not link.startswith("#")]
    assert len(local) > 20
    missing = []
    for link in local:
        assert link.startswith(root), f"relative link {link} breaks at other addresses"
        target = site / urlsplit(link).path[len(root) :]
        if not (target / "index.html" if target.is_dir() else target).is_file():
            missing.append(link)
    assert not missing, missing
    home = f'href="{root}{PREFIX[lang]}"'
    assert re.search(home + r">[^<]+</a>", text), "the message links the language's home page"
    switcher = dict(
        (code, href)
        for href, code in re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select', text)
    )
    assert switcher == {"en": root, "ko": root + "ko/"}
    assert material_base("no/such/page/", text) == root + PREFIX[lang]


# --- descriptions -----------------------------------------------------------------------------


def site_descriptions() -> dict[str, str]:
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    korean = next(lang for lang in plugin["languages"] if lang["locale"] == "ko")
    return {"en": config["site_description"], "ko": korean["site_description"]}


def front_matter_description(page: Path) -> str | None:
    _, meta = get_data(page.read_text(encoding="utf-8"))
    return meta.get("description")


def source_url(page: Path, lang: str) -> str:
    return PREFIX[lang] + page_url(page)


@pytest.mark.parametrize("page", english_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_page_has_a_summary_in_both_languages(page: Path) -> None:
    english, korean = front_matter_description(page), front_matter_description(korean_twin(page))
    assert english and korean, "description: front matter in both languages"
    assert not HANGUL.search(english) and HANGUL.search(korean)
    assert 50 <= len(english) <= 180 and 30 <= len(korean) <= 120  # what search results show


@pytest.mark.parametrize("page", english_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_descriptions_are_the_pages_own(site: Path, page: Path, lang: str) -> None:
    source = page if lang == "en" else korean_twin(page)
    expected = front_matter_description(source) or site_descriptions()[lang]
    text = page_file(site, source_url(page, lang)).read_text(encoding="utf-8")
    assert [html.unescape(d) for d in META_DESCRIPTION.findall(head(text))] == [expected]


def test_every_page_has_a_description_in_its_language(site: Path) -> None:
    wrong = {}
    for url in built_pages(site):
        lang = "ko" if url.startswith("ko/") else "en"
        text = page_file(site, url).read_text(encoding="utf-8")
        descriptions = META_DESCRIPTION.findall(head(text))
        if len(descriptions) != 1 or bool(HANGUL.search(descriptions[0])) != (lang == "ko"):
            wrong[url] = descriptions
    assert not wrong, wrong


# --- search -----------------------------------------------------------------------------------


def search_index(site: Path, lang: str) -> dict[str, object]:
    path = site / PREFIX[lang] / "search" / "search_index.json"
    index: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return index


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_each_language_searches_only_its_own_pages(site: Path, lang: str) -> None:
    index = search_index(site, lang)
    docs = index["docs"]
    assert isinstance(docs, list) and len(docs) > 50
    config = index["config"]
    assert isinstance(config, dict) and "ko" in config["lang"]  # lunr.ko tokenizes Hangul
    pages = {str(doc["location"]).split("#")[0] for doc in docs}
    for url in pages:  # relative to the language's root
        assert page_file(site, PREFIX[lang] + url).is_file(), url
        assert not url.startswith("ko/")
    korean = [doc for doc in docs if HANGUL.search(str(doc["title"]))]
    if lang == "en":
        assert not korean, [doc["title"] for doc in korean][:5]
    else:
        assert len(korean) > len(docs) // 2
    chapters = {source_url(p, "en") for p in english_pages()} - {"reference/api/"}
    assert chapters <= pages, chapters - pages


def test_the_korean_index_holds_the_glossary_terms(site: Path) -> None:
    docs = search_index(site, "ko")["docs"]
    assert isinstance(docs, list)
    assert any("확률적 경사 하강법" in str(doc["text"]) + str(doc["title"]) for doc in docs)
    assert not any(str(doc["location"]).startswith("ko/") for doc in docs)


@pytest.mark.parametrize("url", ["", "gd/gd-1d/", "notebooks/ch03/", "reference/api/"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_pages_load_the_search_index_of_their_language(site: Path, url: str, lang: str) -> None:
    text = page_file(site, PREFIX[lang] + url).read_text(encoding="utf-8")
    assert material_base(PREFIX[lang] + url, text) == "/" + PREFIX[lang]


# --- hreflang and the sitemap -----------------------------------------------------------------


def expected_alternates(url: str) -> dict[str, str]:
    stem = url.removeprefix("ko/")
    return {"en": stem, "ko": "ko/" + stem, "x-default": stem}


def test_every_page_head_names_its_alternates(site: Path) -> None:
    wrong = {}
    for url in built_pages(site):
        text = head(page_file(site, url).read_text(encoding="utf-8"))
        found = {code: relative(site, href) for code, href in HEAD_ALTERNATE.findall(text)}
        if found != expected_alternates(url) or len(HEAD_ALTERNATE.findall(text)) != 3:
            wrong[url] = found
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', text)
        assert canonical is not None and relative(site, canonical.group(1)) == url
    assert not wrong, list(wrong.items())[:5]


@cache
def sitemap(site: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """The sitemap by page: (lastmod, alternates), addresses relative to the site root."""
    tree = ET.parse(site / "sitemap.xml")
    entries = {}
    for url in tree.getroot().iter(SITEMAP + "url"):
        loc = relative(site, url.findtext(SITEMAP + "loc") or "")
        assert loc not in entries, f"{loc} listed twice"
        links = {
            str(link.get("hreflang")): relative(site, str(link.get("href")))
            for link in url.iter(XHTML + "link")
            if link.get("rel") == "alternate"
        }
        entries[loc] = (url.findtext(SITEMAP + "lastmod") or "", links)
    return entries


def test_the_sitemap_lists_every_page_with_its_alternates(site: Path) -> None:
    entries = sitemap(site)
    assert sorted(entries) == built_pages(site)
    notebooks = [url for url in entries if "notebooks/" in url]
    assert len(notebooks) == 2 * len(CHAPTERS)  # every chapter's notebook, in both languages
    for url, (_, links) in entries.items():
        assert links == expected_alternates(url), url
        assert all(target in entries for target in links.values())


def test_the_sitemap_gz_is_the_sitemap(site: Path) -> None:
    import gzip

    packed = gzip.decompress((site / "sitemap.xml.gz").read_bytes())
    assert packed == (site / "sitemap.xml").read_bytes()


def git(*args: str) -> str:
    run = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if run.returncode != 0:
        pytest.skip(f"not a git checkout: {run.stderr.strip()}")
    return run.stdout.strip()


def commit_time(*paths: str) -> datetime:
    return datetime.fromtimestamp(int(git("log", "-1", "--format=%ct", "--", *paths)), UTC)


def test_sitemap_dates_come_from_git(site: Path) -> None:
    """A page's date is the last commit touching its sources: its Markdown file and, for a
    chapter and its notebook, the chapter's folder, for a module's page of the API reference,
    the module; never newer than the checkout."""
    from book.chapters import CHAPTERS

    git("rev-parse", "HEAD")
    head_time = commit_time()
    sources: dict[str, list[str]] = {}
    for page in english_pages():
        for lang in ("en", "ko"):
            sources[source_url(page, lang)] = [
                (page if lang == "en" else korean_twin(page)).relative_to(ROOT).as_posix()
            ]
            if page.parent == DOCS / "reference" / "api" and page.stem != "index":
                sources[source_url(page, lang)].append(f"gdbook/{page.stem}.py")  # its docstrings
    for chapter in CHAPTERS:
        folder = f"book/chapters/{chapter.name}"
        for lang in ("en", "ko"):
            markdown = f"docs/{chapter.page_file(lang)}"
            sources[f"{PREFIX[lang]}{chapter.page}/"] = [markdown, folder]
            sources[f"{PREFIX[lang]}notebooks/{chapter.name}/"] = [markdown, folder]
    for url, (lastmod, _) in sitemap(site).items():
        date = datetime.fromisoformat(lastmod)
        assert date.tzinfo is not None and date <= head_time, (url, lastmod)
        if len(sources[url]) == 2:
            assert date == commit_time(*sources[url]), (url, lastmod, sources[url])
        else:  # the glossary and the API reference also depend on code
            assert date >= commit_time(*sources[url]), (url, lastmod, sources[url])


def test_material_does_not_fetch_sitemaps_next_to_pages(site: Path) -> None:
    """Material fetches sitemap.xml next to every <link rel=alternate>; with per-page
    alternates that is a 404 per link, so the build makes its script skip hreflang links."""
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    script = bundle.read_text(encoding="utf-8")
    assert '("link[rel=alternate]:not([hreflang])")' in script
    assert '("link[rel=alternate]")' not in script


def test_outside_git_the_dates_are_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from book.languages import last_modified

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert last_modified(["docs/index.md"], root=tmp_path) == "2023-11-14T22:13:20+00:00"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert last_modified(["docs/index.md"], root=tmp_path) is None
