"""The build's one cache: what a key covers, and entries that survive faults."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest

from book import build, cache
from book.chapters import chapter


def test_docstring_examples_run() -> None:
    result = doctest.testmod(cache)
    assert result.attempted >= 6 and result.failed == 0


def test_a_key_covers_kind_data_sources_and_library_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "code.py"
    source.write_text("x = 1\n")
    base = cache.key("facts", sources=[source], libraries=["numpy"], data="a")
    assert base == cache.key("facts", sources=[source], libraries=["numpy"], data="a")
    assert base != cache.key("figures", sources=[source], libraries=["numpy"], data="a")
    assert base != cache.key("facts", sources=[source], libraries=["numpy"], data="b")
    assert base != cache.key("facts", sources=[source], libraries=[], data="a")
    source.write_text("x = 2\n")
    assert base != cache.key("facts", sources=[source], libraries=["numpy"], data="a")
    source.write_text("x = 1\n")
    assert base == cache.key("facts", sources=[source], libraries=["numpy"], data="a")
    monkeypatch.setattr(cache, "_library_version", lambda name: "0.0-other")
    assert base != cache.key("facts", sources=[source], libraries=["numpy"], data="a")


def test_a_chapter_key_covers_its_folder_and_gdbook_but_not_other_chapters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    two, three = chapter(2), chapter(3)
    before = {c.name: build.entry_key(c, "figures") for c in (two, three)}
    original = cache._file_digest

    def edited(name: str) -> None:
        monkeypatch.setattr(
            cache, "_file_digest", lambda p: original(p) + (b"edit" if p.name == name else b"")
        )

    edited("figures.py")  # every chapter's figures.py: both change
    assert all(build.entry_key(c, "figures") != before[c.name] for c in (two, three))
    monkeypatch.setattr(
        cache,
        "_file_digest",
        lambda p: original(p) + (b"edit" if p.parent == two.folder / "code" else b""),
    )
    assert build.entry_key(two, "figures") != before["ch02"]
    assert build.entry_key(three, "figures") == before["ch03"]
    edited("optimizers.py")  # gdbook: every chapter
    assert all(build.entry_key(c, "figures") != before[c.name] for c in (two, three))


@pytest.fixture
def store(tmp_path: Path) -> cache.Cache:
    return cache.Cache("test", tmp_path)


KEY = cache.key("test", data="one")
OTHER = cache.key("test", data="two")


def test_put_then_get(store: cache.Cache) -> None:
    assert store.get(KEY) is None
    store.put(KEY, b"payload")
    assert store.get(KEY) == b"payload"
    store.put_json(OTHER, {"b": [1, 2], "a": "한국어"})
    assert store.get_json(OTHER) == {"a": "한국어", "b": [1, 2]}
    store.put_files(KEY, {"size": 3}, {"x.svg": b"<svg/>", "x.png": b"\x89PNG\0\n"})
    assert store.get_files(KEY) == ({"size": 3}, {"x.png": b"\x89PNG\0\n", "x.svg": b"<svg/>"})


@pytest.mark.parametrize(
    "damage",
    ["truncated", "bit flipped", "empty", "another key's entry", "another format"],
)
def test_a_damaged_entry_is_a_miss_and_is_removed(store: cache.Cache, damage: str) -> None:
    store.put(KEY, b"the payload of one" * 100)
    store.put(OTHER, b"the payload of two")
    path = store.path(KEY)
    raw = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "bit flipped":
        middle = len(raw) - 50
        path.write_bytes(raw[:middle] + bytes([raw[middle] ^ 1]) + raw[middle + 1 :])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "another key's entry":
        path.write_bytes(store.path(OTHER).read_bytes())
    else:
        path.write_bytes(raw.replace(cache.MAGIC, b"gdbook-cache-1\n", 1))
    assert store.get(KEY) is None
    assert not path.exists()
    assert store.get(OTHER) == b"the payload of two"


def test_a_write_interrupted_before_the_rename_leaves_no_entry(
    store: cache.Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(source: object, target: object) -> None:
        raise KeyboardInterrupt  # the build is stopped between writing and renaming

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        store.put(KEY, b"payload")
    monkeypatch.undo()
    assert store.get(KEY) is None
    assert not list(store.folder.iterdir()), "the partial file is removed"


def test_a_key_must_be_a_digest(store: cache.Cache) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        store.put("short", b"")
