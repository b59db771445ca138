"""Bilingual segments and the readers that produce them from translation files.

Every reader returns a tuple of :class:`Segment` in file order, so a finding's
``segment`` index is the position of the unit in the file.  Formats:

* XLIFF 1.2 and 2.x (``.xlf``, ``.xliff``) and TMX (``.tmx``) through
  translate-toolkit, after a defusedxml pass that refuses entity declarations
  and reports malformed XML as one clear error;
* bilingual TSV / CSV (``.tsv``, ``.csv``, ``.tab``) with the csv module;
* two plain-text files aligned line by line;
* a monolingual text (a newsletter draft), split into sentence segments that
  have only a target side.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ipterm.errors import InputError

XML_SUFFIXES = (".xlf", ".xliff", ".xlz", ".tmx", ".sdlxliff", ".mqxliff")
CAT_SUFFIXES = (".sdlxliff", ".mqxliff")  # Trados Studio, memoQ: read by ipterm.segments
TABULAR_SUFFIXES = (".tsv", ".tab", ".csv")


@dataclass(frozen=True)
class Segment:
    """One source/target pair; ``index`` is its 0-based position in the input.

    A monolingual segment has ``source == ""``; ``note`` carries translator
    comments, where ``ipterm:ignore`` silences the segment.
    """

    index: int
    source: str
    target: str
    id: str | None = None
    note: str | None = None
    source_lang: str = "zh"
    target_lang: str = "en"
    start: int | None = None  # offset of a mono segment in its document

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "note": self.note,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
        }


def base_lang(code: str | None) -> str | None:
    """``zh-CN`` -> ``zh``; ``en_US`` -> ``en``; None stays None.

    >>> base_lang("zh-Hant-TW"), base_lang("EN_us")
    ('zh', 'en')
    """
    if not code:
        return None
    return code.replace("_", "-").split("-")[0].lower()


def has_han(text: str) -> bool:
    import regex

    return bool(regex.search(r"\p{Han}", text))


def pairs_to_segments(
    pairs, *, source_lang: str = "zh", target_lang: str = "en"
) -> tuple[Segment, ...]:
    """Turn ``(source, target)`` pairs (or ready Segments) into indexed Segments."""
    out = []
    for i, item in enumerate(pairs):
        if isinstance(item, Segment):
            out.append(
                Segment(
                    i,
                    item.source,
                    item.target,
                    item.id,
                    item.note,
                    item.source_lang,
                    item.target_lang,
                    item.start,
                )
            )
        else:
            src, tgt = item
            out.append(Segment(i, src or "", tgt or "", None, None, source_lang, target_lang))
    return tuple(out)


# --- XML ------------------------------------------------------------------------------


def _safe_xml_bytes(path: Path) -> bytes:
    """Read ``path`` and vet it with defusedxml: malformed XML or entities -> InputError."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    data = path.read_bytes()
    if not data.strip():
        raise InputError("the file is empty; give an XLIFF or TMX file with units in it", path=path)
    try:
        DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            f"refusing XML with entity or external declarations ({type(exc).__name__}); "
            "remove the <!DOCTYPE ...> entity definitions and try again",
            path=path,
        ) from None
    except Exception as exc:  # xml.etree.ElementTree.ParseError and friends
        raise InputError(
            f"not well-formed XML: {exc}; fix the file or re-export it", path=path
        ) from None
    return data


def _root_info(data: bytes) -> tuple[str, dict[str, str]]:
    import defusedxml.ElementTree as DET

    root = DET.fromstring(data)
    tag = root.tag.rsplit("}", 1)[-1]
    return tag, dict(root.attrib)


def read_xliff(path: str | Path) -> tuple[Segment, ...]:
    """XLIFF 1.2 or 2.x units as segments (version from the root element)."""
    path = Path(path)
    data = _safe_xml_bytes(path)
    tag, attrib = _root_info(data)
    if tag != "xliff":
        raise InputError(f"root element is <{tag}>, not <xliff>; is this an XLIFF file?", path=path)
    version = attrib.get("version", "1.2")
    if version.startswith("2") or b'mtype="seg"' in data:
        # inline codes and CAT-tool segmentation: the lxml readers (ipterm.segments)
        from ipterm.segments import read_cat_xliff, read_xliff20

        return read_xliff20(path) if version.startswith("2") else read_cat_xliff(path)
    from translate.storage.xliff import xlifffile as store_class

    try:
        store = store_class.parsestring(data)
    except Exception as exc:
        raise InputError(
            f"translate-toolkit could not read this XLIFF {version} file: {exc}", path=path
        ) from None
    src_lang = base_lang(store.getsourcelanguage()) or "zh"
    tgt_lang = base_lang(store.gettargetlanguage()) or ("en" if src_lang == "zh" else "zh")
    segments: list[Segment] = []
    for unit in store.getunits():
        if hasattr(unit, "istranslatable") and not unit.istranslatable():
            continue
        if getattr(unit, "isheader", lambda: False)():
            continue
        note = unit.getnotes() or None
        unit_id = (unit.getid() or "").rsplit("\x04", 1)[-1] or None  # tt prefixes "file\x04"
        segments.append(
            Segment(
                len(segments),
                str(unit.source or ""),
                str(unit.target or ""),
                unit_id,
                note,
                src_lang,
                tgt_lang,
            )
        )
    return tuple(segments)


