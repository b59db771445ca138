"""Number comparison for the ``number-mismatch`` rule, on top of :mod:`ipterm.text.numbers`.

:func:`ipterm.text.numbers.same_numbers` compares two texts as multisets.  A
checker should be count-insensitive instead: translators repeat a number the
source says once ("the period in the preceding paragraph, i.e. 30 days") or
drop a repetition, and neither changes what the text says.  A number is
reported only when no equal value appears anywhere on the other side.

Reading numbers (四個月, "five hundred thousand", Part VI, NTD2,000, "in
duplicate", 二一○) is the number finder's job; the conventions that are not
disagreements between a source and its translation are handled here:

* list markers at the start of a segment (``一、``, ``（二）``, ``3.``, ``(a)``,
  ``八 省債``, and clause numbers such as ``27.1.8`` that translations add)
  number the list, not the content; the Chinese side often has them where
  the numeric check cannot see them, so both sides drop them;
* the value 1 is often carried by a word that is not a number ("a", "an",
  "one", "the first") and is not compared;
* Republic of China calendar years (民國一百零八年 = 2019) equal the Western
  year 1911 later, as Taiwan texts and their translations write them;
* set phrases are not quantities: "third party" / 第三人, 兩造 (both parties),
  fractions (三分之一 / "one-third", often rendered "a majority" or the like);
* currency labels do not take part (新臺幣二千元 is NT$2,000, which the
  number finder reads as dollars).

Severity (in :func:`ipterm.check.rules.number_mismatch`): numbers unpaired on
both sides are a changed value, an error; a number on one side only is an
error for an amount and a warning for a legal cross-reference or a small
spelled-out count (:func:`soft_number`).
"""

from __future__ import annotations

import regex

from ipterm.text.numbers import NumberMention, find_numbers

_LIST_MARKER = regex.compile(
    r"^\s*(?:[(（]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[A-Za-z]|[ivxIVX]{1,4})\s*[)）]"
    r"|(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[A-Za-z]|[ivxIVX]{1,4})\s*[.、．)）](?!\d)"
    r"|\d{1,3}(?:[.\-]\d{1,3})+\.?(?=\s)"  # 27.1.8, 33-1.1.4: clause numbers added by translators
    # "5 Direct", "八 省債"
    r"|(?:\d{1,3}|[一二三四五六七八九十]{1,3})[ \t\u3000]+(?=[A-Z\p{Han}]))"
)
_CURRENCIES = frozenset({"yuan", "usd"})
# The value of a list marker that numbers the segment: 一、 （二） (3) 4. 五 — digits or Chinese.
_MARKER_VALUE = regex.compile(
    r"^\s*(?:[(（]\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]"
    r"|(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*"
    r"(?:[.、．)）](?!\d)|[ \t\u3000]+(?=[A-Z\p{Han}])))"
)
_ROC_OFFSET = 1911  # 民國 year 1 = 1912


def _units_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    # A bare four-digit number reads as a year to the finder: "Article 1185" is not one.
    # 四十年至五十年 "between the fortieth and fiftieth years": a duration read as ordinals.
    return (
        {a, b} <= {"year", "years"}
        or {a, b} <= _CURRENCIES
        or {a, b} in ({"year", "ordinal"}, {"years", "ordinal"})
    )


def _roc_year(a: NumberMention, b: NumberMention) -> bool:
    for x, y in ((a, b), (b, a)):
        if x.unit in ("year", "years") and 1 <= x.value <= 200 and y.value == x.value + _ROC_OFFSET:
            return True
    return False


def _equal(a: NumberMention, b: NumberMention) -> bool:
    if _roc_year(a, b):
        return True
    if not _units_agree(a.unit, b.unit) and {a.unit, b.unit} != {None, "ordinal"}:
        return False
    scale = max(abs(a.value), abs(b.value), 1.0)
    # Rounding slack only for figures written with a multiplier (5.8 million, 576.1万):
    # 12% and 11.7% are different numbers.
    rounded = [p for p in (a.precision, b.precision) if p > 0.5]
    tolerance = max(rounded, default=0.0) + 1e-9 * scale
    return abs(a.value - b.value) <= tolerance


def _without_partner(side: list[NumberMention], other: list[NumberMention]) -> list[NumberMention]:
    return [m for m in side if m.value != 1 and not any(_equal(m, o) for o in other)]


_SET_PHRASES = {
    # "third party"; fractions ("one-third", 三分之一) are compared by neither side
    "en": regex.compile(
        r"(?i)\bthird[- ]part(?:y|ies)\b"
        r"|\b(?:one|two|three|four)[- ](?:half|halves|thirds?|quarters?|fourths?|fifths?|tenths?)\b"
    ),
    "zh": regex.compile(
        r"第三人|兩造|两造|零(?=[件售])|一式(?=[二三四兩两]份)"
        r"|[一二三四五六七八九十]+分之[一二三四五六七八九十]+"
    ),
}


def _numbers(text: str, lang: str) -> list[NumberMention]:
    """Numbers of ``text`` outside a leading list marker and set phrases."""
    marker = _LIST_MARKER.match(text)
    skip = marker.end() if marker else 0
    phrases = (
        [(p.start(), p.end()) for p in _SET_PHRASES[lang].finditer(text)]
        if lang in _SET_PHRASES
        else []
    )
    found = [
        m
        for m in find_numbers(text, lang=lang)
        if m.start >= skip and not any(a < m.end and m.start < b for a, b in phrases)
    ]
    return _without_echoes(text, found)


