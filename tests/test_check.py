"""Tests of the terminology checker: golden cases, the public API and the report formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import ipterm
from ipterm.check import Checker, CheckerConfig, Finding, Report, check
from ipterm.errors import InputError
from ipterm.glossary.io import read_glossary
from ipterm.glossary.model import Glossary

DATA = Path(__file__).resolve().parent / "data" / "check"
CASE_FILES = sorted(DATA.glob("cases_*.json"))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return read_glossary(DATA / "glossary.json")


def _cases():
    for path in CASE_FILES:
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            marks = (
                [pytest.mark.xfail(strict=True, reason=case["name"])]
                if case["expect"] == "fail"
                else []
            )
            yield pytest.param(case, id=f"{path.stem}:{case['name'][:50]}", marks=marks)


@pytest.mark.parametrize("case", list(_cases()))
def test_golden(case, glossary):
    g = Glossary.from_pairs(case["glossary_pairs"]) if "glossary_pairs" in case else glossary
    config = CheckerConfig(**case.get("config", {}))
    report = Checker(g, config=config).check_pairs([tuple(s) for s in case["segments"]])
    got = sorted(
        ((f.rule, f.segment, f.source_term, f.target_term) for f in report.findings),
        key=lambda w: (w[0], w[1], w[2] or "", w[3] or ""),
    )
    want = case["findings"]
    assert len(got) == len(want), got
    for (rule, seg, src, tgt), expected in zip(  # noqa: B905 - lengths asserted above
        got, sorted(want, key=lambda w: (w[0], w[1], w[2] or "", w[3] or ""))
    ):
        assert (rule, seg) == (expected[0], expected[1]), got
        if expected[2] is not None:
            assert src == expected[2], got
        if expected[3] is not None:
            assert tgt is not None and tgt.lower() == expected[3].lower(), got


def test_public_names_are_lazy_exports(glossary):
    assert ipterm.Checker is Checker and ipterm.Report is Report and ipterm.Finding is Finding
    # ipterm.check is the function, or (once the subpackage is imported) the callable module
    report = ipterm.check("专利权人", "The owner", glossary=glossary)
    assert isinstance(report, Report) and report.findings[0].rule == "missing-term"


def test_check_function_single_pair(glossary):
    report = check(
        "国家知识产权局授权专利53万件", "CNIPA granted 530,000 patents", glossary=glossary
    )
    assert report.ok
    assert [(f.rule, f.severity) for f in report.findings] == [
        ("abbreviation-first-use", "warning")
    ]


def test_check_function_lists_and_mismatch(glossary):
    with pytest.raises(InputError):
        check(["a", "b"], ["a"], glossary=glossary)
    with pytest.raises(InputError):
        check("a", ["a"], glossary=glossary)


def test_spans_point_into_original_text(glossary):
    source = "\U00020000專利權人請求賠償"
    report = check(source, "The owner asked", glossary=glossary)
    (finding,) = report.findings
    start, end = finding.source_span
    assert source[start:end] == "專利權人"
    assert finding.suggestion == "patentee"
    assert finding.concept == "patentee"


def test_deprecated_suggests_preferred_and_severity(glossary):
    report = check("国家知识产权局", "the State Intellectual Property Office", glossary=glossary)
    (finding,) = report.findings
    assert finding.rule == "deprecated-term" and finding.severity == "error"
    assert finding.suggestion == "China National Intellectual Property Administration"
    assert "name before 2018" in finding.message and not report.ok


def test_region_changes_the_suggestion(glossary):
    pairs = [("The utility model was granted.", "该专利已授权。")]
    default = Checker(glossary, source_lang="en", target_lang="zh").check_pairs(pairs)
    taiwan = Checker(glossary, source_lang="en", target_lang="zh", region="taiwan").check_pairs(
        pairs
    )
    assert [f.suggestion for f in default.findings] == ["实用新型"]
    assert [f.suggestion for f in taiwan.findings] == ["新型"]


def test_short_term_severity_and_strict(glossary):
    g = Glossary.from_pairs([("申请", "application")])
    loose = check("申请专利", "to file for a patent", glossary=g)
    strict = check("申请专利", "to file for a patent", glossary=g, short_term_severity=None)
    assert [f.severity for f in loose.findings] == ["warning"] and loose.ok
    assert [f.severity for f in strict.findings] == ["error"] and not strict.ok


def test_fuzzy_word_families():
    g = Glossary.from_pairs([("发明专利", "Invention Patent"), ("废止", "Revocation")])
    assert check("发明专利", "a patent for invention", glossary=g).ok
    assert check("废止商标", "the registration is revoked", glossary=g).ok
    exact = check("发明专利", "a patent for invention", glossary=g, fuzzy=False)
    # Without word families the term is missing; the dictionary (发明 "invention", a word
    # inside it: ``dictionary-part`` evidence) still sees it in other words, so the finding
    # is a warning, an error without that kind of evidence or without the dictionary.
    assert [f.severity for f in exact.findings] == ["warning"]
    assert "'invention', a dictionary sense" in exact.findings[0].message
    assert exact.findings[0].evidence == "dictionary-part: invention"
    no_part = check(
        "发明专利", "a patent for invention", glossary=g, fuzzy=False, evidence={"dictionary"}
    )
    assert [f.severity for f in no_part.findings] == ["error"]
    assert not check(
        "发明专利", "a patent for invention", glossary=g, fuzzy=False, dictionary=False
    ).ok


def test_monolingual_text_runs_target_rules_only(glossary):
    report = Checker(glossary).check_text(
        "CNIPA said so. The China National Intellectual Property Administration (CNIPA) agrees. "
        "SIPO is gone. 知识产权 remains"
    )
    rules = sorted(f.rule for f in report.findings)
    assert rules == ["abbreviation-first-use", "deprecated-term", "untranslated-chinese"]
    assert report.settings["rules"] == [
        "deprecated-term",
        "abbreviation-first-use",
        "untranslated-chinese",
    ]


def test_config_validation():
    with pytest.raises(InputError, match="unknown rule"):
        CheckerConfig(ignore_rules=["no-such-rule"])
    with pytest.raises(InputError, match="severity"):
        CheckerConfig(severities={"missing-term": "fatal"})
    with pytest.raises(InputError, match="region"):
        CheckerConfig(region="mars")
    with pytest.raises(InputError):
        CheckerConfig(source_lang="en", target_lang="en")
    config = CheckerConfig(severities={"inconsistent-source": "error"})
    assert config.severity("inconsistent-source") == "error"
    assert config.severity("missing-term") == "error"


def test_severity_override_makes_report_fail(glossary):
    pairs = [("商标", "trademark"), ("商标", "trademark"), ("商标", "trade mark")]
    assert Checker(glossary).check_pairs(pairs).ok
    strict = Checker(glossary, severities={"inconsistent-source": "error"}).check_pairs(pairs)
    assert not strict.ok


def test_english_to_chinese_direction():
    g = Glossary.from_pairs([("专利权人", "patentee")])
    report = Checker(g, source_lang="en", target_lang="zh").check_pairs(
        [
            ("The patentee shall pay.", "權利人應繳費。"),
            ("The patentee shall pay.", "專利權人應繳費。"),
        ]
    )
    assert [(f.rule, f.segment) for f in report.findings] == [("missing-term", 0)]


# --- report formats -------------------------------------------------------------------


def _report(glossary) -> Report:
    return Checker(glossary).check_pairs(
        [
            ("专利权人<script>", "The owner <script>alert('x')</script> & co"),
            ("授权53万件", "520,000 granted"),
        ]
    )


def test_to_dict_and_json_keys(glossary):
    report = _report(glossary)
    data = json.loads(report.to_json())
    assert data["ok"] is False and data["segments"] == 2
    for item in data["findings"]:
        assert {"rule", "severity", "segment", "source_term", "target_term", "message"} <= set(item)
    assert data["counts"]["rule"]["number-mismatch"] == 2


def test_to_csv_round_trips(glossary):
    rows = list(csv.DictReader(io.StringIO(_report(glossary).to_csv())))
    assert rows[0]["rule"] == "missing-term" and rows[0]["segment"] == "0"
    assert {r["rule"] for r in rows} == {"missing-term", "number-mismatch"}


def test_html_escapes_document_text_and_needs_no_network(glossary):
    page = _report(glossary).to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&amp; co" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert '<mark class="error">' in page


def test_html_without_findings():
    report = check("专利", "patent", glossary=Glossary.from_pairs([("专利", "patent")]))
    assert "No findings." in report.to_html()


def test_unknown_option_is_an_input_error(glossary):
    with pytest.raises(InputError, match="unknown checker option"):
        Checker(glossary, ignore_rule=["missing-term"])


def test_acronym_defined_in_brackets_after_its_full_form_is_not_flagged():
    from ipterm.check import Checker

    text = ("China will protect intellectual property rights (IPR) better.\n\n"
            "IPR cases rose.\n\nThe China National Intellectual Property Administration "
            '(the "CNIPA") said so, and CNIPA agreed.')  # fmt: skip
    rules = [f.rule for f in Checker().check_text(text).findings]
    assert "abbreviation-first-use" not in rules
    late = "The IPR office met.\n\nIt protects intellectual property rights (IPR)."
    assert "abbreviation-first-use" in [f.rule for f in Checker().check_text(late).findings]
