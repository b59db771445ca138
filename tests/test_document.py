"""parse_document: kinds, metadata, speakers and roles, debris, offsets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipterm.document import Document, parse_document
from ipterm.document.dates import find_dates, parse_date
from ipterm.document.debris import find_debris
from ipterm.document.policy import part_kind
from ipterm.errors import InputError
from ipterm.text.io import read_text

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
DATA = Path(__file__).resolve().parent / "data" / "summarise"


@pytest.fixture(scope="module")
def briefing() -> Document:
    return parse_document(read_text(CORPUS / "2021-04-25_scio_briefing_14th_fyp_ip_strength.txt"))


def test_briefing_metadata(briefing):
    assert briefing.kind == "transcript"
    assert briefing.lang == "en"
    assert briefing.date == dt.date(2021, 4, 25)
    assert briefing.title.startswith("SCIO briefing on implementing the Outline")
    assert "Beijing" not in briefing.title
    assert briefing.issuer == "State Council Information Office (SCIO)"


def test_briefing_speakers_and_roles(briefing):
    assert briefing.speakers["Shen Changyu"] == "official"
    assert briefing.speakers["Xing Huina"] == "moderator"
    assert briefing.speakers["Guangming Daily"] == "journalist"
    assert briefing.speaker("Shen Changyu").organisation == "CNIPA"  # via the glossary, from "NIPA"
    assert briefing.speaker("He Zhimin").organisation == "CNIPA"


def test_offsets_point_into_the_original(briefing):
    for sentence in briefing.sentences:
        assert briefing.text[sentence.start : sentence.end] == sentence.text
    for unit in briefing.units:
        assert briefing.text[unit.start : unit.end] == unit.text


def test_debris_is_left_out_but_offsets_kept(briefing):
    assert briefing.debris
    kinds = {briefing.text[s:e] for s, e in briefing.debris}
    assert "_ueditor_page_break_tag_" in kinds
    assert not any("_ueditor_page_break_tag_" in s.text for s in briefing.sentences)
    assert not any(s.text.startswith("/5") for s in briefing.sentences)


def test_excerpt_briefing_is_a_transcript_with_event_date():
    doc = parse_document(read_text(CORPUS / "2021-04-26_scio_briefing_ipr_protection_report.txt"))
    assert doc.kind == "transcript"
    # "held a press conference on April 26" completed with the year of "Updated: April 30, 2021"
    assert doc.date == dt.date(2021, 4, 26)
    assert doc.speakers == {"Xing Huina": "moderator", "CNR": "journalist", "Gan Lin": "official"}
    assert not any("1\xa0\xa02" in s.text for s in doc.sentences)  # pagination bar removed


@pytest.mark.parametrize(
    ("name", "kind", "date"),
    [
        (
            "2019-11_excerpt_opinions_strengthening_ipr_protection.txt",
            "policy",
            dt.date(2019, 11, 24),
        ),
        ("2020-12_excerpt_china_in_full_swing_ipr.txt", "news", dt.date(2020, 12, 18)),
        ("2021-02_excerpt_china_ip_highlights_issue2.txt", "newsletter", dt.date(2021, 2, 10)),
    ],
)
def test_kinds_of_the_example_documents(name, kind, date):
    doc = parse_document(read_text(CORPUS / name))
    assert (doc.kind, doc.date) == (kind, date)
    assert doc.title


def test_policy_sections():
    text = (
        "Opinions on Protection\n\nPromulgation Date: 2019-11-24\n\n"
        "I. General Requirements\n\nProtect IP strictly.\n\n"
        "II. Strengthen constraints\n\n(1) Increase punishments. Raise the compensation limit.\n\n"
        "(2) Regulate evidence. Draft rules.\n\n(3) Enforce cases. Build blacklists.\n\n"
        "III. Social oversight\n\n(4) Oversight. More of it.\n"
    )
    doc = parse_document(text)
    assert doc.kind == "policy"
    item = next(s for s in doc.sentences if "Raise the compensation" in s.text)
    assert item.section == "II. Strengthen constraints"
    assert doc.issuer is None and doc.date == dt.date(2019, 11, 24)


def test_inline_transcript_turns_and_chair():
    doc = parse_document(read_text(DATA / "hearing.txt"))
    assert doc.kind == "transcript"
    assert doc.speakers["Lynne Neagle AM"] == "moderator"
    assert doc.speakers["Suzy Davies AM"] == "journalist"
    assert doc.speakers["Kirsty Williams AM"] == "official"
    spoken = [s for s in doc.sentences if s.speaker == "Kirsty Williams AM"]
    assert spoken[0].text == "Thank you."


def test_chinese_transcript_with_last_clause_without_full_stop():
    doc = parse_document(read_text(DATA / "briefing_zh.txt"))
    assert (doc.kind, doc.lang, doc.date) == ("transcript", "zh", dt.date(2021, 4, 25))
    assert doc.title == "国务院新闻办公室举行新闻发布会"
    assert doc.issuer == "国务院新闻办公室"
    assert doc.speakers["主持人"] == "moderator"
    assert "全年商标注册576.1万件" in [s.text for s in doc.sentences]


def test_traditional_fullwidth_and_extension_b():
    text = "專利局發布年報\n\n２０２１年４月２５日\n\n全年授權發明專利５３萬件。𠀀字保留偏移"
    doc = parse_document(text)
    assert doc.date == dt.date(2021, 4, 25)
    last = doc.sentences[-1]
    assert text[last.start : last.end] == last.text == "𠀀字保留偏移"


@pytest.mark.parametrize("bad", ["", "   \n\n  "])
def test_empty_input_raises(bad):
    with pytest.raises(InputError, match="empty"):
        parse_document(bad)


def test_unknown_kind_raises():
    with pytest.raises(InputError, match="unknown document kind 'memo'"):
        parse_document("Some text.", kind="memo")


def test_forced_kind():
    assert parse_document("A: b\nC: d\nA: e\n", kind="plain").kind == "plain"


def test_to_dict_is_json_ready(briefing):
    import json

    data = json.loads(json.dumps(briefing.to_dict()))
    assert data["date"] == "2021-04-25" and data["kind"] == "transcript"
    assert data["sentences"][0]["start"] >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 25, 2021", dt.date(2021, 4, 25)),
        ("25 April 2021", dt.date(2021, 4, 25)),
        ("2021-04-25", dt.date(2021, 4, 25)),
        ("Nov. 30, 2020", dt.date(2020, 11, 30)),
        ("2021年4月25日", dt.date(2021, 4, 25)),
        ("February 30, 2021", None),
        ("no date here", None),
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


def test_date_without_year_is_kept_as_partial():
    (mention,) = find_dates("on April 26 the office")
    assert (mention.year, mention.month, mention.day) == (None, 4, 26)
    assert mention.to_date(2021) == dt.date(2021, 4, 26)


def test_debris_kinds():
    text = (
        'Press "Enter" to skip to content\nBody text.\n'
        "/5    Group photo\n+86 10 8632 4000\n2020-12-18\n"
    )
    kinds = [k for _, _, k in find_debris(text)]
    assert kinds == ["skip-link", "gallery-caption", "phone"]  # the date line is not debris


def test_part_kinds():
    assert part_kind("VII. Expand the force") == "heading"
    assert part_kind("(23) Strengthen publicity") == "item"
    assert part_kind("第三条 专利权") == "item"
    assert part_kind("In 2020, the office") is None


def test_navigation_line_above_the_story_is_not_part_of_its_first_sentence():
    text = (
        "SCIO briefing on the annual report\n\nAround China\n"
        "The State Council Information Office held a press conference on April 26 in Beijing.\n"
    )
    doc = parse_document(text)
    first = [s for s in doc.sentences if "press conference" in s.text][0]
    assert first.text.startswith("The State Council")
    assert text[first.start : first.end] == first.text
