"""What a build computes before it renders a page, shared by the MkDocs hooks.

:func:`prepare` runs once per build (the Korean build, made inside the English one, finds
it done): every chapter's facts, figures and explorer data (:mod:`book.build`), every
page's code (:mod:`book.pagecode`) and, from those, the notebooks (:mod:`book.notebooks`).
Each piece comes from the build's cache unless its sources changed. The hooks then read
:func:`current`: ``hooks/chapters.py`` prepares and ships the files, ``hooks/macros.py``
puts facts, figures, explorers and code outputs into the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from book import build, notebooks, pagecode
from book.syntax import Block


@dataclass(frozen=True)
class BuildState:
    """The artefacts of every chapter and the outputs of every page's code."""

    artefacts: build.Artefacts
    runs: pagecode.PageRuns

    def outputs(self, page: str, blocks: Sequence[Block]) -> list[str]:
        """What a page's blocks printed (run now if the cache lost them)."""
        return self.runs.outputs(page, blocks)


_state: dict[str, BuildState] = {}


def prepare(docs: Path, *, log: Callable[[str], object] = print) -> BuildState:
    """Compute (or read from the cache) everything the pages need; write the notebooks.

    The chapters' artefacts and the pages' code are independent, so they run side by side:
    the pages' short runs fill the cores while the longest chapters finish.
    """
    with ThreadPoolExecutor(max_workers=1) as pages:
        running = pages.submit(pagecode.prepare_docs, docs, log=log)
        artefacts = build.prepare(log=log)
        runs = running.result()
    state = BuildState(artefacts, runs)
    sources = notebooks.Sources(
        facts=artefacts.facts,
        figures=artefacts.figures,
        figure_files=artefacts.figure_files,
        outputs=lambda page, blocks: state.outputs(page, blocks),  # type: ignore[arg-type]
    )
    notebooks.generate(sources, log=log)
    _state["current"] = state
    return state


def current() -> BuildState:
    """The state :func:`prepare` made for this build."""
    try:
        return _state["current"]
    except KeyError:
        raise RuntimeError("book.buildstate.prepare() has not run in this build") from None


def finish() -> None:
    """Forget this build's state (the next build prepares afresh)."""
    _state.clear()
