"""The Python side of the Run buttons: runs a page's blocks inside Pyodide, as the build does.

The Web Worker (``docs/javascripts/run-worker.js``) and the Node.js test
(``tests/site/run_pyodide.js``) execute this file in Pyodide and call :func:`run_block` once
per block. Blocks of one ``session`` share a namespace whose ``__name__`` is ``"__main__"``,
standard output and standard error are captured together, and a traceback shows the block's
own lines, exactly as :func:`book.pagecode.run_blocks` does at build time, so the outputs can
be compared. Figures left open by a block come back as PNG images drawn in the page's
palette (:func:`gdbook.plotting.style_rc`). The file needs nothing of the ``book`` package,
which the site does not ship.
"""

from __future__ import annotations

import base64
import contextlib
import io
import linecache
import os
import traceback
from collections.abc import Callable
from typing import Any

os.environ.setdefault("MPLBACKEND", "Agg")

NAMESPACES: dict[str, dict[str, object]] = {}


def reset() -> None:
    """Forget every session's namespace."""
    NAMESPACES.clear()


class _Stream(io.StringIO):
    """A buffer that also hands each write to ``echo`` (the page shows output as it comes)."""

    def __init__(self, echo: Callable[[str], object] | None) -> None:
        super().__init__()
        self.echo = echo

    def write(self, text: str) -> int:
        if self.echo is not None and text:
            self.echo(text)
        return super().write(text)


def _figures() -> list[str]:
    import sys

    if "matplotlib.pyplot" not in sys.modules:
        return []
    import matplotlib.pyplot as plt

    images = []
    for number in plt.get_fignums():
        figure = plt.figure(number)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100, facecolor=figure.get_facecolor())
        images.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
    plt.close("all")
    return images


def _style(theme: str, code: str) -> contextlib.AbstractContextManager[object]:
    """The book's style for the block's figures, as a context (rcParams restored after)."""
    import sys

    if "matplotlib" not in sys.modules and "matplotlib" not in code:
        # Style matplotlib only for code that uses it: numpy-only blocks stay fast.
        return contextlib.nullcontext()
    import matplotlib as mpl

    from gdbook.plotting import style_rc

    return mpl.rc_context(style_rc("dark" if theme == "dark" else "light", hangul=False))


def run_block(
    session: str,
    name: str,
    code: str,
    theme: str = "light",
    echo: Callable[[str], object] | None = None,
) -> dict[str, Any]:
    """Run one block in its session's namespace; return its output, error and figures.

    Returns ``{"output": str, "error": str | None, "figures": [base64 PNG, ...]}``; the
    error is the traceback, whose frames are the block's (none of this file's).

    Examples
    --------
    >>> reset()
    >>> run_block("s", "<a>", "x = 6")["output"]
    ''
    >>> run_block("s", "<b>", "print(x * 7)")["output"]
    '42\\n'
    >>> print(run_block("s", "<c>", "1 / 0")["error"].splitlines()[-1])
    ZeroDivisionError: division by zero
    """
    namespace = NAMESPACES.setdefault(session, {"__name__": "__main__"})
    linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)
    stream = _Stream(echo)
    error = None
    figures: list[str] = []
    with _style(theme, code):
        try:
            with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
                exec(compile(code, name, "exec"), namespace)
        except BaseException as raised:  # a reader's code may raise anything, SystemExit too
            trace = traceback.TracebackException.from_exception(raised)
            # The first frame is this function's: the reader's traceback starts in the block.
            trace.stack = traceback.StackSummary.from_list(list(trace.stack)[1:])
            error = "".join(trace.format())
        figures = _figures() if error is None else []
    return {"output": stream.getvalue(), "error": error, "figures": figures}
