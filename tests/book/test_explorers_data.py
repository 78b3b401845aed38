"""The explorers' data: computed by gdbook's drivers, small, and equal to what gdbook prints."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import gdbook
from book.chapters.ch03 import params as ch03
from book.chapters.ch06.explorers import (
    MINIBATCH_BUDGET,
    MINIBATCH_LEARNING_RATE,
    MINIBATCH_SEED,
)
from book.explorers import chapter_explorers, explorer_html, explorer_payload

EXPLORERS = sorted(chapter_explorers())


def build_explorer_data(out: Path) -> dict[str, Path]:
    """Write every explorer's JSON into ``out``, as the build does."""
    files = {}
    for name, (_, build) in chapter_explorers().items():
        files[name] = out / f"{name}.json"
        files[name].write_bytes(explorer_payload(build))
    return files


ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "javascripts" / "explorers.js"
STYLES = ROOT / "docs" / "stylesheets" / "explorers.css"


def no_constants(name: str) -> None:
    raise ValueError(f"JSON holds {name}")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("explorers")
    files = build_explorer_data(out)
    assert sorted(files) == sorted(EXPLORERS)
    result: dict[str, Any] = {"__dir__": out}
    for name, path in files.items():
        result[name] = json.loads(path.read_text(encoding="utf-8"), parse_constant=no_constants)
    return result


def printed(value: float) -> str:
    return f"{value:.6g}"


def test_the_files_are_small(data: dict[str, Any]) -> None:
    sizes = {name: (data["__dir__"] / f"{name}.json").stat().st_size for name in EXPLORERS}
    assert sum(sizes.values()) < 300_000, sizes
    assert all(size < 120_000 for size in sizes.values()), sizes


def test_the_data_is_deterministic(data: dict[str, Any], tmp_path: Path) -> None:
    build_explorer_data(tmp_path)
    for name in EXPLORERS:
        again = (tmp_path / f"{name}.json").read_bytes()
        assert again == (data["__dir__"] / f"{name}.json").read_bytes()


# --- gd-1d -----------------------------------------------------------------------------------


def test_gd_1d_learning_rates_are_exact_decimals(data: dict[str, Any]) -> None:
    gd = data["gd-1d"]
    assert gd["etas"] == [k / 100 for k in range(1, 111)]
    assert [repr(eta) for eta in gd["etas"][:3]] == ["0.01", "0.02", "0.03"]
    assert gd["etas"][gd["etas"].index(gd["default_eta"])] == 0.2
    assert gd["starts"] == [-10, -5, 5, 10]
    assert sorted(gd["runs"]) == sorted(f"{x0:g}" for x0 in gd["starts"])


@pytest.mark.parametrize("eta", [0.01, 0.05, 0.2, 0.5, 0.73, 1.0, 1.1])
@pytest.mark.parametrize("x0", [-10.0, 5.0, 10.0])
def test_gd_1d_values_are_gdbooks(data: dict[str, Any], eta: float, x0: float) -> None:
    gd = data["gd-1d"]
    run = gd["runs"][f"{x0:g}"][gd["etas"].index(eta)]
    expected = gdbook.gradient_descent(gdbook.Quadratic((2.0,)), x0, learning_rate=eta, steps=10)
    assert run["final"] == printed(expected.final[0])
    assert run["x"] == [float(printed(v)) for v in expected.iterates[:, 0]]
    assert run["f"] == [float(printed(v)) for v in expected.losses]
    closed_form = (1 - 2 * eta) ** 10 * x0  # the chapter's x_t = (1 - 2 eta)^t x_0
    assert float(run["final"]) == pytest.approx(closed_form, rel=1e-5, abs=1e-12)
    assert gd["stable"][gd["etas"].index(eta)] == (eta < 1.0)


def test_gd_1d_example_from_the_book(data: dict[str, Any]) -> None:
    gd = data["gd-1d"]
    assert gd["runs"]["10"][gd["etas"].index(0.2)]["final"] == "0.0604662"  # 10 * 0.6**10


def test_gd_1d_curve_covers_every_trajectory(data: dict[str, Any]) -> None:
    gd = data["gd-1d"]
    reach = max(abs(x) for runs in gd["runs"].values() for run in runs for x in run["x"])
    assert max(gd["curve"]["x"]) >= reach and min(gd["curve"]["x"]) <= -reach
    assert gd["curve"]["y"] == pytest.approx([x * x for x in gd["curve"]["x"]], rel=1e-5)


# --- gd-2d -----------------------------------------------------------------------------------


