"""How severe a ``missing-term`` finding is: an error unless there is positive evidence.

A source term from the user's glossary whose approved renderings are all absent
from the target is what Xbench's or Verifika's Key-Terms check reports as an
error, and a CI gate must fail on it.  It is only a warning when the target or
the source gives *positive evidence* that the concept is rendered after all.
The kinds of evidence, each with a name a reviewer sees in the finding:

* ``containing``: a longer glossary term of the segment contains this one and is
  rendered (著作權法 "Copyright Act" for 著作權 "copyright" said once);
* ``longer-word``: every occurrence of the term is part of a longer Chinese word,
  known to CC-CEDICT (or the built-in glossary), whose renderings lack the term's
  (申請 in 申請專利範圍 "claims"); see :func:`ipterm.check.evidence.longer_words`;
* ``compound``: every occurrence is directly joined to a following known word
  whose dictionary sense is in the target, so the two were translated as one
  phrase (著作 in 著作財產權 "economic rights", 發明 in 發明專利 "patent"); the
  joined word has at least ``compound_min_chars`` characters (3 by default, so
  發明專利 "patent", what a deleted "invention" leaves, stays an error);
* ``compound-head``: likewise with the known word before the term, which is the
  head of the phrase (錄音 + 著作 "sound recordings");
* ``dictionary``: the target has a CC-CEDICT sense of the whole term
  (廢止 "repeal"); ``dictionary-part``: of a dictionary word inside it;
* ``reference``: the target has a pronoun or ellipsis the user allowed
  (``allowed_references``: "the same", "thereof" ...).

Counter-evidence (``substitution``, off by default): the target has a glossary
rendering of a concept that the source does not mention ("the Patent Act"
where the source has 著作 and no 專利法), the mark of a term replaced by
another; the finding then stays an error whatever evidence or shortness would
soften it, as Xbench's "target term without source term" would flag it.

Which kinds count is a setting (``CheckerConfig.evidence``); the default set
was chosen by leave-one-law-family-out calibration
(``benchmarks/bench_check_cv.py``, results in ``benchmarks/results/check_cv.md``).
``short_term_severity`` (off by default) can still soften every short term.
"""

from __future__ import annotations

import re
from typing import Any

EVIDENCE_KINDS: tuple[str, ...] = (
    "containing",
    "longer-word",
    "compound",
    "compound-head",
    "dictionary",
    "dictionary-part",
    "reference",
)
# The longest known word looked for next to a term (compound evidence).
_COMPOUND_WORD = 6


def missing_term_evidence(match: Any, view: Any, ctx: Any) -> tuple[str, str] | None:
    """The first kind of enabled evidence for an unrendered source term: ``(kind, detail)``."""
    enabled = ctx.config.evidence
    zh_en = (ctx.config.source_lang, ctx.config.target_lang) == ("zh", "en")
    if "containing" in enabled:
        word = _containing(match, view)
        if word:
            return "containing", word
    nested = view.nested.get(match.concept)
    if nested and "longer-word" in enabled:
        return "longer-word", nested
    if zh_en and enabled & {"compound", "compound-head"}:
        joined = _compound(match.concept, view, ctx)
        if joined:
            return joined
    if zh_en and enabled & {"dictionary", "dictionary-part"}:
        found = _dictionary(match.text, view, whole_only="dictionary-part" not in enabled)
        if found and ("dictionary" in enabled or found[0] == "dictionary-part"):
            return found
    if "reference" in enabled and ctx.config.allowed_references:
        word = _reference(view.segment.target, ctx.config.allowed_references)
        if word:
            return "reference", word
    return None


def substituted_term(match: Any, view: Any, ctx: Any) -> str | None:
    """A target glossary term whose concept the source does not have, or None.

    A concept whose source-language term shares two characters with the missing
    term (著作權 "copyright" for a missing 著作) is a related word, a rewording
    rather than a replacement, and does not count.
    """
    from ipterm.text.normalize import to_simplified

    src, tgt = ctx.config.source_lang, ctx.config.target_lang
    in_source = {m.concept for m in view.src_matches}
    missing = to_simplified(match.text)
    pairs = {missing[i : i + 2] for i in range(len(missing) - 1)} if src == "zh" else set()
    for m in view.tgt_matches:
        if m.lang != tgt or m.concept in in_source or m.term.status == "deprecated":
            continue
        concept = ctx.glossary.get(m.concept)
        terms = [to_simplified(t.text) for t in concept.terms_in(src)] if concept else []
        if pairs and any(p in t for t in terms for p in pairs):
            continue
        return m.text
    return None


