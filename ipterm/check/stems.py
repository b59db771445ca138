"""Loose English word families for the fuzzy tier of the rendering search.

Official translations rarely repeat a glossary heading word for word: the
heading "Revocation" becomes "revoked" in the body, "Invention Patent"
becomes "patent for invention", "Compulsory Licensing" becomes "compulsory
license".  A reviewer reads those as the same term, so the checker does too:
two words are of one family when their suffix-stripped stems agree on all
but (at most) their last two letters and on at least four letters
("transmitt-ed" and "transmiss-ion").  The rendering
is present when every content word of it has a family member within a short
window of the target, in any order.

This is deliberately simpler than a Porter stemmer: it needs no data, is
predictable, and errs on the side of fewer false alarms, which is what a QA
checker's users ask for first.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Longest first; stripping stops at a stem of three letters.
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ions",
    "ion",
    "ers",
    "er",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "al",
    "s",
    "e",
    "y",
)
_AGENT = ("ant", "ent", "ee", "or", "ist", "abl", "ibl")
STOPWORDS = frozenset("a an and as at by for from in into of on or the to with its their".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: lower-cased, possessive and one inflectional/derivational suffix removed.

    >>> stem("Revocation"), stem("revoked"), stem("licensing"), stem("license")
    ('revoc', 'revok', 'licens', 'licens')
    """
    word = word.lower().removesuffix("'s").removesuffix("'")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def same_family(a: str, b: str) -> bool:
    """Whether two stems name one word family (``revoc``/``revok`` yes, ``us``/``user`` no).

    >>> same_family("applic", "appl"), same_family("right", "rigid")
    (True, False)
    >>> same_family("applic", "applicant")
    False
    """
    if a == b:
        return True
    # An agent noun or an -able adjective is another concept: "applicant" and "applicable"
    # are not "application", "patentee" is not "patent".
    if a.endswith(_AGENT) != b.endswith(_AGENT):
        return False
    short = min(len(a), len(b))
    if short < 4 or abs(len(a) - len(b)) > 3:  # "trad(e)" is not "trademark"
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(4, short - 2)


# Head nouns that name the kind of thing rather than the thing ("patent *rights*",
# "*rules* of ..."): the fuzzy tier does not require them when another word remains.
GENERIC_HEADS = frozenset(
    stem(w)
    for w in ("right rights act regulations rules provisions procedure procedures matters".split())
)


def content_stems(text: str) -> tuple[str, ...]:
    """Stems the fuzzy tier requires: meaningful words, without generic heads if others remain.

    >>> content_stems("Patent Rights"), content_stems("Rights")
    (('patent',), ('right',))
    """
    stems = tuple(stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS)
    specific = tuple(s for s in stems if s not in GENERIC_HEADS)
    return specific or stems


def stem_options(text: str) -> list[tuple[str, ...]]:
    """The stem sets any one of which shows the term is present, strictest first.

    A term of three or more words may lose its first modifier: "Plant Variety
    Rights" is present as "variety right" (but "Health Care Ambassadors
    Program" is not present as "health care program").

    >>> stem_options("Plant Variety Rights")
    [('plant', 'variet'), ('variet',)]
    >>> stem_options("Invention Patent")
    [('invent', 'patent')]
    """
    needed = content_stems(text)
    options = [needed]
    n_words = len([w for w in _WORD.findall(text) if w.lower() not in STOPWORDS])
    if n_words >= 3 and len(needed) >= 2:
        options.append(needed[1:])
    return options


class Words:
    """The words of a target text with their stems, indexed by the first four letters of the stem.

    Two stems can only be one family when they agree on four letters (or are
    equal and shorter), so the index turns each look-up into a dictionary hit.
    """

    __slots__ = ("items", "text", "_index")

    def __init__(self, text: str) -> None:
        self.text = text
        self.items = [(stem(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
        self._index: dict[str, list[int]] = {}
        for i, (w, _, _) in enumerate(self.items):
            self._index.setdefault(_bucket(w), []).append(i)

    def __len__(self) -> int:
        return len(self.items)

    def positions(self, s: str) -> list[int]:
        """Indexes of the words in the family of stem ``s``."""
        return [i for i in self._index.get(_bucket(s), ()) if same_family(s, self.items[i][0])]


def _bucket(s: str) -> str:
    return s[:4] if len(s) >= 4 else "=" + s


def word_stems(text: str) -> Words:
    """The stemmed, indexed words of a target text."""
    return Words(text)


def family_present(
    needed: tuple[str, ...], words: Words, *, slack: int = 3
) -> tuple[int, int] | None:
    """The character span where every stem of ``needed`` has a family member, or None.

    All members must lie within one window of ``2 * len(needed) + slack``
    words, enough for "patent for invention" or "rights in circuit layouts"
    but not for words scattered over a long paragraph.

    >>> family_present(content_stems("Invention Patent"), word_stems("a patent for an invention"))
    (2, 25)
    >>> far = word_stems("invention " + "x " * 20 + "patent")
    >>> family_present(content_stems("Invention Patent"), far)
    """
    if not needed:
        return None
    positions = []
    for s in needed:
        hits = words.positions(s)
        if not hits:
            return None
        positions.append(hits)
    width = 2 * len(needed) + slack
    for first in positions[0]:
        chosen = [first]
        for hits in positions[1:]:
            near = [p for p in hits if abs(p - first) <= width]
            if not near:
                break
            chosen.append(min(near, key=lambda p: abs(p - first)))
        else:
            return words.items[min(chosen)][1], words.items[max(chosen)][2]
    return None
