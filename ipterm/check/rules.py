"""The checks, one small function per rule id.

Segment rules (``missing-term``, ``deprecated-term``, ``number-mismatch``,
``untranslated-chinese``) look at one segment pair; document rules
(``inconsistent-source``, ``inconsistent-target``, ``abbreviation-first-use``)
look at the whole file in order.  Each yields :class:`Finding` objects whose
messages quote the terms, so a reviewer can act without opening the glossary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ipterm.check.config import CheckerConfig
from ipterm.check.numbercheck import marker_mismatch, soft_number, value_changed
from ipterm.check.report import Finding
from ipterm.check.severity import explain, missing_term_evidence, substituted_term
from ipterm.check.views import Context, SegmentView
from ipterm.glossary.model import Concept, Glossary, Term

# Chinese suffixes that turn a term into a different concept: 申请 -> 申请人 (applicant),
# 重制 -> 重制物 (copy), 专利权 -> 专利权人 (patentee), 发明专利 -> 发明专利权 (a right).
# A source match followed by one of them is part of a longer word that the glossary
# does not list, so rule 1 skips it.  Not 者, which usually nominalises a whole
# clause (涉及营业秘密者 "where ... involves trade secrets").
_BOUND_SUFFIXES = frozenset("人員员師师物商權权")
_OPENERS = "(（[【「『\"“'‘"
_CLOSERS = ")）]】」』\"”'’"


def find_renderings(view: SegmentView, ctx: Context) -> None:
    """Fill ``view.rendered`` / ``view.unrendered``: one look per source concept.

    Exact renderings are looked up first; the fuzzy word-family tier then runs
    on the target with those renderings blanked out, so the words of "right to
    apply for a patent" cannot stand in for a missing "patent right".
    """
    done: set[str] = set()
    pending = []
    for match in view.src_matches:
        if match.concept in done:
            continue
        concept = ctx.glossary.get(match.concept)
        if concept is None or not ctx.renderings.has_accepted(concept):
            continue
        if _bound(match, view.segment.source):
            continue
        done.add(match.concept)
        hit = ctx.renderings.first(concept, view.tgt_prepared, prepared=True)
        if hit is not None:
            view.rendered.append((concept.id, match, hit))
        else:
            pending.append((concept, match))
    if not pending:
        return
    words = None
    if ctx.renderings.fuzzy:
        from ipterm.check.stems import word_stems

        masked = view.tgt_prepared
        for _, _, hit in view.rendered:
            masked = masked[: hit.start] + " " * (hit.end - hit.start) + masked[hit.end :]
        words = word_stems(masked)
        view.tgt_words = words  # the dictionary evidence may not reuse other terms' words
    for concept, match in pending:
        if ctx.renderings.family(concept, words) is None:
            view.unrendered.append(_standalone(concept.id, match, view, ctx))


def _standalone(concept_id: str, first: Any, view: SegmentView, ctx: Context) -> Any:
    """The first source match of the concept that is a word of its own here, else ``first``.

    申请 inside 申请专利范围 ("claims") or 申请日 ("filing date") is part of another
    word, one the checked glossary does not list but the dictionary or the
    built-in glossary does, and whose renderings do not contain the shorter
    term's: the translation need not render 申请 there.  When every match is
    such a part, ``first`` is returned and ``view.nested`` names the longer
    word, which makes the finding a warning.  A longer word whose rendering
    contains the term's (专利申请 "patent application", 音乐著作 "musical
    work") is a kind of the same thing: the term is still required.
    """
    if not ctx.config.dictionary or ctx.config.source_lang != "zh":
        return first
    concept = ctx.glossary.get(concept_id)
    nested = None
    for match in view.src_matches:
        if match.concept != concept_id or _bound(match, view.segment.source):
            continue
        other = _other_word(match, concept, ctx, view.segment.source) if concept else None
        if other is None:
            return match
        nested = nested or other
    if nested:
        view.nested[first.concept] = nested
    return first


def _other_word(match: Any, concept: Concept, ctx: Context, source: str) -> str | None:
    """A longer known word around ``match`` whose renderings lack the concept's, or None."""
    from ipterm.check.evidence import longer_words
    from ipterm.check.stems import word_stems

    for word, renderings in longer_words(source, match.start, match.end, ctx.config.word_sources):
        if renderings and not any(
            ctx.renderings.first(concept, r) or ctx.renderings.family(concept, word_stems(r))
            for r in renderings
        ):
            return word
    return None


