"""The book's chapters: one folder each, holding everything of that chapter.

A chapter folder ``book/chapters/chNN/`` holds

========================  ==============================================================
``code/*.py``             the code its pages show and run (shared by both languages)
``params.py``             the chapter's parameters (starts, rates, seeds), by name
``facts.py``              ``facts() -> dict[str, str]``: every number its prose quotes
``figures.py``            its figures' drawing code
``figures.yml``           its figures' alt texts and captions in both languages
``explorers.py``          (optional) the data of its interactive explorers
========================  ==============================================================

A parameter is written once, where the reader sees it: in the page code, as a plain
``name = value`` line. ``params.py`` gives it a name for everything else (facts, figures,
explorers, tests) by reading it from there with :func:`page_literals`, so the page and the
numbers computed about it cannot disagree. A chapter imports nothing from another chapter
(mathematics two chapters share is gdbook API). Adding a chapter means adding a folder, its two Markdown pages, a line to
:data:`CHAPTERS` and the nav in ``mkdocs.yml`` (see ``CONTRIBUTING.md``).

Examples
--------
>>> chapter(2).page, chapter(2).name
('gd/gd-1d', 'ch02')
>>> by_page("sgd/sgd.ko.md").number
5
>>> page_literals(3, "directional")["x"]
[-5.0, -2.0]
>>> lineup = page_module(7, "lineup")
>>> sorted(lineup.schedules)[:2]
['constant', 'exponential(0.9)']
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

FOLDER = Path(__file__).resolve().parent
"""``book/chapters``: the folder of the chapter folders."""

LANG_SUFFIX = re.compile(r"(?:\.(?:ko|en))?\.(?:md|ipynb)$")


@dataclass(frozen=True)
class Chapter:
    """One chapter of the book.

    Attributes
    ----------
    number : int
        1, 2, ...
    page : str
        Its page under ``docs/`` without the language suffix, e.g. ``"gd/gd-1d"``
        (English ``gd/gd-1d.md``, Korean ``gd/gd-1d.ko.md``).
    """

    number: int
    page: str

    @property
    def name(self) -> str:
        """``chNN``: the folder, the page-code session and the facts' prefix."""
        return f"ch{self.number:02d}"

    @property
    def folder(self) -> Path:
        """``book/chapters/chNN``."""
        return FOLDER / self.name

    @property
    def code_folder(self) -> Path:
        """``book/chapters/chNN/code``: the files its pages include."""
        return self.folder / "code"

    def page_file(self, lang: str) -> str:
        """The page's path under ``docs/`` in ``lang`` (``"en"`` or ``"ko"``)."""
        return f"{self.page}.md" if lang == "en" else f"{self.page}.{lang}.md"

    def module(self, name: str) -> ModuleType:
        """Import ``book.chapters.chNN.<name>`` (``params``, ``facts``, ``figures``...)."""
        return importlib.import_module(f"book.chapters.{self.name}.{name}")

    def has_module(self, name: str) -> bool:
        """Whether the folder has ``<name>.py``."""
        return (self.folder / f"{name}.py").is_file()

    def sources(self) -> list[Path]:
        """Every file of the folder, sorted: what the chapter's outputs depend on."""
        return sorted(
            p for p in self.folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(1, "gd/derivatives"),
    Chapter(2, "gd/gd-1d"),
    Chapter(3, "gd/gd-nd"),
    Chapter(4, "gd/linear-regression"),
    Chapter(5, "sgd/sgd"),
    Chapter(6, "sgd/minibatch"),
    Chapter(7, "sgd/schedules"),
    Chapter(8, "sgd/frameworks"),
    Chapter(9, "beyond/newton"),
    Chapter(10, "beyond/convergence"),
    Chapter(11, "beyond/momentum"),
    Chapter(12, "beyond/adaptive"),
)
"""Every chapter, in the book's order."""


def chapter(key: int | str) -> Chapter:
    """Return a chapter by number (``2``) or name (``"ch02"``).

    Raises
    ------
    KeyError
        If there is no such chapter; the message lists the chapters.
    """
    for item in CHAPTERS:
        if key in (item.number, item.name):
            return item
    names = ", ".join(item.name for item in CHAPTERS)
    raise KeyError(f"No chapter {key!r}; the chapters are {names}.")


def by_page(src_uri: str) -> Chapter | None:
    """Return the chapter whose page (in any language) is ``src_uri``, or None."""
    stem = LANG_SUFFIX.sub("", src_uri)
    return next((item for item in CHAPTERS if item.page == stem), None)


@functools.cache
def page_module(key: int | str, name: str) -> ModuleType:
    """Import a definitions-only page file, ``book/chapters/chNN/code/<name>.py``.

    Page files are scripts shown on the page, not a package; the few that only define
    things (a chapter's schedules, its small objectives) are imported this way by the
    chapter's facts and figures, so page and figure cannot disagree.
    """
    item = chapter(key)
    path = item.code_folder / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"book.chapters.{item.name}.code.{name}", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise ImportError(f"No page file {path}.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: Calls that wrap a literal: ``np.array([...])`` stands for its list, ``Quadratic((2.0, 4.0))``
#: for its curvatures.
WRAPPERS = frozenset({"array", "asarray", "tuple", "list", "Quadratic"})


def _literal(node: ast.expr) -> Any:
    """The value of a literal, also inside one of the :data:`WRAPPERS`."""
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        function = node.func
        called = (
            function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        )
        if called in WRAPPERS:
            return _literal(node.args[0])
    return ast.literal_eval(node)


@functools.cache
def page_literals(key: int | str, name: str) -> dict[str, Any]:
    """The parameters a page file writes as literals: ``{name: value}``.

    Every top-level ``name = literal`` (or ``a, b = literal, literal``) of
    ``book/chapters/chNN/code/<name>.py``; a literal may sit inside one of the
    :data:`WRAPPERS` (``np.array([...])``). Other assignments are left out.

    Raises
    ------
    FileNotFoundError
        If there is no such page file.
    """
    path = chapter(key).code_folder / f"{name}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: dict[str, Any] = {}
    for statement in tree.body:
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target, value = statement.targets[0], statement.value
        pairs: list[tuple[ast.expr, ast.expr]] = [(target, value)]
        if (
            isinstance(target, ast.Tuple)
            and isinstance(value, ast.Tuple)
            and len(target.elts) == len(value.elts)
        ):
            pairs = list(zip(target.elts, value.elts, strict=True))
        for one, expression in pairs:
            if isinstance(one, ast.Name):
                try:
                    found[one.id] = _literal(expression)
                except (ValueError, TypeError, SyntaxError):
                    continue
    return found
