"""The GitHub workflows, checked offline: valid against the workflow schema, clean under
zizmor, every action pinned to a commit, every ``make`` target they run defined, and the
browser the hosted runner ships used for the browser tests."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# Tools installed into the same virtual environment as the running Python; `make test` does
# not put .venv/bin on PATH, so never rely on PATH to find them.
VENV_BIN = Path(sys.executable).parent
MAKE_COMMAND = re.compile(r"(?:^|[;&|(]|\s)make((?:[ \t]+[^\s;&|()]+)+)")
#: make's options that take the next word as their argument.
MAKE_OPTION_ARGUMENT = {"-C", "-f", "-o", "-W", "-I", "--directory", "--file"}


def tool(name: str) -> str:
    path = VENV_BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed next to {sys.executable}; run `make test`.")
    return str(path)


def load(workflow: Path) -> dict[Any, Any]:
    data = yaml_load(workflow.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: Path) -> list[dict[str, Any]]:
    return [step for job in load(workflow)["jobs"].values() for step in job.get("steps", [])]


def make_targets_run(script: str) -> list[str]:
    """The targets of every ``make`` command in a shell script (variables are skipped).

    >>> make_targets_run("set -e\\nmake build\\ncd x && make -s -C . lint test PYTHON=python3")
    ['build', 'lint', 'test']
    >>> make_targets_run("echo makefile; cmake .")
    []
    """
    targets = []
    for line in script.splitlines():
        for match in MAKE_COMMAND.finditer(line):
            words = iter(match.group(1).split())
            for word in words:
                if word in MAKE_OPTION_ARGUMENT:
                    next(words, None)
                elif "=" not in word and not word.startswith("-"):
                    targets.append(word)
    return targets


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, flags=re.M))


def test_there_are_two_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "test.yml"]


def test_the_offline_checkers_are_pinned() -> None:
    lock = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    for name in ("zizmor", "check-jsonschema"):
        assert re.search(rf"^{name}==[\w.]+$", lock, flags=re.M), f"{name} is not pinned"


def test_workflows_pass_zizmor() -> None:
    run = subprocess.run(
        [tool("zizmor"), "--offline", "--persona=pedantic", "--no-progress", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_workflows_match_the_schema() -> None:
    """The schema is the one check-jsonschema vendors: no network."""
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


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  test:\n    steps: []\n", encoding="utf-8")  # no runs-on
    run = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit(workflow: Path) -> None:
    uses = [step["uses"] for step in steps(workflow) if "uses" in step]
    assert uses
    assert uses == re.findall(r"uses:\s*(\S+)", workflow.read_text(encoding="utf-8"))
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_make_target_a_workflow_runs_exists(workflow: Path) -> None:
    targets = [t for step in steps(workflow) for t in make_targets_run(step.get("run", ""))]
    assert targets, "the workflow runs no make target"
    missing = set(targets) - makefile_targets()
    assert not missing, f"{workflow.name} runs make {sorted(missing)}, not in the Makefile"


def test_the_ci_script_runs_existing_make_targets() -> None:
    targets = make_targets_run((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert targets and set(targets) <= makefile_targets()


def test_the_makefile_parser_sees_the_targets() -> None:
    assert {"build", "test", "lint", "serve", "bench"} <= makefile_targets()
    assert "PYTHON" not in makefile_targets() and "export" not in makefile_targets()


def test_deploy_has_exactly_the_pages_permissions() -> None:
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert "contents: write" not in text
    assert re.search(r"pages: write", text) and re.search(r"id-token: write", text)
    assert "upload-pages-artifact" in text and "deploy-pages" in text


def test_deploy_checks_out_the_history_the_sitemap_dates_come_from() -> None:
    (checkout,) = [
        s for s in steps(ROOT / ".github/workflows/deploy.yml") if "checkout" in s.get("uses", "")
    ]
    assert checkout["with"]["fetch-depth"] == 0


def test_the_test_workflow_uses_the_runners_browser() -> None:
    """No apt chromium (a snap wrapper that fails on ubuntu-24.04, runner-images#12096): the
    browser tests get the runner's Google Chrome through CHROME_PATH."""
    workflow = load(ROOT / ".github/workflows/test.yml")
    (job,) = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-24.04"
    scripts = "\n".join(step.get("run", "") for step in job["steps"])
    assert not re.search(r"apt(?:-get)? install[^\n]*\bchromium\b", scripts)
    assert "snap" not in scripts
    chrome = job["env"]["CHROME_PATH"]
    assert chrome.startswith("/usr/bin/")
    conftest = (ROOT / "tests" / "site" / "browser" / "conftest.py").read_text(encoding="utf-8")
    assert 'os.environ.get("CHROME_PATH")' in conftest
