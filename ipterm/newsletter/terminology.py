"""Bring a draft's English in line with the glossary.

Two edits, both driven by the glossary and nothing else:

* a non-preferred rendering (admitted or deprecated) is replaced by the
  concept's preferred English term of the same kind (an acronym by the
  preferred acronym, a full name by the preferred full name): "NIPA" becomes
  "CNIPA", "punitive compensation" becomes "punitive damages";
* the first mention of a concept that has an acronym is spelled out as
  ``Full Name ("ACR")``, the form of the "China IP Highlights" newsletter;
  later mentions use the acronym.

Headlines are left as the summariser made them from the document's title
(acronyms and all, as in the newsletter: "CNIPA Issued 2020 Annual Report ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ipterm.glossary.matcher import Matcher, matcher_for
from ipterm.glossary.model import Concept, Glossary, Term

_OPEN_QUOTE, _CLOSE_QUOTE = "\u201c", "\u201d"
_QUOTED = re.compile(r'\u201c[^\u201d]*\u201d|"[^"\n]*"')
# 'said: "...' opens reported speech that runs to the last straight quote of the line,
# whatever straight quotes it nests ("We ran the "Iron Fist" campaign").
_SPEECH = re.compile(r':\s*"[^\n]*"')

# Names whose admitted short forms read well in a newsletter ("the 13th Five-Year Plan",
# "Iron Fist operations"): only their deprecated variants are replaced.
_NAME_SUBJECTS = frozenset({"law", "regulation", "policy", "treaty", "campaign"})


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech and quoted names, which are never edited."""
    spans = [m.span() for m in _SPEECH.finditer(text)]
    spans += [
        m.span() for m in _QUOTED.finditer(text) if not any(a <= m.start() < b for a, b in spans)
    ]
    return spans


def _acronym_pair(concept: Concept) -> tuple[Term, Term] | None:
    """The preferred acronym of a concept and the full form it stands for, if it has both."""
    acronyms = [
        t
        for t in concept.accepted("en")
        if t.term_type in ("acronym", "abbreviation") and t.full_form
    ]
    if not acronyms:
        return None
    acronym = acronyms[0]
    fulls = [t for t in concept.accepted("en") if t.text == acronym.full_form]
    return (acronym, fulls[0]) if fulls else None


def _preferred_like(concept: Concept, term: Term) -> Term | None:
    """The preferred term to use instead of ``term``: same kind (acronym or full) when possible."""
    pair = _acronym_pair(concept)
    short = term.term_type in ("acronym", "abbreviation")
    if pair is not None:
        return pair[0] if short else pair[1]
    preferred = concept.preferred("en")
    if preferred is None or preferred.term_type in ("acronym", "abbreviation") and not short:
        return None
    return preferred


def _inflect_like(replacement: str, matched: str, term: Term) -> str:
    """Carry a plural ending of the matched text over to the replacement."""
    if matched.lower().endswith("s") and not term.text.lower().endswith("s"):
        if not replacement.endswith("s"):
            return replacement + ("es" if replacement.endswith(("s", "x", "ch", "sh")) else "s")
    return replacement


def _wanted(concept: Concept, term: Term, text: str, end: int) -> Term:
    """The term the draft should use where ``term`` was found (``term`` itself if it is fine)."""
    if term.status == "preferred" or (
        term.status == "admitted" and concept.subject in _NAME_SUBJECTS
    ):
        return term
    wanted = _preferred_like(concept, term) or term
    rest = wanted.text[len(term.text) :]
    if wanted.text.lower().startswith(term.text.lower()) and text[end:].lower().startswith(
        rest.lower()
    ):
        # "Iron Fist" followed by " campaign" already is the preferred "Iron Fist campaign"
        return term
    return wanted


# Subjects whose names take "the" in running English ("the CNIPA said",
# "The Supreme People's Court").
_ARTICLE_SUBJECTS = frozenset({"agency", "court", "organization"})


# What stands between a full name and the acronym it defines: "Administration (CNIPA)".
_DEFINING = frozenset({" (", "(", " (\u201c", ' ("', " (the \u201c", ' (the "'})

