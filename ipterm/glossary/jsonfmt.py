"""ipterm's native JSON glossary format (also the format of the bundled glossary).

Layout::

    {
      "format": "ipterm-glossary", "version": 1, "name": "...",
      "concepts": [
        {"id": "cnipa", "subject": "agency", "definition": "...", "note": "...",
         "source": "...", "proposed": false, "confidence": null,
         "sources": [{"publisher": "...", "title": "...", "article": null,
                      "url": "https://...", "date_read": "2025-11-02",
                      "status": "verified"}],
         "valid_from": "2018-03-21", "valid_until": null, "superseded_by": null,
         "terms": [
           {"text": "国家知识产权局", "lang": "zh", "status": "preferred",
            "region": "mainland", "source": "..."},
           {"text": "CNIPA", "lang": "en", "status": "preferred",
            "term_type": "acronym",
            "full_form": "China National Intellectual Property Administration"}
         ]}
      ]
    }

Keys left out take the :class:`~ipterm.glossary.model.Term` defaults, so a
hand-written file stays short.  Unknown keys are an error (a typo such as
``"stauts"`` would otherwise be silently ignored).
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

from ipterm.errors import GlossaryFormatError
from ipterm.glossary.jsonshape import check_shape, parse_json
from ipterm.glossary.model import Concept, Glossary, Term
from ipterm.glossary.source import Source

FORMAT_NAME = "ipterm-glossary"
FORMAT_VERSION = 1

_TERM_FIELDS = {f.name for f in fields(Term)}
_CONCEPT_FIELDS = {f.name for f in fields(Concept)}


def loads(text: str, *, path: str | Path | None = None, name: str | None = None) -> Glossary:
    """Parse a JSON glossary; errors name the file and, where JSON says, the line."""
    data = parse_json(text, path=path)
    if isinstance(data, list):
        data = {"concepts": data}
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise GlossaryFormatError(
            'expected an object with a "concepts" list (ipterm glossary JSON)', path=path
        )
    if data.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise GlossaryFormatError(f"unknown format {data.get('format')!r}", path=path)
    check_shape(data, path=path)
    concepts = []
    for index, raw in enumerate(data["concepts"]):
        concepts.append(_concept(raw, index, path, text))
    glossary_name = name or data.get("name") or (Path(path).stem if path else "glossary")
    try:
        return Glossary(tuple(concepts), name=glossary_name)
    except GlossaryFormatError as exc:
        raise GlossaryFormatError(str(exc).split(": ", 1)[-1], path=path) from None


def _line_of(text: str, concept_id: object) -> int | None:
    if not isinstance(concept_id, str):
        return None
    needle = json.dumps(concept_id, ensure_ascii=False)
    pos = text.find(f'"id": {needle}')
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None


def _concept(raw: Any, index: int, path: str | Path | None, text: str) -> Concept:
    if not isinstance(raw, dict):
        raise GlossaryFormatError(f"concept #{index + 1} is not an object", path=path)
    unknown = set(raw) - _CONCEPT_FIELDS
    if unknown:
        raise GlossaryFormatError(
            f"concept {raw.get('id', index + 1)!r}: unknown keys {sorted(unknown)}",
            path=path,
            line=_line_of(text, raw.get("id")),  # found only on error: it scans the text
        )
    try:
        terms = tuple(_term(t) for t in raw.get("terms", ()))
        values = {k: v for k, v in raw.items() if k != "terms"}
        values.setdefault("id", f"c{index + 1:05d}")
        return Concept(terms=terms, **values)
    except (TypeError, ValueError) as exc:
        raise GlossaryFormatError(
            f"concept {raw.get('id', index + 1)!r}: {exc}",
            path=path,
            line=_line_of(text, raw.get("id")),
        ) from None


def _term(raw: Any) -> Term:
    if not isinstance(raw, dict):
        raise ValueError(f"term {raw!r} is not an object")
    unknown = set(raw) - _TERM_FIELDS
    if unknown:
        raise ValueError(f"term {raw.get('text')!r}: unknown keys {sorted(unknown)}")
    return Term(**raw)


def dumps(glossary: Glossary) -> str:
    """Serialise to JSON, leaving out values equal to the defaults."""
    term_defaults = {f.name: f.default for f in fields(Term)}
    concept_defaults = {f.name: f.default for f in fields(Concept) if f.name != "terms"}
    concepts = []
    for concept in glossary.concepts:
        item: dict[str, Any] = {"id": concept.id}
        for key, default in concept_defaults.items():
            value = getattr(concept, key)
            if key != "id" and value != default:
                item[key] = _plain(value)
        item["terms"] = [
            {
                k: _plain(getattr(t, k))
                for k in term_defaults
                if k in ("text", "lang") or getattr(t, k) != term_defaults[k]
            }
            for t in concept.terms
        ]
        concepts.append(item)
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "name": glossary.name,
        "concepts": concepts,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _plain(value: Any) -> Any:
    """JSON-ready form of a field value: sources become lists of objects."""
    if isinstance(value, tuple) and all(isinstance(v, Source) for v in value):
        return [v.to_dict() for v in value]
    return value
