"""Which sentences may become bullets, how long they are, and whether a document has a lede."""

from __future__ import annotations

import numpy as np
import regex

from ipterm.document import Document
from ipterm.document.model import Sentence
from ipterm.summarise import editing, signals
from ipterm.text.words import word_count

__all__ = ["MAX_RANKED", "MAX_RANKED_CHARS", "bound_candidates", "has_opening",
           "select_candidates", "word_count"]  # fmt: skip

# Below ``min_words`` a sentence is a fragment, unless the text has few others.
_ENOUGH_LONG = 12
_FRAGMENT_WORDS = 4
_OPENING = regex.compile(
    r"\bwelcome (?:to|everyone|back)\b|\bcall (?:this|the) meeting to order\b"
    r"|good (?:morning|afternoon),? "
    r"(?:everyone|everybody|all)|\bfriends from the media\b|ladies and gentlemen|欢迎|大家好",
    regex.IGNORECASE,
)
_CANDIDATE_UNITS = frozenset({"paragraph", "turn", "item"})
# Most candidates ranked with the graph signals (their matrices are N x N).
MAX_RANKED = 1500
MAX_RANKED_CHARS = 200_000
# A figure, counted cheaply (digits, or a run of Chinese numerals) for the bound above.
_FIGURE = regex.compile(r"\d[\d,.]*|[〇一二两三四五六七八九十百千万亿]{2,}")


def has_opening(doc: Document) -> bool:
    """Whether ``doc`` starts at the beginning of the event, so its first lines are a lede.

    A news paragraph before any speaker turn, or a first turn that opens the
    meeting ("Welcome to ...", "I call this meeting to order"), is a lede; an
    excerpt that starts mid-hearing ("Okay, we move on to ...") has none.
    """
    for unit in doc.units:
        if unit.kind in ("paragraph", "item"):
            return True
        if unit.kind == "turn":
            return bool(_OPENING.search(unit.text[:600]))
    return False


def select_candidates(doc: Document, min_words: int) -> list[Sentence]:
    """Sentences that may become bullets: running text, not fillers, not fragments.

    Sentences under ``min_words`` words are left out when the document has
    enough longer ones (:data:`_ENOUGH_LONG`): in a transcript they are
    interjections and fragments.  A short note keeps its short sentences
    (down to :data:`_FRAGMENT_WORDS`), and a text with no running text at all
    (one unpunctuated line) falls back to its headings, so that it still
    gets a summary.
    """
    found = _candidates(doc, _CANDIDATE_UNITS, min_words)
    if len(found) >= _ENOUGH_LONG:
        return found
    floor = min(min_words, _FRAGMENT_WORDS)
    found = _candidates(doc, _CANDIDATE_UNITS, floor)
    return found or _candidates(doc, _CANDIDATE_UNITS | {"heading"}, floor)


def _candidates(doc: Document, kinds: frozenset[str], least: int) -> list[Sentence]:
    units = doc.units
    out = []
    for sentence in doc.sentences:
        if units[sentence.unit].kind not in kinds:
            continue
        if editing.is_filler(sentence.text) or word_count(sentence.text) < least:
            continue
        out.append(sentence)
    return out


def bound_candidates(
    candidates: list[Sentence], kind: str, notices: list[str] | None = None
) -> list[Sentence]:
    """At most :data:`MAX_RANKED` candidates (:data:`MAX_RANKED_CHARS` characters).

    The graph signals compare every candidate with every other, so a 10 MB
    text (100,000 sentences) would need a 40 GB matrix; a briefing has a few
    hundred.  Beyond the bound, the candidates with the most figures, the best
    position and a bullet's length (signals that cost one pass) go on to be
    ranked, in document order, and a notice says so.
    """
    total = sum(len(s.text) for s in candidates)
    if len(candidates) <= MAX_RANKED and total <= MAX_RANKED_CHARS:
        return candidates
    texts = [s.text for s in candidates]
    figures = np.array([min(len(_FIGURE.findall(t)), 3) for t in texts], dtype=float)
    cheap = (1.0 + figures) * (1.0 + signals.position(candidates, kind))
    cheap *= signals.role(candidates) * signals.length([word_count(t) for t in texts])
    keep: list[int] = []
    chars = 0
    for i in np.argsort(-cheap, kind="stable"):
        if len(keep) == MAX_RANKED:
            break
        if chars + len(texts[i]) > MAX_RANKED_CHARS:
            continue
        keep.append(int(i))
        chars += len(texts[i])
    keep = sorted(keep or [0])
    if notices is not None:
        notices.append(
            f"{len(candidates):,} candidate sentences ({total:,} characters): the "
            f"{len(keep):,} with the most figures, the best position and a bullet's "
            "length were ranked"
        )
    return [candidates[i] for i in keep]
