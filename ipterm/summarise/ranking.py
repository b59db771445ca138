"""What :meth:`Summarizer.rank` returns: every candidate with its score, and what selection needs.

The ranking is a value, not state on the summariser, so one
:class:`~ipterm.summarise.Summarizer` can rank several documents at once
(threads, a batch pool) without one call seeing another's similarities.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from ipterm.document.model import Sentence


@dataclass(frozen=True)
class Scored:
    """A candidate sentence with its score and the value of each signal (for explanations)."""

    sentence: Sentence
    score: float
    signals: Mapping[str, float]


@dataclass(frozen=True, eq=False)
class Ranking:
    """Candidates in document order (a sequence of :class:`Scored`), with their similarities.

    ``similarity`` is the candidates' cosine matrix used by MMR; ``lede_scores``
    the salience used to pick the opening bullet; ``opens`` whether the document
    starts at the beginning of the event (so its first lines can be a lede).
    """

    items: tuple[Scored, ...]
    similarity: np.ndarray
    lede_scores: np.ndarray
    opens: bool

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Scored:
        return self.items[index]

    def __iter__(self) -> Iterator[Scored]:
        return iter(self.items)
