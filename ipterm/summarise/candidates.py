"""Which sentences may become bullets, how long they are, and whether a document has a lede."""

from __future__ import annotations

import regex

from ipterm.document import Document
from ipterm.document.model import Sentence
from ipterm.summarise import editing

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
_HAN = regex.compile(r"\p{Han}")


def word_count(text: str) -> int:
    """Words, counting two Han characters as one word.

    >>> word_count("530,000 invention patents"), word_count("授权发明专利53万件")
    (3, 5)
    """
    han = len(_HAN.findall(text))
    return len(_HAN.sub(" ", text).split()) + (han + 1) // 2


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
