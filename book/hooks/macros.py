"""Expand the book's page syntax (:mod:`book.syntax`) into Markdown, page by page.

``{{ chNN.key }}``          the fact's text
``{{ figure("n") }}``       the figure: its light and dark SVG, alt text and caption
``{{ explorer("n") }}``     the explorer's placeholder, fed by data computed at build time
``{{ glossary_table() }}``  the glossary, from ``book/glossary.py``
``{{ notation_table() }}`` the notation table, from ``book/notation.py``
executed code blocks        the block's source, and what it printed under it

Everything comes from what ``hooks/chapters.py`` prepared for this build; an unknown fact,
figure or explorer fails the build with the page and the name.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
# MkDocs restores sys.path after loading a hook, so the repository root is added again
# in on_config, before any build event imports book.* or gdbook.
sys.path.append(str(ROOT))

from book import buildstate, chapters, pagecode, syntax  # noqa: E402
from book.figurehtml import figure_html  # noqa: E402


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    return config


def page_language(page: Page, config: MkDocsConfig) -> str:
    """Return ``"en"`` or ``"ko"`` for a page built by the i18n plugin."""
    return str(getattr(page.file, "locale", None) or config.theme.get("language", "en"))


def _glossary(lang: str) -> str:
    from book.glossary import glossary_rows

    head = (
        "| English | 한국어 | Note | Introduced in |\n| --- | --- | --- | --- |"
        if lang == "en"
        else "| 한국어 | English | 참고 | 처음 나오는 곳 |\n| --- | --- | --- | --- |"
    )
    lines = [head]
    for term, translation, note, link in glossary_rows(lang):
        chapter = chapters.by_page(link.split("#")[0])
        number = chapter.number if chapter else None
        label = (f"Chapter {number}" if lang == "en" else f"{number}장") if number else link
        lines.append(f"| {term} | {translation} | {note} | [{label}]({link}) |")
    return "\n".join(lines)


def _notation(lang: str) -> str:
    from book.notation import notation_rows

    head = (
        "| symbol | meaning | first used in |\n| --- | --- | --- |"
        if lang == "en"
        else "| 기호 | 뜻 | 처음 나오는 곳 |\n| --- | --- | --- |"
    )
    lines = [head]
    for tex, meaning, number in notation_rows("en" if lang == "en" else "ko"):
        label = f"Chapter {number}" if lang == "en" else f"{number}장"
        lines.append(f"| {tex} | {meaning} | [{label}]({chapters.chapter(number).page}.md) |")
    return "\n".join(lines)


@event_priority(50)  # before the Markdown conversion
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    from book.explorers import explorer_html

    state = buildstate.current()
    lang = page_language(page, config)
    where = page.file.src_uri
    root = get_relative_url(".", page.url)

    def replace(macro: syntax.Macro) -> str:
        if macro.kind == "fact":
            facts = state.artefacts.facts
            if macro.chapter not in facts:
                raise PluginError(f"{where}: no chapter {macro.chapter} for {{{{ {macro.name} }}}}")
            if macro.key not in facts[macro.chapter]:
                known = ", ".join(sorted(facts[macro.chapter]))
                raise PluginError(
                    f"{where}: unknown fact {macro.name}; {macro.chapter} has: {known}"
                )
            return facts[macro.chapter][macro.key]
        if macro.kind == "figure":
            if macro.name not in state.artefacts.figures:
                raise PluginError(f"{where}: unknown figure {macro.name!r}")
            return figure_html(state.artefacts.figures[macro.name], lang, root)
        if macro.kind == "explorer":
            try:
                return explorer_html(macro.name, lang, root)
            except KeyError as error:
                raise PluginError(f"{where}: {error.args[0]}") from None
        if macro.kind == "notation_table":
            return _notation(lang)
        return _glossary(lang)

    try:
        markdown = syntax.expand_macros(markdown, replace)
        blocks = syntax.find_blocks(markdown)
        if blocks:
            markdown = pagecode.render(markdown, state.outputs(where, blocks), blocks)
        return markdown
    except (syntax.SyntaxProblem, pagecode.PageCodeError) as error:
        raise PluginError(f"{where}: {error}") from None
