"""``ipterm glossary show|lookup|convert|merge|validate``, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipterm.cli import main
from ipterm.glossary.io import load_glossary, read_glossary, write_glossary
from ipterm.glossary.model import Concept, Glossary, Term

FORMATS = Path(__file__).parent / "data" / "formats"


@pytest.fixture
def small(tmp_path) -> Path:
    glossary = Glossary(
        (
            Concept(
                "cnipa",
                (
                    Term("国家知识产权局", "zh"),
                    Term("智慧財產局", "zh", region="taiwan"),
                    Term("CNIPA", "en", term_type="acronym", source="cnipa.gov.cn"),
                    Term("SIPO", "en", status="deprecated", term_type="acronym"),
                ),
                subject="agency",
            ),
            Concept(
                "patent",
                (
                    Term("专利", "zh"),
                    Term("patent", "en"),
                    Term("patent right", "en", status="admitted"),
                ),
                subject="patent",
            ),
            Concept(
                "patent-right", (Term("专利权", "zh"), Term("patent right", "en")), subject="patent"
            ),
        ),
        name="small",
    )
    path = tmp_path / "small.json"
    write_glossary(glossary, path)
    return path


def test_glossary_without_action_prints_help(capsys):
    assert main(["glossary"]) == 2
    assert "show" in capsys.readouterr().out


def test_show_table_and_summary(capsys, small):
    assert main(["glossary", "show", str(small)]) == 0
    out = capsys.readouterr().out
    assert "cnipa" in out and "专利权" in out
    assert "SIPO" in out and "deprecat" in out
    assert "3 concepts, 9 terms" in out
    assert "agency 1/4" in out and "patent 2/5" in out


def test_show_subject_lang_and_unknown_subject(capsys, small):
    assert main(["glossary", "show", str(small), "--subject", "agency", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "CNIPA" in out and "专利" not in out and "国家" not in out
    assert main(["glossary", "show", str(small), "--subject", "nope"]) == 1
    assert "'nope'" in capsys.readouterr().err


def test_show_json_is_ipterm_glossary_json(capsys, small):
    assert main(["glossary", "show", str(small), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "ipterm-glossary"
    assert [c["id"] for c in data["concepts"]] == ["cnipa", "patent", "patent-right"]


def test_show_builtin_by_default(capsys):
    assert main(["glossary", "show", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["concepts"]) == len(load_glossary())


def test_lookup_traditional_and_case(capsys, small):
    assert main(["glossary", "lookup", "智慧财产局", "-g", str(small), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["concepts"]] == ["cnipa"]
    assert data["query"] == "智慧财产局"
    sipo = next(t for t in data["concepts"][0]["terms"] if t["text"] == "SIPO")
    assert sipo["status"] == "deprecated"
    assert main(["glossary", "lookup", "ｃｎｉｐａ", "-g", str(small)]) == 0
    out = capsys.readouterr().out
    assert "cnipa.gov.cn" in out and "taiwan" in out


def test_lookup_term_in_two_concepts(capsys, small):
    assert main(["glossary", "lookup", "Patent Right", "-g", str(small), "--json"]) == 0
    ids = [c["id"] for c in json.loads(capsys.readouterr().out)["concepts"]]
    assert ids == ["patent", "patent-right"]


def test_lookup_not_found_and_fuzzy(capsys, small):
    assert main(["glossary", "lookup", "专利权人", "-g", str(small)]) == 1
    err = capsys.readouterr().err
    assert "'专利权人'" in err and "--fuzzy" in err
    assert main(["glossary", "lookup", "專利", "--fuzzy", "-g", str(small), "--json"]) == 0
    ids = [c["id"] for c in json.loads(capsys.readouterr().out)["concepts"]]
    assert ids == ["patent", "patent-right"]  # exact match first, then containing


def test_lookup_builtin_default(capsys):
    assert main(["glossary", "lookup", "國家知識產權局", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["concepts"][0]["id"] == "cnipa"


@pytest.mark.parametrize("ext", [".tbx", ".tsv", ".csv", ".json"])
def test_convert_builtin_to_every_format(capsys, tmp_path, ext):
    dest = tmp_path / f"out{ext}"
    assert main(["glossary", "convert", "builtin", str(dest)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and str(dest) in out[0] and f"{len(load_glossary())} concepts" in out[0]
    assert len(read_glossary(dest)) == len(load_glossary())


def test_convert_to_xlsx_and_back(capsys, tmp_path, small):
    # the builtin glossary's XLSX round trip is in test_glossary_formats; a small one is enough here
    dest = tmp_path / "out.xlsx"
    assert main(["glossary", "convert", str(small), str(dest)]) == 0
    assert "3 concepts, 9 terms" in capsys.readouterr().out
    assert read_glossary(dest).concepts == read_glossary(small).concepts


def test_convert_tbx_version_2008(capsys, tmp_path, small):
    dest = tmp_path / "old.tbx"
    assert main(["glossary", "convert", str(small), str(dest), "--tbx-version", "2008"]) == 0
    assert "<martif" in dest.read_text(encoding="utf-8")
    assert (
        main(["glossary", "convert", str(small), str(tmp_path / "x.csv"), "--tbx-version", "2008"])
        == 1
    )
    assert "--tbx-version" in capsys.readouterr().err


def test_convert_errors_are_one_line(capsys, tmp_path, small):
    assert main(["glossary", "convert", str(small), str(tmp_path / "out.doc")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error:") and ".xlsx" in err and err.count("\n") == 1
    assert (
        main(["glossary", "convert", str(FORMATS / "billion_laughs.tbx"), str(tmp_path / "o.json")])
        == 1
    )
    err = capsys.readouterr().err
    assert "billion_laughs.tbx:3" in err
    assert not (tmp_path / "o.json").exists()
    assert (
        main(["glossary", "convert", str(tmp_path / "missing.csv"), str(tmp_path / "o.json")]) == 1
    )
    assert "missing.csv" in capsys.readouterr().err


def test_convert_pair_sheet(capsys, tmp_path):
    dest = tmp_path / "pairs.json"
    assert (
        main(["glossary", "convert", str(FORMATS / "pairs_noheader_en_first.tsv"), str(dest)]) == 0
    )
    assert read_glossary(dest).lookup("專利")[0].preferred("en").text == "patent"


def test_merge_without_duplicates(capsys, tmp_path, small):
    other = tmp_path / "other.csv"
    other.write_text("zh,en\n专利,patent\n商标,trademark\n", encoding="utf-8")
    out = tmp_path / "merged.tbx"
    assert main(["glossary", "merge", str(small), str(other), "-o", str(out), "--name", "m"]) == 0
    line = capsys.readouterr().out
    assert "4 concepts" in line and "1 concepts folded" in line
    merged = read_glossary(out)
    assert merged.name == "m"
    assert [c.id for c in merged] == ["cnipa", "patent", "patent-right", "c00002"]


def test_validate_reports_problems(capsys, small):
    assert main(["glossary", "validate", str(small)]) == 0
    out = capsys.readouterr().out
    assert "'patent right' (en) is in patent and patent-right" in out
    assert "3 concepts, 9 terms" in out
    assert main(["glossary", "validate", str(small), "--strict"]) == 1
    capsys.readouterr()
    assert main(["glossary", "validate", str(small), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["concepts"] == 3 and len(data["problems"]) >= 1


def test_validate_format_error_exits_1(capsys):
    assert main(["glossary", "validate", str(FORMATS / "truncated.tbx")]) == 1
    assert "truncated.tbx:9" in capsys.readouterr().err


def test_validate_clean_glossary(capsys, tmp_path):
    path = tmp_path / "clean.csv"
    path.write_text("zh,en\n专利,patent\n", encoding="utf-8")
    assert main(["glossary", "validate", str(path), "--strict"]) == 0
    assert "0 problems" in capsys.readouterr().out
