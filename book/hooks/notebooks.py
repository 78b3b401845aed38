"""Chapter notebooks as pages: render them in both languages, link them, ship the files.

The notebooks are written by ``hooks/chapters.py`` (:mod:`book.notebooks`) before the
files are collected. Fixes on top of mkdocs-jupyter 0.26.3 (see CONTRIBUTING.md):

1. mkdocs-static-i18n rebuilds every File in its ``on_files`` (priority -100) and drops
   mkdocs-jupyter's wrapper, so notebooks were copied as raw JSON (i18n issue #198). At
   priority -200 the ``.ipynb`` files are wrapped again, keeping i18n's language paths.
2. nbconvert's HTML loads scripts from CDNs; those tags are removed.
3. ``$...$`` math in Markdown cells is left untypeset; it is wrapped for arithmatex/MathJax.
4. Each chapter page gets a "Run this chapter as a notebook" line with a download link.
5. Notebook pages are left out of the search index (the chapter pages hold their text).
   mkdocs-jupyter's own cache is off (it writes entries in place, so a killed build can leave
   a truncated one, and after each language's build it evicts the other language's entries,
   so every build converted all 16 notebooks). The converted pages are kept in the build's
   cache instead (:func:`on_pre_page`), keyed by the notebook and the converters' versions.
6. ``mkdocs serve`` does not watch ``docs/notebooks/``: the notebooks are written there by
   the build itself, and watching them made every edit build the book twice.
7. The pages show the figures as files and keep only the CSS they use
   (:mod:`book.notebookpage`): the embedded PNGs and JupyterLab's stylesheet made them
   0.7-1.7 MB each.
"""

from __future__ import annotations

import json
import re
import shutil
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

from book import buildstate, cache, chapters, notebookpage, notebooks  # noqa: E402
from book.figurehtml import figure_images  # noqa: E402

log = get_plugin_logger("notebooks")

LINK_TEXT = {
    "en": ("Run this chapter as a notebook", "download the .ipynb"),
    "ko": ("이 장을 노트북으로 실행하기", ".ipynb 내려받기"),
}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    return config


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Watch ``docs/`` except ``docs/notebooks/``, which the build writes."""
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)  # the top-level pages
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and p.name != "notebooks"):
        server.watch(str(folder))
    return server


@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    from mkdocs_jupyter.plugin import NotebookFile

    # Replace in place: i18n's Files subclass resolves "page.md" to "page.ko.md" for the
    # Korean build, and a plain Files would lose that.
    for file in [f for f in files if f.src_uri.endswith(".ipynb")]:
        if file.is_documentation_page():
            continue
        notebook = NotebookFile(file, **config)
        notebook.dest_uri = file.dest_uri
        notebook.abs_dest_path = file.abs_dest_path
        notebook.url = file.url
        files.remove(file)
        files.append(notebook)
    return files


CDN_SCRIPT = re.compile(r"<script[^>]+src=\"https?://[^\"]+\"[^>]*>\s*</script>", re.I)
EMPTY_MATHJAX = re.compile(
    r"<script type=\"text/x-mathjax-config\">.*?</script>|"
    r"<script[^>]*>\s*(?:MathJax|require\.config)[^<]*</script>|"
    r"<script src=\"\">\s*</script>|"  # an empty src would fetch the page itself
    r"<script type=\"module\">(?:(?!</script>).)*?https://cdn(?:(?!</script>).)*</script>",
    re.S,
)
MARKDOWN_CELL = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)', re.S
)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$")


def _wrap_math(html: str) -> str:
    def cell(match: re.Match[str]) -> str:
        body = match.group(2)
        parts = re.split(r"(<pre.*?</pre>|<code.*?</code>)", body, flags=re.S)
        for i in range(0, len(parts), 2):
            text = DISPLAY.sub(r'<div class="arithmatex">\\[\1\\]</div>', parts[i])
            parts[i] = INLINE.sub(r'<span class="arithmatex">\\(\1\\)</span>', text)
        return match.group(1) + "".join(parts) + match.group(3)

    return MARKDOWN_CELL.sub(cell, html)


HEADING = re.compile(r'<(h[1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)


def _flat_toc(items: Any) -> list[Any]:
    return [entry for item in items for entry in (item, *_flat_toc(item.children))]


def _match_heading_ids(html: str, page: Page) -> str:
    """Give nbconvert's headings the ids of the page's table of contents.

    nbconvert derives heading ids from ASCII only, so Korean headings get ``id=""`` or
    clashing ids, while the table of contents (made by Python-Markdown) links to ``#_1``,
    ``#_2``...: without this, every Korean notebook's contents links went nowhere.
    """
    toc = _flat_toc(page.toc)
    headings = list(HEADING.finditer(html))
    if len(headings) != len(toc):
        raise PluginError(
            f"{page.file.src_uri}: {len(headings)} headings but {len(toc)} contents entries"
        )
    ids = iter(entry.id for entry in toc)
    return HEADING.sub(
        lambda m: (
            lambda anchor: (
                f'<{m.group(1)} id="{anchor}">{m.group(3)}<a class="anchor-link" href="#{anchor}">'
            )
        )(next(ids)),
        html,
    )


def _toc_tokens(items: Any) -> list[dict[str, Any]]:
    """A table of contents as the tokens ``mkdocs.structure.toc.get_toc`` reads back."""
    return [
        {
            "level": item.level,
            "id": item.id,
            "name": item.title,
            "children": _toc_tokens(item.children),
        }
        for item in items
    ]


@event_priority(-100)  # after mkdocs-jupyter's on_pre_page, which sets page.render
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Keep each converted notebook page in the build's cache (see fix 5)."""
    if not page.file.src_uri.endswith(".ipynb"):
        return page
    from mkdocs.structure.toc import get_toc

    jupyter = config.plugins.get("mkdocs-jupyter")
    options = json.dumps(
        dict(jupyter.config) if jupyter is not None else {}, sort_keys=True, default=str
    )
    key = cache.key(
        "notebook-page",
        sources=[Path(page.file.abs_src_path)],
        libraries=["mkdocs-jupyter", "nbconvert", "mkdocs"],
        data=options,
    )
    store = cache.Cache("notebook-pages")
    convert = page.render

    def render(config: MkDocsConfig, files: Files) -> None:
        hit = store.get_json(key)
        if hit is not None:
            page.content = hit["content"]
            page.toc = get_toc(hit["toc"])
            if hit["title"] is not None:
                page.title = hit["title"]
            return
        convert(config, files)
        entry = {"content": page.content, "toc": _toc_tokens(page.toc), "title": page.title}
        store.put_json(key, entry)

    page.render = render  # type: ignore[method-assign]
    return page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        # The chapter pages hold the same text; indexing the notebooks too would double
        # the search index that every page downloads, and every search result.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        html = CDN_SCRIPT.sub("", html)
        html = EMPTY_MATHJAX.sub("", html)
        html = _match_heading_ids(html, page)
        html = notebookpage.mark_styles(notebookpage.drop_list_style(html))
        return _wrap_math(_figures_as_files(html, page))
    return html


