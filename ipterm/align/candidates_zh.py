"""Chinese term candidates: n-grams of private-jieba tokens, filtered by POS, ranked by C-value.

A Chinese term is one or more words (专利 / 专利权 / 发明专利申请), so
candidates are runs of 1..``max_tokens`` tokens inside one clause that
neither begin nor end with a function word (``data/zh_stopwords.txt``) or a
function part of speech (prepositions, conjunctions, particles, pronouns,
numerals...).  Single characters are not candidates.  Termhood is the C-value
of Frantzi, Ananiadou & Mima (2000): frequent strings score high, except that
a string seen mostly inside one longer candidate ("利权" in "专利权") loses
the occurrences it owes to that candidate.

Everything runs on the normalised copy (Simplified, half-width), so
Traditional and Simplified spellings are one candidate; the builder reports
the original spelling.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import regex

from ipterm import resources

# jieba part-of-speech tags (ICTCLAS set) that may not begin or end a term:
# prepositions, conjunctions, particles, adverbs, pronouns, numerals, measure words,
# punctuation, modal and onomatopoeic words, and position words.
_FUNCTION_POS = frozenset(
    {
        "p",
        "c",
        "u",
        "uj",
        "ul",
        "uz",
        "ug",
        "uv",
        "ud",
        "d",
        "r",
        "m",
        "mq",
        "q",
        "x",
        "w",
        "y",
        "e",
        "o",
        "f",
        "zg",
    }
)
# Words that end a phrase as punctuation does: no term runs across 的 or 和.
_BREAK_WORDS = frozenset({"的", "和", "或", "及", "与", "并", "或者", "以及", "并且"})
_HAN_OR_LATIN = regex.compile(r"^[\p{Han}A-Za-z][\p{Han}A-Za-z0-9\-]*$")


@dataclass(frozen=True)
class ZhCandidate:
    """A Chinese candidate: its normalised text (the key), tokens and span in the original text."""

    start: int
    end: int
    text: str
    key: str
    parts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "key": self.key,
            "parts": list(self.parts),
        }


@functools.cache
def stopwords() -> frozenset[str]:
    """Chinese function words that may not begin or end a candidate (``data/zh_stopwords.txt``)."""
    text = resources.package_file("ipterm.align", "data/zh_stopwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@functools.cache
def _word_tags() -> dict[str, str]:
    """jieba's dictionary part-of-speech tags, looked up per token.

    Tagging by dictionary look-up instead of ``Segmenter.cut_pos`` (jieba's HMM
    tagger) is what keeps a 3,000-segment build within seconds; words outside
    the dictionary get no tag and are never treated as function words.  The
    table is read from jieba's ``dict.txt`` (``word freq tag`` lines) once and
    then reloaded from IPTERM_HOME.
    """
    from pathlib import Path

    import jieba

    from ipterm.align._cache import cached_table

    source = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    return cached_table("jieba_tags", source, lambda: _read_tags(source))


def _read_tags(source) -> dict[str, str]:
    tags = {}
    for line in source.read_text("utf-8").splitlines():
        fields = line.strip().split(" ")
        if len(fields) >= 3:
            tags[fields[0]] = fields[2]
    return tags


def _tokens(segmenter, text: str, use_pos: bool) -> list[tuple[int, int, str, str]]:
    tokens = segmenter.cut(text)
    if not use_pos:
        return [(t.start, t.end, t.text, "") for t in tokens]
    tags = _word_tags()
    return [(t.start, t.end, t.text, tags.get(text[t.start : t.end], "")) for t in tokens]


def candidates(
    normalised: str,
    original: str,
    segmenter,
    *,
    max_tokens: int = 4,
    max_chars: int = 16,
    use_pos: bool = True,
) -> list[ZhCandidate]:
    """Candidates of one text.  ``normalised`` must be the same length as ``original``.

    >>> class Cut:  # a stand-in segmenter that cuts on spaces
    ...     def cut(self, text):
    ...         import re
    ...         from types import SimpleNamespace as T
    ...         found = re.finditer(r"\\S+", text)
    ...         return [T(start=m.start(), end=m.end(), text=m.group()) for m in found]
    >>> [c.text for c in candidates("专利 权 的 申请", "專利 權 的 申請", Cut(), use_pos=False)]
    ['專利', '專利 權', '申請']
    """
    stop = stopwords()
    toks = _tokens(segmenter, normalised, use_pos)
    out: list[ZhCandidate] = []
    clause: list[tuple[int, int, str, str]] = []
    for tok in toks + [(len(normalised), len(normalised), "。", "x")]:
        if tok[2].strip() and tok[2] not in _BREAK_WORDS and _HAN_OR_LATIN.match(tok[2]):
            clause.append(tok)
            continue
        if tok[2].strip() == "" and clause and tok[2]:
            continue  # a space inside a clause (mixed Latin text) does not break it
        out.extend(_clause_ngrams(clause, normalised, original, stop, max_tokens, max_chars))
        clause = []
    return out


def _bad_edge(tok: tuple[int, int, str, str], stop: frozenset[str]) -> bool:
    return tok[2] in stop or tok[3] in _FUNCTION_POS or tok[2].isdigit()


def _clause_ngrams(clause, normalised, original, stop, max_tokens, max_chars) -> list[ZhCandidate]:
    out = []
    for i, first in enumerate(clause):
        if _bad_edge(first, stop):
            continue
        for j in range(i, min(i + max_tokens, len(clause))):
            last = clause[j]
            start, end = first[0], last[1]
            if end - start > max_chars:
                break
            if _bad_edge(last, stop) or (i == j and end - start < 2):
                continue
            parts = tuple(t[2] for t in clause[i : j + 1])
            out.append(ZhCandidate(start, end, original[start:end], "".join(parts), parts))
    return out


def c_value(freq: Mapping[str, int], parts: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """C-value of each candidate; ``parts`` gives each candidate's tokens (for nesting).

    >>> f = {"专利": 10, "专利权": 6, "权": 6}
    >>> p = {"专利": ["专利"], "专利权": ["专利", "权"], "权": ["权"]}
    >>> {k: round(v, 2) for k, v in c_value(f, p).items()}
    {'专利': 6.34, '专利权': 12.0, '权': 0.0}
    """
    nested_sum: Counter[str] = Counter()
    nested_n: Counter[str] = Counter()
    for key, tokens in parts.items():
        n = len(tokens)
        seen = set()
        for i in range(n):
            for j in range(i + 1, n + 1):
                if j - i == n:
                    continue
                sub = "".join(tokens[i:j])
                if sub in freq and sub not in seen:
                    seen.add(sub)
                    nested_sum[sub] += freq[key]
                    nested_n[sub] += 1
    scores = {}
    for key, f in freq.items():
        weight = math.log2(1 + len(key))
        if nested_n[key]:
            scores[key] = weight * (f - nested_sum[key] / nested_n[key])
        else:
            scores[key] = weight * f
    return scores


def segment_candidates(
    pairs: Iterable[tuple[str, str]],
    segmenter,
    *,
    max_tokens: int = 4,
    max_chars: int = 16,
    use_pos: bool = True,
) -> list[list[ZhCandidate]]:
    """Candidates of each ``(normalised, original)`` text, one list per text."""
    return [
        candidates(
            norm, orig, segmenter, max_tokens=max_tokens, max_chars=max_chars, use_pos=use_pos
        )
        for norm, orig in pairs
    ]
