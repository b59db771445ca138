"""Paragraph and sentence splitting for Chinese, English and mixed text, with offsets.

Every span points into the *original* text (``text[span.start:span.end] ==
span.text``), trimmed of surrounding whitespace, so later stages (term
matching, checking, highlights) can report positions a user can find.

Why hand-written rules rather than a trained splitter: IP briefings mix
Chinese paragraphs with English names, article numbers ("Art. 20"), dates
("Nov. 30, 2020") and decimals ("11.7%"), and the rules below are cheap,
deterministic and easy to correct.  The rules:

* Chinese ``。！？；…`` end a sentence, together with any closing quotes or
  brackets after them (``」』”）``); a last clause without ``。`` is kept.
* ASCII ``.!?`` end a sentence only when followed by white space and a word
  that does not start in lower case, and not after a known abbreviation
  (``Mr.``, ``No.``, ``Art.``, ``e.g.``, months...) or an initial (``J.``);
  ``!`` and ``?`` directly followed by a Chinese character also end one.
  A dot between digits (``11.7``) never does.
* Blank lines and list items (``-``, ``•``, ``1.``, ``(2)``, ``一、``, ``（三）``)
  are boundaries; in Chinese paragraphs every line break is one too.
* No sentence is longer than :data:`MAX_SENTENCE_CHARS`: a longer stretch
  (a table flattened to one line, a 50 MB line with no punctuation) is cut
  into windows of at most that length, at the last clause mark (``，,、：:``)
  or space in the window's last quarter, else at the limit.  So every later
  stage (segmentation, term matching, similarity) costs what prose costs.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ipterm.text.words import han_count

__all__ = ["MAX_SENTENCE_CHARS", "Span", "detect_language", "split_paragraphs", "split_sentences"]

# The longest sentence kept whole.  Real sentences in statutes and briefings
# stay under 1,000 characters (the longest in the Taiwan statutes of the
# evaluation data is about 600); longer ones are tables or lists on one line.
MAX_SENTENCE_CHARS = 2000
_WINDOW_BREAKS = frozenset("，,、：:；; \t\u3000")


@dataclass(frozen=True)
class Span:
    """A stretch of the original text: ``text == original[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


# Share of Han characters among Han + Latin letters above which text counts as
# Chinese.  A Chinese sentence quoting "CNIPA" stays Chinese; an English
# sentence glossing one Chinese name in brackets stays English.
_ZH_SHARE = 0.3

# Language is decided on a paragraph's first characters (a sample enough to tell).
_DETECT_CHARS = 20_000
_HAN = regex.compile(r"\p{Han}")
_LATIN_RUN = regex.compile(r"\p{Latin}+")
_BLANK_LINES = regex.compile(r"\n[ \t\u3000\f\v]*\n\s*")
_BULLET = regex.compile(
    r"[ \t\u3000]*(?:[-*•·▪●◦‣–—]\s|\d{1,3}[.)、]\s?|[(（]\d{1,3}[)）]|"
    r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\(?[a-z]\)\s)"
)
_CANDIDATE = regex.compile(r"(?:[。！？；]|…|[.!?])+[」』”’\"'）)\]】》]*")
_ZH_ENDERS = frozenset("。！？；…")
_INITIAL = regex.compile(r"\p{Lu}\.")
_ENUMERATOR = regex.compile(r"\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})\)?\.")
# How far back a dot looks for the token it ends (longer tokens are not abbreviations).
_TOKEN_LOOKBACK = 64
_NEXT_WORD = regex.compile(r"\s+([\"'“‘(\[]*)(\S*)")

# Abbreviations after which a dot never ends a sentence (titles, months, legal
# references, Latin shorthand).  Lower-case, with their final dot.
_ABBREVIATIONS = frozenset(
    """mr. mrs. ms. dr. prof. st. no. nos. art. arts. para. paras. sec. secs. ch. chap.
    cl. fig. figs. vol. vols. pp. p. e.g. i.e. cf. vs. v. viz. approx. est. dept. gov.
    rep. sen. gen. col. mt. ref. tel. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct.
    nov. dec. mon. tue. wed. thu. fri. sat. sun. op. cit. ibid. al.""".split()
)
# Abbreviations that can also end a sentence: they end one only when the next
# word is a common sentence opener ("... in the U.S. The office said").
_FINAL_ABBREVIATIONS = frozenset(
    "u.s. u.k. u.n. e.u. p.r.c. inc. ltd. co. corp. etc. jr. sr.".split()
)
_OPENERS = frozenset(
    """the this that these those it its in on at for from to a an as he she they we
    i you our his her their there however but and if when while after before since
    during under according meanwhile also""".split()
)


def detect_language(text: str) -> str:
    """Guess ``"zh"`` or ``"en"`` from the share of Han characters among letters.

    >>> detect_language("国家知识产权局发布CNIPA年报")
    'zh'
    >>> detect_language("The CNIPA (国家知识产权局) published its report.")
    'en'
    """
    sample = text[:_DETECT_CHARS]
    han = han_count(sample)
    if not han:
        return "en"
    latin = sum(map(len, _LATIN_RUN.findall(sample)))
    return "zh" if han / (han + latin) >= _ZH_SHARE else "en"


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def split_paragraphs(text: str) -> list[Span]:
    """Blocks of text separated by blank lines, trimmed.

    >>> [p.text for p in split_paragraphs("第一段。\\n\\n  Second one.\\n")]
    ['第一段。', 'Second one.']
    """
    spans: list[Span] = []
    start = 0
    for gap in _BLANK_LINES.finditer(text):
        if (span := _trimmed(text, start, gap.start())) is not None:
            spans.append(span)
        start = gap.end()
    if (span := _trimmed(text, start, len(text))) is not None:
        spans.append(span)
    return spans


