"""CSV and TSV glossaries: the long form (one row per term) and plain ``zh,en`` sheets.

Spreadsheets are how most translators keep terminology, so ipterm reads two
shapes and writes one:

* **Long form** (read and written): a header row naming the columns in
  :data:`COLUMNS`, then one row per term.  ``concept``, ``lang`` and ``term``
  are required; the concept-level columns (``subject``, ``definition``,
  ``proposed``, ``confidence``, ``concept_source``, ``concept_note``,
  ``concept_sources``, ``valid_from``, ``valid_until``, ``superseded_by``) are
  repeated on every row of a concept so the sheet can be sorted and filtered
  freely; the first non-empty value counts and a different one later is an
  error (an edit made on one row only would otherwise be lost silently).
* **Two-column sheets** (read only): ``zh,en`` pairs with or without a header
  row (``zh``/``en``/``chinese``/``english``/``中文``/``英文``/``source``/
  ``target``, any case).  Without a header, the column with more Chinese
  characters is the Chinese one.  Pairs become concepts through
  :meth:`Glossary.from_pairs`.

The row logic here is shared with the XLSX format (:mod:`ipterm.glossary.xlsx`),
and the value parsers (status, region, booleans) with TBX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ipterm.errors import GlossaryFormatError, InputError
from ipterm.glossary.model import REGIONS, STATUSES, Concept, Glossary, Term
from ipterm.glossary.source import sources_from_text, sources_to_text

# Column order of exports: the six a translator needs first, then the rest.
COLUMNS: tuple[str, ...] = tuple(
    "concept lang term status region source subject term_type full_form case_sensitive "
    "definition note proposed confidence concept_source concept_note "
    "sources concept_sources valid_from valid_until superseded_by".split()
)
REQUIRED_COLUMNS: tuple[str, ...] = ("concept", "lang", "term")
_CONCEPT_COLUMNS = {
    "subject": "subject",
    "definition": "definition",
    "proposed": "proposed",
    "confidence": "confidence",
    "concept_source": "source",
    "concept_note": "note",
    "concept_sources": "sources",
    "valid_from": "valid_from",
    "valid_until": "valid_until",
    "superseded_by": "superseded_by",
}

# Header words of two-column sheets; None means "says nothing about the language".
_ZH_HEADERS = "zh zh-cn zh-hans zh-tw zh-hant zh-hk cn chinese 中文 汉语 漢語".split()
_EN_HEADERS = "en en-us en-gb english 英文 英语 英語".split()
PAIR_HEADERS: dict[str, str | None] = {
    **dict.fromkeys(_ZH_HEADERS, "zh"),
    **dict.fromkeys(_EN_HEADERS, "en"),
    **dict.fromkeys(("source", "target", "term", "translation"), None),
}

# Region codes as in BCP 47 / TBX geographicalUsage (zh-CN...) and plain names.
_REGION_BY_CODE = {"cn": "mainland", "tw": "taiwan", "hk": "hongkong", "mo": "macau"}
REGION_CODES: dict[str, str] = {region: code.upper() for code, region in _REGION_BY_CODE.items()}
_REGION_ALIASES = {
    "hong kong": "hongkong",
    "macao": "macau",
    "prc": "mainland",
    "china": "mainland",
}
_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"false", "no", "n", "0", ""}


def parse_status(value: str) -> str:
    """A term status from ipterm's words or TBX picklist values.

    >>> parse_status("deprecatedTerm-admn-sts"), parse_status(" Admitted ")
    ('deprecated', 'admitted')
    """
    word = value.strip().lower()
    if not word:
        return "preferred"
    word = word.removesuffix("-admn-sts").removesuffix("term")
    if word not in STATUSES:
        raise ValueError(f"unknown status {value!r}; use one of {', '.join(STATUSES)}")
    return word


def parse_region(value: str) -> str | None:
    """A region from its ipterm name, a country code or a locale (``zh-TW``, ``en-HK``).

    >>> parse_region("zh-TW"), parse_region("Hong Kong"), parse_region("")
    ('taiwan', 'hongkong', None)
    """
    word = " ".join(value.strip().lower().replace("_", "-").split())
    if not word:
        return None
    if word in REGIONS:
        return word
    if word in _REGION_ALIASES:
        return _REGION_ALIASES[word]
    code = word.rsplit("-", 1)[-1]
    if code in _REGION_BY_CODE:
        return _REGION_BY_CODE[code]
    raise ValueError(
        f"unknown region {value!r}; use one of {', '.join(REGIONS)} "
        "or a locale such as zh-CN, zh-TW, zh-HK, zh-MO"
    )


def parse_bool(value: str, what: str = "value") -> bool | None:
    """``true``/``yes``/``1``/``x`` or ``false``/``no``/``0``; empty is ``None``."""
    word = value.strip().lower()
    if not word:
        return None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"{what} must be true or false, not {value!r}")


def parse_confidence(value: str) -> float | None:
    """A number, or ``None`` for an empty cell."""
    if not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"confidence must be a number, not {value!r}") from None


def cell_text(value: Any) -> str:
    """Spreadsheet cell value as text (``None`` -> "", booleans as true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -- glossary -> rows --------------------------------------------------------


def glossary_rows(glossary: Glossary) -> Iterator[list[Any]]:
    """One list of typed values per term, in :data:`COLUMNS` order (no header)."""
    for concept in glossary.concepts:
        for term in concept.terms:
            yield [
                concept.id,
                term.lang,
                term.text,
                term.status,
                term.region,
                term.source,
                concept.subject,
                term.term_type,
                term.full_form,
                term.case_sensitive,
                concept.definition,
                term.note,
                concept.proposed,
                concept.confidence,
                concept.source,
                concept.note,
                sources_to_text(term.sources),
                sources_to_text(concept.sources),
                concept.valid_from,
                concept.valid_until,
                concept.superseded_by,
            ]


# -- rows -> glossary --------------------------------------------------------


def glossary_from_rows(
    rows: Iterable[tuple[int, list[str]]],
    *,
    path: str | Path | None = None,
    name: str | None = None,
) -> Glossary:
    """Build a glossary from numbered text rows of a long-form or two-column sheet."""
    glossary_name = name or (Path(path).name.split(".")[0] if path else "glossary")
    numbered = [(n, [c.strip() for c in row]) for n, row in rows if any(c.strip() for c in row)]
    if not numbered:
        raise GlossaryFormatError("the sheet has no rows; give a header row and terms", path=path)
    first_line, header = numbered[0]
    lowered = [c.lower() for c in header]
    if {"concept", "lang"} & set(lowered):
        return _long_form(lowered, first_line, numbered[1:], path=path, name=glossary_name)
    return _pairs(numbered, path=path, name=glossary_name)


def _long_form(
    header: list[str], header_line: int, rows: list[tuple[int, list[str]]], *, path, name: str
) -> Glossary:
    unknown = [c for c in header if c and c not in COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    duplicated = sorted({c for c in header if c and header.count(c) > 1})
    if unknown or missing or duplicated:
        problems = [f"unknown columns {unknown}"] * bool(unknown)
        problems += [f"missing columns {missing}"] * bool(missing)
        problems += [f"repeated columns {duplicated}"] * bool(duplicated)
        raise GlossaryFormatError(
            f"bad header ({'; '.join(problems)}); columns are {', '.join(COLUMNS)} "
            f"and {', '.join(REQUIRED_COLUMNS)} are required",
            path=path,
            line=header_line,
        )
    index = {c: i for i, c in enumerate(header) if c}
    concepts: dict[str, dict[str, Any]] = {}
    for line, row in rows:
        if any(row[len(header) :]):
            raise GlossaryFormatError(
                f"row has {len(row)} cells but the header names {len(header)} columns",
                path=path,
                line=line,
            )
        cells = {c: (row[i] if i < len(row) else "") for c, i in index.items()}
        try:
            _add_row(concepts, cells, line)
        except ValueError as exc:
            raise GlossaryFormatError(str(exc), path=path, line=line) from None
    built = []
    for concept_id, parts in concepts.items():
        try:
            built.append(Concept(concept_id, tuple(parts["terms"]), **parts["fields"]))
        except ValueError as exc:
            raise GlossaryFormatError(str(exc), path=path, line=parts["line"]) from None
    if not built:
        raise GlossaryFormatError(
            "the sheet has a header but no terms", path=path, line=header_line
        )
    return Glossary(tuple(built), name=name)


def _add_row(concepts: dict[str, dict[str, Any]], cells: dict[str, str], line: int) -> None:
    concept_id = cells["concept"]
    if not concept_id:
        raise ValueError("the concept cell is empty; give every term the id of its concept")
    if not cells["term"]:
        raise ValueError(f"concept {concept_id!r}: the term cell is empty")
    term = Term(
        cells["term"],
        cells["lang"].lower(),
        status=parse_status(cells.get("status", "")),  # type: ignore[arg-type]
        region=parse_region(cells.get("region", "")),
        source=cells.get("source") or None,
        term_type=cells.get("term_type") or "fullForm",
        full_form=cells.get("full_form") or None,
        case_sensitive=parse_bool(cells.get("case_sensitive", ""), "case_sensitive"),
        note=cells.get("note") or None,
        sources=sources_from_text(cells.get("sources", "")),
    )
    entry = concepts.setdefault(concept_id, {"terms": [], "fields": {}, "line": line, "seen": {}})
    entry["terms"].append(term)
    for column, field_name in _CONCEPT_COLUMNS.items():
        raw = cells.get(column, "")
        if not raw:
            continue
        value = _concept_value(column, raw)
        if field_name in entry["fields"] and entry["fields"][field_name] != value:
            raise ValueError(
                f"concept {concept_id!r}: {column} {raw!r} differs from "
                f"{entry['seen'][field_name]!r} on line {entry['line']}; make them the same"
            )
        entry["fields"][field_name] = value
        entry["seen"][field_name] = raw


def _concept_value(column: str, raw: str) -> Any:
    if column == "proposed":
        return bool(parse_bool(raw, "proposed"))
    if column == "confidence":
        return parse_confidence(raw)
    if column == "concept_sources":
        return sources_from_text(raw)
    return raw


def _pairs(rows: list[tuple[int, list[str]]], *, path, name: str) -> Glossary:
    for line, row in rows:
        if len([c for c in row if c]) > 2 or any(row[2:]):
            raise GlossaryFormatError(
                f"expected two columns (Chinese, English), found {len(row)}; for more fields use "
                f"a header row with the columns {', '.join(COLUMNS)}",
                path=path,
                line=line,
            )
    head = [c.lower() for c in rows[0][1][:2]]
    zh_col: int | None = None
    if len(head) == 2 and all(c in PAIR_HEADERS for c in head):
        langs = [PAIR_HEADERS[c] for c in head]
        zh_col = (
            0
            if langs[0] == "zh" or langs[1] == "en"
            else 1
            if "zh" in langs or "en" in langs
            else None
        )
        rows = rows[1:]
    if not rows:
        raise GlossaryFormatError("the sheet has a header but no terms", path=path)
    if zh_col is None:
        zh_col = _chinese_column(rows, path)
    pairs = []
    for line, row in rows:
        cells = (row + ["", ""])[:2]
        if not cells[0] or not cells[1]:
            raise GlossaryFormatError(
                f"the row {' | '.join(c for c in row if c) or '(empty)'!r} needs both a Chinese "
                "and an English term",
                path=path,
                line=line,
            )
        pairs.append((cells[zh_col], cells[1 - zh_col]))
    return Glossary.from_pairs(pairs, name=name)


def _chinese_column(rows: list[tuple[int, list[str]]], path) -> int:
    import regex

    han = regex.compile(r"\p{Han}")
    counts = [0, 0]
    for _, row in rows:
        for col, cell in enumerate(row[:2]):
            counts[col] += bool(han.search(cell))
    if counts[0] == counts[1]:
        raise GlossaryFormatError(
            "cannot tell which column is Chinese; add a header row such as 'zh,en'",
            path=path,
            line=rows[0][0],
        )
    return 0 if counts[0] > counts[1] else 1


# -- CSV / TSV files ---------------------------------------------------------


def _delimiter(path: str | Path | None) -> str:
    return "\t" if path is not None and Path(path).suffix.lower() in (".tsv", ".tab") else ","


def loads(
    text: str,
    *,
    path: str | Path | None = None,
    name: str | None = None,
    delimiter: str | None = None,
) -> Glossary:
    """Parse CSV (or TSV with ``delimiter="\\t"``; by default the path's extension decides).

    >>> g = loads("zh,en\\n专利,patent\\n")
    >>> g.lookup("專利")[0].preferred("en").text
    'patent'
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter or _delimiter(path), strict=True)
    return glossary_from_rows(_numbered(reader, path), path=path, name=name)


def _numbered(reader, path) -> Iterator[tuple[int, list[str]]]:
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise GlossaryFormatError(
                f"not valid CSV: {exc}", path=path, line=reader.line_num
            ) from None
        yield line, row
        line = reader.line_num + 1


def read(path: str | Path, *, name: str | None = None) -> Glossary:
    """Read a ``.csv`` or ``.tsv`` glossary; unreadable files raise GlossaryFormatError."""
    from ipterm.text.io import read_text

    try:
        text = read_text(path)
    except InputError as exc:
        raise GlossaryFormatError(str(exc).split(": ", 1)[-1], path=path) from None
    return loads(text, path=path, name=name)


def dumps(glossary: Glossary, *, delimiter: str = ",") -> str:
    """Serialise to the long form with a header row.

    >>> print(dumps(Glossary.from_pairs([("专利", "patent")])).splitlines()[1])
    c00001,zh,专利,preferred,,,general,fullForm,,,,,false,,,,,,,,
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in glossary_rows(glossary):
        writer.writerow([cell_text(v) for v in row])
    return out.getvalue()


def write(glossary: Glossary, path: str | Path) -> None:
    """Write atomically; ``.tsv`` gets tabs, anything else commas."""
    from ipterm.text.io import write_text

    write_text(path, dumps(glossary, delimiter=_delimiter(path)))