def read_tmx(
    path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None
) -> tuple[Segment, ...]:
    """TMX units, with the source side chosen by language (see :func:`ipterm.segments.read_tmx14`).

    The languages come from the arguments, else the header's ``srclang``, else
    Chinese when the memory has it (translate-toolkit's ``tmxfile`` would take
    English as the source and turn a zh->en memory round).  Inline codes
    (``<bpt>``, ``<ph>``...) are dropped, the text they wrap is kept.
    """
    from ipterm.segments import read_tmx14

    return read_tmx14(path, source_lang=source_lang, target_lang=target_lang)


# --- tabular and plain text ------------------------------------------------------------

_SOURCE_HEADERS = {"source", "src", "zh", "chinese", "zh-cn", "zh-tw", "zh_cn", "zh_tw", "中文"}
_TARGET_HEADERS = {"target", "tgt", "en", "english", "en-us", "en-gb", "en_us", "英文"}


def read_tabular(
    path: str | Path,
    *,
    source_lang: str = "zh",
    target_lang: str = "en",
    delimiter: str | None = None,
) -> tuple[Segment, ...]:
    """A two-column (or wider, with a header naming source/target) TSV or CSV file."""
    from ipterm.text.io import read_text

    path = Path(path)
    text = read_text(path)
    if delimiter is None:
        delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    if delimiter == "\t":
        rows = [line.split("\t") for line in text.split("\n")]
    else:
        rows = list(csv.reader(io.StringIO(text)))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise InputError("no rows found", path=path)
    src_col, tgt_col, note_col = 0, 1, None
    header = [c.strip().lower() for c in rows[0]]
    if set(header) & _SOURCE_HEADERS and set(header) & _TARGET_HEADERS:
        src_col = next(i for i, c in enumerate(header) if c in _SOURCE_HEADERS)
        tgt_col = next(i for i, c in enumerate(header) if c in _TARGET_HEADERS)
        note_col = next((i for i, c in enumerate(header) if c in ("note", "comment")), None)
        rows = rows[1:]
    segments: list[Segment] = []
    for line_no, row in enumerate(rows, start=1):
        if len(row) <= max(src_col, tgt_col):
            raise InputError(
                f"row {line_no} has {len(row)} column(s); each row needs source and target "
                f"separated by {'a comma' if delimiter == ',' else 'a tab'}",
                path=path,
            )
        note = row[note_col] if note_col is not None and note_col < len(row) else None
        segments.append(
            Segment(
                len(segments),
                row[src_col].strip(),
                row[tgt_col].strip(),
                None,
                note or None,
                source_lang,
                target_lang,
            )
        )
    return _orient(segments, source_lang, target_lang)


def _orient(segments: list[Segment], source_lang: str, target_lang: str) -> tuple[Segment, ...]:
    """Swap columns when a zh<->en file was written the other way round."""
    if {source_lang, target_lang} != {"zh", "en"} or not segments:
        return tuple(segments)
    zh_side = "source" if source_lang == "zh" else "target"
    other = "target" if zh_side == "source" else "source"
    han_in_zh = sum(has_han(getattr(s, zh_side)) for s in segments)
    han_in_other = sum(has_han(getattr(s, other)) for s in segments)
    if han_in_other > len(segments) / 2 and han_in_zh <= han_in_other / 4:
        return tuple(
            Segment(s.index, s.target, s.source, s.id, s.note, s.source_lang, s.target_lang)
            for s in segments
        )
    return tuple(segments)


def read_aligned(
    source_path: str | Path,
    target_path: str | Path,
    *,
    source_lang: str = "zh",
    target_lang: str = "en",
) -> tuple[Segment, ...]:
    """Two plain-text files aligned line by line (blank lines kept, so numbering stays aligned)."""
    from ipterm.text.io import read_text

    src_lines = read_text(source_path).rstrip("\n").split("\n")
    tgt_lines = read_text(target_path).rstrip("\n").split("\n")
    if len(src_lines) != len(tgt_lines):
        raise InputError(
            f"the source has {len(src_lines)} lines and the target {len(tgt_lines)}; "
            "line-aligned files need the same number of lines",
            path=target_path,
        )
    return tuple(
        Segment(i, s.strip(), t.strip(), None, None, source_lang, target_lang)
        for i, (s, t) in enumerate(zip(src_lines, tgt_lines, strict=True))
    )


def split_monolingual(text: str, *, lang: str = "en") -> tuple[Segment, ...]:
    """Sentence segments of a monolingual text, with their offsets in the document."""
    from ipterm.text.sentences import split_sentences

    spans = split_sentences(text, lang=lang)
    return tuple(
        Segment(i, "", span.text, None, None, "", lang, span.start) for i, span in enumerate(spans)
    )


def read_segments(
    path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None
) -> tuple[tuple[Segment, ...], bool]:
    """Read any supported file; returns ``(segments, bilingual)``.

    A ``.txt``/``.md`` file whose lines are not ``source<TAB>target`` is read as
    a monolingual target-language text.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", path=path)
    if path.is_dir():
        raise InputError("is a folder, not a file", path=path)
    src, tgt = source_lang or "zh", target_lang or "en"
    suffix = path.suffix.lower()
    if suffix in (".xlf", ".xliff"):
        return read_xliff(path), True
    if suffix in CAT_SUFFIXES:
        from ipterm.segments import read_cat_xliff

        return read_cat_xliff(path), True
    if suffix == ".tmx":
        return read_tmx(path, source_lang=source_lang, target_lang=target_lang), True
    if suffix in TABULAR_SUFFIXES:
        return read_tabular(path, source_lang=src, target_lang=tgt), True
    from ipterm.text.io import read_text

    text = read_text(path)
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and sum("\t" in line for line in lines) >= max(1, int(0.9 * len(lines))):
        return read_tabular(path, source_lang=src, target_lang=tgt, delimiter="\t"), True
    return split_monolingual(text, lang=tgt), False
