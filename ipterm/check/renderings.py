"""Is an accepted rendering of a concept present in a target segment?

The glossary matcher reports the *longest* term at each place, which is right
for the source side (专利权人 is not 专利权) but too strict for a presence
check on the target: "intellectual property" is present in "the Intellectual
Property Case Adjudication Act" even though the matcher reports the longer
law title there.  This module therefore searches each accepted rendering on
its own, with English inflection (plural, possessive, -ed/-ing), hyphen/space
equivalence, and per-term case sensitivity.  Patterns are compiled once per
concept and cached by the :class:`RenderingIndex`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipterm.check.stems import Words
from ipterm.glossary.model import Concept, Term

# All-capital words up to this length are taken as acronyms (case-sensitive,
# not inflected); longer ones are headings written in capitals ("ESTABLISHMENT").
_ACRONYM_MAX = 8

# Suffixes that inflect an English word without changing what it names.
_SUFFIXES = r"(?:s|es|'s|s'|’s|ed|d|ing)?"


@dataclass(frozen=True)
class Rendering:
    """Where a concept's rendering was found in a target text."""

    start: int
    end: int
    term: Term


def _word_pattern(word: str, inflect: bool) -> str:
    if (
        not inflect
        or not word.isalpha()
        or len(word) < 3
        or (word.isupper() and len(word) <= _ACRONYM_MAX)
    ):
        return re.escape(word)
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        return re.escape(word[:-3]) + r"(?:y|ies|ied)"
    if lower.endswith("s") and not lower.endswith("ss") and len(word) > 3:
        word = word[:-1]  # a plural in the glossary also accepts the singular
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return re.escape(word[:-1]) + r"(?:y|ies|ied)"
    if word.endswith("e"):
        return re.escape(word) + r"(?:s|'s|s'|’s|d)?|" + re.escape(word[:-1]) + "ing"
    return re.escape(word) + _SUFFIXES


def english_pattern(text: str, *, inflect: bool = True) -> str:
    """A regex source for an English term: inflected words, hyphen or space between them.

    >>> bool(re.fullmatch(english_pattern("patent holder"), "patent-holders"))
    True
    >>> bool(re.fullmatch(english_pattern("royalty"), "royalties"))
    True
    """
    words = [w for w in re.split(r"[\s\-\u2010\u2011]+", text) if w]
    parts = []
    for word in words:
        parts.append(f"(?:{_word_pattern(word, inflect)})")
    return r"[\s\-\u2010\u2011]+".join(parts)


def _case_sensitive(term: Term) -> bool:
    """The term's own setting; capitals count only for acronym-length words."""
    if term.case_sensitive is not None or term.term_type in ("acronym", "abbreviation"):
        return term.is_case_sensitive
    return term.is_case_sensitive and len(term.text) <= _ACRONYM_MAX


def _compile(term: Term, inflect: bool) -> re.Pattern[str]:
    if term.lang == "en":
        body = english_pattern(term.text, inflect=inflect)
        flags = 0 if _case_sensitive(term) else re.IGNORECASE
        return re.compile(rf"(?<![\w]){body}(?![\w])", flags)
    from ipterm.text.normalize import fold_width, to_simplified

    return re.compile(re.escape(to_simplified(fold_width(term.text))))


class RenderingIndex:
    """Cached per-concept patterns for the renderings a target may use.

    >>> from ipterm.glossary.model import Glossary
    >>> g = Glossary.from_pairs([("专利权人", "patentee")])
    >>> idx = RenderingIndex(target_lang="en")
    >>> [r.term.text for r in idx.find(g.concepts[0], "the Patentees' rights")]
    ['patentee']
    """

    def __init__(
        self, *, target_lang: str = "en", inflect: bool = True, fuzzy: bool = True
    ) -> None:
        self.target_lang = target_lang
        self.inflect = inflect
        self.fuzzy = fuzzy and target_lang == "en"
        self._stems: dict[str, tuple[tuple[Term, tuple[str, ...]], ...]] = {}  # fuzzy tier
        self._accepted: dict[str, tuple[tuple[Term, re.Pattern[str]], ...]] = {}
        self._deprecated: dict[str, tuple[tuple[Term, re.Pattern[str]], ...]] = {}

    def _patterns(
        self, concept: Concept, deprecated: bool
    ) -> tuple[tuple[Term, re.Pattern[str]], ...]:
        cache = self._deprecated if deprecated else self._accepted
        found = cache.get(concept.id)
        if found is None:
            terms = (
                concept.deprecated(self.target_lang)
                if deprecated
                else concept.accepted(self.target_lang)
            )
            found = tuple((t, _compile(t, self.inflect)) for t in terms)
            cache[concept.id] = found
        return found

    def has_accepted(self, concept: Concept) -> bool:
        return any(t.lang == self.target_lang and t.status != "deprecated" for t in concept.terms)

    def find(
        self, concept: Concept, text: str, *, deprecated: bool = False, prepared: bool = False
    ) -> list[Rendering]:
        """Every accepted (or deprecated) rendering of ``concept`` in ``text``, longest first.

        ``prepared=True`` says ``text`` already went through :meth:`prepare`.
        """
        haystack = text if prepared else self.prepare(text)
        found = []
        for term, pattern in self._patterns(concept, deprecated):
            for m in pattern.finditer(haystack):
                found.append(Rendering(m.start(), m.end(), term))
        found.sort(key=lambda r: (r.start, -(r.end - r.start)))
        return found

    def first(self, concept: Concept, text: str, *, prepared: bool = False) -> Rendering | None:
        """The first accepted rendering, or None; stops at the first term that matches."""
        haystack = text if prepared else self.prepare(text)
        for term, pattern in self._patterns(concept, False):
            m = pattern.search(haystack)
            if m:
                return Rendering(m.start(), m.end(), term)
        return None

    def family(self, concept: Concept, words: Words | None) -> Rendering | None:
        """Fuzzy tier: an accepted rendering present as a word family (see :mod:`.stems`)."""
        if not self.fuzzy or not words:
            return None
        from ipterm.check.stems import family_present, stem_options

        entries = self._stems.get(concept.id)
        if entries is None:
            entries = tuple(
                (t, needed)
                for t in concept.accepted(self.target_lang)
                if t.term_type not in ("acronym", "abbreviation")
                for needed in stem_options(t.text)
            )
            self._stems[concept.id] = entries
        for term, needed in entries:
            span = family_present(needed, words)
            if span is not None:
                return Rendering(span[0], span[1], term)
        return None

    def prepare(self, text: str) -> str:
        """Same-length copy used for searching: full-width folded, Simplified for Chinese."""
        from ipterm.text.normalize import fold_width, to_simplified

        folded = fold_width(text)
        return to_simplified(folded) if self.target_lang == "zh" else folded
