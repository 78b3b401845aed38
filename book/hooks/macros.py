"""Expand the book's macros in page Markdown.

``{{ chNN.key }}``     a fact computed by ``book/facts/chNN.py``
``{{ figure("n") }}``  a registered figure (light and dark variants, alt text, caption)
``{{ explorer("n") }}`` an interactive explorer fed by data gdbook computed at build time
``{{ glossary_table() }}`` the glossary, from ``book/glossary.py``

An unknown fact, figure or explorer fails the build with the page and the name.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
# MkDocs restores sys.path after loading a hook, so the repository root is added again
# in on_config, before any build event imports book.* or gdbook.
sys.path.append(str(ROOT))

from book import facts_loader  # noqa: E402

FACT = re.compile(r"\{\{\s*(ch\d\d)\.(\w+)\s*\}\}")
FIGURE = re.compile(r"\{\{\s*figure\(\s*\"([\w.-]+)\"\s*\)\s*\}\}")
EXPLORER = re.compile(r"\{\{\s*explorer\(\s*\"([\w.-]+)\"\s*\)\s*\}\}")
GLOSSARY = re.compile(r"\{\{\s*glossary_table\(\s*\)\s*\}\}")
ANY_MACRO = re.compile(r"\{\{\s*[\w.]+(\(.*?\))?\s*\}\}")

log = get_plugin_logger("book")
_state: dict[str, Any] = {}

CHAPTERS = {
    "gd/derivatives.md": 1,
    "gd/gd-1d.md": 2,
    "gd/gd-nd.md": 3,
    "gd/linear-regression.md": 4,
    "sgd/sgd.md": 5,
    "sgd/minibatch.md": 6,
    "sgd/schedules.md": 7,
    "sgd/frameworks.md": 8,
}


def page_language(page: Page, config: MkDocsConfig) -> str:
    """Return ``"en"`` or ``"ko"`` for a page built by the i18n plugin."""
    return str(getattr(page.file, "locale", None) or config.theme.get("language", "en"))


def _generated_dir() -> Path:
    return facts_loader.cache_dir() / "site"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # Both language builds call this; figures and explorer data are cached by content, so
    # the second call costs a hash per figure.
    from book.figures_build import build_figures

    _state["facts"] = facts_loader.load_facts()
    if "figures" not in _state:
        out = _generated_dir()
        _state["figures"] = build_figures(
            out / "figures", cache_dir=facts_loader.cache_dir() / "figures", log=log.info
        )
        _explorer_data(out / "explorers")


def _explorer_data(out: Path) -> None:
    """Copy the explorers' data into ``out``, computing it only when gdbook changed.

    It is computed in a fresh process (``python -m book.explorers``), so under
    ``make serve`` an edited gdbook module is imported anew.
    """
    digest = hashlib.sha256()
    for path in sorted([*(ROOT / "gdbook").rglob("*.py"), ROOT / "book" / "explorers.py"]):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    cached = facts_loader.cache_dir() / "explorers" / digest.hexdigest()[:20]
    if not cached.is_dir():
        partial = cached.with_suffix(".partial")
        shutil.rmtree(partial, ignore_errors=True)
        run = subprocess.run(
            [sys.executable, "-m", "book.explorers", str(partial)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            raise PluginError(f"Computing the explorers' data failed:\n{run.stderr}")
        for line in run.stdout.splitlines():
            log.info(line)
        partial.rename(cached)
    shutil.copytree(cached, out, dirs_exist_ok=True)


@event_priority(-250)
def on_post_build(config: MkDocsConfig) -> None:
    """Copy the figures and explorer data into the site (once, at the site root)."""
    _state.pop("figures", None)
    for name in ("figures", "explorers"):
        source = _generated_dir() / name
        if source.is_dir():
            shutil.copytree(source, Path(config.site_dir) / name, dirs_exist_ok=True)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when gdbook or build code changes, not only when docs/ changes."""
    for folder in ("gdbook", "book"):
        server.watch(str(ROOT / folder))
    return server


def _fact(match: re.Match[str], where: str) -> str:
    chapter, key = match.groups()
    facts: dict[str, dict[str, str]] = _state["facts"]
    if chapter not in facts:
        raise PluginError(f"{where}: no book/facts/{chapter}.py for {match.group(0)}")
    if key not in facts[chapter]:
        known = ", ".join(sorted(facts[chapter]))
        raise PluginError(f"{where}: unknown fact {chapter}.{key}; {chapter} has: {known}")
    return facts[chapter][key]


def _glossary(lang: str) -> str:
    from book.glossary import glossary_rows

    head = (
        "| English | 한국어 | Note | Introduced in |\n| --- | --- | --- | --- |"
        if lang == "en"
        else "| 한국어 | English | 참고 | 처음 나오는 곳 |\n| --- | --- | --- | --- |"
    )
    lines = [head]
    for term, translation, note, link in glossary_rows(lang):
        chapter = CHAPTERS.get(link.split("#")[0])
        label = (f"Chapter {chapter}" if lang == "en" else f"{chapter}장") if chapter else link
        lines.append(f"| {term} | {translation} | {note} | [{label}]({link}) |")
    return "\n".join(lines)


@event_priority(50)  # before markdown-exec and the Markdown conversion
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    from book.explorers import explorer_html
    from book.figures_build import figure_html

    lang = page_language(page, config)
    where = page.file.src_uri
    manifest: dict[str, Any] = _state.get("figures", {})
    root = get_relative_url(".", page.url)

    def figure(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in manifest:
            raise PluginError(f"{where}: unknown figure {name!r} (see gdbook/figures/)")
        return figure_html(manifest[name], lang, root)

    markdown = FACT.sub(lambda m: _fact(m, where), markdown)
    markdown = FIGURE.sub(figure, markdown)
    markdown = EXPLORER.sub(lambda m: explorer_html(m.group(1), lang, root), markdown)
    markdown = GLOSSARY.sub(lambda m: _glossary(lang), markdown)
    leftover = ANY_MACRO.search(markdown)
    if leftover:
        raise PluginError(f"{where}: unknown macro {leftover.group(0)}")
    return markdown
