"""ROUGE-1, ROUGE-2 and ROUGE-L (F1) that work for Chinese as well as English.

Tokenisation (documented because scores depend on it): English and other
Latin-script text is lower-cased and split into letter/digit runs
(``"11.7%"`` -> ``11``, ``7``), with no stemming and no stop-word removal;
every Han character is one token, as in the CJK ROUGE of the LCSTS and CLTS
papers, so scores do not depend on a word segmenter's version.  Full-width
forms are folded and Traditional characters mapped to Simplified first, so
``專利`` and ``专利`` match.  Identical non-empty strings always score 1.0.

ROUGE-N counts clipped n-gram overlaps (Lin 2004); ROUGE-L uses the longest
common subsequence over the whole token sequences (rouge-score's ``rougeL``,
not the sentence-split ``rougeLsum``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

_TOKEN = regex.compile(r"\p{Han}|(?:(?!\p{Han})[\p{L}\p{N}])+")


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one ROUGE variant."""

    precision: float
    recall: float
    f1: float


def tokenize(text: str) -> list[str]:
    """ROUGE tokens: lower-cased Latin words and digit runs, one token per Han character.

    >>> tokenize("CNIPA授權53万件 patents, up 11.7%")
    ['cnipa', '授', '权', '53', '万', '件', 'patents', 'up', '11', '7']
    """
    from ipterm.text.normalize import fold_width, to_simplified

    normal = to_simplified(fold_width(text)).lower()
    return _TOKEN.findall(normal)


def _f(overlap: float, n_candidate: int, n_reference: int) -> Score:
    precision = overlap / n_candidate if n_candidate else 0.0
    recall = overlap / n_reference if n_reference else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> Score:
    """ROUGE-N on token lists.

    >>> rouge_n("the cat sat".split(), "the cat ran".split(), 1).f1
    0.6666666666666666
    """
    cand, ref = _ngrams(candidate, n), _ngrams(reference, n)
    overlap = sum((cand & ref).values())
    return _f(overlap, sum(cand.values()), sum(ref.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (row-by-row dynamic programming).

    >>> lcs_length("a b c d".split(), "a c b d".split())
    3
    """
    if not a or not b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for token in a:
        current = [0]
        for j, other in enumerate(b, start=1):
            current.append(
                previous[j - 1] + 1 if token == other else max(previous[j], current[j - 1])
            )
        previous = current
    return previous[-1]


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> Score:
    """ROUGE-L (LCS-based F1) on token lists."""
    return _f(lcs_length(candidate, reference), len(candidate), len(reference))


def rouge(candidate: str, reference: str) -> dict[str, Score]:
    """ROUGE-1, ROUGE-2 and ROUGE-L of one candidate against one reference.

    >>> {k: round(v.f1, 3) for k, v in rouge("专利审查周期缩短", "专利审查周期缩短").items()}
    {'rouge1': 1.0, 'rouge2': 1.0, 'rougeL': 1.0}
    >>> round(rouge("the cat sat on the mat", "the cat lay on the mat")["rouge2"].f1, 3)
    0.6
    """
    cand, ref = tokenize(candidate), tokenize(reference)
    return {
        "rouge1": rouge_n(cand, ref, 1),
        "rouge2": rouge_n(cand, ref, 2),
        "rougeL": rouge_l(cand, ref),
    }


def mean_f1(scores: Iterable[dict[str, Score]]) -> dict[str, float]:
    """Average F1 per variant over many pairs (0.0 for none)."""
    items = list(scores)
    keys = ("rouge1", "rouge2", "rougeL")
    if not items:
        return dict.fromkeys(keys, 0.0)
    return {k: sum(s[k].f1 for s in items) / len(items) for k in keys}
