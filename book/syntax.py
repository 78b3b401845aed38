"""The one parser of the book's page syntax.

A page is Markdown (Python-Markdown with pymdown-extensions) plus:

``{{ chNN.key }}``           a fact, computed by ``book/chapters/chNN/facts.py``
``{{ figure("name") }}``     a figure registered in a chapter's ``figures.py``
``{{ explorer("name") }}``   an interactive explorer declared in a chapter's ``explorers.py``
``{{ glossary_table() }}``   the glossary, from ``book/glossary.py``
``{{ notation_table() }}``   the notation table, from ``book/notation.py``

and executed code blocks::

    ```python exec="on" session="ch02"
    --8<-- "ch02/code/gd_loop.py"
    ```

whose body is code, or ``--8<--`` lines that include files of ``book/chapters/``. The
build hooks, the page-code runner, the notebook generator and the tests all read pages
through this module.

Examples
--------
>>> page = 'x = {{ ch02.x10 }}\\n\\n{{ figure("ch02-trace") }}\\n'
>>> [(m.kind, m.name) for m in find_macros(page)]
[('fact', 'ch02.x10'), ('figure', 'ch02-trace')]
>>> expand_macros(page, lambda m: m.name.upper())
'x = CH02.X10\\n\\nCH02-TRACE\\n'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

INCLUDE_ROOT = Path(__file__).resolve().parent / "chapters"
"""Where ``--8<-- "chNN/code/file.py"`` lines are resolved (pymdownx.snippets' base_path)."""

MACRO = re.compile(
    r"\{\{\s*(?:(?P<fact>ch\d\d\.\w+)"
    r"|(?P<call>figure|explorer|glossary_table|notation_table)\(\s*(?:\"(?P<arg>[\w.-]+)\")?\s*\))\s*\}\}"
)
ANY_MACRO = re.compile(r"\{\{\s*[\w.]+\s*(?:\([^)]*\))?\s*\}\}")
EXEC_FENCE = re.compile(
    r'^(?P<indent>[ \t]*)```python(?P<info>[^\n]*exec="on"[^\n]*)\n'
    r"(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.M | re.S,
)
SESSION = re.compile(r'session="([\w-]+)"')
INCLUDE = re.compile(r'^(?P<indent>[ \t]*)--8<--\s+"(?P<file>[^"]+)"[ \t]*$', re.M)


class SyntaxProblem(ValueError):
    """A page uses the book's syntax wrongly (an unknown macro, a missing include)."""


@dataclass(frozen=True)
class Macro:
    """One ``{{ ... }}`` of a page.

    Attributes
    ----------
    kind : {"fact", "figure", "explorer", "glossary_table", "notation_table"}
    name : str
        ``chNN.key`` for a fact, the figure's or explorer's name, ``""`` for the glossary and the notation table.
    start, end : int
        Its span in the page.
    line_alone : bool
        Whether it stands alone on its line (a figure or explorer paragraph).
    """

    kind: str
    name: str
    start: int
    end: int
    line_alone: bool

    @property
    def chapter(self) -> str:
        """``chNN`` of a fact."""
        return self.name.split(".", 1)[0]

    @property
    def key(self) -> str:
        """The key of a fact within its chapter."""
        return self.name.split(".", 1)[1]


def find_macros(markdown: str) -> list[Macro]:
    """Return every macro of a page in order; raise on anything else inside ``{{ }}``."""
    macros = []
    for match in ANY_MACRO.finditer(markdown):
        known = MACRO.fullmatch(match.group(0))
        if known is None:
            raise SyntaxProblem(f"unknown macro {match.group(0)}")
        kind = "fact" if known["fact"] else known["call"]
        name = known["fact"] or known["arg"] or ""
        if (kind in ("figure", "explorer")) != bool(known["arg"]):
            raise SyntaxProblem(f"malformed macro {match.group(0)}")
        line_start = markdown.rfind("\n", 0, match.start()) + 1
        line_end = markdown.find("\n", match.end())
        line = markdown[line_start : None if line_end < 0 else line_end]
        alone = line.strip() == match.group(0)
        macros.append(Macro(kind, name, match.start(), match.end(), alone))
    return macros


def expand_macros(markdown: str, replace: Callable[[Macro], str]) -> str:
    """Replace every macro of a page with ``replace(macro)``."""
    parts, position = [], 0
    for macro in find_macros(markdown):
        parts += [markdown[position : macro.start], replace(macro)]
        position = macro.end
    return "".join(parts) + markdown[position:]


def include_file(name: str) -> Path:
    """Resolve an include, ``"chNN/code/file.py"``; raise if there is no such file."""
    path = INCLUDE_ROOT / name
    if not path.is_file():
        raise SyntaxProblem(f'--8<-- "{name}": no such file {path}')
    return path


def expand_includes(text: str) -> str:
    """Replace each ``--8<-- "file"`` line with the file, indented as the line was."""

    def include(match: re.Match[str]) -> str:
        body = include_file(match["file"]).read_text(encoding="utf-8").rstrip("\n")
        return "\n".join((match["indent"] + line).rstrip() for line in body.splitlines())

    return INCLUDE.sub(include, text)


@dataclass(frozen=True)
class Block:
    """One executed code block of a page.

    Attributes
    ----------
    start, end : int
        The span of the whole fence in the page's Markdown.
    indent : str
        The fence's indentation (blocks inside tabs and admonitions are indented).
    body : str
        The fence's body as written, dedented (usually a ``--8<--`` include line).
    session : str
        The namespace the block shares with other blocks of its page.
    code : str
        The code that runs: the body with its includes expanded.
    """

    start: int
    end: int
    indent: str
    body: str
    session: str
    code: str

    @property
    def files(self) -> list[str]:
        """The files the block includes, e.g. ``["ch02/code/gd_loop.py"]``."""
        return [match["file"] for match in INCLUDE.finditer(self.body)]


def find_blocks(markdown: str) -> list[Block]:
    """Return the executed blocks of a page's Markdown, in page order.

    Examples
    --------
    >>> page = 'Text.\\n\\n```python exec="on" session="s"\\nprint(1 + 1)\\n```\\n'
    >>> [(b.session, b.code) for b in find_blocks(page)]
    [('s', 'print(1 + 1)')]
    """
    blocks = []
    for number, match in enumerate(EXEC_FENCE.finditer(markdown), start=1):
        indent = match["indent"]
        lines = match["body"].splitlines()
        body = "\n".join(line[len(indent) :] if line.startswith(indent) else line for line in lines)
        session = SESSION.search(match["info"])
        blocks.append(
            Block(
                start=match.start(),
                end=match.end(),
                indent=indent,
                body=body,
                session=session.group(1) if session else f"block{number}",
                code=expand_includes(body),
            )
        )
    return blocks
