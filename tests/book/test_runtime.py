"""The Run buttons' runtime (book/runtime.py): pinned, verified, and refused when it is not.

These tests use the downloaded runtime (``make`` fetches it before the build); without it
they fail with the message that says how to fetch it.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from book import runtime


def test_the_page_gets_numpy_matplotlib_and_their_dependencies_all_verified() -> None:
    lock = runtime.load_lock()
    packages = runtime.needed_packages(lock)
    assert {"numpy", "matplotlib", "contourpy", "pillow"} <= set(packages)
    files = runtime.verified_files()
    assert set(runtime.CORE) <= set(files)
    assert len(files) == len(runtime.CORE) + 1 + len(packages)  # + the lock file


@pytest.mark.parametrize("damage", ["missing", "changed"])
def test_a_missing_or_changed_wheel_fails_naming_the_file_and_the_fix(
    tmp_path: Path, damage: str
) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(runtime.CACHE, cache)
    [wheel] = (cache / "wheels").glob("numpy-*.whl")
    if damage == "missing":
        wheel.unlink()
    else:
        data = wheel.read_bytes()
        wheel.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit flipped
    with pytest.raises(runtime.RuntimeFilesError) as error:
        runtime.copy_runtime(tmp_path / "site", cache)
    message = str(error.value)
    assert wheel.name in message and "make" in message
    assert ("is missing" if damage == "missing" else "SHA-256") in message


def test_a_changed_core_file_fails(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(runtime.CACHE, cache)
    core = cache / "core" / "pyodide.asm.wasm"
    data = core.read_bytes()
    core.write_bytes(bytes([data[0] ^ 1]) + data[1:])  # one bit flipped
    with pytest.raises(runtime.RuntimeFilesError, match=r"pyodide\.asm\.wasm has SHA-256"):
        runtime.verified_files(cache)


def test_the_gdbook_wheel_is_reproducible_and_holds_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = runtime.build_gdbook_wheel(tmp_path / "a")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    second = runtime.build_gdbook_wheel(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    sources = sorted(
        p.relative_to(runtime.ROOT).as_posix() for p in (runtime.ROOT / "gdbook").glob("*.py")
    )
    assert sorted(n for n in names if n.endswith(".py")) == sources
    assert "gdbook-0.1.0.dist-info/RECORD" in names
