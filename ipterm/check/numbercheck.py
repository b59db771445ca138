"""Number comparison for the ``number-mismatch`` rule, on top of :mod:`ipterm.text.numbers`.

:func:`ipterm.text.numbers.same_numbers` compares two texts as multisets.  A
checker should be count-insensitive instead: translators repeat a number the
source says once ("the period in the preceding paragraph, i.e. 30 days") or
drop a repetition, and neither changes what the text says.  A number is
reported only when no equal value appears anywhere on the other side.

Conventions that are not disagreements, handled here:

* list markers at the start of a segment (``一、``, ``（二）``, ``3.``, ``(a)``,
  ``八 省債``, and clause numbers such as ``27.1.8`` that translations add)
  number the list, not the content; the Chinese side often has them where
  the numeric check cannot see them, so both sides drop them;
* the value 1 is often carried by a word that is not a number ("a", "an",
  "one", "the first") and is not compared;
* Republic of China calendar years (民國一百零八年 = 2019) equal the Western
  year 1911 later, as Taiwan texts and their translations write them;
* Chinese numerals before a measure word the number finder does not know
  (四個月, 二款, 二等, 十三條之二) are read here as plain numbers;
* English number words spelled out in full ("five hundred thousand", "seven
  hundred and fifty thousand") are read as one number;
* Roman numerals after Part/Chapter/Section/Appendix (Part VI = 第六編), digits
  glued to a currency code (NTD2,000), and "in duplicate/triplicate" (一式二份) count;
* set phrases are not quantities: "third party" / 第三人, 兩造 (both parties),
  fractions (三分之一 / "one-third", often rendered "a majority" or the like),
  零 in 零件 (parts) or 零售 (retail);
* currency labels do not take part (新臺幣二千元 is NT$2,000, which the
  number finder reads as dollars).
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
_ROC_OFFSET = 1911  # 民國 year 1 = 1912


def _units_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    # A bare four-digit number reads as a year to the finder: "Article 1185" is not one.
    return {a, b} <= {"year", "years"} or {a, b} <= _CURRENCIES or {a, b} == {"year", "ordinal"}


def _roc_year(a: NumberMention, b: NumberMention) -> bool:
    for x, y in ((a, b), (b, a)):
        if x.unit in ("year", "years") and 1 <= x.value <= 200 and y.value == x.value + _ROC_OFFSET:
            return True
    return False


def _equal(a: NumberMention, b: NumberMention) -> bool:
    if _roc_year(a, b):
        return True
    if not _units_agree(a.unit, b.unit):
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
_EN_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "_"
}
_EN_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_EN_RUN = regex.compile(
    r"(?i)\b(?:(?:"
    + "|".join([*_EN_SMALL, *_EN_TENS, "hundred", *_EN_SCALE])
    + r")(?:[\s-]+(?:and[\s-]+)?|\b))+"
)


def english_words_value(run: str) -> int | None:
    """Value of spelled-out English number words.

    >>> english_words_value("seven hundred and fifty thousand")
    750000
    >>> english_words_value("five hundred thousand")
    500000
    """
    total = current = 0
    seen = False
    for word in regex.findall(r"[a-z]+", run.lower()):
        if word == "and":
            continue
        seen = True
        if word in _EN_SMALL:
            current += _EN_SMALL[word]
        elif word in _EN_TENS:
            current += _EN_TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _EN_SCALE:
            total += max(current, 1) * _EN_SCALE[word]
            current = 0
    return total + current if seen else None


def _english_compounds(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """Replace the pieces of a spelled-out number the finder split ("five hundred" + "thousand")."""
    for m in _EN_RUN.finditer(text):
        run = m.group().rstrip(" -")
        if not regex.search(r"(?i)hundred|thousand|million|billion", run):
            continue  # "one and two" is two numbers
        end = m.start() + len(run)
        inside = [f for f in found if m.start() <= f.start and f.end <= end]
        if len(inside) < 2 and not (inside and inside[0].text != run and " " in run):
            continue
        value = english_words_value(run)
        if value is None:
            continue
        found = [f for f in found if f not in inside]
        found.append(NumberMention(m.start(), end, run, float(value), None))
    return sorted(found, key=lambda f: f.start)


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_EN_EXTRA = regex.compile(
    r"\b(?:Part|Chapter|Section|Appendix|Annex|Title|Book|Schedule|Article)s?\s+([IVXLC]{1,7})\b"
    r"|\b(duplicate|triplicate|quadruplicate|twice)\b"
    r"|(?<=[A-Za-z])\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
)
_MULTIPLES = {"duplicate": 2, "triplicate": 3, "quadruplicate": 4, "twice": 2}


def roman_value(numeral: str) -> int:
    """Value of a Roman numeral.

    >>> roman_value("VI"), roman_value("XIV")
    (6, 14)
    """
    values = [_ROMAN[c] for c in numeral.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _english_extras(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """``found`` plus the numbers of :data:`_EN_EXTRA`; glued digits replace the finder's pieces."""
    extra = []
    for m in _EN_EXTRA.finditer(text):
        if m.group(1):
            start, end, value = m.start(1), m.end(1), float(roman_value(m.group(1)))
        elif m.group(2):
            start, end, value = m.start(2), m.end(2), float(_MULTIPLES[m.group(2).lower()])
        else:
            start, end = m.start(3), m.end(3)
            value = float(m.group(3).replace(",", ""))
            found = [f for f in found if not (start <= f.start and f.end <= end)]
        if not any(f.start < end and start < f.end for f in found):
            extra.append(NumberMention(start, end, text[start:end], value, None))
    return found + extra


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
    if lang == "zh":
        found += _more_chinese_numerals(
            text, found + [NumberMention(a, b, "", 0.0, None) for a, b in phrases], skip
        )
    elif lang == "en":
        found = _english_compounds(text, found)
        found = _english_extras(text, found)
    return found


_ZH_RUN = regex.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]+")
_ZH_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2, "兩": 2}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


def chinese_integer(run: str) -> int | None:
    """Value of a run of Chinese numerals, or None when it is not a well-formed number.

    >>> [chinese_integer(x) for x in ("十三", "一百零八", "二十五万", "一九九八")]
    [13, 108, 250000, 1998]
    """
    if all(c in _ZH_DIGIT for c in run):
        return int("".join(str(_ZH_DIGIT[c]) for c in run)) if len(run) > 1 else _ZH_DIGIT[run]
    total = section = 0
    digit: int | None = None
    for ch in run:
        if ch in _ZH_DIGIT:
            if digit is not None and digit != 0:
                return None
            digit = _ZH_DIGIT[ch]
        elif ch in _ZH_SMALL:
            section += (1 if digit is None else digit) * _ZH_SMALL[ch]
            digit = None
        else:
            if section == 0 and digit is None and total == 0:
                return None
            total = (total + section + (digit or 0)) * _ZH_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def _more_chinese_numerals(text: str, found: list[NumberMention], skip: int) -> list[NumberMention]:
    """Numeral runs :func:`find_numbers` left out (not a lone 一, nor 万一 or 千万)."""
    extra = []
    for m in _ZH_RUN.finditer(text, pos=skip):
        run = m.group()
        fraction = (
            text.startswith("分之", m.end()) or text[max(0, m.start() - 2) : m.start()] == "分之"
        )
        if (
            fraction
            or run == "一"
            or run[0] in "万萬亿億千"
            or any(f.start < m.end() and m.start() < f.end for f in found)
        ):
            continue
        value = chinese_integer(run)
        if value is not None:
            extra.append(NumberMention(m.start(), m.end(), run, float(value), None))
    return extra


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
