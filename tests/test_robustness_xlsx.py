"""Hostile XLSX glossaries (issue 16): one clear error, bounded time and memory."""

from __future__ import annotations

import zipfile

import pytest

from ipterm.cli import main
from ipterm.errors import GlossaryFormatError
from ipterm.glossary import xlsx

SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("xlsx") / "base.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "glossary"
    sheet.append(["zh", "en"])
    sheet.append(["专利", "patent"])
    workbook.save(path)
    return path


def _variant(base, tmp_path, name, edit):
    out = tmp_path / f"{name}.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, edit(data) if info.filename == SHEET else data)
    return out


def _xxe(data):
    dtd = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return dtd + data.replace(b"<t>patent</t>", b"<t>&x;</t>")


def _laughs(data):
    ents = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    dtd = f'<?xml version="1.0"?><!DOCTYPE w [{ents}]>'.encode()
    return dtd + data.replace(b"<t>patent</t>", b"<t>&l9;</t>")


def _huge_cell(data):
    return data.replace(b"<t>patent</t>", b"<t>" + b"patent " * 200_000 + b"</t>")


def _many_rows(data):
    data = data.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>')
    rows = b"".join(b'<row r="%d"/>' % i for i in range(3, 200_003))
    return data.replace(b"</sheetData>", rows + b"</sheetData>")


@pytest.mark.parametrize(
    ("edit", "message"),
    [(_xxe, "DTD or entities"), (_laughs, "DTD or entities"), (_huge_cell, "32,767")],
)
@pytest.mark.parametrize("verb", ["show", "validate", "lookup"])
def test_hostile_workbook_is_one_error_line(base, tmp_path, capsys, edit, message, verb):
    path = _variant(base, tmp_path, edit.__name__, edit)
    argv = (
        ["glossary", verb, str(path)]
        if verb != "lookup"
        else ["glossary", verb, "专利", "-g", str(path)]
    )
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error: ") and err.count("\n") == 1
    assert message in err


def test_entities_are_never_expanded_into_the_glossary(base, tmp_path):
    with pytest.raises(GlossaryFormatError, match="DTD"):
        xlsx.read(_variant(base, tmp_path, "xxe", _xxe))


@pytest.mark.timeout(120)
def test_declared_full_sheet_with_many_empty_rows_reads_the_real_rows(base, tmp_path):
    glossary = xlsx.read(_variant(base, tmp_path, "rows", _many_rows))
    assert [t.text for c in glossary.concepts for t in c.terms] == ["专利", "patent"]


def test_zip_bomb_is_refused_by_its_decompressed_size(base, tmp_path, monkeypatch):
    monkeypatch.setenv("IPTERM_MAX_BYTES", "20000")
    path = _variant(base, tmp_path, "bomb", lambda d: d + b" " * 50_000)
    with pytest.raises(GlossaryFormatError, match="decompresses"):
        xlsx.read(path)


def test_not_a_zip_is_one_error(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes("zh,en\n专利,patent\n".encode())
    with pytest.raises(GlossaryFormatError, match="not a readable XLSX"):
        xlsx.read(path)


def test_ordinary_workbook_still_reads(base):
    glossary = xlsx.read(base)
    assert len(glossary) == 1


def test_a_row_number_past_excels_last_row_is_refused(base, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 1000)
    far = b'<row r="5000"><c r="A5000" t="inlineStr"><is><t>x</t></is></c></row>'
    path = _variant(
        base, tmp_path, "far", lambda d: d.replace(b"</sheetData>", far + b"</sheetData>")
    )
    with pytest.raises(GlossaryFormatError, match="last row"):
        xlsx.read(path)
