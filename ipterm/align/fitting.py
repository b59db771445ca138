"""Fitting the builder's scoring: conditional-logit weights and a confidence calibration.

Both are fitted offline (``benchmarks/bench_align_lofo.py``) on Chinese terms
whose right English is known, and shipped as constants; nothing here runs
during a build except :func:`calibrate`.

* :func:`fit_choice` fits the weights of the conditional logit the builder
  uses: the English candidates of one Chinese term compete with "none of
  them", and the right one (or "none") is the label.
* :func:`fit_platt` fits a monotone map (Platt scaling) from the logit's
  probability to the observed share of right answers, so that a confidence
  of 0.8 means "right about 80% of the time" on families of laws the weights
  were not fitted on.
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


def _logit(p):
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def fit_platt(
    scores: Sequence[float], correct: Sequence[bool], *, steps: int = 2000
) -> tuple[float, float]:
    """Platt scaling on the logit of a probability: ``(a, b)`` of ``sigmoid(a·logit(p) + b)``.

    Two parameters fit well on the few dozen held-out pairs there are, and the
    map is strictly increasing, so calibrated confidences keep the order of
    the raw ones (an isotonic map would tie most of them).  The targets are
    smoothed as Platt (1999) does, so a small sample never claims 0 or 1.

    >>> a, b = fit_platt([0.9] * 8 + [0.6] * 8, [True] * 7 + [False] + [True] * 4 + [False] * 4)
    >>> round(calibrate(0.9, (a, b)), 2), round(calibrate(0.6, (a, b)), 2)
    (0.83, 0.53)
    """
    x = _logit(scores)
    y = np.asarray(correct, dtype=float)
    if not len(x):
        return 1.0, 0.0
    n_right, n_wrong = y.sum(), len(y) - y.sum()
    target = np.where(y > 0, (n_right + 1) / (n_right + 2), 1 / (n_wrong + 2))
    a, b = 1.0, 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(a * x + b)))
        a -= 0.1 * float(np.mean((p - target) * x))
        b -= 0.1 * float(np.mean(p - target))
    return round(a, 4), round(b, 4)


def calibrate(score: float, platt: Sequence[float]) -> float:
    """The calibrated confidence of a raw probability by :func:`fit_platt`'s ``(a, b)``.

    >>> calibrate(0.5, (1.0, 0.0)), round(calibrate(0.9, (2.0, -1.0)), 3)
    (0.5, 0.968)
    """
    a, b = platt
    return float(1.0 / (1.0 + np.exp(-(a * float(_logit(score)) + b))))
