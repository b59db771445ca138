"""Light newsletter editing of extracted sentences: fillers out, statements attributed.

An editor turning a briefing into bullets makes three kinds of change, and
only these: discourse fillers go ("First,", "Thank you."), first-person
speech becomes an attributed statement ("We have investigated 31,300 cases"
-> "CNIPA said it has investigated 31,300 cases"), and white space is tidied.
Numbers and names are never touched; :func:`numbers_intact` checks it.
"""

from __future__ import annotations

import regex

# Sentence-opening discourse markers a newsletter drops (English and Chinese).
_LEAD = regex.compile(
    r"^(?:(?:first(?:ly)?(?: of all)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?"
    r"|sixth(?:ly)?|seventh|eighth|ninth|tenth|finally|lastly|next|meanwhile"
    r"|in addition(?: to that)?"
    r"|additionally|also|moreover|furthermore|besides|specifically|so|well|okay|ok|yes|now"
    r"|of course|actually|basically|indeed|at the same time|on the one hand|on the other hand"
    r"|in general|in short|in fact|for example|for instance|as you said|as i said"
    r"|as mentioned)\s*[,:]\s+"
    r"|(?:[IVX]{1,4}\.|\(?\d{1,3}\)|\d{1,3}\.)\s+"
    r"|[(（][一二三四五六七八九十\d]{1,3}[)）]\s*|[一二三四五六七八九十]{1,3}、"
    r"|(?:首先|其次|再次|最后|第[一二三四五六七八九十]+|此外|另外|同时|与此同时|总之|总的来说|一是|二是|三是|四是|五是)[，,：:]?)",
    regex.IGNORECASE,
)
# Whole sentences that carry no news: thanks, greetings, handing over the floor.
_FILLER = regex.compile(
    r"^(?:thanks?\b|thank you\b|good (?:morning|afternoon|evening)\b|welcome\b|goodbye\b|"
    r"okay\b|ok\b|right\b|yes\b|no\b|sure\b|please\b|friends from the media\b"
    r"|谢谢|感谢|大家好|欢迎)"
    r"|answer (?:this|that|your|the) questions?|give the floor|raise (?:your )?questions"
    r"|concludes? (?:today|this)|thank(?:s| you) (?:for|to) |respond briefly|"
    r"^(?:i|we) (?:would like to|will now) (?:answer|take)",
    regex.IGNORECASE,
)
_MAX_FILLER_WORDS = 14

_WE = regex.compile(r"\b[Ww]e\b(?P<sp>\s+)(?P<verb>[A-Za-z']+)")
_OUR = regex.compile(r"\b[Oo]ur\b")
_OURSELVES = regex.compile(r"\b[Oo]urselves\b")
_US = regex.compile(r"\bus\b")
_FIRST_PERSON = regex.compile(r"\b(?:[Ww]e|[Oo]ur|[Oo]urselves)\b|(?<!\p{Lu}\.)\bus\b")
_SINGULAR_FIRST = regex.compile(r"\b(?:I|me|my|I'm|I've)\b")
# "we <verb>" -> "it <verb>": verbs that change, and verbs safe to keep as they are.
_VERB_3SG = {"have": "has", "are": "is", "were": "was", "do": "does", "'ve": "'s", "'re": "'s"}
_KEEP_VERB = frozenset(
    """will would can could should must may might shall had also have've did
    cannot never always still already""".split()
)
_IRREGULAR_PAST = frozenset(
    """made took set built held gave got began brought led met won sought saw kept put cut
    found spent sent paid ran wrote drew became chose undertook""".split()
)
_PRESENT_ED = frozenset("need proceed succeed exceed feed speed embed".split())
_LOWER_OPENERS = frozenset(
    """in on at during over since so according from by for after before as with under to
    this these that those the a an there it its all some many most both each every""".split()
)


def is_filler(sentence: str) -> bool:
    """True for sentences that carry no news (thanks, greetings, handing over the floor).

    >>> is_filler("Thank you for your question.")
    True
    >>> is_filler("In 2020, 530,000 invention patents were granted.")
    False
    """
    text = sentence.strip()
    if not text:
        return True
    if len(text.split()) > _MAX_FILLER_WORDS and not regex.search(r"[\p{Han}]", text):
        return False
    return bool(_FILLER.search(text))


