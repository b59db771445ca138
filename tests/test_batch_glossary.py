"""Glossary building in shards: the same pairs in one process, in shards, and in workers."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("datasets")

from ipterm.align import BuilderConfig, propose  # noqa: E402
from ipterm.batch.glossary import build_glossary_sharded, record_candidates  # noqa: E402
from ipterm.errors import InputError  # noqa: E402
from ipterm.glossary.model import Glossary  # noqa: E402

DATA = Path(__file__).parent / "data" / "align"
FAST = BuilderConfig(use_cedict=False, use_pos=False)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.from_pairs([("专利", "patent"), ("发明", "invention")])


@pytest.fixture(scope="module")
def segments() -> list[tuple[str, str]]:
    lines = (DATA / "patent_act_pairs.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines]  # type: ignore[misc]


@pytest.fixture(scope="module")
def expected(segments, glossary) -> list[tuple]:
    return _key(propose(segments, glossary=glossary, config=FAST))


def _key(pairs) -> list[tuple]:
    return [(p.zh, p.en, round(p.confidence, 12), p.frequency, p.evidence.examples) for p in pairs]


def test_shards_in_one_process_match_propose(segments, glossary, expected):
    records = [{"source": zh, "target": en} for zh, en in segments]
    got = build_glossary_sharded(records, shard_size=7, glossary=glossary, config=FAST)
    assert expected and _key(got) == expected


def test_worker_processes_match_propose(segments, glossary, expected):
    got = build_glossary_sharded(
        segments, num_proc=2, shard_size=9, glossary=glossary, config=FAST
    )  # a list of (zh, en) tuples is accepted too
    assert _key(got) == expected


def test_dataset_with_other_columns(segments, glossary, expected):
    import datasets

    data = datasets.Dataset.from_dict(
        {"zh": [zh for zh, _ in segments], "en": [en for _, en in segments]}
    )
    got = build_glossary_sharded(
        data, source_column="zh", target_column="en", glossary=glossary, config=FAST
    )
    assert _key(got) == expected


def test_bad_column_and_settings(segments, glossary):
    records = [{"source": zh, "target": en} for zh, en in segments]
    with pytest.raises(InputError, match="'tgt'"):
        build_glossary_sharded(records, target_column="tgt", glossary=glossary, config=FAST)
    with pytest.raises(InputError, match="at least 1"):
        build_glossary_sharded(records, num_proc=0, glossary=glossary, config=FAST)


def test_record_candidates_traditional_and_extension_b(glossary):
    text = "\U00020000專利權人應繳納年費"
    zh, en = record_candidates(text, "The patentee shall pay fees.", glossary)
    assert any("專利" in c for c in zh)  # as written, Traditional
    assert all(c in text for c in zh)
    assert "patentee" in en and len(en) == len(set(en))


def test_record_candidates_empty_and_none(glossary):
    assert record_candidates("", "", glossary) == ([], [])
    assert record_candidates(None, None, None) == ([], [])  # type: ignore[arg-type]
    zh, en = record_candidates("專利法", "", glossary)
    assert "專利法" in zh and en == []
