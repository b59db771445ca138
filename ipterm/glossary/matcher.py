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
import gc
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ipterm.errors import InputError
from ipterm.glossary import scan
from ipterm.glossary.matchkeys import (
    case_key,
    collapse,
    is_word_char,
    key_of,
    lower,
    term_forms,
)
from ipterm.glossary.model import Glossary, Term

__all__ = ["Match", "Matcher", "find_terms"]


@dataclass(frozen=True, slots=True)
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


class _MatchRow:
    """A :class:`Match` under construction: the same slots, without the frozen checks.

    A frozen dataclass sets each field through ``object.__setattr__``, which made
    building the matches of a long text cost more than scanning it.  A row is
    filled with plain attribute stores and then becomes a :class:`Match`
    (``__class__`` may be reassigned between classes of identical slot layout),
    so every object :meth:`Matcher.find` returns is an ordinary, frozen Match.
    """

    __slots__ = ("start", "end", "text", "lang", "concept", "term")

    def __init__(self, start: int, end: int, text: str, lang: str, concept: str, term: Term):
        self.start, self.end, self.text = start, end, text
        self.lang, self.concept, self.term = lang, concept, term


def _match(start: int, end: int, text: str, lang: str, concept: str, term: Term) -> Match:
    row: Any = _MatchRow(start, end, text, lang, concept, term)
    row.__class__ = Match
    return row


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
            sensitive = term.is_case_sensitive
            for form in term_forms(term.text, term.lang):
                key = key_of(form)
                if len(key) >= scan.LENGTH_LIMIT:  # not a term; would not fit the candidate code
                    continue
                entry = _Entry(concept.id, term, form if sensitive else None)
                bucket = self._entries.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
        self._automaton = ahocorasick.Automaton()
        self._entry_list: list[_Entry] = []
        self._info: list[scan.KeyInfo] = []
        for key, bucket in self._entries.items():
            first = len(self._entry_list)
            self._entry_list.extend(bucket)
            # The only entry, when it needs no case check: the fast path of the scan.
            simple = first if len(bucket) == 1 and bucket[0].exact is None else -1
            left, right = is_word_char(key[0]), is_word_char(key[-1])
            self._automaton.add_word(key, len(self._info))
            self._info.append((len(key), left, right, first, len(self._entry_list), simple))
        if self._entries:
            self._automaton.make_automaton()
        self._consts = [(e.term.lang, e.concept, e.term) for e in self._entry_list]
        self._arrays: Any = None  # numpy tables of the long-text path, built on first use
        self._arrays_lock = threading.Lock()

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
        key = key_of(term_text.strip())
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
        case_text, key_at, shift_at = collapse(case_key(text))
        key_text = lower(case_text)
        entries = self._entry_list
        if len(key_text) >= scan.LARGE:
            return self._find_large(text, key_text, case_text, key_at, shift_at, lang)
        spans = scan.small_spans(self._automaton, self._info, entries, key_text, case_text, lang)
        matches, consts = [], self._consts
        # Spans come sorted and disjoint, so the collapsed-space table is walked once.
        breaks = len(key_at)
        i = shift = 0
        for start, end, index in spans:
            while i < breaks and key_at[i] <= start:
                shift = shift_at[i]
                i += 1
            o_start = start + shift
            o_end = end + (
                shift if i == breaks or key_at[i] > end - 1 else _shift(key_at, shift_at, end - 1)
            )
            lang_, concept, term = consts[index]
            matches.append(_match(o_start, o_end, text[o_start:o_end], lang_, concept, term))
        return matches

    def _find_large(self, text: str, key_text: str, case_text: str, key_at: list[int],
                    shift_at: list[int], lang: str | None) -> list[Match]:  # fmt: skip
        """:meth:`find` for long texts: spans from the vectorised scan, offsets by array."""
        import numpy as np

        with self._arrays_lock:
            if self._arrays is None:
                self._arrays = scan.KeyArrays(self._info, self._entry_list)
        starts, ends, indices = scan.large_spans(
            self._automaton, self._arrays, self._entry_list, key_text, case_text, lang
        )
        if key_at:  # back to original offsets: add the spaces collapsed before each end
            keys, shifts = np.array(key_at), np.array([0, *shift_at])
            starts = starts + shifts[np.searchsorted(keys, starts, side="right")]
            ends = ends + shifts[np.searchsorted(keys, ends - 1, side="right")]
        return _build_matches(text, starts.tolist(), ends.tolist(), indices.tolist(), self._consts)

    def find_iter(self, text: str, *, lang: str | None = None) -> Iterator[Match]:
        """Like :meth:`find`, as an iterator."""
        return iter(self.find(text, lang=lang))


def _build_matches(text: str, starts: list[int], ends: list[int], indices: list[int],
                   consts: list[tuple[str, str, Term]]) -> list[Match]:  # fmt: skip
    """One :class:`Match` per span: the long path's last step, kept to plain stores.

    The garbage collector is paused meanwhile: the new objects hold no cycles,
    and collections triggered by hundreds of thousands of them, each walking the
    growing list, took as long as building them.
    """
    matches: list[Any] = []
    append, new, row_class, match_class = matches.append, object.__new__, _MatchRow, Match
    paused = gc.isenabled()
    gc.disable()
    try:
        for start, end, index in zip(starts, ends, indices, strict=True):
            lang, concept, term = consts[index]
            row: Any = new(row_class)  # its class is swapped to Match below
            row.start, row.end, row.text = start, end, text[start:end]
            row.lang, row.concept, row.term = lang, concept, term
            row.__class__ = match_class  # see _MatchRow
            append(row)
    finally:
        if paused:
            gc.enable()
    return matches


def _shift(key_at: list[int], shift_at: list[int], index: int) -> int:
    if not key_at:
        return 0
    i = bisect.bisect_right(key_at, index)
    return shift_at[i - 1] if i else 0


# matcher_for keeps a few compiled matchers, keyed by the glossary object's
# identity (a Glossary holds dicts, so it is not hashable) and the options; the
# entry keeps the glossary alive so its id cannot be reused by another object.
# A Matcher never changes after it is built, so callers may share one.
_CACHE: OrderedDict[tuple[int, tuple[str, ...], bool, bool], tuple[Glossary, Matcher]] = (
    OrderedDict()
)
_CACHE_SIZE = 8
_CACHE_LOCK = threading.Lock()


def matcher_for(
    glossary: Glossary,
    *,
    langs: Sequence[str] = ("zh", "en"),
    include_deprecated: bool = True,
    regional_short_forms: bool = False,
) -> Matcher:
    """The cached :class:`Matcher` of ``glossary`` with these options (compiled on first use).

    >>> from ipterm.glossary.model import Glossary
    >>> g = Glossary.from_pairs([("专利", "patent")])
    >>> matcher_for(g) is matcher_for(g), matcher_for(g) is matcher_for(g, langs=("en",))
    (True, False)
    """
    key = (id(glossary), tuple(langs), include_deprecated, regional_short_forms)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is glossary:
            _CACHE.move_to_end(key)
            return hit[1]
    matcher = Matcher(
        glossary,
        langs=langs,
        include_deprecated=include_deprecated,
        regional_short_forms=regional_short_forms,
    )
    with _CACHE_LOCK:
        _CACHE[key] = (glossary, matcher)
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
