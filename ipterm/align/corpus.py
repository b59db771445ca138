"""Counting candidates over aligned segments: the sparse data the pairing works on.

Each segment keeps the ids of the candidates it contains (once per segment:
association counts segments, not tokens), as NumPy arrays, so that the
co-occurrence counts of one Chinese candidate with every English candidate
are one ``np.unique`` over the English ids of its segments, with no
candidate-by-candidate Python loop.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import regex

from ipterm.align import candidates_en, candidates_zh
from ipterm.align.nominal import nominal_remap
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
    zh_whole: Any  # segments where the candidate is the whole Chinese side (array; list in a shard)
    en_keys: list[str]
    en_df: np.ndarray
    en_surface: list[Counter]
    en_whole: Any  # as zh_whole, for English candidates
    seg_en: list[Any]  # per segment, English ids: sorted lists in a shard, arrays once merged
    seg_en_whole: list[int]
    zh_lead: list[list[int]] = dataclasses.field(default_factory=list)  # segments it leads
    seg_en_lead: list[list[int]] = dataclasses.field(default_factory=list)  # English leads
    seg_zh: list[str] = dataclasses.field(default_factory=list)  # normalised Chinese per segment
    seg_zh_lead: list[int] = dataclasses.field(default_factory=list)  # where its first word starts
    _en_text: dict[int, str] = dataclasses.field(default_factory=dict, repr=False, compare=False)

    def zh_text(self, i: int) -> str:
        return self.zh_surface[i].most_common(1)[0][0]

    def en_text(self, j: int) -> str:
        """The usual spelling of English candidate ``j`` (asked for again and again: cached)."""
        text = self._en_text.get(j)
        if text is None:
            text = self._en_text[j] = self._spelling(j)
        return text

    def _spelling(self, j: int) -> str:
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


Item = tuple[str, str, tuple[str, ...], str]  # key, surface text, parts, kind
EnItem = tuple[str, str, str]  # key, surface text, kind
# kind: "whole" (the whole segment), "lead" (begins the segment), "" (elsewhere)

# What may come before the first word of a segment: a clause number ("十一、", "(三)",
# "第5条", "11.", "(a)") and an opening quote.  A candidate right after it leads the
# segment: definitions ("改作：指..." / '"Adaptation" means...') and list items put
# the term there in both languages.
_ZH_LEAD = regex.compile(
    r"\s*(?:第[^条]{1,8}条\s*)?(?:[(]?[一二三四五六七八九十百千0-9]+[)、.]\s*)?[\"“「『]?"
)
_EN_LEAD = regex.compile(
    r"\s*(?:\(?(?:[0-9]+|[a-z]|[ivxlc]+)[.)]\s*)?[\"“‘']?\s*(?:(?:the|a|an)\s+)?",
    regex.IGNORECASE,
)


def segment_items(  # noqa: PLR0913 - the counting options, passed through by keyword
    zh: str,
    en: str,
    segmenter,
    *,
    max_zh_tokens: int = 4,
    max_zh_chars: int = 16,
    max_en_words: int = 6,
    use_pos: bool = True,
) -> tuple[list[Item], list[EnItem]]:
    """The candidates of one aligned segment: Chinese items, then English ``(key, text, kind)``.

    The same function serves counting and per-record extraction (``ipterm.batch``),
    so a corpus counted in shards sees exactly the candidates of a one-process build.
    """
    norm = normalize_for_matching(zh)
    found = candidates_zh.candidates(
        norm, zh, segmenter, max_tokens=max_zh_tokens, max_chars=max_zh_chars, use_pos=use_pos
    )
    zh_lead = _ZH_LEAD.match(norm).end()  # type: ignore[union-attr]  # always matches
    zh_items: list[Item] = [
        (c.key, c.text, c.parts, "lead" if c.start == zh_lead else "") for c in found
    ]
    if _zh_title(zh):
        stripped = norm.strip()
        offset = norm.index(stripped)
        parts = tuple(t.text for t in segmenter.cut(stripped) if t.text.strip())
        zh_items.append((stripped, zh[offset : offset + len(stripped)], parts, "whole"))
    en_lead = _EN_LEAD.match(en).end()  # type: ignore[union-attr]  # always matches
    en_items = [
        (candidates_en.en_key(c.text), c.text, "lead" if c.start == en_lead else "")
        for c in candidates_en.ngrams(en, max_words=max_en_words)
    ]
    en_items += [
        (candidates_en.en_key(c.text), c.text, "")
        for c in candidates_en.elliptic(en, max_words=max_en_words)
    ]
    if candidates_en.is_title_like(en):
        en_items.append((candidates_en.en_key(en.strip()), en.strip(), "whole"))
    return zh_items, [item for item in en_items if item[0]]


def count_shard(
    segments: Iterable[tuple[str, str]],
    segmenter,
    *,
    max_zh_tokens: int = 4,
    max_zh_chars: int = 16,
    max_en_words: int = 6,
    use_pos: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Counts:
    """Count one shard of segments with no pruning: shards merge with :func:`merge_counts`.

    >>> class Cut:
    ...     def cut(self, text):
    ...         from types import SimpleNamespace as T
    ...         return [T(start=0, end=len(text), text=text)]
    >>> shard = count_shard([("专利", "patent"), ("商标", "mark")], Cut(), use_pos=False)
    >>> shard.n, shard.zh_keys, shard.en_keys
    (2, ['专利', '商标'], ['patent', 'mark'])
    """
    zh_index: dict[str, int] = {}
    en_index: dict[str, int] = {}
    c = _empty()
    for s, (zh, en) in enumerate(segments):
        zh_items, en_items = segment_items(
            zh or "", en or "", segmenter, max_zh_tokens=max_zh_tokens,
            max_zh_chars=max_zh_chars, max_en_words=max_en_words, use_pos=use_pos,
        )  # fmt: skip
        seen: set[int] = set()
        leads: list[int] = []
        for key, text, parts, kind in zh_items:
            i = zh_index.get(key)
            if i is None:
                i = zh_index[key] = len(zh_index)
                c.zh_segments.append([])
                c.zh_lead.append([])
                c.zh_surface.append(Counter())
                c.zh_parts.append(parts or (key,))
                c.zh_whole.append(0)
            c.zh_surface[i][text] += 1
            c.zh_whole[i] += kind == "whole"
            if i not in seen:
                seen.add(i)
                c.zh_segments[i].append(s)
                if kind == "lead":
                    c.zh_lead[i].append(s)
        ids: set[int] = set()
        whole_id = -1
        for key, text, kind in en_items:
            j = en_index.get(key)
            if j is None:
                j = en_index[key] = len(en_index)
                c.en_surface.append(Counter())
                c.en_whole.append(0)
            c.en_surface[j][text] += 1
            ids.add(j)
            if kind == "lead":
                leads.append(j)
            if kind == "whole":
                whole_id = j
                c.en_whole[j] += 1
        norm = normalize_for_matching(zh or "")
        c.seg_zh.append(norm)
        c.seg_zh_lead.append(_ZH_LEAD.match(norm).end())  # type: ignore[union-attr]
        c.seg_en.append(sorted(ids))
        c.seg_en_whole.append(whole_id)
        c.seg_en_lead.append(leads)
        c.n += 1
        if progress is not None:
            progress(s)
    c.zh_keys, c.en_keys = list(zh_index), list(en_index)
    return _with_df(c)


def merge_counts(
    shards: Sequence[Counts],
    *,
    min_freq: int = 2,
    verbs: frozenset[str] = frozenset(),
    known: frozenset[str] = frozenset(),
) -> Counts:
    """Shard counts (in corpus order) as one corpus: global ids, offset segments, then pruning.

    Vocabularies are merged in order of first appearance, so the result is the
    same however the corpus was cut.  Verb candidates are folded into their
    nouns and English candidates seen fewer than ``min_freq`` times dropped
    (except ``known`` ones, the glossary's renderings) once, on the merged
    counts, because both depend on the whole corpus.
    The shards' surface counters may be updated in place: a shard is not reused.
    """
    if len(shards) == 1:  # ids are already in order of first appearance
        one = dataclasses.replace(
            shards[0],
            zh_segments=[list(x) for x in shards[0].zh_segments],
            zh_lead=[list(x) for x in shards[0].zh_lead],
            seg_en=list(shards[0].seg_en),
            seg_en_lead=list(shards[0].seg_en_lead),
            _en_text={},
        )
        return _finish(one, min_freq, verbs, known)
    zh_index: dict[str, int] = {}
    en_index: dict[str, int] = {}
    c = _empty()
    for shard in shards:
        zh_map = [
            _slot(zh_index, k, c, "zh", shard.zh_parts[a]) for a, k in enumerate(shard.zh_keys)
        ]
        en_map = [_slot(en_index, k, c, "en") for k in shard.en_keys]
        for a, i in enumerate(zh_map):
            c.zh_segments[i].extend(s + c.n for s in shard.zh_segments[a])
            c.zh_lead[i].extend(s + c.n for s in shard.zh_lead[a])
            c.zh_surface[i].update(shard.zh_surface[a])
            c.zh_whole[i] += int(shard.zh_whole[a])
        for b, j in enumerate(en_map):
            c.en_surface[j].update(shard.en_surface[b])
            c.en_whole[j] += int(shard.en_whole[b])
        c.seg_en.extend(sorted(en_map[b] for b in ids) for ids in shard.seg_en)
        c.seg_en_whole.extend(en_map[b] if b >= 0 else -1 for b in shard.seg_en_whole)
        c.seg_en_lead.extend([en_map[b] for b in ids] for ids in shard.seg_en_lead)
        c.seg_zh.extend(shard.seg_zh)
        c.seg_zh_lead.extend(shard.seg_zh_lead)
        c.n += shard.n
    c.zh_keys, c.en_keys = list(zh_index), list(en_index)
    return _finish(c, min_freq, verbs, known)


def count(
    segments: Sequence[tuple[str, str]],
    segmenter,
    *,
    min_freq: int = 2,
    verbs: frozenset[str] = frozenset(),
    progress: Callable[[int], None] | None = None,
    **options,
) -> Counts:
    """Find and count the candidates of every ``(zh, en)`` segment (one shard, merged)."""
    shard = count_shard(segments, segmenter, progress=progress, **options)
    return merge_counts([shard], min_freq=min_freq, verbs=verbs)


def _empty() -> Counts:
    return Counts(0, [], [], [], [], [], [], [], [], [], [], [], [], [], [])  # type: ignore[arg-type]


def _slot(index: dict[str, int], key: str, c: Counts, side: str, parts=()) -> int:
    i = index.get(key)
    if i is not None:
        return i
    i = index[key] = len(index)
    if side == "zh":
        c.zh_segments.append([])
        c.zh_lead.append([])
        c.zh_surface.append(Counter())
        c.zh_parts.append(tuple(parts))
        c.zh_whole.append(0)
    else:
        c.en_surface.append(Counter())
        c.en_whole.append(0)
    return i


def _with_df(c: Counts) -> Counts:
    """Shard form: plain lists per segment, document frequencies as arrays."""
    c.zh_df = np.array([len(x) for x in c.zh_segments], dtype=np.int64)
    c.zh_whole = np.asarray(c.zh_whole, dtype=np.int64)
    c.en_whole = np.asarray(c.en_whole, dtype=np.int64)
    en_df = np.zeros(len(c.en_keys), dtype=np.int64)
    for ids in c.seg_en:
        en_df[ids] += 1
    c.en_df = en_df
    return c


def _finish(c: Counts, min_freq: int, verbs: frozenset[str], known: frozenset[str]) -> Counts:
    if c.seg_zh:
        _recount_zh(c)
    remap = nominal_remap(c.en_keys, verbs)
    if remap is not None:
        c.seg_en = [sorted({int(remap[j]) for j in ids}) for ids in c.seg_en]
        c.seg_en_whole = [int(remap[j]) if j >= 0 else j for j in c.seg_en_whole]
        c.seg_en_lead = [[int(remap[j]) for j in ids] for ids in c.seg_en_lead]
        for j, target in enumerate(remap):
            if target != j:
                c.en_surface[target].update({k: 0 for k in c.en_surface[j]})
    whole_seen = np.asarray(c.en_whole, dtype=np.int64) > 0
    c = _with_df(c)
    keep = (c.en_df >= min_freq) | whole_seen
    if known:
        keep |= np.fromiter((k in known for k in c.en_keys), dtype=bool, count=len(c.en_keys))
    c.seg_en = [np.array([j for j in ids if keep[j]], dtype=np.int64) for ids in c.seg_en]
    return c


def _recount_zh(c: Counts) -> None:
    """Count every Chinese candidate wherever its characters occur, not only where jieba cut it.

    jieba cuts "製版權人" as 製版 | 權人, so the token n-gram 製版權 (plate
    right) is seen in a fifth of the segments that hold it; one Aho-Corasick
    pass over the normalised texts gives each candidate all of its segments
    (and the segments it begins, after a clause number).  Token occurrences are
    kept too (a key of tokens joined without their spaces may not be a substring).
    """
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for i, key in enumerate(c.zh_keys):
        automaton.add_word(key, (i, len(key)))
    if not c.zh_keys:
        return
    automaton.make_automaton()
    found: list[list[int]] = [[] for _ in c.zh_keys]
    leads: list[list[int]] = [[] for _ in c.zh_keys]
    for s, text in enumerate(c.seg_zh):
        lead = c.seg_zh_lead[s]
        seen: set[int] = set()
        for end, (i, size) in automaton.iter(text):
            if i not in seen:
                seen.add(i)
                found[i].append(s)
            if end - size + 1 == lead and (not leads[i] or leads[i][-1] != s):
                leads[i].append(s)
    for i in range(len(c.zh_keys)):
        if found[i] != c.zh_segments[i]:
            c.zh_segments[i] = sorted(set(found[i]).union(c.zh_segments[i]))
        if leads[i] != c.zh_lead[i]:
            c.zh_lead[i] = sorted(set(leads[i]).union(c.zh_lead[i]))
