"""The matcher's hot loop: automaton hits -> accepted, non-overlapping spans.

Two paths give the same spans:

* **short texts** (segments, sentences): a lean Python loop over the hits,
  each coded as one int (:func:`small_spans`); numpy's fixed cost per call
  would exceed the whole scan of a 200-character segment;
* **long texts** (:data:`LARGE` characters and more): the hits are pulled out
  of the automaton as one flat int array and the word-boundary, language and
  entry checks run as array operations (:func:`large_spans`); only buckets that
  need a case check or hold several entries are looked at one by one in Python.

Both end in the same longest-first selection: sorted by length (longest
first), then start, a candidate is taken when neither its first nor its last
character is taken already (every span taken before it is at least as long,
so any overlap covers one of those two).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import Any

from ipterm.glossary.matchkeys import WORD_CHARS, is_word_char

#: Key-text length from which the vectorised path is used (below it numpy's
#: per-call overhead costs more than it saves; measured on bench_matcher texts).
LARGE = 8_192

# A short-path candidate is one int: (limit - length, start, entry index) packed so
# that sorting the ints sorts longest first, then leftmost.  Ints rather than
# tuples: millions of tuples kept alive make the garbage collector rescan them.
_INDEX_BITS = 24
_START_BITS = 36
_LENGTH_SHIFT = _INDEX_BITS + _START_BITS
LENGTH_LIMIT = 1 << 16
_INDEX_MASK = (1 << _INDEX_BITS) - 1
_START_MASK = (1 << _START_BITS) - 1
_LANG_CODES = {"zh": 0, "en": 1}


#: What the scan knows of one automaton key (the automaton's value is the key's id):
#: ``(length, left, right, first, stop, simple)``: ``left``/``right`` say the key
#: starts/ends with a word character (check the neighbour), its entries are
#: ``entries[first:stop]``, and ``simple`` is the only entry when it needs no case
#: check, else -1.  A plain tuple: unpacked once per hit in the short path.
KeyInfo = tuple[int, bool, bool, int, int, int]


def pick(entries: Sequence[Any], first: int, stop: int, case_text: str, start: int, end: int,
         lang: str | None) -> int:  # fmt: skip
    """The first entry of a key that fits the language and, if it has one, the exact case."""
    for index in range(first, stop):
        entry = entries[index]
        if lang is not None and entry.term.lang != lang:
            continue
        if entry.exact is not None and case_text[start:end] != entry.exact:
            continue
        return index
    return -1


def small_spans(automaton: Any, info: Sequence[KeyInfo], entries: Sequence[Any], key_text: str,
                case_text: str, lang: str | None) -> list[tuple[int, int, int]]:  # fmt: skip
    """``(start, end, entry)`` in key offsets, sorted by start: the pure-Python path."""
    found: list[int] = []
    append = found.append
    size = len(key_text)
    word = WORD_CHARS
    for last, kid in automaton.iter(key_text):
        length, left, right, first, stop, simple = info[kid]
        start = last - length + 1
        if left and start and word[key_text[start - 1]]:
            continue
        if right and last + 1 < size and word[key_text[last + 1]]:
            continue
        if simple < 0 or (lang is not None and entries[simple].term.lang != lang):
            simple = pick(entries, first, stop, case_text, start, last + 1, lang)
            if simple < 0:
                continue
        append((LENGTH_LIMIT - length) << _LENGTH_SHIFT | start << _INDEX_BITS | simple)
    found.sort()
    taken = bytearray(size)
    chosen = []
    for code in found:
        length = LENGTH_LIMIT - (code >> _LENGTH_SHIFT)
        start = (code >> _INDEX_BITS) & _START_MASK
        if not taken[start] and not taken[start + length - 1]:
            taken[start : start + length] = b"\x01" * length
            chosen.append((start << 16 | length) << _INDEX_BITS | (code & _INDEX_MASK))
    chosen.sort()
    spans = []
    for code in chosen:
        start, length = code >> (_INDEX_BITS + 16), (code >> _INDEX_BITS) & 0xFFFF
        spans.append((start, start + length, code & _INDEX_MASK))
    return spans


class KeyArrays:
    """The per-key facts of :class:`KeyInfo` as numpy arrays, for :func:`large_spans`."""

    def __init__(self, info: Sequence[KeyInfo], entries: Sequence[Any]) -> None:
        import numpy as np

        columns = list(zip(*info, strict=True)) if info else [()] * 6
        self.length = np.array(columns[0], dtype=np.int32)
        self.left = np.array(columns[1], dtype=bool)
        self.right = np.array(columns[2], dtype=bool)
        self.first, self.stop = columns[3], columns[4]
        self.simple = np.array(columns[5], dtype=np.int32)
        self.entry_lang = np.array([_LANG_CODES.get(e.term.lang, -1) for e in entries] or [-1])


def large_spans(automaton: Any, arrays: KeyArrays, entries: Sequence[Any], key_text: str,
                case_text: str, lang: str | None) -> tuple[Any, Any, Any]:  # fmt: skip
    """Like :func:`small_spans`, vectorised: arrays ``(start, end, entry)`` sorted by start."""
    import numpy as np

    # int32 halves the largest temporary (two ints per raw hit); offsets fit below 2**31.
    width = np.int32 if len(key_text) < 2**31 else np.int64
    flat = np.fromiter(itertools.chain.from_iterable(automaton.iter(key_text)), dtype=width)
    last, kid = flat[0::2], flat[1::2]
    length = arrays.length[kid]
    start = last - length + 1
    word = _word_mask(key_text)  # word[i + 1] is key_text[i]; False beyond both ends
    ok = ~(arrays.left[kid] & word[start]) & ~(arrays.right[kid] & word[last + 2])
    simple = arrays.simple[kid]
    entry = np.where(ok & (simple >= 0), simple, -1)
    if lang is not None:
        wrong = arrays.entry_lang[np.maximum(entry, 0)] != _LANG_CODES.get(lang, -2)
        entry[wrong] = -1
    for i in np.flatnonzero(ok & (simple < 0)).tolist():
        k, s = int(kid[i]), int(start[i])
        entry[i] = pick(entries, arrays.first[k], arrays.stop[k], case_text, s,
                        s + int(length[i]), lang)  # fmt: skip
    keep = entry >= 0
    start, length, entry = start[keep], length[keep], entry[keep]
    picked = _longest_first(start, length, len(key_text))
    return start[picked], start[picked] + length[picked], entry[picked]


def _longest_first(start: Any, length: Any, size: int) -> Any:
    """Indices of the chosen candidates, in start order (see the module docstring).

    Vectorised one length at a time, longest first: a candidate is dropped when
    a longer chosen span covers its first or last character; the rest, all of
    one length and sorted by start, are chosen left to right, each unless it
    overlaps the one chosen before it.  Only runs of candidates that overlap
    their neighbour go through a Python loop.
    """
    import numpy as np

    if not len(start):
        return np.zeros(0, dtype=np.int64)
    taken = np.zeros(size + 1, dtype=bool)
    order = np.lexsort((start, -length))
    lengths = length[order]
    bounds = [0, *(np.flatnonzero(lengths[1:] != lengths[:-1]) + 1).tolist(), len(order)]
    chosen = []
    for a, b in itertools.pairwise(bounds):
        n = int(lengths[a])
        group = order[a:b]
        first = start[group]
        free = ~(taken[first] | taken[first + n - 1])
        group, first = group[free], first[free]
        if len(first) > 1:
            if (first[1:] < first[:-1] + n).any():  # some overlap their left neighbour
                keep = np.array(_resolve_runs(first.tolist(), n), dtype=bool)
                group, first = group[keep], first[keep]
        chosen.append(group)
        cover = (first[:, None] + np.arange(n)).ravel()
        taken[cover] = True
    picked = np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)
    return picked[np.argsort(start[picked], kind="stable")]


def _resolve_runs(first: list[int], n: int) -> list[bool]:
    """Left-to-right choice among same-length spans sorted by start: skip what overlaps."""
    keep = []
    end = -1
    for start in first:
        if start >= end:
            keep.append(True)
            end = start + n
        else:
            keep.append(False)
    return keep


def _word_mask(key_text: str) -> Any:
    """Booleans "letter or digit, not Han" per character, padded with False at both ends."""
    import numpy as np

    codes = np.frombuffer(key_text.encode("utf-32-le"), dtype="<u4")
    mask = np.zeros(len(codes) + 2, dtype=bool)
    table = _bmp_word_table()
    mask[1:-1] = table[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    if len(astral):
        mask[astral + 1] = [is_word_char(chr(c)) for c in codes[astral].tolist()]
    return mask


@functools.cache
def _bmp_word_table() -> Any:
    """:func:`is_word_char` for every character of the Basic Multilingual Plane."""
    import numpy as np

    return np.array([is_word_char(chr(code)) for code in range(0x10000)], dtype=bool)