def split_sentences(text: str, *, lang: str | None = None) -> list[Span]:
    """Split ``text`` into sentences; ``lang=None`` decides per paragraph.

    >>> [s.text for s in split_sentences("增长11.7%。他说：“好！”最后一句")]
    ['增长11.7%。', '他说：“好！”', '最后一句']
    >>> [s.text for s in split_sentences("Mr. Shen spoke on Nov. 30, 2020. It was short.")]
    ['Mr. Shen spoke on Nov. 30, 2020.', 'It was short.']
    """
    if lang not in (None, "zh", "en"):
        from ipterm.errors import InputError

        raise InputError(f"unknown language {lang!r}; use 'zh', 'en' or leave it out to detect")
    spans: list[Span] = []
    for paragraph in split_paragraphs(text):
        para_lang = lang or detect_language(paragraph.text)
        for start, end in _lines(text, paragraph.start, paragraph.end, para_lang):
            for span in _split_block(text, start, end):
                if len(span.text) <= MAX_SENTENCE_CHARS:
                    spans.append(span)
                else:
                    spans.extend(_windows(text, span.start, span.end))
    return spans


def _windows(text: str, start: int, end: int) -> list[Span]:
    """Cut ``text[start:end]`` into trimmed pieces of at most :data:`MAX_SENTENCE_CHARS`."""
    pieces: list[Span] = []
    while start < end:
        stop = min(start + MAX_SENTENCE_CHARS, end)
        if stop < end:
            floor = stop - MAX_SENTENCE_CHARS // 4
            cut = stop
            while cut > floor and text[cut - 1] not in _WINDOW_BREAKS:
                cut -= 1
            stop = cut if cut > floor else stop
        if (span := _trimmed(text, start, stop)) is not None:
            pieces.append(span)
        start = stop
    return pieces


def _lines(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Cut a paragraph at line breaks that are boundaries (all in Chinese; before list items)."""
    blocks = []
    block_start = start
    pos = text.find("\n", start, end)
    while pos != -1:
        if lang == "zh" or _BULLET.match(text, pos + 1, end):
            blocks.append((block_start, pos))
            block_start = pos + 1
        pos = text.find("\n", pos + 1, end)
    blocks.append((block_start, end))
    return blocks


def _split_block(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        if _ends_sentence(text, match, start, end):
            if (span := _trimmed(text, sentence_start, match.end())) is not None:
                spans.append(span)
            sentence_start = match.end()
    if (span := _trimmed(text, sentence_start, end)) is not None:
        spans.append(span)
    return spans


def _ends_sentence(text: str, match: regex.Match, block_start: int, end: int) -> bool:
    marks = match.group().rstrip("」』”’\"'）)]】》")
    if any(ch in _ZH_ENDERS for ch in marks):
        return True
    after = match.end()
    if after >= end:
        return True
    following = text[after]
    if _HAN.match(following):
        return marks[-1] in "!?" or bool(_HAN.match(text[match.start() - 1 : match.start()]))
    if not following.isspace():
        return False
    if "." not in marks or marks.endswith(("!", "?")):
        return _next_word_allows(text, after, end)
    return _dot_ends_sentence(text, match.start(), after, block_start, end)


def _next_word_allows(text: str, after: int, end: int) -> bool:
    nxt = _NEXT_WORD.match(text, after, end)
    if nxt is None or not nxt.group(2):
        return True
    return not nxt.group(2)[0].islower()


def _dot_ends_sentence(text: str, dot: int, after: int, block_start: int, end: int) -> bool:
    before = text[max(block_start, dot - _TOKEN_LOOKBACK) : dot]
    words = before.split() if before and not before[-1].isspace() else []
    word = words[-1] if words else ""
    token = word.lstrip("\"'“‘([（") + "."
    lowered = token.lower()
    if lowered in _ABBREVIATIONS or _INITIAL.fullmatch(token):
        return False
    if word and _is_enumerator(text, lowered, dot - len(word), block_start):
        return False
    if not _next_word_allows(text, after, end):
        return False
    if lowered in _FINAL_ABBREVIATIONS:
        nxt = _NEXT_WORD.match(text, after, end)
        return nxt is not None and nxt.group(2).lower().strip(",;:") in _OPENERS
    return True


def _is_enumerator(text: str, lowered: str, token_start: int, block_start: int) -> bool:
    """``1.`` or ``(a).`` at the start of a line is a list number, not a sentence end."""
    if not _ENUMERATOR.fullmatch(lowered):
        return False
    pos = token_start
    while pos > block_start and text[pos - 1] != "\n" and text[pos - 1].isspace():
        pos -= 1
    return pos == block_start or text[pos - 1] == "\n"
