"""Normalisation for matching: full-width to half-width, Traditional to Simplified.

Matching runs on a normalised copy of the text, but every span ipterm returns
points into the *original* text.  The conversions here therefore keep a
one-to-one character correspondence wherever they can (OpenCC's ``t2s`` is a
character-for-character mapping for nearly all text; where a phrase rule
changes the length, the conversion falls back to character by character).
"""

from __future__ import annotations

import functools
import unicodedata


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese characters to Simplified, keeping the length.

    >>> to_simplified("智慧財產局")
    '智慧财产局'
    >>> to_simplified("patent 專利")
    'patent 专利'
    """
    if not text or text.isascii():
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_t2s().convert(ch) if len(_t2s().convert(ch)) == 1 else ch for ch in text)


# Full-width ASCII (U+FF01..U+FF5E) sits 0xFEE0 above ordinary ASCII, per the
# Unicode Halfwidth and Fullwidth Forms block; the ideographic space becomes a space.
WIDTH_TABLE: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
WIDTH_TABLE[0x3000] = 0x20


def fold_width(text: str) -> str:
    """Map full-width ASCII and the ideographic space to their ordinary forms, one char each.

    Unlike NFKC this never changes the length (NFKC turns "㈱" into three
    characters), so offsets stay valid.  ``str.translate`` keeps it fast on
    megabytes of text.

    >>> fold_width("ＣＮＩＰＡ　２０２１")
    'CNIPA 2021'
    """
    return text.translate(WIDTH_TABLE)


def normalize_for_matching(text: str) -> str:
    """Width-folded, Simplified, lower-cased copy of ``text`` with the same length.

    Lower-casing uses ``str.lower`` per character and keeps the original
    character wherever lower-casing would change the length (e.g. "İ").

    >>> normalize_for_matching("Ｔｈｅ 專利權人")
    'the 专利权人'
    """
    folded = to_simplified(fold_width(text))
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in folded)


def nfkc(text: str) -> str:
    """NFKC normalisation, for keys that need not map back to offsets."""
    return unicodedata.normalize("NFKC", text)
