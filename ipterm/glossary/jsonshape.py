"""The shape of a JSON glossary, checked before any object is built.

``json.loads`` accepts anything JSON can say: a concept id that is a number,
``"terms": "patent"``, a 100,000-deep list, a number with a million digits, a
lone UTF-16 surrogate that no file can hold.  :func:`parse_json` turns what
the parser refuses into one :class:`GlossaryFormatError`, and :func:`check_shape`
names the first value of the wrong kind by its path, as JSON tools do::

    concepts[3].terms[0].status: expected one of preferred, admitted, ...; got 7
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import regex

from ipterm.errors import GlossaryFormatError
from ipterm.glossary.model import STATUSES

__all__ = ["check_shape", "parse_json"]

_STR, _OPT_STR, _BOOL, _OPT_BOOL, _NUMBER, _LIST = (
    "a string",
    "a string or null",
    "true or false",
    "true, false or null",
    "a number or null",
    "a list",
)
_CONCEPT = {
    "id": _STR, "subject": _STR, "definition": _OPT_STR, "note": _OPT_STR, "source": _OPT_STR,
    "proposed": _BOOL, "confidence": _NUMBER, "terms": _LIST, "sources": _LIST,
    "valid_from": _OPT_STR, "valid_until": _OPT_STR, "superseded_by": _OPT_STR,
}  # fmt: skip
_TERM = {
    "text": _STR, "lang": _STR, "status": _STR, "region": _OPT_STR, "source": _OPT_STR,
    "term_type": _STR, "full_form": _OPT_STR, "case_sensitive": _OPT_BOOL, "note": _OPT_STR,
    "sources": _LIST,
}  # fmt: skip
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def parse_json(text: str, *, path: str | Path | None = None) -> Any:
    """``json.loads(text)``, with every refusal one :class:`GlossaryFormatError`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GlossaryFormatError(
            f"not valid JSON: {exc.msg}", path=path, line=exc.lineno
        ) from None
    except RecursionError:
        raise GlossaryFormatError(
            "the JSON is nested too deeply to be a glossary", path=path
        ) from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise GlossaryFormatError(
            "a number in the JSON has more than 4,300 digits; no glossary needs one", path=path
        ) from None


def check_shape(data: dict[str, Any], *, path: str | Path | None = None) -> None:
    """Raise on the first value of the wrong type, naming its path.

    Unknown keys are left to the loader.
    """
    for key in ("name", "format"):
        if key in data and not isinstance(data[key], str | None):
            _fail(key, "a string", data[key], path)
    for i, concept in enumerate(data["concepts"]):
        where = f"concepts[{i}]"
        if not isinstance(concept, dict):
            _fail(where, "an object", concept, path)
        _fields(concept, _CONCEPT, where, path)
        for j, term in enumerate(concept.get("terms") or ()):
            term_where = f"{where}.terms[{j}]"
            if not isinstance(term, dict):
                _fail(term_where, "an object", term, path)
            _fields(term, _TERM, term_where, path)
            status = term.get("status", "preferred")
            if status not in STATUSES:
                _fail(f"{term_where}.status", "one of " + ", ".join(STATUSES), status, path)
            _sources(term, term_where, path)
        _sources(concept, where, path)


def _fields(obj: dict[str, Any], schema: dict[str, str], where: str, path) -> None:
    for key, value in obj.items():
        if not isinstance(key, str) or _SURROGATE.search(key):
            _fail(where, "keys of plain text", key, path)
        kind = schema.get(key)
        if kind is not None and not _is(value, kind):
            _fail(f"{where}.{key}", kind, value, path)
        if isinstance(value, str) and _SURROGATE.search(value):
            _fail(f"{where}.{key}", "text without lone surrogates (\\ud800-\\udfff)", value, path)


def _sources(obj: dict[str, Any], where: str, path) -> None:
    for k, source in enumerate(obj.get("sources") or ()):
        if not isinstance(source, dict):
            _fail(f"{where}.sources[{k}]", "an object", source, path)
        for key, value in source.items():
            if not isinstance(value, str | None) or (
                isinstance(value, str) and _SURROGATE.search(value)
            ):
                _fail(f"{where}.sources[{k}].{key}", _OPT_STR, value, path)


def _is(value: Any, kind: str) -> bool:
    if kind == _STR:
        return isinstance(value, str)
    if kind == _OPT_STR:
        return value is None or isinstance(value, str)
    if kind == _BOOL:
        return isinstance(value, bool)
    if kind == _OPT_BOOL:
        return value is None or isinstance(value, bool)
    if kind == _NUMBER:
        return value is None or (isinstance(value, int | float) and not isinstance(value, bool))
    return isinstance(value, list)


def _fail(where: str, expected: str, got: Any, path) -> None:
    shown = repr(got)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    raise GlossaryFormatError(f"{where}: expected {expected}; got {shown}", path=path)
