"""Find glossary terms in running text with one Aho-Corasick automaton.

How it works, and why:

* **One automaton** (pyahocorasick) holds every term key of the glossary, so a
  10 MB document is scanned once, whatever the number of terms; a regex
  alternation of 10,000 terms is many times slower (``benchmarks/bench_matcher.py``).
* **Matching runs on a key copy of the text** of the same length (except for
  collapsed white space, mapped back through a small offset table): width
  folded, Traditional -> Simplified, lower-cased, hyphens as spaces, curly
  apostrophes and quotes straightened.  So ``專利權人``, ``ＣＮＩＰＡ`` and
  ``trade-mark`` find ``专利权人``, ``CNIPA`` and ``trade mark``, and every
  reported span points into the *original* text.
* **English inflection** is handled at compile time: the last word of each
  English term gets its plural, possessive and verb forms (``patent`` ->
  ``patents``, ``patent's``, ``patented``...; ``infringe`` -> ``infringes``,
  ``infringed``, ``infringing``), and British/American spellings
  (``licence``/``license``, ``-isation``/``-ization``) of every word.  Generating
  variants keeps the text side a plain scan; lemmatising the text would need
  a tokenizer and an offset map per word.
* **Word boundaries** are checked where a key starts or ends with a Latin
  letter or digit (so ``patent`` is not found in ``patently``); Chinese keys
  need none.  **Case-sensitive terms** (capitalised acronyms such as ``CNIPA``,
  see :attr:`Term.is_case_sensitive`) must also match the text's case exactly.
* **Longest match wins**: among overlapping candidates the longest is kept
  (``专利权人`` hides ``专利权`` and ``专利``), then the next longest that does not
  overlap, and so on; ties go to the earlier one.
* **Shared terms**: when several concepts have the same term, the match is
  reported once, for the first of them in glossary order;
  :meth:`Matcher.concepts_for` lists all of them.
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from ipterm.errors import InputError
from ipterm.glossary.model import Glossary, Term
from ipterm.text.normalize import WIDTH_TABLE, to_simplified

__all__ = ["Match", "Matcher", "find_terms"]


@dataclass(frozen=True)
class Match:
    """One glossary term found in a text; ``text == original[start:end]``."""

    start: int
    end: int
    text: str
    lang: str
    concept: str
    term: Term

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "lang": self.lang,
            "concept": self.concept,
            "term": self.term.text,
            "status": self.term.status,
            "region": self.term.region,
        }


# Characters folded for matching, each to one character so lengths stay equal:
# full-width forms (normalize.WIDTH_TABLE), white space and hyphens to a space,
# curly apostrophes and quotes to straight ones.
_KEY_TABLE: dict[int, int] = dict(WIDTH_TABLE)
_KEY_TABLE.update(
    {ord(ch): ord(" ") for ch in "\t\n\r\f\v\u00a0\u2028\u2029-\u2010\u2011\u2012\u2013"}
)
_KEY_TABLE.update({ord(ch): ord("'") for ch in "\u2018\u2019\u02bc\u2032\uff07"})
_KEY_TABLE.update({ord(ch): ord('"') for ch in "\u201c\u201d\u2033"})
_SPACE_RUNS = regex.compile(r" {2,}")
_HAN = regex.compile(r"\p{Han}")
_WORD_FORM = regex.compile(r"[a-z]+")
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


def _case_key(text: str) -> str:
    """Folded, Simplified copy of ``text`` with the same length (case kept)."""
    return to_simplified(text.translate(_KEY_TABLE))


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _collapse(text: str) -> tuple[str, list[int], list[int]]:
    """Collapse runs of spaces; return the text and a table from key to original offsets."""
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


class _WordChars(dict):
    """Memo of "is this a letter or digit that is not Han?" for boundary checks."""

    def __missing__(self, ch: str) -> bool:
        value = ch.isalnum() and not _HAN.match(ch)
        self[ch] = value
        return value


_WORD_CHARS = _WordChars()


def _is_word_char(ch: str) -> bool:
    return _WORD_CHARS[ch]


@dataclass(frozen=True)
class _Entry:
    concept: str
    term: Term
    exact: str | None  # the case-sensitive form the text must show, if any


def _ambiguous_short_form(term: Term) -> bool:
    """A one- or two-character regional short form, such as Taiwan's 新型 (for 新型專利).

    In running text these are ordinary words (新型 "new type", 設計 "design"), so
    matching them everywhere would report utility models in every 新型冠状病毒.
    ``Matcher(regional_short_forms=True)`` matches them all the same.
    """
    return (
        term.lang == "zh"
        and term.region is not None
        and term.term_type in ("shortForm", "abbreviation")
        and len(term.text) <= 2
    )


class Matcher:
    """A compiled glossary: build once, then :meth:`find` terms in any number of texts.

    ``langs`` limits the term languages compiled; ``include_deprecated=False``
    leaves deprecated terms out (a checker keeps them, to flag them);
    ``regional_short_forms=True`` also matches the one- and two-character
    regional short forms that are ordinary words elsewhere (Taiwan's 新型).

    >>> from ipterm.glossary.model import Glossary
    >>> m = Matcher(Glossary.from_pairs([("专利", "patent"), ("专利权人", "patentee")]))
    >>> [(x.text, x.concept) for x in m.find("專利權人的专利 and two Patents.")]
    [('專利權人', 'c00002'), ('专利', 'c00001'), ('Patents', 'c00001')]
    """

    def __init__(
        self,
        glossary: Glossary,
        *,
        langs: Sequence[str] = ("zh", "en"),
        include_deprecated: bool = True,
        regional_short_forms: bool = False,
    ) -> None:
        import ahocorasick

        self.glossary = glossary
        self.langs = tuple(langs)
        self.include_deprecated = include_deprecated
        self._entries: dict[str, list[_Entry]] = {}
        for concept, term in glossary.terms():
            if term.lang not in self.langs or (
                term.status == "deprecated" and not include_deprecated
            ):
                continue
            if not regional_short_forms and _ambiguous_short_form(term):
                continue
            for form in _term_forms(term):
                key = _lower(_collapse(_case_key(form))[0])
                if len(key) >= _LENGTH_LIMIT:  # not a term; would not fit the candidate code
                    continue
                entry = _Entry(concept.id, term, form if term.is_case_sensitive else None)
                bucket = self._entries.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
        self._automaton = ahocorasick.Automaton()
        self._entry_list: list[_Entry] = []
        for key, bucket in self._entries.items():
            first = len(self._entry_list)
            self._entry_list.extend(bucket)
            # The only entry, when it needs no case check: the fast path of _candidates.
            simple = first if len(bucket) == 1 and bucket[0].exact is None else -1
            left, right = _is_word_char(key[0]), _is_word_char(key[-1])
            value = (len(key), left, right, range(first, first + len(bucket)), simple)
            self._automaton.add_word(key, value)
        if self._entries:
            self._automaton.make_automaton()

    def __repr__(self) -> str:
        return f"Matcher({self.glossary.name!r}, {len(self._entries)} keys)"

    def __len__(self) -> int:
        return len(self._entries)

    def concepts_for(self, term_text: str) -> tuple[str, ...]:
        """Ids of every concept with a term (or term form) that reads ``term_text``.

        >>> from ipterm.glossary.model import Glossary
        >>> m = Matcher(Glossary.from_pairs([("权利要求", "claim"), ("索赔", "claim")]))
        >>> m.concepts_for("claims")
        ('c00001', 'c00002')
        """
        key = _lower(_collapse(_case_key(term_text.strip()))[0])
        return tuple(dict.fromkeys(e.concept for e in self._entries.get(key, ())))

    def find(self, text: str, *, lang: str | None = None) -> list[Match]:
        """Terms in ``text``, sorted by start, non-overlapping, longest first.

        ``lang`` keeps only terms of that language (``"zh"`` or ``"en"``);
        ``None`` reports both.
        """
        if lang not in (None, "zh", "en"):
            raise InputError(f"unknown language {lang!r}; use 'zh', 'en' or leave it out")
        if not text or not self._entries:
            return []
        case_text, key_at, shift_at = _collapse(_case_key(text))
        key_text = _lower(case_text)
        codes = self._candidates(key_text, case_text, lang)
        entries = self._entry_list
        matches = []
        # Spans come sorted and disjoint, so the collapsed-space table is walked once.
        breaks = len(key_at)
        i = shift = 0
        for start, end, index in _longest_first(codes, len(key_text)):
            while i < breaks and key_at[i] <= start:
                shift = shift_at[i]
                i += 1
            o_start = start + shift
            o_end = end + (
                shift if i == breaks or key_at[i] > end - 1 else _shift(key_at, shift_at, end - 1)
            )
            entry = entries[index]
            term = entry.term
            matches.append(
                Match(o_start, o_end, text[o_start:o_end], term.lang, entry.concept, term)
            )
        return matches

    def find_iter(self, text: str, *, lang: str | None = None) -> Iterator[Match]:
        """Like :meth:`find`, as an iterator."""
        return iter(self.find(text, lang=lang))

    def _candidates(self, key_text: str, case_text: str, lang: str | None) -> list[int]:
        """Every acceptable hit, coded as one int (see :func:`_code`): the hot loop, kept lean.

        Ints rather than tuples: millions of tuples kept alive make Python's
        garbage collector rescan them over and over; ints are not tracked.
        """
        found: list[int] = []
        append = found.append
        size = len(key_text)
        word = _WORD_CHARS
        entries = self._entry_list
        for last, (length, left, right, indices, simple) in self._automaton.iter(key_text):
            start = last - length + 1
            if left and start and word[key_text[start - 1]]:
                continue
            if right and last + 1 < size and word[key_text[last + 1]]:
                continue
            if simple < 0 or (lang is not None and entries[simple].term.lang != lang):
                simple = _pick(entries, indices, case_text, start, last + 1, lang)
                if simple < 0:
                    continue
            append((_LENGTH_LIMIT - length) << _LENGTH_SHIFT | start << _INDEX_BITS | simple)
        return found


# A candidate is one int: (limit - length, start, entry index) packed so that
# sorting the ints sorts longest first, then leftmost.
_INDEX_BITS = 24
_START_BITS = 36
_LENGTH_SHIFT = _INDEX_BITS + _START_BITS
_LENGTH_LIMIT = 1 << 16
_INDEX_MASK = (1 << _INDEX_BITS) - 1
_START_MASK = (1 << _START_BITS) - 1


def _pick(
    entries: list[_Entry], indices: range, case_text: str, start: int, end: int, lang: str | None
) -> int:
    for index in indices:
        entry = entries[index]
        if lang is not None and entry.term.lang != lang:
            continue
        if entry.exact is not None and case_text[start:end] != entry.exact:
            continue
        return index
    return -1


def _longest_first(codes: list[int], size: int) -> list[tuple[int, int, int]]:
    """``(start, end, entry index)`` of the longest candidates that overlap no longer one."""
    codes.sort()
    taken = bytearray(size)
    chosen = []
    for code in codes:
        length = _LENGTH_LIMIT - (code >> _LENGTH_SHIFT)
        start = (code >> _INDEX_BITS) & _START_MASK
        end = start + length
        # Every span taken so far is at least as long as this one, so if one overlaps
        # it, it covers this span's first or last character.
        if not taken[start] and not taken[end - 1]:
            taken[start:end] = b"\x01" * length
            chosen.append((start << 16 | length) << _INDEX_BITS | (code & _INDEX_MASK))
    chosen.sort()
    spans = []
    for code in chosen:
        start, length = code >> (_INDEX_BITS + 16), (code >> _INDEX_BITS) & 0xFFFF
        spans.append((start, start + length, code & _INDEX_MASK))
    return spans


def _shift(key_at: list[int], shift_at: list[int], index: int) -> int:
    if not key_at:
        return 0
    i = bisect.bisect_right(key_at, index)
    return shift_at[i - 1] if i else 0


def _term_forms(term: Term) -> list[str]:
    """The surface forms a term is matched under: itself, and for English its variants."""
    text = " ".join(term.text.split())
    if term.lang != "en":
        return [text]
    words = text.split(" ")
    last = words[-1]
    if last.isupper() or not last.isalpha():  # acronyms: plural only (SMEs)
        endings = [last, last + "s"] if last.isalpha() and len(last) > 1 else [last]
    else:
        endings = [form for base in (last, *_word_spellings(last)) for form in _inflections(base)]
    stems = _spelling_variants(words[:-1])
    return list(dict.fromkeys(" ".join([*stem, end]) for stem in stems for end in endings))


def _inflections(word: str) -> list[str]:
    """Plural, possessive and verb forms of one English word (over-generation is harmless)."""
    lower = word.lower()
    forms = [word]
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        plural = word + "es"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        plural = word[:-1] + "ies"
    else:
        plural = word + "s"
    forms += [plural, word + "'s", plural + "'"]
    if lower.endswith("e"):
        forms += [word + "d", word[:-1] + "ing"]
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        forms += [word[:-1] + "ied", word + "ing"]
    else:
        forms += [word + "ed", word + "ing"]
    return list(dict.fromkeys(forms))


def _word_spellings(word: str) -> list[str]:
    lower = word.lower()
    out = []
    for british, american in _SPELLINGS:
        for old, new in ((british, american), (american, british)):
            if lower.endswith(old) and len(lower) > len(old) + 2:
                out.append(word[: -len(old)] + new)
    return out


def _spelling_variants(words: list[str]) -> list[list[str]]:
    options = [[w, *_word_spellings(w)] for w in words]
    return [list(p) for p in itertools.islice(itertools.product(*options), _MAX_SPELLING_VARIANTS)]


# find_terms keeps a few compiled matchers, keyed by the glossary object's
# identity (a Glossary holds dicts, so it is not hashable); the entry keeps
# the glossary alive so its id cannot be reused by another object.
_CACHE: OrderedDict[int, tuple[Glossary, Matcher]] = OrderedDict()
_CACHE_SIZE = 8
_CACHE_LOCK = threading.Lock()


def matcher_for(glossary: Glossary) -> Matcher:
    """The cached :class:`Matcher` of ``glossary`` (compiled on first use)."""
    with _CACHE_LOCK:
        hit = _CACHE.get(id(glossary))
        if hit is not None and hit[0] is glossary:
            _CACHE.move_to_end(id(glossary))
            return hit[1]
    matcher = Matcher(glossary)
    with _CACHE_LOCK:
        _CACHE[id(glossary)] = (glossary, matcher)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return matcher


def find_terms(
    text: str, *, glossary: Glossary | None = None, lang: str | None = None
) -> list[Match]:
    """Glossary terms in ``text`` (the bundled glossary unless one is given).

    >>> from ipterm.glossary.model import Glossary
    >>> g = Glossary.from_pairs([("商标", "trade mark")])
    >>> [(m.start, m.end, m.text) for m in find_terms("商標 and Trade-Marks", glossary=g)]
    [(0, 2, '商標'), (7, 18, 'Trade-Marks')]
    """
    if glossary is None:
        from ipterm.glossary.io import load_glossary

        glossary = load_glossary()
    return matcher_for(glossary).find(text, lang=lang)
