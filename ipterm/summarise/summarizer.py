"""The extractive summariser: score sentences on several signals, pick with MMR, edit lightly.

Scoring (each signal in [0, 1], see :mod:`ipterm.summarise.signals`), by default
(``salience="learned"``)::

    salience = weighted mean(learned salience, encoder centrality, glossary terms,
                             numeric facts, query relevance)
    score    = salience * editorial factor

where the learned salience is a logistic regression over cheap features
(:mod:`~ipterm.summarise.features`, :mod:`~ipterm.summarise.learned`), the
glossary and figure signals count only in documents about IP, and the
editorial factor (:mod:`~ipterm.summarise.editorial`) favours figures and
decisions and drops protocol and pledges.  ``salience="weighted"`` is the
earlier hand-weighted mean of centrality, TextRank and position, times role,
length and question factors.

Then maximal marginal relevance picks ``bullets`` sentences (or sentences up
to a word budget), which are put back in document order and edited.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

import numpy as np
import regex

from ipterm.document import Document, parse_document
from ipterm.document.model import Sentence
from ipterm.errors import InputError, MissingDependencyError, ModelNotAvailableError
from ipterm.signature import signature
from ipterm.summarise import editing, editorial, signals
from ipterm.summarise.candidates import (
    bound_candidates,
    has_opening,
    select_candidates,
    word_count,
)
from ipterm.summarise.features import sentence_features
from ipterm.summarise.headline import make_headline
from ipterm.summarise.learned import FEWEST_CANDIDATES, salience_model
from ipterm.summarise.mmr import mmr_select
from ipterm.summarise.ranking import Ranking, Scored
from ipterm.summarise.result import Bullet, Highlights
from ipterm.summarise.textrank import pagerank, similarity_matrix, tfidf_matrix
from ipterm.summarise.tokens import content_tokens

EncodeFn = Callable[..., np.ndarray]

# Weights of the additive signals.  Chosen by reasoning about what an editor
# keeps, then checked (not fitted) on the QMSum dev sets; see docs/summarise.md.
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "centrality": 1.0,  # TF-IDF cosine to the document centroid
        "textrank": 1.0,  # PageRank over TF-IDF sentence similarity
        "encoder": 1.5,  # e5 cosine to the document centroid (when the encoder is used)
        "glossary": 0.5,  # IP glossary concepts named
        "numbers": 3.0,  # figures (amounts, percentages, counts): what an editor keeps first
        "position": 1.0,  # early in the document, first in its paragraph
        "query": 2.0,  # relevance to a query, when one is given
        # the learned salience (salience="learned"), which replaces centrality,
        # TextRank and position: 3.0 = the weight of the three it replaces
        "learned": 3.0,
    }
)
# Share of sentences naming a glossary concept above which a document counts as
# fully "about IP" (SCIO briefings: 0.6-0.75; QMSum committee hearings: < 0.03).
_IP_DENSITY = 0.3
# The lede is picked from the first three candidate sentences: a news story's
# first paragraph, a chair's opening lines.  (A window of 2% of the sentences let
# later agenda chatter of long meetings win; QMSum meeting dev ROUGE-1 +0.8.)
_LEDE_WINDOW = 3
_QUESTION = regex.compile(r"[?？]\s*[\"'”’)]*$")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class SummarizerConfig:
    """Settings of a :class:`Summarizer`; immutable, with documented defaults.

    ``use_encoder``: False (the default: the encoder lost on the QMSum validation
    meetings, see docs/summarise.md) = never; None = use the e5 encoder when it can
    be loaded, else go on without it and say so in ``Highlights.notices``; True = require it.
    """

    bullets: int = 6
    salience: str = "learned"
    use_encoder: bool | None = False
    encoder_model: str | None = None
    encoder_top: int | None = 16
    encoder_words: int | None = 32
    weights: Mapping[str, float] = field(default_factory=lambda: DEFAULT_WEIGHTS)
    mmr_lambda: float = 0.7
    lede: bool = True
    min_words: int = 8
    edit: bool = True
    attribute: bool = True
    abstractive_model: str | None = None
    max_new_tokens: int = 96

    def __post_init__(self) -> None:
        if not 1 <= self.bullets <= 50:
            raise InputError(f"bullets must be between 1 and 50, not {self.bullets}")
        if not 0.0 <= self.mmr_lambda <= 1.0:
            raise InputError(f"mmr_lambda must be between 0 and 1, not {self.mmr_lambda}")
        if self.salience not in ("learned", "weighted"):
            raise InputError(f"salience must be 'learned' or 'weighted', not {self.salience!r}")
        unknown = set(self.weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise InputError(
                f"unknown signal weights {sorted(unknown)}; known: {sorted(DEFAULT_WEIGHTS)}"
            )
        object.__setattr__(self, "weights", MappingProxyType({**DEFAULT_WEIGHTS, **self.weights}))


class Summarizer:
    """Configured summariser for repeated work; ``encode`` injects an encoder (tests use a fake).

    >>> s = Summarizer(SummarizerConfig(use_encoder=False, bullets=1))
    >>> s("The office granted 530,000 patents in 2020. The weather was mild.").bullets[0].text
    'The office granted 530,000 patents in 2020.'
    """

    def __init__(self, config: SummarizerConfig | None = None, *, encode: EncodeFn | None = None,
                 glossary: Any = None) -> None:  # fmt: skip
        self.config = config or SummarizerConfig()
        self._encode = encode
        self._glossary = glossary

    def __call__(self, text: str | Document, **kwargs: Any) -> Highlights:
        return self.summarise(text, **kwargs)

    @property
    def glossary(self) -> Any:
        if self._glossary is None:
            from ipterm.glossary.io import load_glossary

            self._glossary = load_glossary()
        return self._glossary

    def summarise(
        self,
        text: str | Document,
        *,
        bullets: int | None = None,
        query: str | None = None,
        budget_words: int | None = None,
    ) -> Highlights:
        """Highlights of ``text``: ``bullets`` sentences, or as many as fit in ``budget_words``."""
        doc = text if isinstance(text, Document) else parse_document(text)
        count = bullets if bullets is not None else self.config.bullets
        if not 1 <= count <= 50:
            raise InputError(f"bullets must be between 1 and 50, not {count}")
        notices: list[str] = []
        ranked = self.rank(doc, query=query, notices=notices)
        chosen = self._select(ranked, count if budget_words is None else None, budget_words)
        made = [
            self._bullet(doc, ranked[i])
            for i in sorted(chosen, key=lambda i: ranked[i].sentence.start)
        ]
        if self.config.abstractive_model:
            from ipterm.summarise.abstractive import rewrite_bullets

            made = rewrite_bullets(
                made,
                self._source_texts(doc, made),
                self.config.abstractive_model,
                max_new_tokens=self.config.max_new_tokens,
                notices=notices,
            )
        headline = make_headline(doc, [b.text for b in made], self._glossary_or_none())
        source = " - ".join(x for x in (doc.title, doc.issuer) if x) or None
        return Highlights(
            headline, doc.date, source, tuple(made), tuple(notices), self._signature(count, query)
        )

    def _signature(self, bullets: int, query: str | None) -> str:
        """What made these highlights (:mod:`ipterm.signature`)."""
        config = self.config
        settings = {f.name: getattr(config, f.name) for f in fields(config)}
        settings.update(bullets=bullets, weights=dict(config.weights), query=bool(query))
        model = config.encoder_model or ("e5-small" if config.use_encoder else None)
        if config.abstractive_model:
            model = f"{model or 'none'}+{config.abstractive_model}"
        return signature(glossary=self._glossary_or_none(), model=model, settings=settings)

    def rank(
        self, doc: Document, *, query: str | None = None, notices: list[str] | None = None
    ) -> Ranking:
        """Every candidate sentence with its score, in document order (a :class:`Ranking`)."""
        candidates = bound_candidates(self.candidates(doc), doc.kind, notices)
        if not candidates:
            raise InputError(
                "found no sentence to summarise (only headings, metadata or fillers); "
                "give a document with running text"
            )
        texts = [s.text for s in candidates]
        tokens, tfidf, values, words = self._signals(doc, candidates)
        facts = values.pop("facts")
        # the learned model is used within the document sizes it was fitted on
        if self.config.salience == "learned" and len(candidates) >= FEWEST_CANDIDATES:
            learned = salience_model().salience(
                sentence_features(doc, candidates, tokens, words, values)
            )
            values = {
                "learned": learned,
                "glossary": values["glossary"],
                "numbers": values["numbers"],
            }
            gate = np.ones(len(texts))
        else:
            gate = signals.role(candidates) * signals.length(words)
            gate *= np.array([0.5 if _QUESTION.search(t) else 1.0 for t in texts])
        edit_factor = editorial.factor(
            texts, title=doc.title, lang=doc.lang, facts=list(facts), tokens=tokens
        )
        gate *= edit_factor
        sim = similarity_matrix(tfidf)
        # The encoder is the costly signal: only the sentences the cheap signals
        # rank highest (and the opening, for the lede) are encoded.
        subset = self._encoder_subset(self._salience(values) * gate)
        vectors = self._vectors(
            [self._clip(texts[i]) for i in subset], notices if notices is not None else []
        )
        if vectors is not None:
            values["encoder"] = np.zeros(len(texts))
            values["encoder"][subset] = signals.centrality(vectors)
            sim[np.ix_(subset, subset)] = similarity_matrix(vectors)
        if query:
            whole = vectors if vectors is not None and len(subset) == len(texts) else None
            values["query"] = self._query_signal(query, tokens, whole, doc.lang)
        salience = self._salience(values)
        scores = salience * gate
        # the lede comes from the opening whoever speaks it, a journalist's words weighing half
        # and never from protocol, a pledge or the title restated (editorial factor < 1)
        lede = salience * np.array([0.5 if s.role == "journalist" else 1.0 for s in candidates])
        lede = np.where(edit_factor < 1.0, 0.0, lede * edit_factor)
        shown = {**values, "editorial": edit_factor}
        items = tuple(
            Scored(
                s, float(scores[i]), MappingProxyType({k: float(v[i]) for k, v in shown.items()})
            )
            for i, s in enumerate(candidates)
        )
        return Ranking(items, sim, lede, has_opening(doc))

    def _signals(self, doc: Document, candidates: Sequence[Sentence]) -> tuple[
        list[list[str]], np.ndarray, dict[str, np.ndarray], list[int]
    ]:  # fmt: skip
        """Content tokens, TF-IDF rows, the cheap signals and the word counts of ``candidates``."""
        texts = [s.text for s in candidates]
        tokens = [content_tokens(t, doc.lang) for t in texts]
        tfidf = tfidf_matrix(tokens)
        values: dict[str, np.ndarray] = {
            "centrality": signals.centrality(tfidf),
            "textrank": signals.graph_rank(
                pagerank(similarity_matrix(tfidf_matrix(tokens, min_df=2)))
            ),
            "glossary": signals.glossary_terms(texts, self._glossary_or_none()),
            "facts": np.asarray(signals.fact_weights(texts)),
            "position": signals.position(candidates, doc.kind),
        }
        values["numbers"] = np.minimum(values["facts"], 3.0) / 3.0  # signals.numeric_facts
        return tokens, tfidf, values, [word_count(t) for t in texts]

    def features(self, doc: Document) -> tuple[list[Sentence], np.ndarray]:
        """The candidates and their learned-salience features (for fitting and explanations)."""
        candidates = self.candidates(doc)
        tokens, _, values, words = self._signals(doc, candidates)
        return candidates, sentence_features(doc, candidates, tokens, words, values)

    @staticmethod
    def _domain(values: Mapping[str, np.ndarray]) -> float:
        """How far the document is about IP: 1 from :data:`_IP_DENSITY` of sentences with a term."""
        return min(1.0, float(np.mean(values["glossary"] > 0)) / _IP_DENSITY)

    def _salience(self, values: Mapping[str, np.ndarray]) -> np.ndarray:
        weights = dict(self.config.weights)
        # Domain signals speak only where the document is about IP: a hearing on
        # mental health names no glossary terms, and its figures are not the news.
        domain = self._domain(values)
        for name in ("glossary", "numbers"):
            weights[name] *= domain**2
        total = sum(weights[name] for name in values) or 1.0
        combined = sum(weights[name] * v for name, v in values.items()) / total
        return np.asarray(combined, dtype=float)

    def _clip(self, text: str) -> str:
        """The first ``encoder_words`` words: a sentence's gist, at a fraction of the cost.

        Encoder time grows with tokens; a briefing's long sentences state their
        subject first, and the clipped text is the same on every call, so the
        encoder's per-text cache serves repeated summaries of one document.
        """
        limit = self.config.encoder_words
        if limit is None or _HAN.search(text):
            return text if limit is None else text[: 2 * limit]
        words = text.split()
        return text if len(words) <= limit else " ".join(words[:limit])

    def _encoder_subset(self, cheap: np.ndarray) -> np.ndarray:
        n = len(cheap)
        top = self.config.encoder_top
        if top is None or n <= top:
            return np.arange(n)
        window = _LEDE_WINDOW
        best = np.argsort(-cheap, kind="stable")[:top]
        return np.unique(np.concatenate([best, np.arange(min(window, n))]))

    def candidates(self, doc: Document) -> list[Sentence]:
        """Sentences that may become bullets (:func:`.candidates.select_candidates`)."""
        return select_candidates(doc, self.config.min_words)

    def _select(self, ranked: Ranking, count: int | None, budget: int | None) -> list[int]:
        scores = [r.score for r in ranked]
        cost = [float(word_count(r.sentence.text)) for r in ranked]
        lede: list[int] = []
        if self.config.lede and ranked.opens and len(ranked) > 2 * (count or 1):
            # Open with the lede: who met and what about, as the opening lines say
            # (a chair's agenda, a news story's first paragraph), whatever the speaker's role.
            window = ranked.lede_scores[:_LEDE_WINDOW]
            lede = [int(np.argmax(window))] if window.max() > 0 else []
        rest = (
            mmr_select(
                scores,
                ranked.similarity,
                k=None if count is None else count - len(lede),
                lam=self.config.mmr_lambda,
                cost=cost,
                budget=None if budget is None else budget - sum(cost[i] for i in lede),
                allowed=lambda i, chosen: i not in lede,
            )
            if (count is None or count > len(lede))
            else []
        )
        return lede + rest

    def _bullet(self, doc: Document, scored: Scored) -> Bullet:
        sentence = scored.sentence
        text = " ".join(sentence.text.split()) if not _HAN.search(sentence.text) else sentence.text
        if self.config.edit:
            info = doc.speaker(sentence.speaker)
            official = sentence.role == "official"
            text = editing.edit_sentence(
                sentence.text,
                organisation=info.organisation if info is not None and official else None,
                speaker=sentence.speaker if official else None,
                attribute_speech=self.config.attribute,
            )
            if not editing.numbers_intact(text, [sentence.text]):  # pragma: no cover - safety net
                text = sentence.text
        return Bullet(
            text, ((sentence.start, sentence.end),), round(scored.score, 4), sentence.speaker
        )

    @staticmethod
    def _source_texts(doc: Document, bullets: Sequence[Bullet]) -> list[list[str]]:
        return [[doc.text[s:e] for s, e in b.sources] for b in bullets]

    def _glossary_or_none(self) -> Any:
        try:
            return self.glossary
        except Exception:  # noqa: BLE001 - a broken bundled glossary must not stop summaries
            return None

    def _vectors(self, texts: list[str], notices: list[str]) -> np.ndarray | None:
        if self.config.use_encoder is False:
            return None
        encode = self._encode
        if encode is None:
            try:
                encode = _default_encode(self.config.encoder_model)
            except (MissingDependencyError, ModelNotAvailableError, ImportError) as exc:
                if self.config.use_encoder:
                    raise
                notices.append(f"encoder not used ({exc}); ranked with TF-IDF signals only")
                return None
        vectors = np.asarray(encode(texts, kind="passage"), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def _query_signal(self, query: str, tokens: list[list[str]], vectors: np.ndarray | None,
                      lang: str) -> np.ndarray:  # fmt: skip
        matrix = tfidf_matrix([*tokens, content_tokens(query, lang)])
        lexical = signals.query_relevance(matrix[:-1], matrix[-1])
        encode = self._encode_fn()
        if vectors is None or encode is None:
            return lexical
        query_vector = np.asarray(encode([query], kind="query"), dtype=np.float32)[0]
        return 0.5 * lexical + 0.5 * signals.query_relevance(vectors, query_vector)

    def _encode_fn(self) -> EncodeFn | None:
        if self._encode is not None:
            return self._encode
        try:
            return _default_encode(self.config.encoder_model)
        except (MissingDependencyError, ModelNotAvailableError, ImportError):
            return None


@functools.cache
def _default_encode(model: str | None) -> EncodeFn:
    """ipterm's encoder bound to ``model``; raises when torch or the model is missing."""
    try:
        from ipterm.encoder import encode, get_encoder
    except ImportError as exc:
        raise MissingDependencyError("torch", "ml", "Ranking sentences with the encoder") from exc
    get_encoder(model)  # load now, so a missing model is reported before any work

    def run(texts: list[str], *, kind: str = "passage") -> np.ndarray:
        return encode(texts, kind=kind, model=model)

    return run
