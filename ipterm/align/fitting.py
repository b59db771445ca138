"""Fitting the builder's scoring: conditional-logit weights and a confidence calibration.

Both are fitted offline (``benchmarks/bench_align_lofo.py``) on Chinese terms
whose right English is known, and shipped as constants; nothing here runs
during a build except :func:`calibrate`.

* :func:`fit_choice` fits the weights of the conditional logit the builder
  uses: the English candidates of one Chinese term compete with "none of
  them", and the right one (or "none") is the label.
* :func:`fit_isotonic` fits a monotone map from the logit's probability to
  the observed share of right answers (pool-adjacent-violators), so that a
  confidence of 0.8 means "right about 80% of the time" on families of laws
  the weights were not fitted on.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Group = tuple[np.ndarray, int]  # (candidate features, index of the right one; len = none)


def choice(features: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """Probability that each candidate is the translation, against "none of them" (weights[0]).

    >>> p = choice(np.array([[1.0], [0.0]]), [0.0, 1.0])
    >>> [round(float(x), 3) for x in p]
    [0.576, 0.212]
    """
    w = np.asarray(weights, dtype=float)
    scores = features @ w[1:]
    top = max(float(scores.max()), float(w[0])) if len(scores) else float(w[0])
    exp = np.exp(scores - top)
    return exp / (exp.sum() + np.exp(w[0] - top))


def fit_choice(
    groups: Sequence[Group],
    start: Sequence[float],
    *,
    l2: float = 0.01,
    steps: int = 3000,
    rate: float = 0.5,
    frozen: Sequence[int] = (),
) -> np.ndarray:
    """Weights (bias first) that maximise the likelihood of the right candidates, L2-penalised.

    ``frozen`` lists feature columns (0-based, bias excluded) whose weight is
    held at 0, e.g. the encoder's when it is off.  Plain gradient descent on
    all groups at once: the problem is convex and small.

    >>> x = np.array([[1.0], [0.0]])
    >>> w = fit_choice([(x, 0)] * 3 + [(x, 2)], [0.0, 0.0], l2=0.0, steps=500)
    >>> round(float(choice(x, w)[0]), 2)
    0.75
    """
    groups = [(x, t) for x, t in groups if len(x)]
    w = np.asarray(start, dtype=float).copy()
    if not groups:
        return w
    rows = np.concatenate([x for x, _ in groups])
    sizes = np.array([len(x) for x, _ in groups])
    owner = np.repeat(np.arange(len(groups)), sizes)
    first = np.r_[0, np.cumsum(sizes)[:-1]]
    target = np.array([t for _, t in groups])
    hit = target < sizes
    target_rows = rows[(first + np.minimum(target, sizes - 1))[hit]]
    mask = np.ones(len(w) - 1)
    mask[list(frozen)] = 0.0
    w[1:] *= mask
    n = len(groups)
    for _ in range(steps):
        scores = rows @ w[1:]
        top = np.maximum(np.maximum.reduceat(scores, first), w[0])
        exp = np.exp(scores - top[owner])
        none = np.exp(w[0] - top)
        total = np.add.reduceat(exp, first) + none
        p = exp / total[owner]
        grad = np.empty_like(w)
        grad[1:] = (rows.T @ p - target_rows.sum(axis=0)) / n + l2 * w[1:]
        grad[0] = (np.sum(none / total) - np.sum(~hit)) / n
        w -= rate * grad * np.r_[1.0, mask]
    return w


def fit_isotonic(scores: Sequence[float], correct: Sequence[bool]) -> tuple[tuple[float, float], ...]:
    """A non-decreasing step map from score to share correct: ``((from_score, value), ...)``.

    Pool-adjacent-violators over the scores in order; each step starts at the
    lowest score of its block.

    >>> fit_isotonic([0.1, 0.2, 0.3, 0.9], [False, True, False, True])
    ((0.1, 0.0), (0.2, 0.5), (0.9, 1.0))
    """
    order = np.argsort(np.asarray(scores, dtype=float), kind="stable")
    xs = np.asarray(scores, dtype=float)[order]
    ys = np.asarray(correct, dtype=float)[order]
    blocks: list[list[float]] = []  # [start score, sum, count]
    for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
        blocks.append([x, y, 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            start, total, count = blocks.pop(-2)
            blocks[-1] = [start, blocks[-1][1] + total, blocks[-1][2] + count]
    return tuple((round(b[0], 6), round(b[1] / b[2], 6)) for b in blocks)


def calibrate(score: float, table: Sequence[tuple[float, float]]) -> float:
    """The calibrated confidence of a raw ``score`` by a table from :func:`fit_isotonic`.

    Between two steps the value is interpolated linearly, so that confidences
    still order the pairs (a pure step map would tie most of them).

    >>> table = ((0.1, 0.0), (0.5, 0.5), (0.9, 1.0))
    >>> calibrate(0.05, table), calibrate(0.7, table), calibrate(0.95, table)
    (0.0, 0.75, 1.0)
    >>> calibrate(0.3, ())
    0.3
    """
    if not table:
        return score
    xs = [x for x, _ in table]
    ys = [y for _, y in table]
    return float(np.interp(score, xs, ys))
