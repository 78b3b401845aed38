"""Run the code blocks of the book's pages once, and cache their printed output.

A page marks a block to run at build time as ```` ```python exec="on" source="above"
result="text" session="chNN" ````; its body is usually one ``--8<-- "chNN/file.py"`` line
that includes a file of ``book/code/``. The block's source is shown on the page and its
printed output below it, in a ``text`` block.

Blocks of one page run in order in a fresh Python process, blocks with the same ``session``
sharing one namespace (as in a notebook). The outputs are cached under
``$GDBOOK_CACHE_DIR/pagecode/`` by a key over the code that runs (after includes are
expanded) and every ``gdbook`` source, so:

- a page and its translation, which run the same code, share one run;
- editing prose re-runs nothing, editing a ``book/code`` file or ``gdbook`` re-runs only
  the pages whose key changed;
- pages run in parallel, one process per page, as many at a time as there are CPUs.

A block that raises fails the build with the page, the block's number, its file and the
traceback. ``python -m book.pagecode`` is the worker: it reads the blocks as JSON on stdin
and writes their outputs as JSON on stdout.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import linecache
import os
import re
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ROOT / "book" / "code"
FORMAT = "gdbook-pagecode-1"

EXEC_FENCE = re.compile(
    r'^(?P<indent>[ \t]*)```python(?P<info>[^\n]*exec="on"[^\n]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$',
    re.M | re.S,
)
SESSION = re.compile(r'session="([\w-]+)"')
SNIPPET = re.compile(r'^--8<--\s+"([^"]+)"\s*$', re.M)


class PageCodeError(RuntimeError):
    """A code block of a page raised; the message names the page, the block and the file."""


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
        """The ``book/code`` files the block includes, e.g. ``["ch02/gd_loop.py"]``."""
        return SNIPPET.findall(self.body)


def expand_includes(body: str) -> str:
    """Replace each ``--8<-- "file"`` line with the file from ``book/code``."""

    def include(match: re.Match[str]) -> str:
        path = CODE / match.group(1)
        if not path.is_file():
            raise PageCodeError(f'--8<-- "{match.group(1)}": no such file {path}')
        return path.read_text(encoding="utf-8").rstrip("\n")

    return SNIPPET.sub(include, body)


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
        indent = match.group("indent")
        lines = match.group("body").splitlines()
        body = "\n".join(line[len(indent) :] if line.startswith(indent) else line for line in lines)
        session = SESSION.search(match.group("info"))
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


def _gdbook_digest() -> bytes:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "gdbook").rglob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.digest()


def run_key(blocks: Sequence[Block], gdbook_digest: bytes | None = None) -> str:
    """Hash what a page's run depends on: its sessions and code, and every gdbook source.

    Data files the code reads (the committed benchmark results) are hashed too.
    """
    digest = hashlib.sha256(FORMAT.encode())
    digest.update(gdbook_digest if gdbook_digest is not None else _gdbook_digest())
    for path in sorted((ROOT / "benchmarks" / "results").glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(json.dumps([[b.session, b.code] for b in blocks]).encode())
    return digest.hexdigest()[:24]


# -- the worker ----------------------------------------------------------------------------


def run_blocks(blocks: Sequence[tuple[str, str, str]]) -> list[str]:
    """Run ``(session, name, code)`` blocks in order and return what each printed.

    Blocks of one session share a namespace whose ``__name__`` is ``"__main__"``. Standard
    output and standard error are both captured. A block that raises stops the run with
    :class:`PageCodeError` carrying the traceback, whose lines show the block's code.

    Examples
    --------
    >>> run_blocks([("s", "a", "x = 2"), ("s", "b", "print(x * 21)")])
    ['', '42\\n']
    """
    namespaces: dict[str, dict[str, object]] = {}
    outputs = []
    for session, name, code in blocks:
        namespace = namespaces.setdefault(session, {"__name__": "__main__"})
        # Register the source so tracebacks show the failing line.
        linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)
        buffer = io.StringIO()
        try:
            with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
                exec(compile(code, name, "exec"), namespace)
        except BaseException as error:
            trace = "".join(traceback.format_exception(error))
            raise PageCodeError(f"{name} raised:\n\n{buffer.getvalue()}{trace}") from None
        outputs.append(buffer.getvalue())
    return outputs


def _worker() -> int:
    request = json.load(sys.stdin)
    os.chdir(ROOT)
    try:
        outputs = run_blocks([tuple(item) for item in request])  # type: ignore[misc]
    except PageCodeError as error:
        json.dump({"error": str(error)}, sys.stdout)
        return 1
    json.dump({"outputs": outputs}, sys.stdout)
    return 0


# -- the build side ------------------------------------------------------------------------


def cache_dir() -> Path:
    """Return ``$GDBOOK_CACHE_DIR/pagecode`` (default ``.cache/pagecode``)."""
    return Path(os.environ.get("GDBOOK_CACHE_DIR", ROOT / ".cache")) / "pagecode"


def _block_name(page: str, number: int, block: Block) -> str:
    files = ", ".join(block.files) or "inline code"
    return f"<{page}, block {number}: {files}>"


def _run_in_subprocess(page: str, blocks: Sequence[Block]) -> list[str]:
    request = [
        [block.session, _block_name(page, number, block), block.code]
        for number, block in enumerate(blocks, start=1)
    ]
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    run = subprocess.run(
        [sys.executable, "-m", "book.pagecode"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    try:
        answer = json.loads(run.stdout)
    except json.JSONDecodeError:
        raise PageCodeError(
            f"{page}: the code runner exited with code {run.returncode}:\n{run.stderr}"
        ) from None
    if "error" in answer:
        raise PageCodeError(f"{page}: a code block failed. {answer['error']}")
    outputs: list[str] = answer["outputs"]
    return outputs


@dataclass
class PageRuns:
    """The outputs of every page's blocks, computed once per key and kept on disk."""

    folder: Path

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> list[str] | None:
        path = self.path(key)
        if not path.is_file():
            return None
        outputs: list[str] = json.loads(path.read_text(encoding="utf-8"))
        return outputs

    def put(self, key: str, outputs: list[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.path(key).with_suffix(".tmp")
        temporary.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.path(key))

    def outputs(self, page: str, blocks: Sequence[Block], key: str | None = None) -> list[str]:
        """Return the outputs of a page's blocks, running them when not cached."""
        key = key or run_key(blocks)
        cached = self.get(key)
        if cached is None:
            cached = _run_in_subprocess(page, blocks)
            self.put(key, cached)
        return cached

    def prepare(
        self,
        pages: Iterable[tuple[str, str]],
        *,
        log: Callable[[str], object] = print,
        workers: int | None = None,
    ) -> dict[str, str]:
        """Run every page whose outputs are not cached, in parallel; return page -> key.

        ``pages`` gives ``(name, markdown)``. Pages with the same key (a page and its
        translation) run once.
        """
        import time

        shared = _gdbook_digest()
        keys: dict[str, str] = {}
        todo: dict[str, tuple[str, list[Block]]] = {}
        for page, markdown in pages:
            blocks = find_blocks(markdown)
            if not blocks:
                continue
            key = run_key(blocks, shared)
            keys[page] = key
            if self.get(key) is None and key not in todo:
                todo[key] = (page, blocks)

        sharing: dict[str, list[str]] = {}
        for page, key in keys.items():
            sharing.setdefault(key, []).append(page)

        def run(item: tuple[str, tuple[str, list[Block]]]) -> None:
            key, (page, blocks) = item
            start = time.perf_counter()
            self.put(key, _run_in_subprocess(page, blocks))
            names = " = ".join(sharing[key])
            log(f"page code {names}: {time.perf_counter() - start:.1f} s")

        with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            list(pool.map(run, todo.items()))
        if len(todo) < len(sharing):
            log(f"page code cached for {len(sharing) - len(todo)} of {len(sharing)} runs")
        return keys


def prepare_docs(docs: Path, *, log: Callable[[str], object] = print) -> PageRuns:
    """Run (or find cached) the code of every page under ``docs``; return the runs."""
    runs = PageRuns(cache_dir())
    pages = [
        (path.relative_to(docs).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(docs.rglob("*.md"))
    ]
    runs.prepare(pages, log=log)
    return runs


def render(markdown: str, outputs: Sequence[str], blocks: Sequence[Block]) -> str:
    """Replace each executed fence with its source block and its output block.

    The source keeps its ``--8<--`` include lines (pymdownx.snippets expands them), so the
    page shows exactly the file that ran; the output goes into a ``text`` block under it.

    Examples
    --------
    >>> page = '```python exec="on" session="s"\\nprint(1 + 1)\\n```'
    >>> print(render(page, ["2\\n"], find_blocks(page)))
    ```python
    print(1 + 1)
    ```
    <BLANKLINE>
    ````text
    2
    ````
    """
    if len(outputs) != len(blocks):
        raise ValueError(f"outputs: expected {len(blocks)} outputs, got {len(outputs)}")
    parts = []
    position = 0
    for block, output in zip(blocks, outputs, strict=True):
        parts.append(markdown[position : block.start])
        source = f"```python\n{block.body}\n```"
        result = f"````text\n{output.rstrip()}\n````" if output.strip() else ""
        text = f"{source}\n\n{result}" if result else source
        parts.append("\n".join(block.indent + line if line else line for line in text.split("\n")))
        position = block.end
    parts.append(markdown[position:])
    return "".join(parts)


if __name__ == "__main__":
    sys.exit(_worker())
