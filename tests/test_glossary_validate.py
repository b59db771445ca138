"""``ipterm.glossary.validate`` and ``ipterm glossary validate``.

The bundled glossary and bad fixtures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipterm.cli import main
from ipterm.glossary.io import load_glossary, read_glossary
from ipterm.glossary.model import Concept, Glossary, Term
from ipterm.glossary.source import Source
from ipterm.glossary.validate import NAMED_ENTITY_SUBJECTS, successor_chain, validate

BAD = Path(__file__).parent / "data" / "validate" / "bad.json"


def _messages(problems, severity):
    return [str(p) for p in problems if p.severity == severity]


def test_bad_fixture_errors_and_warnings():
    problems = validate(read_glossary(BAD), require_sources=True)
    errors, warnings = _messages(problems, "error"), _messages(problems, "warning")
    assert "no-source-law: a named entity (law) without a structured source" in errors
    assert "dangling: superseded_by 'missing-id' is not a concept of this glossary" in errors
    assert "self: superseded_by names the concept itself" in errors
    assert "self: the term 'Self' (en) is listed twice" in errors
    assert any(e.startswith("cycle-a: superseded_by forms a cycle") for e in errors)
    assert "script-twin: the same preferred names (商标 / Trademark) as script" in errors
    assert any("the mainland term '商標' has Traditional characters" in w for w in warnings)
    assert any("the taiwan term '商标' is written in Simplified characters" in w for w in warnings)
    assert "dangling: the verified source 'Dangling' has no date_read" in warnings
    assert problems[0].severity == "error" and problems[-1].severity == "warning"


def test_sources_optional_for_user_glossaries():
    problems = validate(read_glossary(BAD))
    assert not any("structured source" in str(p) for p in problems)
    assert "no-source-law: a named entity (law) without a source" in _messages(problems, "warning")


def test_successor_chain_and_superseded():
    old = Concept("a", (Term("x", "en"),), valid_until="2020-01-01", superseded_by="b")
    mid = Concept("b", (Term("y", "en"),), valid_until="2021-01-01", superseded_by="c")
    new = Concept("c", (Term("z", "en"),), valid_from="2021-01-01")
    g = Glossary((old, mid, new))
    assert [c.id for c in successor_chain(old, g)] == ["b", "c"]
    assert old.is_superseded() and not new.is_superseded()
    assert _messages(validate(g), "error") == []


def test_model_refuses_bad_dates_and_sources():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        Concept("a", (Term("x", "en"),), valid_from="15 Oct 2025")
    with pytest.raises(ValueError, match="before valid_from"):
        Concept("a", (Term("x", "en"),), valid_from="2025-01-01", valid_until="2024-01-01")
    with pytest.raises(ValueError, match="status"):
        Source("NPC", "Law", status="checked")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown keys"):
        Concept("a", (Term("x", "en"),), sources=({"publisher": "P", "title": "T", "page": 1},))
    with pytest.raises(ValueError, match="publisher"):
        Concept("a", (Term("x", "en"),), sources=({"title": "T"},))


def test_builtin_has_no_errors():
    problems = validate(load_glossary(), require_sources=True)
    assert _messages(problems, "error") == []


def test_cli_validate_builtin_json(capsys):
    assert main(["glossary", "validate", "builtin", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == [] and data["concepts"] == len(load_glossary())


def test_cli_validate_bad_exits_1(capsys):
    assert main(["glossary", "validate", str(BAD)]) == 1
    out = capsys.readouterr().out
    assert "error: dangling: superseded_by 'missing-id'" in out and "warning:" in out
    assert main(["glossary", "validate", str(BAD), "--require-sources", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert "no-source-law: a named entity (law) without a structured source" in data["errors"]


def test_named_entity_subjects_are_glossary_subjects():
    from ipterm.glossary.model import SUBJECTS

    assert NAMED_ENTITY_SUBJECTS <= set(SUBJECTS)


def test_cli_lookup_reports_superseded(capsys, tmp_path):
    path = tmp_path / "g.json"
    src = {"publisher": "Supreme People's Court", "title": "Interpretation"}
    path.write_text(
        json.dumps(
            {
                "concepts": [
                    {
                        "id": "old",
                        "subject": "regulation",
                        "valid_until": "2025-04-26",
                        "superseded_by": "new",
                        "sources": [src],
                        "terms": [{"text": "旧解释", "lang": "zh"}, {"text": "Old", "lang": "en"}],
                    },
                    {
                        "id": "new",
                        "subject": "regulation",
                        "valid_from": "2025-04-26",
                        "sources": [src],
                        "terms": [{"text": "新解释", "lang": "zh"}, {"text": "New", "lang": "en"}],
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    assert main(["glossary", "lookup", "舊解釋", "--glossary", str(path)]) == 0
    assert (
        "old: SUPERSEDED (in force until 2025-04-26) by 新解释 / New [new]"
        in capsys.readouterr().out
    )
    assert main(["glossary", "lookup", "Old", "--glossary", str(path), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["concepts"][0]
    assert found["superseded"] is True
    assert found["successor"] == {"id": "new", "zh": "新解释", "en": "New"}
    assert main(["glossary", "lookup", "New", "--glossary", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["concepts"][0]["successor"] is None


def test_regional_counterparts_are_not_duplicates():
    mainland = Concept("ruling", (Term("裁定", "zh"), Term("ruling", "en")))
    taiwan = Concept("tw-ruling", (Term("裁定", "zh", region="taiwan"), Term("ruling", "en")))
    twin = Concept("ruling-2", (Term("裁定", "zh"), Term("ruling", "en")))
    errors = _messages(validate(Glossary((mainland, taiwan))), "error")
    assert errors == []
    errors = _messages(validate(Glossary((mainland, twin))), "error")
    assert errors == ["ruling-2: the same preferred names (裁定 / ruling) as ruling"]
