"""Corpus inputs and outputs: JSONL, CSV, Parquet and TMX in, JSONL, CSV and Parquet out.

Inputs become a ``datasets.Dataset`` (Arrow, memory-mapped from the cache), so
a corpus larger than memory can be sharded; outputs are streamed shard by
shard from the engine's Parquet files and written atomically.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ipterm.errors import InputError, MissingDependencyError

INPUT_SUFFIXES = (".jsonl", ".json", ".csv", ".parquet", ".tmx")
OUTPUT_SUFFIXES = (".jsonl", ".csv", ".parquet")


def _datasets():
    try:
        import datasets
    except ImportError as exc:
        raise MissingDependencyError("datasets", "batch", "Batch processing") from exc
    datasets.disable_progress_bars()
    return datasets


@contextmanager
def _quiet_datasets() -> Iterator[None]:
    """Silence datasets' own log line for a read error: the InputError says it, once."""
    logger = logging.getLogger("datasets")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def load_records(path: str | Path) -> Any:
    """Read a corpus file into a ``datasets.Dataset``; the extension picks the reader."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        raise InputError(
            f"unsupported corpus format {suffix or '(none)'!r}; "
            f"use one of {', '.join(INPUT_SUFFIXES)}",
            path=path,
        )
    if not path.is_file():
        raise InputError("no such file", path=path)
    if path.stat().st_size == 0:
        raise InputError("the file is empty", path=path)
    if suffix == ".tmx":
        return _tmx_dataset(path)
    datasets = _datasets()
    readers = {
        ".jsonl": datasets.Dataset.from_json,
        ".json": datasets.Dataset.from_json,
        ".csv": datasets.Dataset.from_csv,
        ".parquet": datasets.Dataset.from_parquet,
    }
    source = path if suffix == ".parquet" else _as_utf8(path)
    if suffix == ".csv":
        _check_csv_rows(source, path)
    try:
        with _quiet_datasets():
            return readers[suffix](str(source))
    except Exception as exc:  # the builders raise many types (ArrowInvalid, DatasetGenerationError)
        cause = exc.__cause__ or exc
        raise InputError(
            f"cannot read it as {suffix[1:].upper()}: {type(cause).__name__}: {cause}", path=path
        ) from None


def _as_utf8(path: Path) -> Path:
    """``path`` itself when it is UTF-8, else a UTF-8 copy (GB18030, Big5, UTF-16 corpora).

    The encoding is judged on the first megabyte, and the copy is streamed, so a
    large corpus is never read into memory whole.
    """
    import tempfile

    from ipterm.text.io import detect_encoding

    with path.open("rb") as handle:
        sample = handle.read(1 << 20)
    encoding = detect_encoding(sample, path=path, partial=True)
    if encoding == "utf-8":
        return path
    copy = Path(tempfile.mkdtemp(prefix="ipterm-utf8-")) / path.name
    try:
        with (
            path.open(encoding=encoding, newline="") as source,
            copy.open("w", encoding="utf-8", newline="") as target,
        ):
            while chunk := source.read(1 << 20):
                target.write(chunk)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not valid {encoding} text throughout: {exc}", path=path
        ) from None
    return copy


def _check_csv_rows(source: Path, path: Path) -> None:
    """Refuse a CSV whose rows do not all have the header's number of fields.

    The Arrow CSV reader would otherwise shift columns or pad silently; the
    file is streamed, so this costs one pass and no memory.
    """
    import csv

    csv.field_size_limit(1 << 30)
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if not header:
            raise InputError("the CSV file has no header row", path=path)
        for row in reader:
            if row and len(row) != len(header):
                raise InputError(
                    f"line {reader.line_num}: {len(row)} fields where the header has "
                    f"{len(header)}; quote fields holding commas and fix the row",
                    path=path,
                )


def check_output_path(output: str | Path) -> Path:
    """Refuse an output name ipterm cannot write before any work is done."""
    output = Path(output)
    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InputError(
            f"unsupported output format {output.suffix or '(none)'!r}; "
            f"use one of {', '.join(OUTPUT_SUFFIXES)}",
            path=output,
        )
    if output.is_dir():
        raise InputError("is a folder; give a file name to write to", path=output)
    return output


def _tmx_dataset(path: Path) -> Any:
    from ipterm.check.segments import read_segments

    segments, bilingual = read_segments(path)
    if not bilingual:
        raise InputError("the TMX file has no bilingual units", path=path)
    datasets = _datasets()
    return datasets.Dataset.from_dict(
        {
            "id": [s.id or str(s.index) for s in segments],
            "source": [s.source for s in segments],
            "target": [s.target for s in segments],
        }
    )


def records_to_dataset(records: Any) -> Any:
    """A ``datasets.Dataset`` from a Dataset, a list of dicts, or any iterable of dicts.

    An iterable that is not a list is streamed to a temporary JSON Lines file
    and read from there, so it need not fit in memory.
    """
    datasets = _datasets()
    if isinstance(records, datasets.Dataset):
        return records
    if isinstance(records, dict):
        return datasets.Dataset.from_dict(records)
    if isinstance(records, Sequence):
        if not records:
            raise InputError("no records to process")
        return datasets.Dataset.from_list(list(records))
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="ipterm-records-"))
    path = folder / "records.jsonl"
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
    if not count:
        raise InputError("no records to process")
    return datasets.Dataset.from_json(str(path))


def write_output(shards: Sequence[Path], output: str | Path) -> int:
    """Concatenate the engine's Parquet shards into ``output`` (JSONL, CSV or Parquet)."""
    import pyarrow.parquet as pq

    output = check_output_path(output)
    suffix = output.suffix.lower()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder ({exc.strerror or exc})", path=output) from None
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    rows = 0
    try:
        if suffix == ".parquet":
            writer = None
            for shard in shards:
                table = pq.read_table(shard)
                if writer is None:
                    writer = pq.ParquetWriter(tmp, table.schema)
                writer.write_table(table)
                rows += table.num_rows
            if writer is not None:
                writer.close()
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                rows = _write_text_rows(shards, handle, csv_mode=suffix == ".csv")
        os.replace(tmp, output)
    except BaseException as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(
                f"cannot write the output ({exc.strerror or exc}); the previous output and "
                "the resume folder are unchanged, so the run can be repeated",
                path=output,
            ) from None
        raise
    return rows


def _write_text_rows(shards: Sequence[Path], handle, *, csv_mode: bool) -> int:
    import csv

    import pyarrow.parquet as pq

    rows = 0
    writer = None
    for shard in shards:
        for record in pq.read_table(shard).to_pylist():
            if csv_mode:
                # Nested columns (lists of findings) go into CSV cells as JSON.
                flat = {
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                    for k, v in record.items()
                }
                if writer is None:
                    writer = csv.DictWriter(handle, fieldnames=list(flat))
                    writer.writeheader()
                writer.writerow(flat)
            else:
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            rows += 1
    return rows
