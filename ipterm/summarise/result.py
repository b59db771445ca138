"""The result of summarising: a headline, a date, a source line and bullets with their sources."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

import regex

_MD_SPECIAL = regex.compile(r"([\\`*_\[\]<>|])")


@dataclass(frozen=True)
class Bullet:
    """One highlight; ``sources`` are ``(start, end)`` offsets of the sentences it came from."""

    text: str
    sources: tuple[tuple[int, int], ...]
    score: float = 0.0
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sources": [list(span) for span in self.sources]}


@dataclass(frozen=True)
class Highlights:
    """A newsletter item: headline, date, source and five to eight factual bullets.

    ``notices`` says how the result was made when that differs from what was
    asked (e.g. the encoder was not available).

    >>> bullets = (Bullet("530,000 patents.", ((0, 16),)),)
    >>> h = Highlights("CNIPA Reports", _dt.date(2021, 4, 25), "SCIO", bullets)
    >>> print(h.to_text())
    CNIPA Reports
    2021-04-25 | SCIO
    <BLANKLINE>
    - 530,000 patents.
    """

    headline: str
    date: _dt.date | None
    source: str | None
    bullets: tuple[Bullet, ...]
    notices: tuple[str, ...] = ()
    # what produced it: ipterm version, glossary, model, settings (see ipterm.signature)
    signature: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: ``headline``, ``date`` (ISO or null), ``source``, ``bullets``."""
        return {
            "headline": self.headline,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "bullets": [b.to_dict() for b in self.bullets],
            "signature": self.signature,
        }

    def to_markdown(self) -> str:
        """A Markdown newsletter item (document text escaped)."""
        lines = [f"### {_md(self.headline)}", ""]
        meta = []
        if self.date:
            meta.append(f"**Date:** {self.date.isoformat()}")
        if self.source:
            meta.append(f"**Source:** {_md(self.source)}")
        if meta:
            lines += ["  \n".join(meta), ""]
        lines += [f"- {_md(b.text)}" for b in self.bullets]
        return "\n".join(lines) + "\n"

    def to_text(self) -> str:
        """Plain text: headline, date and source, then one ``-`` line per bullet."""
        lines = [self.headline]
        meta = " | ".join(
            x for x in (self.date.isoformat() if self.date else None, self.source) if x
        )
        if meta:
            lines.append(meta)
        lines.append("")
        lines += [f"- {b.text}" for b in self.bullets]
        return "\n".join(lines)


def _md(text: str) -> str:
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return regex.sub(r"^([#+-])", r"\\\1", escaped)
