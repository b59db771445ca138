"""Content of the Taiwan statute glossaries (glossaries/tw_*.json).

Every concept there names a term of a Taiwan IP statute with the English of
the Ministry of Justice's official translation, and cites the article in
which both were seen.  These tests check the key entries a translator relies
on, the shape of every source, and (when the aligned law text is available)
re-run ``tools/verify_tw_glossary.py`` so no "verified" claim goes stale.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from ipterm.glossary.io import load_glossary, read_glossary
from ipterm.glossary.validate import validate
from ipterm.resources import bundled_glossary_files

ROOT = Path(__file__).resolve().parents[1]
TW_FILES = [p for p in bundled_glossary_files() if p.name.startswith("tw_")]
MOJ = "Ministry of Justice (Taiwan), Laws & Regulations Database"
URL = re.compile(r"^https://law\.moj\.gov\.tw/ENG/LawClass/LawAll\.aspx\?pcode=[A-Z]\d{7}$")


def _tw_concepts():
    return [c for path in TW_FILES for c in read_glossary(path).concepts]


@pytest.fixture(scope="module")
def builtin():
    return load_glossary()


def _by_zh(glossary, zh):
    """The tw- concepts holding the Taiwan term ``zh`` (exact Traditional text)."""
    return [
        c
        for c in glossary.concepts
        if c.id.startswith("tw-") and any(t.text == zh and t.region == "taiwan" for t in c.terms)
    ]


def test_tw_files_exist_and_are_sizeable():
    names = {p.name for p in TW_FILES}
    assert {
        "tw_patent.json",
        "tw_copyright.json",
        "tw_other.json",
        "tw_trade_secrets.json",
        "tw_trademark.json",
    } <= names
    assert len(_tw_concepts()) >= 250


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # The Copyright Act's defined acts (Art. 3), as the official translation renders them.
        ("重製", "reproduce"),
        ("公開口述", "public recitation"),
        ("公開播送", "public broadcast"),
        ("公開上映", "public presentation"),
        ("公開演出", "public performance"),
        ("公開傳輸", "public transmission"),
        ("改作", "adaptation"),
        ("散布", "distribution"),
        ("公開展示", "public display"),
        ("發行", "publication"),
        ("公開發表", "public release"),
        ("原件", "the original"),
        # Patent Act and Enforcement Rules.
        ("專利專責機關", "Specific Patent Agency"),
        ("舉發人", "invalidation requester"),
        ("更正", "post-grant amendment"),
        ("衍生設計", "derivative design"),
        ("所屬技術領域中具有通常知識者", "person ordinarily skilled in the art"),
        ("多項附屬項", "multiple dependent claim"),
        # Other statutes.
        ("秘密保持命令", "confidentiality preservation order"),
        ("查證人", "verifier"),
        ("從屬品種", "dependent variety"),
        ("首次商業利用", "first commercial exploitation"),
    ],
)
def test_official_english(builtin, zh, en):
    concepts = _by_zh(builtin, zh)
    assert len(concepts) == 1, f"{zh}: {[c.id for c in concepts]}"
    assert concepts[0].preferred("en", "taiwan").text == en


def test_patent_agent_is_not_patent_attorney(builtin):
    # 專利代理人 (licensed before the Patent Attorney Act) and 專利師 are two professions.
    agent = builtin["tw-patent-agent"]
    assert agent.preferred("zh", "taiwan").text == "專利代理人"
    assert agent.preferred("en", "taiwan").text == "patent agent"
    assert not any(t.text in ("專利師", "patent attorney") for t in agent.terms)


def test_economic_rights_holder(builtin):
    [concept] = [c for c in builtin.concepts if any(t.text == "著作財產權人" for t in c.terms)]
    assert "economic rights holder" in [t.text for t in concept.terms_in("en")]


def test_every_tw_concept_has_a_verified_moj_source():
    for concept in _tw_concepts():
        assert concept.id.startswith("tw-"), concept.id
        assert concept.sources, concept.id
        for source in concept.sources:
            assert source.status == "verified", concept.id
            assert source.publisher == MOJ, concept.id
            assert URL.match(source.url or ""), (concept.id, source.url)
            # An article, or None for a law's own title (checked against the database record).
            assert source.article is None or re.fullmatch(r"Article \d+(-\d+)?", source.article), (
                concept.id,
                source.article,
            )
            assert source.date_read, concept.id
        zh = concept.terms_in("zh")
        assert zh and all(t.region == "taiwan" for t in zh), concept.id
        assert concept.terms_in("en"), concept.id


def test_tw_concepts_pass_validation(builtin):
    tw_ids = {c.id for c in _tw_concepts()}
    errors = [
        p
        for p in validate(builtin, require_sources=True)
        if p.severity == "error" and p.concept in tw_ids
    ]
    assert errors == []


def test_tw_ids_unique_across_builtin():
    seen: dict[str, str] = {}
    for path in bundled_glossary_files():
        for concept in json.loads(path.read_text(encoding="utf-8"))["concepts"]:
            assert concept["id"] not in seen, (concept["id"], path.name, seen.get(concept["id"]))
            seen[concept["id"]] = path.name


@functools.cache
def _verifier():
    """tools/verify_tw_glossary.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "verify_tw_glossary", ROOT / "tools" / "verify_tw_glossary.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_verifier_matching_rules():
    verifier = _verifier()
    para = verifier.normalize_en("The Specific Patent Agency’s drawing(s) and Exclusive Licenses")
    assert verifier.en_occurs("specific patent agency", para)
    assert verifier.en_occurs("exclusive license", para)
    assert verifier.en_occurs("drawing", para)
    assert not verifier.en_occurs("licen", para)
    assert not verifier.en_occurs("patent agent", para)


