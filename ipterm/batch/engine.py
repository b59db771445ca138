"""The local engine: shards, worker processes, and resumable output.

The dataset is cut into contiguous shards.  Each worker process receives the
dataset once (a memory-mapped Arrow table pickles as a file reference), builds
the task's state once, and then processes whole shards, writing each one to
``work_dir/shard-NNNNN.parquet`` atomically.  The parent only hands out shard
numbers and counts what comes back, so two workers really use two cores, and
memory stays flat however long the corpus is: at most one shard per worker is
in memory.

Resuming: the work folder keeps a manifest with the task options and the
input's fingerprint; shard files that exist are not redone.  A run that was
killed halfway continues where it stopped.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipterm.batch.tasks import TaskOptions, options_fingerprint, worker_state
from ipterm.errors import InputError
from ipterm.text.io import write_text

MANIFEST = "manifest.json"
Progress = Callable[[int, int], None]

_DATASET: Any = None  # the dataset inside a worker process, set by the pool initializer
_OPTIONS: TaskOptions | None = None


@dataclass(frozen=True)
class BatchStats:
    """What a run did: useful for progress lines and for the benchmark."""

    records: int
    shards: int
    shards_done_before: int
    seconds: float
    work_dir: str

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def _init_worker(dataset: Any, options: TaskOptions) -> None:
    global _DATASET, _OPTIONS
    _DATASET, _OPTIONS = dataset, options
    worker_state(options)  # build glossary/matcher/... once, before the first shard


def _run_shard(job: tuple[int, int, int, str]) -> int:
    index, start, stop, path = job
    assert _OPTIONS is not None
    process_shard(_DATASET, _OPTIONS, start, stop, Path(path))
    return stop - start


def process_shard(dataset: Any, options: TaskOptions, start: int, stop: int, path: Path) -> None:
    """Run the task on rows ``start:stop`` and write them, with the new columns, to ``path``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = dataset[start:stop]
    rows.update(worker_state(options)(rows))
    table = pa.Table.from_pydict(rows)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def dataset_fingerprint(dataset: Any) -> str:
    fingerprint = getattr(dataset, "_fingerprint", None)
    return str(fingerprint) if fingerprint else f"rows={len(dataset)}"


def _prepare_work_dir(work_dir: Path, options: TaskOptions, dataset: Any, shard_size: int) -> None:
    work_dir.mkdir(parents=True, exist_ok=True)
    manifest = {
        "options": json.loads(options_fingerprint(options)),
        "input": dataset_fingerprint(dataset),
        "rows": len(dataset),
        "shard_size": shard_size,
    }
    path = work_dir / MANIFEST
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            old = None
        if old != manifest:
            raise InputError(
                "the work folder holds results of a different run (other input, task or settings); "
                "give another --work-dir, or delete this one to start again",
                path=work_dir,
            )
        return
    write_text(path, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def shard_paths(work_dir: Path, n_shards: int) -> list[Path]:
    return [work_dir / f"shard-{i:05d}.parquet" for i in range(n_shards)]


def run_local(
    dataset: Any,
    options: TaskOptions,
    *,
    work_dir: Path,
    num_proc: int = 1,
    shard_size: int = 2000,
    progress: Progress | None = None,
) -> BatchStats:
    """Process every shard not already in ``work_dir``; see the module docstring."""
    if shard_size < 1:
        raise InputError(f"shard size must be at least 1, not {shard_size}")
    if num_proc < 1:
        raise InputError(f"num_proc must be at least 1, not {num_proc}")
    columns = list(getattr(dataset, "column_names", None) or [])
    missing = [c for c in options.required_columns() if c not in columns]
    if missing:
        raise InputError(
            f"the input has no column {missing[0]!r} (columns: {', '.join(columns)}); "
            "name the right one with --column / --source-column / --target-column"
        )
    check_text_columns(dataset, options.required_columns())
    _prepare_work_dir(work_dir, options, dataset, shard_size)
    rows = len(dataset)
    n_shards = max(1, -(-rows // shard_size))
    paths = shard_paths(work_dir, n_shards)
    jobs = [
        (i, i * shard_size, min(rows, (i + 1) * shard_size), str(p))
        for i, p in enumerate(paths)
        if not p.exists()
    ]
    done_before = n_shards - len(jobs)
    started = time.perf_counter()
    processed = 0
    if progress:
        progress(done_before, n_shards)
    for finished, count in enumerate(_execute(dataset, options, jobs, num_proc), start=1):
        processed += count
        if progress:
            progress(done_before + finished, n_shards)
    return BatchStats(
        processed, n_shards, done_before, time.perf_counter() - started, str(work_dir)
    )


def check_text_columns(dataset: Any, columns: list[str] | tuple[str, ...]) -> None:
    """Refuse, before any work, a text column that holds numbers, lists or objects.

    The error names the column and the first bad row, so the corpus can be fixed.
    """
    features = getattr(dataset, "features", None) or {}
    for column in columns:
        feature = features.get(column)
        dtype = getattr(feature, "dtype", None)
        if dtype in ("string", "large_string", "null"):
            continue
        first = _first_non_text_row(dataset, column)
        raise InputError(
            f"column {column!r} must hold text, but row {first} holds "
            f"{_describe(dataset[first][column])}; quote the values as strings"
        )


def _first_non_text_row(dataset: Any, column: str) -> int:
    for index, value in enumerate(dataset[column]):
        if value is not None and not isinstance(value, str):
            return index
    return 0


def _describe(value: Any) -> str:
    kind = type(value).__name__
    text = repr(value)
    return f"a {kind} ({text[:40]}{'...' if len(text) > 40 else ''})"


def _execute(dataset: Any, options: TaskOptions, jobs: list, num_proc: int) -> Iterator[int]:
    if not jobs:
        return
    if num_proc == 1 or len(jobs) == 1:
        _init_worker(dataset, options)
        for job in jobs:
            yield _run_shard(job)
        return
    # fork shares the parent's imported modules; spawn is the fallback where fork is missing.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        worker_state(options)  # built once here, inherited copy-on-write by every worker
    context = multiprocessing.get_context(method)
    with context.Pool(
        min(num_proc, len(jobs)), initializer=_init_worker, initargs=(dataset, options)
    ) as pool:
        yield from pool.imap_unordered(_run_shard, jobs)
