"""The checker's settings: one immutable object with documented defaults (ftfy's TextFixerConfig).

Severities follow what a reviewer must act on: a missing or deprecated term,
a wrong number and Chinese left in an English target are errors (they fail a
CI run); inconsistency and abbreviation order are warnings, because a house
style may allow them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from ipterm.check.severity import EVIDENCE_KINDS
from ipterm.errors import InputError
from ipterm.glossary.model import REGIONS

# rule id -> (default severity, what it checks, issue numbering)
RULES: dict[str, tuple[str, str]] = {
    "missing-term": (
        "error",
        "a glossary source term has none of its accepted renderings in the target",
    ),
    "deprecated-term": ("error", "a deprecated term is used in the target"),
    "inconsistent-source": ("warning", "one source term rendered two different ways in the file"),
    "inconsistent-target": ("warning", "one target term used for two different source terms"),
    "abbreviation-first-use": ("warning", "an abbreviation used before, or without, its full form"),
    "number-mismatch": ("error", "numbers in source and target disagree"),
    "untranslated-chinese": ("error", "Chinese characters left in an English target"),
}

# Rules that need no source text: the ones a monolingual English draft gets.
MONOLINGUAL_RULES: tuple[str, ...] = (
    "deprecated-term",
    "abbreviation-first-use",
    "untranslated-chinese",
)

IGNORE_MARKER = "ipterm:ignore"

# Evidence that makes a missing term a warning: chosen by leave-one-law-family-out
# calibration (benchmarks/bench_check_cv.py; see ipterm/check/severity.py): every kind.
DEFAULT_EVIDENCE = frozenset(EVIDENCE_KINDS)


@dataclass(frozen=True)
class CheckerConfig:
    """What to check and how.

    * ``rules``: the rule ids to run (default: all of :data:`RULES`);
      ``ignore_rules`` removes some of them.
    * ``severities``: overrides, e.g. ``{"inconsistent-source": "error"}``.
    * ``ignore_terms``: term texts (either language, any case) or concept ids
      whose findings are dropped.
    * ``ignore_segments``: 0-based segment indexes to skip.  A segment whose
      note or target contains ``ipterm:ignore`` is skipped too, and
      ``ipterm:ignore=rule-a,rule-b`` skips only those rules there.
    * ``region``: which regional preferred term to suggest (``taiwan``,
      ``mainland``...); ``None`` suggests the general/mainland one.
    * ``inflection``: accept English inflected forms (plural, possessive,
      -ed/-ing) of a glossary rendering.
    * ``fuzzy``: also accept a rendering whose words appear as word families
      near each other ("patent for invention" for "Invention Patent",
      "revoked" for "Revocation"); see :mod:`ipterm.check.stems`.
    * ``dictionary``: grade ``missing-term`` by dictionary evidence: when
      the target contains a CC-CEDICT sense of the source term (or of a
      word or character inside it), the finding is a warning ("rendered in
      other words"), else an error; see :mod:`ipterm.check.evidence`.
    * ``evidence``: the kinds of positive evidence that make a
      ``missing-term`` finding a warning instead of an error (see
      :mod:`ipterm.check.severity`); ``allowed_references``: pronouns or
      ellipses ("the same", "thereof") that count as ``reference`` evidence;
      ``word_sources``: where known Chinese words come from for the
      ``longer-word`` and ``compound`` evidence (``cedict``, ``builtin``);
      ``compound_min_chars``: the shortest known word that ``compound``
      evidence accepts next to a term; ``substitution``: a missing term stays
      an error when the target has the glossary rendering of a concept the
      source lacks (a term replaced by another).
    * ``short_term_chars`` / ``short_term_severity``:
      a ``missing-term`` error (no evidence either) for a Chinese source term
      of at most this many characters (著作, 發明: glossary headings that
      running text renders in other words) gets this severity instead;
      ``None`` keeps it an error (``--strict``).

    The defaults of ``evidence``, ``compound_min_chars``, ``substitution`` and
    ``short_term_severity`` are the setting that leave-one-law-family-out
    calibration chose on all families (``benchmarks/results/check_cv.md``):
    every kind of evidence, three-character compounds, no substitution check,
    short terms as warnings: the best recall among the settings that stay
    within 1 error per 100 clean segments.

    >>> CheckerConfig(ignore_rules=["number-mismatch"]).enabled_rules()[:2]
    ('missing-term', 'deprecated-term')
    """

    rules: tuple[str, ...] | None = None
    ignore_rules: frozenset[str] = frozenset()
    severities: Mapping[str, str] = field(default_factory=dict)
    ignore_terms: frozenset[str] = frozenset()
    ignore_segments: frozenset[int] = frozenset()
    region: str | None = None
    source_lang: str = "zh"
    target_lang: str = "en"
    inflection: bool = True
    fuzzy: bool = True
    dictionary: bool = True
    evidence: frozenset[str] = DEFAULT_EVIDENCE
    allowed_references: tuple[str, ...] = ()
    word_sources: tuple[str, ...] = ("cedict", "builtin")
    compound_min_chars: int = 3
    substitution: bool = False
    short_term_chars: int = 2
    short_term_severity: str | None = "warning"

    def __post_init__(self) -> None:
        object.__setattr__(self, "ignore_rules", frozenset(self.ignore_rules))
        object.__setattr__(self, "ignore_segments", frozenset(int(i) for i in self.ignore_segments))
        object.__setattr__(self, "severities", MappingProxyType(dict(self.severities)))
        object.__setattr__(self, "evidence", frozenset(self.evidence))
        object.__setattr__(self, "allowed_references", tuple(self.allowed_references))
        object.__setattr__(self, "word_sources", tuple(self.word_sources))

        for kind in self.evidence:
            if kind not in EVIDENCE_KINDS:
                raise InputError(
                    f"unknown evidence kind {kind!r}; known: {', '.join(EVIDENCE_KINDS)}"
                )
        for src in self.word_sources:
            if src not in ("cedict", "builtin"):
                raise InputError(f"unknown word source {src!r}; use cedict or builtin")
        if self.rules is not None:
            object.__setattr__(self, "rules", tuple(self.rules))
        for rule in (*(self.rules or ()), *self.ignore_rules, *self.severities):
            if rule not in RULES:
                raise InputError(f"unknown rule {rule!r}; known rules: {', '.join(RULES)}")
        for rule, severity in self.severities.items():
            if severity not in ("error", "warning", "info"):
                raise InputError(
                    f"severity of {rule!r} must be error, warning or info, not {severity!r}"
                )
        if self.short_term_severity not in (None, "error", "warning", "info"):
            raise InputError(
                f"short_term_severity must be error, warning, info or None, "
                f"not {self.short_term_severity!r}"
            )
        if self.region is not None and self.region not in REGIONS:
            raise InputError(f"unknown region {self.region!r}; use one of {', '.join(REGIONS)}")
        for lang in (self.source_lang, self.target_lang):
            if lang not in ("zh", "en"):
                raise InputError(f"language {lang!r} is not supported; use zh or en")
        if self.source_lang == self.target_lang:
            raise InputError(f"source and target language are both {self.source_lang!r}")
        object.__setattr__(
            self, "ignore_terms", frozenset(ignore_key(t) for t in self.ignore_terms)
        )

    def enabled_rules(self) -> tuple[str, ...]:
        chosen = self.rules if self.rules is not None else tuple(RULES)
        return tuple(r for r in chosen if r not in self.ignore_rules)

    def severity(self, rule: str) -> str:
        return self.severities.get(rule, RULES[rule][0])

    def with_options(self, **changes: Any) -> CheckerConfig:
        """A copy with some settings changed (validated again)."""
        from dataclasses import fields

        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise InputError(
                f"unknown checker option(s) {unknown}; known: {', '.join(sorted(known))}"
            )
        return replace(self, **changes)

    def __getstate__(self) -> dict[str, Any]:  # a read-only mapping does not pickle
        return {**self.__dict__, "severities": dict(self.severities)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        object.__setattr__(self, "severities", MappingProxyType(dict(state["severities"])))

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": list(self.enabled_rules()),
            "severities": {r: self.severity(r) for r in self.enabled_rules()},
            "ignore_terms": sorted(self.ignore_terms),
            "ignore_segments": sorted(self.ignore_segments),
            "region": self.region,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "inflection": self.inflection,
            "fuzzy": self.fuzzy,
            "dictionary": self.dictionary,
            "evidence": sorted(self.evidence),
            "allowed_references": list(self.allowed_references),
            "word_sources": list(self.word_sources),
            "compound_min_chars": self.compound_min_chars,
            "substitution": self.substitution,
            "short_term_chars": self.short_term_chars,
            "short_term_severity": self.short_term_severity,
        }


def ignore_key(text: str) -> str:
    """Key for ``ignore_terms``: case, width, hyphens and Traditional script ignored.

    >>> ignore_key("專利權人") == ignore_key("专利权人")
    True
    """
    from ipterm.glossary.model import term_key
    from ipterm.text.normalize import to_simplified

    return to_simplified(term_key(text))


def segment_silences(note: str | None, target: str) -> tuple[bool, frozenset[str]]:
    """Read an inline ``ipterm:ignore`` marker: ``(whole segment, rules to skip)``.

    >>> segment_silences("ipterm:ignore=number-mismatch", "")
    (False, frozenset({'number-mismatch'}))
    >>> segment_silences(None, "text <!-- ipterm:ignore -->")
    (True, frozenset())
    """
    rules: set[str] = set()
    for text in (note or "", target):
        pos = text.find(IGNORE_MARKER)
        while pos != -1:
            rest = text[pos + len(IGNORE_MARKER) :]
            if rest.startswith("="):
                names = rest[1:].split()[0] if rest[1:].split() else ""
                rules.update(n for n in names.split(",") if n)
            else:
                return True, frozenset()
            pos = text.find(IGNORE_MARKER, pos + 1)
    return False, frozenset(rules)


def as_frozenset(values: Iterable[Any] | None) -> frozenset:
    return frozenset(values or ())
