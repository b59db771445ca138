"""The learned salience model: logistic regression over :mod:`ipterm.summarise.features`.

The weights are fitted by ``benchmarks/fit_salience.py`` on the *train*
meetings of the committed QMSum split (labels: the sentences of a greedy ROUGE
oracle against the reference summary) and shipped as ``data/salience.json``
with the features' means and scales, the split and the fitting settings, so a
score can be traced to the data it came from.  Nothing is fitted at run time.

>>> model = salience_model()
>>> model.features[:2]
('rel_position', 'early')
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from ipterm import resources
from ipterm.errors import ResourceNotFoundError
from ipterm.summarise.features import FEATURES

FEWEST_CANDIDATES = 9  # candidates of the smallest QMSum train document


def expand(matrix: np.ndarray) -> np.ndarray:
    """The features, the document's size and their products with it.

    How much a cue matters depends on the document's length (an opening line
    leads a 30-sentence excerpt, not a 900-sentence meeting), so each feature
    also enters multiplied by ``log(candidates) / 7`` (7 ~ log of 1,100, a long meeting),
    with at least :data:`FEWEST_CANDIDATES` candidates counted: the fewest of a train
    document; a two-sentence note is not extrapolated from.
    """
    n = len(matrix)
    size = np.full((n, 1), np.log(max(n, FEWEST_CANDIDATES)) / 7.0)
    return np.hstack([matrix, size, matrix * size])


@dataclass(frozen=True)
class SalienceModel:
    """Standardise each feature, then ``weights @ x + bias``: the log-odds of a summary sentence."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    center: float = 0.0
    spread: float = 1.0
    about: Any = None

    def logits(self, matrix: np.ndarray) -> np.ndarray:
        """Log-odds per row of ``matrix`` (columns in :data:`features` order)."""
        if matrix.shape[0] == 0:
            return np.zeros(0)
        return ((expand(matrix) - self.mean) / self.scale) @ self.weights + self.bias

    def salience(self, matrix: np.ndarray) -> np.ndarray:
        """Scores in (0, 1), the same scale in every document.

        The log-odds are standardised by their mean and spread over the training
        sentences (``center``, ``spread``), not per document: min-max scaling
        inside a document would make the better of two sentences 1 and the
        other 0, however alike they are.
        """
        z = (self.logits(matrix) - self.center) / self.spread
        return 1.0 / (1.0 + np.exp(-z / 2.0))  # two spreads above the mean: 0.73

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": [round(float(x), 6) for x in self.mean],
            "scale": [round(float(x), 6) for x in self.scale],
            "weights": [round(float(x), 6) for x in self.weights],
            "bias": round(float(self.bias), 6),
            "center": round(float(self.center), 6),
            "spread": round(float(self.spread), 6),
            "about": self.about,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SalienceModel:
        features = tuple(data["features"])
        if features != FEATURES:
            raise ResourceNotFoundError("salience model for features", ", ".join(FEATURES), [])
        return cls(
            features,
            np.asarray(data["mean"], dtype=float),
            np.asarray(data["scale"], dtype=float),
            np.asarray(data["weights"], dtype=float),
            float(data["bias"]),
            float(data.get("center", 0.0)),
            float(data.get("spread", 1.0)),
            data.get("about"),
        )


@functools.cache
def salience_model() -> SalienceModel:
    """The shipped model (read once per process)."""
    raw = resources.package_file("ipterm.summarise", "data/salience.json").read_text(
        encoding="utf-8"
    )
    return SalienceModel.from_dict(json.loads(raw))


def fit_logistic(
    matrices: list[np.ndarray],
    labels: np.ndarray,
    *,
    l2: float = 1.0,
    sample_weight: np.ndarray | None = None,
    iterations: int = 50,
    about: Any = None,
) -> SalienceModel:
    """L2-regularised logistic regression (IRLS) on the standardised :func:`expand` features.

    ``matrices`` holds one feature matrix per document (:func:`expand` needs
    the document's size); ``labels`` may be fractions (a sentence's ROUGE
    precision), which logistic regression fits as probabilities.

    >>> x = np.array([[0.0], [1.0], [2.0], [3.0]]); y = np.array([0, 0, 1, 1])
    >>> m = fit_logistic([x], y, l2=0.1)
    >>> bool(m.logits(np.array([[3.0]]))[0] > 0 > m.logits(np.array([[0.0]]))[0])
    True
    """
    matrix = np.vstack([expand(m) for m in matrices])
    mean = matrix.mean(axis=0)
    scale = matrix.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    x = np.column_stack([(matrix - mean) / scale, np.ones(len(matrix))])
    y = np.asarray(labels, dtype=float)
    w_s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        grad = x.T @ (w_s * (p - y)) + penalty * beta
        hess = (x * (w_s * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    logits = x @ beta
    center, spread = float(logits.mean()), float(logits.std()) or 1.0
    return SalienceModel(FEATURES, mean, scale, beta[:-1], float(beta[-1]), center, spread, about)