def _figures_as_files(html: str, page: Page) -> str:
    """Show the notebook's figures from the site's SVGs instead of its PNG attachments."""
    lang = str(getattr(page.file, "locale", "en"))
    notebook = json.loads(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
    figures = buildstate.current().artefacts.figures
    by_png = {entry["files"][lang]["png"]: entry for entry in figures.values()}
    root = get_relative_url(".", page.url)
    images = {}
    for data, name in notebookpage.attachment_names(notebook).items():
        if name not in by_png:
            raise PluginError(f"{page.file.src_uri}: attachment {name} is no figure of the book")
        images[data] = figure_images(by_png[name], lang, root)
    try:
        return notebookpage.figures_as_files(html, images)
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    chapter = chapters.by_page(page.file.src_uri)
    if chapter is None or not page.file.src_uri.endswith(".md"):
        return markdown
    lang = str(getattr(page.file, "locale", "en"))
    name = notebooks.notebook_name(chapter, lang)
    target = files.get_file_from_path(f"notebooks/{name}")
    if target is None:
        return markdown
    page_link = get_relative_url(target.url, page.url)
    download = get_relative_url(target.url.rstrip("/") + ".ipynb", page.url)
    run, get = LINK_TEXT["ko" if lang == "ko" else "en"]
    line = (
        f'\n\n<p class="gd-notebook-links">'
        f'<a href="{page_link}">{run}</a> · <a href="{download}" download="{name}">{get}</a></p>\n'
    )
    # Put the line right under the page's H1.
    return re.sub(r"^(# [^\n]+\n)", lambda m: m.group(1) + line, markdown, count=1, flags=re.M)


@event_priority(-300)
def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    """Ship each .ipynb beside its rendered page so readers can download it.

    The pages' stylesheets marked in :func:`on_page_content` are pruned last, once the
    formulas are typeset (``book/hooks/pageassets.py``)."""
    site = Path(config.site_dir)
    for source in sorted(notebooks.OUT.glob("*.ipynb")):
        stem, _, rest = source.name.partition(".")
        lang_dir = "ko/" if rest.startswith("ko.") else ""
        target = site / f"{lang_dir}notebooks/{stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