def _without_echoes(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """Drop the digits that repeat a spelled-out number in brackets: "ten (10) years".

    Legal English writes a number twice that the source writes once, so counting
    (:func:`value_changed`) must see it once.
    """
    out: list[NumberMention] = []
    for m in found:
        prev = out[-1] if out else None
        gap = text[prev.end : m.start] if prev else ""
        if prev and prev.value == m.value and gap.strip() in ("(", "（") and len(gap) <= 3:
            continue
        out.append(m)
    return out


def compare_numbers(
    source: str, target: str, *, source_lang: str = "zh", target_lang: str = "en"
) -> tuple[list[NumberMention], list[NumberMention]]:
    """Numbers of ``source`` with no equal in ``target``, and of ``target`` with none in ``source``.

    >>> compare_numbers("专利申请53万件，增长11.7%", "530,000 applications, up 11.7 percent")
    ([], [])
    >>> [m.text for m in compare_numbers("增长12%", "up 11.7%")[0]]
    ['12%']
    """
    src = _numbers(source, source_lang)
    tgt = _numbers(target, target_lang)
    if not src and not tgt:
        return [], []
    return _without_partner(src, tgt), _without_partner(tgt, src)


def value_changed(
    source: str, target: str, *, source_lang: str = "zh", target_lang: str = "en"
) -> bool:
    """Whether, counted one for one, both sides keep a number the other lacks: a changed value.

    :func:`compare_numbers` forgives repetition, so a cross-reference changed
    into another that the text also cites ("Article 3" -> "Article 4" next to
    "Subparagraph 4") leaves only the source side unpaired; counting shows it.

    >>> value_changed("第三條第四款", "Subparagraph 4 of Article 4")
    True
    >>> value_changed("第四款", "Subparagraph 4, i.e. Subparagraph 4")
    False
    """
    # The value 1 is not reported (often "a", "the first"), but an unpaired 1 on one side
    # with an unpaired other number on the other is a changed value ("Paragraph 1" -> "11").
    src = _numbers(source, source_lang)
    left = _numbers(target, target_lang)
    unpaired: list[NumberMention] = []
    for m in src:
        j = next((k for k, o in enumerate(left) if _equal(m, o)), None)
        if j is None:
            unpaired.append(m)
        else:
            del left[j]
    return bool(unpaired) and bool(left) and any(m.value != 1 for m in unpaired + left)


def marker_mismatch(source: str, target: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Spans of the two list markers when both sides number the segment differently.

    The number comparison skips leading list markers (the two sides often
    disagree on whether to keep one), but when both keep one, a different
    value is a renumbered item: 四、 against (5).

    >>> marker_mismatch("四、將商標用於商品", "(5)To apply a trademark")
    ((0, 1), (1, 2))
    >>> marker_mismatch("（一）申請書", "1. An application form")
    """
    from ipterm.text.numbers import _chinese_integer

    found = []
    for text in (source, target):
        m = _MARKER_VALUE.match(text)
        if m is None:
            return None
        raw = m.group("n")
        value = int(raw) if raw.isdigit() else _chinese_integer(raw)
        found.append((value, m.span("n")))
    (a, span_a), (b, span_b) = found
    if a is None or b is None or a == b:
        return None
    return span_a, span_b


_ZH_REFERENCE_AFTER = frozenset("條条項项款目編编章節节類类")
_EN_REFERENCE = regex.compile(
    r"(?i)\b(?:articles?|paragraphs?|subparagraphs?|items?|chapters?|sections?|parts?|clauses?"
    r"|points?|annex(?:es)?|appendix|appendices|schedules?|rules?|subsections?|sub-paragraphs?)"
    r"\s+(?:(?:\d+(?:[-.]\d+)*(?:\(\d+\))*|[IVXLC]+\b|[A-Za-z]+(?=[\s,;.)]))"
    r"(?:\s*(?:,|and|or|to|through|-|–)\s*)?)+"
)
_SMALL_COUNT = 10


def soft_number(num: NumberMention, text: str, lang: str) -> str | None:
    """Why a one-sided unpaired number is only worth a warning, or None when it is an amount.

    Legal cross-references (第四十一條, 前二項, Article 82, paragraphs 2 through 4) are
    often omitted ("the preceding paragraph") or renumbered by translations, and small
    counts spelled out without a unit (二以上 "more than one", "the two offices") are
    paraphrased.

    >>> src = "依第四十一條規定"
    >>> soft_number(find_numbers(src)[0], src, "zh")
    'a legal cross-reference'
    >>> tgt = "a fine of NT$30,000"
    >>> soft_number(find_numbers(tgt)[0], tgt, "en") is None
    True
    """
    if lang == "zh":
        after = text[num.end : num.end + 1]
        before = text[max(0, num.start - 1) : num.start]
        if after in _ZH_REFERENCE_AFTER or num.text[-1:] in _ZH_REFERENCE_AFTER or before == "之":
            return "a legal cross-reference"
    else:
        for m in _EN_REFERENCE.finditer(text):
            if m.start() <= num.start and num.end <= m.end():
                return "a legal cross-reference"
    spelled = not any(c.isdigit() for c in num.text)  # "two", 二: digits are deliberate
    if spelled and num.unit in (None, "ordinal") and 0 < num.value <= _SMALL_COUNT:
        return "a small count"
    return None
