"""The approved term a reviewer should use, attached to every finding that has one.

Each finding names the concept it is about (``concept``); its suggested term
is that concept's preferred target-language term for the configured region
(``suggested_term``, a key of the JSON findings, a CSV/XLSX column and a line
in the HTML report).  An untranslated Chinese run that is itself a glossary
term gets that term's approved rendering.  Number findings have none.

``suggestion`` (older, rule-specific) is kept as it was: the majority
rendering for ``inconsistent-source``, the full form for
``abbreviation-first-use``, the preferred term for ``missing-term`` and
``deprecated-term``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ipterm.check.report import Finding


def with_suggested_terms(findings: list[Finding], glossary: Any, config: Any) -> list[Finding]:
    """``findings`` with ``suggested_term`` filled in where the glossary has one.

    >>> from ipterm.check.config import CheckerConfig
    >>> from ipterm.glossary.model import Glossary
    >>> g = Glossary.from_pairs([("專利權人", "patentee")])
    >>> f = Finding("untranslated-chinese", "error", 0, None, "專利權人", "left")
    >>> with_suggested_terms([f], g, CheckerConfig())[0].suggested_term
    'patentee'
    """
    lang, region = config.target_lang, config.region
    out = []
    for f in findings:
        concept = glossary.get(f.concept) if f.concept else None
        if concept is None and f.rule == "untranslated-chinese" and f.target_term:
            found = glossary.lookup(f.target_term, config.source_lang)
            concept = found[0] if found else None
        term = concept.preferred(lang, region) if concept is not None else None
        out.append(replace(f, suggested_term=term.text) if term is not None else f)
    return out
