"""The Aho-Corasick glossary matcher."""

from __future__ import annotations

import pytest

from ipterm.errors import InputError
from ipterm.glossary.matcher import Match, Matcher, find_terms, matcher_for
from ipterm.glossary.model import Concept, Glossary, Term


def _concept(cid: str, *terms: Term) -> Concept:
    return Concept(cid, terms)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary(
        (
            _concept(
                "cnipa",
                Term("国家知识产权局", "zh"),
                Term("China National Intellectual Property Administration", "en"),
                Term("CNIPA", "en", term_type="acronym"),
                Term("State Intellectual Property Office", "en", status="deprecated"),
            ),
            _concept("patent", Term("专利", "zh"), Term("patent", "en")),
            _concept("patent-right", Term("专利权", "zh"), Term("patent right", "en")),
            _concept(
                "patentee",
                Term("专利权人", "zh"),
                Term("patentee", "en"),
                Term("patent holder", "en", status="admitted"),
            ),
            _concept("infringe", Term("侵权", "zh"), Term("infringe", "en")),
            _concept(
                "trademark", Term("商标", "zh"), Term("trade mark", "en"), Term("trademark", "en")
            ),
            _concept("licence", Term("许可", "zh"), Term("licence", "en")),
            _concept("health-care", Term("保健", "zh"), Term("Health Care", "en")),
            _concept(
                "hcap", Term("保健大使计划", "zh"), Term("Health Care Ambassadors Program", "en")
            ),
            _concept("claim", Term("权利要求", "zh"), Term("claim", "en")),
            _concept("claim-damages", Term("索赔", "zh"), Term("claim", "en", status="admitted")),
            _concept("taiwan-ipo", Term("智慧財產局", "zh", region="taiwan"), Term("TIPO", "en")),
        ),
        name="test",
    )


@pytest.fixture(scope="module")
def matcher(glossary) -> Matcher:
    return Matcher(glossary)


def _found(matcher: Matcher, text: str, **kw) -> list[tuple[str, str]]:
    matches = matcher.find(text, **kw)
    for m in matches:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.concept) for m in matches]


def test_longest_match_wins_in_chinese(matcher):
    assert _found(matcher, "专利权人的专利权和专利") == [
        ("专利权人", "patentee"),
        ("专利权", "patent-right"),
        ("专利", "patent"),
    ]


def test_longest_match_wins_in_english(matcher):
    assert _found(matcher, "The Health Care Ambassadors Program, not Health Care.") == [
        ("Health Care Ambassadors Program", "hcap"),
        ("Health Care", "health-care"),
    ]


def test_traditional_and_full_width_match_simplified_terms(matcher):
    assert _found(matcher, "國家知識產權局（ＣＮＩＰＡ）與專利權人") == [
        ("國家知識產權局", "cnipa"),
        ("ＣＮＩＰＡ", "cnipa"),
        ("專利權人", "patentee"),
    ]


def test_simplified_text_matches_traditional_terms(matcher):
    assert _found(matcher, "台湾智慧财产局") == [("智慧财产局", "taiwan-ipo")]


def test_acronyms_are_case_sensitive_whole_words(matcher):
    text = "CNIPA, cnipa, xCNIPA, CNIPAx, CNIPA's and CNIPAs"
    assert [m.start for m in matcher.find(text)] == [0, 30, 42]
    assert [m.text for m in matcher.find(text)] == ["CNIPA", "CNIPA", "CNIPAs"]


def test_english_is_case_insensitive_with_word_boundaries(matcher):
    assert _found(matcher, "PATENT, Patent, patently, unpatented, patent") == [
        ("PATENT", "patent"),
        ("Patent", "patent"),
        ("patent", "patent"),
    ]


def test_inflections(matcher):
    text = "It infringes, infringed, infringing the patentee's patents and Patent Holders' claims"
    assert [m.text for m in matcher.find(text)] == [
        "infringes",
        "infringed",
        "infringing",
        "patentee's",
        "patents",
        "Patent Holders'",
        "claims",
    ]


