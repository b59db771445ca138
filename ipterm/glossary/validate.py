"""Structural checks of a glossary: what ``ipterm glossary validate`` reports.

A file that cannot be read is a :class:`~ipterm.errors.GlossaryFormatError`
before any of this runs; these checks look at a readable glossary and sort
what they find into *errors* (the glossary says something false or
unresolvable: a successor that does not exist, the same term twice in one
concept, a named entity of the bundled glossary with no checkable source) and
*warnings* (things a curator should look at: one term under two concepts, a
mainland term written in Traditional characters).

>>> from ipterm.glossary.model import Concept, Glossary, Term
>>> g = Glossary((Concept("a", (Term("专利", "zh"), Term("patent", "en")), superseded_by="b"),))
>>> [p.text() for p in validate(g)]
["error: a: superseded_by 'b' is not a concept of this glossary"]
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ipterm.glossary.model import Concept, Glossary, Term, validate_unique_terms

Severity = Literal["error", "warning"]

# Subjects whose concepts are named entities (a body, a statute, a treaty, a campaign):
# facts a reader must be able to check, so the bundled glossary gives each a source.
NAMED_ENTITY_SUBJECTS: frozenset[str] = frozenset(
    {"agency", "court", "organization", "law", "regulation", "policy", "treaty", "campaign"}
)
# Regions written in Traditional characters (Taiwan, Hong Kong, Macau).
TRADITIONAL_REGIONS: frozenset[str] = frozenset({"taiwan", "hongkong", "macau"})


@dataclass(frozen=True)
class Problem:
    """One finding: its severity, the concept it concerns (``None``: the whole glossary)."""

    severity: Severity
    concept: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.concept}: {self.message}" if self.concept else self.message

    def text(self) -> str:
        return f"{self.severity}: {self}"


def validate(glossary: Glossary, *, require_sources: bool = False) -> list[Problem]:
    """Every problem found, errors first, each group in glossary order.

    ``require_sources`` makes a named entity (see :data:`NAMED_ENTITY_SUBJECTS`)
    without a structured source an error; without it, a named entity with no
    source at all (structured or free text) is a warning.
    """
    problems: list[Problem] = []
    for concept in glossary.concepts:
        problems += _concept_problems(concept, glossary, require_sources)
    problems += _duplicate_concepts(glossary)
    problems += [Problem("warning", None, p) for p in validate_unique_terms(glossary.concepts)]
    problems += _successor_cycles(glossary)
    return sorted(problems, key=lambda p: p.severity != "error")


def _concept_problems(
    concept: Concept, glossary: Glossary, require_sources: bool
) -> Iterator[Problem]:
    cid = concept.id
    for lang in ("zh", "en"):
        terms = concept.terms_in(lang)
        if not terms:
            yield Problem("warning", cid, f"no {lang} term")
        elif not any(t.status == "preferred" for t in terms):
            yield Problem("warning", cid, f"no preferred {lang} term")
        regions = Counter(
            t.region for t in terms if t.status == "preferred" and t.term_type == "fullForm"
        )
        for region, n in regions.items():
            if n > 1:
                yield Problem(
                    "warning",
                    cid,
                    f"{n} preferred {lang} full-form terms for region {region or 'any'}",
                )
    texts = {(t.lang, t.text) for t in concept.terms}
    seen: set[tuple[str, str, str | None]] = set()
    for term in concept.terms:
        if term.full_form and (term.lang, term.full_form) not in texts:
            yield Problem(
                "warning",
                cid,
                f"the full form {term.full_form!r} of {term.text!r} is not one of the "
                "concept's terms",
            )
        # Exact text (after width, case and script folding): "notice-and-takedown" and
        # "notice and takedown" are spelling variants a curator may list on purpose.
        key = (term.lang, _spelling(term), term.region)
        if key in seen:
            yield Problem("error", cid, f"the term {term.text!r} ({term.lang}) is listed twice")
        seen.add(key)
        yield from _script_problems(cid, term)
    yield from _source_problems(concept, require_sources)
    yield from _time_problems(concept, glossary)


def _simplified_key(term: Term) -> str:
    from ipterm.text.normalize import to_simplified

    return to_simplified(term.key) if term.lang == "zh" else term.key


def _spelling(term: Term) -> str:
    import unicodedata

    from ipterm.text.normalize import to_simplified

    text = unicodedata.normalize("NFKC", term.text).casefold()
    return to_simplified(text) if term.lang == "zh" else text


def _script_problems(cid: str, term: Term) -> Iterator[Problem]:
    """Simplified/Traditional agreement of a Chinese term with its region."""
    if term.lang != "zh" or term.region is None:
        return
    from ipterm.text.normalize import to_simplified

    if term.region == "mainland" and to_simplified(term.text) != term.text:
        yield Problem(
            "warning",
            cid,
            f"the mainland term {term.text!r} has Traditional characters "
            f"(Simplified: {to_simplified(term.text)!r})",
        )
    elif (
        term.region in TRADITIONAL_REGIONS
        and to_simplified(term.text) == term.text
        and _to_traditional(term.text) != term.text
    ):
        yield Problem(
            "warning",
            cid,
            f"the {term.region} term {term.text!r} is written in Simplified characters "
            f"(Traditional: {_to_traditional(term.text)!r})",
        )


@functools.cache
def _s2t():
    import opencc

    return opencc.OpenCC("s2t.json")


def _to_traditional(text: str) -> str:
    return _s2t().convert(text)


def _source_problems(concept: Concept, require_sources: bool) -> Iterator[Problem]:
    cid = concept.id
    if concept.subject in NAMED_ENTITY_SUBJECTS and not concept.proposed:
        if require_sources and not concept.sources:
            yield Problem(
                "error", cid, f"a named entity ({concept.subject}) without a structured source"
            )
        elif not require_sources and not (
            concept.sources or concept.source or any(t.sources or t.source for t in concept.terms)
        ):
            yield Problem("warning", cid, f"a named entity ({concept.subject}) without a source")
    every = list(concept.sources) + [s for t in concept.terms for s in t.sources]
    for source in every:
        if source.status == "verified" and not source.date_read:
            yield Problem("warning", cid, f"the verified source {source.title!r} has no date_read")


def _time_problems(concept: Concept, glossary: Glossary) -> Iterator[Problem]:
    cid, successor_id = concept.id, concept.superseded_by
    if successor_id is None:
        return
    if successor_id == cid:
        yield Problem("error", cid, "superseded_by names the concept itself")
        return
    successor = glossary.get(successor_id)
    if successor is None:
        yield Problem(
            "error", cid, f"superseded_by {successor_id!r} is not a concept of this glossary"
        )
        return
    if concept.valid_until is None:
        yield Problem("warning", cid, f"superseded by {successor_id} but has no valid_until")
    if concept.valid_until and successor.valid_from and successor.valid_from > concept.valid_until:
        yield Problem(
            "warning",
            cid,
            f"valid until {concept.valid_until} but its successor {successor_id} is in force "
            f"only from {successor.valid_from}",
        )


def regional_only(concept: Concept) -> bool:
    """Whether every Chinese term of ``concept`` is marked Taiwan, Hong Kong or Macau.

    Such a concept is the counterpart of a mainland one under another legal system
    (Taiwan's 裁定 under its own procedure law, say): the two may share names.
    """
    zh = concept.terms_in("zh")
    return bool(zh) and all(t.region in TRADITIONAL_REGIONS for t in zh)


def regional_counterparts(a: Concept, b: Concept) -> bool:
    """Exactly one of the two is a Taiwan/Hong Kong/Macau-only concept."""
    return regional_only(a) != regional_only(b)


def _duplicate_concepts(glossary: Glossary) -> Iterator[Problem]:
    """Two concepts with the same preferred Chinese and English names are one concept twice.

    Regional counterparts (see :func:`regional_counterparts`) are not duplicates.
    """
    seen: dict[tuple[str, str], Concept] = {}
    for concept in glossary.concepts:
        zh, en = concept.preferred("zh"), concept.preferred("en")
        if zh is None or en is None:
            continue
        key = (_simplified_key(zh), en.key)
        other = seen.get(key)
        if other is None:
            seen[key] = concept
        elif not regional_counterparts(concept, other):
            yield Problem(
                "error",
                concept.id,
                f"the same preferred names ({zh.text} / {en.text}) as {other.id}",
            )


def _successor_cycles(glossary: Glossary) -> Iterator[Problem]:
    for concept in glossary.concepts:
        chain, current = [concept.id], concept
        while current is not None and current.superseded_by:
            if current.superseded_by in chain:
                if current.superseded_by == concept.id and len(chain) > 1:
                    yield Problem(
                        "error",
                        concept.id,
                        f"superseded_by forms a cycle: {' -> '.join(chain + [concept.id])}",
                    )
                break
            chain.append(current.superseded_by)
            following = glossary.get(current.superseded_by)
            if following is None:
                break
            current = following


def successor_chain(concept: Concept, glossary: Glossary) -> list[Concept]:
    """The concepts that replaced ``concept``, nearest first, up to the current one."""
    chain: list[Concept] = []
    current = concept
    while current.superseded_by:
        successor = glossary.get(current.superseded_by)
        if successor is None or successor in chain or successor is concept:
            break
        chain.append(successor)
        current = successor
    return chain
