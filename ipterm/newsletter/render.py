"""Rendering an issue as Markdown, standalone HTML (Jinja2) and Word (python-docx)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ipterm import resources
from ipterm.errors import InputError, MissingDependencyError
from ipterm.text.clean import strip_controls_deep
from ipterm.text.io import write_bytes

if TYPE_CHECKING:  # the model calls these renderers; they only read it
    from ipterm.newsletter.model import Item, Newsletter


def _date_lines(item: Item) -> list[str]:
    lines = []
    if item.effective_date is not None:
        lines.append(f"Issue Date: {_iso(item.date)}")
        lines.append(f"Effective Date: {item.effective_date.isoformat()}")
    elif item.date is not None:
        lines.append(f"Date: {item.date.isoformat()}")
    return lines


def _iso(date: dt.date | None) -> str:
    return date.isoformat() if date else "n/a"


_LIST_MARKER = re.compile(r"^(\d+)([.)]\s)")


def _md_escape(text: str) -> str:
    """Document text as inert Markdown: no raw HTML, no markup at the start of a line.

    Markdown passes HTML through, so a ``<script>`` in a source document would
    run wherever the draft is rendered; ``<``, ``>`` and ``&`` become entities.
    """
    text = html.escape(text, quote=False)
    if text[:1] in "#>*-+|":
        return "\\" + text
    return _LIST_MARKER.sub(r"\1\\\2", text)  # "2021. " would start a numbered list


def _printable(issue: Newsletter) -> Newsletter:
    """The issue without characters its formats cannot hold (the draft notes them once)."""
    return strip_controls_deep(issue)[0]


def to_markdown(issue: Newsletter) -> str:
    issue = _printable(issue)
    out = [f"# {issue.title}", "", f"{issue.reading_minutes} minute read", ""]
    for section in issue.sections:
        out += [f"## {section.name}", ""]
        for item in section.items:
            out += [f"### {_md_escape(item.headline)}", ""]
            if item.chinese_title:
                out += [_md_escape(item.chinese_title), ""]
            for line in _date_lines(item):
                out += [line, ""]
            if item.numbered:
                out += [f"{n}. {_md_escape(line)}" for n, line in enumerate(item.summary, start=1)]
                out += [""]
            else:
                out += [" ".join(_md_escape(s) for s in item.summary), ""]
            out += [f"*Source: {_md_escape(item.source_line)}*", ""]
    if issue.skipped:
        out += ["---", "", "## Not in this issue", ""]
        out += [f"- {_md_escape(Path(s.path).name)}: {_md_escape(s.reason)}" for s in issue.skipped]
        out += [""]
    if issue.term_notes:
        out += ["## Terminology check", ""]
        out += [f"- [{n.severity}] {n.rule}: {_md_escape(n.message)}" for n in issue.term_notes]
        out += [""]
    elif issue.sections:
        out += ["## Terminology check", "", "No findings.", ""]
    out += [f"- {note}" for note in issue.notes]
    return "\n".join(out).rstrip() + "\n"


def to_html(issue: Newsletter, *, template: str | None = None) -> str:
    """Standalone HTML: inline CSS, no scripts or external resources, every text escaped.

    ``template`` is the path of a Jinja2 template to use instead of the bundled one;
    it receives ``issue`` (the :class:`Newsletter`) and ``date_lines``.
    """
    issue = _printable(issue)
    try:
        import jinja2
    except ImportError as exc:
        raise MissingDependencyError("jinja2", "docs", "HTML newsletter output") from exc
    if template is None:
        source = resources.package_file("ipterm", "templates/newsletter.html.j2").read_text(
            encoding="utf-8"
        )
    else:
        try:
            source = Path(template).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the template: {exc}", path=template) from None
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    try:
        compiled = env.from_string(source)
        return compiled.render(
            issue=issue, date_lines=_date_lines, basename=lambda p: Path(p).name,
            evidence=_evidence_html,
        )  # fmt: skip
    except jinja2.TemplateError as exc:
        raise InputError(
            f"the HTML template failed: {exc}", path=template or "newsletter.html.j2"
        ) from None


def _where(item: Item, index: int) -> str:
    """'2021-04-25_briefing.txt, characters 4009-4172': where a bullet's source sentence is."""
    spans = item.sources[index] if index < len(item.sources) else ()
    places = ", ".join(f"{a}-{b}" for a, b in spans)
    return f"{Path(item.path).name}, characters {places}" if places else Path(item.path).name


def _evidence_html(item: Item, index: int):
    """A closed ``<details>`` with the bullet's source passage: one click to check a fact."""
    if index >= len(item.evidence) or not item.evidence[index]:
        return ""
    passage = html.escape(item.evidence[index])
    where = html.escape(_where(item, index))
    from markupsafe import Markup  # jinja2's own dependency

    return Markup(
        f'<details class="evidence"><summary>Source</summary>'
        f"<blockquote>{passage}</blockquote><p>{where}</p></details>"
    )


def _comment_text(item: Item, index: int) -> str:
    passage = item.evidence[index] if index < len(item.evidence) else ""
    return f"Source ({_where(item, index)}): {passage}" if passage else _where(item, index)


def _add_bullet(document, item: Item, index: int, style: str | None):
    """One summary line as a paragraph, with a Word comment holding its source sentence."""
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(item.summary[index])
    if hasattr(document, "add_comment"):  # python-docx >= 1.2
        comment = document.add_comment(
            run, text=_comment_text(item, index), author="ipterm", initials="IP"
        )
        # dated like the document (the issue's month), not the clock: same draft, same bytes
        stamp = document.core_properties.created
        if stamp is not None:
            comment._element.set(_W_DATE, stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return paragraph


_W_DATE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}date"


def write_docx(issue: Newsletter, path: str | Path) -> None:
    """Write a Word document with real headings and numbered lists (editable in Word)."""
    issue = _printable(issue)
    try:
        import docx
    except ImportError as exc:
        raise MissingDependencyError("python-docx", "docs", "DOCX newsletter output") from exc
    document = docx.Document()
    document.core_properties.title = issue.title
    # Fixed dates (the issue's month) so the same draft gives the same file, byte for byte.
    stamp = dt.datetime.strptime(issue.month + "-01", "%Y-%m-%d")
    document.core_properties.created = document.core_properties.modified = stamp
    document.add_heading(issue.title, level=0)
    document.add_paragraph(f"{issue.reading_minutes} minute read")
    for section in issue.sections:
        document.add_heading(section.name, level=1)
        for item in section.items:
            document.add_heading(item.headline, level=2)
            if item.chinese_title:
                document.add_paragraph(item.chinese_title)
            for line in _date_lines(item):
                document.add_paragraph(line)
            for index in range(len(item.summary)):
                _add_bullet(document, item, index, "List Number" if item.numbered else None)
            source = document.add_paragraph()
            source.add_run(f"Source: {item.source_line}").italic = True
    if issue.skipped:
        document.add_heading("Not in this issue", level=1)
        for skipped in issue.skipped:
            document.add_paragraph(
                f"{Path(skipped.path).name}: {skipped.reason}", style="List Bullet"
            )
    document.add_heading("Terminology check", level=1)
    if not issue.term_notes:
        document.add_paragraph("No findings.")
    for note in issue.term_notes:
        document.add_paragraph(
            f"[{note.severity}] {note.rule}: {note.message}", style="List Bullet"
        )
    buffer = io.BytesIO()
    document.save(buffer)
    write_bytes(path, _fixed_zip_times(buffer.getvalue()))


def _fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every member dated 1980-01-01, so equal input gives equal bytes."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()
