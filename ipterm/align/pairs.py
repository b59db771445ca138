"""Result types of glossary building: :class:`TermPair` and its :class:`Evidence`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """Why a pair was proposed: evidence kinds, example sentence pairs and the raw scores.

    Kinds: ``cooccurrence`` (aligned segments), ``segment`` (a whole title or
    heading segment pairs with a whole segment), ``glossary``, ``dictionary``
    (CC-CEDICT gives this very rendering), ``composition`` (the parts'
    translations explain the English), ``encoder`` (multilingual similarity),
    ``monolingual`` (no parallel text: equivalent proposed from resources).
    """

    kinds: tuple[str, ...]
    examples: tuple[tuple[str, str], ...] = ()
    scores: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "kinds": list(self.kinds),
            "examples": [{"zh": zh, "en": en} for zh, en in self.examples],
            "scores": {name: round(value, 4) for name, value in self.scores},
        }


@dataclass(frozen=True)
class TermPair:
    """A proposed Chinese-English term pair; ``frequency`` counts the segments where both occur.

    >>> p = TermPair("專利權", "patent right", 0.93, 12, Evidence(("cooccurrence",)))
    >>> p.to_dict()["evidence"]["kinds"]
    ['cooccurrence']
    """

    zh: str
    en: str
    confidence: float
    frequency: int
    evidence: Evidence = field(default_factory=lambda: Evidence(()))
    zh_frequency: int = 0
    en_frequency: int = 0
    alternatives: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "zh": self.zh,
            "en": self.en,
            "confidence": round(self.confidence, 4),
            "frequency": self.frequency,
            "zh_frequency": self.zh_frequency,
            "en_frequency": self.en_frequency,
            "proposed": True,
            "evidence": self.evidence.to_dict(),
            "alternatives": [{"en": en, "confidence": round(c, 4)} for en, c in self.alternatives],
        }
