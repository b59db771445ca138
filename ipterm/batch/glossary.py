"""Glossary building over a large corpus: count shards in parallel, merge, score once.

Building a glossary has two passes of different shape.  Counting (which
candidates each aligned segment holds) is per record and splits into shards
that any number of workers can do; scoring (association, lexical evidence,
the conditional logit) needs the counts of the whole corpus.  So each worker
returns a :class:`ipterm.align.corpus.Counts` for its shard with no pruning,
:func:`ipterm.align.corpus.merge_counts` joins them into global ids in corpus
order and prunes once, and :meth:`GlossaryBuilder.fit_counts` scores: the
same pairs as a one-process ``GlossaryBuilder.fit``, however the corpus was cut.

The same counting runs as the ``candidates`` batch task (one row in, the
row's candidate strings out, :func:`record_candidates`), for a cluster that
wants the first pass as a column.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from typing import Any

from ipterm.errors import InputError

__all__ = ["build_glossary_sharded", "record_candidates"]

# Inside a worker process: the dataset, the segmenter and the counting options, set once.
_WORKER: dict[str, Any] = {}
# Segmenters of the glossaries seen by record_candidates, kept with the glossary they serve.
_SEGMENTERS: dict[int, tuple[Any, Any]] = {}


def _segmenter_for(glossary) -> Any:
    from ipterm.align.builder import make_segmenter, segmenter_words

    hit = _SEGMENTERS.get(id(glossary))
    if hit is not None and hit[0] is glossary:
        return hit[1]
    if len(_SEGMENTERS) > 8:  # a long-lived worker that sees many glossaries
        _SEGMENTERS.clear()
    segmenter = make_segmenter(segmenter_words(glossary))
    _SEGMENTERS[id(glossary)] = (glossary, segmenter)
    return segmenter


def record_candidates(zh: str, en: str, glossary=None) -> tuple[list[str], list[str]]:
    """The Chinese and English term candidates of one aligned record, as written, in text order.

    These are exactly what the glossary builder counts for the record (the
    glossary's Chinese terms seed the segmenter), one string per candidate (its
    first spelling: "the patentee" and "patentee" are one).  An empty side gives ``[]``.

    >>> from ipterm.glossary.model import Glossary
    >>> zh, en = record_candidates("專利權人", "the patentee", Glossary(()))
    >>> "專利權人" in zh, en
    (True, ['patentee'])
    """
    from ipterm.align.builder import BuilderConfig, GlossaryBuilder
    from ipterm.align.corpus import segment_items

    options = GlossaryBuilder.count_options_of(BuilderConfig())
    zh_items, en_items = segment_items(zh or "", en or "", _segmenter_for(glossary), **options)
    zh_out: dict[str, str] = {}
    for key, text, _, _ in zh_items:
        zh_out.setdefault(key, text)
    en_out: dict[str, str] = {}
    for key, text, _ in en_items:
        en_out.setdefault(key, text)
    return list(zh_out.values()), list(en_out.values())


def _dataset(records: Any, source_column: str, target_column: str) -> Any:
    from ipterm.batch.io import records_to_dataset

    if isinstance(records, Sequence) and records and isinstance(records[0], (tuple, list)):
        records = [{source_column: zh, target_column: en} for zh, en in records]
    dataset = records_to_dataset(records)
    for column in (source_column, target_column):
        if column not in dataset.column_names:
            raise InputError(
                f"the records have no column {column!r} (columns: "
                f"{', '.join(dataset.column_names)}); name the right one with "
                "source_column= / target_column="
            )
    return dataset


def _init_worker(dataset: Any, words: list[str], options: dict, columns: tuple[str, str]) -> None:
    from ipterm.align.builder import make_segmenter

    segmenter = make_segmenter(words)
    segmenter.cut("专利")  # build the jieba dictionary now, not inside the first shard
    _WORKER.update(dataset=dataset, segmenter=segmenter, options=options, columns=columns)


def _count_range(job: tuple[int, int]) -> Any:
    from ipterm.align.corpus import count_shard

    start, stop = job
    source, target = _WORKER["columns"]
    rows = _WORKER["dataset"][start:stop]
    pairs = [(zh or "", en or "") for zh, en in zip(rows[source], rows[target], strict=True)]
    return count_shard(pairs, _WORKER["segmenter"], **_WORKER["options"])


def build_glossary_sharded(
    records_or_dataset: Any,
    *,
    num_proc: int = 1,
    shard_size: int = 2000,
    source_column: str = "source",
    target_column: str = "target",
    glossary=None,
    config=None,
) -> list:
    """Proposed pairs of a whole corpus, counted in ``num_proc`` processes, scored once.

    ``records_or_dataset``: a ``datasets.Dataset``, a list of dicts (or of
    ``(zh, en)`` tuples), or any iterable of dicts.  ``glossary`` defaults to
    the bundled one (segmenter seeds and lexical evidence, as in
    :func:`ipterm.align.propose`).  The result equals ``propose`` on the same
    segments whatever ``num_proc`` and ``shard_size``.
    """
    from ipterm.align.builder import GlossaryBuilder, segmenter_words

    if num_proc < 1 or shard_size < 1:
        raise InputError(
            f"num_proc and shard_size must be at least 1, not {num_proc} and {shard_size}"
        )
    if glossary is None:
        from ipterm.glossary.io import load_glossary

        glossary = load_glossary()
    dataset = _dataset(records_or_dataset, source_column, target_column)
    builder = GlossaryBuilder(glossary, config=config)
    rows = len(dataset)
    jobs = [(a, min(rows, a + shard_size)) for a in range(0, rows, shard_size)]
    initargs = (
        dataset,
        segmenter_words(glossary),
        builder.count_options(),
        (source_column, target_column),
    )
    if num_proc == 1 or len(jobs) <= 1:
        _init_worker(*initargs)
        try:
            shards = [_count_range(job) for job in jobs]
        finally:
            _WORKER.clear()
    else:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        with context.Pool(min(num_proc, len(jobs)), _init_worker, initargs) as pool:
            shards = list(pool.imap(_count_range, jobs))  # in corpus order: ids merge stably
    counts = builder.merge(shards)

    def example(s: int) -> tuple[str, str]:
        row = dataset[s]
        return (row[source_column] or "", row[target_column] or "")

    return builder.fit_counts(counts, example).pairs()
