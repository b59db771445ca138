"""What a drafted issue is made of: items grouped in sections, plus what was left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SectionScore:
    """Why a document went to a section: the two pieces of evidence and their sum."""

    section: str
    score: float
    similarity: float | None  # encoder cosine with the section description (None: no encoder)
    subject_share: float  # share of the document's glossary hits whose subject belongs here


@dataclass(frozen=True)
class Item:
    """One document's entry in the issue."""

    headline: str
    path: str
    date: dt.date | None
    section: str
    summary: tuple[str, ...]  # one to three sentences, or numbered highlights
    numbered: bool = False
    chinese_title: str | None = None
    effective_date: dt.date | None = None
    lang: str = "en"
    scores: tuple[SectionScore, ...] = ()
    sources: tuple[tuple[tuple[int, int], ...], ...] = ()  # per summary line, spans in the document
    evidence: tuple[str, ...] = ()  # per summary line, the source sentence(s) it came from
    source: str | None = None  # the document's title and issuer ("Title - Issuer")
    ranks: tuple[float, ...] = ()  # per summary line, the summariser's score (to trim an item)

    @property
    def source_line(self) -> str:
        """What the item cites: the document's title and issuer, else its file name."""
        from pathlib import Path

        return self.source or Path(self.path).name

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "chinese_title": self.chinese_title,
            "date": self.date.isoformat() if self.date else None,
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "section": self.section,
            "summary": list(self.summary),
            "numbered": self.numbered,
            "lang": self.lang,
            "path": self.path,
            "sources": [[list(span) for span in spans] for spans in self.sources],
            "evidence": list(self.evidence),
            "source": self.source,
            "scores": [
                {
                    "section": s.section,
                    "score": round(s.score, 4),
                    "similarity": None if s.similarity is None else round(s.similarity, 4),
                    "subject_share": round(s.subject_share, 4),
                }
                for s in self.scores
            ],
        }


@dataclass(frozen=True)
class Skipped:
    """A document that is not in the issue, and why."""

    path: str
    reason: str
    date: dt.date | None = None


@dataclass(frozen=True)
class Section:
    name: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class TermNote:
    """A terminology finding on the draft (from the checker), shown at the end of the issue."""

    rule: str
    severity: str
    message: str


@dataclass(frozen=True)
class Newsletter:
    """A drafted "China IP Highlights" issue, ready to render as Markdown, HTML or DOCX."""

    title: str
    month: str  # YYYY-MM
    issue: int
    sections: tuple[Section, ...]
    skipped: tuple[Skipped, ...] = ()
    term_notes: tuple[TermNote, ...] = ()
    reading_minutes: int = 1
    notes: tuple[str, ...] = field(default=())

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "month": self.month,
            "issue": self.issue,
            "reading_minutes": self.reading_minutes,
            "sections": [
                {"name": s.name, "items": [i.to_dict() for i in s.items]} for s in self.sections
            ],
            "skipped": [
                {"path": s.path, "reason": s.reason, "date": s.date.isoformat() if s.date else None}
                for s in self.skipped
            ],
            "terminology": [
                {"rule": n.rule, "severity": n.severity, "message": n.message}
                for n in self.term_notes
            ],
            "notes": list(self.notes),
        }

    def to_markdown(self) -> str:
        from ipterm.newsletter.render import to_markdown

        return to_markdown(self)

    def to_html(self, template: str | None = None) -> str:
        from ipterm.newsletter.render import to_html

        return to_html(self, template=template)

    def to_docx(self, path: str) -> None:
        from ipterm.newsletter.render import write_docx

        write_docx(self, path)
