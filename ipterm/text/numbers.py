"""Numbers and quantities in Chinese and English text, normalised so equal amounts compare equal.

A translation checker must see that ``53万``, ``530,000`` and ``530 thousand``
are the same number, that ``576.1万`` is ``5.761 million``, and that
``百分之十一点七`` is ``11.7%``.  :func:`find_numbers` finds every mention,
with its span in the *original* text, its value as a float and a coarse unit;
:func:`same_numbers` compares two texts as multisets of values, allowing for
the rounding that the written precision implies (``5.8 million`` may stand for
``5,761,000``).

Units (``NumberMention.unit``): ``"percent"``, ``"yuan"``, ``"usd"``,
``"people"``, ``"items"`` (件/项), ``"year"`` (a calendar year: ``2021年``,
or a bare 4-digit 1000-2100 integer), ``"years"`` (a duration: ``五年``),
``"month"`` (``3月``, ``Nov. 30``), ``"day"`` (``30日``), ``"ordinal"``
(``14th``, ``第十四``, ``first``), else ``None``.  Dates and ordinals stay
numbers, flagged by unit, so the checker can decide how to compare them.

Deliberately not numbers: a lone ``一`` (统一, 一些, 进一步 are words; only
``第一`` and ``一%``/``一元``-like amounts count), runs that start with a
multiplier (万一, 千万), and the English word "one" unless a multiplier
follows ("one million").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ipterm.text.normalize import fold_width, to_simplified

__all__ = ["NumberMention", "find_numbers", "same_numbers"]


@dataclass(frozen=True)
class NumberMention:
    """One number in the text: span into the original, normalised value, coarse unit.

    ``precision`` is half the unit of the last written digit (``5.8 million``
    -> 50,000; ``530,000`` -> 0.5): how far the true amount may lie from
    ``value`` given how it was written.  It takes no part in equality.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    precision: float = field(default=0.5, compare=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
        }


_DIGITS = {ch: int(d) for ch, d in zip("零〇一二两三四五六七八九", "001223456789", strict=True)}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_EN_MULTIPLIERS = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "mn": 10**6,
    "bn": 10**9,
}
_EN_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_WORDS.update(
    {
        w: 10 * i
        for i, w in enumerate(
            "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2
        )
    }
)
_EN_ORDINALS = {
    w: i
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(),
        start=1,
    )
}
_EN_ORDINALS.update(
    {
        w: 10 * i
        for i, w in enumerate(
            "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(),
            start=2,
        )
    }
)
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sept sep",
            "october oct",
            "november nov",
            "december dec",
        ],
        start=1,
    )
    for name in names.split()
}
_UNITS = {
    "%": "percent",
    "个百分点": "percent",
    "百分点": "percent",
    "percent": "percent",
    "per cent": "percent",
    "percentage point": "percent",
    "percentage points": "percent",
    "元": "yuan",
    "人民币": "yuan",
    "yuan": "yuan",
    "rmb": "yuan",
    "美元": "usd",
    "dollar": "usd",
    "dollars": "usd",
    "人": "people",
    "名": "people",
    "people": "people",
    "persons": "people",
    "件": "items",
    "项": "items",
    "年": "years",
    "月": "month",
    "日": "day",
    "号": "day",
}
_PREFIX_UNITS = {"us$": "usd", "$": "usd", "usd": "usd", "¥": "yuan", "rmb": "yuan", "cny": "yuan"}