def test_spelling_hyphen_space_and_apostrophe_variants(matcher):
    text = "trade-mark, trade\u2011mark, trade  \n mark, Trademarks\u2019 licenses and licensing"
    assert _found(matcher, text) == [
        ("trade-mark", "trademark"),
        ("trade\u2011mark", "trademark"),
        ("trade  \n mark", "trademark"),
        ("Trademarks\u2019", "trademark"),
        ("licenses", "licence"),
        ("licensing", "licence"),
    ]


def test_offsets_after_collapsed_white_space(matcher):
    text = "a    b\n\n\n专利 and patent   holder  CNIPA"
    assert [(m.start, m.end, m.text) for m in matcher.find(text)] == [
        (9, 11, "专利"),
        (16, 31, "patent   holder"),
        (33, 38, "CNIPA"),
    ]


def test_extension_b_keeps_offsets(matcher):
    text = "\U00020000专利\U0002a6d6国家知识产权局"
    assert [(m.start, m.end) for m in matcher.find(text)] == [(1, 3), (4, 11)]


def test_shared_term_reported_once_for_first_concept(matcher):
    assert _found(matcher, "one claim") == [("claim", "claim")]
    assert matcher.concepts_for("claim") == ("claim", "claim-damages")
    assert matcher.concepts_for("Claims") == ("claim", "claim-damages")
    assert matcher.concepts_for("nothing") == ()


def test_lang_filter(matcher):
    text = "CNIPA 国家知识产权局"
    assert [m.lang for m in matcher.find(text, lang="zh")] == ["zh"]
    assert [m.lang for m in matcher.find(text, lang="en")] == ["en"]
    with pytest.raises(InputError, match="'de'"):
        matcher.find(text, lang="de")


def test_langs_and_deprecated_options(glossary):
    assert Matcher(glossary, langs=("zh",)).find("CNIPA 专利") == [
        m for m in Matcher(glossary).find("CNIPA 专利") if m.lang == "zh"
    ]
    text = "the State Intellectual Property Office"
    assert Matcher(glossary).find(text)[0].term.status == "deprecated"
    assert Matcher(glossary, include_deprecated=False).find(text) == []


def test_match_to_dict(matcher):
    (match,) = matcher.find("旧称 State Intellectual Property Office")
    assert isinstance(match, Match)
    assert match.to_dict() == {
        "start": 3,
        "end": 37,
        "text": "State Intellectual Property Office",
        "lang": "en",
        "concept": "cnipa",
        "term": "State Intellectual Property Office",
        "status": "deprecated",
        "region": None,
    }


def test_empty_inputs(glossary, matcher):
    assert matcher.find("") == []
    assert Matcher(Glossary(())).find("专利 patent") == []


def test_find_terms_caches_per_glossary(glossary):
    assert matcher_for(glossary) is matcher_for(glossary)
    other = Glossary.from_pairs([("专利", "patent")])
    assert matcher_for(other) is not matcher_for(glossary)
    assert [m.concept for m in find_terms("专利", glossary=other)] == ["c00001"]


def test_build_is_fast_enough_for_many_terms():
    # Correctness on a large glossary; speed is measured in benchmarks/bench_matcher.py.
    pairs = [(f"术语{i}号", f"term number {i}") for i in range(3000)]
    matcher = Matcher(Glossary.from_pairs(pairs))
    found = matcher.find("见术语12号和term number 2999。")
    assert [m.text for m in found] == ["术语12号", "term number 2999"]


def test_bundled_glossary_smoke():
    matches = find_terms("國家知識產權局（CNIPA）發布數據")
    assert {m.concept for m in matches} >= {"cnipa"}
    assert all(m.concept == "cnipa" for m in matches if m.text in ("國家知識產權局", "CNIPA"))


