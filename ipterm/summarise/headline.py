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

_EVENT = regex.compile(
    r"^(?P<who>.{0,80}?)\s*(?P<what>press conference|news conference|press briefing|briefing)"
    r"\s+(?:on|about|regarding)\s+(?P<topic>.+)$",
    regex.IGNORECASE,
)
_SMALL = frozenset("a an the and or nor but of in on for to at by with from as per via vs".split())
_ACRONYM_IN_PARENS = regex.compile(r"\(([A-Z][A-Za-z]{1,9})\)\s*$")
_MAX_FALLBACK_WORDS = 14


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
            words[sentence.speaker] += len(sentence.text.split())
    for name, _ in words.most_common():
        info = doc.speaker(name)
        if info is not None and info.organisation:
            return info.organisation
        break
    return None


def make_headline(doc: Document, bullets: Sequence[str] = (), glossary=None) -> str:
    """A headline: "<Issuer> Briefing: <Organisation> on <Topic>", the title, or the top bullet."""
    title = doc.title
    if title:
        event = _EVENT.match(title)
        if event and (doc.kind == "transcript" or event.group("who")):
            who = short_org(doc.issuer, glossary) or event.group("who").strip() or None
            kind = "Briefing" if "brief" in event.group("what").lower() else "Press Conference"
            topic = regex.sub(r"^(?:the)\s+", "", event.group("topic").strip(), flags=regex.I)
            topic = title_case(abbreviate(topic, glossary))
            org = lead_speaker_org(doc)
            prefix = f"{who} {kind}" if who else kind
            return f"{prefix}: {org} on {topic}" if org else f"{prefix}: {topic}"
        return " ".join(title.split())
    if bullets:
        words = bullets[0].split()
        text = " ".join(words[:_MAX_FALLBACK_WORDS])
        return text.rstrip(".,;:") + ("..." if len(words) > _MAX_FALLBACK_WORDS else "")
    return "Highlights"
