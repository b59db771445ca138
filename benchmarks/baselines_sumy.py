"""The baselines of the QMSum benchmark: Lead and sumy's TextRank, LexRank and LSA.

Every system ranks the *same* candidate sentences (the summariser's own
``Summarizer.candidates(doc)``), then takes sentences in its rank order until
the word budget is reached; the benchmark cuts every output to exactly the
budget.  sumy is the library itself (``pip install sumy``), not a
re-implementation: its document model is built from the candidates, with a
plain word tokenizer (no NLTK data needed) and sumy's English stemmer and stop
words.  sumy's ``sentences_count`` may be a callable over the sentences
sorted by rating, best first; it is used to read the ranking once per document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex
from numpy.linalg import LinAlgError

# Documents on which a sumy system failed (and Lead's order was used instead), by system.
FAILURES: dict[str, int] = {}
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")


class _Words:
    """sumy's tokenizer interface, reduced to what a pre-split document needs."""

    @staticmethod
    def to_words(text: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(text))


def fill(order: Sequence[int], texts: Sequence[str], budget: int) -> list[str]:
    """Sentences in rank ``order`` until ``budget`` words, returned in document order."""
    chosen: list[int] = []
    used = 0
    for index in order:
        if used >= budget:
            break
        chosen.append(index)
        used += len(texts[index].split())
    return [texts[i] for i in sorted(chosen)]


def lead(texts: Sequence[str], budget: int) -> list[str]:
    return fill(range(len(texts)), texts, budget)


def sumy_systems() -> dict[str, Callable[[Sequence[str], int], list[str]]]:
    """{"TextRank (sumy)": fn, ...}; empty when sumy is not installed."""
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.lsa import LsaSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError:
        return {}
    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")
    tokenizer = _Words()

    def make(cls, name: str):
        summarizer = cls(stemmer)
        summarizer.stop_words = stop_words

        def run(texts: Sequence[str], budget: int) -> list[str]:
            sentences = [Sentence(t, tokenizer) for t in texts]
            doc = ObjectDocumentModel([Paragraph(sentences)])
            ranked: list[int] = []

            def count(infos):  # infos: best rated first, each with its document order
                ranked.extend(info.order for info in infos)
                return infos

            try:
                summarizer(doc, count)
            except LinAlgError:  # LSA's SVD may not converge: count it, fall back to Lead
                FAILURES[name] = FAILURES.get(name, 0) + 1
                ranked[:] = range(len(texts))
            return fill(ranked, texts, budget)

        return run

    return {
        "TextRank (sumy)": make(TextRankSummarizer, "TextRank (sumy)"),
        "LexRank (sumy)": make(LexRankSummarizer, "LexRank (sumy)"),
        "LSA (sumy)": make(LsaSummarizer, "LSA (sumy)"),
    }


def sumy_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("sumy")
    except Exception:  # noqa: BLE001 - not installed
        return None
