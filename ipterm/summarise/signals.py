"""Sentence salience signals, each an array in [0, 1] with one value per candidate sentence.

A newsletter editor keeps a sentence because it is central to the briefing
(centrality, TextRank), names IP things (glossary terms), carries a figure
(numeric facts), opens a paragraph or answer (position), and comes from an
official rather than a question or the chair (speaker role).  Each signal is
computed here on its own; :mod:`ipterm.summarise.summarizer` weighs them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex

from ipterm.document.model import Sentence

# Role weights: officials' answers carry the news, the chair's lines and the
# journalists' questions rarely do (but questions frame the topic).
ROLE_WEIGHT = {"official": 1.0, None: 0.8, "speaker": 0.8, "journalist": 0.35, "moderator": 0.15}
# Units of numbers that are facts an editor keeps; years, months, days and
# ordinals ("14th Five-Year Plan") are context, not facts.
_CONTEXT_UNITS = frozenset({"year", "ordinal", "years"})
# A date ("on June 1") is half a fact: when a law takes effect, not how much.
_DATE_UNITS = frozenset({"month", "day"})
_MONEY_UNITS = frozenset({"yuan", "usd", "eur", "gbp", "jpy", "hkd", "dollars", "rmb"})
_IN_FORCE = regex.compile(
    r"\b(?:take|takes|took|taking) effect|\b(?:come|comes|came|enter|enters|entered) into force"
    r"|\bin force\b|\bput into (?:practice|effect)|\beffective (?:on|from|as of)"
    r"|施行|生效|实施",
    regex.IGNORECASE,
)
# Sentence length (words) an editor can use as a bullet without trimming.
IDEAL_WORDS = (8, 45)


def _scaled(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    return (values - low) / (high - low) if high > low else np.full(values.shape, 0.5)


def centrality(vectors: np.ndarray) -> np.ndarray:
    """Cosine of each (L2-normalised) sentence vector to the document centroid, scaled to [0, 1].

    >>> v = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    >>> [round(float(x), 2) for x in centrality(v)]
    [0.25, 1.0, 0.0]
    """
    if len(vectors) == 0:
        return np.zeros(0)
    centroid = vectors.mean(axis=0)
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return np.full(len(vectors), 0.5)
    return _scaled(vectors @ (centroid / norm))


def graph_rank(scores: np.ndarray) -> np.ndarray:
    """TextRank scores scaled to [0, 1]."""
    return _scaled(scores)


def numeric_facts(texts: Sequence[str], *, saturate: float = 3.0) -> np.ndarray:
    """Weight of the figures an editor keeps per sentence, saturating at ``saturate``.

    Amounts of money, percentages and counts in the thousands (530,000 patents,
    5.761 million registrations) and rates (15.8) weigh 1; small counts ("14 departments") and
    dates weigh 0.5; years and ordinals 0.  A date with "take effect"/"come into
    force"/"put into practice" is when a law applies: it weighs 1.5.  Several
    distinct figures add up, so a sentence carrying the year's key statistics
    outranks one with a single count.

    >>> texts = ["530,000 patents, up 11.7%, 18 billion yuan.", "In 2020 it grew.",
    ...          "14 departments joined.", "The law takes effect on June 1."]
    >>> [round(float(x), 2) for x in numeric_facts(texts)]
    [1.0, 0.0, 0.17, 0.5]
    """
    return np.asarray([min(w, saturate) / saturate for w in fact_weights(texts)], dtype=float)


def fact_weights(texts: Sequence[str]) -> list[float]:
    """:func:`fact_weight` of each text."""
    return [fact_weight(t) for t in texts]


def fact_weight(text: str) -> float:
    """Sum of the weights of the distinct figures in ``text`` (see :func:`numeric_facts`)."""
    from ipterm.text.numbers import find_numbers

    total = 0.0
    seen: set[str] = set()
    dated = False
    last_date_end = -10
    for m in find_numbers(text):
        if _is_modifier(text, m.start, m.end) or m.unit in _CONTEXT_UNITS or m.text in seen:
            continue
        seen.add(m.text)
        if m.unit in _DATE_UNITS:
            dated, last_date_end = True, m.end
            total += 0.5
        elif m.start - last_date_end <= 1 and m.unit is None and m.value <= 31:
            continue  # the day of "June 1"
        elif (
            m.unit in _MONEY_UNITS
            or m.unit == "percent"
            or (m.value or 0) >= 1000
            or (m.value or 0) % 1  # a measured rate: "reached 15.8"
        ):
            total += 1.0
        else:
            total += 0.5
    if dated and _IN_FORCE.search(text):
        total += 1.0
    return total


def _is_modifier(text: str, start: int, end: int) -> bool:
    """ "per 10,000 people" (a denominator) and "Five-Year Plan" (part of a name) are not facts."""
    return text[max(0, start - 4) : start].lower() == "per " or bool(
        regex.match(r"-\p{L}", text[end : end + 2])
    )


def glossary_terms(texts: Sequence[str], glossary, *, saturate: int = 5) -> np.ndarray:
    """Distinct glossary concepts named per sentence, saturating at ``saturate``."""
    if glossary is None or not texts:
        return np.zeros(len(texts))
    from ipterm.glossary.matcher import matcher_for

    matcher = matcher_for(glossary)
    out = []
    for text in texts:
        concepts = {getattr(m.concept, "id", m.concept) for m in matcher.find(text)}
        out.append(min(len(concepts), saturate) / saturate)
    return np.asarray(out, dtype=float)


def position(sentences: Sequence[Sentence], kind: str) -> np.ndarray:
    """Early in the document, and first in its paragraph or answer.

    News puts the facts first (inverted pyramid); a hearing or briefing opens
    with who is there and what is on the agenda; the first sentence of an
    answer paragraph is often its point ("First, we strengthened coordination.").
    """
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    first = np.array([1.0 if s.first_in_unit else 0.4 for s in sentences])
    rank = np.arange(n) / max(1, n - 1)
    return 0.3 * first + 0.7 * (1.0 - rank) ** 2


def role(sentences: Sequence[Sentence]) -> np.ndarray:
    """Weight of the speaker's role (1 for officials, low for the chair and questions)."""
    return np.array([ROLE_WEIGHT.get(s.role, 0.8) for s in sentences], dtype=float)


def length(word_counts: Sequence[int]) -> np.ndarray:
    """1 inside :data:`IDEAL_WORDS`, falling off for fragments and run-on sentences.

    >>> [round(float(x), 2) for x in length([3, 20, 90])]
    [0.38, 1.0, 0.5]
    """
    low, high = IDEAL_WORDS
    out = []
    for n in word_counts:
        if n < low:
            out.append(n / low)
        elif n > high:
            out.append(high / n)
        else:
            out.append(1.0)
    return np.asarray(out, dtype=float)


def query_relevance(vectors: np.ndarray, query_vector: np.ndarray | None) -> np.ndarray:
    """Cosine of each sentence to the query (e.g. "Summarise the discussion about X"), scaled."""
    if query_vector is None or len(vectors) == 0:
        return np.zeros(len(vectors))
    norm = np.linalg.norm(query_vector)
    if norm == 0:
        return np.zeros(len(vectors))
    return _scaled(vectors @ (query_vector / norm))
