"""Structured sources: where a reader can check a concept or a term.

A free-text ``source`` ("NPC translation, curator's knowledge") cannot be
checked; a :class:`Source` names the publisher, the title, the article or page,
the address and the day it was read, and says whether the term was actually
*seen* there (``verified``) or is only believed to be there (``unverified``).
The JSON form is a plain object with the same keys::

    {"publisher": "National People's Congress", "title": "Patent Law ...",
     "article": "Art. 2", "url": "http://...", "date_read": "2025-11-02",
     "status": "verified"}
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

SourceStatus = Literal["verified", "unverified"]
SOURCE_STATUSES: tuple[str, ...] = ("verified", "unverified")


def parse_date(value: str | None, what: str) -> str | None:
    """``value`` if it is an ISO calendar date (YYYY-MM-DD), else ``ValueError``.

    >>> parse_date("2025-10-15", "valid_from")
    '2025-10-15'
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a YYYY-MM-DD date, not {value!r}")
    try:
        parsed = _dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} must be a YYYY-MM-DD date, not {value!r}") from None
    if parsed.isoformat() != value:  # fromisoformat also takes 20251015
        raise ValueError(f"{what} must be a YYYY-MM-DD date, not {value!r}")
    return value


@dataclass(frozen=True)
class Source:
    """One checkable source of a concept or term.

    >>> Source("CNIPA", "Patent Examination Guidelines", article="Part II").status
    'unverified'
    """

    publisher: str
    title: str
    article: str | None = None
    url: str | None = None
    date_read: str | None = None
    status: SourceStatus = "unverified"

    def __post_init__(self) -> None:
        for name in ("publisher", "title"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"a source needs a non-empty {name}, not {value!r}")
        for name in ("article", "url"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ValueError(f"source {self.title!r}: {name} must be text or null")
        parse_date(self.date_read, f"source {self.title!r}: date_read")
        if self.status not in SOURCE_STATUSES:
            raise ValueError(
                f"source {self.title!r}: status must be one of {SOURCE_STATUSES}, "
                f"not {self.status!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def label(self) -> str:
        """One line for a table: ``CNIPA, Title, Art. 2 (verified 2025-11-02)``."""
        parts = [self.publisher, self.title] + [p for p in (self.article, self.url) if p]
        when = f" {self.date_read}" if self.date_read else ""
        return f"{', '.join(parts)} ({self.status}{when})"


# The keys of the JSON form, in the order files write them.
_SOURCE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Source))


def source_from_dict(raw: Any) -> Source:
    """A :class:`Source` from its JSON object; unknown or missing keys are a ``ValueError``."""
    if not isinstance(raw, Mapping):
        raise ValueError(f"a source must be an object with publisher and title, not {raw!r}")
    unknown = set(raw) - set(_SOURCE_FIELDS)
    if unknown:
        raise ValueError(f"source {raw.get('title')!r}: unknown keys {sorted(unknown)}")
    missing = [k for k in ("publisher", "title") if k not in raw]
    if missing:
        raise ValueError(f"source {dict(raw)!r}: missing {', '.join(missing)}")
    return Source(**raw)


def sources_from_json(raw: Any) -> tuple[Source, ...]:
    """A tuple of sources from a JSON list (``None`` is an empty tuple)."""
    if raw is None:
        return ()
    if isinstance(raw, Source):
        return (raw,)
    if isinstance(raw, (str, bytes)) or not isinstance(raw, Iterable):
        raise ValueError(f"sources must be a list of objects, not {raw!r}")
    return tuple(s if isinstance(s, Source) else source_from_dict(s) for s in raw)


def sources_to_text(sources: Iterable[Source]) -> str:
    """Sources as one JSON list: the cell form of CSV/XLSX and the TBX admin text."""
    items = [s.to_dict() for s in sources]
    return json.dumps(items, ensure_ascii=False) if items else ""


def sources_from_text(text: str) -> tuple[Source, ...]:
    """Inverse of :func:`sources_to_text`; an empty cell is no sources."""
    if not text.strip():
        return ()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"sources must be a JSON list of source objects ({exc.msg})") from None
    return sources_from_json(raw)
