"""The glossary builder: candidates in both languages, paired and scored with one confidence.

For each Chinese candidate the builder counts which English candidates share
its aligned segments, keeps the best ``top_k`` by logDice and by G², adds
lexical evidence (glossary, CC-CEDICT, translation of the parts) and, when
enabled, encoder similarity, and turns the features into a probability with
a logistic model.  The weights in :data:`DEFAULT_WEIGHTS` were fitted on the
development half of a split of the Taiwan IP-law glossary; the benchmark
reports accuracy on the other half (``benchmarks/bench_align.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ipterm.align import association, corpus
from ipterm.align.candidates_zh import c_value
from ipterm.align.lexical import Lexicon, verbs
from ipterm.align.pairs import Evidence, TermPair

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
)
# Conditional-logit weights: the score of "no candidate is right" first, then one
# weight per FEATURES entry.  Fitted by `benchmarks/bench_align.py --fit` on the dev
# half of the gold split (docs/glossary-builder.md); the test half is held out.
# fmt: off
DEFAULT_WEIGHTS: tuple[float, ...] = (
    3.834, 0.828, 2.226, 1.105, 0.684, 1.210, 1.650, 2.440, 0.000, -0.690, -2.030, 0.263, 1.013,
    -1.429, 0.961, 0.617, 0.0, 0.0, 0.0,
)
ENCODER_WEIGHTS: tuple[float, ...] = (
    3.828, 0.823, 2.220, 1.092, 0.668, 1.203, 1.640, 2.445, 0.201, -0.675, -2.030, 0.275, 0.979,
    -1.442, 0.951, 0.616, 0.0, 0.0, 0.0,
)
# fmt: on

EncodeFn = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class BuilderConfig:
    """Settings of one build; immutable so that a build can be repeated exactly."""

    min_freq: int = 2
    max_zh_tokens: int = 4
    max_zh_chars: int = 16
    max_en_words: int = 6
    top_k: int = 16
    use_pos: bool = True
    use_cedict: bool = True
    use_encoder: bool = False
    nominal_forms: bool = True
    encoder_max_terms: int = 400
    encoder_candidates: int = 4
    min_confidence: float = 0.0
    examples: int = 3
    alternatives: int = 3
    weights: tuple[float, ...] = DEFAULT_WEIGHTS
    encoder_weights: tuple[float, ...] = ENCODER_WEIGHTS


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


def make_segmenter(words: Iterable[str] = ()):
    """A private jieba segmenter seeded with glossary terms (``ipterm.text.segment``)."""
    from ipterm.text.segment import Segmenter

    return Segmenter(words)


class GlossaryBuilder:
    """Propose term pairs from aligned ``(zh, en)`` segments.

    ``encode`` replaces the encoder (tests pass a fake one); it gets a list of
    strings and returns L2-normalised rows.
    """

    def __init__(
        self, glossary=None, *, config: BuilderConfig | None = None, encode: EncodeFn | None = None
    ) -> None:
        from ipterm.text.normalize import to_simplified

        self.config = config or BuilderConfig()
        self.glossary = glossary
        pairs = []
        if glossary is not None:
            for concept in glossary:
                for zh in concept.accepted("zh"):
                    pairs += [(zh.text, en.text) for en in concept.accepted("en")]
        self.lexicon = Lexicon(pairs, use_cedict=self.config.use_cedict, simplify=to_simplified)
        self.segmenter = make_segmenter(to_simplified(zh) for zh, _ in pairs)
        self._encode = encode
        self.counts: corpus.Counts | None = None
        self.segments: list[tuple[str, str]] = []
        self.rankings: dict[str, Ranking] = {}

    # -- building ----------------------------------------------------------------------
    def fit(
        self,
        segments: Sequence[tuple[str, str]],
        *,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> GlossaryBuilder:
        """Count and rank every candidate of ``segments``; returns ``self``."""
        cfg = self.config
        segments = [(zh or "", en or "") for zh, en in segments]
        total = len(segments)
        counts = corpus.count(
            segments,
            self.segmenter,
            min_freq=cfg.min_freq,
            max_zh_tokens=cfg.max_zh_tokens,
            max_zh_chars=cfg.max_zh_chars,
            max_en_words=cfg.max_en_words,
            use_pos=cfg.use_pos,
            verbs=verbs() if cfg.use_cedict and cfg.nominal_forms else frozenset(),
            progress=(lambda s: progress("candidates", s + 1, total)) if progress else None,
        )
        self.counts = counts
        self.segments = segments
        keep = (counts.zh_df >= cfg.min_freq) | (counts.zh_whole > 0)
        freq = {counts.zh_keys[i]: int(counts.zh_df[i]) for i in np.flatnonzero(keep)}
        parts = {counts.zh_keys[i]: counts.zh_parts[i] for i in np.flatnonzero(keep)}
        termhood = c_value(freq, parts)
        chosen = [
            i for i in np.flatnonzero(keep) if termhood[counts.zh_keys[i]] > 0 or counts.zh_whole[i]
        ]
        self.rankings = {}
        for n_done, i in enumerate(chosen, start=1):
            ranking = self._rank(int(i), termhood[counts.zh_keys[i]])
            if ranking is not None:
                self.rankings[counts.zh_keys[i]] = ranking
            if progress and (n_done % 200 == 0 or n_done == len(chosen)):
                progress("pairing", n_done, len(chosen))
        if cfg.use_encoder:
            self._add_encoder(progress)
        return self

    def _rank(self, i: int, termhood: float) -> Ranking | None:
        c = self.counts
        assert c is not None  # fit() sets counts before ranking
        segs = c.zh_segments[i]
        arrays = [c.seg_en[s] for s in segs]
        if not arrays:
            return None
        ids, co = np.unique(np.concatenate(arrays), return_counts=True)
        if ids.size == 0:
            return None
        fz = float(c.zh_df[i])
        fe = c.en_df[ids].astype(float)
        ld = association.log_dice(co, fz, fe)
        g2 = association.log_likelihood(co, fz, fe, c.n)
        k = self.config.top_k
        pick = set(np.argsort(-ld, kind="stable")[:k].tolist()) | set(
            np.argsort(-g2, kind="stable")[: k // 3].tolist()
        )
        pick_idx = np.array(sorted(pick), dtype=np.int64)
        whole_ids = {c.seg_en_whole[s] for s in segs if c.zh_whole[i]}
        rows = []
        zh = c.zh_keys[i]
        picked_keys = [c.en_keys[int(ids[p])] for p in pick_idx]
        nesting = _nesting(picked_keys, co[pick_idx])
        firsts = _first_mention(picked_keys, np.isin(ids[pick_idx], c.seg_en[segs[0]]))
        for n_row, p in enumerate(pick_idx):
            j = int(ids[p])
            en = c.en_keys[j]
            coverage = self.lexicon.coverage(zh, en, parts=c.zh_parts[i])
            rows.append(
                [
                    ld[p] / association.LOGDICE_MAX,
                    co[p] / fz,
                    co[p] / fe[p],
                    math.log1p(max(g2[p], 0.0)) / 10.0,
                    _harmonic(*coverage),
                    1.0 if self.lexicon.exact(zh, en) else 0.0,
                    1.0 if j in whole_ids else 0.0,
                    0.0,
                    abs(math.log((len(en) + 1) / (2.5 * len(zh) + 1))),
                    *nesting[n_row],
                    math.log1p(co[p]) / 5.0,
                    1.0 if self.lexicon.is_verb(en) else 0.0,
                    *coverage,
                    *firsts[n_row],
                    1.0 if self.lexicon.leads_with_verb(en) else 0.0,
                ]
            )
        features = np.array(rows, dtype=float)
        conf = _choice(features, self.config.weights)
        order = np.argsort(-conf, kind="stable")
        en_ids = tuple(int(ids[pick_idx[o]]) for o in order)
        return Ranking(
            zh=c.zh_text(i),
            index=i,
            zh_frequency=int(fz),
            termhood=float(termhood),
            en=tuple(c.en_text(j) for j in en_ids),
            en_ids=en_ids,
            confidence=tuple(float(conf[o]) for o in order),
            cooccurrence=tuple(int(co[pick_idx[o]]) for o in order),
            features=features[order],
        )

    def _add_encoder(self, progress) -> None:
        encode = self._encode
        if encode is None:
            from ipterm.encoder import encode as model_encode

            def encode(texts: list[str]) -> np.ndarray:
                return model_encode(texts, kind="query")

        ranked = sorted(self.rankings.items(), key=lambda kv: -kv[1].termhood)[
            : self.config.encoder_max_terms
        ]
        per_term = self.config.encoder_candidates
        texts = sorted({r.zh for _, r in ranked} | {e for _, r in ranked for e in r.en[:per_term]})
        if progress:
            progress("encoder", 0, len(texts))
        vectors = dict(zip(texts, np.asarray(encode(texts), dtype=float), strict=True))
        if progress:
            progress("encoder", len(texts), len(texts))
        for key, r in ranked:
            feats = r.features.copy()
            # e5 cosines lie in about 0.7..0.95: centre and scale them like the other features
            sims = [float(vectors[r.zh] @ vectors[e]) if e in vectors else 0.8 for e in r.en]
            feats[:, FEATURES.index("encoder")] = (np.array(sims) - 0.8) * 10.0
            conf = _choice(feats, self.config.encoder_weights)
            order = np.argsort(-conf, kind="stable")
            self.rankings[key] = Ranking(
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

    # -- results -----------------------------------------------------------------------
    def ranking(self, zh: str) -> Ranking | None:
        """The English candidates of a Chinese term (any script), best first, or None."""
        from ipterm.text.normalize import normalize_for_matching

        return self.rankings.get(normalize_for_matching(zh).strip())

    def pairs(self) -> list[TermPair]:
        """The best pair of each Chinese candidate, highest confidence first, duplicates pruned."""
        best: list[TermPair] = []
        for r in self.rankings.values():
            if not r.en or r.confidence[0] < self.config.min_confidence:
                continue
            best.append(self._pair(r))
        best.sort(key=lambda p: (-p.confidence, p.zh))
        return _prune(best)

    def _pair(self, r: Ranking) -> TermPair:
        c = self.counts
        assert c is not None  # pairs exist only after fit()
        j = r.en_ids[0]
        feats = dict(zip(FEATURES, r.features[0].tolist(), strict=True))
        kinds = ["cooccurrence"]
        if feats["whole_segment"]:
            kinds.append("segment")
        if feats["exact"]:
            kinds.append("glossary" if self.lexicon.glossary_keys(r.zh) else "dictionary")
        if feats["lexical"] >= 0.5:
            kinds.append("composition")
        if feats["encoder"] >= 0.8:
            kinds.append("encoder")
        return TermPair(
            zh=r.zh,
            en=r.en[0],
            confidence=r.confidence[0],
            frequency=r.cooccurrence[0],
            evidence=Evidence(tuple(kinds), self._examples(r, j), tuple(feats.items())),
            zh_frequency=r.zh_frequency,
            en_frequency=int(c.en_df[j]),
            alternatives=tuple(
                zip(r.en[1 : 1 + self.config.alternatives], r.confidence[1:], strict=False)
            ),
        )

    def _examples(self, r: Ranking, j: int) -> tuple[tuple[str, str], ...]:
        c = self.counts
        assert c is not None  # pairs exist only after fit()
        out = []
        for s in c.zh_segments[r.index]:
            if j in c.seg_en[s] or c.seg_en_whole[s] == j:
                out.append(self.segments[s])
                if len(out) >= self.config.examples:
                    break
        return tuple(out)


def _harmonic(a: float, b: float) -> float:
    return 0.0 if a + b == 0 else 2 * a * b / (a + b)


def _choice(features: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """Probability that each candidate is the translation, against "none of them" (weights[0]).

    A conditional logit: the candidates of one Chinese term compete, so a term
    with one clear rendering gets a high confidence and a term with many
    similar ones a low confidence, and the probabilities are calibrated by the fit.
    """
    w = np.asarray(weights, dtype=float)
    scores = features @ w[1:]
    top = max(float(scores.max()), w[0])
    exp = np.exp(scores - top)
    return exp / (exp.sum() + math.exp(w[0] - top))


def _nesting(keys: list[str], cooc: np.ndarray) -> list[tuple[float, float]]:
    """Per candidate: (share kept by a longer candidate with it, share kept from a shorter one).

    "seed" with "plant seed" seen almost as often is probably a truncation
    (first value near 1); "plant seed" over "seed" keeps most of it (second near 1).
    """
    padded = [f" {k} " for k in keys]
    out = []
    for a, key in enumerate(padded):
        longer = [cooc[b] / cooc[a] for b, other in enumerate(padded) if b != a and key in other]
        shorter = [cooc[a] / cooc[b] for b, other in enumerate(padded) if b != a and other in key]
        out.append((float(max(longer, default=0.0)), float(max(shorter, default=0.0))))
    return out


def _first_mention(keys: list[str], in_first: np.ndarray) -> list[tuple[float, float]]:
    """Per candidate: (in the term's first segment, and the longest such candidate there).

    Statutes introduce a term by its full name ("plant variety right") and then
    shorten it ("variety right"), so the first segment of a Chinese term says
    which of several nested renderings is the name.

    >>> _first_mention(["variety right", "plant variety right", "fee"], np.array([1, 1, 0], bool))
    [(1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
    """
    padded = [f" {k} " for k in keys]
    out = []
    for a, key in enumerate(padded):
        if not in_first[a]:
            out.append((0.0, 0.0))
            continue
        covered = any(in_first[b] and b != a and key in other for b, other in enumerate(padded))
        out.append((1.0, 0.0 if covered else 1.0))
    return out


def _prune(pairs: list[TermPair]) -> list[TermPair]:
    """Drop a pair whose English a better pair already has, when one Chinese contains the other."""
    kept: list[TermPair] = []
    by_en: dict[str, list[TermPair]] = {}
    for pair in pairs:
        rivals = by_en.setdefault(pair.en.lower(), [])
        if any(r.zh in pair.zh or pair.zh in r.zh for r in rivals):
            continue
        rivals.append(pair)
        kept.append(pair)
    return kept
