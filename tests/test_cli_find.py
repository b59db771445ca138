"""``ipterm find``: JSON contract, table output, stdin, errors."""

from __future__ import annotations

import io
import json

import pytest

from ipterm.cli import main
from ipterm.glossary.jsonfmt import dumps
from ipterm.glossary.model import Glossary

TEXT = (
    "國家知識產權局（CNIPA）公布專利數據。\r\n"
    "The State Intellectual Property Office [b]patents[/b].\n"
)


@pytest.fixture
def glossary_file(tmp_path):
    glossary = Glossary.from_pairs([("国家知识产权局", "CNIPA"), ("专利", "patent")], name="t")
    path = tmp_path / "g.json"
    path.write_text(dumps(glossary), encoding="utf-8")
    return path


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def test_json_contract(doc, glossary_file, capsys):
    assert main(["find", str(doc), "--glossary", str(glossary_file), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    text = TEXT.replace("\r\n", "\n")  # offsets are into the text as read_text returns it
    assert [(r["text"], r["concept"]) for r in rows] == [
        ("國家知識產權局", "c00001"),
        ("CNIPA", "c00001"),
        ("專利", "c00002"),
        ("patents", "c00002"),
    ]
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
        assert {"start", "end", "text", "lang", "concept", "status"} <= set(row)
    assert rows[0]["preferred_en"] == "CNIPA"


def test_lang_option(doc, glossary_file, capsys):
    assert main(["find", str(doc), "-g", str(glossary_file), "--lang", "en", "--json"]) == 0
    assert {r["lang"] for r in json.loads(capsys.readouterr().out)} == {"en"}


def test_table_and_summary(doc, glossary_file, capsys):
    assert main(["find", str(doc), "-g", str(glossary_file)]) == 0
    out = capsys.readouterr().out
    assert "4 matches, 2 concepts" in out
    assert "國家知識產權局" in out and "patents" in out


def test_stdin(glossary_file, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("专利和专利".encode("gb18030"))))
    assert main(["find", "-", "-g", str(glossary_file), "--json"]) == 0
    assert [r["start"] for r in json.loads(capsys.readouterr().out)] == [0, 3]


def test_no_matches(tmp_path, glossary_file, capsys):
    path = tmp_path / "none.txt"
    path.write_text("nothing here", encoding="utf-8")
    assert main(["find", str(path), "-g", str(glossary_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["find", str(path), "-g", str(glossary_file)]) == 0
    assert "0 matches, 0 concepts" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary"], ids=["empty", "binary"])
def test_bad_input_is_one_error_line(tmp_path, glossary_file, capsys, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["find", str(path), "-g", str(glossary_file)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error:") and err.count("\n") == 1


def test_missing_file(tmp_path, glossary_file, capsys):
    assert main(["find", str(tmp_path / "missing.txt"), "-g", str(glossary_file)]) == 1
    assert "no such file" in capsys.readouterr().err


def test_bundled_glossary_default(tmp_path, capsys):
    path = tmp_path / "doc.txt"
    path.write_text("国家知识产权局 CNIPA", encoding="utf-8")
    assert main(["find", str(path), "--json"]) == 0
    assert {r["concept"] for r in json.loads(capsys.readouterr().out)} == {"cnipa"}
