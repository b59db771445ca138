"""Scoring one Chinese candidate's English candidates: features, weights, confidence.

The builder (``builder.py``) finds and counts candidates; this module turns
the counts of one Chinese candidate against its picked English candidates
into a feature matrix (one row per English candidate, one column per
:data:`FEATURES` entry), then into calibrated confidences.

Where the numbers come from: :data:`DEFAULT_WEIGHTS` and :data:`CALIBRATION`
were fitted by ``benchmarks/bench_align_lofo.py --fit`` on the gold terms of
every family of Taiwan IP laws in the development data (the benchmark's
figures are leave-one-family-out: each family scored with weights and a
calibration fitted without it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ipterm.align import association
from ipterm.align.features import containers, first_mention, nesting
from ipterm.align.fitting import calibrate, choice

FEATURES: tuple[str, ...] = (
    "logdice",
    "p_en_given_zh",
    "p_zh_given_en",
    "log_g2",
    "lexical",
    "exact",
    "whole_segment",
    "encoder",
    "length_ratio",
    "extended",
    "shortened",
    "log_cooc",
    "verb",
    "en_coverage",
    "zh_coverage",
    "first",
    "first_maximal",
    "leading_verb",
    "lead",
)
_COLUMN = {name: n for n, name in enumerate(FEATURES)}
# Conditional-logit weights: the score of "no candidate is right" first, then one
# weight per FEATURES entry.  Fitted by `benchmarks/bench_align_lofo.py --fit` on the
# headings, definitions and law titles of every law family (docs/glossary-builder.md).
# fmt: off
DEFAULT_WEIGHTS: tuple[float, ...] = (
    3.709, 0.441, 1.123, 1.706, 0.465, 1.091, 0.719, 1.593, 0.000, -0.565, -1.153, 0.121, 0.323,
    -0.214, 0.667, 1.000, 0.323, 1.474, -0.003, 1.316,
)
ENCODER_WEIGHTS: tuple[float, ...] = (  # the same fit with the encoder feature free
    3.804, 0.425, 1.070, 1.678, 0.434, 1.037, 0.700, 1.591, 0.753, -0.528, -1.119, 0.181, 0.267,
    -0.215, 0.617, 0.954, 0.324, 1.464, -0.002, 1.293,
)
# Platt scaling (a, b) of the logit's probability: sigmoid(a * logit(p) + b), fitted on the
# held-out (leave-one-family-out) top-1 probabilities of every family's gold terms: the
# chance that the first English of a Chinese *term* is right (a non-term candidate has none).
CALIBRATION: tuple[float, float] = (0.5807, 1.7373)
# fmt: on


@dataclass(frozen=True)
class Ranking:
    """English candidates of one Chinese candidate, best first, with confidences and features."""

    zh: str
    index: int
    zh_frequency: int
    termhood: float
    en: tuple[str, ...]
    en_ids: tuple[int, ...]
    confidence: tuple[float, ...]
    cooccurrence: tuple[int, ...]
    features: np.ndarray = field(repr=False, compare=False)


def confidences(features: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """Calibrated probability that each candidate is the translation (monotone in the logit's).

    >>> x = np.array([[1.0] + [0.0] * (len(FEATURES) - 1)])
    >>> bool(confidences(x, (0.0, 10.0) + (0.0,) * (len(FEATURES) - 1))[0] > 0.99)
    True
    """
    raw = choice(features, weights)
    return np.array([calibrate(float(p), CALIBRATION) for p in raw])


def feature_matrix(  # noqa: PLR0913 - the counts of one candidate, computed by the builder
    c, i: int, picked: list[int], co, ld, g2, fz: float, fe, lex
) -> np.ndarray:
    """Features of Chinese candidate ``i`` of counts ``c`` against English candidates ``picked``.

    ``co``, ``ld``, ``g2`` and ``fe`` are the co-occurrence counts, logDice, G²
    and English document frequencies of the picked candidates; ``lex`` the
    builder's :class:`ipterm.align.lexical.Lexicon`.
    """
    segs = c.zh_segments[i]
    zh, parts = c.zh_keys[i], c.zh_parts[i]
    whole_ids = {c.seg_en_whole[s] for s in segs} if c.zh_whole[i] else set()
    keys = [c.en_keys[j] for j in picked]
    inside = containers(keys)
    first_segment = set(c.seg_en[segs[0]].tolist())
    cooc = np.asarray(co, dtype=float)
    lengths = np.array([len(e) for e in keys], dtype=float)
    leads = c.zh_lead[i]
    lead_co = Counter(j for s in leads for j in c.seg_en_lead[s])
    cover = np.array([lex.coverage(zh, en, parts=parts) for en in keys], dtype=float)
    columns: dict[str | tuple[str, str], Any] = {
        "logdice": np.asarray(ld) / association.LOGDICE_MAX,
        "p_en_given_zh": cooc / fz,
        "p_zh_given_en": cooc / np.asarray(fe, dtype=float),
        "log_g2": np.log1p(np.maximum(g2, 0.0)) / 10.0,
        "lexical": _harmonic(cover[:, 0], cover[:, 1]),
        "exact": [lex.exact(zh, en) for en in keys],
        "whole_segment": [j in whole_ids for j in picked],
        "length_ratio": np.abs(np.log((lengths + 1) / (2.5 * len(zh) + 1))),
        ("extended", "shortened"): nesting(inside, np.asarray(co)),
        "log_cooc": np.log1p(cooc) / 5.0,
        "verb": [lex.is_verb(en) for en in keys],
        ("en_coverage", "zh_coverage"): cover,
        ("first", "first_maximal"): first_mention(inside, [j in first_segment for j in picked]),
        "leading_verb": [lex.leads_with_verb(en) for en in keys],
        "lead": [lead_co[j] / len(leads) if leads else 0.0 for j in picked],
    }
    features = np.zeros((len(keys), len(FEATURES)))
    for name, values in columns.items():
        where = [_COLUMN[n] for n in name] if isinstance(name, tuple) else _COLUMN[name]
        features[:, where] = values
    return features


def with_encoder(
    rankings: Mapping[str, Ranking],
    encode: Callable[[list[str]], np.ndarray],
    config,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, Ranking]:
    """The ``encoder_max_terms`` rankings of highest termhood, rescored with encoder cosines."""
    ranked = sorted(rankings.items(), key=lambda kv: -kv[1].termhood)[: config.encoder_max_terms]
    per_term = config.encoder_candidates
    texts = sorted({r.zh for _, r in ranked} | {e for _, r in ranked for e in r.en[:per_term]})
    if progress:
        progress("encoder", 0, len(texts))
    vectors = dict(zip(texts, np.asarray(encode(texts), dtype=float), strict=True))
    if progress:
        progress("encoder", len(texts), len(texts))
    out = {}
    for key, r in ranked:
        feats = r.features.copy()
        # e5 cosines lie in about 0.7..0.95: centre and scale them like the other features
        sims = [float(vectors[r.zh] @ vectors[e]) if e in vectors else 0.8 for e in r.en]
        feats[:, _COLUMN["encoder"]] = (np.array(sims) - 0.8) * 10.0
        conf = confidences(feats, config.encoder_weights)
        order = np.argsort(-conf, kind="stable")
        out[key] = Ranking(
            zh=r.zh,
            index=r.index,
            zh_frequency=r.zh_frequency,
            termhood=r.termhood,
            en=tuple(r.en[o] for o in order),
            en_ids=tuple(r.en_ids[o] for o in order),
            confidence=tuple(float(conf[o]) for o in order),
            cooccurrence=tuple(r.cooccurrence[o] for o in order),
            features=feats[order],
        )
    return out


def _harmonic(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    total = a + b
    return np.divide(2 * a * b, total, out=np.zeros_like(total), where=total > 0)


def prune(pairs: list) -> list:
    """Drop a pair whose English a better pair already has, when one Chinese contains the other."""
    kept: list = []
    by_en: dict[str, list] = {}
    for pair in pairs:
        rivals = by_en.setdefault(pair.en.lower(), [])
        if any(r.zh in pair.zh or pair.zh in r.zh for r in rivals):
            continue
        rivals.append(pair)
        kept.append(pair)
    return kept
