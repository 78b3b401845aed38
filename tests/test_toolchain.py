"""The workflows and the pinned toolchain: checks that need no build."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# Tools installed into the same virtual environment as the running Python; `make test` does
# not put .venv/bin on PATH, so never rely on PATH to find them.
VENV_BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = VENV_BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed next to {sys.executable}; run `make test`.")
    return str(path)


def test_there_are_two_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "test.yml"]


def test_workflows_pass_zizmor() -> None:
    run = subprocess.run(
        [tool("zizmor"), "--offline", "--persona=pedantic", "--no-progress", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_workflows_match_the_schema() -> None:
    run = subprocess.run(
        [
            tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, WORKFLOWS),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit(workflow: Path) -> None:
    uses = re.findall(r"uses:\s*(\S+)", workflow.read_text())
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action


def test_deploy_has_exactly_the_pages_permissions() -> None:
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert "contents: write" not in text
    assert re.search(r"pages: write", text) and re.search(r"id-token: write", text)
    assert "upload-pages-artifact" in text and "deploy-pages" in text


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
