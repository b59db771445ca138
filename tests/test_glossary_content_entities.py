"""Content checks for the named-entity part of the bundled glossary.

The entity files (agencies, courts, laws, treaties, campaigns) are curated by
hand, so these tests guard what a curator can get wrong: a file that no longer
loads, a concept id used twice across files, a concept without a source or
without a preferred name in each language, an acronym whose full form is not
in its concept, a wrong official name, and a corpus variant that no longer
resolves.  The corpus checks also prove that every variant attributed to a
corpus document really occurs there, so the glossary's sources stay truthful.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ipterm.glossary import jsonfmt
from ipterm.glossary.model import Glossary, term_key
from ipterm.resources import glossaries_dir

ENTITY_FILES = ("agencies", "courts", "laws", "treaties", "campaigns")
ENTITY_SUBJECTS = {
    "agency",
    "court",
    "organization",
    "law",
    "regulation",
    "policy",
    "treaty",
    "campaign",
}
CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# A structured source citing a seed document says so in its article: "seed document 002 (...)".
SEED_ARTICLE = re.compile(r"seed document (\d{3})\b")


def _load(name: str) -> Glossary:
    path = glossaries_dir() / f"{name}.json"
    return jsonfmt.loads(path.read_text(encoding="utf-8"), path=path)


@pytest.fixture(scope="module")
def entities() -> Glossary:
    concepts = []
    for name in ENTITY_FILES:
        concepts.extend(_load(name).concepts)
    return Glossary(tuple(concepts), name="entities")


@pytest.fixture(scope="module")
def everything() -> Glossary:
    concepts = []
    for path in sorted(glossaries_dir().glob("*.json")):
        concepts.extend(jsonfmt.loads(path.read_text(encoding="utf-8"), path=path).concepts)
    return Glossary(tuple(concepts), name="all")


def _corpus_key(text: str) -> str:
    """Corpus text normalised like a term key; typographic quotes removed, apostrophes unified."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub('[\u201c\u201d"]', "", text)
    return " " + term_key(text) + " "


@pytest.fixture(scope="module")
def corpus(require_shared) -> dict[str, str]:
    require_shared(CORPUS_DIR)
    files = sorted(CORPUS_DIR.glob("*.txt"))
    return {p.name[:4]: _corpus_key(p.read_text(encoding="utf-8")) for p in files}


# --- structure --------------------------------------------------------------


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_entity_file_loads_and_is_not_trivial(name: str) -> None:
    glossary = _load(name)
    assert len(glossary) >= 10
    assert {c.subject for c in glossary} <= ENTITY_SUBJECTS


def test_every_glossary_file_loads_and_ids_are_globally_unique() -> None:
    seen: dict[str, str] = {}
    for path in sorted(glossaries_dir().glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        jsonfmt.loads(path.read_text(encoding="utf-8"), path=path)
        for concept in raw["concepts"]:
            cid = concept["id"]
            assert cid not in seen, f"concept id {cid!r} is in {seen.get(cid)} and {path.name}"
            seen[cid] = path.name
    assert len(seen) >= 220


def test_at_least_220_entity_concepts(entities: Glossary) -> None:
    assert len(entities) >= 220


def test_ids_are_kebab_case(entities: Glossary) -> None:
    bad = [c.id for c in entities if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.id)]
    assert not bad


def test_every_concept_has_source_and_preferred_names(entities: Glossary) -> None:
    for concept in entities:
        assert concept.sources, concept.id
        for lang in ("zh", "en"):
            preferred = [t for t in concept.terms if t.lang == lang and t.status == "preferred"]
            assert preferred, (concept.id, lang)


def test_full_forms_exist_in_the_same_concept(entities: Glossary) -> None:
    for concept in entities:
        texts = {t.text for t in concept.terms}
        for term in concept.terms:
            if term.term_type == "acronym":
                assert term.full_form, (concept.id, term.text)
            if term.full_form:
                assert term.full_form in texts, (concept.id, term.text, term.full_form)


