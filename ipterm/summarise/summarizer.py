"""The extractive summariser: score sentences on several signals, pick with MMR, edit lightly.

Scoring (each signal in [0, 1], see :mod:`ipterm.summarise.signals`)::

    salience = weighted mean(centrality, TextRank, encoder centrality, glossary terms,
                             numeric facts, position, query relevance)
    score    = salience * role weight * length fit * (0.5 if a question)

Then maximal marginal relevance picks ``bullets`` sentences (or sentences up
to a word budget), which are put back in document order and edited.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import regex

from ipterm.document import Document, parse_document
from ipterm.document.model import Sentence
from ipterm.errors import InputError, MissingDependencyError, ModelNotAvailableError
from ipterm.summarise import editing, signals
from ipterm.summarise.headline import make_headline
from ipterm.summarise.mmr import mmr_select
from ipterm.summarise.result import Bullet, Highlights
from ipterm.summarise.textrank import pagerank, similarity_matrix, tfidf_matrix
from ipterm.summarise.tokens import content_tokens
from ipterm.text.words import word_count

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
    }
)
# Share of sentences naming a glossary concept above which a document counts as
# fully "about IP" (SCIO briefings: 0.6-0.75; QMSum committee hearings: < 0.03).
_IP_DENSITY = 0.3
# The lede is picked from the first three candidate sentences: a news story's
# first paragraph, a chair's opening lines.  (A window of 2% of the sentences let
# later agenda chatter of long meetings win; QMSum meeting dev ROUGE-1 +0.8.)
_LEDE_WINDOW = 3
# Below ``min_words`` a sentence is a fragment, unless the text has few others.
_ENOUGH_LONG = 12
# Most candidates ranked with the graph signals (their matrices are N x N).
MAX_RANKED = 1500
MAX_RANKED_CHARS = 200_000
# A figure, counted cheaply (digits, or a run of Chinese numerals) for the bound above.
_FIGURE = regex.compile(r"\d[\d,.]*|[〇一二两三四五六七八九十百千万亿]{2,}")
_FRAGMENT_WORDS = 4
_OPENING = regex.compile(
    r"\bwelcome (?:to|everyone|back)\b|\bcall (?:this|the) meeting to order\b"
    r"|good (?:morning|afternoon),? "
    r"(?:everyone|everybody|all)|\bfriends from the media\b|ladies and gentlemen|欢迎|大家好",
    regex.IGNORECASE,
)
_CANDIDATE_UNITS = frozenset({"paragraph", "turn", "item"})
_QUESTION = regex.compile(r"[?？]\s*[\"'”’)]*$")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class SummarizerConfig:
    """Settings of a :class:`Summarizer`; immutable, with documented defaults.

    ``use_encoder``: None = use the e5 encoder when it can be loaded, else go on
    without it and say so in ``Highlights.notices``; True = require it; False = never.
    """

    bullets: int = 6
    use_encoder: bool | None = None
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
        unknown = set(self.weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise InputError(
                f"unknown signal weights {sorted(unknown)}; known: {sorted(DEFAULT_WEIGHTS)}"
            )
        object.__setattr__(self, "weights", MappingProxyType({**DEFAULT_WEIGHTS, **self.weights}))


@dataclass(frozen=True)
class Scored:
    """A candidate sentence with its score and the value of each signal (for explanations)."""

    sentence: Sentence
    score: float
    signals: Mapping[str, float]


def has_opening(doc: Document) -> bool:
    """Whether ``doc`` starts at the beginning of the event, so its first lines are a lede.

    A news paragraph before any speaker turn, or a first turn that opens the
    meeting ("Welcome to ...", "I call this meeting to order"), is a lede; an
    excerpt that starts mid-hearing ("Okay, we move on to ...") has none.
    """
    for unit in doc.units:
        if unit.kind in ("paragraph", "item"):
            return True
        if unit.kind == "turn":
            return bool(_OPENING.search(unit.text[:600]))
    return False


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
        chosen = self._select(
            ranked, count if budget_words is None else None, budget_words, notices
        )
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
        return Highlights(headline, doc.date, source, tuple(made), tuple(notices))

    def rank(
        self, doc: Document, *, query: str | None = None, notices: list[str] | None = None
    ) -> list[Scored]:
        """Every candidate sentence with its score, in document order."""
        candidates = self._bounded(self.candidates(doc), doc.kind, notices)
        self._opens = has_opening(doc)
        if not candidates:
            raise InputError(
                "found no sentence to summarise (only headings, metadata or fillers); "
                "give a document with running text"
            )
        texts = [s.text for s in candidates]
        tokens = [content_tokens(t, doc.lang) for t in texts]
        tfidf = tfidf_matrix(tokens)
        values: dict[str, np.ndarray] = {
            "centrality": signals.centrality(tfidf),
            "textrank": signals.graph_rank(
                pagerank(similarity_matrix(tfidf_matrix(tokens, min_df=2)))
            ),
            "glossary": signals.glossary_terms(texts, self._glossary_or_none()),
            "numbers": signals.numeric_facts(texts),
            "position": signals.position(candidates, doc.kind),
        }
        words = [word_count(t) for t in texts]
        gate = signals.role(candidates) * signals.length(words)
        gate *= np.array([0.5 if _QUESTION.search(t) else 1.0 for t in texts])
        self._sim = similarity_matrix(tfidf)
        # The encoder is the costly signal: only the sentences the cheap signals
        # rank highest (and the opening, for the lede) are encoded.
        subset = self._encoder_subset(self._salience(values) * gate)
        vectors = self._vectors(
            [self._clip(texts[i]) for i in subset], notices if notices is not None else []
        )
        if vectors is not None:
            values["encoder"] = np.zeros(len(texts))
            values["encoder"][subset] = signals.centrality(vectors)
            self._sim[np.ix_(subset, subset)] = similarity_matrix(vectors)
        if query:
            whole = vectors if vectors is not None and len(subset) == len(texts) else None
            values["query"] = self._query_signal(query, tokens, whole, doc.lang)
        salience = self._salience(values)
        scores = salience * gate
        # the lede comes from the opening whoever speaks it, a journalist's words weighing half
        self._lede_scores = salience.copy()
        self._lede_scores *= np.array([0.5 if s.role == "journalist" else 1.0 for s in candidates])
        return [
            Scored(
                s, float(scores[i]), MappingProxyType({k: float(v[i]) for k, v in values.items()})
            )
            for i, s in enumerate(candidates)
        ]

    @staticmethod
    def _bounded(
        candidates: list[Sentence], kind: str, notices: list[str] | None
    ) -> list[Sentence]:
        """At most :data:`MAX_RANKED` candidates (:data:`MAX_RANKED_CHARS` characters).

        They are chosen by the signals that cost one pass over the text.

        The graph signals compare every candidate with every other, so a 10 MB
        text (100,000 sentences) would need a 40 GB matrix; a briefing has a few
        hundred.  Beyond the bound, the candidates with the most figures, the
        best position and a bullet's length go on to be ranked, in document order.
        """
        total = sum(len(s.text) for s in candidates)
        if len(candidates) <= MAX_RANKED and total <= MAX_RANKED_CHARS:
            return candidates
        texts = [s.text for s in candidates]
        figures = np.array([min(len(_FIGURE.findall(t)), 3) for t in texts], dtype=float)
        cheap = (1.0 + figures) * (1.0 + signals.position(candidates, kind))
        cheap *= signals.role(candidates) * signals.length([word_count(t) for t in texts])
        keep, chars = [], 0
        for i in np.argsort(-cheap, kind="stable"):
            if len(keep) == MAX_RANKED:
                break
            if chars + len(texts[i]) > MAX_RANKED_CHARS:
                continue
            keep.append(int(i))
            chars += len(texts[i])
        keep = sorted(keep or [0])
        if notices is not None:
            notices.append(
                f"{len(candidates):,} candidate sentences ({total:,} characters): the "
                f"{len(keep):,} with the most figures, the best position and a bullet's "
                "length were ranked"
            )
        return [candidates[i] for i in keep]

    def _salience(self, values: Mapping[str, np.ndarray]) -> np.ndarray:
        weights = dict(self.config.weights)
        # Domain signals speak only where the document is about IP: a hearing on
        # mental health names no glossary terms, and its figures are not the news.
        domain = min(1.0, float(np.mean(values["glossary"] > 0)) / _IP_DENSITY)
        for name in ("glossary", "numbers"):
            weights[name] *= domain**2
        total = sum(weights[name] for name in values) or 1.0
        return sum(weights[name] * v for name, v in values.items()) / total

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
        """Sentences that may become bullets: running text, not fillers, not fragments.

        Sentences under ``min_words`` words are left out when the document has
        enough longer ones (:data:`_ENOUGH_LONG`): in a transcript they are
        interjections and fragments.  A short note keeps its short sentences
        (down to :data:`_FRAGMENT_WORDS`), and a text with no running text at all
        (one unpunctuated line) falls back to its headings, so that it still
        gets a summary.
        """
        found = self._candidates(doc, _CANDIDATE_UNITS, self.config.min_words)
        if len(found) >= _ENOUGH_LONG:
            return found
        floor = min(self.config.min_words, _FRAGMENT_WORDS)
        found = self._candidates(doc, _CANDIDATE_UNITS, floor)
        return found or self._candidates(doc, _CANDIDATE_UNITS | {"heading"}, floor)

    def _candidates(self, doc: Document, kinds: frozenset[str], least: int) -> list[Sentence]:
        units = doc.units
        out = []
        for sentence in doc.sentences:
            if units[sentence.unit].kind not in kinds:
                continue
            if editing.is_filler(sentence.text) or word_count(sentence.text) < least:
                continue
            out.append(sentence)
        return out

    def _select(self, ranked: list[Scored], count: int | None, budget: int | None,
                notices: list[str]) -> list[int]:  # fmt: skip
        scores = [r.score for r in ranked]
        cost = [float(word_count(r.sentence.text)) for r in ranked]
        lede: list[int] = []
        if self.config.lede and self._opens and len(ranked) > 2 * (count or 1):
            # Open with the lede: who met and what about, as the opening lines say
            # (a chair's agenda, a news story's first paragraph), whatever the speaker's role.
            lede = [int(np.argmax(self._lede_scores[:_LEDE_WINDOW]))]
        rest = (
            mmr_select(
                scores,
                self._sim,
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
        if vectors is None or self._encode_fn() is None:
            return lexical
        query_vector = np.asarray(self._encode_fn()([query], kind="query"), dtype=np.float32)[0]
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