def test_verifier_flags_a_wrong_pair(tmp_path):
    verifier = _verifier()
    data = tmp_path / "parallel.jsonl"
    row = {
        "pcode": "J0070017",
        "law_zh": "著作權法",
        "law_en": "Copyright Act",
        "article": "3",
        "paragraph": 13,
        "zh": "十二、散布：指…",
        "en": "12. Distribute: means ...",
    }
    data.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    good = {
        "id": "tw-x",
        "terms": [{"text": "散布", "lang": "zh"}, {"text": "distribute", "lang": "en"}],
        "sources": [
            {
                "publisher": MOJ,
                "title": "Copyright Act",
                "article": "Article 3",
                "url": "https://law.moj.gov.tw/ENG/LawClass/LawAll.aspx?pcode=J0070017",
                "date_read": "2026-01-01",
                "status": "verified",
            }
        ],
    }
    bad = json.loads(json.dumps(good))
    bad["terms"][1]["text"] = "publication"
    no_source = {"id": "tw-y", "terms": good["terms"], "sources": []}
    path = tmp_path / "tw_test.json"
    path.write_text(json.dumps({"concepts": [good, bad, no_source]}), encoding="utf-8")
    paragraphs = verifier.load_paragraphs(data)
    assert verifier.check_concept(good, paragraphs) == []
    assert "no paragraph holds both" in verifier.check_concept(bad, paragraphs)[0]
    assert verifier.check_concept(no_source, paragraphs) == ["no verified source"]
    title_source = dict(good["sources"][0], article=None)
    act = {
        "id": "tw-act",
        "terms": [{"text": "著作權法", "lang": "zh"}, {"text": "Copyright Act", "lang": "en"}],
        "sources": [title_source],
    }
    assert verifier.check_concept(act, paragraphs) == []
    act["terms"][1]["text"] = "Copyright Law"
    assert "title pair" in verifier.check_concept(act, paragraphs)[0]
    assert verifier.main(["--data", str(data), "--quiet", str(path)]) == 1


def test_every_verified_source_is_borne_out_by_the_law_text(require_shared):
    require_shared(ROOT.parent / "shared" / "evaldata" / "tw_ip_law_parallel.dev.jsonl")
    assert _verifier().main(["--quiet"]) == 0
