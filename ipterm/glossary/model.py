"""The concept-oriented glossary model, after TBX (ISO 30042).

A :class:`Concept` is one idea (the China National Intellectual Property
Administration, the utility model, punitive damages); it owns every
:class:`Term` that names it, in each language, with the term's status
(preferred / admitted / deprecated / superseded), region and sources.  Concepts
that change over time (laws, agencies, judicial interpretations) carry
``valid_from`` / ``valid_until`` and the id of the concept that replaced them.  A :class:`Glossary`
is an immutable collection of concepts with look-up by either language.

Everything here is frozen: a glossary is built once (read from a file,
merged, proposed by the builder) and then shared by matchers and checkers
without anyone mutating it under them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ipterm.errors import GlossaryFormatError
from ipterm.glossary.source import Source, parse_date, sources_from_json

# TBX 2019 administrativeStatus values, plus "superseded" (a name that was correct until
# the thing was renamed or replaced: the TBX picklist's supersededTerm-admn-sts).
Status = Literal["preferred", "admitted", "deprecated", "superseded"]
STATUSES: tuple[str, ...] = ("preferred", "admitted", "deprecated", "superseded")
# Statuses a translation should no longer use.
RETIRED_STATUSES: tuple[str, ...] = ("deprecated", "superseded")

# Regions where Chinese IP terminology differs.  ``None`` on a term means the
# term is used everywhere (or the source does not say).
REGIONS: tuple[str, ...] = ("mainland", "taiwan", "hongkong", "macau")

# TBX-Basic termType values that matter for IP terminology.
TERM_TYPES: tuple[str, ...] = ("fullForm", "acronym", "abbreviation", "shortForm", "variant")

LANGS: tuple[str, ...] = ("zh", "en")

# Subject fields of the bundled glossary; user glossaries may add their own.
SUBJECTS: tuple[str, ...] = (
    "general",
    "patent",
    "trademark",
    "copyright",
    "geographical indication",
    "trade secret",
    "unfair competition",
    "plant variety",
    "integrated circuit",
    "enforcement",
    "litigation",
    "customs",
    "agency",
    "court",
    "organization",
    "law",
    "regulation",
    "policy",
    "treaty",
    "campaign",
    "statistics",
)


@dataclass(frozen=True)
class Term:
    """One name of a concept in one language.

    ``full_form`` links an acronym or short form to the full term it stands
    for (``CNIPA`` -> ``China National Intellectual Property Administration``);
    ``case_sensitive`` left at ``None`` means "decide from the term": acronyms
    written in capitals match case-sensitively, everything else does not.
    """

    text: str
    lang: str
    status: Status = "preferred"
    region: str | None = None
    source: str | None = None
    term_type: str = "fullForm"
    full_form: str | None = None
    case_sensitive: bool | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.sources, tuple) or not all(
            isinstance(s, Source) for s in self.sources
        ):
            object.__setattr__(self, "sources", sources_from_json(self.sources))
        if not self.text or not self.text.strip():
            raise ValueError("a term needs non-empty text")
        if self.text != self.text.strip():
            object.__setattr__(self, "text", self.text.strip())
        if self.lang not in LANGS:
            raise ValueError(
                f"term {self.text!r}: language must be one of {LANGS}, not {self.lang!r}"
            )
        if self.status not in STATUSES:
            raise ValueError(
                f"term {self.text!r}: status must be one of {STATUSES}, not {self.status!r}"
            )
        if self.region is not None and self.region not in REGIONS:
            raise ValueError(
                f"term {self.text!r}: region must be one of {REGIONS} or empty, not {self.region!r}"
            )
        if self.term_type not in TERM_TYPES:
            raise ValueError(
                f"term {self.text!r}: term type must be one of {TERM_TYPES}, not {self.term_type!r}"
            )

    @property
    def is_case_sensitive(self) -> bool:
        """Whether matching must respect case: explicit, else true for capitalised acronyms.

        >>> Term("CNIPA", "en", term_type="acronym").is_case_sensitive
        True
        >>> Term("patent", "en").is_case_sensitive
        False
        """
        if self.case_sensitive is not None:
            return self.case_sensitive
        if self.lang != "en":
            return False
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and " " not in self.text

    @property
    def key(self) -> str:
        """Normalised look-up key: NFKC, case-folded, single spaces."""
        return term_key(self.text)


@dataclass(frozen=True)
class Concept:
    """One idea and all its names.

    ``proposed`` marks concepts that the glossary builder suggested and no
    terminologist has accepted yet; ``confidence`` is the builder's score.
    ``source`` is free text (user glossaries); ``sources`` are structured and
    checkable.  ``valid_from``/``valid_until`` are ISO dates (in force from, no
    longer in force from) and ``superseded_by`` the id of the concept that
    replaced this one (a repealed law's successor, a renamed agency).
    """

    id: str
    terms: tuple[Term, ...]
    subject: str = "general"
    definition: str | None = None
    note: str | None = None
    source: str | None = None
    proposed: bool = False
    confidence: float | None = None
    sources: tuple[Source, ...] = ()
    valid_from: str | None = None
    valid_until: str | None = None
    superseded_by: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a concept needs an id")
        if not isinstance(self.sources, tuple) or not all(
            isinstance(s, Source) for s in self.sources
        ):
            object.__setattr__(self, "sources", sources_from_json(self.sources))
        parse_date(self.valid_from, "valid_from")
        parse_date(self.valid_until, "valid_until")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError(
                f"valid_until {self.valid_until} is before valid_from {self.valid_from}"
            )
        if self.superseded_by is not None and (
            not isinstance(self.superseded_by, str) or not self.superseded_by.strip()
        ):
            raise ValueError(f"superseded_by must be a concept id, not {self.superseded_by!r}")
        if not isinstance(self.terms, tuple):
            object.__setattr__(self, "terms", tuple(self.terms))
        if not self.terms:
            raise ValueError(f"concept {self.id!r} has no terms")

    def is_superseded(self, today: str | None = None) -> bool:
        """Whether the concept was replaced (``superseded_by``) or is no longer in force.

        ``today`` (ISO date, default the current date) is compared with ``valid_until``.

        >>> Concept("x", (Term("x", "en"),), valid_until="2025-04-26").is_superseded("2026-01-01")
        True
        """
        if self.superseded_by:
            return True
        if self.valid_until is None:
            return False
        import datetime

        return self.valid_until <= (today or datetime.date.today().isoformat())

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """Terms in ``lang``: preferred first, then admitted, deprecated, superseded."""
        order = {status: i for i, status in enumerate(STATUSES)}
        found = [t for t in self.terms if t.lang == lang]
        return tuple(sorted(found, key=lambda t: order[t.status]))

    def preferred(self, lang: str, region: str | None = None) -> Term | None:
        """The preferred term in ``lang`` (for ``region`` when given), else the best admitted one.

        A region-specific preferred term wins for that region; a term without a
        region serves every region.
        """
        candidates = [t for t in self.terms_in(lang) if t.status not in RETIRED_STATUSES]
        if region is not None:
            regional = [t for t in candidates if t.region == region]
            if regional:
                return regional[0]
            candidates = [t for t in candidates if t.region is None] or candidates
        else:
            mainland_or_any = [t for t in candidates if t.region in (None, "mainland")]
            candidates = mainland_or_any or candidates
        return candidates[0] if candidates else None

    def accepted(self, lang: str) -> tuple[Term, ...]:
        """Preferred and admitted terms in ``lang``: renderings a checker should accept."""
        return tuple(t for t in self.terms_in(lang) if t.status not in RETIRED_STATUSES)

    def deprecated(self, lang: str) -> tuple[Term, ...]:
        """Deprecated and superseded terms in ``lang``: names no longer to be used."""
        return tuple(t for t in self.terms_in(lang) if t.status in RETIRED_STATUSES)

    def label(self) -> str:
        """The preferred Chinese and English terms, joined with a slash.

        For example ``国家知识产权局 / China National Intellectual Property Administration``.
        """
        parts = [t.text for t in (self.preferred("zh"), self.preferred("en")) if t is not None]
        return " / ".join(parts) or self.terms[0].text


def term_key(text: str) -> str:
    """Normalise a term for look-up: NFKC (full-width to ASCII), case-folded, single spaces.

    Hyphens and spaces are treated alike, so "trade-mark" and "trade mark" share a key.

    >>> term_key("  Trade-Mark\u3000Office ")
    'trade mark office'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.replace("-", " ").replace("\u2010", " ").replace("\u2011", " ")
    return " ".join(folded.split())


@dataclass(frozen=True)
class Glossary:
    """An immutable collection of concepts, indexed by id and by every term.

    >>> g = Glossary.from_pairs([("专利", "patent"), ("商标", "trademark")])
    >>> [c.preferred("en").text for c in g.lookup("专利")]
    ['patent']
    >>> len(g)
    2
    """

    concepts: tuple[Concept, ...]
    name: str = "glossary"
    _by_id: dict[str, Concept] = field(init=False, repr=False, compare=False)
    _by_key: dict[str, tuple[Concept, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.concepts, tuple):
            object.__setattr__(self, "concepts", tuple(self.concepts))
        by_id: dict[str, Concept] = {}
        by_key: dict[str, list[Concept]] = {}
        for concept in self.concepts:
            if concept.id in by_id:
                raise GlossaryFormatError(f"duplicate concept id {concept.id!r}", path=self.name)
            by_id[concept.id] = concept
            for term in concept.terms:
                bucket = by_key.setdefault(term.key, [])
                if concept not in bucket:
                    bucket.append(concept)
                simplified = _match_key(term)
                if simplified != term.key:
                    bucket = by_key.setdefault(simplified, [])
                    if concept not in bucket:
                        bucket.append(concept)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_key", {k: tuple(v) for k, v in by_key.items()})

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    def __getitem__(self, concept_id: str) -> Concept:
        try:
            return self._by_id[concept_id]
        except KeyError:
            raise KeyError(f"no concept with id {concept_id!r} in {self.name}") from None

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)

    def lookup(self, term: str, lang: str | None = None) -> tuple[Concept, ...]:
        """Concepts that have ``term`` (in ``lang``, if given) among their names.

        Case, width, hyphenation and Traditional/Simplified script are ignored.
        """
        key = term_key(term)
        found = self._by_key.get(key, ())
        if not found and lang in (None, "zh"):
            found = self._by_key.get(_simplify(key), ())
        if lang is None:
            return found
        return tuple(c for c in found if any(t.lang == lang for t in c.terms))

    def terms(self, lang: str | None = None) -> Iterator[tuple[Concept, Term]]:
        """Every (concept, term) pair, optionally in one language."""
        for concept in self.concepts:
            for term in concept.terms:
                if lang is None or term.lang == lang:
                    yield concept, term

    @property
    def subjects(self) -> tuple[str, ...]:
        return tuple(sorted({c.subject for c in self.concepts}))

    def filter(self, *, subject: str | None = None, proposed: bool | None = None) -> Glossary:
        """A new glossary with the concepts that match every given condition."""
        kept = [
            c
            for c in self.concepts
            if (subject is None or c.subject == subject)
            and (proposed is None or c.proposed == proposed)
        ]
        return Glossary(tuple(kept), name=self.name)

    def merge(self, other: Glossary, *, name: str | None = None) -> Glossary:
        """Combine two glossaries without duplicate concepts.

        A concept of ``other`` is the same as one of ``self`` when it has the same
        id and at least one term in common (generated ids such as ``c00001``
        repeat across files), or shares a non-deprecated term in *both* languages with it (one
        shared Chinese term and one shared English term).  Such concepts are
        folded together: terms that ``self`` lacks are added, and ``self`` keeps
        its status, definition and subject where both have one.  Everything
        else from ``other`` is appended, with its id made unique if needed.
        """
        merged: dict[str, Concept] = {c.id: c for c in self.concepts}
        order = [c.id for c in self.concepts]
        for concept in other.concepts:
            same_id = merged.get(concept.id)
            if same_id is not None and _shares_term(same_id, concept):
                target_id: str | None = concept.id
            else:  # generated ids (c00001, proposed-00001) collide across files: check the terms
                target_id = self._same_concept(concept, merged)
            if target_id is None:
                new_id = _unique_id(concept.id, merged)
                merged[new_id] = replace(concept, id=new_id)
                order.append(new_id)
            else:
                merged[target_id] = _fold(merged[target_id], concept)
        return Glossary(tuple(merged[i] for i in order), name=name or self.name)

    def _same_concept(self, concept: Concept, merged: dict[str, Concept]) -> str | None:
        """The id of a concept in ``merged`` that names the same thing, if any.

        Keys are compared after Traditional-to-Simplified conversion, so 商標
        and 商标 fold together, as they do in :meth:`lookup`.
        """
        zh = {_match_key(t) for t in concept.accepted("zh")}
        en = {_match_key(t) for t in concept.accepted("en")}
        if zh and en:
            for candidate in merged.values():
                if zh & {_match_key(t) for t in candidate.accepted("zh")} and en & {
                    _match_key(t) for t in candidate.accepted("en")
                }:
                    return candidate.id
        # A one-language concept (a proposal with no English yet) folds on its only language.
        langs = {t.lang for t in concept.terms}
        if len(langs) == 1:
            (lang,) = langs
            keys = {_match_key(t) for t in concept.terms}
            for candidate in merged.values():
                if keys & {_match_key(t) for t in candidate.terms_in(lang)}:
                    return candidate.id
        return None

    @classmethod
    def from_pairs(
        cls,
        pairs: Iterable[tuple[str, str]],
        *,
        name: str = "glossary",
        source: str | None = None,
        subject: str = "general",
    ) -> Glossary:
        """Build a glossary from ``(zh, en)`` pairs, one concept per distinct Chinese term.

        Repeated Chinese terms gather their English renderings in one concept:
        the first rendering is preferred, later ones admitted.
        """
        grouped: dict[str, list[str]] = {}
        for zh, en in pairs:
            zh, en = zh.strip(), en.strip()
            if not zh or not en:
                continue
            renderings = grouped.setdefault(zh, [])
            if en not in renderings:
                renderings.append(en)
        concepts = []
        for i, (zh, renderings) in enumerate(grouped.items(), start=1):
            terms = [Term(zh, "zh", source=source)]
            terms += [
                Term(en, "en", status="preferred" if j == 0 else "admitted", source=source)
                for j, en in enumerate(renderings)
            ]
            concepts.append(Concept(f"c{i:05d}", tuple(terms), subject=subject, source=source))
        return cls(tuple(concepts), name=name)


def _fold(base: Concept, extra: Concept) -> Concept:
    have = {(t.lang, _match_key(t), t.region) for t in base.terms}
    added = tuple(t for t in extra.terms if (t.lang, _match_key(t), t.region) not in have)
    return replace(
        base,
        terms=base.terms + added,
        definition=base.definition or extra.definition,
        note=base.note or extra.note,
        source=base.source or extra.source,
        sources=base.sources or extra.sources,
        valid_from=base.valid_from or extra.valid_from,
        valid_until=base.valid_until or extra.valid_until,
        superseded_by=base.superseded_by or extra.superseded_by,
        proposed=base.proposed and extra.proposed,
        confidence=base.confidence if base.confidence is not None else extra.confidence,
    )


def _shares_term(a: Concept, b: Concept) -> bool:
    return bool({(t.lang, t.key) for t in a.terms} & {(t.lang, t.key) for t in b.terms})


def _unique_id(concept_id: str, taken: dict[str, Concept]) -> str:
    if concept_id not in taken:
        return concept_id
    n = 2
    while f"{concept_id}-{n}" in taken:
        n += 1
    return f"{concept_id}-{n}"


def _simplify(text: str) -> str:
    from ipterm.text.normalize import to_simplified

    return to_simplified(text)


def _match_key(term: Term) -> str:
    """The term's key, in Simplified script for Chinese: what look-up and merging compare."""
    if term.lang != "zh":
        return term.key
    return _simplify(term.key)


def concept_sort_key(concept: Concept) -> tuple[str, str]:
    """Stable order for exports: subject, then id."""
    return (concept.subject, concept.id)


def validate_unique_terms(concepts: Sequence[Concept]) -> list[str]:
    """Problems a curator should fix: the same term text under two concepts in one language."""
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for concept in concepts:
        for term in concept.terms:
            key = (term.lang, term.key)
            if key in seen and seen[key] != concept.id:
                problems.append(f"{term.text!r} ({term.lang}) is in {seen[key]} and {concept.id}")
            seen.setdefault(key, concept.id)
    return problems
