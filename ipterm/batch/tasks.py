"""What a batch can run over each record, and the per-worker state it needs.

A task names the columns it reads and returns new columns for a whole batch
of records at once (``dict`` of equal-length lists, the layout of
``datasets.Dataset.map(batched=True)`` and Ray's ``map_batches``).  The
objects a task needs (glossary, matcher, checker, summariser) are built once
per worker process by :func:`worker_state`, never once per record.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ipterm.errors import InputError, ResourceNotFoundError

Batch = dict[str, list[Any]]


@dataclass(frozen=True)
class TaskOptions:
    """Everything a worker needs to rebuild a task's state; hashable, so state is cached by it."""

    task: str
    glossaries: tuple[str, ...] = ()
    text_column: str = "text"
    source_column: str = "source"
    target_column: str = "target"
    bullets: int = 3
    use_encoder: bool = False
    extra: tuple[tuple[str, str], ...] = field(default=())

    def required_columns(self) -> tuple[str, ...]:
        if self.task in ("check", "candidates"):
            return (self.source_column, self.target_column)
        return (self.text_column,)


@functools.cache
def _glossary(paths: tuple[str, ...]):
    from ipterm.glossary.io import load_glossaries

    return load_glossaries(list(paths) or None)


@functools.cache
def worker_state(options: TaskOptions) -> Callable[[Batch], Batch]:
    """The batch function for ``options``, built at most once per process."""
    builders = {
        "find": _find,
        "check": _check,
        "highlights": _highlights,
        "candidates": _candidates,
    }
    if options.task not in builders:
        raise ResourceNotFoundError("batch task", options.task, builders)
    return builders[options.task](options)


def _find(options: TaskOptions) -> Callable[[Batch], Batch]:
    from ipterm.glossary.matcher import Matcher

    matcher = Matcher(_glossary(options.glossaries))

    def run(batch: Batch) -> Batch:
        terms = []
        for text in batch[options.text_column]:
            matches = matcher.find(text or "")
            terms.append(
                [
                    {
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "lang": m.lang,
                        "concept": m.concept,
                    }
                    for m in matches
                ]
            )
        return {"terms": terms, "n_terms": [len(t) for t in terms]}

    return run


def _check(options: TaskOptions) -> Callable[[Batch], Batch]:
    from ipterm.check import Checker

    checker = Checker(_glossary(options.glossaries))
    # One real check loads the checker's lazy back-ends (CC-CEDICT for grading missing
    # terms, the segmenter) now, so forked workers inherit them instead of each paying
    # seconds of start-up.
    checker.check_pairs([("专利申请人应当缴纳年费。", "The applicant shall pay fees.")])

    def run(batch: Batch) -> Batch:
        pairs = list(zip(batch[options.source_column], batch[options.target_column], strict=True))
        report = checker.check_pairs([(s or "", t or "") for s, t in pairs])
        per_segment: list[list[dict[str, Any]]] = [[] for _ in pairs]
        for finding in report.findings:
            per_segment[finding.segment].append(
                {
                    "rule": finding.rule,
                    "severity": finding.severity,
                    "source_term": finding.source_term,  # None, as in `ipterm check --json`
                    "target_term": finding.target_term,
                    "message": finding.message,
                }
            )
        return {
            "findings": per_segment,
            "n_errors": [sum(f["severity"] == "error" for f in fs) for fs in per_segment],
        }

    return run


def _highlights(options: TaskOptions) -> Callable[[Batch], Batch]:
    from ipterm.summarise import Summarizer, SummarizerConfig

    summarizer = Summarizer(
        SummarizerConfig(bullets=options.bullets, use_encoder=options.use_encoder),
        glossary=_glossary(options.glossaries),
    )

    def run(batch: Batch) -> Batch:
        headlines: list = []
        bullets: list = []
        errors: list = []
        for text in batch[options.text_column]:
            try:
                result = summarizer.summarise(text or "")
            except InputError as exc:  # one unusable record must not stop a corpus run
                headlines.append("")
                bullets.append([])
                errors.append(str(exc))
                continue
            headlines.append(result.headline)
            bullets.append([b.text for b in result.bullets])
            errors.append("")
        return {"headline": headlines, "bullets": bullets, "error": errors}

    return run


def _candidates(options: TaskOptions) -> Callable[[Batch], Batch]:
    """Per-record term candidates (the first, countable pass of glossary building)."""
    from ipterm.batch.glossary import record_candidates

    glossary = _glossary(options.glossaries)

    def run(batch: Batch) -> Batch:
        zh_terms, en_terms = [], []
        for zh, en in zip(batch[options.source_column], batch[options.target_column], strict=True):
            found_zh, found_en = record_candidates(zh or "", en or "", glossary)
            zh_terms.append(found_zh)
            en_terms.append(found_en)
        return {"zh_candidates": zh_terms, "en_candidates": en_terms}

    return run


def options_fingerprint(options: TaskOptions) -> str:
    """A stable text form of the options, stored with resumable output to detect changes."""
    return json.dumps(
        {k: list(v) if isinstance(v, tuple) else v for k, v in options.__dict__.items()},
        sort_keys=True,
    )
