"""Malformed JSON glossaries (issue 16): one error naming the offending path, for every verb."""

from __future__ import annotations

import copy
import json

import pytest

from ipterm.cli import main
from ipterm.errors import GlossaryFormatError
from ipterm.glossary.jsonfmt import loads

BASE = {
    "format": "ipterm-glossary",
    "version": 1,
    "name": "t",
    "concepts": [
        {"id": "c1", "terms": [{"text": "专利", "lang": "zh"}, {"text": "patent", "lang": "en"}]}
    ],
}


def _edit(change):
    data = copy.deepcopy(BASE)
    change(data)
    return json.dumps(data)


CASES = {
    "integer id": (
        _edit(lambda d: d["concepts"][0].update(id=5)),
        r"concepts\[0\]\.id: expected a string",
    ),
    "terms not a list": (
        _edit(lambda d: d["concepts"][0].update(terms="patent")),
        r"concepts\[0\]\.terms: expected a list",
    ),
    "term not an object": (
        _edit(lambda d: d["concepts"][0].update(terms=[["patent"]])),
        r"concepts\[0\]\.terms\[0\]: expected an object",
    ),
    "status not a string": (
        _edit(lambda d: d["concepts"][0]["terms"][0].update(status=7)),
        r"terms\[0\]\.status: expected a string",
    ),
    "unknown status": (
        _edit(lambda d: d["concepts"][0]["terms"][1].update(status="approved")),
        r"terms\[1\]\.status: expected one of preferred",
    ),
    "proposed not a bool": (
        _edit(lambda d: d["concepts"][0].update(proposed="yes")),
        r"concepts\[0\]\.proposed: expected true or false",
    ),
    "confidence a bool": (
        _edit(lambda d: d["concepts"][0].update(confidence=True)),
        r"confidence: expected a number",
    ),
    "huge integer": (
        json.dumps(BASE).replace('"version": 1', '"version": ' + "9" * 5000),
        "4,300 digits",
    ),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "lone surrogate": (
        json.dumps(BASE).replace("patent", "pat\\ud800ent"),
        r"terms\[1\]\.text: expected text without lone surrogates",
    ),
    "concept not an object": (
        _edit(lambda d: d["concepts"].append("c2")),
        r"concepts\[1\]: expected an object",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_loader_names_the_path(case):
    text, message = CASES[case]
    with pytest.raises(GlossaryFormatError, match=message):
        loads(text, path="g.json")


@pytest.mark.parametrize("case", ["integer id", "lone surrogate", "deep nesting", "huge integer"])
@pytest.mark.parametrize("verb", ["show", "validate", "convert", "lookup", "merge"])
def test_every_glossary_verb_gives_one_error_line(tmp_path, capsys, case, verb):
    path = tmp_path / "g.json"
    path.write_text(CASES[case][0], encoding="utf-8")
    argv = {
        "show": ["glossary", "show", str(path)],
        "validate": ["glossary", "validate", str(path)],
        "convert": ["glossary", "convert", str(path), str(tmp_path / "out.tbx")],
        "lookup": ["glossary", "lookup", "专利", "-g", str(path)],
        "merge": ["glossary", "merge", str(path), str(path), "-o", str(tmp_path / "m.json")],
    }[verb]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error: ") and err.count("\n") == 1
    assert not (tmp_path / "out.tbx").exists()


def test_a_good_file_still_loads():
    glossary = loads(json.dumps(BASE))
    assert [t.text for t in glossary.concepts[0].terms] == ["专利", "patent"]
