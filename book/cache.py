"""The build's one cache: what a key covers is defined here, once; entries survive faults.

Every cached artefact of the build (a chapter's facts, figures and explorer data, the
output of a page's code, the typeset formulas) is an *entry*: bytes stored under a *key*.

What a key covers (:func:`key`): the cache format, the kind of entry, the Python version,
the versions of the libraries that shape the output, the path and content of every source
file the work reads (gdbook, the chapter's folder, the build code that does the work, data
files), and the work's own input (a page's code, a figure's name). A change to any of them
gives a new key, so an entry is never used for other inputs than its own.

Faults (:class:`Cache`): an entry is written to a temporary file in the same folder, flushed
to disk and renamed into place, so a build killed at any moment leaves either the whole
entry or none. Each entry starts with a header holding its key and the SHA-256 of its
payload; a read that finds a truncated or corrupted entry, or one written for another key,
deletes it and reports a miss, and the work is done again.

Examples
--------
>>> import tempfile
>>> store = Cache("demo", Path(tempfile.mkdtemp()))
>>> k = key("demo", data="print(1)")
>>> store.get(k) is None
True
>>> store.put(k, b"1\\n")
>>> store.get(k)
b'1\\n'
>>> store.path(k).write_bytes(store.path(k).read_bytes()[:-1])  # truncate it
146
>>> store.get(k) is None and not store.path(k).exists()
True
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FORMAT = "gdbook-cache-2"
MAGIC = FORMAT.encode() + b"\n"

NUMERIC_LIBRARIES = ("numpy",)
"""Libraries whose version can change a computed number."""

FIGURE_LIBRARIES = ("numpy", "matplotlib")
"""Libraries whose version can change a drawn figure."""


def root() -> Path:
    """The folder of the cache: ``$GDBOOK_CACHE_DIR``, or ``.cache`` in the repository."""
    return Path(os.environ.get("GDBOOK_CACHE_DIR", ROOT / ".cache"))


def gdbook_sources() -> list[Path]:
    """Every source file of the gdbook package, sorted."""
    return _python_files(ROOT / "gdbook")


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


@cache
def _library_version(name: str) -> str:
    return version(name)


def _file_digest(path: Path) -> bytes:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except FileNotFoundError:
        return b"missing"


def key(
    kind: str,
    *,
    sources: Iterable[Path] = (),
    libraries: Iterable[str] = (),
    data: str | bytes = b"",
) -> str:
    """Return the key of an entry: a SHA-256 over everything its content depends on.

    Parameters
    ----------
    kind : str
        What the entry is (``"facts"``, ``"figures"``, ``"pagecode"``...).
    sources : iterable of Path
        Every file the work reads: its path (relative to the repository) and content count.
    libraries : iterable of str
        Distributions whose version shapes the output (``"numpy"``, ``"matplotlib"``).
    data : str or bytes
        The work's own input, e.g. the code of a page.

    Examples
    --------
    >>> key("facts", data="a") == key("facts", data="a") != key("facts", data="b")
    True
    >>> len(key("facts"))
    64
    """
    digest = hashlib.sha256(MAGIC + kind.encode() + b"\0")
    digest.update(f"python {sys.version_info.major}.{sys.version_info.minor}\0".encode())
    for name in sorted(set(libraries)):
        digest.update(f"{name} {_library_version(name)}\0".encode())
    for path in sorted(set(sources)):
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        digest.update(str(where).encode() + b"\0" + _file_digest(path))
    digest.update(b"\0data\0" + (data.encode() if isinstance(data, str) else data))
    return digest.hexdigest()


class Cache:
    """Entries of one kind, in ``<root>/<kind>/``: atomic writes, verified reads.

    Parameters
    ----------
    kind : str
        The entries' kind; also the name of their folder.
    folder : Path, optional
        The cache's root; :func:`root` by default.
    """

    def __init__(self, kind: str, folder: Path | None = None) -> None:
        self.kind = kind
        self.folder = (folder if folder is not None else root()) / kind

    def path(self, entry_key: str) -> Path:
        """The file of an entry."""
        return self.folder / f"{entry_key[:40]}.entry"

    def get(self, entry_key: str) -> bytes | None:
        """Return an entry's payload, or None when it is missing, damaged or another key's.

        A damaged entry (truncated, corrupted, written for another key or by another
        version of this module) is deleted.
        """
        path = self.path(entry_key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        header_end = len(MAGIC) + 64 + 1 + 64 + 1
        head, payload = raw[:header_end], raw[header_end:]
        expected = MAGIC + entry_key.encode() + b"\n"
        if (
            len(head) == header_end
            and head.startswith(expected)
            and head[len(expected) : -1] == hashlib.sha256(payload).hexdigest().encode()
        ):
            return payload
        path.unlink(missing_ok=True)
        return None

    def put(self, entry_key: str, payload: bytes) -> None:
        """Store an entry atomically: a reader sees the whole entry or none."""
        if len(entry_key) != 64:
            raise ValueError(f"entry_key must be a SHA-256 hex digest. Got {entry_key!r}.")
        self.folder.mkdir(parents=True, exist_ok=True)
        header = MAGIC + entry_key.encode() + b"\n"
        header += hashlib.sha256(payload).hexdigest().encode() + b"\n"
        handle, temporary = tempfile.mkstemp(prefix=".partial-", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(header + payload)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path(entry_key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get_json(self, entry_key: str) -> Any:
        """:meth:`get` for an entry written by :meth:`put_json`; None when missing."""
        payload = self.get(entry_key)
        return None if payload is None else json.loads(payload)

    def put_json(self, entry_key: str, value: Any) -> None:
        """Store a JSON value."""
        self.put(entry_key, json.dumps(value, ensure_ascii=False, sort_keys=True).encode())

    def get_files(self, entry_key: str) -> tuple[Any, dict[str, bytes]] | None:
        """:meth:`get` for an entry written by :meth:`put_files`: ``(meta, files)``."""
        payload = self.get(entry_key)
        if payload is None:
            return None
        head, _, body = payload.partition(b"\n")
        index = json.loads(head)
        files, position = {}, 0
        for name, size in index["files"]:
            files[name] = body[position : position + size]
            position += size
        return index["meta"], files

    def put_files(self, entry_key: str, meta: Any, files: Mapping[str, bytes]) -> None:
        """Store several named files and a JSON ``meta`` value as one entry."""
        names = sorted(files)
        index = {"meta": meta, "files": [[name, len(files[name])] for name in names]}
        head = json.dumps(index, ensure_ascii=False, sort_keys=True).encode()
        self.put(entry_key, head + b"\n" + b"".join(files[name] for name in names))
