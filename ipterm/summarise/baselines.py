"""Baselines the summariser is measured against: Lead-k and plain TextRank.

Both take the same candidates as the summariser would see (the parsed
document's sentences) and stop at the same budget, so a benchmark compares
ranking methods and nothing else.  Neither edits its sentences.
"""

from __future__ import annotations

from ipterm.document import Document
from ipterm.summarise.textrank import textrank
from ipterm.summarise.tokens import content_tokens
from ipterm.text.words import word_count


def _fill(order: list[int], doc: Document, *, k: int | None, budget_words: int | None) -> list[str]:
    chosen: list[int] = []
    used = 0
    for index in order:
        if (k is not None and len(chosen) >= k) or (
            budget_words is not None and used >= budget_words
        ):
            break
        chosen.append(index)
        used += word_count(doc.sentences[index].text)
    return [doc.sentences[i].text for i in sorted(chosen)]


def lead(doc: Document, *, k: int | None = None, budget_words: int | None = None) -> list[str]:
    """The first sentences of the document (after the header), up to ``k`` or ``budget_words``.

    >>> from ipterm.document import parse_document
    >>> lead(parse_document("One two three four five. Six seven eight nine ten."), k=1)
    ['One two three four five.']
    """
    body = [s.index for s in doc.sentences if doc.units[s.unit].kind != "heading"]
    return _fill(body, doc, k=k, budget_words=budget_words)


def textrank_baseline(
    doc: Document, *, k: int | None = None, budget_words: int | None = None
) -> list[str]:
    """Sentences by TextRank score (TF-IDF cosine graph), up to ``k`` or ``budget_words``."""
    tokens = [content_tokens(s.text, doc.lang) for s in doc.sentences]
    scores = textrank(tokens)
    order = sorted(range(len(tokens)), key=lambda i: -scores[i])
    return _fill(order, doc, k=k, budget_words=budget_words)
