"""How the checker grades its findings: errors for what a reviewer must fix, warnings to look at.

``missing-term`` is an error when the target shows no trace of the concept and a
warning when it renders the source term in other words (a CC-CEDICT sense of it)
or when the term is part of a longer Chinese word there.  ``number-mismatch``
is an error for a changed value or a missing amount, a warning for a left-out
legal cross-reference or a small spelled-out count.
"""

from __future__ import annotations

import pytest

from ipterm.check import check
from ipterm.check.evidence import dictionary_evidence, longer_words, sense_stems
from ipterm.check.stems import stem, word_stems
from ipterm.glossary.model import Glossary

REVOCATION = Glossary.from_pairs([("廢止", "Revocation"), ("申請", "Application")])


def _severities(report):
    return [(f.rule, f.severity) for f in report.findings]


def test_other_words_from_the_dictionary_are_a_warning():
    report = check(
        "專利專責機關應廢止強制授權。",
        "The Agency shall repeal the licence.",
        glossary=REVOCATION,
        short_term_severity=None,
    )
    assert _severities(report) == [("missing-term", "warning")]
    assert "'repeal'" in report.findings[0].message and report.ok


def test_no_trace_of_the_term_is_an_error_even_for_short_terms():
    report = check(
        "專利專責機關應廢止強制授權。",
        "The Agency shall keep the licence.",
        glossary=REVOCATION,
        short_term_severity=None,
    )
    assert _severities(report) == [("missing-term", "error")] and not report.ok


def test_dictionary_can_be_switched_off():
    report = check(
        "專利專責機關應廢止強制授權。",
        "The Agency shall repeal the licence.",
        glossary=REVOCATION,
        short_term_severity=None,
        dictionary=False,
    )
    assert _severities(report) == [("missing-term", "error")]


def test_term_inside_a_longer_word_is_a_warning():
    # 申請專利範圍 is "claims" (built-in glossary): 申請 is not required as "application".
    report = check(
        "更正申請專利範圍。",
        "The claims are amended.",
        glossary=REVOCATION,
        short_term_severity=None,
    )
    assert _severities(report) == [("missing-term", "warning")]
    assert "申请专利范围" in report.findings[0].message


def test_a_standalone_occurrence_still_needs_the_term():
    report = check(
        "更正申請專利範圍，並依申請辦理。",
        "The claims are amended as filed.",
        glossary=REVOCATION,
        short_term_severity=None,
    )
    assert _severities(report) == [("missing-term", "error")]
    assert report.findings[0].source_span == (11, 13)


def test_hyponym_does_not_excuse_the_term():
    # 专利申请 is "patent application": it contains the term's rendering, so it is required.
    words = [w for w, _ in longer_words("提出专利申请", 4, 6)]
    assert "专利申请" in words
    report = check(
        "提出專利申請。", "A patent was filed.", glossary=REVOCATION, short_term_severity=None
    )
    assert _severities(report) == [("missing-term", "error")]


def test_evidence_helpers_traditional_and_simplified():
    assert sense_stems("廢止") == sense_stems("废止")
    assert stem("repeal") in sense_stems("廢止")
    assert dictionary_evidence("廢止", word_stems("")) is None
    assert dictionary_evidence("", word_stems("repeal")) is None
    assert dictionary_evidence("\U00020000廢止", word_stems("they repealed it")) == "repealed"


@pytest.mark.parametrize(
    ("source", "target", "want"),
    [
        # a changed value: an error on both sides
        ("罰鍰新臺幣十萬元", "a fine of NT$200,000", [("number-mismatch", "error")] * 2),
        # an amount left out: an error
        ("罰鍰新臺幣十萬元", "a fine", [("number-mismatch", "error")]),
        # a cross-reference left out or added: a warning
        ("依第四十一條第一項", "under Paragraph 1", [("number-mismatch", "warning")]),
        ("前條規定", "the provisions of Article 82", [("number-mismatch", "warning")]),
        # a small spelled-out count paraphrased: a warning
        ("數人共有", "jointly owned by two or more persons", [("number-mismatch", "warning")]),
        # digits are deliberate: an error
        ("數人共有", "jointly owned by 2 persons", [("number-mismatch", "error")]),
        # a cross-reference changed into one the text also cites: counted, so an error
        ("第三條第四款", "Subparagraph 4 of Article 4", [("number-mismatch", "error")]),
        # full-width digits and a last clause without a full stop
        ("第３條第四款", "Subparagraph 4 of Article 3", []),
    ],
)
def test_number_severity(source, target, want):
    report = check(source, target, glossary=Glossary.from_pairs([("专利", "patent")]))
    assert _severities(report) == want


def test_empty_inputs():
    assert check("", "", glossary=REVOCATION).findings == ()
    assert check("廢止", "", glossary=REVOCATION).findings == ()