def test_random_texts_keep_exact_offsets():
    import random

    glossary = Glossary.from_pairs(
        [("专利", "patent"), ("专利权人", "patent holder"), ("商标", "trade mark"), ("产权", "IP")]
    )
    matcher = Matcher(glossary)
    forms = {"专利", "专利权人", "商标", "产权", "patent", "patents", "patent holder", "ip"}
    forms |= {"patent holders", "trade mark", "trade marks", "ips"}
    rng = random.Random(7)
    pieces = ["专利", "权人", "patent", " ", "  ", "\n\n", "holder", "trade", "-", "mark", "s"]
    pieces += ["商标", "IP", "\U00020000", "产权", "x", "專利"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        previous_end = 0
        for m in matcher.find(text):
            assert text[m.start : m.end] == m.text
            assert m.start >= previous_end
            previous_end = m.end
            key = " ".join(m.text.replace("-", " ").split()).lower().replace("專", "专")
            assert key in forms, (text, m)


def test_regional_two_character_short_forms_are_not_matched_in_running_text():
    glossary = Glossary(
        (
            Concept(
                "utility-model",
                (
                    Term("实用新型", "zh", region="mainland"),
                    Term("新型專利", "zh", region="taiwan"),
                    Term(
                        "新型",
                        "zh",
                        status="admitted",
                        region="taiwan",
                        term_type="shortForm",
                        full_form="新型專利",
                    ),
                    Term("utility model", "en"),
                ),
            ),
        )
    )
    text = "新型冠状病毒疫情期间，新型專利申请增加。"
    assert [m.text for m in Matcher(glossary).find(text)] == ["新型專利"]
    everywhere = Matcher(glossary, regional_short_forms=True).find(text)
    assert [m.text for m in everywhere] == ["新型", "新型專利"]


def _random_texts(seed: int, count: int, longest: int) -> list[str]:
    import random

    rng = random.Random(seed)
    pieces = ["专利", "权人", "专利权", "patent", "Patents", " ", "  ", "\n\n", "holder", "trade"]
    pieces += ["-", "mark", "s", "商标", "CNIPA", "cnipa", "\U00020000", "產權", "x", "專利權人"]
    pieces += ["Health Care", "Ambassadors Program", "licence", "license", "ＣＮＩＰＡ", "索赔"]
    return [
        "".join(rng.choice(pieces) for _ in range(rng.randint(1, longest))) for _ in range(count)
    ]


@pytest.mark.parametrize("lang", [None, "zh", "en"])
def test_long_text_path_gives_the_same_matches_as_the_short_one(matcher, monkeypatch, lang):
    from ipterm.glossary import scan

    texts = _random_texts(11, 300, 40) + [" ".join(_random_texts(12, 400, 30))]
    short = [matcher.find(t, lang=lang) for t in texts]
    monkeypatch.setattr(scan, "LARGE", 0)  # every text through the vectorised path
    assert [matcher.find(t, lang=lang) for t in texts] == short
    assert sum(len(found) for found in short) > 500  # the texts really contain terms


def test_long_text_path_on_a_real_document(examples_corpus, monkeypatch):
    from ipterm.glossary import scan
    from ipterm.glossary.io import load_glossary

    text = (examples_corpus / "2021-04-26_scio_briefing_ipr_protection_report.txt").read_text(
        encoding="utf-8"
    )
    bundled = Matcher(load_glossary())
    assert len(text) >= scan.LARGE
    long_path = bundled.find(text)
    monkeypatch.setattr(scan, "LARGE", 10**9)
    assert bundled.find(text) == long_path and len(long_path) > 50


def test_matches_are_ordinary_frozen_dataclasses(matcher):
    import dataclasses
    import pickle

    found = matcher.find("CNIPA 专利")
    assert [type(m) for m in found] == [Match, Match]
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].start = 3  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(found)) == found
    assert dataclasses.replace(found[0], start=1).start == 1
    assert hash(found[1]) == hash(dataclasses.replace(found[1]))
    assert dataclasses.asdict(found[1])["text"] == "专利"