def test_no_duplicate_term_in_one_concept(entities: Glossary) -> None:
    for concept in entities:
        keys = [(t.lang, t.key, t.region) for t in concept.terms]
        assert len(keys) == len(set(keys)), concept.id


def test_no_bare_generic_english_terms(entities: Glossary) -> None:
    generic = {
        "office",
        "law",
        "court",
        "act",
        "treaty",
        "convention",
        "agreement",
        "campaign",
        "action",
        "administration",
        "customs",
        "protocol",
        "council",
        "regulations",
        "patent office",
        "trademark office",
        "intellectual property office",
        "supreme court",
        "internet court",
    }
    for concept, term in entities.terms("en"):
        assert term.key not in generic, (concept.id, term.text)


def test_no_bare_generic_chinese_terms(entities: Glossary) -> None:
    # Each of these names many bodies (every province has an X知识产权局, many
    # countries an X专利局, several cities an X国际商事法庭): as a term it would
    # tag unrelated offices in running text.
    generic = {
        "法院",
        "海关",
        "知识产权局",
        "专利局",
        "版权局",
        "检察院",
        "知识产权法院",
        "知识产权法庭",
        "国际商事法庭",
        "知识产权检察办公室",
        "互联网法院",
        "高级人民法院",
        "专项行动",
        "条约",
        "公约",
        "协定",
    }
    for concept, term in entities.terms("zh"):
        assert term.key not in generic, (concept.id, term.text)


def test_mainland_campaigns_carry_no_taiwan_variants(entities: Glossary) -> None:
    # A Traditional spelling of a PRC campaign is not Taiwan usage; look-up
    # already folds Traditional to Simplified.
    for concept in entities:
        if concept.subject == "campaign":
            assert all(t.region != "taiwan" for t in concept.terms), concept.id
    assert entities.lookup("龍騰行動")[0].id == "dragon-action"


def test_traditional_terms_carry_a_region(entities: Glossary) -> None:
    # Taiwan-only concepts are written in Traditional characters and marked so.
    for cid in ("tipo", "tw-patent-act", "tw-trade-secrets-act", "tw-ip-commercial-court"):
        zh = entities[cid].preferred("zh", region="taiwan")
        assert zh is not None and zh.region == "taiwan", cid


# --- spot facts ---------------------------------------------------------------


def _table(name: str) -> list[list[str]]:
    """Rows of a tab-separated golden file; '#' lines are comments, '-' means "not checked"."""
    path = Path(__file__).resolve().parent / "data" / "entities" / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("	"))
    return rows


# (look-up text, expected concept id, expected preferred zh, expected preferred en)
SPOT_FACTS = [
    tuple(None if cell == "-" else cell for cell in row) for row in _table("spot_facts.tsv")
]


@pytest.mark.parametrize(("text", "cid", "zh", "en"), SPOT_FACTS, ids=[f[0] for f in SPOT_FACTS])
def test_spot_fact(
    everything: Glossary, text: str, cid: str, zh: str | None, en: str | None
) -> None:
    found = everything.lookup(text)
    assert cid in [c.id for c in found], f"{text!r} does not resolve to {cid}"
    concept = everything[cid]
    if zh is not None:
        assert concept.preferred("zh").text == zh
    if en is not None:
        assert concept.preferred("en").text == en


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("SIPO", "deprecated"),
        ("State Intellectual Property Office", "deprecated"),
        ("State Intellectual Property Bureau", "deprecated"),
        ("NIPA", "admitted"),
        ("SwordNet", "admitted"),
        ("Sixth Amendment to the PRC Criminal Law", "deprecated"),
        ("One Belt, One Road", "deprecated"),
        ("农业部", "deprecated"),
        ("Iron Fist", "admitted"),
        ("CICC", "admitted"),
    ],
)
def test_variant_status(entities: Glossary, text: str, status: str) -> None:
    (concept,) = entities.lookup(text)
    (term,) = [t for t in concept.terms if t.key == term_key(text)]
    assert term.status == status
    assert term.note or concept.note, f"{text!r}: a non-preferred variant should say why"


