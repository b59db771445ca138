"""Counting candidates over aligned segments: the sparse data the pairing works on.

Each segment keeps the ids of the candidates it contains (once per segment:
association counts segments, not tokens), as NumPy arrays, so that the
co-occurrence counts of one Chinese candidate with every English candidate
are one ``np.unique`` over the English ids of its segments, with no
candidate-by-candidate Python loop.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ipterm.align import candidates_en, candidates_zh
from ipterm.text.normalize import normalize_for_matching

_ZH_TITLE_MAX = 40
_ZH_SENTENCE_END = ("。", "：", "；", ":", ";", "，")


@dataclass
class Counts:
    """Candidate vocabularies, per-segment id arrays and per-candidate statistics."""

    n: int
    zh_keys: list[str]
    zh_df: np.ndarray
    zh_segments: list[list[int]]
    zh_surface: list[Counter]
    zh_parts: list[tuple[str, ...]]
    zh_whole: np.ndarray  # number of segments where the candidate is the whole Chinese side
    en_keys: list[str]
    en_df: np.ndarray
    en_surface: list[Counter]
    en_whole: np.ndarray
    seg_en: list[np.ndarray]
    seg_en_whole: list[int]

    def zh_text(self, i: int) -> str:
        return self.zh_surface[i].most_common(1)[0][0]

    def en_text(self, j: int) -> str:
        surfaces = self.en_surface[j]
        best = surfaces.most_common(1)[0][0]
        lowered = best[:1].lower() + best[1:]
        # "Patent right" at the start of a sentence is the term "patent right".
        if best != lowered and surfaces.get(lowered, 0) > 0:
            return lowered
        return best


def _zh_title(text: str) -> bool:
    stripped = text.strip()
    return (
        2 <= len(stripped) <= _ZH_TITLE_MAX
        and not stripped.endswith(_ZH_SENTENCE_END)
        and "。" not in stripped
    )


def count(
    segments: Sequence[tuple[str, str]],
    segmenter,
    *,
    min_freq: int = 2,
    max_zh_tokens: int = 4,
    max_zh_chars: int = 16,
    max_en_words: int = 6,
    use_pos: bool = True,
    verbs: frozenset[str] = frozenset(),
    progress: Callable[[int], None] | None = None,
) -> Counts:
    """Find and count the candidates of every ``(zh, en)`` segment."""
    zh_index: dict[str, int] = {}
    en_index: dict[str, int] = {}
    zh_segs: list[list[int]] = []
    zh_surface: list[Counter] = []
    zh_parts: list[tuple[str, ...]] = []
    zh_whole: Counter[int] = Counter()
    en_surface: list[Counter] = []
    en_whole: Counter[int] = Counter()
    seg_en_lists: list[list[int]] = []
    seg_en_whole: list[int] = []
    for s, (zh, en) in enumerate(segments):
        norm = normalize_for_matching(zh)
        found = candidates_zh.candidates(
            norm, zh, segmenter, max_tokens=max_zh_tokens, max_chars=max_zh_chars, use_pos=use_pos
        )
        items: list[tuple[str, str, tuple[str, ...], str | None]] = [
            (c.key, c.text, c.parts, None) for c in found
        ]
        if _zh_title(zh):
            stripped = norm.strip()
            offset = norm.index(stripped)
            parts = tuple(t.text for t in segmenter.cut(stripped) if t.text.strip())
            items.append((stripped, zh[offset : offset + len(stripped)], parts, "whole"))
        seen: set[int] = set()
        for key, text, parts, kind in items:
            i = zh_index.get(key)
            if i is None:
                i = zh_index[key] = len(zh_index)
                zh_segs.append([])
                zh_surface.append(Counter())
                zh_parts.append(parts or (key,))
            zh_surface[i][text] += 1
            if kind == "whole":
                zh_whole[i] += 1
            if i not in seen:
                seen.add(i)
                zh_segs[i].append(s)
        en_items = [
            (candidates_en.en_key(c.text), c.text)
            for c in candidates_en.ngrams(en, max_words=max_en_words)
        ]
        whole_id = -1
        if candidates_en.is_title_like(en):
            en_items.append((candidates_en.en_key(en.strip()), en.strip()))
        ids: set[int] = set()
        for n_item, (key, text) in enumerate(en_items):
            if not key:
                continue
            j = en_index.get(key)
            if j is None:
                j = en_index[key] = len(en_index)
                en_surface.append(Counter())
            en_surface[j][text] += 1
            ids.add(j)
            if n_item == len(en_items) - 1 and candidates_en.is_title_like(en):
                whole_id = j
                en_whole[j] += 1
        seg_en_lists.append(sorted(ids))
        seg_en_whole.append(whole_id)
        if progress is not None:
            progress(s)
    n = len(segments)
    remap = _nominal_remap(list(en_index), verbs)
    if remap is not None:
        seg_en_lists = [sorted({int(remap[j]) for j in ids_list}) for ids_list in seg_en_lists]
        seg_en_whole = [int(remap[j]) if j >= 0 else j for j in seg_en_whole]
        for j, target in enumerate(remap):
            if target != j:
                en_surface[target].update({k: 0 for k in en_surface[j]})
    en_df = np.zeros(len(en_index), dtype=np.int64)
    for ids_list in seg_en_lists:
        en_df[ids_list] += 1
    whole = np.zeros(len(en_index), dtype=bool)
    whole[list(en_whole)] = True
    keep = (en_df >= min_freq) | whole
    seg_en = [
        np.array([j for j in ids_list if keep[j]], dtype=np.int64) for ids_list in seg_en_lists
    ]
    return Counts(
        n=n,
        zh_keys=list(zh_index),
        zh_df=np.array([len(x) for x in zh_segs], dtype=np.int64),
        zh_segments=zh_segs,
        zh_surface=zh_surface,
        zh_parts=zh_parts,
        zh_whole=np.array([zh_whole.get(i, 0) for i in range(len(zh_index))], dtype=np.int64),
        en_keys=list(en_index),
        en_df=en_df,
        en_surface=en_surface,
        en_whole=np.array([en_whole.get(j, 0) for j in range(len(en_index))], dtype=np.int64),
        seg_en=seg_en,
        seg_en_whole=seg_en_whole,
    )


# Nominalising suffixes (verb -> noun) for which a verb candidate is folded into its noun:
# "distribute" -> "distribution", "protect" -> "protection", "establish" -> "establishment",
# "approve" -> "approval".  Terms are named by nouns (ISO 704), and counting both forms
# as one candidate gives the association the occurrences of both.
_NOMINAL_RULES: tuple[tuple[str, str], ...] = (("e", "ion"), ("", "ion"), ("", "ment"), ("e", "al"))
_MIN_VERB = 5  # shorter verbs collide too often ("act" -> "action", "edit" -> "edition")


def _nominal_remap(keys: list[str], verbs: frozenset[str]) -> np.ndarray | None:
    """Map each verb-final candidate to its noun-final twin when the corpus has the noun.

    >>> _nominal_remap(["distribute", "distribution", "act"], frozenset({"distribute", "act"}))
    array([1, 1, 2])
    """
    if not verbs:
        return None
    index = {k: j for j, k in enumerate(keys)}
    remap = np.arange(len(keys), dtype=np.int64)
    changed = False
    for j, key in enumerate(keys):
        head, _, last = key.rpartition(" ")
        if len(last) < _MIN_VERB or last not in verbs:
            continue
        for drop, suffix in _NOMINAL_RULES:
            if drop and not last.endswith(drop):
                continue
            noun = (last[: -len(drop)] if drop else last) + suffix
            target = index.get(f"{head} {noun}" if head else noun)
            if target is not None:
                remap[j] = target
                changed = True
                break
    return remap if changed else None
