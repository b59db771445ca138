"""Hostile documents and text no writer can hold (issue 16): one clear error or a warning."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from ipterm.cli import main
from ipterm.document import readers
from ipterm.document.readers import read_document_file
from ipterm.errors import InputError, OutputWarning
from ipterm.glossary import tbx
from ipterm.glossary import xlsx as xlsx_format
from ipterm.glossary.model import Glossary
from ipterm.text.clean import strip_controls, strip_controls_deep

SHOWN = b"BT /F1 12 Tf 72 700 Td (The CNIPA granted 530,000 invention patents.) Tj ET"


def test_flate_pdf_reads(tmp_path: Path, make_pdf):
    path = tmp_path / "ok.pdf"
    path.write_bytes(make_pdf(SHOWN, flate=True))
    assert "530,000" in read_document_file(path)


def test_pdf_decompression_bomb_is_one_error(tmp_path: Path, make_pdf):
    # 80 MB of spaces in a 80 KB stream: over pypdf's 75 MB decompression limit
    path = tmp_path / "bomb.pdf"
    path.write_bytes(make_pdf(SHOWN + b"\n" + b" " * 80_000_000, flate=True))
    with pytest.raises(InputError, match="decompress"):
        read_document_file(path)


def test_pdf_with_too_many_pages_is_refused(tmp_path: Path, make_pdf, monkeypatch):
    monkeypatch.setattr(readers, "MAX_PDF_PAGES", 5)
    path = tmp_path / "many.pdf"
    path.write_bytes(make_pdf(SHOWN, pages=6))
    with pytest.raises(InputError, match="6 pages"):
        read_document_file(path)


def test_pdf_text_over_the_size_limit_is_refused(tmp_path: Path, make_pdf, monkeypatch):
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf(SHOWN, pages=30))
    monkeypatch.setattr(readers, "max_input_bytes", lambda: 500)
    with pytest.raises(InputError, match="character input limit"):
        readers._read_pdf(path)


# --- control characters ---------------------------------------------------------------

DIRTY = (
    "China IP News\n\nDate: 2021-04-20\n\n"
    "The CNIPA granted 530,000 invention patents in 2020 \x01\x02\x0b with "
    "<script>alert(1)</script> strong growth. The office said enforcement \x1b[31m improved. "
    "Courts concluded 32,000 cases.\n\nThe SPC issued an interpretation \x07 on punitive "
    "damages. A sentence with a \x0c form feed.\n"
)


def test_strip_controls_keeps_tabs_and_newlines():
    assert strip_controls("a\tb\nc\rd\x00e\ud800f\ufffe") == ("a\tb\nc\rdef", 3)


@pytest.mark.parametrize("suffix", [".docx", ".html", ".md"])
def test_newsletter_with_control_characters_writes_and_warns_once(tmp_path, capsys, suffix):
    doc = tmp_path / "dirty.txt"
    doc.write_text(DIRTY, encoding="utf-8")
    out = tmp_path / f"issue{suffix}"
    assert main(["newsletter", "--month", "2021-04", "--no-encoder", str(doc), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("ipterm: warning:") == 1 and "control character" in err
    if suffix == ".docx":
        import docx

        body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    else:
        body = out.read_text(encoding="utf-8")
    assert "530,000" in body
    assert not strip_controls(body)[1]
    if suffix == ".html":
        assert "<script>" not in body


def test_tbx_and_xlsx_writers_remove_control_characters_with_a_warning(tmp_path):
    glossary = Glossary.from_pairs([("专利\x07", "pat\x1bent")])
    for module, name in ((tbx, "g.tbx"), (xlsx_format, "g.xlsx")):
        with pytest.warns(OutputWarning, match="2 control"):
            module.write(glossary, tmp_path / name)
        read_back = module.read(tmp_path / name)
        assert sorted(t.text for c in read_back.concepts for t in c.terms) == ["patent", "专利"]


def test_check_html_report_has_no_control_characters(tmp_path, capsys):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("专利\x07\tpat\x1bent\n", encoding="utf-8")
    out = tmp_path / "report.html"
    main(["check", str(pairs), "--format", "html", "-o", str(out)])
    assert "ipterm: warning:" in capsys.readouterr().err
    assert not strip_controls(out.read_text(encoding="utf-8"))[1]


def test_clean_text_gives_no_warning(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error", OutputWarning)
        tbx.write(Glossary.from_pairs([("专利", "patent")]), tmp_path / "clean.tbx")


def test_strip_controls_deep_leaves_non_text_alone():
    value = {"n": 3, "t": ("a\x00",), "none": None}
    assert strip_controls_deep(value) == ({"n": 3, "t": ("a",), "none": None}, 1)
    assert json.dumps(strip_controls_deep([1.5])[0]) == "[1.5]"


def test_newsletter_docx_is_the_same_bytes_on_every_run(tmp_path, capsys):
    doc = tmp_path / "news.txt"
    doc.write_text(DIRTY.replace("\x01", ""), encoding="utf-8")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"issue{n}.docx"
        argv = ["newsletter", "--month", "2021-04", "--no-encoder", str(doc), "-o", str(out)]
        assert main(argv) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
