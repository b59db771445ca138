"""Build a :class:`~ipterm.document.model.Document` from raw text: kind, metadata, units, sentences.

The steps follow the page from top to bottom: find debris, cut paragraphs,
decide the kind (transcript, policy, newsletter, news, plain), read the title,
date and issuing body from the header, then split each unit into sentences
with offsets into the original text.
"""

from __future__ import annotations

import datetime as _dt

import regex

from ipterm.document import policy, transcript
from ipterm.document.dates import find_dates
from ipterm.document.debris import find_debris
from ipterm.document.intervals import SpanIndex, merge_spans
from ipterm.document.model import KINDS, Document, Sentence, Speaker, Unit
from ipterm.document.speakers import organisation_of
from ipterm.errors import InputError
from ipterm.text.sentences import Span, detect_language, split_paragraphs, split_sentences
from ipterm.text.words import words_and_han

# How far into the text the header (title, date, issuer) may reach.
_HEADER_CHARS = 2500
_META_LINE = regex.compile(r"(?P<label>[^\n:：]{2,40})[:：]\s*(?P<value>[^\n]*)")
_ISSUER_PATTERNS = (
    regex.compile(
        r"(?P<org>(?:[\p{Lu}][\w'’&-]*|of|the|for|and|on)"
        r"(?: (?:[\p{Lu}][\w'’&-]*|of|the|for|and|on))*"
        r"(?: \([A-Z]{2,8}\))?) (?:held|hosted|convened) an? (?:press|news) (?:conference|briefing)"
    ),
    regex.compile(
        r"(?:press|news) conference (?:held|hosted) by the (?P<org>[\p{Lu}][\w'’&-]*"
        r"(?: (?:[\p{Lu}][\w'’&-]*|of|the|for|and|on))*(?: \([A-Z]{2,8}\))?)"
    ),
    regex.compile(
        r"(?P<org>\p{Han}{2,20}?)(?=于|在|今天|日前|举行)[^。\n]{0,20}?举行[^。\n]{0,10}?发布会"
    ),
)
_ISSUER_LABELS = ("promulgating entities", "promulgating entity", "issued by", "issuing body",
                  "发布机关", "发文机关")  # fmt: skip
_PUBLISHED = regex.compile(r"updated|published|posted|发布时间|更新", regex.IGNORECASE)
# Header fields that only legal and policy documents carry.
_POLICY_META = regex.compile(
    r"^(?:promulgation date|promulgating entit(?:y|ies)|document number|expiration date"
    r"|发文字号|发布机关|成文日期|施行日期)\s*[:：]",
    regex.IGNORECASE | regex.MULTILINE,
)
_NEWSLETTER_CUE = regex.compile(r"newsletter|highlights|\bissue \d+|简报|通讯", regex.IGNORECASE)


