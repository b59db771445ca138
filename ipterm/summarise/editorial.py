"""Editorial judgement: keep figures, decisions and dates; drop protocol, pledges, restated titles.

A newsletter editor keeps first what a briefing *reports* (a national total
with its year and change, a decision, a new rule and when it applies) and
drops what it *performs* (greetings, thanks, "the press conference begins",
pledges to follow someone's guidance).  The phrase lists live in
``data/editorial.toml`` with their provenance; this module turns them into
one multiplicative factor per sentence.  :func:`explain` says which lists
matched, for tests and for ``Scored.signals``.

>>> [round(float(x), 2) for x in factor(["Thank you for your question.",
...     "A total of 412,000 patents were granted nationwide in 2023, up 6%."])]
[0.1, 1.3]

With the sentences' figure weights (``facts``) the first counted figures of
the document, its lead figures, are favoured too:

>>> [round(float(x), 2) for x in factor(["It had 5,000 staff.", "It had 6,000 staff."],
...                                     facts=[1.0, 1.0])]
[1.3, 1.3]
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex

from ipterm import resources
from ipterm.summarise.tokens import content_tokens

_WHEN = ("always", "no_fact", "fact")


@dataclass(frozen=True)
class Rule:
    """One list of ``data/editorial.toml``: its patterns, factor and when it applies."""

    name: str
    factor: float
    when: str
    pattern: regex.Pattern | None = None
    overlap: float | None = None
    first: int | None = None  # "lead": applies to the first N sentences with a counted figure


@functools.cache
def rules() -> tuple[Rule, ...]:
    """The lists of ``data/editorial.toml``, compiled once per process."""
    raw = resources.package_file("ipterm.summarise", "data/editorial.toml")
    data = tomllib.loads(raw.read_text(encoding="utf-8"))
    out = []
    for name, entry in data.items():
        if entry.get("when", "always") not in _WHEN:
            raise ValueError(f"editorial.toml [{name}]: 'when' must be one of {_WHEN}")
        patterns = entry.get("patterns")
        pattern = (
            regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE | regex.V0)
            if patterns
            else None
        )
        out.append(
            Rule(name, float(entry["factor"]), entry.get("when", "always"), pattern,
                 entry.get("overlap"), entry.get("first"))
        )  # fmt: skip
    return tuple(out)


def _has_fact(text: str, weight: float | None) -> tuple[bool, bool]:
    """(carries a figure or date at all; carries a figure that counts: weight >= 1)."""
    if weight is None:
        from ipterm.summarise.signals import fact_weight

        weight = fact_weight(text)
    return weight > 0, weight >= 1.0


def _restates(text: str, title_tokens: set[str], lang: str, share: float,
              tokens: Sequence[str] | None) -> bool:  # fmt: skip
    if not title_tokens:
        return False
    tokens = content_tokens(text, lang) if tokens is None else tokens
    if not tokens or not title_tokens:
        return False
    return sum(t in title_tokens for t in tokens) / len(tokens) >= share


def explain(text: str, *, title: str | None = None, lang: str = "en",
            fact: float | None = None, tokens: Sequence[str] | None = None,
            _title_tokens: set[str] | None = None) -> dict[str, float]:  # fmt: skip
    """The lists that apply to ``text``, each with its factor.

    ``fact`` is the sentence's :func:`~ipterm.summarise.signals.fact_weight`
    when the caller has it already (finding numbers is the costly part), and
    ``tokens`` its content tokens.

    >>> explain("We will follow the guidance of the Party and strive for more.")
    {'aspirational': 0.3}
    """
    some_fact, counted_fact = _has_fact(text, fact)
    decided = False
    found: dict[str, float] = {}
    title_tokens = _title_tokens
    if title_tokens is None:
        title_tokens = set(content_tokens(title, lang)) if title else set()
    for rule in rules():
        if rule.first is not None:
            continue  # a property of the document's order: see factor()
        if rule.pattern is not None:
            hit = bool(rule.pattern.search(text))
        else:
            hit = _restates(text, title_tokens, lang, rule.overlap or 1.0, tokens)
        if rule.name == "decision":
            decided = hit
        if not hit:
            continue
        if rule.when == "fact" and not counted_fact:
            continue
        found[rule.name] = rule.factor
    if some_fact or decided:  # a measure, a date or a decision: not empty protocol
        found = {k: v for k, v in found.items() if _rule(k).when != "no_fact"}
    return found


def _rule(name: str) -> Rule:
    return next(r for r in rules() if r.name == name)


def factor(texts: Sequence[str], *, title: str | None = None, lang: str = "en",
           facts: Sequence[float] | None = None,
           tokens: Sequence[Sequence[str]] | None = None) -> np.ndarray:  # fmt: skip
    """One multiplicative factor per sentence (1.0 where no list applies)."""
    out = np.ones(len(texts))
    title_tokens = set(content_tokens(title, lang)) if title else set()
    for i, text in enumerate(texts):
        fact = None if facts is None else facts[i]
        toks = None if tokens is None else tokens[i]
        found = explain(text, lang=lang, fact=fact, tokens=toks, _title_tokens=title_tokens)
        for value in found.values():
            out[i] *= value
    if facts is not None:
        for rule in rules():
            if rule.first is not None:
                counted = [i for i, weight in enumerate(facts) if weight >= 1.0]
                out[counted[: rule.first]] *= rule.factor
    return out
