"""Chinese word segmentation with a private jieba tokenizer, spans into the original text.

Why private: jieba's global tokenizer (``jieba.dt``) is shared by every
library in the process, so adding glossary terms to it would change how
someone else's code segments text.  Like wordfreq, ipterm builds its own
``jieba.Tokenizer`` and, for a :class:`Segmenter` seeded with extra words
(glossary terms), a copy of it with those words added.

Why lazily: building jieba's prefix dictionary takes about a second, so it
happens on the first :meth:`Segmenter.cut`, never at import; the cache file
that makes later builds fast lives in ``IPTERM_HOME/jieba`` (never the
current folder), and jieba's log lines are silenced.

Segmentation runs on the width-folded, Simplified copy of the text (jieba's
dictionary is Simplified), which has the same length as the original, so
Traditional and full-width input segment well and every span is exact.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ipterm.text.normalize import fold_width, to_simplified

__all__ = ["Segmenter", "Token", "cut", "cut_pos"]

# Frequency given to seeded words: high enough that jieba keeps a glossary term
# in one piece ("专利权人") rather than splitting it into more frequent parts.
_SEED_FREQ = 100_000


@dataclass(frozen=True)
class Token:
    """One word: ``text == original[start:end]``; ``pos`` is jieba's tag when asked for."""

    start: int
    end: int
    text: str
    pos: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "pos": self.pos}


@functools.cache
def _jieba() -> Any:
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a core dependency
        from ipterm.errors import MissingDependencyError

        raise MissingDependencyError("jieba", "zh", "Chinese word segmentation") from None
    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return jieba


@functools.cache
def _base_tokenizer() -> Any:
    """The shared, never-modified private tokenizer, its cache file under IPTERM_HOME."""
    from ipterm.resources import ipterm_home

    jieba = _jieba()
    tokenizer = jieba.Tokenizer()
    cache_dir = ipterm_home() / "jieba"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(cache_dir)
    except OSError:
        import tempfile

        tokenizer.tmp_dir = tempfile.gettempdir()
    tokenizer.initialize()
    return tokenizer


@functools.cache
def _base_word_tags() -> dict[str, str]:
    import jieba.posseg

    return dict(jieba.posseg.POSTokenizer(_base_tokenizer()).word_tag_tab)


# Each seeded copy holds its own frequency table (tens of MB): keep the few most recent.
@functools.lru_cache(maxsize=4)
def _seeded_tokenizer(words: frozenset[str]) -> Any:
    """A private copy of the base tokenizer with ``words`` added (the base stays untouched)."""
    base = _base_tokenizer()
    if not words:
        return base
    tokenizer = _jieba().Tokenizer()
    tokenizer.tmp_dir = base.tmp_dir
    tokenizer.FREQ = dict(base.FREQ)
    tokenizer.total = base.total
    tokenizer.initialized = True
    for word in sorted(words):
        tokenizer.add_word(word, freq=_SEED_FREQ, tag="nz")
    return tokenizer


class Segmenter:
    """Segments Chinese text into words; ``words`` (e.g. glossary terms) are kept whole.

    >>> [t.text for t in Segmenter(["专利权人"]).cut("專利權人提出申請")]
    ['專利權人', '提出申請']
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words = frozenset(
            key for w in words if (key := to_simplified(fold_width(w.strip()))) and " " not in key
        )
        self._pos_tokenizer: Any = None

    def __repr__(self) -> str:
        return f"Segmenter(<{len(self.words)} extra words>)"

    def cut(self, text: str) -> list[Token]:
        """Words of ``text`` (white space dropped) with spans into the original."""
        if not text:
            return []
        normal = to_simplified(fold_width(text))
        tokens = []
        for _word, start, end in _seeded_tokenizer(self.words).tokenize(normal):
            if not normal[start:end].isspace():
                tokens.append(Token(start, end, text[start:end]))
        return tokens

    def cut_pos(self, text: str) -> list[Token]:
        """Words with jieba part-of-speech tags (``n``, ``v``, ``nz``, ``m``, ``eng``...)."""
        if not text:
            return []
        normal = to_simplified(fold_width(text))
        tokens = []
        pos = 0
        for pair in self._posseg().cut(normal):
            start = normal.find(pair.word, pos)
            if start < 0:  # pragma: no cover - jieba keeps every character
                continue
            end = pos = start + len(pair.word)
            if not pair.word.isspace():
                tokens.append(Token(start, end, text[start:end], pair.flag))
        return tokens

    def _posseg(self) -> Any:
        if self._pos_tokenizer is None:
            import jieba.posseg

            tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
            tagger.tokenizer = _seeded_tokenizer(self.words)
            tagger.word_tag_tab = dict(_base_word_tags())
            tagger.word_tag_tab.update({w: "nz" for w in self.words})
            self._pos_tokenizer = tagger
        return self._pos_tokenizer


@functools.cache
def _default_segmenter() -> Segmenter:
    return Segmenter()


def cut(text: str) -> list[Token]:
    """Segment ``text`` with the default private tokenizer.

    >>> [t.text for t in cut("国家知识产权局 发布")]
    ['国家知识产权局', '发布']
    """
    return _default_segmenter().cut(text)


def cut_pos(text: str) -> list[Token]:
    """Segment and POS-tag ``text`` with the default private tokenizer.

    >>> [(t.text, t.pos) for t in cut_pos("国家知识产权局发布")]
    [('国家知识产权局', 'nt'), ('发布', 'v')]
    """
    return _default_segmenter().cut_pos(text)