def parse_document(text: str, *, kind: str | None = None) -> Document:
    """Parse ``text`` into a :class:`Document`; ``kind`` overrides the detected kind.

    >>> doc = parse_document("A Chair: Welcome.\\nB Witness: We did it.\\nA Chair: Good?\\n")
    >>> doc.kind, dict(doc.speakers)
    ('transcript', {'A Chair': 'moderator', 'B Witness': 'official'})
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError("the document is empty; give a text with at least one sentence")
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown document kind {kind!r}; use one of {', '.join(KINDS)}")
    lang = detect_language(text[:20000])
    debris_spans = [(s, e) for s, e, _ in find_debris(text)]
    paragraphs = [
        piece for para in _clean_paragraphs(text, debris_spans) for piece in _split_meta_lines(para)
    ]
    turns = transcript.find_turns(text, debris_spans) if kind in (None, "transcript") else []
    detected = kind or _detect_kind(text, paragraphs, turns)
    title_span = _title(text, paragraphs)
    listed = transcript.find_speaker_lists(text[: turns[0].label_start] if turns else "")
    roles = transcript.infer_roles(turns, text, {n: r for n, r, _ in listed}) if turns else {}
    speaker_info = _speakers(listed, roles)
    units = _units(text, paragraphs, turns, roles, detected, title_span)
    return Document(
        text=text,
        kind=detected,
        lang=lang,
        title=" ".join(title_span.text.split()) if title_span else None,
        date=_date(text, units),
        issuer=_issuer(text),
        units=tuple(units),
        sentences=tuple(_sentences(text, units, lang)),
        speaker_info=speaker_info,
        debris=tuple(debris_spans),
    )


def _clean_paragraphs(text: str, debris: list[tuple[int, int]]) -> list[Span]:
    """Paragraphs with debris lines cut out (a paragraph may split in two around one)."""
    out: list[Span] = []
    merged = merge_spans(debris)
    index = SpanIndex(merged)
    for para in split_paragraphs(text):
        pieces = [(para.start, para.end)]
        for ds, de in (merged[i] for i in index.overlapping(para.start, para.end)):
            pieces = [
                piece
                for s, e in pieces
                for piece in (((s, e),) if de <= s or ds >= e else ((s, ds), (de, e)))
            ]
        for s, e in pieces:
            chunk = text[s:e]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            if chunk.strip():
                out.extend(_split_heading_line(Span(s + lead, s + trail, chunk.strip())))
    return out


# A short Title Case line with no punctuation at all ("Around China", "Laws & Regulations").
_HEADING_WORD = r"(?:\p{Lu}[\p{L}&'’-]*|&|and|of|the|in|on|for)"
_HEADING_LINE = regex.compile(rf"{_HEADING_WORD}(?:[ \t]+{_HEADING_WORD}){{0,5}}")


def _split_heading_line(para: Span) -> list[Span]:
    """A navigation or section line glued above running text becomes its own block.

    "Around China\nThe State Council Information Office (SCIO) held ..." is a
    site's section label, then the story; read as one paragraph the label
    would open the first sentence.
    """
    first, sep, rest = para.text.partition("\n")
    if not sep or not _HEADING_LINE.fullmatch(first.strip()):
        return [para]
    body = rest.strip()
    if len(body.split()) < 8 or not regex.search(r"[.!?。！？]['\"”’)）]?$", body):
        return [para]
    offset = para.start + len(first) + 1
    lead = len(rest) - len(rest.lstrip())
    return [Span(para.start, para.start + len(first.rstrip()), first.strip()),
            Span(offset + lead, para.end, body)]  # fmt: skip


def _detect_kind(text: str, paragraphs: list[Span], turns: list[transcript.Turn]) -> str:
    if turns:
        return "transcript"
    texts = [p.text for p in paragraphs]
    legal_header = _POLICY_META.search(text[:_HEADER_CHARS]) is not None
    if policy.looks_like_policy(texts) or (
        legal_header and any(policy.part_kind(t) for t in texts)
    ):
        return "policy"
    dated_items = sum(
        1 for t in texts[3:] if regex.match(r"(?:issue |release )?date\s*[:：]", t, regex.I)
    )
    if dated_items >= 2 or (paragraphs and _NEWSLETTER_CUE.search(text[:600]) and dated_items):
        return "newsletter"
    if _title(text, paragraphs) is not None and any(
        find_dates(p[:_HEADER_CHARS]) for p in texts[:6]
    ):
        return "news"
    return "plain"


def _words(text: str) -> int:
    """Words, with two Han characters counted as one (Chinese has no spaces)."""
    words, han = words_and_han(text)
    return words + han // 2


def _is_heading(paragraph: str) -> bool:
    """A short block without closing punctuation: a title or a section heading."""
    if len(paragraph) > 220 or not paragraph.strip() or _words(paragraph) > 30:
        return False
    if regex.search(
        r"[。！？][^\n]|[.!?] \p{Lu}", paragraph.strip()
    ):  # two sentences: running text
        return False
    return not regex.search(r"[.!?。！？;；]['\"”’)）]?$", paragraph.rstrip()) and not _is_meta(
        paragraph
    )


def _is_meta(paragraph: str) -> bool:
    if paragraph.strip().rstrip(":：").strip().lower() in transcript.META_LABELS:
        return True
    line = _META_LINE.fullmatch(paragraph.strip())
    if line and line.group("label").strip().lower() in transcript.META_LABELS:
        return True
    return len(paragraph) <= 80 and len(paragraph.split()) <= 10 and bool(find_dates(paragraph))


def _title(text: str, paragraphs: list[Span]) -> Span | None:
    head = [p for p in paragraphs if p.start < _HEADER_CHARS][:8]
    for i, para in enumerate(head[:-1]):
        if _is_heading(para.text) and _is_meta(head[i + 1].text) and _words(para.text) >= 2:
            return para
    for para in head:
        if _is_heading(para.text) and _words(para.text) >= 2:
            return para
    return None


def _split_meta_lines(para: Span) -> list[Span]:
    """Metadata lines ("Date: ...", "Beijing | April 25, 2021") cut out of a paragraph."""
    if "\n" not in para.text:
        return [para]
    pieces: list[Span] = []
    block_start: int | None = None
    offset = para.start
    for line in para.text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if _is_meta(line):
            if block_start is not None:
                pieces.append(_span(para, block_start, line_start))
                block_start = None
            if line.strip():
                pieces.append(_span(para, line_start, line_start + len(line)))
        elif block_start is None:
            block_start = line_start
    if block_start is not None:
        pieces.append(_span(para, block_start, para.end))
    return [p for p in pieces if p.text]


def _span(para: Span, start: int, end: int) -> Span:
    chunk = para.text[start - para.start : end - para.start]
    lead = len(chunk) - len(chunk.lstrip())
    return Span(start + lead, start + len(chunk.rstrip()), chunk.strip())


def _date(text: str, units: list[Unit]) -> _dt.date | None:
    """The event or publication date: labelled, else the header's, completing a missing year."""
    header = [u for u in units if u.start < _HEADER_CHARS]
    labelled = [u for u in header if u.kind == "meta"]
    heads = {id(u): u.text[:_HEADER_CHARS] for u in header}
    full = [d for u in labelled for d in find_dates(heads[id(u)]) if d.year is not None]
    if not full:
        full = [d for u in header for d in find_dates(heads[id(u)]) if d.year is not None]
    # "held a press conference on April 26 ... Updated: April 30, 2021": the event date,
    # with the year from the page's publication date
    published = any(_PUBLISHED.search(heads[id(u)]) for u in labelled)
    partial = [
        d for u in header if u.kind != "meta" for d in find_dates(heads[id(u)]) if d.year is None
    ]
    if full and partial and published:
        completed = partial[0].to_date(full[0].year)
        if completed is not None and completed <= full[0].to_date():  # type: ignore[operator]
            return completed
    return full[0].to_date() if full else None


