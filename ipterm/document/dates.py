"""Dates written in press releases and briefings, with their offsets.

Briefings write dates in many ways ("April 25, 2021", "25 April 2021",
"Nov. 30, 2020", "2021-04-25", "2021年4月25日", "10 Feb 2021") and sometimes
leave the year out ("held a press conference on April 26").  A date without a
year is kept (``year=None``) so the caller can complete it from the
publication date printed elsewhere on the page.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import regex

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PATTERNS = (
    # 2021-04-25, 2021/4/25, 2021.04.25
    regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # 2021年4月25日 (full-width digits are folded before matching)
    regex.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    # April 25, 2021 / Nov. 30, 2020 / April 26 (no year)
    regex.compile(
        rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
    ),
    # 25 April 2021 / 10 Feb 2021
    regex.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
    ),
    # 4月25日 (no year)
    regex.compile(r"(?<![年\d])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
)


@dataclass(frozen=True)
class DateMention:
    """A date found in the text; ``year`` is ``None`` where the text leaves it out."""

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int

    def to_date(self, default_year: int | None = None) -> _dt.date | None:
        """The calendar date, completing a missing year with ``default_year``; None if invalid."""
        year = self.year if self.year is not None else default_year
        if year is None:
            return None
        try:
            return _dt.date(year, self.month, self.day)
        except ValueError:
            return None


_FULL_WIDTH_DIGITS = {0xFF10 + d: 0x30 + d for d in range(10)}


def _fold_digits(text: str) -> str:
    """Full-width digits to ASCII, one character each, so offsets stay valid."""
    return text.translate(_FULL_WIDTH_DIGITS)


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in ``text``, in order, without overlaps.

    >>> [(m.text, m.year, m.month, m.day) for m in find_dates("On Nov. 30, 2020 and 2021年4月25日")]
    [('Nov. 30, 2020', 2020, 11, 30), ('2021年4月25日', 2021, 4, 25)]
    """
    folded = _fold_digits(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            month = _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["m"])
            year = int(groups["y"]) if groups.get("y") else None
            mention = DateMention(
                m.start(), m.end(), text[m.start() : m.end()], year, month, int(groups["d"])
            )
            if mention.to_date(default_year=2000) is None:  # 2000 is a leap year: Feb 29 passes
                continue
            found.append(mention)
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> _dt.date | None:
    """The first complete date in ``text``, or None.

    >>> parse_date("Published on 10 Feb 2021 | 8 minute read")
    datetime.date(2021, 2, 10)
    """
    for mention in find_dates(text):
        if mention.year is not None:
            return mention.to_date()
    return None