def _bound(match: Any, source: str) -> bool:
    """Whether a Chinese source match is the stem of a longer word (申请 in 申请人)."""
    if match.lang != "zh" or match.end >= len(source):
        return False
    return source[match.end] in _BOUND_SUFFIXES


def _quote_list(terms: list[str], limit: int = 3) -> str:
    shown = [f"'{t}'" for t in terms[:limit]]
    more = f" (or {len(terms) - limit} more)" if len(terms) > limit else ""
    return " or ".join(shown) + more


# --- segment rules -----------------------------------------------------------------------


def missing_term(view: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Rule 1: a source term whose concept has no accepted rendering anywhere in the target.

    Presence, not count: a term said twice in the source and once (plus a
    pronoun) in the target is fine.  Concepts without a target-language term,
    and targets that use a deprecated rendering (rule 2 reports those), pass.
    """
    if not view.segment.target.strip():
        return
    tgt_concepts = {m.concept for m in view.tgt_matches}
    for match in view.unrendered:
        concept = ctx.glossary.get(match.concept)
        if concept is None or match.concept in tgt_concepts:
            continue
        if ctx.renderings.find(concept, view.tgt_prepared, deprecated=True, prepared=True):
            continue
        expected = [t.text for t in concept.accepted(ctx.config.target_lang)]
        preferred = ctx.suggest(concept)
        evidence = missing_term_evidence(match, view, ctx) if ctx.config.dictionary else None
        message = (
            f"source term '{match.text}' is not rendered in the target; "
            f"expected {_quote_list(expected)}"
        )
        swapped = substituted_term(match, view, ctx) if ctx.config.substitution else None
        if swapped:
            evidence = None  # counter-evidence: the term was replaced, not reworded
            message += (
                f" (the target has '{swapped}', the glossary rendering of a term the source "
                "does not have: a substitution?)"
            )
        elif evidence:
            message += explain(*evidence, match.text)
        found = ctx.finding(
            "missing-term",
            view,
            source_term=match.text,
            target_term=None,
            message=message,
            source_span=(match.start, match.end),
            concept=concept.id,
            suggestion=preferred.text if preferred else None,
            evidence=f"{evidence[0]}: {evidence[1]}" if evidence else None,
        )
        if found and found.severity == "error":
            if evidence:
                found = replace(found, severity="warning")
            elif _short(match, ctx.config) and ctx.config.short_term_severity and not swapped:
                short: Any = ctx.config.short_term_severity
                found = replace(found, severity=short)
        if found:
            yield found


def _short(match: Any, config: CheckerConfig) -> bool:
    if config.short_term_severity is None or config.source_lang != "zh":
        return False
    return len(match.text.strip()) <= config.short_term_chars


def deprecated_term(view: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Rule 2: a deprecated term in the target, unless the same words are accepted elsewhere."""
    lang = ctx.config.target_lang
    for match in view.tgt_matches:
        term = match.term
        if term.lang != lang or term.status != "deprecated":
            continue
        if _accepted_somewhere(ctx.glossary, term):
            continue
        concept = ctx.glossary.get(match.concept)
        preferred = ctx.suggest(concept) if concept else None
        use = f"; use '{preferred.text}'" if preferred else ""
        why = f" ({term.note})" if term.note else ""
        found = ctx.finding(
            "deprecated-term",
            view,
            source_term=None,
            target_term=match.text,
            message=f"'{match.text}' is deprecated{why}{use}",
            target_span=(match.start, match.end),
            concept=match.concept,
            suggestion=preferred.text if preferred else None,
        )
        if found:
            yield found


def _accepted_somewhere(glossary: Glossary, term: Term) -> bool:
    key = term.key
    for concept in glossary.lookup(term.text, term.lang):
        if any(t.key == key for t in concept.accepted(term.lang)):
            return True
    return False


def number_mismatch(view: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Rule 5: numbers on one side only (53万 and 530,000 are the same number)."""
    from ipterm.check.numbercheck import compare_numbers

    seg = view.segment
    if not seg.source.strip() or not seg.target.strip():
        return
    missing_in_target, extra_in_target = compare_numbers(
        seg.source,
        seg.target,
        source_lang=ctx.config.source_lang,
        target_lang=ctx.config.target_lang,
    )
    # Unpaired numbers on both sides are a changed value: an error.  A number on one side
    # only is an omission or addition: an error for an amount, a warning for a legal
    # cross-reference or a small count, which translations often leave out or paraphrase.
    changed = bool(missing_in_target) and bool(extra_in_target)
    if not changed and (missing_in_target or extra_in_target):
        changed = value_changed(
            seg.source,
            seg.target,
            source_lang=ctx.config.source_lang,
            target_lang=ctx.config.target_lang,
        )
    marker = marker_mismatch(seg.source, seg.target)
    if marker:
        (s0, s1), (t0, t1) = marker
        found = ctx.finding(
            "number-mismatch",
            view,
            source_term=seg.source[s0:s1],
            target_term=seg.target[t0:t1],
            message=f"list item '{seg.source[s0:s1]}' in the source is numbered "
            f"'{seg.target[t0:t1]}' in the target",
            source_span=(s0, s1),
            target_span=(t0, t1),
        )
        if found:
            yield found
    sides = (
        (missing_in_target, seg.source, ctx.config.source_lang, "source", "target"),
        (extra_in_target, seg.target, ctx.config.target_lang, "target", "source"),
    )
    for nums, text, lang, here, there in sides:
        for num in nums:
            span = (num.start, num.end)
            found = ctx.finding(
                "number-mismatch",
                view,
                source_term=num.text if here == "source" else None,
                target_term=num.text if here == "target" else None,
                message=f"number '{num.text}' in the {here} is not in the {there}",
                source_span=span if here == "source" else None,
                target_span=span if here == "target" else None,
            )
            if found and found.severity == "error" and not changed:
                kind = soft_number(num, text, lang)
                if kind:
                    found = replace(
                        found,
                        severity="warning",
                        message=found.message + f" ({kind}, often left out or reworded)",
                    )
            if found:
                yield found


def untranslated_chinese(view: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Rule 6: Han characters in an English target; a bracketed gloss is only a warning."""
    import regex

    if ctx.config.target_lang != "en":
        return
    text = view.segment.target
    for m in regex.finditer(r"\p{Han}[\p{Han}\p{Nd}\s·・]*", text):
        start, end = m.start(), m.start() + len(m.group().rstrip())
        before = text[:start].rstrip()[-1:]
        after = text[end:].lstrip()[:1]
        glossed = bool(before) and before in _OPENERS and bool(after) and after in _CLOSERS
        found = ctx.finding(
            "untranslated-chinese",
            view,
            source_term=None,
            target_term=text[start:end],
            message=f"Chinese left untranslated in the target: '{text[start:end]}'"
            + (" (a bracketed gloss)" if glossed else ""),
            target_span=(start, end),
        )
        if found and glossed and found.severity == "error":
            found = replace(found, severity="warning")
        if found:
            yield found


SEGMENT_RULES = {
    "missing-term": missing_term,
    "deprecated-term": deprecated_term,
    "number-mismatch": number_mismatch,
    "untranslated-chinese": untranslated_chinese,
}

__all__ = [
    "SEGMENT_RULES",
    "Context",
    "SegmentView",
    "find_renderings",
]
