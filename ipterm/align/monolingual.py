"""Proposals from one-language documents: terms found by form, equivalents from resources.

Without a translation nothing can be counted against the other language, so
the equivalents come from the glossary (an exact English or Chinese term),
then CC-CEDICT (a sense that is the English term itself), and, when an
encoder is given, the nearest glossary term of the other language.  Every
proposal carries the ``monolingual`` evidence kind and a confidence capped
below the parallel-text proposals' range.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable

import numpy as np

from ipterm.align import candidates_en
from ipterm.align.lexical import Lexicon, cedict, clean_sense
from ipterm.align.pairs import Evidence, TermPair

# Confidence of a proposal by its source: a glossary hit is a known pair, a
# dictionary sense is a general-language rendering, an encoder neighbour a guess.
_CONFIDENCE = {"glossary": 0.8, "dictionary": 0.5, "encoder": 0.3}


def _context(text: str, start: int, end: int, width: int = 80) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())


def from_english(
    text: str,
    glossary,
    *,
    encode: Callable[[list[str]], np.ndarray] | None = None,
    use_cedict: bool = True,
) -> list[TermPair]:
    """Pairs for the terms of an English document, highest confidence first.

    >>> from ipterm.glossary.model import Glossary
    >>> name = "China National Intellectual Property Administration"
    >>> g = Glossary.from_pairs([("国家知识产权局", name)])
    >>> t = "The China National Intellectual Property Administration (“CNIPA”) said so."
    >>> [(p.zh, p.en) for p in from_english(t, g, use_cedict=False)]
    [('国家知识产权局', 'China National Intellectual Property Administration')]
    """
    found = candidates_en.extract_terms(text)
    freq = Counter(candidates_en.en_key(c.text) for c in found)
    spellings: dict[str, list[candidates_en.EnCandidate]] = {}
    for cand in found:
        group = spellings.setdefault(candidates_en.en_key(cand.text), [])
        if all(c.text != cand.text for c in group):
            group.append(cand)
    reverse = _reverse_cedict() if use_cedict else {}
    unresolved, out = [], []
    for key, group in spellings.items():
        # one key, several spellings ("Outline of the National ..." / "Outline of National ..."):
        # the first that the glossary knows names the pair
        hits = [(c, _glossary_zh(glossary, c.text)) for c in group]
        cand, zh = next(((c, z) for c, z in hits if z is not None), (group[0], None))
        kind = "glossary"
        if zh is None and key in reverse:
            zh, kind = reverse[key], "dictionary"
        if zh is None:
            unresolved.append(cand)
            continue
        out.append(_pair(zh, cand, kind, freq[key], text))
    if encode is not None and unresolved and glossary is not None:
        out += _nearest(unresolved, glossary, encode, freq, text)
    out.sort(key=lambda p: (-p.confidence, -p.frequency, p.en))
    return out


def from_chinese(text: str, glossary, segmenter, *, use_cedict: bool = True) -> list[TermPair]:
    """Pairs for the terms of a Chinese document: glossary first, then the first CC-CEDICT sense."""
    from ipterm.align.candidates_zh import candidates
    from ipterm.text.normalize import normalize_for_matching, to_simplified

    found = candidates(normalize_for_matching(text), text, segmenter)
    freq = Counter(c.key for c in found)
    lexicon = Lexicon(use_cedict=use_cedict, simplify=to_simplified)
    seen, out = set(), []
    for cand in found:
        if cand.key in seen:
            continue
        seen.add(cand.key)
        concepts = glossary.lookup(cand.text, "zh") if glossary is not None else ()
        en_term = concepts[0].preferred("en") if concepts else None
        kind, en = ("glossary", en_term.text) if en_term else ("dictionary", None)
        if en is None:
            senses = lexicon.senses(cand.key)
            if not senses or freq[cand.key] < 2:
                continue
            en = senses[0]
        example = ((_context(text, cand.start, cand.end), ""),)
        out.append(
            TermPair(
                cand.text,
                en,
                _CONFIDENCE[kind] * min(1.0, 0.6 + 0.1 * freq[cand.key]),
                freq[cand.key],
                Evidence(("monolingual", kind), example),
                freq[cand.key],
                0,
            )
        )
    out.sort(key=lambda p: (-p.confidence, -p.frequency, p.zh))
    return out


def _glossary_zh(glossary, en: str) -> str | None:
    """The glossary's Chinese for ``en``; "Sword Net 2020" falls back to "Sword Net"."""
    if glossary is None:
        return None
    import re

    for name in dict.fromkeys((en, re.sub(r"[ \t]+(?:19|20)\d\d$", "", en), en.replace("’", "'"))):
        for concept in glossary.lookup(name, "en"):
            term = concept.preferred("zh")
            if term is not None:
                return term.text
    return None


@functools.cache
def _reverse_cedict() -> dict[str, str]:
    """English key -> the shortest Chinese headword that has exactly that sense."""
    import regex

    from ipterm.align.candidates_en import en_key
    from ipterm.text.normalize import to_simplified

    han = regex.compile(r"^\p{Han}{2,}$")
    out: dict[str, str] = {}
    for head, senses in cedict().items():
        if not han.match(head) or to_simplified(head) != head:
            continue
        for sense in senses:
            key = en_key(clean_sense(sense))
            if " " in key:
                if key not in out or len(head) < len(out[key]):
                    out[key] = head
    return out


def _pair(zh: str, cand, kind: str, freq: int, text: str) -> TermPair:
    weight = min(1.0, 0.6 + 0.1 * freq) * (
        1.05 if cand.kind in ("definition", "acronym", "quoted") else 1.0
    )
    example = (("", _context(text, cand.start, cand.end)),)
    return TermPair(
        zh,
        cand.text,
        min(0.95, _CONFIDENCE[kind] * weight),
        freq,
        Evidence(("monolingual", kind), example),
        0,
        freq,
    )


def _nearest(cands, glossary, encode, freq, text) -> list[TermPair]:
    zh_terms = sorted({t.text for _, t in glossary.terms("zh")})
    if not zh_terms:
        return []
    zh_vecs = np.asarray(encode(zh_terms), dtype=float)
    en_vecs = np.asarray(encode([c.text for c in cands]), dtype=float)
    sims = en_vecs @ zh_vecs.T
    out = []
    for row, cand in zip(sims, cands, strict=True):
        best = int(np.argmax(row))
        if row[best] >= 0.85:
            key = candidates_en.en_key(cand.text)
            out.append(_pair(zh_terms[best], cand, "encoder", freq[key], text))
    return out
