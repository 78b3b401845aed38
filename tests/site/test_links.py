"""A crawler over site/: every internal link, image and anchor resolves."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ORIGIN = "http://127.0.0.1/"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        for attribute in ("href", "src"):
            link = values.get(attribute)
            if link and tag in {"a", "img", "script", "link", "source", "iframe"}:
                self.links.append(link)


@cache
def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def target_file(site: Path, url: str) -> Path:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if url.split("#")[0].endswith("/") or path.is_dir() else path


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        base = ORIGIN + page.relative_to(site).as_posix()
        for link in parse(page).links:
            absolute = urljoin(base, link)
            if not absolute.startswith(ORIGIN):
                continue  # links that leave the site (references) are not crawled
            target = target_file(site, absolute[len(ORIGIN) - 1 :])
            where = f"{page.relative_to(site)} -> {link}"
            if not target.is_file():
                broken.append(f"{where} (no {target.relative_to(site)})")
                continue
            fragment = unquote(urlsplit(absolute).fragment)
            if (
                fragment
                and target.suffix == ".html"
                and fragment not in parse(target).ids
                and fragment not in {"only-light", "only-dark", "__codelineno-0-1"}
            ):
                broken.append(f"{where} (no anchor #{fragment})")
    return broken


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = broken_links(site)
    assert not broken, "\n".join(broken[:40])


def test_the_crawler_sees_a_broken_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#missing">x</a><a href="a/">y</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="present">z</h2>')
    assert broken_links(tmp_path) == ["index.html -> a/#missing (no anchor #missing)"]
