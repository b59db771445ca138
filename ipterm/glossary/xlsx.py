"""Excel (XLSX) glossaries, with the same columns and rules as CSV.

The first worksheet is read (or the one named ``glossary`` when there is
one); row numbers in errors are the sheet's own row numbers, so a curator can
go straight to the cell.  Writing produces one sheet with a bold, frozen
header row and column widths that fit the content.  openpyxl is imported only
here, when an ``.xlsx`` file is read or written.
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
        where = f"{path}[{sheet.title}]"
        return glossary_from_rows(
            _rows(sheet, where), path=where, name=name or path.name.split(".")[0]
        )
    finally:
        workbook.close()


def _rows(sheet: Any, where: str) -> Iterator[tuple[int, list[str]]]:
    try:
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield number, [cell_text(v) for v in values]
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise GlossaryFormatError(f"the worksheet cannot be read: {exc}", path=where) from None


def write(glossary: Glossary, path: str | Path) -> None:
    """Write atomically: one sheet, bold frozen header, fitted column widths."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    from ipterm.text.io import atomic_write

    rows = list(glossary_rows(glossary))
    workbook = Workbook(write_only=True)  # streams rows: several times faster than a full sheet
    sheet = workbook.create_sheet(SHEET_NAME)
    for col, width in enumerate(_widths(rows), start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    header = [WriteOnlyCell(sheet, value=name) for name in COLUMNS]
    for cell in header:
        cell.font = Font(bold=True)
    sheet.append(header)
    for values in rows:
        try:
            sheet.append([_safe(sheet, v, WriteOnlyCell) for v in values])
        except IllegalCharacterError:
            bad = next(v for v in values if isinstance(v, str) and ILLEGAL_CHARACTERS_RE.search(v))
            raise GlossaryFormatError(
                f"{bad!r} has a control character Excel cannot store", path=path
            ) from None
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
