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
    l2: float = 0.03,
    steps: int = 50,
    frozen: Sequence[int] = (),
) -> np.ndarray:
    """Weights (bias first) that maximise the likelihood of the right candidates, L2-penalised.

    ``frozen`` lists feature columns (0-based, bias excluded) whose weight is
    held at 0, e.g. the encoder's when it is off.  Newton's method: the
    problem is convex and has twenty parameters, so the fit converges in a few
    steps to the same weights whatever the start (gradient descent stopped
    early left the weights depending on the start and the step count).

    >>> x = np.array([[1.0], [0.0]])
    >>> w = fit_choice([(x, 0)] * 3 + [(x, 2)], [0.0, 0.0], l2=0.0)
    >>> round(float(choice(x, w)[0]), 2)
    0.75
    """
    groups = [(x, t) for x, t in groups if len(x)]
    w = np.asarray(start, dtype=float).copy()
    if not groups:
        return w
    free = np.array([0] + [c + 1 for c in range(len(w) - 1) if c not in set(frozen)])
    w[np.setdiff1d(np.arange(len(w)), free)] = 0.0
    # one row per alternative: a candidate's features (bias 0), then "none" (bias 1)
    rows, owner, chosen = [], [], []
    for g, (x, t) in enumerate(groups):
        z = np.zeros((len(x) + 1, len(w)))
        z[:-1, 1:] = x
        z[-1, 0] = 1.0
        rows.append(z[:, free])
        owner += [g] * len(z)
        chosen.append(sum(len(r) for r in rows[:-1]) + min(t, len(x)))
    z = np.concatenate(rows)
    owner_ = np.array(owner)
    target = z[chosen].sum(axis=0)
    n = len(groups)
    penalty = np.full(len(free), l2 * n)
    penalty[0] = 0.0  # the bias is not shrunk
    v = w[free]

    def loss_and_p(v):
        scores = z @ v
        top = np.full(n, -np.inf)
        np.maximum.at(top, owner_, scores)
        e = np.exp(scores - top[owner_])
        total = np.bincount(owner_, weights=e, minlength=n)
        loss = float(np.sum(np.log(total) + top) - target @ v + 0.5 * np.sum(penalty * v * v))
        return loss, e / total[owner_]

    loss, p = loss_and_p(v)
    for _ in range(steps):
        means = np.zeros((n, len(free)))
        np.add.at(means, owner_, p[:, None] * z)
        grad = z.T @ p - target + penalty * v
        hess = (z * p[:, None]).T @ z - means.T @ means + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        size = 1.0
        while size > 1e-6:  # halve the Newton step until the loss goes down
            new_loss, new_p = loss_and_p(v - size * step)
            if new_loss <= loss:
                break
            size /= 2
        else:
            break
        v, loss, p = v - size * step, new_loss, new_p
        if float(np.max(np.abs(size * step))) < 1e-8:
            break
    w[free] = v
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