def strip_fillers(sentence: str) -> str:
    """The sentence without leading discourse markers, first letter capitalised.

    >>> strip_fillers("First, IPR protection has been strengthened.")
    'IPR protection has been strengthened.'
    >>> strip_fillers("首先，加强知识产权保护")
    '加强知识产权保护'
    """
    text = (
        " ".join(sentence.split()) if not regex.search(r"\p{Han}", sentence) else sentence.strip()
    )
    for _ in range(3):
        stripped = _LEAD.sub("", text, count=1)
        if stripped == text or not stripped.strip():
            break
        text = stripped.lstrip()
    lead = len(text) - len(text.lstrip("\"'“‘("))
    if text[lead : lead + 1].islower():
        text = text[:lead] + text[lead].upper() + text[lead + 1 :]
    return text


def attribute(sentence: str, organisation: str | None, speaker: str | None) -> str:
    """Turn first-person official speech into a statement attributed to the organisation.

    With no organisation the speaker is quoted by name; sentences without
    "we"/"our" come back unchanged.

    >>> attribute("We have investigated 31,300 cases, and our staff closed 841.", "CNIPA", None)
    'CNIPA said it has investigated 31,300 cases, and its staff closed 841.'
    >>> attribute("In 2019, we joined with the CBIRC.", "CNIPA", None)
    'CNIPA said that in 2019, it joined with the CBIRC.'
    >>> attribute("We closed 2,884 websites.", None, "Gan Lin")
    'Gan Lin said: "We closed 2,884 websites."'
    """
    if regex.search(r"\p{Han}", sentence):
        if "我们" not in sentence or not (organisation or speaker):
            return sentence
        return f"{organisation or speaker}表示：“{sentence}”"
    if not _FIRST_PERSON.search(sentence) or _SINGULAR_FIRST.search(sentence):
        return sentence
    if organisation:
        converted = _to_third_person(sentence)
        if converted is not None:
            return _said(organisation, converted)
    if speaker:
        return f'{speaker} said: "{sentence}"'
    return sentence


def _to_third_person(sentence: str) -> str | None:
    failed = False

    def fix(match: regex.Match) -> str:
        nonlocal failed
        verb = match.group("verb")
        lowered = verb.lower()
        if lowered in _VERB_3SG:
            new = _VERB_3SG[lowered]
        elif (
            lowered in _KEEP_VERB
            or lowered in _IRREGULAR_PAST
            or (lowered.endswith("ed") and lowered not in _PRESENT_ED)
        ):
            new = verb
        else:
            failed = True
            new = verb
        return f"it{match.group('sp')}{new}"

    text = _WE.sub(fix, sentence)
    if failed or regex.search(r"\b[Ww]e\b", text):
        return None
    text = _OURSELVES.sub("itself", text)
    text = _OUR.sub("its", text)
    return _US.sub("it", text)


def _said(organisation: str, text: str) -> str:
    if text.startswith("it "):
        return f"{organisation} said {text}"
    first = text.split(" ", 1)[0].rstrip(",")
    common = first.lower() in _LOWER_OPENERS or (
        first[1:].islower() and first.endswith(("ing", "ly"))
    )
    if common and first[:1].isupper():
        text = text[0].lower() + text[1:]
    return f"{organisation} said that {text}"


def edit_sentence(sentence: str, *, organisation: str | None = None, speaker: str | None = None,
                  attribute_speech: bool = True) -> str:  # fmt: skip
    """Fillers stripped, then first-person speech attributed (when a speaker is known)."""
    text = strip_fillers(sentence)
    if attribute_speech and (organisation or speaker):
        text = attribute(text, organisation, speaker)
    return text


def numbers_intact(bullet: str, sources: list[str]) -> bool:
    """Every number written in ``bullet`` is written the same way in one of ``sources``.

    >>> numbers_intact("CNIPA said it granted 530,000 patents.", ["We granted 530,000 patents."])
    True
    >>> numbers_intact("It granted 530 000 patents.", ["We granted 530,000 patents."])
    False
    """
    from ipterm.text.numbers import find_numbers

    source_text = "\n".join(sources)
    have = [m.text for m in find_numbers(source_text)]
    for mention in find_numbers(bullet):
        if mention.text in have:
            have.remove(mention.text)
        else:
            return False
    return True
