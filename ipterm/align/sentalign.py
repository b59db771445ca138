"""Sentence alignment of a Chinese text and its English translation (Gale & Church 1993).

Length-based dynamic programming over sentence beads 1-1, 1-2, 2-1, 1-0 and
0-1.  A bead's cost is ``-log`` of its prior times the probability of its
length difference under a normal model, where the expected English length
per Chinese character is estimated from the two texts themselves (Chinese
characters and English letters are not comparable units, so the ratio the
original paper fixes at 1 is measured instead).  Numbers that appear on both
sides of a bead lower its cost: they are the anchors a human aligner uses.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Bead priors from Gale & Church (1993), table 5.
_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2}
_VARIANCE = 6.8  # Gale & Church's s², per unit of length
_NUMBER = re.compile(r"\d+")
_ANCHOR_BONUS = 1.5  # cost removed per shared number, in nats


@dataclass(frozen=True)
class Bead:
    """Aligned sentences: indices ``zh_start:zh_end`` with ``en_start:en_end``, and their texts."""

    zh_start: int
    zh_end: int
    en_start: int
    en_end: int
    zh: str
    en: str
    cost: float

    def to_dict(self) -> dict[str, object]:
        return {
            "zh": [self.zh_start, self.zh_end],
            "en": [self.en_start, self.en_end],
            "zh_text": self.zh,
            "en_text": self.en,
            "cost": round(self.cost, 3),
        }


def _norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _length_cost(lz: int, le: int, ratio: float) -> float:
    if lz == 0 and le == 0:
        return 0.0
    mean = (lz + le / ratio) / 2.0
    delta = (le / ratio - lz) / math.sqrt(max(mean, 1.0) * _VARIANCE)
    p = 2.0 * (1.0 - _norm_cdf(abs(delta)))
    return -math.log(max(p, 1e-12))


def _numbers(text: str) -> frozenset[str]:
    return frozenset(_NUMBER.findall(text))


def align_sentences(zh: list[str], en: list[str], *, band: int = 50) -> list[Bead]:
    """Align two sentence lists; beads come in text order and cover every sentence once.

    >>> en = ["Patent Act.", "Invention in this Act means a creation."]
    >>> beads = align_sentences(["专利法。", "本法所称发明。"], en)
    >>> [(b.zh_start, b.zh_end, b.en_start, b.en_end) for b in beads]
    [(0, 1, 0, 1), (1, 2, 1, 2)]
    """
    nz, ne = len(zh), len(en)
    if nz == 0 or ne == 0:
        return [Bead(0, nz, 0, ne, "".join(zh), " ".join(en), 0.0)] if nz or ne else []
    ratio = max(sum(map(len, en)), 1) / max(sum(map(len, zh)), 1)
    zn = [_numbers(s) for s in zh]
    enn = [_numbers(s) for s in en]
    inf = float("inf")
    cost = [[inf] * (ne + 1) for _ in range(nz + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (ne + 1) for _ in range(nz + 1)]
    cost[0][0] = 0.0
    slope = ne / nz
    for i in range(nz + 1):
        centre = int(i * slope)
        for j in range(max(0, centre - band), min(ne, centre + band) + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, None
            for (di, dj), prior in _PRIORS.items():
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or cost[pi][pj] == inf:
                    continue
                lz = sum(len(s) for s in zh[pi:i])
                le = sum(len(s) for s in en[pj:j])
                c = cost[pi][pj] - math.log(prior) + _length_cost(lz, le, ratio)
                if di and dj:
                    shared = frozenset().union(*zn[pi:i]) & frozenset().union(*enn[pj:j])
                    c -= _ANCHOR_BONUS * len(shared)
                if c < best:
                    best, arg = c, (pi, pj)
            cost[i][j], back[i][j] = best, arg
    return _trace(back, cost, zh, en)


def _trace(back, cost, zh: list[str], en: list[str]) -> list[Bead]:
    i, j = len(zh), len(en)
    if back[i][j] is None:  # outside the band: give up on alignment, one bead for everything
        return [Bead(0, i, 0, j, "".join(zh), " ".join(en), float("inf"))]
    beads = []
    while i or j:
        prev = back[i][j]
        assert prev is not None  # the DP reached (i, j), so it has a predecessor
        pi, pj = prev
        beads.append(
            Bead(pi, i, pj, j, "".join(zh[pi:i]), " ".join(en[pj:j]), cost[i][j] - cost[pi][pj])
        )
        i, j = pi, pj
    return beads[::-1]


def align_texts(zh_text: str, en_text: str) -> list[Bead]:
    """Split both texts into sentences and align them; 1-0 and 0-1 beads are dropped."""
    from ipterm.text.sentences import split_sentences

    zh = [s.text for s in split_sentences(zh_text, lang="zh")]
    en = [s.text for s in split_sentences(en_text, lang="en")]
    return [b for b in align_sentences(zh, en) if b.zh and b.en]
