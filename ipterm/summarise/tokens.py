"""Content words for sentence similarity: English words, Chinese jieba words.

Similarity between sentences (TextRank, MMR, centrality) should rest on the
words that carry content, so function words are dropped.  Chinese goes
through ipterm's private jieba segmenter, loaded only when Chinese text is
actually seen.
"""

from __future__ import annotations

import regex

# A short list of English function words; enough to keep "the" and "of" from
# making every pair of sentences look alike.  Written for this module.
STOPWORDS_EN = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves yes okay ok thank thanks well really think going get got just said
    say mr ms mrs""".split()
)
STOPWORDS_ZH = frozenset(
    "的 了 和 与 及 在 是 对 为 将 也 等 中 上 把 被 由 从 以 并 而 或 其 这 那 "
    "我们 我 你 他 她 它 就 都 一个 有 要 会".split()
)

_EN_WORD = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’-]|[.,](?=\p{N}))*")
_HAN = regex.compile(r"\p{Han}")


def content_tokens(text: str, lang: str = "en") -> list[str]:
    """Lower-cased content words of ``text``; Chinese via the jieba segmenter.

    >>> content_tokens("The CNIPA granted 530,000 invention patents.")
    ['cnipa', 'granted', '530,000', 'invention', 'patents']
    """
    if lang == "zh" or _HAN.search(text):
        return _zh_tokens(text)
    return [
        w for w in (m.group().lower() for m in _EN_WORD.finditer(text)) if w not in STOPWORDS_EN
    ]


def _zh_tokens(text: str) -> list[str]:
    from ipterm.text.normalize import normalize_for_matching
    from ipterm.text.segment import cut

    normal = normalize_for_matching(text)
    out = []
    for token in cut(normal):
        word = token.text.strip().lower()
        if (
            word
            and regex.search(r"[\p{L}\p{N}]", word)
            and word not in STOPWORDS_ZH
            and word not in STOPWORDS_EN
        ):
            out.append(word)
    return out
