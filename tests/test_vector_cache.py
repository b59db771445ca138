"""The on-disk vector cache: keys, bounds, corruption and failures never change a result."""

from __future__ import annotations

import os
import sqlite3

import numpy as np
import pytest

from ipterm.encoder import vector_cache
from ipterm.encoder.vector_cache import VectorStore


def _vec(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float32)


def _store(tmp_path, fingerprint="model-a", limit=1.0, dim=2):
    return VectorStore(tmp_path / "v.sqlite3", fingerprint, dim=dim, limit=limit)


def test_round_trip_and_misses(tmp_path):
    store = _store(tmp_path)
    store.put("query", {"专利": _vec(0.6, 0.8), "𠀀 ext-B": _vec(1, 0)})
    found = store.get("query", ["专利", "𠀀 ext-B", "商标"])
    assert set(found) == {"专利", "𠀀 ext-B"}
    np.testing.assert_array_equal(found["专利"], _vec(0.6, 0.8))
    assert not found["专利"].flags.writeable
    # a fresh store on the same file (another run) sees them too
    assert set(_store(tmp_path).get("query", ["专利"])) == {"专利"}


def test_kind_and_model_are_part_of_the_key(tmp_path):
    _store(tmp_path).put("query", {"专利": _vec(0.6, 0.8)})
    assert _store(tmp_path).get("passage", ["专利"]) == {}
    assert _store(tmp_path, fingerprint="model-b").get("query", ["专利"]) == {}


def test_size_is_bounded_least_recently_used_first(tmp_path, monkeypatch):
    dim = 4
    row = 4 * dim + vector_cache._ROW_OVERHEAD  # 80 bytes
    store = _store(tmp_path, limit=10 * row / 2**20, dim=dim)  # room for 10 rows
    assert store.max_rows == 10
    clock = iter(range(1000, 2000))
    monkeypatch.setattr(vector_cache.time, "time", lambda: next(clock))
    store.put("query", {f"t{i}": _vec(i, 0, 0, 0) for i in range(8)})
    assert set(store.get("query", ["t0"])) == {"t0"}  # t0 used again: now the newest
    store.put("query", {f"u{i}": _vec(i, 1, 0, 0) for i in range(5)})  # 13 rows > 10
    (count,) = sqlite3.connect(store.path).execute("SELECT count(*) FROM vectors").fetchone()
    assert count == 9  # evicted down to 90 % of the limit
    kept = store.get("query", [f"t{i}" for i in range(8)] + [f"u{i}" for i in range(5)])
    assert "t0" in kept and "t1" not in kept and all(f"u{i}" in kept for i in range(5))


def test_a_limit_of_zero_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(vector_cache.LIMIT_ENV, "0")
    store = VectorStore(tmp_path / "v.sqlite3", "m", dim=2)
    store.put("query", {"a": _vec(1, 0)})
    assert store.get("query", ["a"]) == {} and not (tmp_path / "v.sqlite3").exists()
    monkeypatch.setenv(vector_cache.LIMIT_ENV, "lots")
    assert vector_cache.limit_mb() == vector_cache.DEFAULT_LIMIT_MB


def test_a_damaged_row_is_a_miss(tmp_path):
    store = _store(tmp_path)
    store.put("query", {"a": _vec(1, 0), "b": _vec(0, 1)})
    db = sqlite3.connect(store.path)
    update = "UPDATE vectors SET data = ? WHERE key = ?"
    with db:
        db.execute(update, (b"\x00" * 8, store._key("query", "a")))
        db.execute(update, (b"\x00" * 5, store._key("query", "b")))
    db.close()
    assert store.get("query", ["a", "b"]) == {}  # wrong CRC, wrong length
    store.put("query", {"a": _vec(1, 0)})
    assert set(store.get("query", ["a"])) == {"a"}  # overwritten with a good row


def test_a_file_that_is_not_a_database_is_replaced(tmp_path):
    path = tmp_path / "v.sqlite3"
    path.write_bytes(b"not sqlite at all " * 100)
    store = VectorStore(path, "m", dim=2, limit=1.0)
    assert store.get("query", ["a"]) == {}  # no error
    store.put("query", {"a": _vec(1, 0)})
    assert set(store.get("query", ["a"])) == {"a"} and not store.disabled


def test_truncated_database_is_survived(tmp_path):
    store = _store(tmp_path)
    store.put("query", {f"t{i}": _vec(i, 1) for i in range(500)})
    store._close()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"v.sqlite3{suffix}").unlink(missing_ok=True)
    data = store.path.read_bytes()
    store.path.write_bytes(data[: len(data) // 2])
    again = _store(tmp_path)
    found = again.get("query", [f"t{i}" for i in range(500)])
    for text, vector in found.items():  # whatever survives is right
        np.testing.assert_array_equal(vector, _vec(int(text[1:]), 1))
    again.put("query", {"new": _vec(2, 2)})  # and writing goes on, or is skipped quietly


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_home_turns_the_cache_off(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    store = VectorStore(locked / "sub" / "v.sqlite3", "m", dim=2, limit=1.0)
    store.put("query", {"a": _vec(1, 0)})
    assert store.get("query", ["a"]) == {} and store.disabled


def test_a_file_in_place_of_the_folder_turns_the_cache_off(tmp_path):
    (tmp_path / "home").write_text("a file, not a folder")
    store = VectorStore(tmp_path / "home" / "v.sqlite3", "m", dim=2, limit=1.0)
    store.put("query", {"a": _vec(1, 0)})
    assert store.get("query", ["a"]) == {} and store.disabled
