"""Findings and the report that gathers them, with JSON, CSV and HTML renderings.

A :class:`Finding` says which rule fired on which segment, quotes the terms
involved and carries spans into the *original* source and target text, so a
report can be replayed: the HTML page highlights exactly the characters the
rule looked at.  A :class:`Report` is the immutable result of one check run.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ipterm.check.segments import Segment

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

# The interface contract promises these keys first, in this order.
CSV_COLUMNS: tuple[str, ...] = (
    "rule",
    "severity",
    "segment",
    "source_term",
    "target_term",
    "message",
    "concept",
    "suggestion",
    "segment_id",
    "source_start",
    "source_end",
    "target_start",
    "target_end",
    "evidence",
    "suggested_term",
)


@dataclass(frozen=True)
class Finding:
    """One problem a rule found in one segment.

    ``segment`` is the 0-based index of the segment in the input;
    ``source_span`` / ``target_span`` are ``(start, end)`` offsets into that
    segment's original source / target text (``None`` when the problem is an
    absence, e.g. a term missing from the target).

    >>> f = Finding("missing-term", "error", 0, "专利", None, "'专利' is not rendered")
    >>> f.to_dict()["rule"], f.to_dict()["segment"]
    ('missing-term', 0)
    """

    rule: str
    severity: Severity
    segment: int
    source_term: str | None
    target_term: str | None
    message: str
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    concept: str | None = None
    suggestion: str | None = None
    segment_id: str | None = None
    evidence: str | None = None
    suggested_term: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("source_span", "target_span"):
            if data[key] is not None:
                data[key] = list(data[key])
        return data


@dataclass(frozen=True)
class Report:
    """The findings of one check run over a sequence of segments.

    ``ok`` is true when no finding has error severity: the CLI's exit code.
    """

    findings: tuple[Finding, ...]
    segments: tuple[Segment, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.findings, tuple):
            object.__setattr__(self, "findings", tuple(self.findings))
        if not isinstance(self.segments, tuple):
            object.__setattr__(self, "segments", tuple(self.segments))

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self):
        return iter(self.findings)

    @property
    def ok(self) -> bool:
        """True when nothing has error severity."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """Findings per rule and per severity."""
        return {
            "rule": dict(Counter(f.rule for f in self.findings)),
            "severity": dict(Counter(f.severity for f in self.findings)),
        }

    def by_segment(self) -> dict[int, list[Finding]]:
        grouped: dict[int, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.segment, []).append(finding)
        return grouped

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "segments": len(self.segments),
            "counts": self.counts,
            "findings": [f.to_dict() for f in self.findings],
            "settings": self.settings,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_csv(self) -> str:
        """One row per finding, contract keys first; spans flattened into four columns."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for f in self.findings:
            s0, s1 = f.source_span or (None, None)
            t0, t1 = f.target_span or (None, None)
            row = [
                f.rule,
                f.severity,
                f.segment,
                f.source_term,
                f.target_term,
                f.message,
                f.concept,
                f.suggestion,
                f.segment_id,
                s0,
                s1,
                t0,
                t1,
                f.evidence,
                f.suggested_term,
            ]
            writer.writerow(["" if v is None else v for v in row])
        return buffer.getvalue()

    def to_html(self, *, title: str = "ipterm check report") -> str:
        """A standalone page (inline CSS, no scripts, no network) with every issue highlighted."""
        return render_html(self, title=title)

    def to_xlsx(self) -> bytes:
        """An XLSX workbook with a Findings sheet (see :mod:`ipterm.check.xlsx`)."""
        from ipterm.check.xlsx import report_xlsx

        return report_xlsx(self)


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}
th{background:#f3f3f3}
mark.error{background:#ffb3b3}mark.warning{background:#ffe08a}mark.info{background:#cde}
.sev-error{color:#a00;font-weight:bold}.sev-warning{color:#a60}.sev-info{color:#357}
.seg{white-space:pre-wrap}
"""


def _highlight(text: str, spans: Sequence[tuple[tuple[int, int], str]]) -> str:
    """Escape ``text`` and wrap each non-overlapping span in ``<mark>``."""
    out: list[str] = []
    pos = 0
    for (start, end), severity in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{severity}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def render_html(report: Report, *, title: str = "ipterm check report") -> str:
    from ipterm.text.clean import printable_or_warn

    report = printable_or_warn(report, "HTML report")
    esc = html.escape
    counts = ", ".join(f"{n} {sev}" for sev, n in sorted(report.counts["severity"].items()))
    rows: list[str] = []
    grouped = report.by_segment()
    shown = report.segments or tuple(
        Segment(i, "", "")
        for i in sorted(grouped)  # findings without their segments
    )
    for seg in shown:
        findings = grouped.get(seg.index, [])
        src_spans = [(f.source_span, f.severity) for f in findings if f.source_span]
        tgt_spans = [(f.target_span, f.severity) for f in findings if f.target_span]
        issues = "".join(
            f'<li><span class="sev-{esc(f.severity)}">{esc(f.severity)}</span> '
            f"<code>{esc(f.rule)}</code>: {esc(f.message)}"
            + (f" <em>suggested: {esc(f.suggested_term)}</em>" if f.suggested_term else "")
            + "</li>"
            for f in findings
        )
        label = esc(seg.id) if seg.id else str(seg.index)
        rows.append(
            f'<tr><td>{label}</td><td class="seg">{_highlight(seg.source, src_spans)}</td>'
            f'<td class="seg">{_highlight(seg.target, tgt_spans)}</td>'
            f"<td>{'<ul>' + issues + '</ul>' if issues else '&#10003;'}</td></tr>"
        )
    body = "\n".join(rows)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{esc(title)}</h1><p>{len(report.segments)} segments, "
        f"{len(report.findings)} findings{': ' + esc(counts) if counts else ''}."
        f"{'' if report.findings else ' No findings.'}</p>"
        "<table><tr><th>#</th><th>Source</th><th>Target</th><th>Findings</th></tr>"
        f"{body}</table></body></html>\n"
    )
