"""Speaker turns, speaker lists and roles in press-conference and hearing transcripts.

Two layouts are common: the name alone on a line ("Shen Changyu:") followed
by paragraphs (SCIO transcripts), and ``Name: utterance`` on one line
(parliamentary committee minutes).  Metadata labels ("Date:", "Source:")
look the same and are told apart by a list of known labels.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from ipterm.document.intervals import SpanIndex, merge_spans
from ipterm.text.words import word_count

# Labels that introduce metadata, never a speaker.  Lower-case, without colon.
META_LABELS = frozenset(
    {
        "date", "dates", "time", "venue", "location", "place", "title", "source",
        "source of text", "author", "authors", "editor", "editors", "document number",
        "expiration date", "issue date", "effective date", "promulgation date",
        "promulgating entities", "promulgating entity", "issued by", "issuing body",
        "published", "updated", "tags", "tag", "category", "categories", "keywords", "note",
        "notes", "photo", "url", "link", "subject", "language", "speakers", "speaker",
        "chairperson", "chairpersons", "chair", "moderator", "moderators", "host", "hosts",
        "guests", "panelists", "panellists", "participants", "attendees", "read in chinese",
        "日期", "时间", "来源", "标题", "作者", "责任编辑", "发布时间", "发布机关", "发文字号",
        "地点", "编辑",
    }
)  # fmt: skip
# Headers of a speaker list, and the role of the people listed under each.
_LIST_HEADERS = {
    "speakers": "official", "speaker": "official", "guests": "official",
    "panelists": "official", "panellists": "official", "发布人": "official",
    "chairperson": "moderator", "chairpersons": "moderator", "chair": "moderator",
    "moderator": "moderator", "moderators": "moderator", "host": "moderator",
    "hosts": "moderator", "主持人": "moderator",
}  # fmt: skip

_WORD = r"[\p{Lu}\d][\p{L}\p{M}\d.'’&-]*"
# "Shen Changyu", "Lynne Neagle AM", "Mr. Michael Kram (Regina—Wascana, CPC)",
# "The Acting Chair (Mr. Bruce Stanton)", "邢慧娜"
_NAME = (
    rf"(?:(?:(?:Mr|Ms|Mrs|Dr|Hon|Prof)\.\s?)?{_WORD}(?: (?:of|the|and|de|van|von|{_WORD})){{0,6}}"
    r"(?:\s*\((?:[^()\n]|\([^()\n]*\)){1,100}\))?|[\p{Han}·]{2,12})"
)
_LABEL_ALONE = regex.compile(rf"(?P<name>{_NAME})\s*[:：]\s*")
_LABEL_INLINE = regex.compile(rf"(?P<name>{_NAME})\s*[:：]\s*(?=\S)")
_LIST_ENTRY = regex.compile(rf"(?P<name>{_NAME})\s*[,，]\s*(?P<desc>\S.{{3,300}})")


_CHAIR = regex.compile(
    r"\b(?:the (?:acting |deputy )?chair(?:man|woman|person)?|moderator|presiding)\b|主持人",
    regex.I,
)


@dataclass(frozen=True)
class Turn:
    """One speaker turn: the label's span and the span of what was said."""

    speaker: str
    label_start: int
    label_end: int
    start: int
    end: int


# Labels glued to a site name ("China.org.cnUpdated:") are metadata too.
_META_SUFFIXES = ("date", "time", "source", "title", "updated", "published", "posted", "author",
                  "editor", "url", "link", "tags")  # fmt: skip


def _is_speaker_label(name: str) -> bool:
    lowered = name.strip().lower()
    if lowered in ("主持人", "发布人"):  # Chinese transcripts label turns with the role
        return True
    if lowered in META_LABELS or lowered in _LIST_HEADERS or lowered.endswith(_META_SUFFIXES):
        return False
    bare = regex.sub(r"\(.*\)", "", name)
    bare = regex.sub(r"^(?:Mr|Ms|Mrs|Dr|Hon|Prof)\.\s?", "", bare.strip())
    words = bare.split()
    return 1 <= len(words) <= 7 and not regex.search(r"\.\s", bare)


