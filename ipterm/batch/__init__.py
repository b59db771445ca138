"""Corpus-scale runs of find, check, highlights and glossary-candidate extraction.

>>> from ipterm.batch import run_batch
>>> result = run_batch([{"text": "国家知识产权局"}], "find")   # doctest: +SKIP
>>> result["n_terms"]                                        # doctest: +SKIP
[1]

Records come from a ``datasets.Dataset`` or any iterable of dicts; results
come back as new columns.  ``num_proc`` worker processes share the work on
one machine (:mod:`ipterm.batch.engine`, resumable through ``work_dir``), or
Ray Data runs it on a cluster (``engine="ray"``, :mod:`ipterm.batch.ray_engine`,
``pip install 'ipterm[ray]'``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from ipterm.batch.engine import BatchStats, run_local, shard_paths
from ipterm.batch.tasks import TaskOptions
from ipterm.errors import InputError

__all__ = ["BatchStats", "TaskOptions", "TASKS", "run_batch", "run_batch_to_file"]

TASKS = ("find", "check", "highlights", "candidates")


def _options(task: str, options: TaskOptions | None, kwargs: dict[str, Any]) -> TaskOptions:
    if task not in TASKS:
        raise InputError(f"unknown batch task {task!r}; choose one of {', '.join(TASKS)}")
    if options is not None:
        return options
    if "glossaries" in kwargs:
        kwargs["glossaries"] = tuple(str(g) for g in kwargs["glossaries"])
    return TaskOptions(task=task, **kwargs)


def run_batch(
    records: Any,
    task: str,
    *,
    num_proc: int = 1,
    work_dir: str | Path | None = None,
    shard_size: int = 2000,
    engine: str = "local",
    progress=None,
    options: TaskOptions | None = None,
    **task_options: Any,
) -> Any:
    """Run ``task`` over ``records`` and return a ``datasets.Dataset`` with the new columns.

    ``work_dir`` keeps finished shards so an interrupted run resumes; without
    it a temporary folder is used.  ``task_options`` are :class:`TaskOptions`
    fields (``glossaries``, ``text_column``, ``source_column``, ...).
    """
    from ipterm.batch.io import records_to_dataset

    opts = _options(task, options, task_options)
    dataset = records_to_dataset(records)
    if engine == "ray":
        from ipterm.batch.ray_engine import run_ray

        return run_ray(dataset, opts, num_proc=num_proc, batch_size=shard_size)
    if engine != "local":
        raise InputError(f"unknown engine {engine!r}; choose 'local' or 'ray'")
    import datasets

    folder = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="ipterm-batch-"))
    stats = run_local(
        dataset, opts, work_dir=folder, num_proc=num_proc, shard_size=shard_size, progress=progress
    )
    files = [str(p) for p in shard_paths(folder, stats.shards)]
    return datasets.Dataset.from_parquet(files)


def run_batch_to_file(
    input_path: str | Path,
    output_path: str | Path,
    task: str,
    *,
    num_proc: int = 1,
    work_dir: str | Path | None = None,
    shard_size: int = 2000,
    progress=None,
    **task_options: Any,
) -> BatchStats:
    """The CLI's path: corpus file in, corpus file out, resumable through ``work_dir``.

    Without ``work_dir`` the shards go to ``OUTPUT.parts/`` beside the output,
    so running the same command again after an interruption resumes; that
    folder is removed once the output is written.
    """
    from ipterm.batch.io import check_output_path, load_records, write_output

    opts = _options(task, None, task_options)
    check_output_path(output_path)
    dataset = load_records(input_path)
    output_path = Path(output_path)
    folder = Path(work_dir) if work_dir else output_path.with_name(output_path.name + ".parts")
    stats = run_local(
        dataset, opts, work_dir=folder, num_proc=num_proc, shard_size=shard_size, progress=progress
    )
    write_output(shard_paths(folder, stats.shards), output_path)
    if work_dir is None:
        # The shards only serve to resume an interrupted run; this one finished.
        shutil.rmtree(folder, ignore_errors=True)
    return stats
