"""The bundled glossary is current: repealed rules are superseded by their successors.

The changes covered are those of 2023-2025.
"""

from __future__ import annotations

import json

import pytest

import ipterm
from ipterm.cli import main
from ipterm.glossary.model import Glossary


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return ipterm.load_glossary()


# (old concept, its successor, the day the successor took over)
SUCCESSIONS = [
    ("spc-spp-ji-ip-crimes", "spc-spp-ji-ip-crimes-2025", "2025-04-26"),
    ("spc-spp-ji-ip-crimes-ii", "spc-spp-ji-ip-crimes-2025", "2025-04-26"),
    ("spc-spp-ji-ip-crimes-iii", "spc-spp-ji-ip-crimes-2025", "2025-04-26"),
    (
        "patent-application-regulating-measures",
        "patent-application-regulating-provisions-2024",
        "2024-01-20",
    ),
    (
        "collective-certification-marks-measures",
        "collective-certification-marks-provisions-2023",
        "2024-02-01",
    ),
]


@pytest.mark.parametrize(("old", "new", "day"), SUCCESSIONS, ids=[s[0] for s in SUCCESSIONS])
def test_repealed_rules_point_to_their_successor(
    glossary: Glossary, old: str, new: str, day: str
) -> None:
    concept, successor = glossary[old], glossary[new]
    assert concept.superseded_by == new and concept.valid_until == day
    assert concept.is_superseded("2026-01-01") and not successor.is_superseded("2026-01-01")
    assert successor.valid_from == day and successor.sources


def test_lookup_reports_the_repealed_interpretation(capsys) -> None:
    title = (
        "最高人民法院、最高人民检察院关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释（三）"
    )
    assert main(["glossary", "lookup", title]) == 0
    out = capsys.readouterr().out
    assert "spc-spp-ji-ip-crimes-iii: SUPERSEDED (in force 2020-09-14 to 2025-04-26) by" in out
    assert "[spc-spp-ji-ip-crimes-2025]" in out
    assert main(["glossary", "lookup", "CNIPA Order No. 77", "--json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)["concepts"]
    assert found["superseded"] is False and found["valid_from"] == "2024-01-20"


def test_aucl_2025_article_numbers(glossary: Glossary) -> None:
    assert "15 October 2025" in glossary["anti-unfair-competition-law-prc"].definition
    assert "Art. 7" in glossary["act-of-confusion"].note
    assert "Art. 10" in glossary["trade-secret"].definition
    articles = {s.article for s in glossary["trade-secret"].sources}
    assert "Art. 10 (Art. 9 before 15 October 2025)" in articles


def test_official_english_of_the_ip_powerhouse(glossary: Glossary) -> None:
    (concept,) = glossary.lookup("知识产权强国")
    assert concept.preferred("en").text == "powerful country with intellectual property rights"
    assert "IP powerhouse" in {t.text for t in concept.accepted("en")}
    (guidelines,) = glossary.lookup("知识产权强国建设纲要（2021－2035年）")
    assert guidelines.preferred("en").text == (
        "Guidelines for Building a Powerful Country with Intellectual Property Rights (2021-2035)"
    )


def test_taiwan_patent_agent_is_not_a_patent_attorney(glossary: Glossary) -> None:
    (agent,) = glossary.lookup("專利代理人")
    assert agent.id == "tw-patent-agent"
    assert agent.preferred("en", region="taiwan").text == "patent agent"
    attorney = glossary["patent-attorney"]
    assert attorney.preferred("zh", region="taiwan").text == "專利師"
    assert "patent agent" not in {t.text for t in attorney.terms}


def test_taiwan_economic_rights_holder(glossary: Glossary) -> None:
    (holder,) = glossary.lookup("著作財產權人")
    assert holder.preferred("en", region="taiwan").text == "economic rights holder"
    assert "著作財產權人" not in {t.text for t in glossary["copyright-owner"].terms}
