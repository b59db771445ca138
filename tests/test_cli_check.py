"""``ipterm check`` run in-process: the interface contract, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ipterm.cli import main

DATA = Path(__file__).resolve().parent / "data" / "check"
GLOSSARY = str(DATA / "glossary.json")


def _json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["check", *argv, "--glossary", GLOSSARY, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_contract_tsv_json(capsys):
    code, data = _json(capsys, str(DATA / "sample.tsv"))
    assert code == 1
    (finding,) = data["findings"]
    assert {"rule", "severity", "segment", "source_term", "target_term", "message"} <= set(finding)
    assert finding["rule"] == "missing-term" and finding["segment"] == 1
    assert finding["source_term"] == "专利权人" and finding["target_term"] is None
    assert "专利权人" in finding["message"]


def test_source_target_pair(capsys):
    code, data = _json(capsys, "--source", str(DATA / "src.txt"), "--target", str(DATA / "tgt.txt"))
    assert code == 1
    assert {(f["rule"], f["segment"]) for f in data["findings"]} == {("number-mismatch", 1)}


def test_clean_file_exits_zero(capsys, tmp_path):
    path = tmp_path / "clean.tsv"
    path.write_text(
        "专利权人应当缴纳年费。\tThe patentee shall pay annual fees.\n", encoding="utf-8"
    )
    code, data = _json(capsys, str(path))
    assert code == 0 and data["findings"] == [] and data["ok"] is True


def test_warnings_only_exit_zero(capsys, tmp_path):
    path = tmp_path / "warn.tsv"
    path.write_text("商标\ttrademark\n商标\ttrademark\n商标\ttrade mark\n", encoding="utf-8")
    code, data = _json(capsys, str(path))
    assert code == 0 and [f["rule"] for f in data["findings"]] == ["inconsistent-source"]
    assert (
        main(
            [
                "check",
                str(path),
                "-g",
                GLOSSARY,
                "--json",
                "--severity",
                "inconsistent-source=error",
            ]
        )
        == 1
    )
    capsys.readouterr()


def test_xliff_tmx_and_inline_marker(capsys):
    code, data = _json(capsys, str(DATA / "sample.xlf"))
    rules = {(f["rule"], f["segment"]) for f in data["findings"]}
    assert ("missing-term", 1) in rules and ("abbreviation-first-use", 0) in rules
    assert all(f["rule"] != "number-mismatch" for f in data["findings"])
    code, data = _json(capsys, str(DATA / "sample.tmx"))
    assert {(f["rule"], f["segment"]) for f in data["findings"]} == {("missing-term", 2)}
    code, data = _json(capsys, str(DATA / "sample.csv"))
    assert code == 0  # segment 1 carries ipterm:ignore


def test_ignore_options(capsys):
    code, data = _json(capsys, str(DATA / "sample.tsv"), "--ignore-rule", "missing-term")
    assert code == 0 and data["findings"] == []
    code, data = _json(capsys, str(DATA / "sample.tsv"), "--ignore-term", "專利權人")
    assert code == 0
    code, data = _json(capsys, str(DATA / "sample.tsv"), "--ignore-segment", "1")
    assert code == 0


def test_monolingual_draft(capsys):
    code, data = _json(capsys, str(DATA / "draft.md"))
    rules = sorted(f["rule"] for f in data["findings"])
    assert rules == ["abbreviation-first-use", "deprecated-term", "untranslated-chinese"]
    assert code == 1


def test_table_csv_html_outputs(capsys, tmp_path):
    assert main(["check", str(DATA / "sample.tsv"), "-g", GLOSSARY]) == 1
    out = capsys.readouterr().out
    assert "missing-term" in out and "1 error(s)" in out
    assert main(["check", str(DATA / "sample.tsv"), "-g", GLOSSARY, "--format", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["rule"] == "missing-term"
    report = tmp_path / "report.html"
    assert (
        main(
            [
                "check",
                str(DATA / "sample.xlf"),
                "-g",
                GLOSSARY,
                "--format",
                "html",
                "-o",
                str(report),
            ]
        )
        == 1
    )
    page = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page and "<script>" not in page


def test_bad_input_is_one_line_error(capsys, tmp_path):
    assert main(["check", str(DATA / "malformed.xlf"), "-g", GLOSSARY]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error:") and "well-formed" in err and err.count("\n") == 1
    assert main(["check", str(DATA / "entities.xlf"), "-g", GLOSSARY]) == 1
    assert "entity" in capsys.readouterr().err
    assert main(["check", "-g", GLOSSARY]) == 1
    assert "give a FILE" in capsys.readouterr().err
    assert main(["check", str(DATA / "sample.tsv"), "-g", GLOSSARY, "--ignore-rule", "nope"]) == 1
    assert "unknown rule" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.tsv"), "-g", GLOSSARY]) == 1
    assert "no such file" in capsys.readouterr().err


def test_bundled_glossary_by_default(capsys, tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("国家知识产权局发布数据\tSIPO released data\n", encoding="utf-8")
    assert main(["check", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    deprecated = [f for f in data["findings"] if f["rule"] == "deprecated-term"]
    assert [f["target_term"] for f in deprecated] == ["SIPO"]
    assert not [f for f in data["findings"] if f["source_term"] == "国家知识产权局"]


def test_strict_and_exact(capsys, tmp_path):
    path = tmp_path / "short.tsv"
    path.write_text(
        "申请专利\tto file for a patent\n发明专利\ta patent for invention\n", encoding="utf-8"
    )
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\n申请\tapplication\n发明专利\tinvention patent\n", encoding="utf-8")
    assert main(["check", str(path), "-g", str(g), "--json"]) == 0  # a warning only
    assert [f["severity"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["warning"]
    assert main(["check", str(path), "-g", str(g), "--json", "--strict"]) == 1
    capsys.readouterr()
    # --exact: no word families, so 发明专利 is missing; CC-CEDICT gives 发明 "invention", a
    # word inside it, in the target: a warning ("rendered in other words"), not an error,
    # unless --evidence leaves dictionary-part out.
    assert main(["check", str(path), "-g", str(g), "--json", "--exact"]) == 0
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["segment"], f["severity"]) for f in found] == [(0, "warning"), (1, "warning")]
    assert "dictionary sense" in found[1]["message"]
    assert found[1]["evidence"] == "dictionary-part: invention"
    argv = ["check", str(path), "-g", str(g), "--json", "--exact", "--evidence", "dictionary"]
    assert main(argv) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["segment"], f["severity"]) for f in found] == [(0, "warning"), (1, "error")]
