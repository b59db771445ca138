"""The findings of a check as an XLSX sheet, the form Xbench and Verifika reviewers work in.

One sheet, ``Findings``: one row per finding with the segment's position, its
own id in the file, severity, rule, the terms, the suggested approved term,
the message, the evidence and both segment texts, so a reviewer can filter
and fix without the HTML page.  A second sheet, ``Summary``, has the counts.
Strings that Excel would take as a formula ("=A1") are stored as text, and
the file is written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

COLUMNS: tuple[str, ...] = (
    "segment",
    "segment_id",
    "severity",
    "rule",
    "source_term",
    "target_term",
    "suggested_term",
    "message",
    "evidence",
    "source",
    "target",
)
_WIDTHS = (9, 12, 10, 22, 18, 18, 24, 60, 24, 50, 50)


def _cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the document text starts with
    return cell


def report_xlsx(report: Any) -> bytes:
    """The workbook's bytes (see the module doc)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Findings")
    for col, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    header = [_cell(sheet, name) for name in COLUMNS]
    for cell in header:
        cell.font = Font(bold=True)
    sheet.append(header)
    segments = {s.index: s for s in report.segments}
    for f in report.findings:
        seg = segments.get(f.segment)
        values = (
            f.segment,
            f.segment_id,
            f.severity,
            f.rule,
            f.source_term,
            f.target_term,
            f.suggested_term,
            f.message,
            f.evidence,
            seg.source if seg else None,
            seg.target if seg else None,
        )
        sheet.append([_cell(sheet, v) for v in values])
    summary = workbook.create_sheet("Summary")
    summary.append([_cell(summary, "segments"), len(report.segments)])
    summary.append([_cell(summary, "ok"), _cell(summary, "yes" if report.ok else "no")])
    for kind in ("severity", "rule"):
        for name, n in sorted(report.counts[kind].items()):
            summary.append([_cell(summary, f"{kind}: {name}"), n])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_report_xlsx(report: Any, path: str | Path) -> None:
    """Write the workbook to ``path`` atomically."""
    from ipterm.text.io import write_bytes

    write_bytes(path, report_xlsx(report))
