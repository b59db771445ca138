"""The concept model: Term validation, preferred terms by region, look-up, merging, from_pairs."""

from __future__ import annotations

import pytest

from ipterm.errors import GlossaryFormatError
from ipterm.glossary.model import Concept, Glossary, Term, term_key, validate_unique_terms


def _cnipa() -> Concept:
    return Concept(
        "cnipa",
        (
            Term("国家知识产权局", "zh", region="mainland"),
            Term("智慧財產局", "zh", region="taiwan"),
            Term("知識產權署", "zh", status="admitted", region="hongkong"),
            Term("國家知識產權局", "zh", status="admitted"),
            Term("China National Intellectual Property Administration", "en"),
            Term(
                "CNIPA",
                "en",
                term_type="acronym",
                full_form="China National Intellectual Property Administration",
            ),
            Term("State Intellectual Property Office", "en", status="deprecated"),
        ),
        subject="agency",
    )


def _trademark() -> Concept:
    return Concept(
        "trademark",
        (Term("商标", "zh"), Term("trade-mark", "en"), Term("TM", "en", status="admitted")),
    )


# -- Term -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "", "lang": "zh"}, "non-empty"),
        ({"text": "   ", "lang": "zh"}, "non-empty"),
        ({"text": "专利", "lang": "fr"}, "language"),
        ({"text": "专利", "lang": "zh", "status": "obsolete"}, "status"),
        ({"text": "专利", "lang": "zh", "region": "singapore"}, "region"),
        ({"text": "专利", "lang": "zh", "term_type": "symbol"}, "term type"),
    ],
)
def test_term_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Term(**kwargs)


def test_term_strips_text_and_keeps_ext_b():
    term = Term("  \U00020000专利 ", "zh")
    assert term.text == "\U00020000专利"
    assert len(term.text) == 3


def test_case_sensitivity_default_and_override():
    assert Term("CNIPA", "en", term_type="acronym").is_case_sensitive
    assert not Term("Patent Office", "en").is_case_sensitive  # has a space
    assert not Term("patent", "en").is_case_sensitive
    assert not Term("专利", "zh").is_case_sensitive
    assert not Term("CNIPA", "en", case_sensitive=False).is_case_sensitive
    assert Term("iPhone", "en", case_sensitive=True).is_case_sensitive


def test_term_key_folds_width_case_hyphen_and_spaces():
    assert term_key("ＣＮＩＰＡ") == "cnipa"
    assert term_key("Trade‐Mark\u3000 Office") == "trade mark office"
    assert Term("trade-mark", "en").key == Term("Trade Mark", "en").key


# -- Concept ----------------------------------------------------------------


def test_concept_needs_id_and_terms():
    with pytest.raises(ValueError, match="id"):
        Concept("", (Term("专利", "zh"),))
    with pytest.raises(ValueError, match="no terms"):
        Concept("empty", ())
    assert isinstance(Concept("c", [Term("专利", "zh")]).terms, tuple)


def test_preferred_by_region():
    concept = _cnipa()
    assert concept.preferred("zh").text == "国家知识产权局"
    assert concept.preferred("zh", "mainland").text == "国家知识产权局"
    assert concept.preferred("zh", "taiwan").text == "智慧財產局"
    # a region with only an admitted regional term: the regional term wins
    assert concept.preferred("zh", "hongkong").text == "知識產權署"
    # a region with no term of its own: the region-free term serves it
    assert concept.preferred("zh", "macau").text == "國家知識產權局"
    assert concept.preferred("en").text == "China National Intellectual Property Administration"


def test_preferred_skips_deprecated_and_falls_back_to_admitted():
    concept = Concept(
        "c", (Term("旧", "zh", status="deprecated"), Term("新", "zh", status="admitted"))
    )
    assert concept.preferred("zh").text == "新"
    assert concept.preferred("en") is None
    only_old = Concept("d", (Term("旧", "zh", status="deprecated"),))
    assert only_old.preferred("zh") is None


def test_terms_in_orders_by_status_and_accepted_deprecated():
    concept = _cnipa()
    statuses = [t.status for t in concept.terms_in("en")]
    assert statuses == sorted(statuses, key=["preferred", "admitted", "deprecated"].index)
    assert [t.text for t in concept.deprecated("en")] == ["State Intellectual Property Office"]
    assert "State Intellectual Property Office" not in [t.text for t in concept.accepted("en")]
    assert concept.label() == "国家知识产权局 / China National Intellectual Property Administration"


# -- Glossary ---------------------------------------------------------------


def test_duplicate_ids_are_a_format_error():
    with pytest.raises(GlossaryFormatError, match="duplicate concept id 'cnipa'"):
        Glossary((_cnipa(), _cnipa()))


def test_lookup_traditional_width_case_and_hyphen():
    g = Glossary((_cnipa(), _trademark()))
    assert [c.id for c in g.lookup("国家知识产权局")] == ["cnipa"]
    assert [c.id for c in g.lookup("智慧财产局")] == ["cnipa"]  # Simplified query, Traditional term
    assert [c.id for c in g.lookup("商標")] == ["trademark"]  # Traditional query, Simplified term
    assert [c.id for c in g.lookup("ｃｎｉｐａ")] == ["cnipa"]  # full-width, lower case
    assert [c.id for c in g.lookup("Trade Mark")] == ["trademark"]
    assert [c.id for c in g.lookup("  TRADE-MARK ")] == ["trademark"]
    assert g.lookup("商标", lang="en") == (g["trademark"],)  # concept has an English term too
    assert g.lookup("unknown") == ()


