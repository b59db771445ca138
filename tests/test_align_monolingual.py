"""Glossary builder on one-language documents: terms by form, equivalents from resources."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ipterm.align import propose_from_text
from ipterm.align.candidates_en import extract_terms
from ipterm.glossary.model import Concept, Glossary, Term

DATA = Path(__file__).parent / "data" / "align"


def _glossary() -> Glossary:
    return Glossary(
        (
            Concept(
                "cnipa",
                (
                    Term("国家知识产权局", "zh"),
                    Term("China National Intellectual Property Administration", "en"),
                    Term("CNIPA", "en", term_type="acronym"),
                ),
            ),
            Concept(
                "samr",
                (
                    Term("国家市场监督管理总局", "zh"),
                    Term("State Administration for Market Regulation", "en"),
                    Term("SAMR", "en", term_type="acronym"),
                ),
            ),
            Concept("patent", (Term("专利", "zh"), Term("patent", "en"))),
        )
    )


def test_extract_acronym_definitions_and_quoted_names():
    text = (DATA / "briefing.en.txt").read_text(encoding="utf-8")
    found = {(c.text, c.kind) for c in extract_terms(text)}
    assert ("China National Intellectual Property Administration", "definition") in found
    assert ("CNIPA", "acronym") in found and ("SAMR", "acronym") in found
    assert ("Blue-Sky", "quoted") in found
    assert any(
        text == "abnormal patent applications" or text == "patent applications" for text, _ in found
    )


def test_extract_spans_point_into_text():
    text = "The State Administration for Market Regulation (the “SAMR”) acted."
    for cand in extract_terms(text):
        assert text[cand.start : cand.end] == cand.text


def test_english_document_proposals_come_from_glossary():
    text = (DATA / "briefing.en.txt").read_text(encoding="utf-8")
    pairs = propose_from_text(text, glossary=_glossary(), use_cedict=False)
    got = {(p.en, p.zh) for p in pairs}
    assert ("CNIPA", "国家知识产权局") in got
    assert ("State Administration for Market Regulation", "国家市场监督管理总局") in got
    assert all("monolingual" in p.evidence.kinds for p in pairs)
    assert all(
        p.confidence < 0.9 for p in pairs
    )  # proposals from one language stay below parallel ones


def test_english_document_encoder_neighbour():
    def fake_encode(texts):
        # "Blue-Sky" lands on 专利's vector, everything else is orthogonal noise.
        out = []
        for t in texts:
            v = np.zeros(4)
            v[0 if t in ("专利", "Blue-Sky") else (hash(t) % 3) + 1] = 1.0
            out.append(v)
        return np.array(out)

    text = "The “Blue-Sky” campaign."
    pairs = propose_from_text(
        text, lang="en", glossary=_glossary(), encode=fake_encode, use_cedict=False
    )
    assert [(p.zh, p.en, p.evidence.kinds[-1]) for p in pairs] == [("专利", "Blue-Sky", "encoder")]


def test_chinese_document_traditional_and_fullwidth():
    text = "國家知識產權局發布專利數據。國家知識產權局表示，專利申請增加"  # last clause without 。
    pairs = propose_from_text(text, glossary=_glossary(), use_cedict=False)
    assert pairs and pairs[0].zh == "國家知識產權局"  # original Traditional text is reported
    assert pairs[0].en == "China National Intellectual Property Administration"


def test_empty_text_gives_nothing():
    assert propose_from_text("   ", lang="en", glossary=_glossary(), use_cedict=False) == []
