"""Sentence and paragraph splitting: golden cases in tests/data/text/sentences.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipterm.errors import InputError
from ipterm.text.sentences import Span, detect_language, split_paragraphs, split_sentences

CASES = json.loads((Path(__file__).parent / "data" / "text" / "sentences.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_sentences(case):
    spans = split_sentences(case["text"], lang=case["lang"])
    assert [s.text for s in spans] == case["expect"]
    for span in spans:
        assert case["text"][span.start : span.end] == span.text
        assert span.text == span.text.strip()


def test_spans_are_ordered_and_disjoint():
    text = "第一句。第二句！Third one. Fourth?\n\n- item\n第五句"
    spans = split_sentences(text)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start


def test_decimal_inside_chinese_is_not_a_boundary():
    assert len(split_sentences("专利授权量增长了11.7%，达到53.2万件。")) == 1


def test_last_clause_without_full_stop_is_kept():
    assert split_sentences("第一句。第二句没有句号")[-1].text == "第二句没有句号"


def test_bad_language_is_an_input_error():
    with pytest.raises(InputError, match="'fr'"):
        split_sentences("text", lang="fr")


def test_paragraphs():
    text = "  第一段第一行\n第一段第二行\n\n\n Second paragraph.\n \nThird"
    paras = split_paragraphs(text)
    assert [p.text for p in paras] == ["第一段第一行\n第一段第二行", "Second paragraph.", "Third"]
    assert all(text[p.start : p.end] == p.text for p in paras)
    assert split_paragraphs("") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("国家知识产权局", "zh"),
        ("國家知識產權局發布 CNIPA report", "zh"),
        ("The China National Intellectual Property Administration", "en"),
        ("The CNIPA (国家知识产权局) is an agency of the State Council.", "en"),
        ("12345", "en"),
        ("\U00020000\U00020001", "zh"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_span_to_dict():
    assert Span(0, 2, "专利").to_dict() == {"start": 0, "end": 2, "text": "专利"}
