"""Glossary building: propose Chinese-English term pairs, with evidence, from documents.

Parallel text (aligned pairs, or a Chinese file and its translation aligned
here sentence by sentence) gives pairs by co-occurrence plus lexical and
encoder evidence; one-language documents give terms whose equivalents come
from the glossary, CC-CEDICT or the encoder.  See docs/glossary-builder.md.

>>> from ipterm.glossary.model import Glossary
>>> segs = [("專利權人", "the patentee"), ("專利權人應", "The patentee shall")] * 2
>>> segs += [("商標", "trademark")] * 2
>>> pairs = propose(segs, glossary=Glossary(()), config=BuilderConfig(use_cedict=False))
>>> {p.zh: p.en for p in pairs}["商標"]
'trademark'
"""

from __future__ import annotations

from ipterm.align.api import build_glossary, pairs_to_glossary, propose, propose_from_text
from ipterm.align.builder import BuilderConfig, GlossaryBuilder
from ipterm.align.pairs import Evidence, TermPair

__all__ = [
    "BuilderConfig",
    "Evidence",
    "GlossaryBuilder",
    "TermPair",
    "build_glossary",
    "pairs_to_glossary",
    "propose",
    "propose_from_text",
]