_DETERMINERS = ("the", "a", "an", "its", "their", "our", "this", "that", "whose")


def _article(concept: Concept, text: str, start: int, replacement: str) -> str:
    """The article a spelled-out agency name needs where it now stands: "The ", "the " or "".

    An acronym reads without one ("CNIPA said", "Shen Changyu of CNIPA"); the full
    name does not ("the China National Intellectual Property Administration").
    """
    if concept.subject not in _ARTICLE_SUBJECTS or replacement.startswith(("The ", "the ")):
        return ""
    if "\u201c" not in replacement:  # only spelled-out first mentions change the phrase's shape
        return ""
    before = text[:start].rstrip(" ")
    if before == "" or before.endswith((".", "!", "?", "\n", ":", "\u201c", '"')):
        return "The "
    last_word = before.rsplit(None, 1)[-1].lower()
    if last_word in _DETERMINERS or last_word.endswith(("'s", "\u2019s")):
        return ""
    return "the "


def _definition_of(acronym: str) -> re.Pattern[str]:
    """' ("SCIO")', ' (SCIO)', ' (the “SCIO”)' right after a full name."""
    return re.compile(r"\s*\((?:the\s+)?[\"\u201c]?" + re.escape(acronym) + r"[\"\u201d]?\)")


@dataclass
class TermEditor:
    """Applies the preferred-term and first-mention edits across one issue, in reading order."""

    glossary: Glossary
    matcher: Matcher | None = None
    _introduced: set[str] = field(default_factory=set)
    changes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.matcher is None:
            self.matcher = matcher_for(self.glossary, langs=("en",))

    def edit(self, text: str) -> str:
        """Return ``text`` with preferred terms and first mentions spelled out."""
        assert self.matcher is not None
        out: list[str] = []
        last = 0
        quoted = _quoted_spans(text)
        previous_end = -1
        for match in self.matcher.find(text, lang="en"):
            if match.start < last:
                continue  # inside a definition already dropped: "(SCIO)" after "SCIO"
            concept = self.glossary.get(match.concept)
            if concept is None or any(a < match.start and match.end < b for a, b in quoted):
                continue  # words inside quotation marks are the speaker's: never edited
            if text[previous_end : match.start] in _DEFINING:
                previous_end = match.end  # "rights (IPR)": the text defines this acronym itself
                continue
            previous_end = match.end
            replacement = self._replacement(concept, match.term, match.text, text, match.end)
            if replacement is None:
                continue
            if replacement != match.text:
                replacement = _article(concept, text, match.start, replacement) + replacement
            out.append(text[last : match.start])
            out.append(replacement)
            last = match.end
            pair = _acronym_pair(concept)
            if pair is not None and replacement == pair[0].text:
                # a later mention shortened to its acronym drops its own definition
                defined = _definition_of(pair[0].text).match(text, last)
                if defined:
                    last = previous_end = defined.end()
        out.append(text[last:])
        return "".join(out)

    def _replacement(
        self, concept: Concept, term: Term, matched: str, text: str, end: int
    ) -> str | None:
        wanted = _wanted(concept, term, text, end)
        pair = _acronym_pair(concept)
        new = matched if wanted is term else _inflect_like(wanted.text, matched, term)
        if new != matched:
            self.changes.append(f"{matched!r} -> {new!r} ({concept.id})")
        if pair is None:
            return new if new != matched else None
        acronym, full = pair
        first = concept.id not in self._introduced
        self._introduced.add(concept.id)
        following = text[end : end + 40].lstrip(' ("\u201c')
        already_spelled = text[end : end + 2].strip().startswith("(") and any(
            following.startswith(t.text)
            for t in concept.terms_in("en")
            if t.term_type in ("acronym", "abbreviation")
        )
        if first and not already_spelled:
            return (
                f"{full.text} ({_OPEN_QUOTE}{acronym.text}{_CLOSE_QUOTE})"
                if new
                in (
                    acronym.text,
                    full.text,
                )
                else new
            )
        if not first and new == full.text:
            return acronym.text
        return new if new != matched else None
