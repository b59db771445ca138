"""Cheap per-sentence features for the learned salience model (no encoder, no glossary).

Each candidate sentence becomes one row of :data:`FEATURES`: where it stands
(in the document, in its turn), how long it is, who says it and how much that
speaker says, how central it is (TF-IDF centroid cosine, TextRank), how dense
its words are in the document's vocabulary, whether it carries figures, and
whether it is talk rather than content (fillers, questions).  All of them are
computed from the parsed document in milliseconds, so the model that weighs
them (:mod:`ipterm.summarise.learned`) costs nothing next to the parse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import regex

from ipterm.document import Document
from ipterm.document.model import Sentence

# Order matters: the fitted weights in data/salience.json follow it.
FEATURES: tuple[str, ...] = (
    "rel_position",  # index among candidates / (n - 1)
    "early",  # exp(-index / 10): the opening lines
    "position",  # signals.position (document start, first in paragraph)
    "first_in_unit",
    "unit_position",  # order within its turn or paragraph, 0 = first, 1 = last
    "log_words",
    "length_fit",  # signals.length
    "log_unit_words",  # how long the turn is
    "speaker_share",  # share of the candidates' words spoken by this speaker
    "official",
    "journalist",
    "moderator",
    "question",
    "filler_share",  # uh, um, yeah, {disfmarker} ... per word
    "centrality",
    "textrank",
    "term_density",  # mean log document frequency of its content words, scaled
    "numbers",  # signals.numeric_facts
    "words_capped",  # words (letter/digit runs) / 80, at most 1
    "content_share",  # content tokens per word
    "frequent_share",  # share of its content tokens found in 3 or more candidates
    "log_mass",  # log(1 + sum of log document frequencies of its content tokens)
    "type_ratio",  # distinct words / words
)
_FILLER = regex.compile(
    r"\{\w+\}|\b(?:uh|um|uhm|hmm|mm|mhm|huh|yeah|yep|okay|ok|oh|ah|right|so|well|like)\b",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_QUESTION = regex.compile(r"[?？]\s*[\"'”’)]*$")


def _scaled(values: np.ndarray) -> np.ndarray:
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 0.0)
    return (values - low) / (high - low) if high > low else np.full(values.shape, 0.5)


def sentence_features(
    doc: Document,
    candidates: Sequence[Sentence],
    tokens: Sequence[Sequence[str]],
    words: Sequence[int],
    values: Mapping[str, np.ndarray],
) -> np.ndarray:
    """A ``(len(candidates), len(FEATURES))`` float matrix; ``values`` holds the signals.

    ``values`` must have ``position``, ``centrality``, ``textrank`` and
    ``numbers`` (as :meth:`Summarizer.rank` computes them); ``words`` are the
    candidates' word counts and ``tokens`` their content tokens.
    """
    from ipterm.summarise import signals

    n = len(candidates)
    index = np.arange(n, dtype=float)
    count = np.asarray(words, dtype=float)
    by_speaker: Counter[str | None] = Counter()
    for sentence, w in zip(candidates, count, strict=True):
        by_speaker[sentence.speaker] += w
    total = max(1.0, float(count.sum()))
    unit_size = Counter(s.unit for s in candidates)
    seen: Counter[int] = Counter()
    unit_position = np.zeros(n)
    for i, sentence in enumerate(candidates):
        size = unit_size[sentence.unit]
        unit_position[i] = seen[sentence.unit] / (size - 1) if size > 1 else 0.0
        seen[sentence.unit] += 1
    unit_words = {u: len(doc.units[u].text.split()) for u in unit_size}
    df: Counter[str] = Counter()
    for toks in tokens:
        df.update(set(toks))
    density = np.array(
        [float(np.mean([np.log1p(df[t]) for t in toks])) if toks else 0.0 for toks in tokens]
    )
    lexical = np.array(
        [_lexical(s.text, toks, df) for s, toks in zip(candidates, tokens, strict=True)]
    )
    lexical = lexical.reshape(n, 5)
    columns = {
        "rel_position": index / max(1, n - 1),
        "early": np.exp(-index / 10.0),
        "position": values["position"],
        "first_in_unit": np.array([float(s.first_in_unit) for s in candidates]),
        "unit_position": unit_position,
        "log_words": np.log1p(count),
        "length_fit": signals.length(words),
        "log_unit_words": np.array([np.log1p(unit_words[s.unit]) for s in candidates]),
        "speaker_share": np.array([by_speaker[s.speaker] / total for s in candidates]),
        "official": np.array([float(s.role == "official") for s in candidates]),
        "journalist": np.array([float(s.role == "journalist") for s in candidates]),
        "moderator": np.array([float(s.role == "moderator") for s in candidates]),
        "question": np.array([float(bool(_QUESTION.search(s.text))) for s in candidates]),
        "filler_share": np.array(
            [
                len(_FILLER.findall(s.text)) / max(1.0, w)
                for s, w in zip(candidates, count, strict=True)
            ]
        ),
        "centrality": values["centrality"],
        "textrank": values["textrank"],
        "term_density": _scaled(density),
        "numbers": values["numbers"],
        **{name: lexical[:, i] for i, name in enumerate(FEATURES[-5:])},
    }
    return np.column_stack([np.asarray(columns[name], dtype=float) for name in FEATURES])


def _lexical(text: str, toks: Sequence[str], df: Mapping[str, int]) -> list[float]:
    """words_capped, content_share, frequent_share, log_mass, type_ratio of one sentence."""
    found = _WORD.findall(text.lower())
    n = max(1, len(found))
    return [
        min(n, 80) / 80,
        len(toks) / n,
        sum(df[t] >= 3 for t in toks) / max(1, len(toks)),
        float(np.log1p(sum(np.log1p(df[t]) for t in toks))),
        len(set(found)) / n,
    ]