def find_turns(text: str, debris: list[tuple[int, int]] | None = None) -> list[Turn]:
    """Speaker turns in ``text``; empty when the text is not a transcript.

    >>> text = "A Chair: Welcome.\\nB Witness: Thanks. We did it.\\nA Chair: Good?\\n"
    >>> [(t.speaker, text[t.start:t.end]) for t in find_turns(text)]
    [('A Chair', 'Welcome.'), ('B Witness', 'Thanks. We did it.'), ('A Chair', 'Good?')]
    """
    labels: list[tuple[str, int, int, int]] = []  # name, label start, label end, content start
    skipped = SpanIndex(merge_spans(debris or ()))
    alone_count = 0
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped or skipped.covers(start):
            continue
        lead = start + len(line) - len(line.lstrip())
        alone = _LABEL_ALONE.fullmatch(text, lead, end)
        inline = None if alone else _LABEL_INLINE.match(text, lead, end)
        found = alone or inline
        if found and _is_speaker_label(found.group("name")):
            alone_count += alone is not None
            labels.append((found.group("name").strip(), lead, found.end("name") + 1, found.end()))
    if len(labels) < 3 or len({name for name, *_ in labels}) < 2:
        return []
    counts = Counter(name for name, *_ in labels)
    # a repeated speaker, or several names alone on their lines (an excerpt of a briefing)
    if counts.most_common(1)[0][1] < 2 and alone_count < 3:
        return []
    turns = []
    for i, (name, label_start, label_end, content_start) in enumerate(labels):
        stop = labels[i + 1][1] if i + 1 < len(labels) else len(text)
        content_end = content_start + len(text[content_start:stop].rstrip())
        turns.append(
            Turn(name, label_start, label_end, content_start, max(content_start, content_end))
        )
    return turns


def find_speaker_lists(text: str) -> list[tuple[str, str, str]]:
    """``(name, role, description)`` from "Speakers"/"Chairperson" lists.

    >>> text = "Speakers\\n\\nShen Changyu, head of the NIPA\\n\\n"
    >>> text += "Chairperson:\\n\\nXing Huina, spokesperson"
    >>> find_speaker_lists(text)  # doctest: +NORMALIZE_WHITESPACE
    [('Shen Changyu', 'official', 'head of the NIPA'),
     ('Xing Huina', 'moderator', 'spokesperson')]
    """
    found: list[tuple[str, str, str]] = []
    role: str | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        header = stripped.rstrip(":：").strip().lower()
        if header in _LIST_HEADERS:
            role = _LIST_HEADERS[header]
            continue
        if role is None:
            continue
        entry = _LIST_ENTRY.fullmatch(stripped)
        if entry and len(entry.group("name").split()) <= 5:
            found.append((entry.group("name"), role, entry.group("desc").strip()))
        else:
            role = None
    return found


def infer_roles(turns: list[Turn], text: str, listed: dict[str, str]) -> dict[str, str]:
    """Role of every speaker: from the speaker list, else from how they speak.

    Whoever opens the session with short turns chairs it; whoever mostly
    asks questions is a journalist (or committee member); the rest answer.
    """
    roles: dict[str, str] = {}
    spoken: dict[str, list[str]] = {}
    for turn in turns:
        spoken.setdefault(turn.speaker, []).append(text[turn.start : turn.end])
    mean_len = sum(word_count(t) for ts in spoken.values() for t in ts) / max(1, len(turns))
    first = turns[0].speaker if turns else None
    for name, said in spoken.items():
        if name in listed:
            roles[name] = listed[name]
            continue
        if _CHAIR.search(name):
            roles[name] = "moderator"
            continue
        questions = sum("?" in s or "？" in s for s in said) / len(said)
        avg = sum(word_count(s) for s in said) / len(said)
        if name == first and "moderator" not in listed.values() and avg <= mean_len:
            roles[name] = "moderator"
        elif questions >= 0.5:
            roles[name] = "journalist"
        else:
            roles[name] = "official"
    return roles