_ZH_NUM = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+[万亿]*)?"
# "34.1.1" (Article 34, paragraph 1, item 1) is a reference, not the decimal 34.1.
_ARABIC = r"(?<![A-Za-z\d.])(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d++(?!\.\d))?)"
_MULT = (
    r"\s*(?:万亿|千万|百万|万|亿|千|百)|\s+(?i:thousand|million|billion|trillion)\b"
    r"|\s?(?:mn|bn)\b"
)
_UNIT = (
    r"\s*(?:%|个百分点|百分点|美元|元|人民币|人|名|件|项|年|月|日|号)"
    r"|\s+(?i:percentage points?|per ?cent|yuan|rmb|dollars?|people|persons)\b"
)
_WORD = "|".join(sorted(_EN_WORDS, key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_MONTH = "|".join(m.capitalize() for m in sorted(_MONTHS, key=len, reverse=True))
# A full month name other than May ("by the end of March") is a month even without a day.
_FULL_MONTH = "January|February|March|April|June|July|August|September|October|November|December"
# Every alternative of _PATTERN starts with a digit, one of these signs or Chinese
# numerals, a letter of US$/USD/RMB/CNY, or a letter at a word boundary.  Saying so
# in a lookahead lets the scan skip every other position at once: the same
# matches, found in half the time (the checker runs this on every segment).
_CAN_START = r"(?=[\d$¥第百零〇一二两三四五六七八九十千万亿]|(?i:[urc])|\b(?i:[a-z]))"
_ALTERNATIVES = (
    rf"(?P<pct>百分之)(?P<pnum>{_ZH_NUM}|{_ARABIC})"
    rf"|(?P<ord>第)(?P<onum>{_ZH_NUM}|{_ARABIC})"
    rf"|(?P<prefix>(?i:US\$|USD|RMB|CNY)\s?|[$¥])?(?P<num>{_ARABIC}|{_ZH_NUM})"
    rf"(?P<suffix>(?:st|nd|rd|th)\b)?(?P<mult>{_MULT})?(?P<unit>{_UNIT})?"
    rf"|\b(?P<month>(?:{_MONTH})\.?)(?=\s+\d)"
    rf"|\b(?P<month>{_FULL_MONTH})\b"
    rf"|\b(?P<word>(?i:(?:{_TENS})-(?:{_ONES})|{_WORD}))"
    rf"(?P<wmult>\s+(?i:hundred|thousand|million|billion|trillion))?\b"
    rf"|\b(?P<ordword>(?i:{'|'.join(_EN_ORDINALS)}))\b"
)
_PATTERN = regex.compile(f"{_CAN_START}(?:{_ALTERNATIVES})")


# "○" (WHITE CIRCLE) typed for the numeral zero between Chinese digits: 二一○ is 210.
_ROUND_ZERO = regex.compile(r"(?<=[零〇一二两三四五六七八九十百千万亿][○◯]*)[○◯]")


def find_numbers(text: str, *, lang: str | None = None) -> list[NumberMention]:
    """Every number in ``text`` with its normalised value and unit, in text order.

    Chinese and English forms are recognised in any text; ``lang`` is accepted
    for symmetry with the other text functions and does not restrict them.
    Full-width digits and Traditional characters (萬, 億, 兩) work.

    >>> [(m.text, m.value, m.unit) for m in find_numbers("2021年增长11.7%，达53万件")]
    [('2021年', 2021.0, 'year'), ('11.7%', 11.7, 'percent'), ('53万件', 530000.0, 'items')]
    >>> [m.value for m in find_numbers("5.761 million and 576.1万 and 1.2亿")]
    [5761000.0, 5761000.0, 120000000.0]
    >>> [m.value for m in find_numbers("（二一○×二九七公釐）")]
    [210.0, 297.0]
    >>> [(m.value, m.unit) for m in find_numbers("the fortieth year, by the end of March")]
    [(40.0, 'ordinal'), (3.0, 'month')]
    >>> [m.value for m in find_numbers("five hundred thousand NTD2,000, Part VI, 四個月, 零件")]
    [500000.0, 2000.0, 6.0, 4.0]
    """
    if not text:
        return []
    folded = to_simplified(fold_width(text))
    if "○" in folded or "◯" in folded:  # the look-behind is costly; most texts have neither
        folded = _ROUND_ZERO.sub("〇", folded)
    mentions = []
    for match in _PATTERN.finditer(folded):
        parsed = _interpret(match)
        if parsed is None:
            continue
        value, precision, unit = parsed
        start, end = match.span()
        mentions.append(NumberMention(start, end, text[start:end], value, unit, precision))
    if _EN_HINT.search(folded):
        mentions = _english_extras(text, folded, _english_compounds(text, folded, mentions))
    return mentions


_EN_HINT = regex.compile(
    r"(?i)hundred|thousand|million|billion|plicate|twice|triple|[IVXLC]\b|(?:NT|TWD|NTD)\$?\d"
)
_EN_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9}
_EN_RUN = regex.compile(
    r"(?i)\b(?:(?:"
    + "|".join([*_EN_WORDS, "hundred", *_EN_SCALES])
    + r")(?:[\s-]+(?:and[\s-]+)?|\b))+"
)


def _words_value(run: str) -> int:
    """Value of spelled-out English number words: "seven hundred and fifty thousand"."""
    total = current = 0
    for word in regex.findall(r"[a-z]+", run.lower()):
        if word in _EN_WORDS:
            current += _EN_WORDS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _EN_SCALES:
            total += max(current, 1) * _EN_SCALES[word]
            current = 0
    return total + current


def _english_compounds(text: str, folded: str, found: list[NumberMention]) -> list[NumberMention]:
    """One mention for a number spelled out in several words ("five hundred thousand")."""
    for m in _EN_RUN.finditer(folded):
        run = m.group().rstrip(" -")
        for tail in (" and", "-and"):
            run = run.removesuffix(tail)
        words = regex.findall(r"[A-Za-z]+", run)
        scales = [w for w in words if w.lower() in _EN_SCALES]
        lowered = [w.lower() for w in words]
        tens_ones = (
            len(words) == 2
            and lowered[0] in _EN_WORDS
            and _EN_WORDS[lowered[0]] % 10 == 0
            and 20 <= _EN_WORDS[lowered[0]] <= 90
            and 1 <= _EN_WORDS.get(lowered[1], 0) <= 9
        )
        if not tens_ones and (not scales or len(words) < 3):
            continue  # "two million" is read already; "one and two" are two numbers
        start, end = m.start(), m.start() + len(run)
        inside = [f for f in found if start <= f.start and f.end <= end]
        if not inside:
            continue
        value = float(_words_value(run))
        found = [f for f in found if f not in inside]
        found.append(
            NumberMention(
                start,
                end,
                text[start:end],
                value,
                None,
                _EN_SCALES[scales[-1].lower()] / 2 if scales else 0.5,
            )
        )
    return sorted(found, key=lambda f: f.start)


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_EN_EXTRA_ALTERNATIVES = (
    r"\b(?:Part|Chapter|Section|Appendix|Annex|Title|Book|Schedule|Article)s?\s+([IVXLC]{1,7})\b"
    r"|(?i:\b(duplicate|triplicate|quadruplicate|twice|triple)\b)"
    r"|(?<=\b(?:NT|NTD|TWD)\$?)(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
)
# As for _PATTERN: a lookahead for the first characters the alternatives can start with.
_EN_EXTRA = regex.compile(rf"(?=\b[PCSATB]|\b(?i:[dtq])|\d)(?:{_EN_EXTRA_ALTERNATIVES})")
_MULTIPLES = {"duplicate": 2, "triplicate": 3, "quadruplicate": 4, "twice": 2, "triple": 3}


def _roman_value(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _english_extras(text: str, folded: str, found: list[NumberMention]) -> list[NumberMention]:
    """Roman numerals after Part/Chapter (Part VI), "in duplicate", glued NTD2,000."""
    extra = []
    for m in _EN_EXTRA.finditer(folded):
        if m.group(1):
            start, end, value = m.start(1), m.end(1), float(_roman_value(m.group(1)))
        elif m.group(2):
            start, end, value = m.start(2), m.end(2), float(_MULTIPLES[m.group(2).lower()])
        else:
            start, end = m.start(3), m.end()
            value = float(folded[start:end].replace(",", ""))
            # "NTD2,000": the finder saw only "000"; "NT$2.5 million" it read whole.
            found = [f for f in found if not (start < f.start < end)]
        if not any(f.start < end and start < f.end for f in found):
            extra.append(NumberMention(start, end, text[start:end], value, None))
    return sorted(found + extra, key=lambda f: f.start)


def _interpret(match: regex.Match) -> tuple[float, float, str | None] | None:
    if match.group("pct"):
        parsed = _parse_any(match.group("pnum"))
        return None if parsed is None else (parsed[0], parsed[1], "percent")
    if match.group("ord"):
        parsed = _parse_any(match.group("onum"))
        return None if parsed is None else (parsed[0], 0.5, "ordinal")
    if match.group("month"):
        return float(_MONTHS[match.group("month").rstrip(".").lower()]), 0.5, "month"
    if match.group("word"):
        return _english_word(match)
    if match.group("ordword"):
        return float(_EN_ORDINALS[match.group("ordword").lower()]), 0.5, "ordinal"
    return _arabic_or_chinese(match)


def _english_word(match: regex.Match) -> tuple[float, float, str | None] | None:
    word = match.group("word").lower()
    head, _, tail = word.partition("-")
    value = _EN_WORDS[head] + (_EN_WORDS[tail] if tail else 0)
    mult = match.group("wmult")
    if mult:
        factor = _EN_MULTIPLIERS[mult.strip().lower()]
        return float(value * factor), factor / 2, None
    if value <= 1:  # "one", "zero": pronoun / noun uses outnumber numbers
        return None
    return float(value), 0.5, None


def _arabic_or_chinese(match: regex.Match) -> tuple[float, float, str | None] | None:
    raw = match.group("num")
    is_chinese = not raw[0].isdigit()
    parsed = _parse_any(raw)
    if parsed is None:
        return None
    value, precision = parsed
    mult = (match.group("mult") or "").strip()
    unit_text = (match.group("unit") or "").strip().lower()
    if mult:
        factor = _multiplier(mult)
        value, precision = value * factor, precision * factor
    unit = _UNITS.get(unit_text) or _PREFIX_UNITS.get((match.group("prefix") or "").strip().lower())
    if match.group("suffix"):
        return (value, 0.5, "ordinal") if not is_chinese and not mult and not unit_text else None
    if (
        is_chinese
        and len(raw) == 1
        and not mult
        and not _single_char_ok(raw, unit_text)
        and not _counted(raw, match.string, match.start("num"), match.end("num"))
    ):
        return None
    if unit_text == "年" and value.is_integer() and 1000 <= value <= 2100:
        unit = "year"
    elif unit is None and not mult and _looks_like_year(raw):
        unit = "year"
    elif unit == "month" and not 1 <= value <= 12 or unit == "day" and not 1 <= value <= 31:
        unit = None
    return value, precision, unit


# Measure words and bounds after which a lone numeral counts (四个月, 二款, 三倍, 二以上),
# in the Simplified form the finder searches.
_MEASURE = regex.compile(
    r"个|款|项|条|等|倍|份|次|页|种|类|编|章|节|目|小时|周|天|位|家|本|张|岁|组|管|台|辆|株|套|批"
    r"|册|篇|间|层|公[斤尺里分克釐厘顷]|[微毫]?克|毫[升米]|吨|以[上下内]|亲等"
)


def _counted(raw: str, text: str, start: int, end: int) -> bool:
    """A lone numeral before a measure word, after 条之 (Article 90bis), or numbering a table."""
    if raw in "一零〇":
        return False
    before = text[max(0, start - 2) : start]
    # 第九十条之二 (Article 90bis); 附表三, 附件二, 图四 (Table 3, Annex 2, Figure 4)
    return (
        bool(_MEASURE.match(text, end)) or before in ("条之", "附表", "附件") or before[-1:] == "图"
    )


def _single_char_ok(raw: str, unit_text: str) -> bool:
    """A lone numeral counts only with a unit after it; a lone 一 only before an amount unit."""
    if raw in "百千万亿零〇":  # 零件 (parts) and 零售 (retail) are not zero items
        return False
    if raw == "一":
        return unit_text in ("%", "元", "美元", "人", "名", "件", "项")
    return bool(unit_text)


def _looks_like_year(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1000 <= int(raw) <= 2100


def _multiplier(text: str) -> float:
    lowered = text.lower()
    if lowered in _EN_MULTIPLIERS:
        return float(_EN_MULTIPLIERS[lowered])
    factor = 1.0
    for ch in text:
        factor *= _SMALL_UNITS.get(ch) or _BIG_UNITS[ch]
    return factor


def _parse_any(raw: str) -> tuple[float, float] | None:
    """Value and half-unit precision of an Arabic or Chinese numeral."""
    if raw[0].isdigit():
        plain = raw.replace(",", "")
        decimals = len(plain.partition(".")[2])
        return float(plain), 0.5 * 10.0**-decimals
    return _parse_chinese(raw)


def _parse_chinese(raw: str) -> tuple[float, float] | None:
    """``一百二十三`` -> 123, ``二〇二一`` -> 2021, ``十一点七`` -> 11.7, ``十一点七亿``.

    Returns None for runs that are not well-formed numbers (万一, 十四五).
    """
    if raw[0] in "百千万亿":
        return None
    integer, point, rest = raw.partition("点")
    factor = 1.0
    if point:
        decimals = rest.rstrip("万亿")
        factor = _multiplier(rest[len(decimals) :]) if len(rest) > len(decimals) else 1.0
        whole = _chinese_integer(integer)
        if whole is None:
            return None
        frac = "".join(str(_DIGITS[ch]) for ch in decimals)
        return (whole + float("0." + frac)) * factor, 0.5 * 10.0 ** -len(frac) * factor
    value = _chinese_integer(raw)
    if value is None:
        return None
    return float(value), 0.5 * _last_place(raw)


def _chinese_integer(raw: str) -> int | None:
    if all(ch in _DIGITS for ch in raw):  # 二〇二一: read digit by digit
        return int("".join(str(_DIGITS[ch]) for ch in raw))
    total = section = 0
    digit: int | None = None
    for ch in raw:
        if ch in _DIGITS:
            if digit not in (None, 0) and _DIGITS[ch] != 0:
                return None  # two digits without a unit between them
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            unit = _BIG_UNITS[ch]
            if ch == "万":
                total += (section + (digit or 0)) * unit
            else:
                total = (total + section + (digit or 0)) * unit
            section, digit = 0, None
    return total + section + (digit or 0)


def _last_place(raw: str) -> float:
    """How coarsely the number is written: 53万 -> 10,000, 五十万 -> 10,000, 三十 -> 1.

    Only a trailing 万/亿 says "rounded" (53万 may be 530,000 or 5.3 million
    rounded); 十, 百 and 千 are exact places, as 30 and 300 are: 三十日 is
    thirty days, not "about thirty".
    """
    trailing = 1.0
    for ch in reversed(raw):
        if ch in _DIGITS:
            break
        if ch in _BIG_UNITS:
            trailing *= _BIG_UNITS[ch]
    return trailing


def same_numbers(a: str, b: str) -> tuple[list[NumberMention], list[NumberMention]]:
    """Numbers of ``a`` with no equal in ``b``, and numbers of ``b`` with no equal in ``a``.

    Mentions are compared as multisets by value; two values are equal when
    they differ by no more than the coarser written precision (so ``5.8
    million`` matches ``5,761,000``) and their units agree (``None`` agrees
    with anything).

    >>> same_numbers("专利53万件，增长百分之十一点七", "530,000 patents, up 11.7 percent")
    ([], [])
    >>> [m.text for m in same_numbers("增长12.5%", "up 11.7%")[1]]
    ['11.7%']
    """
    return _unmatched(find_numbers(a), find_numbers(b))


def _unmatched(
    left: Sequence[NumberMention], right: Sequence[NumberMention]
) -> tuple[list[NumberMention], list[NumberMention]]:
    used = [False] * len(right)
    missing_left: list[NumberMention] = []
    # Exact matches first, so a rounded figure does not steal another's exact partner.
    pending = []
    for mention in left:
        j = _partner(mention, right, used, exact=True)
        if j is None:
            pending.append(mention)
        else:
            used[j] = True
    for mention in pending:
        j = _partner(mention, right, used, exact=False)
        if j is None:
            missing_left.append(mention)
        else:
            used[j] = True
    return missing_left, [m for m, u in zip(right, used, strict=True) if not u]


def _partner(
    mention: NumberMention, others: Sequence[NumberMention], used: list[bool], *, exact: bool
) -> int | None:
    for j, other in enumerate(others):
        if used[j] or not _units_agree(mention.unit, other.unit):
            continue
        scale = max(abs(mention.value), abs(other.value), 1.0)
        tolerance = 1e-9 * scale
        if not exact:
            tolerance += max(mention.precision, other.precision)
        if abs(mention.value - other.value) <= tolerance:
            return j
    return None


def _units_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return {a, b} == {"year", "years"}