def test_tipo_is_taiwan(entities: Glossary) -> None:
    (concept,) = entities.lookup("TIPO")
    zh = concept.preferred("zh", region="taiwan")
    assert zh.text == "經濟部智慧財產局" and zh.region == "taiwan"
    # The Simplified spelling of a Taiwan name still finds it.
    assert entities.lookup("经济部智慧财产局")[0].id == concept.id


def test_hong_kong_ipd(entities: Glossary) -> None:
    (concept,) = entities.lookup("知識產權署")
    assert concept.preferred("zh", region="hongkong").region == "hongkong"
    assert concept.preferred("en").text == "Intellectual Property Department"


def test_taiwan_and_mainland_patent_laws_are_distinct(entities: Glossary) -> None:
    # The Simplified short title is shared; the Traditional one is Taiwan's own.
    assert {c.id for c in entities.lookup("专利法")} == {"patent-law-prc", "tw-patent-act"}
    assert [c.id for c in entities.lookup("專利法")] == ["tw-patent-act"]
    assert entities["tw-patent-act"].preferred("en").text == "Patent Act"


def test_lookup_is_width_and_case_insensitive(entities: Glossary) -> None:
    assert entities.lookup("ｃｎｉｐａ")[0].id == "cnipa"
    assert entities.lookup("sword-net")[0].id == "sword-net-campaign"


def test_unknown_text_finds_nothing(entities: Glossary) -> None:
    assert entities.lookup("\U00020000") == ()
    assert entities.lookup("") == ()


# --- corpus variants -------------------------------------------------------------

# English names as written in the five corpus documents, with the concept each must reach.
CORPUS_VARIANTS = [(text, cid) for text, cid in _table("corpus_variants.tsv")]


@pytest.mark.parametrize(("text", "cid"), CORPUS_VARIANTS, ids=[v[0][:40] for v in CORPUS_VARIANTS])
def test_corpus_variant_resolves(everything: Glossary, text: str, cid: str) -> None:
    assert cid in [c.id for c in everything.lookup(text)], f"{text!r} should resolve to {cid}"


def test_corpus_variants_really_occur_in_the_corpus(corpus: dict[str, str]) -> None:
    everything_text = "".join(corpus.values())
    missing = [text for text, _ in CORPUS_VARIANTS if term_key(text) not in everything_text]
    assert not missing


def _seed_numbers(sources, status: str = "verified") -> list[str]:
    found = []
    for source in sources:
        match = SEED_ARTICLE.match(source.article or "")
        if match and source.status == status:
            found.append(match.group(1) + "_")
    return found


def test_terms_attributed_to_a_corpus_document_occur_there(
    everything: Glossary, corpus: dict[str, str]
) -> None:
    missing, checked = [], 0
    for concept, term in everything.terms():
        for prefix in _seed_numbers(term.sources):
            checked += 1
            if _corpus_key(term.text).strip() not in corpus[prefix]:
                missing.append((concept.id, term.text, prefix))
    assert not missing
    assert checked >= 100


def test_concepts_verified_in_a_corpus_document_have_a_name_there(
    everything: Glossary, corpus: dict[str, str]
) -> None:
    # "verified" means a name was seen there: at least one of the concept's terms occurs.
    missing, checked = [], 0
    for concept in everything:
        for prefix in _seed_numbers(concept.sources):
            checked += 1
            if not any(_corpus_key(t.text).strip() in corpus[prefix] for t in concept.terms):
                missing.append((concept.id, prefix))
    assert not missing
    assert checked >= 200


def test_verified_sources_carry_the_date_read(everything: Glossary) -> None:
    for concept in everything:
        for source in list(concept.sources) + [s for t in concept.terms for s in t.sources]:
            if source.status == "verified":
                assert source.date_read, (concept.id, source.title)
