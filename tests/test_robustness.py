"""Hostile-but-realistic inputs: one clear error, nothing lost (issue 16)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ipterm.cli import main
from ipterm.errors import InputError
from ipterm.text.io import detect_encoding, read_limited_bytes, read_text

TEXT = "国家知识产权局发布专利审查指南。The CNIPA published patent examination guidelines.\n"


def _run(argv, capsys):
    code = main(argv)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
def test_check_output_equal_to_input_is_refused_and_input_kept(tmp_path, capsys, link):
    src = tmp_path / "doc.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = src
    if link == "symlink":
        out = tmp_path / "link.txt"
        out.symlink_to(src)
    elif link == "hardlink":
        out = tmp_path / "hard.txt"
        os.link(src, out)
    code, err = _run(["check", str(src), "-o", str(out)], capsys)
    assert code == 1
    assert err.startswith("ipterm: error: ") and err.count("\n") == 1
    assert "is the input" in err
    assert src.read_text(encoding="utf-8") == TEXT


def test_newsletter_output_equal_to_input_is_refused(tmp_path, capsys):
    src = tmp_path / "doc.md"
    src.write_text("# Title\n\n" + TEXT, encoding="utf-8")
    code, err = _run(["newsletter", str(src), "--month", "2026-11", "-o", str(src)], capsys)
    assert code == 1 and "is the input" in err
    assert src.read_text(encoding="utf-8").endswith(TEXT)


def test_dev_zero_is_refused_without_reading(tmp_path, capsys):
    link = tmp_path / "zero.xlf"
    link.symlink_to("/dev/zero")
    for target in ("/dev/zero", str(link)):
        with pytest.raises(InputError, match="not a regular file"):
            read_limited_bytes(target)
    code, err = _run(["find", "/dev/zero"], capsys)
    assert code == 1 and "not a regular file" in err


def test_fifo_without_writer_is_refused_not_hung(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(main(["find", str(fifo)])))
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "find hung on a FIFO"
    assert result == [1]
    assert "not a regular file" in capsys.readouterr().err


def test_max_bytes_option_and_environment(tmp_path, capsys, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text(TEXT * 100, encoding="utf-8")
    code, err = _run(["--max-bytes", "1K", "find", str(big)], capsys)
    assert code == 1 and "limit" in err and "--max-bytes" in err
    monkeypatch.setenv("IPTERM_MAX_BYTES", "1000")
    with pytest.raises(InputError, match="1,000-byte limit"):
        read_text(big)
    monkeypatch.setenv("IPTERM_MAX_BYTES", "lots")
    with pytest.raises(InputError, match="IPTERM_MAX_BYTES"):
        read_text(big)
    monkeypatch.delenv("IPTERM_MAX_BYTES")
    assert read_text(big).startswith("国家")


WESTERN = (
    "\u201cThe caf\u00e9\u2019s na\u00efve r\u00e9sum\u00e9\u201d \u2013 "
    "a Pok\u00e9mon trademark.\n" * 3
)
CHINESE_SIMPLIFIED = "国家知识产权局发布了专利审查指南修改草案，向社会公开征求意见。\n" * 3
CHINESE_TRADITIONAL = "經濟部智慧財產局公告修正商標審查基準，自公告日起施行。\n" * 3


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (WESTERN, "cp1252", "cp1252"),
        ("caf\u00e9 d\u00e9j\u00e0 vu, \u00e0 la carte\n", "latin-1", "cp1252"),
        (CHINESE_SIMPLIFIED, "gb18030", "gb18030"),
        (CHINESE_SIMPLIFIED, "gbk", "gb18030"),
        (CHINESE_TRADITIONAL, "big5", "big5"),
        (WESTERN, "utf-8", "utf-8"),
    ],
)
def test_encoding_detection_keeps_western_and_chinese_apart(tmp_path, text, codec, expected):
    data = text.encode(codec)
    assert detect_encoding(data) == expected
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_text(path) == text


def _tbx_declaring(encoding: str, tmp_path: Path, *, codec: str | None = None) -> Path:
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
        "<text><body><conceptEntry id='c1'>"
        "<langSec xml:lang='zh'><termSec><term>國家知識產權局</term></termSec></langSec>"
        "<langSec xml:lang='en'><termSec><term>CNIPA</term></termSec></langSec>"
        "</conceptEntry></body></text></tbx>\n"
    )
    path = tmp_path / f"declared-{encoding}.tbx"
    path.write_bytes(text.encode(codec or encoding))
    return path


@pytest.mark.parametrize("encoding", ["GBK", "GB18030", "Big5", "UTF-8"])
def test_tbx_in_a_declared_legacy_encoding_is_read(tmp_path: Path, encoding: str):
    from ipterm.glossary import tbx

    glossary = tbx.read(_tbx_declaring(encoding, tmp_path))
    assert [t.text for c in glossary for t in c.terms] == ["國家知識產權局", "CNIPA"]


def test_tbx_whose_bytes_are_not_the_declared_encoding_is_one_error(tmp_path: Path, capsys):
    path = _tbx_declaring("Big5", tmp_path, codec="gb18030")
    assert main(["glossary", "validate", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "declares encoding 'Big5'" in err


def test_tbx_declaring_an_unknown_encoding_is_one_error(tmp_path: Path, capsys):
    path = _tbx_declaring("X-NOPE", tmp_path, codec="utf-8")
    assert main(["glossary", "show", str(path)]) == 1
    assert "does not know" in capsys.readouterr().err


def test_abstractive_model_that_is_not_there_is_one_error(tmp_path: Path, capsys, monkeypatch):
    pytest.importorskip("transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    text = tmp_path / "briefing.txt"
    text.write_text("The CNIPA granted 530,000 invention patents in 2020.\n", encoding="utf-8")
    argv = ["highlights", str(text), "--no-encoder", "--abstractive", "no/such-model"]
    assert main(argv) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(errors) == 1
    assert errors[0].startswith("ipterm: error: model 'no/such-model' is not available")
