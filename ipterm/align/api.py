"""The function API of glossary building: the common cases in one call each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from ipterm.align.builder import BuilderConfig, GlossaryBuilder
from ipterm.align.pairs import TermPair


def _default_glossary(glossary):
    if glossary is not None:
        return glossary
    from ipterm.glossary.io import load_glossary

    return load_glossary()


def propose(
    segments: Iterable[tuple[str, str]],
    *,
    glossary=None,
    config: BuilderConfig | None = None,
    encode: Callable[[list[str]], np.ndarray] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[TermPair]:
    """Proposed pairs from aligned ``(zh, en)`` segments, highest confidence first.

    ``glossary`` (default: the bundled one) seeds the tokenizer and gives
    lexical evidence; it is not copied into the result.
    """
    builder = GlossaryBuilder(_default_glossary(glossary), config=config, encode=encode)
    return builder.fit(list(segments), progress=progress).pairs()


def propose_from_text(
    text: str,
    *,
    lang: str | None = None,
    glossary=None,
    encode: Callable[[list[str]], np.ndarray] | None = None,
    use_cedict: bool = True,
) -> list[TermPair]:
    """Proposals from a one-language document (language detected when ``lang`` is None).

    >>> from ipterm.glossary.model import Glossary
    >>> g = Glossary.from_pairs([("专利", "patent")])
    >>> [(p.zh, p.en) for p in propose_from_text("专利 专利", glossary=g, use_cedict=False)]
    [('专利', 'patent')]
    """
    from ipterm.align import monolingual
    from ipterm.text.sentences import detect_language

    glossary = _default_glossary(glossary)
    lang = lang or detect_language(text)
    if lang == "zh":
        from ipterm.align.builder import make_segmenter
        from ipterm.text.normalize import to_simplified

        segmenter = make_segmenter(to_simplified(t.text) for _, t in glossary.terms("zh"))
        return monolingual.from_chinese(text, glossary, segmenter, use_cedict=use_cedict)
    return monolingual.from_english(text, glossary, encode=encode, use_cedict=use_cedict)


def pairs_to_glossary(
    pairs: Sequence[TermPair], *, name: str = "proposed", source: str | None = None
):
    """A glossary of proposed concepts (``proposed=True``, with the pair's confidence)."""
    from ipterm.glossary.model import Concept, Glossary, Term

    concepts, seen = [], set()
    for n, pair in enumerate(pairs, start=1):
        key = (pair.zh, pair.en.lower())
        if key in seen:
            continue
        seen.add(key)
        examples = "; ".join(f"{zh} | {en}".strip(" |") for zh, en in pair.evidence.examples[:1])
        note = f"evidence: {', '.join(pair.evidence.kinds)}; seen together {pair.frequency}x"
        if examples:
            note += f"; e.g. {examples}"
        terms = (Term(pair.zh, "zh", source=source), Term(pair.en, "en", source=source))
        concepts.append(
            Concept(
                f"proposed-{n:05d}",
                terms,
                note=note,
                source=source,
                proposed=True,
                confidence=round(pair.confidence, 4),
            )
        )
    return Glossary(tuple(concepts), name=name)


def build_glossary(
    segments: Iterable[tuple[str, str]],
    *,
    glossary=None,
    merge_into=None,
    config: BuilderConfig | None = None,
    encode: Callable[[list[str]], np.ndarray] | None = None,
):
    """A glossary of proposed pairs from aligned segments, merged into ``merge_into`` if given.

    Merging folds a proposal into an existing concept that shares its Chinese
    and English terms, so nothing is duplicated.

    >>> from ipterm.glossary.model import Glossary
    >>> segs = [("商標權", "trademark right"), ("商標權人", "trademark right holder")] * 2
    >>> config = BuilderConfig(use_cedict=False)
    >>> built = build_glossary(segs, glossary=Glossary(()), config=config)
    >>> all(c.proposed for c in built), len(built) > 0
    (True, True)
    """
    pairs = propose(segments, glossary=glossary, config=config, encode=encode)
    built = pairs_to_glossary(pairs)
    return merge_into.merge(built) if merge_into is not None else built
