"""TBX glossaries: TBX-Basic 2019 (ISO 30042:2019, DCA style) and the older TBX 2008 MARTIF form.

One reader handles both, built on defusedxml so that a file declaring
entities (the "billion laughs" attack, external entities) is refused with a
:class:`~ipterm.errors.GlossaryFormatError` instead of being expanded.
translate-toolkit's ``translate.storage.tbx`` also reads MARTIF, but it parses
with lxml, models a source/target pair rather than concepts, and drops term
types, regions and the acronym link, so ipterm does not use it.

Mapping (see docs/glossary-formats.md for the full table):

* concept: ``conceptEntry``/``termEntry`` ``id``; ``descrip type="subjectField"``,
  ``descrip type="definition"``, ``admin type="source"``, ``note``, and the
  private ``admin type="ipterm-proposed"`` / ``admin type="ipterm-confidence"``,
  ``ipterm-source`` (one structured source as a JSON object), ``ipterm-validFrom``,
  ``ipterm-validUntil`` and ``ipterm-supersededBy`` (a concept id).
* term: ``termSec``/``tig``/``ntig`` with ``term``; ``termNote`` types
  ``administrativeStatus`` (``preferredTerm-admn-sts``...), ``termType``,
  ``geographicalUsage`` (``zh-CN``/``zh-TW``/``zh-HK``/``zh-MO`` for mainland,
  Taiwan, Hong Kong, Macau; English terms get ``en-CN``...), the private
  ``ipterm-caseSensitive``; ``admin type="source"``; ``note``.
* an acronym's full form: ``<ref type="crossReference" target="ID">full form</ref>``
  in the acronym's ``termSec``, pointing at the full form's ``termSec`` id when
  the concept has it; the element text always carries the full form, so the
  link survives tools that renumber ids.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ipterm.errors import GlossaryFormatError, InputError
from ipterm.glossary.model import TERM_TYPES, Concept, Glossary, Term
from ipterm.glossary.source import Source, sources_from_text
from ipterm.glossary.tabular import (
    REGION_CODES,
    parse_bool,
    parse_confidence,
    parse_region,
    parse_status,
)
from ipterm.text.clean import printable_or_warn

NS_2019 = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VERSIONS = ("2019", "2008")

# TBX status and term-type values outside ipterm's smaller sets, mapped to the nearest one.
_STATUS_ALIASES = {
    "standardizedterm": "preferred",
    "legalterm": "admitted",
    "regulatedterm": "admitted",
}
_TERM_TYPE_ALIASES = {"initialism": "acronym", "clippedterm": "shortForm"}
_TERM_TYPE_ALIASES |= dict.fromkeys(("orthographicvariant", "transliteratedform"), "variant")
_TERM_TYPES = {t.lower(): t for t in TERM_TYPES}
# Element names of (root, header, concept, language section, term section) per TBX version.
_NAMES = {
    "2019": ("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec"),
    "2008": ("martif", "martifHeader", "termEntry", "langSet", "tig"),
}
_WRAPPERS = {"descripGrp", "adminGrp", "transacGrp", "termGrp", "termNoteGrp", "noteGrp"}


# -- reading -----------------------------------------------------------------


class _LineTarget(ET.TreeBuilder):
    """TreeBuilder that remembers the line each element starts on (ElementTree does not)."""

    lines: dict[int, int]
    expat: Any

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:  # type: ignore[override]
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.expat.CurrentLineNumber
        return element


# expat itself decodes only these; any other declared encoding (GBK, Big5, ...) is
# decoded here with Python's codec and handed on as UTF-8, on the same lines.
_EXPAT_ENCODINGS = frozenset(
    {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin-1", "us-ascii"}
)
_DECLARED_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])([A-Za-z0-9._-]+)\2""")


def _as_utf8(data: bytes, path: str | Path | None) -> bytes:
    """Bytes expat can read: a declared multi-byte encoding is decoded here or refused."""
    match = _DECLARED_ENCODING.match(data)
    if match is None or match.group(3).decode("ascii").lower() in _EXPAT_ENCODINGS:
        return data
    declared = match.group(3).decode("ascii")
    try:
        text = data[match.end() :].decode(declared)
    except LookupError:
        raise GlossaryFormatError(
            f"the file declares encoding {declared!r}, which ipterm does not know; "
            "save it as UTF-8",
            path=path,
        ) from None
    except UnicodeDecodeError as exc:
        raise GlossaryFormatError(
            f"the file declares encoding {declared!r} but byte {exc.start + match.end()} "
            f"is not valid {declared}; save it as UTF-8",
            path=path,
        ) from None
    return match.group(1) + b'"UTF-8"' + text.encode("utf-8")


