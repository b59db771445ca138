"""English term candidates: n-grams of aligned segments, and terms of one-language documents.

Two uses need two kinds of candidate:

* In aligned text the Chinese side decides what is a term, so the English side
  offers every plausible phrase (1 to ``max_words`` words inside one clause,
  neither starting nor ending with a function word) and co-occurrence picks
  the right one.  A short title-like segment also offers its whole text: that
  is how law titles and headings ("Patent Act") pair up.
* In an English-only document nothing tells terms apart except their form:
  acronym definitions ("China National Intellectual Property Administration
  (“CNIPA”)"), quoted names of campaigns and documents, capitalised names,
  and noun phrases that are much more frequent here than in general (legal)
  English (``data/en_background.tsv``).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass

from ipterm import resources

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:-[A-Za-z0-9'’]+)*")
# Characters that end a clause: a term never spans them.
_BREAK = re.compile(r"[,;:.!?()\[\]{}\"“”‘«»/]|\s['’]|['’]\s|\s-\s|—|–")
_QUOTED = re.compile(
    r"[“\"]([^“”\"\n]{2,120}?)[”\"]"
    r"((?:[ \t]+(?:Action|Campaign|Operation|Initiative|Programme|Program|Plan|Project)\b)?)"
)
_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w'’&-]*|of|the|and|for|on|in|'s)"
    r"(?:[ \t]+(?:[A-Z][\w'’&-]*|of|the|and|for|on|in|'s))*)"
    r"[ \t]*\((?:the[ \t]+)?[“\"]?([A-Z][A-Za-z&]{1,11})[”\"]?\)"
)
_CAPITALISED = re.compile(
    r"(?<![\w'’])(?:[A-Z][\w'’-]*)(?:[ \t]+(?:(?:of|the|and|for|on|in|to)[ \t]+)*[A-Z][\w'’-]*)+"
)
_ARTICLES = frozenset({"the", "a", "an"})
_FUNCTION_CAPS = {"the", "a", "an", "this", "that", "these", "in", "on", "for", "to", "and", "of"}


@dataclass(frozen=True)
class EnCandidate:
    """An English term candidate at ``start:end`` of its text; ``kind`` says how it was found."""

    start: int
    end: int
    text: str
    kind: str  # "ngram", "segment", "acronym", "definition", "quoted", "name", "phrase"

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


@functools.cache
def stopwords() -> frozenset[str]:
    """English function words that may not begin or end a candidate (``data/en_stopwords.txt``)."""
    text = resources.package_file("ipterm.align", "data/en_stopwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@functools.cache
def background() -> tuple[dict[str, int], int]:
    """Word counts of non-IP legal English and their total (``data/en_background.tsv``)."""
    path = resources.package_file("ipterm.align", "data/en_background.tsv")
    counts: dict[str, int] = {}
    total = 1
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# total_tokens"):
            total = int(line.split("\t")[1])
        elif line and not line.startswith("#"):
            word, n = line.split("\t")
            counts[word] = int(n)
    return counts, total


def singular(word: str) -> str:
    """A crude singular of an English word, enough to merge "rights" with "right".

    >>> [singular(w) for w in ("rights", "works", "policies", "process", "laws", "analysis")]
    ['right', 'work', 'policy', 'process', 'law', 'analysis']
    """
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def en_key(text: str) -> str:
    """Matching key: lower case, no articles, hyphens as spaces, last word singular.

    Articles inside a phrase are dropped too, so that "right to apply for a
    patent" and "right to apply for the patent" count as one candidate.

    >>> en_key("Patent Rights"), en_key("Trade-Marks"), en_key("The public")
    ('patent right', 'trade mark', 'public')
    >>> en_key("right to apply for a patent")
    'right to apply for patent'
    """
    return _en_key(text)


@functools.lru_cache(maxsize=1 << 18)
def _en_key(text: str) -> str:
    words = text.lower().replace("’", "'").replace("-", " ").split()
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES] or words[-1:]
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return " ".join(words)


def words(text: str) -> list[tuple[int, int]]:
    """Spans of the words of ``text``.

    >>> words("Patent Act, art. 2")
    [(0, 6), (7, 10), (12, 15), (17, 18)]
    """
    return [m.span() for m in _WORD.finditer(text)]


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds, last = [], 0
    for m in _BREAK.finditer(text):
        bounds.append((last, m.start()))
        last = m.end()
    bounds.append((last, len(text)))
    return [(a, b) for a, b in bounds if b > a]


def ngrams(text: str, *, max_words: int = 6) -> list[EnCandidate]:
    """Phrases of 1..``max_words`` words inside one clause, not led or ended by a function word.

    >>> [c.text for c in ngrams("the patent right", max_words=2)]
    ['patent', 'patent right', 'right']
    """
    stop = stopwords()
    out = []
    for c_start, c_end in _clauses(text):
        spans = [(c_start + a, c_start + b) for a, b in words(text[c_start:c_end])]
        lowered = [text[a:b].lower() for a, b in spans]
        for i, (start, _) in enumerate(spans):
            if lowered[i] in stop or lowered[i].isdigit():
                continue
            for j in range(i, min(i + max_words, len(spans))):
                if lowered[j] in stop or lowered[j].isdigit():
                    continue
                end = spans[j][1]
                out.append(EnCandidate(start, end, text[start:end], "ngram"))
    return out


_CONJUNCTIONS = frozenset({"and", "or"})


def elliptic(text: str, *, max_words: int = 6) -> list[EnCandidate]:
    """Terms that coordination leaves apart: "invention or utility model patents" names
    the term "invention patent" without writing it.

    For "A and|or B ... H" inside one clause, with A one content word and B..H
    two or three content words, the candidate "A H" is proposed (its text is
    the two words joined; its span covers A..H).

    >>> [c.text for c in elliptic("for invention or utility model patents, the fee")]
    ['invention patents']
    """
    stop = stopwords()
    out = []
    for c_start, c_end in _clauses(text):
        spans = [(c_start + a, c_start + b) for a, b in words(text[c_start:c_end])]
        lowered = [text[a:b].lower() for a, b in spans]
        for i in range(len(spans) - 2):
            if lowered[i + 1] not in _CONJUNCTIONS or lowered[i] in stop or lowered[i].isdigit():
                continue
            j = i + 2  # the second conjunct runs to the last content word before a function word
            while j + 1 < len(spans) and not (lowered[j + 1] in stop or lowered[j + 1].isdigit()):
                j += 1
            if not 1 <= j - i - 1 <= min(3, max_words - 1) or lowered[j] in stop or j == i + 2:
                continue
            first, head = text[slice(*spans[i])], text[slice(*spans[j])]
            out.append(EnCandidate(spans[i][0], spans[j][1], f"{first} {head}", "ellipsis"))
    return out


def is_title_like(text: str, *, max_words: int = 24) -> bool:
    """Whether a segment reads as a title or heading (short, no final full stop or colon).

    >>> is_title_like("Patent Act"), is_title_like("This Act is enacted to protect rights.")
    (True, False)
    """
    stripped = text.strip()
    if not stripped or stripped.endswith((".", ":", ";", "。", "：", "；")):
        return False
    return 0 < len(words(stripped)) <= max_words


def _trim_caps(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading "The"/"In" and similar from a capitalised run."""
    while True:
        first = re.match(r"\s*(\w+)\s+", text[start:end])
        if first and first.group(1).lower() in _FUNCTION_CAPS and end - start > first.end():
            start += first.end()
            continue
        return start, end


