"""Verb forms folded into nouns: terms are named by nouns (ISO 704).

A statute says "distribute", "distributed" and "distribution", and "apply
for registration" next to "application for registration"; counted apart,
each form gets a share of the co-occurrences and the verb often outranks the
noun.  :func:`nominal_remap` maps every candidate that ends or begins with a
verb (CC-CEDICT's "to X" senses, plain or inflected) to its noun twin when
the corpus has the noun, so the association sees all the forms as one.
"""

from __future__ import annotations

import numpy as np

# Nominalising suffixes (verb -> noun) for which a verb candidate is folded into its noun:
# "distribute" -> "distribution", "protect" -> "protection", "establish" -> "establishment",
# "approve" -> "approval".  Terms are named by nouns (ISO 704), and counting both forms
# as one candidate gives the association the occurrences of both.
_NOMINAL_RULES: tuple[tuple[str, str], ...] = (
    ("e", "ion"), ("", "ion"), ("", "ment"), ("e", "al"), ("y", "ication"),
    ("ish", "ication"),
)  # fmt: skip
# Inflections stripped to find the verb: "established" -> "establish", "distributed" ->
# "distribute", "licensing" -> "license" ("d" before "ed" so that "-ed" verbs ending in e work).
_INFLECTIONS: tuple[tuple[str, str], ...] = (("", ""), ("d", ""), ("ed", ""), ("ing", ""),
                                             ("ing", "e"), ("s", ""))  # fmt: skip
_MIN_VERB = 5  # shorter verbs collide too often ("act" -> "action", "edit" -> "edition")


def nouns(word: str, verbs: frozenset[str]) -> list[str]:
    """The nominalisations of ``word`` if it is a verb, plain or inflected ("established").

    >>> nouns("published", frozenset({"publish"}))
    ['publishion', 'publishment', 'publication']
    """
    out: list[str] = []
    for ending, restore in _INFLECTIONS:
        if ending and not word.endswith(ending):
            continue
        verb = (word[: -len(ending)] if ending else word) + restore
        if len(verb) < _MIN_VERB or verb not in verbs:
            continue
        for drop, suffix in _NOMINAL_RULES:
            if drop and not verb.endswith(drop):
                continue
            noun = (verb[: -len(drop)] if drop else verb) + suffix
            if noun not in out:
                out.append(noun)
    return out


def nominal_remap(keys: list[str], verbs: frozenset[str]) -> np.ndarray | None:
    """Map a candidate that ends or begins with a verb to its noun twin when the corpus has it.

    Verb forms, inflected or not, are folded into the noun ("distributed" and
    "distribute" into "distribution"; "apply for registration" into
    "application for registration"): terms are named by nouns (ISO 704).

    >>> keys = ["distribute", "distribution", "act", "apply for registration",
    ...         "application for registration", "established", "establishment"]
    >>> nominal_remap(keys, frozenset({"distribute", "act", "apply", "establish"})).tolist()
    [1, 1, 2, 4, 4, 6, 6]
    """
    if not verbs:
        return None
    index = {k: j for j, k in enumerate(keys)}
    remap = np.arange(len(keys), dtype=np.int64)
    changed = False
    for j, key in enumerate(keys):
        head, _, last = key.rpartition(" ")
        twins = [f"{head} {n}" if head else n for n in nouns(last, verbs)]
        first, _, rest = key.partition(" ")
        if rest:
            twins += [f"{n} {rest}" for n in nouns(first, verbs)]
        target = next((index[t] for t in twins if t in index and index[t] != j), None)
        if target is not None:
            remap[j] = target
            changed = True
    return remap if changed else None
