"""The pinned toolchain: checks that need no build (the workflows: tests/test_workflows.py)."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_lock_pins_every_package_exactly() -> None:
    lines = [
        line
        for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+!-]+", line) for line in lines), [
        line for line in lines if "==" not in line
    ]
    pinned = {line.split("==")[0].lower().replace("_", "-"): line.split("==")[1] for line in lines}
    assert pinned["mkdocs"] == "1.6.1"
    assert pinned["mkdocs-material"].startswith("9.8.")
    assert pinned["mkdocs-static-i18n"].startswith("1.3.")
    assert pinned["mkdocs-jupyter"] == "0.26.3"
    assert pinned["numpy"].startswith("2.")
    assert pinned["matplotlib"].startswith("3.11.")
    assert "torch" not in pinned and "tensorflow" not in pinned


def test_runtime_dependencies_are_numpy_and_matplotlib_only() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = sorted(re.split(r"[<>=!~ ]", dep)[0] for dep in project["dependencies"])
    assert names == ["matplotlib", "numpy"]
    assert project["requires-python"] == ">=3.11"


def test_makefile_refuses_an_old_python_in_one_line() -> None:
    run = subprocess.run(
        ["make", "-s", "python-check", "PYTHON=python2.0-does-not-exist"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert run.stdout.strip().count("\n") == 0
    assert "Python 3.11" in run.stdout
