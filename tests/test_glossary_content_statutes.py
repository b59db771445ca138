"""Content checks for the statute files of the bundled glossary (``glossaries/prc_*.json``).

These files hold the defined terms, rights, procedures and crimes of the PRC IP
statutes, one file per subject.  The checks guard what bulk curation gets
wrong: a concept without a source naming the statute, a term that another
concept already has, an English term so generic that it would match anywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ipterm
from ipterm.glossary import jsonfmt
from ipterm.glossary.model import SUBJECTS, Concept, Glossary, term_key
from ipterm.glossary.validate import regional_counterparts
from ipterm.resources import glossaries_dir
from ipterm.text.normalize import to_simplified

STATUTE_FILES = sorted(glossaries_dir().glob("prc_*.json"))
# Single words that name nothing on their own in running English text.
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
    "application",
    "entity",
    "fee",
}


def _concepts(path: Path) -> list[Concept]:
    return list(jsonfmt.loads(path.read_text(encoding="utf-8"), path=path))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return ipterm.load_glossary()


def test_statute_files_exist() -> None:
    names = {p.stem for p in STATUTE_FILES}
    assert {"prc_patent_law"} <= names
    assert sum(len(_concepts(p)) for p in STATUTE_FILES) >= 140


@pytest.mark.parametrize("path", STATUTE_FILES, ids=lambda p: p.name)
def test_every_statute_concept_is_sourced_and_named(path: Path) -> None:
    for concept in _concepts(path):
        assert concept.subject in SUBJECTS, (concept.id, concept.subject)
        assert concept.sources, concept.id
        assert concept.definition, concept.id
        for lang in ("zh", "en"):
            assert concept.preferred(lang) is not None, (concept.id, lang)
        for term in concept.terms_in("en"):
            assert term.key not in TOO_GENERIC, (concept.id, term.text)


@pytest.mark.parametrize("path", STATUTE_FILES, ids=lambda p: p.name)
def test_statute_terms_belong_to_one_concept(path: Path, glossary: Glossary) -> None:
    # A Taiwan/Hong Kong/Macau-only counterpart under another legal system may share names.
    ids = {c.id for c in _concepts(path)}
    owner: dict[tuple[str, str], str] = {}
    for concept, term in glossary.terms():
        key = term_key(term.text)
        key = (term.lang, to_simplified(key) if term.lang == "zh" else key)
        other = owner.get(key)
        if (
            other is not None
            and other != concept.id
            and (concept.id in ids or other in ids)
            and not regional_counterparts(concept, glossary[other])
        ):
            pytest.fail(f"{term.text!r} is in {other} and {concept.id}")
        owner.setdefault(key, concept.id)


# (Chinese term, concept id, preferred English): terms a translator of the statutes meets.
SPOT = [
    ("设计人", "designer-of-design", "designer"),
    ("说明书摘要", "abstract-of-description", "abstract of the description"),
    ("审查意见通知书", "office-action", "notification of examination opinions"),
    ("驳回", "rejection-of-application", "rejection"),
    ("驳回复审", "reexamination-against-rejection", "reexamination request against a rejection"),
    ("现有技术抗辩", "prior-art-defense", "prior art defense"),
    ("进入国家阶段", "pct-national-phase-entry", "entry into the national phase"),
    ("保密审查", "foreign-filing-confidentiality-examination", "confidentiality examination"),
    ("优先审查", "prioritized-examination", "prioritized examination"),
    ("诉讼时效", "limitation-period-patent", "limitation period"),
]


@pytest.mark.parametrize(("zh", "cid", "en"), SPOT, ids=[s[0] for s in SPOT])
def test_statute_spot_terms(glossary: Glossary, zh: str, cid: str, en: str) -> None:
    # a Taiwan statute's counterpart (tw-*, its Traditional form folds to the same key) may share it
    (concept,) = [c for c in glossary.lookup(zh, "zh") if not c.id.startswith("tw-")]
    assert concept.id == cid
    assert concept.preferred("en").text == en


def test_superseded_statute_terms_point_forward(glossary: Glossary) -> None:
    old = glossary["utility-model-search-report"]
    assert old.is_superseded() and old.superseded_by == "patent-evaluation-report"


def test_glossary_size_target(glossary: Glossary) -> None:
    # Issue 14's target for the bundled glossary: at least 1,500 concepts.
    assert len(glossary) >= 1500