def test_glossary_container_behaviour():
    g = Glossary([_cnipa(), _trademark()], name="t")
    assert len(g) == 2 and "cnipa" in g and "nope" not in g
    assert g.get("nope") is None
    with pytest.raises(KeyError, match="nope"):
        g["nope"]
    assert g.subjects == ("agency", "general")
    assert [c.id for c in g.filter(subject="agency")] == ["cnipa"]
    assert len(list(g.terms("zh"))) == 5


def test_merge_same_id_adds_missing_terms_and_keeps_self():
    base = Glossary((_cnipa(),))
    extra = Glossary(
        (
            Concept(
                "cnipa",
                (Term("国知局", "zh", status="admitted"), Term("CNIPA", "en")),
                subject="organization",
                definition="from extra",
            ),
        )
    )
    merged = base.merge(extra)
    assert len(merged) == 1
    concept = merged["cnipa"]
    assert concept.subject == "agency"
    assert concept.definition == "from extra"  # self had none
    assert [t.text for t in concept.terms].count("CNIPA") == 1
    assert "国知局" in [t.text for t in concept.terms]


def test_merge_folds_concepts_sharing_zh_and_en_terms():
    base = Glossary((_trademark(),))
    other = Glossary(
        (Concept("tm-2", (Term("商标", "zh"), Term("Trade Mark", "en"), Term("mark", "en"))),)
    )
    merged = base.merge(other)
    assert [c.id for c in merged] == ["trademark"]
    assert "mark" in [t.text for t in merged["trademark"].terms]


def test_merge_shared_term_in_one_language_only_is_a_new_concept():
    base = Glossary((_trademark(),))
    other = Glossary(
        (
            Concept("trademark", (Term("标志", "zh"), Term("sign", "en"))),
            Concept("mark", (Term("商标", "zh"), Term("brand", "en"))),
        )
    )
    merged = base.merge(other)
    # one shared Chinese term without a shared English one does not fold, and a same id
    # without any shared term is a collision (generated ids repeat), so it is renamed
    assert [c.id for c in merged] == ["trademark", "trademark-2", "mark"]
    assert [t.text for t in merged["trademark"].terms] == ["商标", "trade-mark", "TM"]


def test_merge_renames_colliding_new_ids_and_one_language_proposals_fold():
    base = Glossary((_trademark(), Concept("c", (Term("专利", "zh"), Term("patent", "en")))))
    other = Glossary(
        (
            Concept("x", (Term("商标", "zh"),), proposed=True),
            Concept("c2", (Term("版权", "zh"), Term("copyright", "en"))),
        )
    )
    merged = base.merge(other, name="merged")
    assert merged.name == "merged"
    assert [c.id for c in merged] == ["trademark", "c", "c2"]
    assert [t.text for t in merged["trademark"].terms] == [
        "商标",
        "trade-mark",
        "TM",
    ]  # 商标 folded
    clash = Glossary((Concept("c", (Term("商业秘密", "zh"), Term("trade secret", "en"))),))
    assert [c.id for c in merged.merge(clash)] == ["trademark", "c", "c2", "c-2"]


def test_merge_two_pair_sheets_with_generated_ids():
    a = Glossary.from_pairs([("专利", "patent"), ("商标", "trademark")])
    b = Glossary.from_pairs([("版权", "copyright"), ("专利", "patent"), ("商标", "Trademark")])
    merged = a.merge(b)
    assert [c.label() for c in merged] == ["专利 / patent", "商标 / trademark", "版权 / copyright"]
    assert [c.id for c in merged] == ["c00001", "c00002", "c00001-2"]
    assert [t.text for t in merged.lookup("商标")[0].terms] == ["商标", "trademark"]


def test_merge_proposed_flag_and_confidence():
    a = Glossary(
        (Concept("p", (Term("专利", "zh"), Term("patent", "en")), proposed=True, confidence=0.4),)
    )
    b = Glossary((Concept("p", (Term("专利", "zh"), Term("patent", "en")), proposed=False),))
    merged = a.merge(b)["p"]
    assert merged.proposed is False  # accepted by one side: no longer only a proposal
    assert merged.confidence == 0.4


def test_from_pairs_groups_by_chinese_term():
    g = Glossary.from_pairs(
        [
            ("专利", "patent"),
            (" 专利 ", "patent right"),
            ("专利", "patent"),
            ("商標", "trademark"),
            ("", "x"),
        ],
        source="test",
        subject="patent",
    )
    assert len(g) == 2
    patent = g.lookup("专利")[0]
    assert [(t.text, t.status) for t in patent.terms_in("en")] == [
        ("patent", "preferred"),
        ("patent right", "admitted"),
    ]
    assert patent.subject == "patent" and patent.source == "test"
    assert g.lookup("商标")[0].id == "c00002"


def test_validate_unique_terms_reports_shared_terms():
    concepts = [
        Concept("a", (Term("申请", "zh"), Term("application", "en"))),
        Concept("b", (Term("申請", "zh"), Term("Application", "en"))),
    ]
    problems = validate_unique_terms(concepts)
    assert problems == ["'Application' (en) is in a and b"]
    assert validate_unique_terms([_cnipa(), _trademark()]) == []
