"""TF-IDF sentence vectors and TextRank (PageRank over sentence similarity).

Written with numpy alone: documents here have at most a few thousand
sentences, where a dense similarity matrix is small and fast.  Words seen in
one sentence only cannot link two sentences, so the similarity matrix is
built on the words shared by at least two (which keeps it small for long
meeting transcripts).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np


def tfidf_matrix(token_lists: Sequence[Sequence[str]], *, min_df: int = 1) -> np.ndarray:
    """Rows of L2-normalised TF-IDF weights (sublinear tf, smoothed idf), one per token list.

    >>> m = tfidf_matrix([["patent", "law"], ["patent", "office"], ["trademark"]])
    >>> m.shape, round(float(m[0] @ m[1]), 3)
    ((3, 4), 0.366)
    """
    df: Counter[str] = Counter()
    for tokens in token_lists:
        df.update(set(tokens))
    vocab = {w: i for i, w in enumerate(sorted(w for w, n in df.items() if n >= min_df))}
    n = len(token_lists)
    matrix = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, tokens in enumerate(token_lists):
        for word, count in Counter(tokens).items():
            col = vocab.get(word)
            if col is not None:
                matrix[row, col] = (1 + math.log(count)) * (math.log((1 + n) / (1 + df[word])) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def similarity_matrix(vectors: np.ndarray) -> np.ndarray:
    """Cosine similarities of L2-normalised rows, diagonal zeroed, negatives clipped."""
    sim = np.clip(vectors @ vectors.T, 0.0, 1.0)
    np.fill_diagonal(sim, 0.0)
    return sim


def pagerank(
    sim: np.ndarray, *, damping: float = 0.85, iterations: int = 50, tol: float = 1e-6
) -> np.ndarray:
    """PageRank scores over a weighted, undirected similarity graph (sum to 1).

    >>> s = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]], dtype=float)
    >>> [round(float(x), 3) for x in pagerank(s)]
    [0.486, 0.257, 0.257]
    """
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0)
    out = sim.sum(axis=1, keepdims=True)
    transition = np.divide(sim, out, out=np.full_like(sim, 1.0 / n, dtype=float), where=out > 0)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1 - damping) / n + damping * (transition.T @ scores)
        if np.abs(new - scores).sum() < tol:
            scores = new
            break
        scores = new
    return scores / scores.sum()


def textrank(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank scores of sentences from their content tokens (Mihalcea & Tarau 2004)."""
    if not token_lists:
        return np.zeros(0)
    return pagerank(similarity_matrix(tfidf_matrix(token_lists, min_df=2)))
