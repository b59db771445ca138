"""Newsletter headlines built from a document's own title, issuer and speakers.

"SCIO briefing on implementing the Outline of the 14th Five-Year Plan and
accelerating the building of China's strength in intellectual property",
answered mostly by CNIPA's commissioner, becomes "SCIO Briefing: CNIPA on
Implementing the Outline of the 14th Five-Year Plan and Accelerating the
Building of China's Strength in IP".  Nothing is invented: every word comes
from the title, the issuer or the speaker list (acronyms from the glossary).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

from ipterm.document.model import Document
from ipterm.text.words import word_count

_EVENT = regex.compile(
    r"^(?P<who>.{0,80}?)\s*(?P<what>press conference|news conference|press briefing|briefing)"
    r"\s+(?:on|about|regarding)\s+(?P<topic>.+)$",
    regex.IGNORECASE,
)
_SMALL = frozenset("a an the and or nor but of in on for to at by with from as per via vs".split())
_ACRONYM_IN_PARENS = regex.compile(r"\(([A-Z][A-Za-z]{1,9})\)\s*$")
_MAX_FALLBACK_WORDS = 14
# A newsletter headline is short: "CNIPA Issued 2020 Annual Report on Government Information
# Disclosure" has 10 words.  Longer titles are shortened by the steps in :func:`shorten`.
MAX_HEADLINE_WORDS = 15
_PARENS = regex.compile(r"\s*\([^()]{0,80}\)")
# " for National Economic and Social Development and the Long-Range Objectives Through the
# Year 2035": a capitalised qualifier of an official name, cut at the next lower-case word.
_NAME_QUALIFIER = regex.compile(
    r"(?<=\p{Lu}\p{L}*|\d\p{L}*)\s+(?:for|through|on)\s+(?:the\s+)?\p{Lu}[\p{L}\d'’-]*"
    r"(?:\s+(?:(?:and|of|the|for|through|in|on|to)\s+)*(?:\p{Lu}[\p{L}\d'’-]*|\d{4}))*"
)
# Process words that open a topic without adding news: "implementing the Outline" -> "Outline".
_PROCESS = regex.compile(
    r"\b(?:implementing|accelerating the building of|accelerating|promoting|advancing"
    r"|the implementation of)\s+",
    regex.IGNORECASE,
)
_IP_SHORT = (
    (regex.compile(r"\bintellectual property rights?\b", regex.I), "IPR"),
    (regex.compile(r"\bintellectual property\b", regex.I), "IP"),
)


def title_case(text: str) -> str:
    """Headline capitalisation; words already holding capitals or digits are left alone.

    >>> title_case("implementing the outline of the 14th Five-Year Plan")
    'Implementing the Outline of the 14th Five-Year Plan'
    """
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if i and word.lower() in _SMALL:
            out.append(word.lower() if word.islower() else word)
        elif word[:1].islower() and not regex.search(r"[\p{Lu}\d]", word):
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)


def short_org(name: str | None, glossary=None) -> str | None:
    """An organisation's acronym: "(SCIO)" in the name, else from the glossary, else the name."""
    if not name:
        return None
    found = _ACRONYM_IN_PARENS.search(name)
    if found:
        return found.group(1)
    if glossary is not None:
        from ipterm.document.speakers import short_name

        for concept in glossary.lookup(name):
            return short_name(concept) or name
    return name


def abbreviate(text: str, glossary) -> str:
    """Glossary terms that have an English acronym replaced by it ("World ... (WIPO)")."""
    if glossary is None:
        return text
    from ipterm.document.speakers import short_name
    from ipterm.glossary.matcher import find_terms

    pieces = []
    last = 0
    for match in find_terms(text, glossary=glossary, lang="en"):
        concept = (
            match.concept if not isinstance(match.concept, str) else glossary.get(match.concept)
        )
        short = short_name(concept) if concept is not None else None
        if short and short.isupper() and len(short) < len(match.text) and match.start >= last:
            pieces += [text[last : match.start], short]
            last = match.end
    return "".join(pieces) + text[last:]


def lead_speaker_org(doc: Document) -> str | None:
    """The organisation of the official who speaks the most words."""
    words: Counter[str] = Counter()
    for sentence in doc.sentences:
        if sentence.role == "official" and sentence.speaker:
            words[sentence.speaker] += word_count(sentence.text)
    for name, _ in words.most_common():
        info = doc.speaker(name)
        if info is not None and info.organisation:
            return info.organisation
        break
    return None


def shorten(topic: str, room: int = MAX_HEADLINE_WORDS) -> str:
    """The topic cut to ``room`` words by dropping, in turn, what a headline does without.

    Each step runs only while the topic is still too long: parenthesised years
    and acronyms, capitalised qualifiers of an official name ("... for National
    Economic and Social Development"), process words ("implementing the"), then
    "intellectual property (rights)" written as "IP"/"IPR".  Words are only ever
    dropped or abbreviated, never replaced by other words.

    >>> shorten("Outline of the 14th Five-Year Plan (2021-2025) for National Economic "
    ...         "and Social Development and accelerating IP protection", 10)
    'Outline of the 14th Five-Year Plan and accelerating IP protection'
    """
    text = " ".join(topic.split())
    for step in (
        lambda t: _PARENS.sub("", t),
        lambda t: _NAME_QUALIFIER.sub("", t),
        lambda t: _PROCESS.sub("", t),
        *[(lambda t, p=p, r=r: p.sub(r, t)) for p, r in _IP_SHORT],
    ):
        if word_count(text) <= room:
            break
        text = " ".join(step(text).split())
    return text


def make_headline(doc: Document, bullets: Sequence[str] = (), glossary=None) -> str:
    """A headline: "<Issuer> Briefing: <Organisation> on <Topic>", the title, or the top bullet.

    The title's own words are kept (only acronyms for whole glossary names, and
    the cuts of :func:`shorten`), so no glossary rendering is substituted inside it.
    """
    title = doc.title
    if title:
        event = _EVENT.match(" ".join(title.split()))
        if event and (doc.kind == "transcript" or event.group("who")):
            who = short_org(doc.issuer, glossary) or event.group("who").strip() or None
            kind = "Briefing" if "brief" in event.group("what").lower() else "Press Conference"
            topic = regex.sub(r"^(?:the)\s+", "", event.group("topic").strip(), flags=regex.I)
            org = lead_speaker_org(doc)
            prefix = f"{who} {kind}" if who else kind
            head = f"{prefix}: {org} on " if org else f"{prefix}: "
            room = max(6, MAX_HEADLINE_WORDS - word_count(head))
            topic = title_case(shorten(abbreviate(topic, glossary), room))
            if org and topic.startswith("The "):
                topic = "the " + topic[4:]  # mid-headline after "on"
            return head + topic
        return shorten(" ".join(title.split()))
    if bullets:
        words = bullets[0].split()
        text = " ".join(words[:_MAX_FALLBACK_WORDS])
        return text.rstrip(".,;:") + ("..." if len(words) > _MAX_FALLBACK_WORDS else "")
    return "Highlights"
