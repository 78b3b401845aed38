"""The built site, read as files: both languages, no foreign requests, notebooks rendered."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import DOCS, english_pages

FOREIGN = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//(?!127\.0\.0\.1|localhost)""", re.I)
CHAPTERS = [
    "gd/derivatives",
    "gd/gd-1d",
    "gd/gd-nd",
    "gd/linear-regression",
    "sgd/sgd",
    "sgd/minibatch",
    "sgd/schedules",
    "sgd/frameworks",
]


def page_urls() -> list[str]:
    urls = []
    for page in english_pages():
        rel = page.relative_to(DOCS).with_suffix("")
        urls.append("" if rel.name == "index" else f"{rel.as_posix()}/")
    return urls


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("url", page_urls())
@pytest.mark.parametrize("lang", ["", "ko/"])
def test_every_page_is_built_in_both_languages(site: Path, url: str, lang: str) -> None:
    html = (site / lang / url / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang.strip("/") or "en"}"' in html


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    offenders = {}
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        # Links the reader clicks (<a href>) may leave the site; loads may not.
        loads = [m for m in FOREIGN.finditer(text) if not _is_anchor(text, m.start())]
        if loads:
            offenders[str(path.relative_to(site))] = text[loads[0].start() : loads[0].start() + 90]
    assert not offenders, offenders


def _is_anchor(text: str, position: int) -> bool:
    tag_start = text.rfind("<", 0, position)
    return text[tag_start : tag_start + 3].lower() == "<a "


def test_no_google_fonts(site: Path) -> None:
    for path in html_files(site):
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8"), path


def test_mathjax_is_served_from_the_site(site: Path) -> None:
    assert (site / "assets" / "mathjax" / "tex-chtml.js").stat().st_size > 500_000
    fonts = list((site / "assets" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("*"))
    assert len(fonts) > 10


@pytest.mark.parametrize("chapter", range(1, 9))
@pytest.mark.parametrize("lang", ["", "ko/"])
def test_notebook_pages_hold_rendered_output(site: Path, chapter: int, lang: str) -> None:
    html = (site / lang / "notebooks" / f"ch{chapter:02d}" / "index.html").read_text("utf-8")
    article = html.split('<article class="md-content__inner', 1)[1]
    assert not article.lstrip()[article.find(">") + 1 :].lstrip().startswith('{"cells"')
    assert '"cells":' not in article[:2000]
    assert "jp-OutputArea" in article, "no executed output cells"
    assert "jp-CodeCell" in article
    notebook = json.loads((site / lang / "notebooks" / f"ch{chapter:02d}.ipynb").read_text())
    assert notebook["cells"], "the downloadable notebook is empty"


@pytest.mark.parametrize("chapter", CHAPTERS)
@pytest.mark.parametrize("lang", ["", "ko/"])
def test_chapters_link_to_their_notebook(site: Path, chapter: str, lang: str) -> None:
    html = (site / lang / chapter / "index.html").read_text(encoding="utf-8")
    assert 'class="gd-notebook-links"' in html
    assert re.search(r'href="[^"]*notebooks/ch\d\d\.ipynb" download=', html)


def test_search_index_covers_korean(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "ko" in index["config"]["lang"]
    korean = [doc for doc in index["docs"] if doc["location"].startswith("ko/")]
    assert any(
        "확률적 경사 하강법" in doc["text"] or "확률적 경사 하강법" in doc["title"]
        for doc in korean
    )


def test_api_reference_documents_the_drivers(site: Path) -> None:
    html = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("gradient_descent", "minibatch_sgd", "Trajectory", "LeastSquares"):
        assert f'id="gdbook.optimizers.{name}"' in html or f'id="gdbook.objectives.{name}"' in html
