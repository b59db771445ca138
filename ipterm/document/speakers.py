"""The organisation a speaker speaks for, read from their speaker-list description.

"Shen Changyu, head of the National Intellectual Property Administration
(NIPA)" speaks for CNIPA: the description is matched against the glossary and
the concept's preferred English acronym (else its preferred English name) is
used, so attributions follow the glossary's official naming rather than the
transcript's translation of the day.
"""

from __future__ import annotations

import regex

_ACRONYM = regex.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
# Subjects of glossary concepts that name a body someone can speak for.
_MAX_ORG_WORDS = 6
_ORG_SUBJECTS = frozenset({"agency", "organization", "court", "customs"})


def short_name(concept) -> str | None:
    """Preferred English acronym of a glossary concept, else its preferred English term.

    >>> from ipterm.glossary.model import Concept, Term
    >>> terms = (Term("Trademark Office", "en"), Term("TMO", "en", term_type="acronym"))
    >>> short_name(Concept("x", terms))
    'TMO'
    """
    acronyms = [t for t in concept.accepted("en") if t.term_type in ("acronym", "abbreviation")]
    if acronyms:
        return acronyms[0].text
    preferred = concept.preferred("en")
    return preferred.text if preferred is not None else None


def organisation_of(description: str | None, glossary=None) -> str | None:
    """Short name of the body in ``description``, or None when none is recognised.

    The last organisation named wins: "deputy head of the Press Bureau of the
    State Council Information Office" speaks for the Information Office.
    """
    if not description:
        return None
    from ipterm.glossary.io import load_glossary
    from ipterm.glossary.matcher import find_terms

    glossary = glossary if glossary is not None else load_glossary()
    best = None
    for match in find_terms(description, glossary=glossary, lang="en"):
        concept = (
            match.concept if not isinstance(match.concept, str) else glossary.get(match.concept)
        )
        if concept is not None and concept.subject in _ORG_SUBJECTS:
            best = concept
    if best is not None:
        name = short_name(best)
        # a department's full title is no use in "<organisation> said it ..."
        if name and len(name.split()) <= _MAX_ORG_WORDS:
            return name
    acronyms = _ACRONYM.findall(description)
    return acronyms[-1] if acronyms else None
