"""Content checks for the VOCABULARY part of the bundled glossary.

The vocabulary files (patent, trademark, copyright, GI/trade secrets, enforcement,
general) are hand-curated data: these tests pin the facts a translator relies on
(official renderings, statuses, regional terms) and the English variants that the
sample corpus actually uses, so that an edit which silently drops or demotes a
rendering fails here rather than in a terminology check downstream.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import ipterm
from ipterm.glossary import jsonfmt
from ipterm.glossary.model import REGIONS, SUBJECTS, Concept, Glossary, term_key
from ipterm.resources import glossaries_dir
from ipterm.text.normalize import to_simplified

VOCAB_FILES = ("patent", "trademark", "copyright", "gi_tradesecret", "enforcement", "general")
CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# English terms too generic to put in the glossary: they would match everywhere.
TOO_GENERIC = {
    "right",
    "rights",
    "case",
    "use",
    "work",
    "works",
    "design",
    "mark",
    "claim",
    "claims",
    "description",
    "priority",
    "origin",
    "opposition",
    "invalidation",
    "detention",
    "application",
}


def _all_files() -> list[Path]:
    return sorted(glossaries_dir().glob("*.json"))


def _vocab_path(name: str) -> Path:
    return glossaries_dir() / f"{name}.json"


def _load(name: str) -> Glossary:
    path = _vocab_path(name)
    return jsonfmt.loads(path.read_text(encoding="utf-8"), path=path)


@pytest.fixture(scope="module")
def vocab() -> list[Concept]:
    return [c for name in VOCAB_FILES for c in _load(name)]


@pytest.fixture(scope="module")
def vocab_ids(vocab: list[Concept]) -> set[str]:
    return {c.id for c in vocab}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return ipterm.load_glossary()


def _concept_for(glossary: Glossary, text: str, lang: str, ids: set[str]) -> Concept:
    found = [c for c in glossary.lookup(text, lang) if c.id in ids]
    assert len(found) == 1, (
        f"{text!r} should name exactly one vocabulary concept, found {[c.id for c in found]}"
    )
    return found[0]


# -- structure ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", _all_files(), ids=lambda p: p.name)
def test_every_glossary_file_loads(path: Path) -> None:
    assert len(jsonfmt.loads(path.read_text(encoding="utf-8"), path=path)) > 0


def test_vocabulary_files_exist_and_reach_target_size(vocab: list[Concept]) -> None:
    for name in VOCAB_FILES:
        assert _vocab_path(name).is_file(), name
    assert len(vocab) >= 260


def test_concept_ids_unique_across_all_glossary_files() -> None:
    seen: dict[str, str] = {}
    for path in _all_files():
        for raw in json.loads(path.read_text(encoding="utf-8"))["concepts"]:
            cid = raw["id"]
            assert cid not in seen, f"concept id {cid!r} in both {seen.get(cid)} and {path.name}"
            seen[cid] = path.name


def test_ids_are_kebab_case(vocab: list[Concept]) -> None:
    for c in vocab:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.id), c.id


def test_every_concept_has_source_and_known_subject(vocab: list[Concept]) -> None:
    for c in vocab:
        assert c.sources, c.id
        assert c.subject in SUBJECTS, (c.id, c.subject)
        assert c.subject not in {
            "agency",
            "court",
            "organization",
            "law",
            "regulation",
            "treaty",
            "campaign",
        }, c.id


def test_every_concept_has_preferred_zh_and_en(vocab: list[Concept]) -> None:
    for c in vocab:
        for lang in ("zh", "en"):
            assert any(t.status == "preferred" for t in c.terms_in(lang)), (c.id, lang)
            assert c.preferred(lang) is not None, (c.id, lang)


def test_regions_and_taiwan_terms_differ_in_wording(vocab: list[Concept]) -> None:
    for c in vocab:
        others = {to_simplified(t.key) for t in c.terms_in("zh") if t.region != "taiwan"}
        for t in c.terms:
            assert t.region in (None, *REGIONS), (c.id, t.text)
            if t.lang == "zh" and t.region == "taiwan":
                # Traditional spelling is matched automatically:
                # a Taiwan term must differ in wording.
                assert to_simplified(t.key) not in others, (c.id, t.text)


def test_acronyms_have_full_forms_and_no_generic_english(vocab: list[Concept]) -> None:
    for c in vocab:
        for t in c.terms:
            if t.term_type == "acronym":
                assert t.full_form and t.text[:2].isupper(), (c.id, t.text)
            if t.lang == "en":
                assert t.key not in TOO_GENERIC, (c.id, t.text)


def test_gi_acronym(glossary: Glossary) -> None:
    gi = [t for t in glossary["geographical-indication"].terms if t.text == "GI"]
    assert gi and gi[0].term_type == "acronym" and gi[0].full_form == "geographical indication"
    assert gi[0].is_case_sensitive


def test_chinese_terms_unambiguous_after_simplification(vocab: list[Concept]) -> None:
    # 專利授權 (Taiwan: licensing) simplifies to 专利授权 (mainland: grant): such false
    # friends must not both be in the glossary, or a look-up cannot tell them apart.
    owner: dict[str, str] = {}
    for c in vocab:
        for t in c.terms_in("zh"):
            key = to_simplified(t.key)
            assert owner.setdefault(key, c.id) == c.id, (t.text, owner[key], c.id)


def test_no_term_shared_by_two_concepts(glossary: Glossary, vocab_ids: set[str]) -> None:
    owner: dict[tuple[str, str], str] = {}
    for concept, term in glossary.terms():
        key = (term.lang, term_key(term.text))
        if (
            key in owner
            and owner[key] != concept.id
            and (concept.id in vocab_ids or owner[key] in vocab_ids)
        ):
            pytest.fail(f"{term.text!r} ({term.lang}) is in {owner[key]} and {concept.id}")
        owner.setdefault(key, concept.id)


# -- spot facts ---------------------------------------------------------------------------

# (zh term, preferred English, English terms that must be admitted,
#  English terms that must be deprecated)
SPOT_FACTS: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("惩罚性赔偿", "punitive damages", ("punitive compensation",), ()),
    ("专利权人", "patentee", ("patent holder", "patent owner"), ()),
    ("專利權人", "patentee", (), ()),
    ("实用新型", "utility model", ("utility model patent",), ()),
    ("外观设计", "design patent", ("industrial design",), ("exterior design",)),
    ("著作权", "copyright", (), ()),
    ("版权", "copyright", (), ()),
    ("地理标志", "geographical indication", (), ()),
    ("知识产权", "intellectual property", ("IPR", "intellectual property rights"), ()),
    ("智慧財產權", "intellectual property", (), ()),
    ("侵权假冒", "infringement and counterfeiting", ("IPR infringement and counterfeiting",), ()),
    ("发明专利", "invention patent", ("patent for invention",), ()),
    (
        "每万人口高价值发明专利拥有量",
        "number of high-value invention patents per 10,000 people",
        (),
        (),
    ),
    ("知识产权质押融资", "intellectual property pledge financing", ("IP pledge financing",), ()),
    ("商业秘密", "trade secret", (), ()),
    ("營業秘密", "trade secret", (), ()),
    ("恶意注册", "malicious trademark registration", ("bad-faith trademark registration",), ()),
    ("非正常专利申请", "abnormal patent application", ("irregular patent application",), ()),
    ("三合一", "three-in-one trial mechanism", (), ()),
    (
        "知识产权强国",
        "powerful country with intellectual property rights",
        ("IP powerhouse", "country strong on intellectual property rights"),
        (),
    ),
    ("营商环境", "business environment", (), ()),
    ("行政执法", "administrative law enforcement", ("administrative enforcement",), ()),
    ("举证难", "difficulty in producing evidence", (), ()),
    ("权利人", "right holder", ("rights holder",), ("obligee",)),
    ("商标", "trademark", ("trade mark",), ()),
    ("假冒专利", "passing off a patent", ("patent counterfeiting",), ()),
    ("专利授权", "grant of a patent", (), ("authorization of patents",)),
    ("商标抢注", "trademark squatting", (), ("pirate registration",)),
    ("驰名商标", "well-known trademark", (), ()),
    ("集体商标", "collective mark", ("collective trademark",), ()),
    ("证明商标", "certification mark", (), ()),
    ("强制许可", "compulsory license", ("compulsory licensing",), ()),
    ("现有技术", "prior art", (), ()),
    ("创造性", "inventiveness", ("inventive step",), ()),
    ("职务发明创造", "service invention-creation", (), ()),
    ("发明创造", "invention-creation", (), ()),
    ("专利代理师", "patent attorney", (), ()),
    ("信息网络传播权", "right of communication through information network", (), ()),
    ("技术措施", "technological measures", (), ()),
    ("视听作品", "audiovisual work", (), ()),
    ("著作权集体管理组织", "copyright collective management organization", (), ()),
    ("合理使用", "fair use", (), ()),
    ("植物新品种", "new plant variety", (), ()),
    ("品种权", "plant variety right", ("variety right",), ()),
    ("集成电路布图设计", "layout-design of integrated circuits", ("IC design layout",), ()),
    ("不正当竞争", "unfair competition", (), ()),
    ("假冒伪劣", "counterfeit and shoddy", ("fake and shoddy",), ()),
    (
        "知识产权海关保护备案",
        "customs recordal of intellectual property rights",
        ("IPR customs filing",),
        (),
    ),
    ("高价值专利", "high-value patent", (), ()),
    ("专利密集型产业", "patent-intensive industry", (), ()),
    ("同比", "year-on-year", (), ()),
    ("新发展格局", "new development pattern", ("new development paradigm",), ()),
]


@pytest.mark.parametrize(
    ("zh", "pref", "admitted", "deprecated"), SPOT_FACTS, ids=[f[0] for f in SPOT_FACTS]
)
def test_spot_facts(
    glossary: Glossary,
    vocab_ids: set[str],
    zh: str,
    pref: str,
    admitted: tuple[str, ...],
    deprecated: tuple[str, ...],
) -> None:
    concept = _concept_for(glossary, zh, "zh", vocab_ids)
    assert concept.preferred("en").text == pref
    statuses = {t.key: t.status for t in concept.terms_in("en")}
    for text in admitted:
        assert statuses.get(term_key(text)) == "admitted", (zh, text)
    for text in deprecated:
        assert statuses.get(term_key(text)) == "deprecated", (zh, text)


# (Chinese term, region, concept id) pairs that must sit in one concept.
REGIONAL = [
    ("实用新型", "mainland", "utility-model"),
    ("新型", "taiwan", "utility-model"),
    ("新型專利", "taiwan", "utility-model"),
    ("外观设计", "mainland", "design-patent"),
    ("設計", "taiwan", "design-patent"),
    ("設計專利", "taiwan", "design-patent"),
    ("专利代理师", "mainland", "patent-attorney"),
    ("專利師", "taiwan", "patent-attorney"),
    ("商业秘密", "mainland", "trade-secret"),
    ("營業秘密", "taiwan", "trade-secret"),
    ("创造性", "mainland", "inventiveness"),
    ("進步性", "taiwan", "inventiveness"),
    ("强制许可", "mainland", "compulsory-license"),
    ("強制授權", "taiwan", "compulsory-license"),
    ("现有技术", "mainland", "prior-art"),
    ("先前技術", "taiwan", "prior-art"),
    ("積體電路電路布局", "taiwan", "ic-layout-design"),
    ("智慧財產權", "taiwan", "intellectual-property"),
    ("短期專利", "hongkong", "hk-short-term-patent"),
]


@pytest.mark.parametrize(("zh", "region", "cid"), REGIONAL, ids=[r[0] for r in REGIONAL])
def test_regional_terms(glossary: Glossary, zh: str, region: str, cid: str) -> None:
    concept = glossary[cid]
    matches = [
        t for t in concept.terms_in("zh") if to_simplified(t.key) == to_simplified(term_key(zh))
    ]
    assert matches, (cid, zh)
    assert matches[0].region == region


def test_taiwan_preferred_rendering_differs(glossary: Glossary) -> None:
    assert glossary["utility-model"].preferred("zh", "taiwan").text == "新型專利"
    assert glossary["utility-model"].preferred("zh").text == "实用新型"
    assert glossary["compulsory-license"].preferred("en", "taiwan").text == "compulsory licensing"
    assert glossary["inventiveness"].preferred("zh", "taiwan").text == "進步性"


def test_traditional_and_fullwidth_lookup(glossary: Glossary, vocab_ids: set[str]) -> None:
    assert _concept_for(glossary, "懲罰性賠償", "zh", vocab_ids).id == "punitive-damages"
    assert _concept_for(glossary, "ＩＰＲ", "en", vocab_ids).id == "intellectual-property"
    assert _concept_for(glossary, "Punitive-Damages", "en", vocab_ids).id == "punitive-damages"
    assert not [c for c in glossary.lookup("\U00020000", "zh") if c.id in vocab_ids]


# -- corpus variants ----------------------------------------------------------------------

# English strings the five corpus documents use for vocabulary concepts, with the concept
# each must resolve to.  Every string here is a term of that concept (status preferred or
# admitted).
CORPUS_VARIANTS: list[tuple[str, str]] = [
    ("intellectual property", "intellectual-property"),
    ("IP", "intellectual-property"),
    ("IPR", "intellectual-property"),
    ("intellectual property rights", "intellectual-property"),
    ("IP rights", "intellectual-property"),
    ("IPR protection", "ip-protection"),
    ("intellectual property protection", "ip-protection"),
    ("protection of intellectual property", "ip-protection"),
    ("punitive damages", "punitive-damages"),
    ("punitive compensation", "punitive-damages"),
    ("punitive damage", "punitive-damages"),
    ("infringement and counterfeiting", "infringement-and-counterfeiting"),
    ("IPR infringement and counterfeiting", "infringement-and-counterfeiting"),
    ("invention patent", "invention-patent"),
    ("utility model", "utility-model"),
    ("trade mark", "trademark"),
    ("geographical indication", "geographical-indication"),
    ("GI", "geographical-indication"),
    ("geographical indication trademark", "gi-trademark"),
    ("geographical indication special sign", "gi-special-sign"),
    ("special geographical indication sign", "gi-special-sign"),
    ("geographical indication protection product", "gi-protected-product"),
    ("intellectual property pledge financing", "ip-pledge-financing"),
    ("IP pledge financing", "ip-pledge-financing"),
    ("patent and trademark pledge financing", "patent-trademark-pledge-financing"),
    ("pledge financing of patents and trademarks", "patent-trademark-pledge-financing"),
    ("intellectual property insurance", "ip-insurance"),
    ("intellectual property securitization", "ip-securitization"),
    ("intellectual property finance", "ip-finance"),
    ("intellectual property royalties", "ip-royalties"),
    ("number of invention patents per 10,000 people", "invention-patents-per-10000"),
    ("ownership of invention patents per 10,000 population", "invention-patents-per-10000"),
    (
        "number of high-value invention patents per 10,000 population",
        "high-value-invention-patents-per-10000",
    ),
    (
        "ownership of high-value invention patents per 10,000 population",
        "high-value-invention-patents-per-10000",
    ),
    (
        "number of high-quality invention patents per 10,000 people",
        "high-value-invention-patents-per-10000",
    ),
    ("high-value patent", "high-value-patent"),
    ("sleeping patent", "sleeping-patent"),
    ("patent-intensive industry", "patent-intensive-industry"),
    ("abnormal patent application", "abnormal-patent-application"),
    ("irregular patent application", "abnormal-patent-application"),
    ("malicious trademark registration", "malicious-trademark-registration"),
    ("malicious registration", "malicious-trademark-registration"),
    ("trademark squatting", "trademark-squatting"),
    ("malicious trademark squatting", "trademark-squatting"),
    ("pirate registration", "trademark-squatting"),
    ("trademark hoarding", "trademark-hoarding"),
    ("hoarding of trademarks", "trademark-hoarding"),
    ("not intended for use", "not-intended-for-use"),
    ("principle of good faith", "principle-of-good-faith"),
    ("trademark agency", "trademark-agency"),
    ("patent counterfeiting", "passing-off-patent"),
    ("counterfeiting patents", "passing-off-patent"),
    ("trade secret", "trade-secret"),
    ("confidential business information", "confidential-business-information"),
    ("unfair competition", "unfair-competition"),
    ("new plant variety", "new-plant-variety"),
    ("new varieties of agricultural plants", "agricultural-plant-variety"),
    ("new varieties of forestry plants", "forestry-plant-variety"),
    ("IC design layout", "ic-layout-design"),
    ("circuit layout design", "ic-layout-design"),
    ("exterior design", "design-patent"),
    ("patent evaluation report", "patent-evaluation-report"),
    ("pharmaceutical patent link", "drug-patent-linkage"),
    ("'3 in 1' trial mechanism", "three-in-one-trial"),
    ("administrative law enforcement", "administrative-law-enforcement"),
    ("administrative enforcement", "administrative-law-enforcement"),
    ("administrative punishment", "administrative-penalty"),
    ("administrative adjudication", "administrative-adjudication"),
    ("judicial protection", "judicial-protection"),
    ("civil judicial protection", "civil-judicial-protection"),
    ("criminal judicial protection", "criminal-judicial-protection"),
    ("judicial interpretation", "judicial-interpretation"),
    ("malicious litigation", "malicious-litigation"),
    ("burden to present evidence", "burden-of-proof"),
    ("confiscation of illegal income", "confiscation-of-illegal-gains"),
    ("destruction of counterfeit goods", "destruction-of-infringing-goods"),
    ("repeat infringement", "repeat-infringement"),
    ("intentional infringement", "intentional-infringement"),
    ("suspected infringing goods", "suspected-infringing-goods"),
    ("IPR customs filing", "customs-recordal"),
    ("counterfeit goods", "counterfeit-goods"),
    ("fake and shoddy", "counterfeit-and-shoddy"),
    ("counterfeit and shoddy", "counterfeit-and-shoddy"),
    ("special campaign", "special-campaign"),
    ("special enforcement action", "special-campaign"),
    ("typical cases", "typical-cases"),
    ("local protectionism", "local-protectionism"),
    ("regional protectionism", "local-protectionism"),
    ("value involved", "amount-involved"),
    ("IPR dispute mediation", "ip-dispute-mediation"),
    ("IP dispute", "ip-dispute"),
    ("overseas IP dispute", "overseas-ip-dispute"),
    ("first instance", "first-instance"),
    ("retrial", "retrial"),
    ("import and export links", "import-export-stage"),
    ("copyright holder", "copyright-owner"),
    ("rights holder", "right-holder"),
    ("right holder", "right-holder"),
    ("copyright registration", "copyright-registration"),
    ("registration of works", "copyright-registration"),
    ("copyright industry", "copyright-industry"),
    ("copyright infringement", "copyright-infringement"),
    ("piracy", "piracy"),
    ("plagiarism", "plagiarism"),
    ("network copyright", "online-copyright"),
    ("online copyright", "online-copyright"),
    ("use of copyrighted software", "software-legalization"),
    ("rights related to copyright", "related-rights"),
    ("photographic work", "photographic-work"),
    ("dance work", "choreographic-work"),
    ("audio and video recordings", "audio-video-recording"),
    ("copyright collective", "collective-management-organization"),
    ("business environment", "business-environment"),
    ("country that is strong on intellectual property rights", "ip-powerhouse"),
    ("China's strength in intellectual property", "ip-powerhouse"),
    ("top-level design", "top-level-design"),
    ("high-quality development", "high-quality-development"),
    ("innovation-driven development strategy", "innovation-driven-development"),
    ("new development pattern", "new-development-pattern"),
    ("new development paradigm", "new-development-pattern"),
    ("new development structure", "new-development-pattern"),
    ("whole-chain IPR protection", "whole-chain-protection"),
    ("strict protection", "strict-protection"),
    ("traditional knowledge", "traditional-knowledge"),
    ("IPR abuse", "abuse-of-ip"),
    ("anti-monopoly", "anti-monopoly"),
    ("fair competition review", "fair-competition-review"),
    ("independent intellectual property rights", "independent-ip"),
    ("key core technologies", "key-core-technologies"),
    ("data property rights", "data-property-rights"),
    ("intangible asset", "intangible-asset"),
    ("technical contract", "technology-contract"),
    ("value added", "value-added"),
    ("year-on-year", "year-on-year"),
    ("industrial self-discipline", "industry-self-discipline"),
    ("satisfaction score of the IPR protection", "ip-protection-satisfaction"),
    ("international trademark registration", "international-trademark-registration"),
    ("PCT international patent application", "pct-international-application"),
]


@pytest.mark.parametrize(("text", "cid"), CORPUS_VARIANTS, ids=[v[0] for v in CORPUS_VARIANTS])
def test_corpus_variant_resolves(
    glossary: Glossary, vocab_ids: set[str], text: str, cid: str
) -> None:
    concept = _concept_for(glossary, text, "en", vocab_ids)
    assert concept.id == cid
    assert any(t.key == term_key(text) for t in concept.terms_in("en"))


def test_corpus_variants_occur_in_corpus(require_shared) -> None:
    require_shared(CORPUS_DIR)
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("*.txt")))
    folded = re.sub(r"[\s\-]+", " ", text.replace("\u2019", "'")).casefold()
    for variant, _ in CORPUS_VARIANTS:
        key = re.sub(r"[\s\-]+", " ", variant).casefold()
        if key.endswith("y") and len(key) > 4:
            key = key[:-1]  # variety -> varieties, industry -> industries
        elif not key.endswith("ss") and key.endswith("s"):
            key = key[:-1]
        assert key in folded, variant