def _parse(data: str | bytes, path: str | Path | None) -> tuple[ET.Element, dict[int, int]]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    if not data.strip():
        raise GlossaryFormatError("the file is empty; give a TBX file", path=path)
    if isinstance(data, bytes):
        data = _as_utf8(data, path)
    target = _LineTarget()
    parser = DefusedXMLParser(target=target)
    target.lines, target.expat = {}, parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        raise GlossaryFormatError(
            f"not well-formed XML: {exc.msg}", path=path, line=exc.position[0]
        ) from None
    except DefusedXmlException as exc:
        raise GlossaryFormatError(
            "the file declares XML entities or a DTD that ipterm refuses to expand "
            f"({type(exc).__name__}); remove the <!DOCTYPE ...> entity declarations",
            path=path,
            line=target.expat.CurrentLineNumber,
        ) from None
    return root, target.lines


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: ET.Element) -> str:
    """Element text with inline markup (``<hi>``) kept as text and outer whitespace stripped."""
    return "".join(element.itertext()).strip()


def _items(element: ET.Element) -> list[ET.Element]:
    """Children, with TBX grouping elements (descripGrp, termGrp...) flattened away."""
    out: list[ET.Element] = []
    for child in element:
        if _local(child.tag) in _WRAPPERS:
            out.extend(_items(child))
        else:
            out.append(child)
    return out


def loads(
    data: str | bytes, *, path: str | Path | None = None, name: str | None = None
) -> Glossary:
    """Parse TBX 2019 (``<tbx>``) or TBX 2008 (``<martif>``) text.

    >>> g = loads('<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="p">'
    ...     '<langSec xml:lang="zh"><termSec><term>专利</term></termSec></langSec>'
    ...     '<langSec xml:lang="en"><termSec><term>patent</term></termSec></langSec>'
    ...     '</conceptEntry></body></text></tbx>')
    >>> g["p"].preferred("en").text
    'patent'
    """
    root, lines = _parse(data, path)
    root_name = _local(root.tag)
    if root_name not in ("tbx", "martif"):
        raise GlossaryFormatError(
            f"the root element is <{root_name}>, not <tbx> (TBX 2019) or <martif> (TBX 2008)",
            path=path,
            line=lines.get(id(root)),
        )
    body = next((e for e in root.iter() if _local(e.tag) == "body"), None)
    if body is None:
        raise GlossaryFormatError("no <text><body> element with concept entries", path=path)
    reader = _Reader(path, lines, _term_ids(body))
    entries = [e for e in body if _local(e.tag) in ("conceptEntry", "termEntry")]
    concepts = [c for n, e in enumerate(entries, 1) if (c := reader.concept(e, n)) is not None]
    title = next((_text(e) for e in root.iter() if _local(e.tag) == "title"), "")
    glossary_name = name or title or (Path(path).name.split(".")[0] if path else "glossary")
    try:
        return Glossary(tuple(concepts), name=glossary_name)
    except GlossaryFormatError as exc:
        raise GlossaryFormatError(str(exc).split(": ", 1)[-1], path=path) from None


def _term_ids(body: ET.Element) -> dict[str, str]:
    """id -> term text for every term section, to resolve crossReference targets."""
    ids = {}
    for element in body.iter():
        if _local(element.tag) in ("termSec", "tig", "ntig") and element.get("id"):
            term = next((e for e in element.iter() if _local(e.tag) == "term"), None)
            if term is not None:
                ids[element.get("id", "")] = _text(term)
    return ids


