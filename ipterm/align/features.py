"""Features of one Chinese term's English candidates that compare the candidates with each other.

Nested candidates ("variety right" inside "plant variety right") are the
usual way a co-occurrence ranking goes wrong: both co-occur with the term,
and the shorter is counted more often.  These features say how much of a
candidate's co-occurrence a longer or shorter one keeps, and which of them
the term's first segment (where statutes give the full name) uses.
"""

from __future__ import annotations

import numpy as np


def containers(keys: list[str]) -> list[list[int]]:
    """For each candidate, the other candidates that contain it as whole words.

    >>> containers(["seed", "plant seed", "plant"])
    [[1], [], [1]]
    """
    padded = [f" {k} " for k in keys]
    return [
        [b for b, other in enumerate(padded) if b != a and key in other]
        for a, key in enumerate(padded)
    ]


def nesting(inside: list[list[int]], cooc: np.ndarray) -> list[tuple[float, float]]:
    """Per candidate: (share kept by a longer candidate with it, share kept from a shorter one).

    "seed" with "plant seed" seen almost as often is probably a truncation
    (first value near 1); "plant seed" over "seed" keeps most of it (second near 1).
    ``inside`` comes from :func:`containers`.

    >>> nesting([[1], []], np.array([10, 8]))
    [(0.8, 0.0), (0.0, 0.8)]
    """
    counts = cooc.tolist()
    longer = [max((counts[b] / counts[a] for b in bs), default=0.0) for a, bs in enumerate(inside)]
    shorter = [0.0] * len(inside)
    for a, bs in enumerate(inside):
        for b in bs:  # b contains a: a is a shorter part of b
            shorter[b] = max(shorter[b], counts[b] / counts[a])
    return [(float(x), float(y)) for x, y in zip(longer, shorter, strict=True)]


def first_mention(inside: list[list[int]], in_first: list[bool]) -> list[tuple[float, float]]:
    """Per candidate: (in the term's first segment, and the longest such candidate there).

    Statutes introduce a term by its full name ("plant variety right") and then
    shorten it ("variety right"), so the first segment of a Chinese term says
    which of several nested renderings is the name.

    >>> first_mention(containers(["variety right", "plant variety right", "fee"]), [1, 1, 0])
    [(1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
    """
    out = []
    for a, containers in enumerate(inside):
        if not in_first[a]:
            out.append((0.0, 0.0))
            continue
        covered = any(in_first[b] for b in containers)
        out.append((1.0, 0.0 if covered else 1.0))
    return out
