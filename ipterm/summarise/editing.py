"""Light newsletter editing of extracted sentences: fillers out, statements attributed.

An editor turning a briefing into bullets makes three kinds of change, and
only these: discourse fillers go ("First,", "Thank you."), first-person
speech is quoted and attributed ("We cracked 21,000 criminal cases" ->
'Shen Changyu of CNIPA said: "We cracked 21,000 criminal cases"'; "we" is not
rewritten as the agency, see :func:`attribute`), and white space is tidied.
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

_FIRST_PERSON = regex.compile(r"\b(?:[Ww]e|[Oo]ur|[Oo]urselves)\b|(?<!\p{Lu}\.)\bus\b")
_SINGULAR_FIRST = regex.compile(r"\b(?:I|me|my|I'm|I've)\b")


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
    """First-person official speech quoted and attributed to its speaker (and office).

    "We" in a briefing may be the agency, the government or the country ("We
    cracked 21,000 criminal cases", said by CNIPA's head, is the police's work),
    so rewriting it as "CNIPA said it cracked ..." can state a falsehood.  The
    rule that never does: keep the speaker's words verbatim in quotes, named by
    speaker and organisation.  Sentences without first person come back unchanged.

    >>> attribute("We cracked 21,000 cases.", "CNIPA", "Shen Changyu")
    'Shen Changyu of CNIPA said: "We cracked 21,000 cases."'
    >>> attribute("We closed 2,884 websites.", None, "Gan Lin")
    'Gan Lin said: "We closed 2,884 websites."'
    >>> attribute("The office granted 530,000 patents.", "CNIPA", "Shen Changyu")
    'The office granted 530,000 patents.'
    """
    if regex.search(r"\p{Han}", sentence):
        if "我" not in sentence or not (organisation or speaker):
            return sentence
        who = (
            f"{speaker}（{organisation}）"
            if speaker and organisation
            else (speaker or organisation)
        )
        return f"{who}表示：“{sentence}”"
    if not _FIRST_PERSON.search(sentence) or _SINGULAR_FIRST.search(sentence):
        return sentence  # "I think ..." is an opinion: left as spoken
    if speaker and organisation:
        return f'{speaker} of {organisation} said: "{sentence}"'
    if speaker or organisation:
        return f'{speaker or organisation} said: "{sentence}"'
    return sentence


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