def explain(kind: str, detail: str, term: str) -> str:
    """The sentence added to a finding's message for its evidence."""
    if kind in ("longer-word", "compound", "compound-head"):
        what = "the longer word" if kind == "longer-word" else "the phrase with"
        return f" (here it is part of {what} '{detail}', which may be translated as a whole)"
    if kind == "containing":
        return f" (it is part of the rendered glossary term '{detail}')"
    if kind == "reference":
        return f" (the target refers to it as '{detail}', which you allowed)"
    return (
        f" (the target has '{detail}', a dictionary sense of '{term}': "
        "check that the wording is acceptable)"
    )


def _containing(match: Any, view: Any) -> str | None:
    from ipterm.text.normalize import to_simplified

    key = to_simplified(match.text)
    for _, other, _ in view.rendered:
        if other.text != match.text and key in to_simplified(other.text):
            return other.text
    return None


def _dictionary(term: str, view: Any, *, whole_only: bool) -> tuple[str, str] | None:
    from ipterm.check.evidence import dictionary_evidence
    from ipterm.check.stems import word_stems

    if view.tgt_words is None:
        view.tgt_words = word_stems(view.tgt_prepared)
    whole = dictionary_evidence(term, view.tgt_words, parts=False)
    if whole:
        return "dictionary", whole
    if whole_only:
        return None
    part = dictionary_evidence(term, view.tgt_words)
    return ("dictionary-part", part) if part else None


def _compound(concept_id: str, view: Any, ctx: Any) -> tuple[str, str] | None:
    """A known word joined to every occurrence of the concept, whose sense is in the target.

    ``compound``: the word follows the term (著作 + 財產權), at least
    ``compound_min_chars`` long; ``compound-head``: it precedes the term, which
    is the head of the phrase (錄音 + 著作 "sound recording"), at least two long.
    """
    from ipterm.check.stems import word_stems

    config = ctx.config
    sides = []
    if "compound" in config.evidence:
        sides.append(("compound", config.compound_min_chars))
    if "compound-head" in config.evidence:
        sides.append(("compound-head", 2))
    if not sides:
        return None
    if view.tgt_words is None:
        view.tgt_words = word_stems(view.tgt_prepared)
    found = None
    for m in view.src_matches:
        if m.concept != concept_id:
            continue
        word = next(
            (
                (side, w)
                for side, least in sides
                if (w := _joined_word(m, view, side == "compound", least, config))
            ),
            None,
        )
        if word is None:
            return None
        found = found or word
    return found


def _joined_word(match: Any, view: Any, after: bool, least: int, config: Any) -> str | None:
    from ipterm.check.evidence import dictionary_evidence, known_word
    from ipterm.text.normalize import to_simplified

    source = view.segment.source
    start, end = match.start, match.end
    lo, hi = max(0, start - _COMPOUND_WORD), min(len(source), end + _COMPOUND_WORD)
    simple = to_simplified(source[lo:hi])  # character for character, so offsets carry over
    for size in range(_COMPOUND_WORD, least - 1, -1):
        a, b = (end, end + size) if after else (start - size, start)
        if a < 0 or b > len(source):
            continue
        # a known longer word was judged by the longer-word test: it needs the term
        if known_word(simple[min(a, start) - lo : max(b, end) - lo], config.word_sources):
            continue
        piece = simple[a - lo : b - lo]
        if known_word(piece, config.word_sources) and dictionary_evidence(
            piece, view.tgt_words, parts=False
        ):
            return source[a:b]
    return None


def _reference(target: str, allowed: tuple[str, ...]) -> str | None:
    for phrase in allowed:
        m = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", target, re.IGNORECASE)
        if m:
            return m.group()
    return None
