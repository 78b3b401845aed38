"""Run the code blocks of the book's pages once, and cache their printed output.

A page marks a block to run at build time as ```` ```python exec="on" source="above"
result="text" session="chNN" ````; its body is usually one ``--8<-- "chNN/code/file.py"``
line that includes a page file of the chapter's folder (the blocks are found by
:mod:`book.syntax`). The block's source is shown on the page and its printed output below
it, in a ``text`` block; the chapter's notebooks show the same outputs.

Blocks of one page run in order in a fresh Python process, blocks with the same ``session``
sharing one namespace (as in a notebook). The outputs are kept in the build's cache
(:mod:`book.cache`) under a key over the code that runs (after includes are expanded), the
chapter's folder and gdbook (:func:`run_key`), so:

- a page and its translation, which run the same code, share one run;
- editing prose re-runs nothing, editing a chapter's files or ``gdbook`` re-runs only
  the pages whose key changed;
- pages run in parallel, one process per page, as many at a time as there are CPUs.

A block that raises fails the build with the page, the block's number, its file and the
traceback. ``python -m book.pagecode`` is the worker: it reads the blocks as JSON on stdin
and writes their outputs as JSON on stdout.
"""

from __future__ import annotations

import contextlib
import io
import json
import linecache
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from book import cache, chapters
from book.syntax import Block, find_blocks

ROOT = cache.ROOT
RESULTS = ROOT / "benchmarks" / "results"


class PageCodeError(RuntimeError):
    """A code block of a page raised; the message names the page, the block and the file."""


def run_key(page: str, blocks: Sequence[Block]) -> str:
    """The cache key of a page's run: its blocks' code, the page's chapter folder, gdbook,
    the committed benchmark results the code may read, and numpy's and matplotlib's versions.
    """
    item = chapters.by_page(page)
    sources = [*cache.gdbook_sources(), *(item.sources() if item else [])]
    sources += [*sorted(RESULTS.glob("*.json")), Path(__file__)]
    code = json.dumps([[b.session, b.code] for b in blocks])
    return cache.key("pagecode", sources=sources, libraries=cache.FIGURE_LIBRARIES, data=code)


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


class PageRuns:
    """The outputs of every page's blocks, computed once per key and kept in the cache."""

    def __init__(self, store: cache.Cache | None = None) -> None:
        self.store = store if store is not None else cache.Cache("pagecode")

    def get(self, key: str) -> list[str] | None:
        outputs: list[str] | None = self.store.get_json(key)
        return outputs

    def outputs(self, page: str, blocks: Sequence[Block]) -> list[str]:
        """Return the outputs of a page's blocks, running them when not cached."""
        key = run_key(page, blocks)
        cached = self.get(key)
        if cached is None:
            cached = _run_in_subprocess(page, blocks)
            if run_key(page, blocks) == key:  # no source changed while it ran
                self.store.put_json(key, cached)
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
        keys: dict[str, str] = {}
        todo: dict[str, tuple[str, list[Block]]] = {}
        for page, markdown in pages:
            blocks = find_blocks(markdown)
            if not blocks:
                continue
            key = run_key(page, blocks)
            keys[page] = key
            if self.get(key) is None and key not in todo:
                todo[key] = (page, blocks)

        sharing: dict[str, list[str]] = {}
        for page, key in keys.items():
            sharing.setdefault(key, []).append(page)

        def run(item: tuple[str, tuple[str, list[Block]]]) -> None:
            key, (page, blocks) = item
            start = time.perf_counter()
            outputs = _run_in_subprocess(page, blocks)
            if run_key(page, blocks) == key:
                self.store.put_json(key, outputs)
            names = " = ".join(sharing[key])
            log(f"page code {names}: {time.perf_counter() - start:.1f} s")

        with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            list(pool.map(run, todo.items()))
        if len(todo) < len(sharing):
            log(f"page code cached for {len(sharing) - len(todo)} of {len(sharing)} runs")
        return keys


def prepare_docs(docs: Path, *, log: Callable[[str], object] = print) -> PageRuns:
    """Run (or find cached) the code of every page under ``docs``; return the runs."""
    runs = PageRuns()
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
    The source block carries the class ``gd-run`` and its session, for the Run buttons
    (:mod:`book.runtime`).

    Examples
    --------
    >>> page = '```python exec="on" session="s"\\nprint(1 + 1)\\n```'
    >>> print(render(page, ["2\\n"], find_blocks(page)))
    ```{.python .gd-run data-session="s"}
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
        # The class and the session let docs/javascripts/run.js give the block a Run button.
        source = f'```{{.python .gd-run data-session="{block.session}"}}\n{block.body}\n```'
        result = f"````text\n{output.rstrip()}\n````" if output.strip() else ""
        text = f"{source}\n\n{result}" if result else source
        parts.append("\n".join(block.indent + line if line else line for line in text.split("\n")))
        position = block.end
    parts.append(markdown[position:])
    return "".join(parts)


if __name__ == "__main__":
    sys.exit(_worker())
