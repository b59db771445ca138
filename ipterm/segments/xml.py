"""lxml readers for CAT-tool XLIFF (Trados, memoQ), XLIFF 2.0 and TMX 1.4.

Inline codes are kept out of term matching but their text is counted: the
text of a paired tag that wraps translatable content (XLIFF 1.2 ``<g>``,
``<mrk>``, ``<sub>``; XLIFF 2.0 ``<pc>``, ``<mrk>``; TMX ``<hi>``, ``<sub>``)
stays in the segment, while placeholders and native code (``<x/>``,
``<bx/>``, ``<ex/>``, ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``; XLIFF 2.0
``<ph/>``, ``<sc/>``, ``<ec/>``) are dropped, so "專利<ph/>權" is still 專利權
and "<b>" markup never looks like a term.  XLIFF 2.0 ``<cp hex="..."/>``
becomes its character.

Parsing is safe: the file is vetted by defusedxml first (entity declarations
are refused), then parsed by lxml with ``resolve_entities=False``,
``load_dtd=False`` and ``no_network=True``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ipterm.errors import InputError

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
MEMOQ = "MQXliff"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Elements whose content is translatable text; every other inline element is code.
_TEXT_ELEMENTS = frozenset({"g", "mrk", "sub", "pc", "hi"})


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse(path: str | Path) -> Any:
    """The root element of a bilingual XML file, parsed without entities, DTD or network."""
    from lxml import etree

    from ipterm.check.segments import _safe_xml_bytes

    data = _safe_xml_bytes(Path(path))
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"not well-formed XML: {exc}; fix the file or re-export it", path=path
        ) from exc


def inline_text(elem: Any) -> str:
    """The text of a segment element, inline codes dropped and wrapped text kept.

    >>> from lxml import etree
    >>> inline_text(etree.fromstring('<seg>專利<ph>&lt;br/&gt;</ph>權<bpt i="1">&lt;b&gt;</bpt>人'
    ...                             '<ept i="1">&lt;/b&gt;</ept></seg>'))
    '專利權人'
    >>> inline_text(etree.fromstring('<t>the <g id="1">patent <x id="2"/>holder</g></t>'))
    'the patent holder'
    """
    out: list[str] = [elem.text or ""]
    for child in elem:
        name = _local(child.tag)
        if name in _TEXT_ELEMENTS:
            out.append(inline_text(child))
        elif name == "cp":
            try:
                out.append(chr(int(child.get("hex", ""), 16)))
            except ValueError:
                pass
        out.append(child.tail or "")
    return "".join(out)


def _base(code: str | None, fallback: str) -> str:
    from ipterm.check.segments import base_lang

    return base_lang(code) or fallback


def _notes(unit: Any) -> str | None:
    texts = [inline_text(n).strip() for n in unit.iter() if _local(n.tag) in ("note", "cmt")]
    return "\n".join(t for t in texts if t) or None


def read_cat_xliff(path: str | Path) -> tuple[Any, ...]:
    """Trados ``.sdlxliff``, memoQ ``.mqxliff`` or any XLIFF 1.2 with ``<mrk mtype="seg">``.

    A unit with ``<seg-source>`` yields one segment per ``<mrk mtype="seg">``,
    paired with the target's ``<mrk>`` of the same ``mid``; its id is that
    ``mid`` (the segment number Trados Studio shows).  A unit without one is a
    single segment with the unit's ``id`` (memoQ's usual layout).
    """
    from ipterm.check.segments import Segment

    root = parse(path)
    if _local(root.tag) != "xliff":
        raise InputError(f"root element is <{_local(root.tag)}>, not <xliff>", path=path)
    segments: list[Segment] = []
    for file_el in root.iter(f"{{{XLIFF12}}}file", "file"):
        src_lang = _base(file_el.get("source-language"), "zh")
        tgt_lang = _base(file_el.get("target-language"), "en" if src_lang == "zh" else "zh")
        for unit in file_el.iter(f"{{{XLIFF12}}}trans-unit", "trans-unit"):
            if unit.get("translate") == "no":
                continue
            note = _notes(unit)
            for seg_id, source, target in _unit_segments(unit):
                segments.append(
                    Segment(len(segments), source, target, seg_id, note, src_lang, tgt_lang)
                )
    return tuple(segments)


def _child(elem: Any, name: str) -> Any:
    return next((c for c in elem if _local(c.tag) == name), None)


def _unit_segments(unit: Any) -> list[tuple[str | None, str, str]]:
    seg_source = _child(unit, "seg-source")
    target = _child(unit, "target")
    if seg_source is not None:
        marks = [m for m in seg_source.iter() if _local(m.tag) == "mrk" and m.get("mtype") == "seg"]
        if marks:
            targets = {}
            if target is not None:
                for m in target.iter():
                    if _local(m.tag) == "mrk" and m.get("mtype") == "seg":
                        targets[m.get("mid")] = inline_text(m)
            return [
                (m.get("mid") or unit.get("id"), inline_text(m), targets.get(m.get("mid"), ""))
                for m in marks
            ]
    source = _child(unit, "source")
    return [
        (
            unit.get("id"),
            inline_text(source) if source is not None else "",
            inline_text(target) if target is not None else "",
        )
    ]


def read_xliff20(path: str | Path) -> tuple[Any, ...]:
    """XLIFF 2.0: one segment per ``<segment>``.

    The id is the unit's, or ``unit/segment`` when the unit has several segments.
    """
    from ipterm.check.segments import Segment

    root = parse(path)
    src_lang = _base(root.get("srcLang"), "zh")
    tgt_lang = _base(root.get("trgLang"), "en" if src_lang == "zh" else "zh")
    segments: list[Segment] = []
    for unit in root.iter(f"{{{XLIFF20}}}unit"):
        if unit.get("translate") == "no":
            continue
        note = _notes(unit)
        segs = list(unit.iter(f"{{{XLIFF20}}}segment"))
        for seg in segs:
            source, target = _child(seg, "source"), _child(seg, "target")
            seg_id = seg.get("id")
            several = len(segs) > 1 and seg_id
            ident = f"{unit.get('id')}/{seg_id}" if several else unit.get("id")
            segments.append(
                Segment(
                    len(segments),
                    inline_text(source) if source is not None else "",
                    inline_text(target) if target is not None else "",
                    ident,
                    note,
                    src_lang,
                    tgt_lang,
                )
            )
    return tuple(segments)


def read_tmx14(
    path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None
) -> tuple[Any, ...]:
    """TMX 1.4 translation units, id ``tuid`` (else the position), inline codes dropped.

    The source language is ``source_lang``, else the header's ``srclang``
    (unless ``*all*``), else Chinese when present; the target is
    ``target_lang`` or the other language of each unit.
    """
    from ipterm.check.segments import Segment, base_lang

    root = parse(path)
    header = _child(root, "header")
    declared = header.get("srclang") if header is not None else None
    if declared and declared.lower() == "*all*":
        declared = None
    units = []
    langs: list[str] = []
    for tu in root.iter("tu"):
        variants: dict[str, str] = {}
        for tuv in tu:
            if _local(tuv.tag) != "tuv":
                continue
            code = base_lang(tuv.get(XML_LANG) or tuv.get("lang")) or ""
            seg = _child(tuv, "seg")
            variants.setdefault(code, inline_text(seg) if seg is not None else "")
            if code not in langs:
                langs.append(code)
        units.append((tu.get("tuid"), _notes(tu), variants))
    src = base_lang(source_lang) or base_lang(declared) or ("zh" if "zh" in langs else None)
    src = src or (langs[0] if langs else None)
    tgt = base_lang(target_lang) or next((c for c in langs if c != src), None)
    if src is None or tgt is None:
        raise InputError(
            f"could not find two languages in this TMX (found {langs}); "
            "give --src-lang and --tgt-lang",
            path=path,
        )
    return tuple(
        Segment(i, variants.get(src, ""), variants.get(tgt, ""), tuid, note, src, tgt)
        for i, (tuid, note, variants) in enumerate(units)
    )