def termhood(phrase: str, doc_counts: Counter, doc_total: int) -> float:
    """Mean log-ratio of the phrase's content words: this document against legal background English.

    Positive when the words are commoner here than in general statutes.
    """
    stop = stopwords()
    bg, bg_total = background()
    scores = []
    for word in phrase.lower().split():
        if word in stop:
            continue
        here = (doc_counts.get(word, 0) + 0.5) / max(doc_total, 1)
        there = (bg.get(word, 0) + 0.5) / bg_total
        scores.append(math.log(here / there))
    return sum(scores) / len(scores) if scores else 0.0


def extract_terms(
    text: str, *, min_phrase_freq: int = 2, min_termhood: float = 1.0
) -> list[EnCandidate]:
    """Term candidates of an English document, found by form, in text order.

    >>> t = "the China National Intellectual Property Administration (“CNIPA”) said"
    >>> [(c.text, c.kind) for c in extract_terms(t)][:2]
    [('China National Intellectual Property Administration', 'definition'), ('CNIPA', 'acronym')]
    """
    found: dict[tuple[int, int], EnCandidate] = {}
    for m in _ACRONYM_DEF.finditer(text):
        start, end = _trim_caps(text, m.start(1), m.end(1))
        acronym = m.group(2)
        start = _fit_acronym(text, start, end, acronym)
        if _initials_match(text[start:end], acronym):
            found[(start, end)] = EnCandidate(start, end, text[start:end], "definition")
            found[m.span(2)] = EnCandidate(*m.span(2), acronym, "acronym")
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip().rstrip(",.;:")
        if 1 <= len(inner.split()) <= 16 and inner[:1].isupper():
            start = m.start(1) + m.group(1).index(inner)
            found.setdefault(
                (start, start + len(inner)), EnCandidate(start, start + len(inner), inner, "quoted")
            )
            if m.group(
                2
            ):  # “Blue-Sky” Action: the campaign's name includes the word after the quote
                name = f"{inner} {m.group(2).strip()}"
                found.setdefault((start, m.end(2)), EnCandidate(start, m.end(2), name, "quoted"))
    for m in _CAPITALISED.finditer(text):
        start, end = _trim_caps(text, *m.span())
        if len(text[start:end].split()) >= 2 and not _overlaps(found, start, end):
            found[(start, end)] = EnCandidate(start, end, text[start:end], "name")
    found.update(_phrases(text, found, min_phrase_freq, min_termhood))
    return sorted(found.values(), key=lambda c: (c.start, -c.end))