@pytest.mark.parametrize("eta", [0.01, 0.1, 0.25, 0.45, 0.5, 0.55])
def test_gd_2d_values_are_gdbooks(data: dict[str, Any], eta: float) -> None:
    gd = data["gd-2d"]
    assert gd["etas"] == [k / 100 for k in range(1, 56)]
    run = gd["runs"][gd["etas"].index(eta)]
    expected = gdbook.gradient_descent(
        gdbook.Quadratic(ch03.CURVATURES), ch03.START, learning_rate=eta, steps=ch03.STEPS
    )
    assert run["final"] == [printed(v) for v in expected.final]
    assert run["final_loss"] == printed(expected.losses[-1])
    assert run["x1"] == [float(printed(v)) for v in expected.iterates[:, 0]]
    assert run["x2"] == [float(printed(v)) for v in expected.iterates[:, 1]]
    assert gd["stable"][gd["etas"].index(eta)] == (eta < 0.5)


def test_gd_2d_contours_are_ellipses_inside_the_view(data: dict[str, Any]) -> None:
    gd = data["gd-2d"]
    (x_low, x_high), (y_low, y_high) = gd["view"]["x"], gd["view"]["y"]
    assert len(gd["contours"]) >= 5
    for contour in gd["contours"]:
        assert contour["lines"], contour["level"]
        for flat in contour["lines"]:
            xs, ys = np.array(flat[0::2]), np.array(flat[1::2])
            assert len(xs) == len(ys) >= 3
            assert np.all((x_low <= xs) & (xs <= x_high) & (y_low <= ys) & (ys <= y_high))
            level = xs**2 + 2 * ys**2
            assert np.allclose(level, contour["level"], rtol=0.05, atol=0.05)


# --- minibatch -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def problem() -> gdbook.LeastSquares:
    data = gdbook.book_regression()
    return gdbook.LeastSquares(data.X, data.y)


@pytest.mark.parametrize("batch_size", [1, 16, 1000])
def test_minibatch_values_are_gdbooks(
    data: dict[str, Any], problem: gdbook.LeastSquares, batch_size: int
) -> None:
    mb = data["minibatch"]
    run = next(r for r in mb["runs"] if r["batch_size"] == batch_size)
    expected = gdbook.minibatch_sgd(
        problem,
        np.zeros(2),
        learning_rate=MINIBATCH_LEARNING_RATE,
        batch_size=batch_size,
        epochs=MINIBATCH_BUDGET // problem.n,
        seed=MINIBATCH_SEED,
    )
    assert run["final"] == [printed(v) for v in expected.final]
    assert run["final_loss"] == printed(expected.losses[-1])
    assert run["updates"] == expected.steps == 2 * math.ceil(problem.n / batch_size)
    assert run["examples"][0] == 0 and run["examples"][-1] == MINIBATCH_BUDGET
    assert run["loss"][-1] == float(printed(expected.losses[-1]))
    assert len(run["loss"]) == len(run["intercept"]) == len(run["slope"]) <= 201


def test_minibatch_full_batch_is_gradient_descent(
    data: dict[str, Any], problem: gdbook.LeastSquares
) -> None:
    run = next(r for r in data["minibatch"]["runs"] if r["batch_size"] == problem.n)
    gd = gdbook.gradient_descent(problem, np.zeros(2), learning_rate=0.05, steps=2)
    assert run["final"] == [printed(v) for v in gd.final]


def test_minibatch_solution_is_least_squares(
    data: dict[str, Any], problem: gdbook.LeastSquares
) -> None:
    mb = data["minibatch"]
    assert mb["solution"] == [float(printed(v)) for v in problem.solve()]
    assert mb["batch_sizes"] == sorted(mb["batch_sizes"])
    assert mb["batch_sizes"][0] == 1 and mb["batch_sizes"][-1] == problem.n
    assert mb["default_batch_size"] in mb["batch_sizes"]


# --- HTML, JavaScript and CSS ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", EXPLORERS)
def test_explorer_html(name: str, lang: str) -> None:
    page = explorer_html(name, lang, "../..")
    assert page.startswith(f'<div class="gd-explorer" data-explorer="{name}" ')
    assert f'data-src="../../explorers/{name}.json"' in page
    assert f'data-lang="{lang}"' in page
    assert "<noscript>" in page and "\n" not in page


def test_unknown_explorer() -> None:
    with pytest.raises(KeyError, match="gd-1d"):
        explorer_html("gd-3d", "en", ".")


def test_script_is_self_contained() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    for needle in ("gd-explorer-value", "gd-explorer-path", '"range"', "aria-valuetext"):
        assert needle in script
    for name in EXPLORERS:
        assert f'"{name}"' in script or f"{name}:" in script
    assert "http://" not in script.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in script and "import " not in script


def test_script_parses() -> None:
    from book.math import node_executable

    run = subprocess.run(
        [node_executable(), "--check", str(SCRIPT)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


def test_styles_use_materials_palette() -> None:
    css = STYLES.read_text(encoding="utf-8")
    assert "var(--md-accent-fg-color)" in css and "var(--md-default-fg-color" in css
    assert "#" not in "".join(line.split("/*")[0] for line in css.splitlines() if ":" in line)
