"""Editorial judgement: figures and decisions kept, protocol and pledges dropped.

The cases and briefings in tests/data/editorial/ were written for these tests;
none comes from examples/corpus, so the phrase lists are measured on text they
were not written from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipterm.summarise import Summarizer, SummarizerConfig, editorial
from ipterm.text.io import read_text

DATA = Path(__file__).parent / "data" / "editorial"
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:30] for c in CASES])
def test_lists_that_apply(case):
    assert sorted(editorial.explain(case["text"])) == sorted(case["expect"])


def test_factor_multiplies_the_lists():
    texts = [CASES[1]["text"], CASES[8]["text"], CASES[12]["text"]]
    assert [round(float(x), 2) for x in editorial.factor(texts)] == [0.1, 1.3, 1.0]


def test_a_restated_title_is_penalised():
    title = "Report on the Protection of Geographical Indications in 2022"
    found = editorial.explain("The report on the protection of geographical indications.",
                              title=title)  # fmt: skip
    assert found == {"title": 0.3}
    assert editorial.explain("Officials inspected 300 markets.", title=title) == {}


@pytest.mark.parametrize(
    ("name", "figure", "dropped"),
    [
        ("briefing_en.txt", "4,380", ("Good morning", "Thank you", "greater contributions",
                                       "press conference begins", "keep in mind")),
        ("briefing_zh.txt", "3260", ("大家好", "谢谢", "感谢", "奋力", "发布会")),
    ],
)  # fmt: skip
def test_briefing_bullets_keep_the_lead_figure_and_drop_protocol(name, figure, dropped):
    text = read_text(DATA / name)
    summary = Summarizer(SummarizerConfig(use_encoder=False, bullets=3)).summarise(text)
    bullets = [b.text for b in summary.bullets]
    assert any(figure in b for b in bullets), bullets
    for phrase in dropped:
        assert not any(phrase in b for b in bullets), (phrase, bullets)


def test_editorial_signal_is_reported_per_sentence():
    text = read_text(DATA / "briefing_en.txt")
    from ipterm.document import parse_document

    ranked = Summarizer(SummarizerConfig(use_encoder=False)).rank(parse_document(text))
    factors = {r.sentence.text: r.signals["editorial"] for r in ranked}
    pledge = next(t for t in factors if "greater contributions" in t)
    lead = next(t for t in factors if "4,380" in t)
    # national scope (x1.3) and the first counted figure of the briefing (lead, x1.3)
    assert factors[pledge] == pytest.approx(0.3) and factors[lead] == pytest.approx(1.69)