class _Reader:
    def __init__(
        self, path: str | Path | None, lines: dict[int, int], term_ids: dict[str, str]
    ) -> None:
        self.path = path
        self.lines = lines
        self.term_ids = term_ids

    def error(self, message: str, element: ET.Element) -> GlossaryFormatError:
        return GlossaryFormatError(message, path=self.path, line=self.lines.get(id(element)))

    def concept(self, entry: ET.Element, number: int) -> Concept | None:
        concept_id = entry.get("id") or f"c{number:05d}"
        fields: dict[str, Any] = {}
        terms: list[Term] = []
        lang_definitions: dict[str, str] = {}
        try:
            for item in _items(entry):
                kind = _local(item.tag)
                if kind in ("langSec", "langSet"):
                    terms.extend(self.lang_section(item, lang_definitions))
                else:
                    self.concept_field(item, fields)
        except GlossaryFormatError as exc:
            raise GlossaryFormatError(
                f"concept {concept_id!r}: {str(exc).split(': ', 1)[-1]}",
                path=self.path,
                line=exc.line,
            ) from None
        except ValueError as exc:
            raise self.error(f"concept {concept_id!r}: {exc}", entry) from None
        if not terms:
            return None  # no Chinese or English term: nothing ipterm can use
        if "definition" not in fields and lang_definitions:
            fields["definition"] = lang_definitions.get("en") or next(
                iter(lang_definitions.values())
            )
        return Concept(concept_id, tuple(terms), **fields)

    def concept_field(self, item: ET.Element, fields: dict[str, Any]) -> None:
        kind, kind_type, text = _local(item.tag), item.get("type", ""), _text(item)
        if kind == "descrip" and kind_type == "subjectField" and text:
            fields["subject"] = text
        elif kind == "descrip" and kind_type == "definition" and text:
            fields["definition"] = text
        elif kind == "admin" and kind_type == "source" and text:
            fields["source"] = text
        elif kind == "note" and text:
            fields["note"] = f"{fields['note']}\n{text}" if "note" in fields else text
        elif kind == "admin" and kind_type == "ipterm-proposed":
            fields["proposed"] = bool(parse_bool(text, "ipterm-proposed"))
        elif kind == "admin" and kind_type == "ipterm-confidence":
            fields["confidence"] = parse_confidence(text)
        elif kind == "admin" and kind_type == "ipterm-source" and text:
            fields["sources"] = fields.get("sources", ()) + _source(text)
        elif kind == "admin" and kind_type in _VALIDITY and text:
            fields[_VALIDITY[kind_type]] = text

    def lang_section(self, section: ET.Element, definitions: dict[str, str]) -> list[Term]:
        locale = section.get(XML_LANG) or section.get("lang") or ""
        if not locale:
            raise self.error(f"<{_local(section.tag)}> without xml:lang", section)
        lang = locale.split("-")[0].split("_")[0].lower()
        if lang not in ("zh", "en"):
            return []  # other languages are outside ipterm's zh-en model
        region = (
            parse_region(locale)
            if "-" in locale and lang == "zh" and not _is_script(locale)
            else None
        )
        terms = []
        for item in _items(section):
            kind = _local(item.tag)
            if kind in ("termSec", "tig", "ntig"):
                terms.append(self.term(item, lang, region))
            elif kind == "descrip" and item.get("type") == "definition" and _text(item):
                definitions.setdefault(lang, _text(item))
        return terms

    def term(self, section: ET.Element, lang: str, region: str | None) -> Term:
        try:
            return self._term(section, lang, region)
        except ValueError as exc:
            if isinstance(exc, GlossaryFormatError):
                raise
            raise self.error(str(exc), section) from None

    def _term(self, section: ET.Element, lang: str, region: str | None) -> Term:
        values: dict[str, Any] = {"lang": lang, "region": region}
        notes = []
        for item in _items(section):
            kind, kind_type, text = _local(item.tag), item.get("type", ""), _text(item)
            if kind == "term":
                values["text"] = text
            elif kind == "termNote" and kind_type in (
                "administrativeStatus",
                "normativeAuthorization",
            ):
                word = text.lower().removesuffix("-admn-sts")
                values["status"] = _STATUS_ALIASES.get(word) or parse_status(text)
            elif kind == "termNote" and kind_type == "termType":
                values["term_type"] = _term_type(text)
            elif kind == "termNote" and kind_type == "geographicalUsage":
                values["region"] = parse_region(text)
            elif kind == "termNote" and kind_type == "ipterm-caseSensitive":
                values["case_sensitive"] = parse_bool(text, "ipterm-caseSensitive")
            elif kind == "admin" and kind_type == "source" and text:
                values["source"] = text
            elif kind == "admin" and kind_type == "ipterm-source" and text:
                values["sources"] = values.get("sources", ()) + _source(text)
            elif kind == "note" and text:
                notes.append(text)
            elif kind in ("ref", "xref") and kind_type == "crossReference":
                values["full_form"] = text or self.term_ids.get(item.get("target", ""))
        if notes:
            values["note"] = "\n".join(notes)
        if not values.get("text"):
            raise ValueError("a term section without a <term>")
        return Term(**values)


# Private concept-level admin types for validity, and the Concept field each fills.
_VALIDITY = {
    "ipterm-validFrom": "valid_from",
    "ipterm-validUntil": "valid_until",
    "ipterm-supersededBy": "superseded_by",
}


def _source(text: str) -> tuple[Source, ...]:
    """One ``ipterm-source`` admin element: a JSON object (a list is accepted too)."""
    stripped = text.strip()
    return sources_from_text(stripped if stripped.startswith("[") else f"[{stripped}]")


def _is_script(locale: str) -> bool:
    return locale.split("-")[-1].lower() in ("hans", "hant")


def _term_type(value: str) -> str:
    word = value.strip().lower()
    if word in _TERM_TYPES:
        return _TERM_TYPES[word]
    if word in _TERM_TYPE_ALIASES:
        return _TERM_TYPE_ALIASES[word]
    raise ValueError(f"unknown termType {value!r}; use one of {', '.join(_TERM_TYPES.values())}")


