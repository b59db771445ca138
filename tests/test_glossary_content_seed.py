"""Every IP agency, court, law, treaty, campaign, programme and legal concept the seed
documents name.

``tests/data/entities/seed_coverage.tsv`` lists them as written in the five
seed documents (``../shared/corpus``), one row per document and item, with
the concept each must resolve to.  A row proves two things: the phrase really
occurs in that document (so the list is not invented), and the bundled
glossary resolves it to the right concept.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ipterm
from ipterm.glossary.model import Glossary, term_key

DATA = Path(__file__).resolve().parent / "data" / "entities" / "seed_coverage.tsv"
CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus"
KINDS = {"agency", "court", "law", "treaty", "campaign", "programme", "concept"}


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            doc, kind, phrase, cid = line.split("\t")
            rows.append((doc, kind, phrase, cid))
    return rows


ROWS = _rows()


def _corpus_key(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub('[\u201c\u201d"]', "", text)
    return " " + term_key(text) + " "


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return ipterm.load_glossary()


@pytest.fixture(scope="module")
def corpus(require_shared) -> dict[str, str]:
    require_shared(CORPUS_DIR)
    return {
        p.name[:3]: _corpus_key(p.read_text(encoding="utf-8")) for p in CORPUS_DIR.glob("*.txt")
    }


def test_the_list_covers_every_document_and_kind() -> None:
    assert {r[0] for r in ROWS} == {"000", "001", "002", "003", "004"}
    assert {r[1] for r in ROWS} == KINDS
    assert len(ROWS) >= 230
    assert len({(r[0], r[2]) for r in ROWS}) == len(ROWS), (
        "a phrase is listed twice for one document"
    )


@pytest.mark.parametrize(
    ("doc", "kind", "phrase", "cid"), ROWS, ids=[f"{r[0]}:{r[2][:40]}" for r in ROWS]
)
def test_seed_item_occurs_and_resolves(
    glossary: Glossary, corpus: dict[str, str], doc: str, kind: str, phrase: str, cid: str
) -> None:
    assert _corpus_key(phrase).strip() in corpus[doc], f"{phrase!r} is not in seed document {doc}"
    assert cid in [c.id for c in glossary.lookup(phrase)], f"{phrase!r} should resolve to {cid}"


def test_named_entities_in_the_list_have_sources(glossary: Glossary) -> None:
    for _, kind, _, cid in ROWS:
        if kind != "concept":
            assert glossary[cid].sources, cid


# Chinese names the issue found missing (generic institutions and policy terms).
CHINESE_NAMES = [
    ("司法机关", "judicial-organs"),
    ("公安机关", "public-security-organs"),
    ("人民法院", "peoples-court"),
    ("知识产权局", "local-ipa"),
    ("知识产权法院", "ip-court-generic"),
    ("知识产权法庭", "ip-tribunal-generic"),
    ("地理标志法", "geographical-indication-law-planned"),
    ("知识产权基础性法律", "basic-ip-law"),
    ("商标注册便利化改革", "trademark-registration-facilitation-reform"),
    ("授权确权", "grant-and-confirmation-of-rights"),
    ("跨境电子商务", "cross-border-e-commerce"),
    ("失信联合惩戒", "joint-punishment-for-dishonesty"),
    ("电子存证", "electronic-evidence-deposit"),
    ("指定管辖", "designated-jurisdiction"),
    ("知识产权侵权责任保险", "ip-infringement-liability-insurance"),
    ("全球创新指数", "global-innovation-index"),
    ("中国版权金奖", "china-copyright-gold-award"),
    ("知识产权保护示范区", "ip-protection-demonstration-zone"),
    ("国家海外知识产权信息服务平台", "overseas-ip-information-platform"),
]


@pytest.mark.parametrize(("zh", "cid"), CHINESE_NAMES, ids=[c for _, c in CHINESE_NAMES])
def test_chinese_name_resolves(glossary: Glossary, zh: str, cid: str) -> None:
    assert [c.id for c in glossary.lookup(zh, "zh")] == [cid]


def test_planned_laws_are_marked_not_in_force(glossary: Glossary) -> None:
    for cid in ("geographical-indication-law-planned", "basic-ip-law"):
        assert "not enacted" in glossary[cid].definition, cid
