"""What makes a month's items read as one issue: each fact once, each item titled in both languages.

Two briefings of one week often report the same national totals (the same
21,000 criminal cases in the CNIPA's annual figures and in the enforcement
report).  An editor prints such a fact once, in the item that reports it
first, and gives the other item's room to what only it says.  Each document is
therefore summarised with a few spare bullets; in reading order, a bullet
whose figures were all reported by an earlier item is dropped, and each item
keeps its best remaining bullets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ipterm.newsletter.model import Item, Section
from ipterm.text.numbers import find_numbers

# Years, ordinals and dates place a fact; they are not the fact.
_CONTEXT_UNITS = frozenset({"year", "years", "ordinal", "month", "day"})
# Spare bullets drafted per item, so that dropping repeats still leaves a full item.
SPARE_BULLETS = 2


def figures(text: str) -> frozenset[tuple[float, str | None]]:
    """The figures that make a sentence's fact: values with their unit, no years or dates.

    >>> sorted(figures("In 2020, 21,000 cases were cracked, up 11.7%."))
    [(11.7, 'percent'), (21000.0, None)]
    """
    out = set()
    for mention in find_numbers(text):
        if mention.unit in _CONTEXT_UNITS or mention.value is None:
            continue
        if mention.unit is None and mention.value < 100:
            continue  # "three departments", "2 rounds": too common to identify a fact
        out.add((round(float(mention.value), 6), mention.unit))
    return frozenset(out)


def drop_repeated_facts(sections: Sequence[Section], wanted: dict[str, int]) -> tuple[Section, ...]:
    """Each item without the bullets an earlier item already reported, cut to ``wanted[path]``."""
    reported: set[tuple[float, str | None]] = set()
    out = []
    for section in sections:
        items = []
        for item in section.items:
            item = _without_repeats(item, reported, wanted.get(item.path, len(item.summary)))
            for line in item.summary:
                reported |= figures(line)
            items.append(item)
        out.append(Section(section.name, tuple(items)))
    return tuple(out)


def _without_repeats(item: Item, reported: set, count: int) -> Item:
    lines = range(len(item.summary))
    found = [figures(line) for line in item.summary]
    fresh = [i for i in lines if not (found[i] and found[i] <= reported)]
    if not fresh:  # everything was reported above: keep the item's best line
        fresh = [max(lines, key=lambda i: _rank(item, i))] if item.summary else []
    keep = sorted(sorted(fresh, key=lambda i: -_rank(item, i))[:count])
    return replace(
        item,
        summary=tuple(item.summary[i] for i in keep),
        sources=tuple(item.sources[i] for i in keep) if item.sources else (),
        evidence=tuple(item.evidence[i] for i in keep) if item.evidence else (),
        ranks=tuple(item.ranks[i] for i in keep) if item.ranks else (),
    )


def _rank(item: Item, index: int) -> float:
    return item.ranks[index] if item.ranks else -index


def glossary_chinese_title(title: str | None, matcher, glossary) -> str | None:
    """The Chinese name of a document whose English title is a glossary concept (a law, a report).

    Only when one glossary term covers most of the title: a title that merely
    names CNIPA is not CNIPA.
    """
    if not title:
        return None
    for match in matcher.find(title, lang="en"):
        if (match.end - match.start) < 0.8 * len(title.strip()):
            continue
        concept = glossary.get(match.concept)
        term = concept.preferred("zh") if concept is not None else None
        if term is not None:
            return term.text
    return None