def _fit_acronym(text: str, start: int, end: int, acronym: str) -> int:
    """Move ``start`` to the shortest tail of the name whose capitals spell ``acronym``.

    "IPR in the Regional Comprehensive Economic Partnership (RCEP)" names RCEP
    with its last four capitalised words only.
    """
    spans = [m.span() for m in re.finditer(r"[\w'’&-]+", text[start:end])]
    for a, _ in reversed(spans):
        tail = text[start + a : end]
        initials = "".join(w[0] for w in tail.replace("-", " ").split() if w[0].isupper())
        if initials.upper() == acronym.upper():
            return start + a
    return start


def _initials_match(name: str, acronym: str) -> bool:
    initials = "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())
    return (
        len(acronym) >= 2
        and acronym.upper() in initials.upper()
        or initials.upper().endswith(acronym.upper())
    )


def _overlaps(found: dict[tuple[int, int], EnCandidate], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in found)


def _phrases(
    text: str, found: dict, min_freq: int, min_termhood: float
) -> dict[tuple[int, int], EnCandidate]:
    """Lower-case noun-phrase-like n-grams (2-4 words), recurring and unusual in legal English."""
    counts = Counter(text[a:b].lower() for a, b in words(text))
    total = sum(counts.values())
    grams: dict[str, list[EnCandidate]] = {}
    for cand in ngrams(text, max_words=4):
        if cand.text.count(" ") == 0 or not cand.text.islower():
            continue
        grams.setdefault(en_key(cand.text), []).append(cand)
    out = {}
    for occurrences in grams.values():
        if (
            len(occurrences) < min_freq
            or termhood(occurrences[0].text, counts, total) < min_termhood
        ):
            continue
        for cand in occurrences:
            if not _overlaps(found, cand.start, cand.end):
                out[(cand.start, cand.end)] = EnCandidate(cand.start, cand.end, cand.text, "phrase")
    return out
