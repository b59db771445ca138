"""Document readers: DOCX, PDF, HTML and Markdown files become the plain text later stages use.

Every fixture is built by the test itself (python-docx for Word, a hand-laid PDF with
a correct cross-reference table), so nothing here depends on files outside the suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipterm.document.readers import html_to_text, markdown_to_text, read_document_file
from ipterm.errors import InputError


def _shown(lines: list[str]) -> bytes:
    """A content stream showing ``lines`` in Helvetica (font F1), one per line."""
    shown = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    return f"BT /F1 12 Tf 72 720 Td {shown} ET".encode("latin-1")


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("CNIPA annual report", level=1)
    document.add_paragraph("Invention patents granted rose to 530,000.")
    document.add_paragraph("國家知識產權局發布了專利數據。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "专利"
    table.rows[0].cells[1].text = "patent"
    path = tmp_path / "report.docx"
    document.save(str(path))
    return path


def test_docx_paragraphs_and_tables(docx_file: Path):
    text = read_document_file(docx_file)
    assert text.splitlines()[0] == "CNIPA annual report"
    assert "Invention patents granted rose to 530,000." in text
    assert "國家知識產權局發布了專利數據。" in text
    assert "专利\tpatent" in text


def test_docx_that_is_not_a_zip_is_one_input_error(tmp_path: Path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"this is not a Word file at all")
    with pytest.raises(InputError, match="not a readable .docx file"):
        read_document_file(path)


def test_empty_docx_file_is_refused(tmp_path: Path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_document_file(path)


def test_pdf_text_is_extracted(tmp_path: Path, make_pdf):
    pytest.importorskip("pypdf")
    path = tmp_path / "notice.pdf"
    path.write_bytes(make_pdf(_shown(["Patent grants rose 17 percent.", "Trademarks followed."])))
    text = read_document_file(path)
    assert "Patent grants rose 17 percent." in text
    assert "Trademarks followed." in text


def test_pdf_without_text_asks_for_ocr(tmp_path: Path, make_pdf):
    pytest.importorskip("pypdf")
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(_shown([])))
    with pytest.raises(InputError, match="OCR"):
        read_document_file(path)


def test_truncated_pdf_is_one_input_error(tmp_path: Path, make_pdf):
    pytest.importorskip("pypdf")
    path = tmp_path / "cut.pdf"
    path.write_bytes(make_pdf(_shown(["Patent grants rose."]))[:60])
    with pytest.raises(InputError):
        read_document_file(path)


def test_html_drops_scripts_and_keeps_blocks():
    html = (
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<script>alert('CNIPA')</script><h2>Sword Net &amp; Blue Sky</h2>"
        "<p>Line one<br>line two</p><ul><li>专利</li><li>商标</li></ul></body></html>"
    )
    text = html_to_text(html)
    assert "alert" not in text and "color" not in text
    assert text.split("\n\n")[0] == "Sword Net & Blue Sky"
    assert "Line one\nline two" in text
    assert "专利" in text and "商标" in text


def test_html_without_visible_text_is_refused():
    with pytest.raises(InputError, match="no text"):
        html_to_text("<html><script>var a = 1;</script></html>")


def test_markdown_markup_is_removed_and_lines_kept():
    markdown = (
        "# China IP Highlights\n\n"
        "The **CNIPA** published a [report](https://example.org/r) on `patents`.\n"
        "- 国家知识产权局\n"
        "<br/>Final line without a full stop"
    )
    text = markdown_to_text(markdown)
    lines = text.splitlines()
    assert lines[0] == "China IP Highlights"
    assert "The CNIPA published a report on patents." in lines
    assert "- 国家知识产权局" in lines
    assert lines[-1] == "Final line without a full stop"


@pytest.mark.parametrize("suffix", [".md", ".html", ".txt"])
def test_text_based_files_read_through_the_safe_reader(tmp_path: Path, suffix: str):
    path = tmp_path / f"doc{suffix}"
    path.write_text("专利权人 holds the patent right.\n", encoding="gb18030")
    assert "专利权人 holds the patent right." in read_document_file(path)


def test_unsupported_suffix_names_what_is_read(tmp_path: Path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match=r"unsupported file type '\.pptx'.*\.docx"):
        read_document_file(path)
