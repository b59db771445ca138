"""The glossary builder: candidates in both languages, paired and scored with one confidence.

For each Chinese candidate the builder counts which English candidates share
its aligned segments, keeps the best ``top_k`` by logDice (plus the best by G²
and by plain count), adds lexical evidence (glossary, CC-CEDICT, translation
of the parts) and, when enabled, encoder similarity, and turns the features
into a calibrated probability with a conditional logit (``scoring.py``).  The
weights were fitted on the gold terms of every family of Taiwan IP laws; the
held-out figures (leave one family out) are in ``benchmarks/bench_align_lofo.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ipterm.align import association, candidates_en, corpus, scoring
from ipterm.align.candidates_zh import c_value
from ipterm.align.lexical import Lexicon, verbs
from ipterm.align.pairs import Evidence, TermPair
from ipterm.align.scoring import (  # noqa: F401 - re-exported: the builder's public names
    CALIBRATION,
    DEFAULT_WEIGHTS,
    ENCODER_WEIGHTS,
    FEATURES,
    Ranking,
)

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


def make_segmenter(words: Iterable[str] = ()):
    """A private jieba segmenter seeded with glossary terms (``ipterm.text.segment``)."""
    from ipterm.text.segment import Segmenter

    return Segmenter(words)


def glossary_pairs(glossary) -> list[tuple[str, str]]:
    """Every accepted (Chinese, English) pair of ``glossary`` (None: no pairs)."""
    pairs: list[tuple[str, str]] = []
    if glossary is not None:
        for concept in glossary:
            for zh in concept.accepted("zh"):
                pairs += [(zh.text, en.text) for en in concept.accepted("en")]
    return pairs


def segmenter_words(glossary) -> list[str]:
    """The words the segmenter is seeded with: the glossary's Chinese, Simplified.

    A worker process rebuilds the same segmenter from this list (a segmenter
    does not pickle), so every shard is cut exactly as a one-process build cuts it.

    >>> from ipterm.glossary.model import Glossary
    >>> segmenter_words(Glossary.from_pairs([("專利權", "patent right")]))
    ['专利权']
    """
    from ipterm.text.normalize import to_simplified

    return list(dict.fromkeys(to_simplified(zh) for zh, _ in glossary_pairs(glossary)))


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
        pairs = glossary_pairs(glossary)
        self.lexicon = Lexicon(pairs, use_cedict=self.config.use_cedict, simplify=to_simplified)
        # Glossary renderings stay candidates however rare: "China National Intellectual
        # Property Administration" once in a short file still beats "Administration" twice.
        self.known_en = frozenset(candidates_en.en_key(en) for _, en in pairs)
        self.segmenter = make_segmenter(segmenter_words(glossary))
        self._encode = encode
        self.counts: corpus.Counts | None = None
        self.segments: list[tuple[str, str]] = []
        self._example: Callable[[int], tuple[str, str]] = self.segments.__getitem__
        self.rankings: dict[str, Ranking] = {}

    # -- building ----------------------------------------------------------------------
    def fit(
        self,
        segments: Sequence[tuple[str, str]],
        *,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> GlossaryBuilder:
        """Count and rank every candidate of ``segments``; returns ``self``."""
        segments = [(zh or "", en or "") for zh, en in segments]
        total = len(segments)
        shard = corpus.count_shard(
            segments,
            self.segmenter,
            **self.count_options(),
            progress=(lambda s: progress("candidates", s + 1, total)) if progress else None,
        )
        return self.fit_counts(self.merge([shard]), segments, progress=progress)

    def merge(self, shards: Sequence[corpus.Counts]) -> corpus.Counts:
        """Merge shard counts with this builder's pruning (frequency, verbs, glossary terms)."""
        return corpus.merge_counts(
            shards, min_freq=self.config.min_freq, verbs=self.merge_verbs(), known=self.known_en
        )

    def count_options(self) -> dict[str, Any]:
        """The keyword arguments of :func:`ipterm.align.corpus.count_shard` for this config."""
        return self.count_options_of(self.config)

    @staticmethod
    def count_options_of(cfg: BuilderConfig) -> dict[str, Any]:
        """:meth:`count_options` of any config (a worker process has no builder)."""
        return {
            "max_zh_tokens": cfg.max_zh_tokens,
            "max_zh_chars": cfg.max_zh_chars,
            "max_en_words": cfg.max_en_words,
            "use_pos": cfg.use_pos,
        }

    def merge_verbs(self) -> frozenset[str]:
        """The verbs :func:`ipterm.align.corpus.merge_counts` folds into nouns for this config."""
        cfg = self.config
        return verbs() if cfg.use_cedict and cfg.nominal_forms else frozenset()

    def fit_counts(
        self,
        counts: corpus.Counts,
        examples: Sequence[tuple[str, str]] | Callable[[int], tuple[str, str]],
        *,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> GlossaryBuilder:
        """Rank every candidate of merged ``counts`` (the second, global pass); returns ``self``.

        ``examples`` gives the ``(zh, en)`` text of segment ``s``: the segments
        themselves, or a function (a corpus too large to hold reads rows on demand).
        """
        cfg = self.config
        self.counts = counts
        self._example = examples if callable(examples) else examples.__getitem__
        self.segments = [] if callable(examples) else list(examples)
        keep = (counts.zh_df >= cfg.min_freq) | (counts.zh_whole > 0)
        kept = np.flatnonzero(keep)
        freq = {counts.zh_keys[i]: int(counts.zh_df[i]) for i in kept}
        parts = {counts.zh_keys[i]: counts.zh_parts[i] for i in kept}
        termhood = c_value(freq, parts)
        chosen = kept.tolist()  # short and common candidates too: termhood only orders them
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
        # logDice favours rare English that happens to co-occur; G² and the plain count
        # bring in the frequent rendering of a frequent word (组织 "organization").
        pick = (
            set(np.argsort(-ld, kind="stable")[:k].tolist())
            | set(np.argsort(-g2, kind="stable")[: k // 3].tolist())
            | set(np.lexsort((-ld, -co))[: k // 4].tolist())
        )
        pick_idx = np.array(sorted(pick), dtype=np.int64)
        picked = ids[pick_idx].tolist()
        features = scoring.feature_matrix(
            c, i, picked, co[pick_idx], ld[pick_idx], g2[pick_idx], fz, fe[pick_idx], self.lexicon
        )
        conf = scoring.confidences(features, self.config.weights)
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

        self.rankings.update(
            scoring.with_encoder(self.rankings, encode, self.config, progress=progress)
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
        return scoring.prune(best)

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
                zh_text, en_text = self._example(s)
                out.append((zh_text, en_text))
                if len(out) >= self.config.examples:
                    break
        return tuple(out)
