"""The docstring examples of the build code (book/ and its MkDocs hooks) run."""

from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    path
    for path in [
        *(ROOT / "book").glob("*.py"),
        ROOT / "book" / "chapters" / "__init__.py",
        *(ROOT / "book" / "hooks").glob("*.py"),
    ]
    if path != ROOT / "book" / "__init__.py"
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_docstring_examples_run(path: Path) -> None:
    if path.parent.name != "hooks":  # a package module: under its own name, as the build uses it
        parts = path.relative_to(ROOT).with_suffix("").parts
        module = importlib.import_module(".".join(p for p in parts if p != "__init__"))
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
        return
    name = "_doctest_" + "_".join(path.relative_to(ROOT).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being created
    try:
        spec.loader.exec_module(module)
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    finally:
        del sys.modules[name]
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
