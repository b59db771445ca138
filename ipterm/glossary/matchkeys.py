"""The matcher's keys: how texts and terms are folded before the automaton sees them.

Both sides go through the same steps, so a term's key is found wherever the
text's key copy contains it: width folded, white space and hyphens as spaces,
curly apostrophes and quotes straightened (:data:`KEY_TABLE`, one character
for one, so offsets survive), Traditional -> Simplified (length kept), runs of
spaces collapsed (the one step that shifts offsets; :func:`collapse` returns
the table that maps them back), and lower-cased.

English terms also get their inflected forms and British/American spellings
here (:func:`term_forms`), so the text side stays one plain scan.
"""

from __future__ import annotations

import functools
import itertools

import regex

from ipterm.text.normalize import WIDTH_TABLE, to_simplified

# Characters folded for matching, each to one character so lengths stay equal:
# full-width forms (normalize.WIDTH_TABLE), white space and hyphens to a space,
# curly apostrophes and quotes to straight ones.
KEY_TABLE: dict[int, int] = dict(WIDTH_TABLE)
KEY_TABLE.update(
    {ord(ch): ord(" ") for ch in "\t\n\r\f\v\u00a0\u2028\u2029-\u2010\u2011\u2012\u2013"}
)
KEY_TABLE.update({ord(ch): ord("'") for ch in "\u2018\u2019\u02bc\u2032\uff07"})
KEY_TABLE.update({ord(ch): ord('"') for ch in "\u201c\u201d\u2033"})
# The same table as a list over the Basic Multilingual Plane: str.translate with a
# dict raises and catches a KeyError for every character it does not map (most of
# them), which made folding the slowest step on Chinese text; a list answers every
# BMP character directly, and the few beyond it fall through unchanged.
_KEY_LIST: list[int] = list(range(0x10000))
for _code, _to in KEY_TABLE.items():
    _KEY_LIST[_code] = _to

_SPACE_RUNS = regex.compile(r" {2,}")
_HAN = regex.compile(r"\p{Han}")
# British -> American endings and back (whole-word suffixes), for every word of a term.
_SPELLINGS = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ence", "ense"),
    ("our", "or"),
    ("tre", "ter"),
    ("ogue", "og"),
)
_MAX_SPELLING_VARIANTS = 16
_VOWELS = frozenset("aeiou")


def case_key(text: str) -> str:
    """Folded, Simplified copy of ``text`` with the same length (case kept).

    >>> case_key("專利-ＡＢ’s")
    "专利 AB's"
    """
    return to_simplified(text.translate(_KEY_LIST))


def lower(text: str) -> str:
    """Lower-cased, keeping any character whose lower case is longer ("İ")."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def collapse(text: str) -> tuple[str, list[int], list[int]]:
    """Collapse runs of spaces; return the text and a table from key to original offsets.

    ``key_at[i]`` is the first key offset after the ``i``-th collapsed run and
    ``shift_at[i]`` how many characters lie before it in the original.

    >>> collapse("a   b  c")
    ('a b c', [2, 4], [2, 3])
    """
    if "  " not in text:
        return text, [], []
    parts, key_at, shift_at = [], [], []
    last = shift = 0
    for run in _SPACE_RUNS.finditer(text):
        parts.append(text[last : run.start() + 1])
        shift += len(run.group()) - 1
        key_at.append(run.start() + 1 - (shift - (len(run.group()) - 1)))
        shift_at.append(shift)
        last = run.end()
    parts.append(text[last:])
    return "".join(parts), key_at, shift_at


@functools.lru_cache(maxsize=1 << 16)
def key_of(form: str) -> str:
    """The automaton key of one term form (cached: several matchers share a glossary)."""
    return lower(collapse(case_key(form))[0])


class _WordChars(dict):
    """Memo of "is this a letter or digit that is not Han?" for boundary checks."""

    def __missing__(self, ch: str) -> bool:
        value = ch.isalnum() and not _HAN.match(ch)
        self[ch] = value
        return value


WORD_CHARS = _WordChars()


def is_word_char(ch: str) -> bool:
    return WORD_CHARS[ch]


@functools.lru_cache(maxsize=1 << 16)
def term_forms(text: str, lang: str) -> tuple[str, ...]:
    """The surface forms a term is matched under: itself, and for English its variants.

    >>> term_forms("licence fee", "en")[:3]
    ('licence fee', 'licence fees', "licence fee's")
    """
    text = " ".join(text.split())
    if lang != "en":
        return (text,)
    words = text.split(" ")
    last = words[-1]
    if last.isupper() or not last.isalpha():  # acronyms: plural only (SMEs)
        endings = [last, last + "s"] if last.isalpha() and len(last) > 1 else [last]
    else:
        endings = [form for base in (last, *_word_spellings(last)) for form in _inflections(base)]
    stems = _spelling_variants(words[:-1])
    return tuple(dict.fromkeys(" ".join([*stem, end]) for stem in stems for end in endings))


def _inflections(word: str) -> list[str]:
    """Plural, possessive and verb forms of one English word (over-generation is harmless)."""
    low = word.lower()
    forms = [word]
    if low.endswith(("s", "x", "z", "ch", "sh")):
        plural = word + "es"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        plural = word[:-1] + "ies"
    else:
        plural = word + "s"
    forms += [plural, word + "'s", plural + "'"]
    if low.endswith("e"):
        forms += [word + "d", word[:-1] + "ing"]
    elif low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        forms += [word[:-1] + "ied", word + "ing"]
    else:
        forms += [word + "ed", word + "ing"]
    return list(dict.fromkeys(forms))


def _word_spellings(word: str) -> list[str]:
    low = word.lower()
    out = []
    for british, american in _SPELLINGS:
        for old, new in ((british, american), (american, british)):
            if low.endswith(old) and len(low) > len(old) + 2:
                out.append(word[: -len(old)] + new)
    return out


def _spelling_variants(words: list[str]) -> list[list[str]]:
    options = [[w, *_word_spellings(w)] for w in words]
    return [list(p) for p in itertools.islice(itertools.product(*options), _MAX_SPELLING_VARIANTS)]
