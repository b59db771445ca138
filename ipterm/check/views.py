"""What the rules read: a segment with its matches (:class:`SegmentView`), the :class:`Context`.

The segment rules (``rules.py``) and the document rules (``docrules.py``)
both depend on these and on nothing of each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ipterm.check.config import CheckerConfig, ignore_key
from ipterm.check.renderings import Rendering, RenderingIndex
from ipterm.check.report import Finding
from ipterm.check.segments import Segment
from ipterm.glossary.model import Concept, Glossary, Term

__all__ = ["ACRONYM_TYPES", "Context", "SegmentView"]

# Term types whose first use in a document should be spelled out.
ACRONYM_TYPES = ("acronym", "abbreviation")


@dataclass
class SegmentView:
    """One segment with what the matcher found in it (built once, read by every rule)."""

    segment: Segment
    src_matches: list[Any]
    tgt_matches: list[Any]
    tgt_prepared: str
    skip: frozenset[str] = frozenset()
    # (concept id, source match, rendering found in the target) for the consistency rules
    rendered: list[tuple[str, Any, Rendering]] = field(default_factory=list)
    # first source match of each concept that has target terms but no rendering in the target
    unrendered: list[Any] = field(default_factory=list)
    tgt_words: Any = None  # stemmed target words, built on first need
    # concept id -> the longer source word every unrendered match of it lies inside
    nested: dict[str, str] = field(default_factory=dict)


@dataclass
class Context:
    """What every rule needs: the glossary, the settings and the cached rendering patterns."""

    glossary: Glossary
    config: CheckerConfig
    renderings: RenderingIndex

    def finding(self, rule: str, view: SegmentView, **kwargs: Any) -> Finding | None:
        """A finding, or None when the rule, the term or the concept is silenced."""
        if rule in view.skip:
            return None
        ignored = self.config.ignore_terms
        if ignored:
            for key in ("source_term", "target_term", "concept"):
                value = kwargs.get(key)
                if value and ignore_key(value) in ignored:
                    return None
        return Finding(
            rule,
            self.config.severity(rule),  # type: ignore[arg-type]
            view.segment.index,  # type: ignore[arg-type]
            segment_id=view.segment.id,
            **kwargs,
        )

    def suggest(self, concept: Concept) -> Term | None:
        return concept.preferred(self.config.target_lang, self.config.region)
