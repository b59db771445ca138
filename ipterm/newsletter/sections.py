"""Which section of the issue a document belongs to.

Two kinds of evidence, added with weights that the ``--explain`` output shows:

* the glossary: the subject fields of the terms found in the document
  (a document full of campaign and customs terms is about enforcement);
* the encoder: cosine similarity between the document's opening and each
  section's description (``sections.toml``), when the encoder is available.

The subject evidence alone decides when there is no encoder, so the
classifier still works on a machine without torch.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ipterm import resources
from ipterm.errors import InputError
from ipterm.newsletter.model import SectionScore

EncodeFn = Callable[..., np.ndarray]

# Weight of the encoder similarity against the glossary subject share.  Cosines
# between a passage and a one-line description spread over roughly 0.75-0.9 for
# e5-small, so they are centred on their mean across sections before weighting.
SIMILARITY_WEIGHT = 4.0
SUBJECT_WEIGHT = 1.0


@dataclass(frozen=True)
class SectionSpec:
    name: str
    description: str
    subjects: tuple[str, ...] = ()


def load_sections(path: str | Path | None = None) -> tuple[SectionSpec, ...]:
    """Section list from a TOML file (``[[section]]`` tables), default the bundled one."""
    if path is None:
        raw = resources.package_file("ipterm.newsletter", "sections.toml").read_bytes()
        where = "sections.toml"
    else:
        where = str(path)
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the section list: {exc.strerror}", path=path) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        specs = tuple(
            SectionSpec(s["name"], s.get("description", s["name"]), tuple(s.get("subjects", ())))
            for s in data["section"]
        )
    except (tomllib.TOMLDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"not a section list ({exc}); expected [[section]] tables with name, description, "
            "subjects",
            path=where,
        ) from None
    if not specs:
        raise InputError("the section list is empty", path=where)
    return specs


def sections_from_names(names: Sequence[str]) -> tuple[SectionSpec, ...]:
    """A user-given list of section names: known names keep their descriptions."""
    known = {s.name.casefold(): s for s in load_sections()}
    return tuple(
        known.get(n.strip().casefold(), SectionSpec(n.strip(), n.strip()))
        for n in names
        if n.strip()
    )


class SectionClassifier:
    """Scores a document against every section; see the module docstring for the evidence."""

    def __init__(self, sections: Sequence[SectionSpec], *, encode: EncodeFn | None = None) -> None:
        self.sections = tuple(sections)
        self._encode = encode
        self._described: np.ndarray | None = None

    def _description_vectors(self) -> np.ndarray:
        if self._described is None:
            assert self._encode is not None
            self._described = self._encode([s.description for s in self.sections], kind="query")
        return self._described

    def score(self, text: str, subjects: Sequence[str]) -> tuple[SectionScore, ...]:
        """Every section's score for a document, best first.

        ``subjects`` are the subject fields of the glossary terms found in it,
        one entry per occurrence.
        """
        counts = Counter(subjects)
        total = sum(counts.values()) or 1
        shares = [sum(counts[s] for s in spec.subjects) / total for spec in self.sections]
        similarities: list[float | None] = [None] * len(self.sections)
        centred = [0.0] * len(self.sections)
        if self._encode is not None:
            doc = self._encode([text[:2000]], kind="passage")[0]
            sims = self._description_vectors() @ doc
            similarities = [float(s) for s in sims]
            centred = [float(s - sims.mean()) for s in sims]
        scored = [
            SectionScore(
                section=spec.name,
                score=SUBJECT_WEIGHT * share + SIMILARITY_WEIGHT * c,
                similarity=sim,
                subject_share=share,
            )
            for spec, share, sim, c in zip(
                self.sections, shares, similarities, centred, strict=True
            )
        ]
        order = {spec.name: i for i, spec in enumerate(self.sections)}
        return tuple(sorted(scored, key=lambda s: (-s.score, order[s.section])))
