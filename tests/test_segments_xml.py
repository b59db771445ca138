"""The lxml readers for CAT-tool XLIFF, XLIFF 2.0 and TMX 1.4 (ipterm.segments)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipterm.check.segments import read_segments
from ipterm.cli import main
from ipterm.errors import InputError
from ipterm.segments import read_cat_xliff, read_tmx14, read_xliff20

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_sdlxliff_segments_are_the_mrk_segments_with_their_mid():
    segs = read_cat_xliff(FIXTURES / "patent.sdlxliff")
    assert [s.id for s in segs] == ["1", "2", "3"]  # the untranslatable unit is skipped
    assert segs[0].source == "專利權人應繳納專利年費。"  # <g> text kept
    assert segs[0].target == "The patentee shall pay the patent annuity."
    assert segs[2].source.startswith("新型專利權人")  # <x/> dropped, the term joined again
    assert (segs[0].source_lang, segs[0].target_lang) == ("zh", "en")


def test_mqxliff_units_codes_out_text_in_and_notes():
    segs, bilingual = read_segments(FIXTURES / "copyright.mqxliff")
    assert bilingual and [s.id for s in segs] == ["1", "2", "3"]
    assert segs[1].source == "著作財產權存續於著作人之生存期間及其死亡後五十年。"
    assert "{}" not in segs[1].target and "seventy years after" in segs[1].target
    assert segs[2].note == "ipterm:ignore=missing-term"


def test_xliff20_inline_codes_and_segment_ids():
    segs = read_xliff20(FIXTURES / "inline20.xlf")
    assert [s.id for s in segs] == ["art3/s1", "art3/s2"]
    assert segs[0].source == "品種權人得禁止他人銷售。"
    assert segs[0].target == "The variety right holder may prohibit others from selling."
    assert segs[1].target == "The application fee is NT$3,000 per case."


def test_tmx14_native_code_is_not_text():
    segs = read_tmx14(FIXTURES / "inline14.tmx")
    assert [s.id for s in segs] == ["101", "102"]
    assert segs[0].source == "積體電路電路布局之保護期間為十年。"
    assert "<b>" not in segs[0].target and segs[1].source == "適用專利法。"
    assert segs[1].note == "checked by reviewer"
    flipped = read_tmx14(FIXTURES / "inline14.tmx", source_lang="en", target_lang="zh")
    assert flipped[1].source == "The Patent Act applies."


def test_entities_are_refused_by_the_cat_reader(tmp_path):
    path = tmp_path / "bomb.sdlxliff"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>&a;</source>'
        "</trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="entity"):
        read_cat_xliff(path)
    broken = tmp_path / "broken.mqxliff"
    broken.write_text("<xliff><file>", encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed"):
        read_cat_xliff(broken)


def _glossary(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text(
        "zh\ten\n專利年費\tpatent annuity\n新型專利技術報告\ttechnical report on a new utility "
        "model patent\n著作人\tauthor\n",
        encoding="utf-8",
    )
    return str(g)


def test_cli_check_sdlxliff_reports_segment_ids(tmp_path, capsys):
    argv = ["check", str(FIXTURES / "patent.sdlxliff"), "-g", _glossary(tmp_path), "--json"]
    assert main(argv) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    got = {(f["rule"], f["segment"], f["segment_id"], f["severity"]) for f in found}
    assert ("number-mismatch", 1, "2", "error") in got  # 二十年 -> twelve years
    # the technical report's name dropped ("report" is left: dictionary evidence, a warning)
    assert ("missing-term", 2, "3", "warning") in got
    assert all(f["segment"] != 0 for f in found)


def test_cli_check_mqxliff_reports_segment_ids(tmp_path, capsys):
    argv = ["check", str(FIXTURES / "copyright.mqxliff"), "-g", _glossary(tmp_path), "--json"]
    assert main(argv) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    got = {(f["rule"], f["segment_id"], f["severity"]) for f in found}
    assert ("number-mismatch", "2", "error") in got  # 五十年 -> seventy years
    assert ("number-mismatch", "3", "error") in got  # 一、 numbered (2)
    assert not any(f["rule"] == "missing-term" and f["segment_id"] == "3" for f in found)


def test_xlsx_findings_sheet_with_suggested_terms(tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    argv = ["check", str(FIXTURES / "patent.sdlxliff"), "-g", _glossary(tmp_path)]
    assert main([*argv, "--format", "xlsx", "-o", str(out)]) == 1
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("segment", "segment_id", "severity", "rule")
    missing = [dict(zip(header, r, strict=True)) for r in rows[1:] if r[3] == "missing-term"]
    assert missing and missing[0]["segment_id"] == "3"
    assert missing[0]["suggested_term"] == "technical report on a new utility model patent"
    assert missing[0]["source"].startswith("新型專利權人")
    assert main([*argv, "--format", "xlsx"]) == 1  # no -o: one clear error
    assert "give -o" in capsys.readouterr().err


def test_xlsx_stores_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook

    from ipterm.check import check
    from ipterm.glossary.model import Glossary

    glossary = Glossary.from_pairs([("專利權人", "patentee")])
    report = check("=專利權人", '=HYPERLINK("x")', glossary=glossary)
    path = tmp_path / "r.xlsx"
    path.write_bytes(report.to_xlsx())
    cell = load_workbook(path).worksheets[0]["J2"]
    assert cell.value == "=專利權人" and cell.data_type == "s"
    assert report.findings[0].suggested_term == "patentee"
    assert report.to_dict()["findings"][0]["suggested_term"] == "patentee"
    assert "suggested: patentee" in report.to_html()
