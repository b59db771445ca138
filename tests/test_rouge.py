"""CJK-aware ROUGE: hand-computable cases."""

from __future__ import annotations

import pytest

from ipterm.summarise.rouge import lcs_length, mean_f1, rouge, rouge_l, rouge_n, tokenize


def test_identical_chinese_scores_one():
    for text in ("专利审查周期缩短至20个月", "知识产权", "𠀀字"):
        scores = rouge(text, text)
        assert all(s.f1 == pytest.approx(1.0) for s in scores.values()), text


def test_traditional_and_fullwidth_match_simplified():
    assert rouge("專利權ＣＮＩＰＡ", "专利权CNIPA")["rouge2"].f1 == pytest.approx(1.0)


def test_chinese_is_tokenised_per_character():
    assert tokenize("发明专利53万件") == ["发", "明", "专", "利", "53", "万", "件"]


def test_hand_computed_english():
    # candidate: the cat was found under the bed (7); reference: the cat was under the bed (6)
    cand = "The cat was found under the bed."
    ref = "the cat was under the bed"
    r1 = rouge(cand, ref)["rouge1"]
    assert (r1.precision, r1.recall) == (pytest.approx(6 / 7), pytest.approx(1.0))
    r2 = rouge(cand, ref)["rouge2"]  # bigrams: cand 6, ref 5, shared 4
    assert (r2.precision, r2.recall) == (pytest.approx(4 / 6), pytest.approx(4 / 5))
    rl = rouge(cand, ref)["rougeL"]  # LCS = 6
    assert rl.f1 == pytest.approx(2 * (6 / 7) * 1.0 / (6 / 7 + 1.0))


def test_clipped_counts():
    # "the the the" vs "the cat": only one "the" may count
    assert rouge_n(["the", "the", "the"], ["the", "cat"], 1).precision == pytest.approx(1 / 3)


def test_lcs_and_empty():
    assert lcs_length(list("abcbdab"), list("bdcaba")) == 4
    assert rouge_l([], ["a"]).f1 == 0.0
    assert rouge("", "reference")["rouge1"].f1 == 0.0
    assert mean_f1([]) == {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}


def test_mean_f1_averages():
    scores = [rouge("a b", "a b"), rouge("a b", "c d")]
    assert mean_f1(scores)["rouge1"] == pytest.approx(0.5)
