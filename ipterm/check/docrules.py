"""Document rules: the whole file in order (rules 3 and 4).

``inconsistent-source`` / ``inconsistent-target`` compare the renderings that
:func:`ipterm.check.rules.find_renderings` found in every segment;
``abbreviation-first-use`` follows acronyms and their full forms through the
file.  Segment rules are in :mod:`ipterm.check.rules`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from ipterm.check.renderings import Rendering
from ipterm.check.report import Finding
from ipterm.check.views import ACRONYM_TYPES, Context, SegmentView
from ipterm.glossary.model import Concept


def inconsistent_renderings(views: list[SegmentView], ctx: Context) -> Iterator[Finding]:
    """Rule 3: one source concept rendered two ways, or one target term for two concepts.

    Acronyms do not count as a second rendering (CNIPA after its full form is
    normal), and the majority rendering is taken as the file's choice: the
    minority occurrences are reported.
    """
    by_concept: dict[str, dict[str, list[tuple[SegmentView, Any, Rendering]]]] = {}
    by_target: dict[str, dict[str, list[tuple[SegmentView, Any, Rendering]]]] = {}
    for view in views:
        for concept_id, match, hit in view.rendered:
            if hit.term.term_type in ACRONYM_TYPES:
                continue
            by_concept.setdefault(concept_id, {}).setdefault(hit.term.key, []).append(
                (view, match, hit)
            )
            by_target.setdefault(hit.term.key, {}).setdefault(concept_id, []).append(
                (view, match, hit)
            )
    for concept_id, variants in by_concept.items():
        yield from _minority(variants, ctx, "inconsistent-source", concept_id)
    for target_key, concepts in by_target.items():
        yield from _minority(concepts, ctx, "inconsistent-target", target_key)


def _minority(
    groups: dict[str, list[tuple[SegmentView, Any, Rendering]]], ctx: Context, rule: str, key: str
) -> Iterator[Finding]:
    if len(groups) < 2:
        return
    sizes = Counter({k: len(v) for k, v in groups.items()})
    (major, major_n), *_ = sizes.most_common(1)
    _, major_match, major_hit = groups[major][0]
    for variant, items in groups.items():
        if variant == major:
            continue
        for view, match, hit in items:
            if rule == "inconsistent-target" and _nested(match.text, major_match.text):
                continue  # 宇宙 and 宇宙的: one source word and its extension, not two terms
            rendered = view.tgt_prepared[hit.start : hit.end]
            original = view.segment.target[hit.start : hit.end]
            if rule == "inconsistent-source":
                message = (
                    f"'{match.text}' is rendered as '{original}' here but as "
                    f"'{major_hit.term.text}' in {major_n} other segment(s)"
                )
            else:
                message = (
                    f"'{original}' renders '{match.text}' here but '{major_match.text}' "
                    f"in {major_n} other segment(s)"
                )
            found = ctx.finding(
                rule,
                view,
                source_term=match.text,
                target_term=original or rendered,
                message=message,
                source_span=(match.start, match.end),
                target_span=(hit.start, hit.end),
                concept=key if rule == "inconsistent-source" else None,
                suggestion=major_hit.term.text if rule == "inconsistent-source" else None,
            )
            if found:
                yield found


def _nested(a: str, b: str) -> bool:
    from ipterm.text.normalize import to_simplified

    a, b = to_simplified(a).casefold(), to_simplified(b).casefold()
    return a in b or b in a


def abbreviation_first_use(views: list[SegmentView], ctx: Context) -> Iterator[Finding]:
    """Rule 4: an acronym before (or without) its full form, reported at its first use only."""
    if ctx.config.target_lang != "en":
        return
    spelled: dict[str, int] = {}  # concept id -> first segment with a full form
    for view in views:
        for m in view.tgt_matches:
            if m.term.lang == "en" and m.term.term_type not in ACRONYM_TYPES:
                spelled.setdefault(m.concept, view.segment.index)
    seen_full: set[str] = set()
    reported: set[str] = set()
    for view in views:
        for m in view.tgt_matches:
            term = m.term
            if term.lang != "en":
                continue
            if term.term_type not in ACRONYM_TYPES:
                seen_full.add(m.concept)
                continue
            if m.concept in seen_full or m.concept in reported or term.status == "deprecated":
                continue
            concept = ctx.glossary.get(m.concept)
            full = term.full_form or (_full_form(concept) if concept else None)
            if full and _defined_here(view.segment.target, m.start, full):
                seen_full.add(m.concept)  # "intellectual property rights (IPR)": defined in place
                continue
            reported.add(m.concept)
            if not full:
                continue
            later = spelled.get(m.concept)
            where = (
                f"before its full form '{full}' (first in segment {later})"
                if later is not None
                else f"without its full form '{full}'"
            )
            found = ctx.finding(
                "abbreviation-first-use",
                view,
                source_term=None,
                target_term=m.text,
                message=f"abbreviation '{m.text}' is used {where}; write '{full} ({m.text})' "
                "at first use",
                target_span=(m.start, m.end),
                concept=m.concept,
                suggestion=f"{full} ({m.text})",
            )
            if found:
                yield found


def _defined_here(text: str, start: int, full: str) -> bool:
    """Whether the acronym at ``start`` stands in brackets right after its full form.

    The matcher may read "intellectual property rights (IPR)" as a longer or
    different concept ("intellectual property") before the acronym, so the
    definition is checked on the text itself.

    >>> _defined_here("protect intellectual property rights (IPR) well", 38,
    ...               "intellectual property rights")
    True
    """
    before = text[:start].rstrip("\u201c\"' ").lower()
    if before.endswith("(the"):  # 'Administration (the "CNIPA")'
        before = before[:-3]
    if not before.endswith("("):
        return False
    return before[:-1].rstrip().endswith(full.lower())


def _full_form(concept: Concept) -> str | None:
    for term in concept.accepted("en"):
        if term.term_type not in ACRONYM_TYPES:
            return term.text
    return None