def _issuer(text: str) -> str | None:
    header = text[:_HEADER_CHARS]
    for line in header.split("\n"):
        meta = _META_LINE.fullmatch(line.strip())
        if (
            meta
            and meta.group("label").strip().lower() in _ISSUER_LABELS
            and meta.group("value").strip()
        ):
            return meta.group("value").strip()
    for pattern in _ISSUER_PATTERNS:
        found = pattern.search(header)
        if found:
            org = regex.sub(r"^(?:The|the) ", "", found.group("org").strip())
            return org or None
    return None


def _speakers(listed: list[tuple[str, str, str]], roles: dict[str, str]) -> tuple[Speaker, ...]:
    info: dict[str, Speaker] = {}
    for name, role, desc in listed:
        org = organisation_of(desc)
        if name in info:
            prev = info[name]
            info[name] = Speaker(name, prev.role, prev.description, prev.organisation or org)
        else:
            info[name] = Speaker(name, roles.get(name, role), desc, org)
    for name, role in roles.items():
        if name not in info:
            info[name] = Speaker(name, role)
    return tuple(info.values())


def _units(
    text: str,
    paragraphs: list[Span],
    turns: list[transcript.Turn],
    roles: dict[str, str],
    kind: str,
    title: Span | None,
) -> list[Unit]:
    units: list[Unit] = []
    section: str | None = None
    turn_index = SpanIndex([(t.label_start, max(t.end, t.label_end)) for t in turns])
    for para in paragraphs:
        overlapping = [turns[i] for i in turn_index.overlapping(para.start, para.end)]
        if overlapping:
            for turn in overlapping:
                for span in _turn_pieces(text, para, turn):
                    units.append(Unit(span.start, span.end, span.text, "turn", turn.speaker,
                                      roles.get(turn.speaker), section))  # fmt: skip
            continue
        unit_kind = _unit_kind(para, kind, title)
        if unit_kind == "heading" and para != title:
            section = " ".join(para.text.split())
        units.append(Unit(para.start, para.end, para.text, unit_kind, section=section))
    return units


def _turn_pieces(text: str, para: Span, turn: transcript.Turn) -> list[Span]:
    """The part of a paragraph that is speech (the label itself is left out)."""
    start = max(para.start, turn.start)
    end = min(para.end, turn.end)
    if end <= start:
        return []
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    return [Span(start + lead, start + len(chunk.rstrip()), chunk.strip())] if chunk.strip() else []


def _unit_kind(para: Span, kind: str, title: Span | None) -> str:
    if para == title:
        return "heading"
    if _is_meta(para.text):
        return "meta"
    if kind == "policy" and (found := policy.part_kind(para.text)):
        return found
    if _is_heading(para.text):
        return "heading"
    return "paragraph"


def _sentences(text: str, units: list[Unit], lang: str) -> list[Sentence]:
    out: list[Sentence] = []
    for index, unit in enumerate(units):
        if unit.kind == "meta":
            continue
        for i, span in enumerate(split_sentences(unit.text, lang=None)):
            start = unit.start + span.start
            out.append(Sentence(start, unit.start + span.end, span.text, len(out), index,
                                unit.speaker, unit.role, unit.section, i == 0))  # fmt: skip
    return out
