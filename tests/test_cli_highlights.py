"""``ipterm highlights`` in-process: the JSON contract, renderings, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipterm.cli import main
from ipterm.summarise import summarizer as summarizer_module
from ipterm.text.io import read_text

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
BRIEFING = CORPUS / "2021-04-26_scio_briefing_ipr_protection_report.txt"


def test_json_contract(capsys):
    assert main(["highlights", str(BRIEFING), "--bullets", "5", "--json", "--no-encoder"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["headline"].startswith("SCIO Briefing")
    assert data["date"] == "2021-04-26"
    assert len(data["bullets"]) == 5
    text = read_text(BRIEFING)
    for bullet in data["bullets"]:
        assert isinstance(bullet["text"], str) and bullet["text"]
        for start, end in bullet["sources"]:
            assert 0 <= start < end <= len(text)


def test_plain_and_markdown_output(capsys):
    assert main(["highlights", str(BRIEFING), "-n", "3", "--no-encoder"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("2021-04-26")
    assert out.count("\n- ") == 3
    assert main(["highlights", str(BRIEFING), "-n", "3", "--no-encoder", "--markdown"]) == 0
    assert capsys.readouterr().out.startswith("### SCIO Briefing")


def test_encoder_notice_goes_to_stderr(capsys, monkeypatch):
    def missing(model):
        raise ImportError("no torch here")

    monkeypatch.setattr(summarizer_module, "_default_encode", missing)
    assert main(["highlights", str(BRIEFING), "--json", "--encoder"]) == 0
    captured = capsys.readouterr()
    assert "encoder not used" in captured.err
    assert main(["highlights", str(BRIEFING), "--json"]) == 0  # off by default: no notice
    assert "encoder not used" not in capsys.readouterr().err
    assert json.loads(captured.out)["bullets"]


def test_file_without_known_suffix_and_chinese(tmp_path, capsys):
    path = tmp_path / "briefing"
    path.write_text(
        "国家知识产权局举行发布会\n\n2021年4月25日\n\n全年授权发明专利53万件。商标注册576.1万件",
        encoding="utf-8",
    )
    assert main(["highlights", str(path), "--json", "--no-encoder", "-n", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2021-04-25"
    assert {b["text"] for b in data["bullets"]} == {"全年授权发明专利53万件。", "商标注册576.1万件"}


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("", "empty"), ("Thank you.", "no sentence to summarise")],
)
def test_errors_are_one_line(tmp_path, capsys, content, message):
    path = tmp_path / "in.txt"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["highlights", str(path), "--no-encoder"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error:") and message in err and err.count("\n") == 1


def test_bad_bullet_count(capsys):
    assert main(["highlights", str(BRIEFING), "--bullets", "0", "--no-encoder"]) == 1
    assert "between 1 and 50" in capsys.readouterr().err
