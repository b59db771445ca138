"""Counting words in Chinese, English and mixed text: one implementation for every module.

Chinese has no spaces, so a count of "words" is the space-separated words of
the rest of the text plus the Han characters, which callers weigh (two Han
characters make about one English word).  Han characters are counted by runs,
not one by one: a regex that returns one match per character builds a Python
string per character, which for a 50 MB Chinese line is gigabytes.
"""

from __future__ import annotations

import regex

__all__ = ["han_count", "word_count", "words_and_han"]

_HAN_RUN = regex.compile(r"\p{Han}+")


def han_count(text: str) -> int:
    """Number of Han characters.

    >>> han_count("国家知识产权局 (CNIPA) 发布")
    9
    """
    return sum(map(len, _HAN_RUN.findall(text)))


def words_and_han(text: str) -> tuple[int, int]:
    """``(space-separated words outside Han runs, Han characters)``.

    >>> words_and_han("授权发明专利53万件, 530,000 patents")
    (4, 8)
    """
    runs = _HAN_RUN.findall(text)
    if not runs:
        return len(text.split()), 0
    return len(_HAN_RUN.sub(" ", text).split()), sum(map(len, runs))


def word_count(text: str) -> int:
    """Words, counting two Han characters as one word (rounded up).

    >>> word_count("530,000 invention patents"), word_count("授权发明专利53万件")
    (3, 5)
    """
    words, han = words_and_han(text)
    return words + (han + 1) // 2
