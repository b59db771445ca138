"""Glossary builder: association measures, candidates, sentence alignment, pairing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ipterm.align import BuilderConfig, GlossaryBuilder, TermPair, build_glossary, propose
from ipterm.align.association import dice, log_dice, log_likelihood
from ipterm.align.candidates_en import en_key, is_title_like, ngrams
from ipterm.align.candidates_zh import c_value, candidates
from ipterm.align.lexical import Lexicon
from ipterm.align.sentalign import align_sentences, align_texts
from ipterm.glossary.model import Glossary

DATA = Path(__file__).parent / "data" / "align"
FAST = BuilderConfig(use_cedict=False, use_pos=False)


def _pairs() -> list[tuple[str, str]]:
    lines = (DATA / "patent_act_pairs.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines]  # type: ignore[misc]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.from_pairs(
        [("专利", "patent"), ("发明", "invention"), ("新型", "utility model")]
    )


@pytest.fixture(scope="module")
def fitted(glossary) -> GlossaryBuilder:
    return GlossaryBuilder(glossary, config=FAST).fit(_pairs())


# -- association --------------------------------------------------------------------------
def test_dice_and_logdice_by_hand():
    assert float(dice(2, 4, 4)) == 0.5
    assert float(log_dice(2, 4, 4)) == pytest.approx(13.0)
    assert float(log_dice(0, 4, 4)) == 0.0


def test_log_likelihood_signs():
    attract = float(log_likelihood(10, 10, 10, 100))
    repel = float(log_likelihood(0, 50, 50, 100))
    assert attract > 10 and repel < 0
    assert float(log_likelihood(1, 10, 10, 100)) == pytest.approx(0.0, abs=1e-9)  # exactly expected


def test_association_vectorised():
    scores = log_dice(np.array([1, 5]), 5, np.array([10, 5]))
    assert scores[1] == 14.0 and scores[0] < scores[1]


# -- candidates -----------------------------------------------------------------------------
def test_en_key_plural_case_article():
    assert en_key("Patent Rights") == en_key("patent right")
    assert en_key("The public") == "public"
    assert en_key("policies") == "policy"


def test_en_ngrams_stay_inside_clauses():
    texts = [c.text for c in ngrams("patent right, trademark", max_words=3)]
    assert "patent right" in texts and "trademark" in texts
    assert not any("right, trademark" in t or "right trademark" in t for t in texts)


def test_title_like():
    assert is_title_like("Patent Act")
    assert not is_title_like("The patentee shall pay the fee.")
    assert not is_title_like("")


def test_zh_candidates_traditional_and_offsets(fitted):
    original = "發明專利權人應繳納專利年費"
    from ipterm.text.normalize import normalize_for_matching

    found = candidates(normalize_for_matching(original), original, fitted.segmenter, use_pos=False)
    for cand in found:
        assert original[cand.start : cand.end] == cand.text
    assert any(c.key == "发明专利" for c in found) or any(c.key.startswith("发明") for c in found)


def test_zh_candidates_extension_b_and_fullwidth(fitted):
    original = "\U00020000專利權，ＡＢＣ專利權"
    from ipterm.text.normalize import normalize_for_matching

    found = candidates(normalize_for_matching(original), original, fitted.segmenter, use_pos=False)
    assert all(original[c.start : c.end] == c.text for c in found)
    assert any("專利" in c.text for c in found)


def test_c_value_penalises_nested_fragments():
    scores = c_value(
        {"专利": 10, "专利权": 6, "利权": 6},
        {"专利": ("专利",), "专利权": ("专利", "利权"), "利权": ("利权",)},
    )
    assert scores["利权"] == 0.0 and scores["专利权"] > scores["利权"]


# -- lexical ------------------------------------------------------------------------------------
def test_lexicon_compositional():
    lex = Lexicon([("专利", "patent"), ("权", "right")], use_cedict=False)
    assert lex.score("专利权", "patent right", parts=["专利", "权"]) == 1.0
    assert lex.score("专利权", "patent", parts=["专利", "权"]) < 1.0
    assert lex.exact("專利", "Patents")  # Traditional and plural


@pytest.mark.slow
def test_lexicon_cedict_senses():
    lex = Lexicon()
    assert "patent right" in lex.senses("專利權")
    assert lex.is_verb("distribute") and not lex.is_verb("distribution")


# -- sentence alignment ---------------------------------------------------------------------------
def test_align_sentences_one_to_two():
    zh = ["专利权人应缴纳年费。", "未缴纳者，专利权消灭。"]
    en = [
        "The patentee shall pay the annual fee.",
        "If the fee is not paid,",
        "the patent right lapses.",
    ]
    beads = align_sentences(zh, en)
    assert [(b.zh_start, b.zh_end, b.en_start, b.en_end) for b in beads] == [
        (0, 1, 0, 1),
        (1, 2, 1, 3),
    ]


def test_align_sentences_empty_sides():
    assert align_sentences([], []) == []
    assert len(align_sentences(["专利。"], [])) == 1


def test_align_texts_unaligned_files():
    zh = (DATA / "unaligned.zh.txt").read_text(encoding="utf-8")
    en = (DATA / "unaligned.en.txt").read_text(encoding="utf-8")
    beads = align_texts(zh, en)
    assert len(beads) >= 15
    first = beads[0]
    assert "專利申請權" in first.zh and "right to apply for a patent" in first.en


# -- builder -------------------------------------------------------------------------------------
def test_builder_ranks_gold_like_pairs(fitted):
    ranking = fitted.ranking("專利申請權")
    assert ranking is not None
    assert en_key(ranking.en[0]) == en_key("right to apply for a patent")
    assert list(ranking.confidence) == sorted(ranking.confidence, reverse=True)
    assert fitted.ranking("专利申请权") is ranking  # Simplified look-up of Traditional text


def test_builder_pairs_report_original_text_and_evidence(fitted):
    pairs = fitted.pairs()
    assert pairs and all(isinstance(p, TermPair) for p in pairs)
    by_zh = {p.zh: p for p in pairs}
    assert "專利權" in by_zh  # Traditional as in the input, not the normalised copy
    pair = by_zh["專利權"]
    assert en_key(pair.en) == "patent right"
    assert pair.frequency >= 2 and "cooccurrence" in pair.evidence.kinds
    assert all("專利權" in zh for zh, _ in pair.evidence.examples)
    assert [p.confidence for p in pairs] == sorted((p.confidence for p in pairs), reverse=True)
    assert 0.0 < pair.confidence <= 1.0


def test_builder_to_dict_contract(fitted):
    data = fitted.pairs()[0].to_dict()
    assert {"zh", "en", "confidence", "frequency", "evidence"} <= set(data)
    assert data["proposed"] is True and isinstance(data["evidence"]["kinds"], list)


def test_builder_with_fake_encoder(glossary):
    calls: list[list[str]] = []

    def fake_encode(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        rng = np.random.default_rng(0)
        vectors = rng.normal(size=(len(texts), 8))
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    config = BuilderConfig(use_cedict=False, use_pos=False, use_encoder=True, encoder_max_terms=20)
    builder = GlossaryBuilder(glossary, config=config, encode=fake_encode).fit(_pairs())
    assert calls and len(calls[0]) > 1
    scored = [r for r in builder.rankings.values() if np.any(r.features[:, 7] != 0)]
    assert scored, "encoder similarity should reach the features"


def test_builder_empty_and_tiny_input(glossary):
    assert propose([], glossary=glossary, config=FAST) == []
    assert propose([("", ""), ("專利", "")], glossary=glossary, config=FAST) == []


def test_build_glossary_marks_proposals_and_merges(glossary):
    existing = Glossary.from_pairs([("專利權", "patent right")], name="mine")
    merged = build_glossary(_pairs(), glossary=glossary, merge_into=existing, config=FAST)
    proposed = [c for c in merged if c.proposed]
    assert proposed and all(c.confidence is not None for c in proposed)
    hits = [c for c in merged if any(t.text == "專利權" for t in c.terms)]
    assert len(hits) == 1 and not hits[0].proposed  # folded into the accepted concept, no duplicate


# -- counting in shards ----------------------------------------------------------------------------
def _pair_tuples(pairs: list[TermPair]) -> list[tuple]:
    return [(p.zh, p.en, round(p.confidence, 12), p.frequency, p.evidence.examples) for p in pairs]


def test_sharded_counts_give_identical_pairs(glossary):
    from ipterm.align.corpus import count_shard, merge_counts

    segments = _pairs() + [("專利\U00020000權", "patent right"), ("", "")]
    one = GlossaryBuilder(glossary, config=FAST).fit(segments)
    three = GlossaryBuilder(glossary, config=FAST)
    shards = [segments[:7], segments[7:23], segments[23:]]
    counted = [count_shard(s, three.segmenter, **three.count_options()) for s in shards]
    merged = merge_counts(counted, min_freq=FAST.min_freq, verbs=three.merge_verbs())
    three.fit_counts(merged, lambda s: segments[s])
    assert merged.n == len(segments) and merged.en_keys == one.counts.en_keys
    assert _pair_tuples(three.pairs()) == _pair_tuples(one.pairs())
    assert len(one.pairs()) > 5


def test_shard_counts_are_unpruned_until_merged():
    from ipterm.align.corpus import count_shard, merge_counts

    class Whole:  # one token per text: the candidates are easy to predict
        def cut(self, text):
            from types import SimpleNamespace

            return [SimpleNamespace(start=0, end=len(text), text=text)]

    a = count_shard([("专利", "patent law, royalty")], Whole(), use_pos=False)
    b = count_shard([("专利", "patent law")], Whole(), use_pos=False)
    assert "royalty" in a.en_keys and len(a.seg_en[0]) == len(a.en_keys)  # nothing dropped yet
    merged = merge_counts([a, b], min_freq=2)
    assert merged.zh_segments[merged.zh_keys.index("专利")] == [0, 1]
    once = merged.en_keys.index("royalty")
    assert merged.en_df[once] == 1 and once not in merged.seg_en[0].tolist()
    assert merged.en_df[merged.en_keys.index("patent law")] == 2


def test_lead_candidates_of_definitions(glossary):
    from ipterm.align.corpus import count_shard, merge_counts

    builder = GlossaryBuilder(glossary, config=FAST)
    segments = [
        (
            "十一、改作：指以翻譯或其他方法就原著作另為創作。",
            '11."Adaptation" means to create a work.',
        ),
        ("（三）改作之權利。", "(c) the right of adaptation."),
    ]
    shard = count_shard(segments, builder.segmenter, **builder.count_options())
    merged = merge_counts([count_shard(segments[:1], builder.segmenter), shard], min_freq=1)
    i = shard.zh_keys.index("改作")
    assert shard.zh_lead[i] == [0, 1]  # after "十一、" and after "（三）" (full width)
    assert [shard.en_keys[j] for j in shard.seg_en_lead[0]] == ["adaptation"]
    assert "right" in [shard.en_keys[j] for j in shard.seg_en_lead[1]]  # "(c) the" skipped
    assert merged.zh_lead[merged.zh_keys.index("改作")] == [0, 1, 2]


def test_a_glossary_rendering_seen_once_is_still_a_candidate():
    from ipterm.glossary.model import Glossary

    glossary = Glossary.from_pairs(
        [("国家知识产权局", "China National Intellectual Property Administration")]
    )
    segments = [
        (
            "2020年，国家知识产权局共授权发明专利53万件。",
            "In 2020, the China National Intellectual Property Administration granted "
            "530,000 invention patents.",
        ),
        ("国家知识产权局将严格落实制度。", "The SIPO will strictly implement the system."),
        ("海关总署开展了行动。", "The General Administration of Customs carried out an action."),
    ]
    builder = GlossaryBuilder(glossary, config=BuilderConfig(use_cedict=False, use_encoder=False))
    ranking = builder.fit(segments).ranking("国家知识产权局")
    assert ranking is not None
    assert builder.pairs()[0].en == "China National Intellectual Property Administration"


class _Greedy:
    """A longest-match segmenter over a fixed word list (jieba stand-in)."""

    def __init__(self, words):
        self.words = sorted(words, key=len, reverse=True)

    def cut(self, text):
        from types import SimpleNamespace

        out, i = [], 0
        while i < len(text):
            word = next((w for w in self.words if text.startswith(w, i)), text[i])
            out.append(SimpleNamespace(start=i, end=i + len(word), text=word))
            i += len(word)
        return out


def test_candidate_counted_where_the_segmenter_cut_it_apart():
    """製版權人 cut as 製版 | 權人 still holds 製版權: it is counted in both segments."""
    from ipterm.align.corpus import count_shard, merge_counts

    cut = _Greedy(["制版权", "制版", "权人", "登记"])
    segments = [("製版權登記", "plate right registration"), ("製版權人登記", "plate right holder")]
    counts = merge_counts([count_shard(segments, cut, use_pos=False)], min_freq=1)
    df = dict(zip(counts.zh_keys, counts.zh_df.tolist(), strict=True))
    assert df["制版权"] == 2
    assert df["登记"] == 2
    one = merge_counts([count_shard(segments, cut, use_pos=False)], min_freq=1)
    two = merge_counts([count_shard(segments[:1], cut, use_pos=False),
                        count_shard(segments[1:], cut, use_pos=False)], min_freq=1)  # fmt: skip
    assert one.zh_keys == two.zh_keys and one.zh_segments == two.zh_segments
