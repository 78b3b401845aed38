"""The diabetes data shipped with gdbook: the file, its shape, and the standardisation."""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import tomllib
from pathlib import Path

import numpy as np
import pytest

import gdbook
from gdbook import DIABETES_FEATURES, LeastSquares, load_diabetes

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "gdbook" / "_data"
#: SHA-256 of gdbook/_data/diabetes.csv.gz as committed (see gdbook/_data/README.md).
SHA256 = "165f913bf041a4a87c2fcc72191490495bf80631607465b4c9c9a444c93eaa2e"


def test_the_shipped_file_is_the_committed_one() -> None:
    assert hashlib.sha256((DATA / "diabetes.csv.gz").read_bytes()).hexdigest() == SHA256


def test_the_file_has_a_header_and_442_rows_of_eleven_numbers() -> None:
    lines = gzip.decompress((DATA / "diabetes.csv.gz").read_bytes()).decode("ascii").splitlines()
    assert lines[0].split(",") == [*DIABETES_FEATURES, "y"]
    assert len(lines) == 443
    assert all(len(line.split(",")) == 11 for line in lines[1:])


def test_shapes_and_fresh_arrays() -> None:
    for standardize in (True, False):
        A, y = load_diabetes(standardize=standardize)
        assert A.shape == (442, len(DIABETES_FEATURES))
        assert y.shape == (442,)
        assert A.dtype == y.dtype == np.float64
        A[0, 0] = np.nan  # the caller owns the arrays: the next call is not affected
        assert np.isfinite(load_diabetes(standardize=standardize)[0]).all()


def test_raw_values_as_published() -> None:
    A, y = load_diabetes(standardize=False)
    assert set(np.unique(A[:, DIABETES_FEATURES.index("sex")])) == {1.0, 2.0}
    assert y.min() == 25.0
    assert y.max() == 346.0
    assert np.all(y == np.round(y))


def test_standardisation_identities() -> None:
    A, y = load_diabetes()
    A_raw, y_raw = load_diabetes(standardize=False)
    np.testing.assert_allclose(A.mean(axis=0), 0.0, atol=1e-14)
    np.testing.assert_allclose((A**2).mean(axis=0), 1.0, rtol=1e-12)
    assert abs(y.mean()) < 1e-14
    assert (y**2).mean() == pytest.approx(1.0, rel=1e-12)
    # an affine change of each column: the raw column is a + b * standardised, b > 0
    for j in range(A.shape[1]):
        slope, intercept = np.polyfit(A[:, j], A_raw[:, j], 1)
        assert slope == pytest.approx(A_raw[:, j].std(), rel=1e-10)
        np.testing.assert_allclose(intercept + slope * A[:, j], A_raw[:, j], rtol=1e-10)
    np.testing.assert_allclose(y_raw.mean() + y_raw.std() * y, y_raw, rtol=1e-12)


def test_least_squares_minimum_is_one_minus_r_squared() -> None:
    """Standardised: f(0) = 1 and f* = 1 - R^2 of the raw regression with an intercept."""
    A, y = load_diabetes()
    problem = LeastSquares(A, y)
    assert problem(np.zeros(A.shape[1])) == pytest.approx(1.0, rel=1e-12)
    f_star = problem(problem.solve())
    A_raw, y_raw = load_diabetes(standardize=False)
    raw = LeastSquares(A_raw, y_raw, intercept=True)
    r_squared = 1 - raw(raw.solve()) / y_raw.var()
    assert f_star == pytest.approx(1 - r_squared, rel=1e-9)
    assert 0 < f_star < 1


def test_equals_scikit_learns_copy() -> None:
    """Where scikit-learn is installed: its raw table, and its scaled features (centred,
    unit sum of squares) are ours divided by sqrt(n)."""
    datasets = pytest.importorskip("sklearn.datasets")
    raw = datasets.load_diabetes(scaled=False)
    A_raw, y_raw = load_diabetes(standardize=False)
    np.testing.assert_array_equal(A_raw, raw.data)
    np.testing.assert_array_equal(y_raw, raw.target)
    assert tuple(raw.feature_names) == DIABETES_FEATURES
    scaled = datasets.load_diabetes().data
    A, _ = load_diabetes()
    np.testing.assert_allclose(A / np.sqrt(A.shape[0]), scaled, rtol=1e-10, atol=1e-14)


def test_the_wheel_ships_the_data() -> None:
    """Every file of gdbook/_data matches a package-data pattern of pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["gdbook"]
    files = sorted(p.relative_to(ROOT / "gdbook").as_posix() for p in DATA.iterdir())
    assert "_data/diabetes.csv.gz" in files
    for name in files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


@pytest.mark.parametrize("bad", [1, "yes", None, 1.0])
def test_standardize_must_be_a_bool(bad: object) -> None:
    with pytest.raises(TypeError, match=r"'standardize' parameter of load_diabetes must be a bool"):
        load_diabetes(standardize=bad)  # type: ignore[arg-type]


def test_exported() -> None:
    assert gdbook.load_diabetes is load_diabetes
