"""Maximal marginal relevance: pick salient sentences that do not repeat each other.

Carbonell & Goldstein (1998): at each step take the candidate maximising
``lam * score - (1 - lam) * max similarity to what is already picked``.
Briefings repeat their key figures (the moderator's introduction, the answer,
the closing summary), so without this the bullets say the same thing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


def mmr_select(
    scores: Sequence[float],
    sim: np.ndarray,
    *,
    k: int | None = None,
    lam: float = 0.7,
    cost: Sequence[float] | None = None,
    budget: float | None = None,
    allowed: Callable[[int, list[int]], bool] | None = None,
) -> list[int]:
    """Indices picked in order, until ``k`` items or the ``budget`` of ``cost`` is used.

    >>> sim = np.array([[0, .9, 0], [.9, 0, 0], [0, 0, 0]])
    >>> mmr_select([1.0, 0.9, 0.8], sim, k=2, lam=0.5)
    [0, 2]
    """
    n = len(scores)
    if n == 0 or (k is not None and k <= 0):
        return []
    values = np.asarray(scores, dtype=float)
    span = values.max() - values.min()
    rel = (values - values.min()) / span if span > 0 else np.ones(n)
    chosen: list[int] = []
    used = 0.0
    max_sim = np.zeros(n)
    available = np.ones(n, dtype=bool)
    while available.any():
        gain = np.where(available, lam * rel - (1 - lam) * max_sim, -np.inf)
        best = int(np.argmax(gain))
        available[best] = False
        if allowed is not None and not allowed(best, chosen):
            continue
        if budget is not None and cost is not None and chosen and used >= budget:
            break
        chosen.append(best)
        used += cost[best] if cost is not None else 0.0
        max_sim = np.maximum(max_sim, sim[best])
        if (k is not None and len(chosen) >= k) or (budget is not None and used >= budget):
            break
    return chosen
