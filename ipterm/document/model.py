"""The parsed shape of a document: units (turns or paragraphs) and sentences with offsets.

Every span points into the *original* text handed to
:func:`~ipterm.document.parse_document`; debris such as page-break tags is
left out of the units but never cut out of the text, so offsets stay valid
for highlighting and for the summariser's ``sources``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

Kind = Literal["transcript", "policy", "news", "newsletter", "plain"]
KINDS: tuple[str, ...] = ("transcript", "policy", "news", "newsletter", "plain")
# Roles in a press conference.  "journalist" is whoever asks the questions
# (a committee member in a hearing); "speaker" is a turn whose role is unclear.
ROLES: tuple[str, ...] = ("moderator", "official", "journalist", "speaker")


@dataclass(frozen=True)
class Speaker:
    """A person (or media outlet) who speaks, with what the speaker list says about them.

    ``organisation`` is a short name for the body they speak for ("CNIPA"),
    used to attribute first-person statements; None when unknown.
    """

    name: str
    role: str
    description: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class Unit:
    """A speaker turn, a paragraph, a heading or a numbered item."""

    start: int
    end: int
    text: str
    kind: str  # "turn" | "paragraph" | "heading" | "item" | "meta"
    speaker: str | None = None
    role: str | None = None
    section: str | None = None


@dataclass(frozen=True)
class Sentence:
    """One sentence, with the unit it belongs to and its speaker, role and section."""

    start: int
    end: int
    text: str
    index: int
    unit: int
    speaker: str | None = None
    role: str | None = None
    section: str | None = None
    first_in_unit: bool = False


@dataclass(frozen=True)
class Document:
    """A parsed document; build it with :func:`ipterm.document.parse_document`.

    ``speakers`` maps a speaker's name to their role; ``speaker_info`` keeps
    the descriptions and organisations from the speaker list.
    """

    text: str
    kind: str
    lang: str
    title: str | None
    date: _dt.date | None
    issuer: str | None
    units: tuple[Unit, ...]
    sentences: tuple[Sentence, ...]
    speaker_info: tuple[Speaker, ...] = ()
    debris: tuple[tuple[int, int], ...] = ()
    speakers: Mapping[str, str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "speakers", MappingProxyType({s.name: s.role for s in self.speaker_info})
        )

    def speaker(self, name: str | None) -> Speaker | None:
        """The :class:`Speaker` called ``name``, or None."""
        for info in self.speaker_info:
            if info.name == name:
                return info
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings, spans as ``[start, end]``)."""
        return {
            "kind": self.kind,
            "lang": self.lang,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "speakers": [
                {"name": s.name, "role": s.role, "description": s.description,
                 "organisation": s.organisation}
                for s in self.speaker_info
            ],
            "units": [
                {"start": u.start, "end": u.end, "kind": u.kind, "speaker": u.speaker,
                 "role": u.role, "section": u.section}
                for u in self.units
            ],
            "sentences": [
                {"start": s.start, "end": s.end, "text": s.text, "unit": s.unit,
                 "speaker": s.speaker, "role": s.role, "section": s.section}
                for s in self.sentences
            ],
            "debris": [list(span) for span in self.debris],
        }  # fmt: skip
