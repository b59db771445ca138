"""Positive evidence that softens ``missing-term``, and the number checks of issue 12.

A glossary term whose approved renderings are all absent is an error unless
the target or the source shows that the concept is rendered after all (see
``ipterm/check/severity.py``).  Every case is checked both ways: with the
evidence (a warning naming it) and without it (an error).
"""

from __future__ import annotations

import json

import pytest

from ipterm.check import check
from ipterm.check.config import CheckerConfig
from ipterm.errors import InputError
from ipterm.glossary.model import Glossary

WORKS = Glossary.from_pairs(
    [("著作", "Work"), ("著作權法", "Copyright Act"), ("發明", "invention")]
)
STRICT = {"short_term_severity": None, "word_sources": ("cedict",)}


def _graded(source, target, **options):
    report = check(source, target, glossary=WORKS, **{**STRICT, **options})
    return [(f.severity, f.evidence) for f in report.findings if f.rule == "missing-term"]


def test_compound_with_a_known_word_whose_sense_is_in_the_target():
    # 發明專利權 "patent right": 發明 is joined to 專利權, whose sense "patent right" is there.
    assert _graded("發明專利權人", "the patent right holder") == [("warning", "compound: 專利權")]
    assert _graded("發明專利權人", "the holder") == [("error", None)]
    assert _graded("發明專利權人", "the patent right holder", evidence=()) == [("error", None)]


def test_two_character_neighbours_are_not_compound_evidence_by_default():
    # 發明 + 專利 is what a deleted "invention" leaves behind: "X patent".
    assert _graded("發明專利", "the patent") == [("error", None)]
    assert _graded("發明專利", "the patent", compound_min_chars=2) == [
        ("warning", "compound: 專利")
    ]


def test_compound_head():
    assert _graded("錄音著作", "sound recordings") == [("warning", "compound-head: 錄音")]
    assert _graded("錄音著作", "sound recordings", evidence={"compound"}) == [("error", None)]


def test_a_rendered_longer_glossary_term_that_contains_it():
    found = _graded("著作權法所稱著作", "creations under the Copyright Act")
    assert found == [("warning", "containing: 著作權法")]
    assert _graded("著作權法所稱著作", "creations under the Copyright Act", evidence=()) == [
        ("error", None)
    ]


def test_allowed_references_only_when_the_user_allows_them():
    assert _graded("著作人之著作", "the author of the same") == [("error", None)]
    found = _graded("著作人之著作", "the author of The Same", allowed_references=("the same",))
    assert found == [("warning", "reference: The Same")]


def test_no_evidence_no_excuse_and_unknown_kinds_refused():
    assert _graded("著作之利用", "use of the patent") == [("error", None)]
    with pytest.raises(InputError, match="unknown evidence kind"):
        CheckerConfig(evidence={"hunch"})
    with pytest.raises(InputError, match="unknown word source"):
        CheckerConfig(word_sources=("wikipedia",))


def test_evidence_is_a_json_and_csv_key():
    report = check("發明專利權人", "the patent right holder", glossary=WORKS, **STRICT)
    assert report.to_dict()["findings"][0]["evidence"] == "compound: 專利權"
    assert report.to_csv().splitlines()[0].endswith(",evidence,suggested_term")


# --- numbers ------------------------------------------------------------------------------


def _numbers(source, target):
    report = check(source, target, glossary=WORKS)
    return [
        (f.severity, f.source_term, f.target_term)
        for f in report.findings
        if f.rule == "number-mismatch"
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("四、將商標用於商品", "(4)To apply a trademark to goods"),
        ("（一）申請書", "1. An application form"),
        ("三個工作日", "three (3) business days"),
        ("依第一項規定", "under Paragraph 1"),
        ("第十條", "Article 10"),
        ("民國一百零八年一月", "January 2019"),
        ("二十萬元至五十萬元", "NT$200,000 to NT$500,000"),
        ("三億元", "300 million"),
        ("五十三萬件", "530,000 cases"),
        ("當事人三親等內之血親", "a relative within the third degree"),
    ],
)
def test_numbers_as_translators_write_them(source, target):
    assert _numbers(source, target) == []


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("四、將商標用於商品", "(5)To apply a trademark", [("error", "四", "5")]),
        ("三個工作日", "three (4) business days", [("error", None, "4")]),
        ("依第一項規定", "under Paragraph 11", [("error", None, "11")]),
        ("第十條", "Article 11", [("error", "第十", None), ("error", None, "11")]),
        ("三億元", "3 billion", [("error", "三億元", None), ("error", None, "3 billion")]),
    ],
)
def test_changed_numbers_are_errors(source, target, expected):
    assert _numbers(source, target) == expected


def test_cli_evidence_and_allowed_references(tmp_path, capsys):
    from ipterm.cli import main

    pairs = tmp_path / "p.tsv"
    pairs.write_text("著作人之著作\tthe author of the same\n", encoding="utf-8")
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\n著作\tWork\n", encoding="utf-8")
    base = ["check", str(pairs), "-g", str(g), "--json", "--strict"]
    assert main(base) == 1
    capsys.readouterr()
    assert main([*base, "--allow-reference", "the same"]) == 0
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["severity"], f["evidence"]) for f in found] == [("warning", "reference: the same")]
    assert main([*base, "--allow-reference", "the same", "--evidence", "none"]) == 1
    capsys.readouterr()
    assert main([*base, "--evidence", "hunch"]) == 1
    assert "unknown evidence kind 'hunch'" in capsys.readouterr().err


def test_substitution_keeps_a_short_term_an_error_when_turned_on():
    g = Glossary.from_pairs([("著作", "Work"), ("專利法", "Patent Act"), ("著作權", "copyright")])

    def graded(target, **options):
        report = check("著作之利用", target, glossary=g, **{"substitution": True, **options})
        return [f.severity for f in report.findings if f.rule == "missing-term"]

    assert graded("use of the thing") == ["warning"]  # a short term, no trace: a warning
    assert graded("use of the Patent Act") == ["error"]  # another glossary term instead
    swapped = check("著作之利用", "use of the Patent Act", glossary=g, substitution=True)
    assert "substitution" in swapped.findings[0].message
    assert graded("use of the Patent Act", substitution=False) == ["warning"]
    assert graded("use of the copyright") == ["warning"]  # 著作權 is a related word
