"""Excel (XLSX) glossaries, with the same columns and rules as CSV.

The first worksheet is read (or the one named ``glossary`` when there is
one); row numbers in errors are the sheet's own row numbers, so a curator can
go straight to the cell.  Writing produces one sheet with a bold, frozen
header row and column widths that fit the content.  openpyxl is imported only
here, when an ``.xlsx`` file is read or written.

Before openpyxl sees a workbook, :func:`inspect_archive` reads its XML parts
as a stream and refuses, in one line: a DTD or entity declaration (external
entities, "billion laughs"), parts that decompress past the input size limit
(zip bombs), and a cell longer than Excel's own 32,767 characters.  The sheet
is then read in openpyxl's read-only mode with its declared dimension
ignored, so a sheet claiming ``A1:XFD1048576`` is not padded to 16,384 columns.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ipterm.errors import GlossaryFormatError
from ipterm.glossary.model import Glossary
from ipterm.glossary.tabular import COLUMNS, cell_text, glossary_from_rows, glossary_rows

SHEET_NAME = "glossary"
# Excel's own limits on a readable column: about 60 characters wide at most.
_MAX_WIDTH = 60
_MIN_WIDTH = 8


def read(path: str | Path, *, name: str | None = None) -> Glossary:
    """Read an ``.xlsx`` glossary (long form or a two-column zh/en sheet)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    inspect_archive(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise GlossaryFormatError(
            f"not a readable XLSX workbook ({exc}); save it from Excel as .xlsx, or export CSV",
            path=path,
        ) from None
    try:
        sheet = (
            workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
        )
        sheet.reset_dimensions()  # a declared A1:XFD1048576 would pad every row
        where = f"{path}[{sheet.title}]"
        return glossary_from_rows(
            _rows(sheet, where), path=where, name=name or path.name.split(".")[0]
        )
    finally:
        workbook.close()


# Excel's last row: a row number past it (possible in hand-made XML) is refused, not padded to.
MAX_ROWS = 1_048_576
# Excel's limit on one cell; in the XML a character takes at most 8 bytes (``&#19987;``).
MAX_CELL_CHARS = 32_767
_MAX_TEXT_BYTES = 8 * MAX_CELL_CHARS
# The prolog of an XML part (declaration, comments) is read this far for a DTD.
_PROLOG_BYTES = 64 * 1024
_STREAM_CHUNK = 1 << 20


def inspect_archive(path: str | Path) -> None:
    """Refuse, with one :class:`GlossaryFormatError`, a workbook unsafe or absurd to parse."""
    from ipterm.text.io import max_input_bytes

    path = Path(path)
    limit = max_input_bytes()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise GlossaryFormatError(
            f"not a readable XLSX workbook ({exc}); save it from Excel as .xlsx, or export CSV",
            path=path,
        ) from None
    with archive:
        total = 0
        for info in archive.infolist():
            total += info.file_size
            if total > limit:
                raise GlossaryFormatError(
                    f"the workbook decompresses to more than the {limit:,}-byte input limit "
                    "(a zip bomb, or far more than a glossary); raise it with --max-bytes "
                    "if it is real",
                    path=path,
                )
            if info.filename.endswith((".xml", ".rels")):
                _inspect_part(archive, info, path)


def _inspect_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    where = f"{path}[{info.filename}]"
    try:
        with archive.open(info) as stream:
            head = stream.read(_PROLOG_BYTES)
            _refuse_dtd(head, where)
            run = 0  # bytes of text since the last markup character
            chunk = head
            while chunk:
                pieces = chunk.replace(b">", b"<").split(b"<")
                if len(pieces) == 1:
                    run += len(chunk)
                else:
                    run = max(run + len(pieces[0]), max(map(len, pieces[1:-1]), default=0))
                    if run <= _MAX_TEXT_BYTES:
                        run = len(pieces[-1])
                if run > _MAX_TEXT_BYTES:
                    raise GlossaryFormatError(
                        f"a cell holds more than {MAX_CELL_CHARS:,} characters, Excel's own "
                        "limit for one cell; this is not a glossary sheet",
                        path=where,
                    )
                chunk = stream.read(_STREAM_CHUNK)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise GlossaryFormatError(f"the part cannot be read ({exc})", path=where) from None


def _refuse_dtd(head: bytes, where: str) -> None:
    """A DTD (internal or external) is refused: XLSX parts never need one."""
    upper = head.upper()
    root = _first_element(head)
    if b"<!DOCTYPE" in upper[:root] or b"<!ENTITY" in upper[:root]:
        raise GlossaryFormatError(
            "the workbook's XML declares a DTD or entities (possible XML entity attack); "
            "XLSX never needs one: re-save the file from Excel",
            path=where,
        )
    if root == len(head) and len(head) == _PROLOG_BYTES:
        raise GlossaryFormatError(
            f"no XML element in the first {_PROLOG_BYTES:,} bytes of the part", path=where
        )


def _first_element(data: bytes) -> int:
    """Offset of the first ``<`` that opens an element (not ``<?``, ``<!``), or ``len(data)``."""
    pos = data.find(b"<")
    while pos != -1 and pos + 1 < len(data) and data[pos + 1 : pos + 2] in (b"?", b"!"):
        pos = data.find(b"<", pos + 1)
    return len(data) if pos == -1 else pos


def _rows(sheet: Any, where: str) -> Iterator[tuple[int, list[str]]]:
    try:
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            if number > MAX_ROWS:
                raise GlossaryFormatError(
                    f"the sheet has rows past {MAX_ROWS:,}, Excel's own last row; "
                    "this is not a glossary sheet",
                    path=where,
                )
            yield number, [cell_text(v) for v in values]
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise GlossaryFormatError(f"the worksheet cannot be read: {exc}", path=where) from None


def write(glossary: Glossary, path: str | Path) -> None:
    """Write atomically: one sheet, bold frozen header, fitted column widths."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from ipterm.text.clean import printable_or_warn
    from ipterm.text.io import atomic_write

    rows = list(glossary_rows(printable_or_warn(glossary, "XLSX output")))
    workbook = Workbook(write_only=True)  # streams rows: several times faster than a full sheet
    sheet = workbook.create_sheet(SHEET_NAME)
    for col, width in enumerate(_widths(rows), start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    header = [WriteOnlyCell(sheet, value=name) for name in COLUMNS]
    for cell in header:
        cell.font = Font(bold=True)
    sheet.append(header)
    # printable_or_warn removed every character openpyxl refuses (ILLEGAL_CHARACTERS_RE)
    for values in rows:
        sheet.append([_safe(sheet, v, WriteOnlyCell) for v in values])
    with atomic_write(path, "wb", encoding=None) as handle:
        workbook.save(handle)


def _safe(sheet: Any, value: Any, cell_class: Any) -> Any:
    """The value, or a text cell for strings Excel would take as a formula ("=A1")."""
    if isinstance(value, str) and value.startswith("="):
        cell = cell_class(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _widths(rows: list[list[Any]]) -> list[float]:
    """Column widths that fit the content, between Excel-friendly bounds."""
    widths = [len(c) for c in COLUMNS]
    for values in rows:
        for col, value in enumerate(values):
            if value is not None and widths[col] < _MAX_WIDTH:
                widths[col] = max(widths[col], _display_width(cell_text(value)[:_MAX_WIDTH]))
    return [min(max(w + 2, _MIN_WIDTH), _MAX_WIDTH) for w in widths]


def _display_width(text: str) -> int:
    """Columns a cell needs: CJK characters are about twice as wide as Latin ones."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