def read(path: str | Path, *, name: str | None = None) -> Glossary:
    """Read a TBX file (2019 or 2008); the parser gets bytes, so the encoding declaration counts."""
    path = Path(path)
    return loads(path.read_bytes(), path=path, name=name)


# -- writing -----------------------------------------------------------------


def dumps(glossary: Glossary, *, version: str = "2019") -> str:
    """Serialise as TBX-Basic 2019 (default) or TBX 2008 MARTIF.

    >>> text = dumps(Glossary.from_pairs([("专利", "patent")]))
    >>> '<tbx type="TBX-Basic" style="dca"' in text and "<term>专利</term>" in text
    True
    """
    if version not in VERSIONS:
        raise InputError(f"TBX version must be one of {', '.join(VERSIONS)}, not {version!r}")
    glossary = printable_or_warn(glossary, "TBX output")
    names = _NAMES[version]
    root = ET.Element(names[0])
    if version == "2008":
        root.attrib.update({"type": "TBX", XML_LANG: "en"})
    else:
        root.attrib.update({"type": "TBX-Basic", "style": "dca", XML_LANG: "en", "xmlns": NS_2019})
    header = ET.SubElement(ET.SubElement(root, names[1]), "fileDesc")
    ET.SubElement(ET.SubElement(header, "titleStmt"), "title").text = glossary.name
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = "Written by ipterm"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for concept in glossary.concepts:
        _write_concept(body, concept, names)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _write_concept(body: ET.Element, concept: Concept, names: tuple[str, ...]) -> None:
    entry = ET.SubElement(body, names[2], id=concept.id)
    _sub(entry, "descrip", concept.subject, type="subjectField")
    _sub(entry, "descrip", concept.definition, type="definition")
    _sub(entry, "admin", concept.source, type="source")
    _sub(entry, "note", concept.note)
    if concept.proposed:
        _sub(entry, "admin", "true", type="ipterm-proposed")
    if concept.confidence is not None:
        _sub(entry, "admin", repr(concept.confidence), type="ipterm-confidence")
    _write_sources(entry, concept.sources)
    for kind_type, field_name in _VALIDITY.items():
        _sub(entry, "admin", getattr(concept, field_name), type=kind_type)
    for lang in ("zh", "en"):
        terms = [t for t in concept.terms if t.lang == lang]
        if not terms:
            continue
        section = ET.SubElement(entry, names[3])
        section.set(XML_LANG, lang)
        ids = [f"{concept.id}-{lang}{n}" for n in range(1, len(terms) + 1)]
        first_id: dict[str, str] = {}
        for term, term_id in zip(terms, ids, strict=True):
            first_id.setdefault(term.text, term_id)
        for term, term_id in zip(terms, ids, strict=True):
            _write_term(section, term, names[4], term_id, first_id.get(term.full_form or ""))


def _write_term(
    section: ET.Element, term: Term, tag: str, term_id: str, full_form_id: str | None
) -> None:
    element = ET.SubElement(section, tag, id=term_id)
    _sub(element, "term", term.text)
    _sub(element, "termNote", f"{term.status}Term-admn-sts", type="administrativeStatus")
    if term.term_type != "fullForm":
        _sub(element, "termNote", term.term_type, type="termType")
    if term.region is not None:
        _sub(
            element,
            "termNote",
            f"{term.lang}-{REGION_CODES[term.region]}",
            type="geographicalUsage",
        )
    if term.case_sensitive is not None:
        _sub(
            element,
            "termNote",
            "true" if term.case_sensitive else "false",
            type="ipterm-caseSensitive",
        )
    if term.full_form:
        ref = _sub(element, "ref", term.full_form, type="crossReference")
        if ref is not None and full_form_id:
            ref.set("target", full_form_id)
    _sub(element, "admin", term.source, type="source")
    _write_sources(element, term.sources)
    _sub(element, "note", term.note)


def _write_sources(parent: ET.Element, sources: tuple[Source, ...]) -> None:
    import json

    for source in sources:
        _sub(
            parent, "admin", json.dumps(source.to_dict(), ensure_ascii=False), type="ipterm-source"
        )


def _sub(parent: ET.Element, tag: str, text: str | None, **attrs: str) -> ET.Element | None:
    if text is None or text == "":
        return None
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def write(glossary: Glossary, path: str | Path, *, version: str | None = None) -> None:
    """Write atomically; TBX 2019 unless ``version="2008"`` or the name ends in ``.martif.tbx``."""
    from ipterm.text.io import write_text

    if version is None:
        version = "2008" if str(path).lower().endswith(".martif.tbx") else "2019"
    write_text(path, dumps(glossary, version=version))
