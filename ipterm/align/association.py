"""Association measures between a Chinese and an English candidate over aligned segments.

Everything is computed from four counts over ``n`` aligned segments: ``c``,
the segments that contain both candidates; ``fz`` and ``fe``, the segments
that contain each; and ``n``.  The functions take NumPy arrays so that one
Chinese candidate is scored against all its co-occurring English candidates
at once (the builder's hot loop), and plain numbers work as well.

* Dice and logDice (Rychlý 2008): ``14 + log2(2c / (fz + fe))``; 14 is the
  maximum, independent of corpus size, which is why it is comparable across
  corpora.
* Log-likelihood ratio G² (Dunning 1993) of the 2×2 contingency table: it
  rewards frequent, reliable co-occurrence that Dice undervalues.
"""

from __future__ import annotations

import numpy as np

# logDice's offset from Rychlý (2008): log2 of Dice is at most 0, so 14 + log2(Dice) <= 14.
LOGDICE_MAX = 14.0


def dice(c, fz, fe):
    """Dice coefficient ``2c / (fz + fe)``: 1.0 when two candidates always occur together.

    >>> float(dice(3, 3, 3)), float(dice(1, 2, 2))
    (1.0, 0.5)
    """
    c, fz, fe = (np.asarray(x, dtype=float) for x in (c, fz, fe))
    return np.where(fz + fe > 0, 2.0 * c / np.maximum(fz + fe, 1e-12), 0.0)


def log_dice(c, fz, fe):
    """logDice: ``14 + log2(Dice)``, floored at 0 for pairs that never co-occur.

    >>> float(log_dice(5, 5, 5))
    14.0
    """
    d = dice(c, fz, fe)
    return np.where(d > 0, LOGDICE_MAX + np.log2(np.maximum(d, 1e-300)), 0.0)


def _xlogx(x):
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x * np.log(np.maximum(x, 1e-300)), 0.0)


def log_likelihood(c, fz, fe, n):
    """Dunning's G² for the 2×2 table of co-occurrence; signed negative for repulsion.

    >>> round(float(log_likelihood(10, 10, 10, 100)), 2)
    65.02
    >>> float(log_likelihood(0, 0, 5, 10))
    0.0
    """
    c, fz, fe = (np.asarray(x, dtype=float) for x in (c, fz, fe))
    n = float(n)
    k11 = c
    k12 = fz - c
    k21 = fe - c
    k22 = n - fz - fe + c
    cells = _xlogx(k11) + _xlogx(k12) + _xlogx(k21) + _xlogx(k22)
    rows = _xlogx(k11 + k12) + _xlogx(k21 + k22)
    cols = _xlogx(k11 + k21) + _xlogx(k12 + k22)
    g2 = 2.0 * (cells - rows - cols + _xlogx(n))
    g2 = np.maximum(g2, 0.0)
    expected = fz * fe / max(n, 1.0)
    return np.where(c >= expected, g2, -g2)
