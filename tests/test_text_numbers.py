"""Numbers and quantities: values normalised across Chinese and English forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipterm.text.numbers import NumberMention, find_numbers, same_numbers

PAIRS = json.loads((Path(__file__).parent / "data" / "text" / "numbers.json").read_text("utf-8"))


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{p['a']}~{p['b']}" for p in PAIRS])
def test_pairs(pair):
    only_a, only_b = same_numbers(pair["a"], pair["b"])
    assert (not only_a and not only_b) is pair["equal"], (only_a, only_b)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("53万", 530_000, None),
        ("530,000", 530_000, None),
        ("5.761 million", 5_761_000, None),
        ("576.1万", 5_761_000, None),
        ("百分之十一点七", 11.7, "percent"),
        ("11.7%", 11.7, "percent"),
        ("一千零五", 1005, None),
        ("三万五千", 35_000, None),
        ("三亿五千万", 350_000_000, None),
        ("十一点七亿", 1_170_000_000, None),
        ("2021年", 2021, "year"),
        ("14th", 14, "ordinal"),
        ("第14届", 14, "ordinal"),
        ("第一", 1, "ordinal"),
        ("53万件", 530_000, "items"),
        ("2.5万人", 25_000, "people"),
        ("US$5 million", 5_000_000, "usd"),
        ("三年", 3, "years"),
        ("twenty-five", 25, None),
        ("two million", 2_000_000, None),
    ],
)
def test_single_values(text, value, unit):
    (mention,) = find_numbers(text)
    assert mention.value == pytest.approx(value)
    assert mention.unit == unit
    assert mention.text == text[mention.start : mention.end]


@pytest.mark.parametrize(
    "word", ["统一", "一些", "进一步", "万一", "千万不要", "两岸", "三星", "the one"]
)
def test_words_that_are_not_numbers(word):
    assert find_numbers(word) == []


def test_offsets_point_into_original_text():
    text = "\U00020000增長１１．７％，達53萬件。Nov. 30, 2020"
    mentions = find_numbers(text)
    assert [m.text for m in mentions] == ["１１．７％", "53萬件", "Nov.", "30", "2020"]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert [m.unit for m in mentions] == ["percent", "items", "month", None, "year"]


def test_date_in_both_languages():
    assert same_numbers("2021年3月5日", "March 5, 2021") == ([], [])


def test_multiset_comparison_counts_repeats():
    only_a, only_b = same_numbers("5件和5件", "5 items")
    assert [m.value for m in only_a] == [5] and only_b == []


def test_exact_partner_preferred_over_rounded():
    # 5.8 million could pair with either figure; the exact 5,800,000 must not be left over.
    only_a, only_b = same_numbers("5,761,000 and 5,800,000", "5.8 million and 5,761,000")
    assert only_a == [] and only_b == []


def test_missing_number_reported_on_its_side():
    only_a, only_b = same_numbers("专利53万件，商标1.2亿件", "530,000 patents")
    assert [m.text for m in only_a] == ["1.2亿件"] and only_b == []


def test_empty_and_numberless_text():
    assert find_numbers("") == []
    assert find_numbers("专利制度") == []
    assert same_numbers("", "") == ([], [])


def test_mention_is_frozen_and_serialisable():
    mention = find_numbers("11.7%")[0]
    assert isinstance(mention, NumberMention)
    assert mention.to_dict() == {
        "start": 0,
        "end": 5,
        "text": "11.7%",
        "value": 11.7,
        "unit": "percent",
    }
    with pytest.raises(AttributeError):
        mention.value = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("five hundred thousand", [500_000]),
        ("seven hundred and fifty thousand yuan", [750_000]),
        ("one and two", [2]),  # "one" alone is not a number; two numbers are not merged
        ("四個月", [4]),
        ("前二款", [2]),
        ("第九十條之二", [90, 2]),
        ("三倍", [3]),
        ("二以上", [2]),
        ("零件、零售", []),
        ("二一○×二九七", [210, 297]),
        ("二○二一年", [2021]),
        ("Part VI and Chapter III", [6, 3]),
        ("in duplicate, triple the amount", [2, 3]),
        ("NTD2,000", [2000]),
        ("NT$2.5 million", [2_500_000]),
        ("A4 paper", []),
        ("the fortieth year", [40]),
        ("by the end of March", [3]),
        ("it may be so", []),
        ("三十日", [30]),
        ("十年", [10]),
        ("十分重要", []),
    ],
)
def test_readings_added_for_legal_text(text, values):
    found = find_numbers(text)
    assert [m.value for m in found] == values
    assert all(m.text == text[m.start : m.end] for m in found)


def test_chinese_places_are_exact_but_wan_is_rounded():
    (thirty,) = find_numbers("三十日")
    (wan,) = find_numbers("53万")
    assert thirty.precision == 0.5 and wan.precision == 5000
    assert same_numbers("三十日", "31 days") != ([], [])
    assert same_numbers("53万", "534 thousand") == ([], [])  # within the rounding of 53万


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Article 34.1.1", [34]),
        ("Article 34.12.5", [34]),
        ("up 11.7%.", [11.7]),
        ("thirty six months", [36]),
        ("thirty and six", [30, 6]),
    ],
)
def test_dotted_references_and_tens_ones(text, values):
    assert [m.value for m in find_numbers(text)] == values


def test_start_lookahead_changes_no_match():
    """The fast-skip lookahead of the number pattern finds exactly what the plain one does."""
    import random

    import regex

    from ipterm.text import numbers

    plain = regex.compile(numbers._ALTERNATIVES)
    pieces = ["23", "1,234.5", "百分之十", "第三", "USD", "us$", "xUSD5", "RMB 5", "¥", "$"]
    pieces += ["万", "亿", "二一〇", "March", "May 3", "Fifth", "twenty-one", "million", " ", "，"]
    pieces += ["\u212a", "ſ", "İ", "x", "34.1.1", "件", "%", "per cent", "ninety", "Ｆｉｖｅ"]
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        ours = [(m.span(), m.groupdict()) for m in numbers._PATTERN.finditer(text)]
        assert ours == [(m.span(), m.groupdict()) for m in plain.finditer(text)], text


def test_english_extras_lookahead_changes_no_match():
    import random

    import regex

    from ipterm.text import numbers

    plain = regex.compile(numbers._EN_EXTRA_ALTERNATIVES)
    pieces = ["Part", "Parts", " ", "VI", "IV", "Chapter", "in", "duplicate", "TWICE", "NT$"]
    pieces += ["NTD", "2,000", "5", ".5", "x", "Article", "triple", "Triplicate", "TWD", "Book"]
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        ours = [(m.span(), m.groups()) for m in numbers._EN_EXTRA.finditer(text)]
        assert ours == [(m.span(), m.groups()) for m in plain.finditer(text)], text
