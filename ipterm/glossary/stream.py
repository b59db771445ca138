"""Term matching over text that arrives in pieces, in memory bounded by the piece size.

:func:`find_stream` gives the matches :meth:`Matcher.find` gives on the whole
text, with offsets into the whole text, while holding only a window of it.
Each window is searched whole; the matches that start in its first part are
kept, and the next window starts where they end.  The rest of the window (the
overlap, many times the longest term) is searched again with what follows, so
a term cut by the window's edge, or a longer term that would win over one
before the edge, is decided exactly as in one pass.  Windows are cut after a
white-space character where there is one, so no English word is cut in two.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from ipterm.glossary.matcher import Match, Matcher

__all__ = ["find_stream"]

# Characters kept from one window to the next (many times the longest term).
OVERLAP = 8192
# How far back from a window's edge a white-space character is looked for.
_CUT_SEARCH = 1024


def find_stream(
    matcher: Matcher,
    pieces: Iterable[str],
    *,
    lang: str | None = None,
    window: int = 1 << 20,
) -> Iterator[Match]:
    """Matches of ``matcher`` in the text ``"".join(pieces)``, in order, as they are found.

    >>> from ipterm.glossary.model import Glossary
    >>> g = Glossary.from_pairs([("专利", "patent")])
    >>> pieces = ["申请专", "利和 pat", "ent"]
    >>> [(m.start, m.text) for m in find_stream(Matcher(g), pieces, window=2)]
    [(2, '专利'), (6, 'patent')]
    """
    if window <= 0:
        raise ValueError("window must be positive")
    buffer, base = "", 0
    pieces = iter(pieces)
    exhausted = False
    while not exhausted or buffer:
        while not exhausted and len(buffer) < window + OVERLAP:
            piece = next(pieces, None)
            if piece is None:
                exhausted = True
            else:
                buffer += piece
        if not buffer:
            return
        cut = len(buffer) if exhausted else _cut(buffer, len(buffer) - OVERLAP)
        resume = cut
        for match in matcher.find(buffer, lang=lang):
            if match.start >= cut:
                break
            resume = max(resume, match.end)
            yield replace(match, start=match.start + base, end=match.end + base)
        buffer, base = buffer[resume:], base + resume


def _cut(text: str, edge: int) -> int:
    """A cut just after the last white space before ``edge`` (within reach), else ``edge``."""
    floor = max(0, edge - _CUT_SEARCH)
    for pos in range(edge, floor, -1):
        if text[pos - 1].isspace():
            return pos
    return edge
