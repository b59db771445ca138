"""The configured checker: match once per segment, then run every enabled rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ipterm.check import docrules as D
from ipterm.check import rules as R
from ipterm.check.config import MONOLINGUAL_RULES, CheckerConfig, segment_silences
from ipterm.check.renderings import RenderingIndex
from ipterm.check.report import Finding, Report
from ipterm.check.segments import (
    Segment,
    pairs_to_segments,
    read_aligned,
    read_segments,
    split_monolingual,
)
from ipterm.check.suggest import with_suggested_terms
from ipterm.errors import InputError
from ipterm.glossary.model import Glossary
from ipterm.signature import signature


class Checker:
    """Terminology QA against a glossary, for repeated use (files, folders, CI).

    The glossary matcher and the per-concept rendering patterns are built once
    and shared by every file checked.

    >>> from ipterm.glossary.model import Glossary
    >>> checker = Checker(Glossary.from_pairs([("专利权人", "patentee")]))
    >>> report = checker.check_pairs([("专利权人应当缴纳年费。", "The owner shall pay.")])
    >>> [(f.rule, f.source_term) for f in report.findings]
    [('missing-term', '专利权人')]
    """

    def __init__(
        self,
        glossary: Glossary | None = None,
        *,
        config: CheckerConfig | None = None,
        **options: Any,
    ) -> None:
        if glossary is None:
            from ipterm.glossary.io import load_glossary

            glossary = load_glossary()
        self.glossary = glossary
        base = config or CheckerConfig()
        self.config = base.with_options(**options) if options else base
        from ipterm.glossary.matcher import matcher_for

        langs = (self.config.source_lang, self.config.target_lang)
        self._matcher = matcher_for(glossary, langs=langs, include_deprecated=True)
        self._ctx = R.Context(
            glossary,
            self.config,
            RenderingIndex(
                target_lang=self.config.target_lang,
                inflect=self.config.inflection,
                fuzzy=self.config.fuzzy,
            ),
        )

    # --- entry points ----------------------------------------------------------------

    def check_segments(self, segments: Iterable[Segment], *, bilingual: bool = True) -> Report:
        """Check ready segments (their ``index`` is what findings report)."""
        segments = tuple(segments)
        for seg in segments:
            _refuse_overlong(seg)
        enabled = self.config.enabled_rules()
        if not bilingual:
            enabled = tuple(r for r in enabled if r in MONOLINGUAL_RULES)
        maybe_views = [self._view(seg, bilingual) for seg in segments]
        views = [v for v in maybe_views if v is not None]
        findings: list[Finding] = []
        for view in views:
            for rule in enabled:
                func = R.SEGMENT_RULES.get(rule)
                if func is not None:
                    findings.extend(func(view, self._ctx))
        if "inconsistent-source" in enabled or "inconsistent-target" in enabled:
            findings.extend(
                f for f in D.inconsistent_renderings(views, self._ctx) if f.rule in enabled
            )
        if "abbreviation-first-use" in enabled:
            findings.extend(D.abbreviation_first_use(views, self._ctx))
        findings = with_suggested_terms(findings, self.glossary, self.config)
        findings.sort(key=_finding_order)
        settings = {
            **self.config.to_dict(),
            "rules": list(enabled),
            "glossary": self.glossary.name,
            "glossary_concepts": len(self.glossary),
        }
        settings["signature"] = signature(glossary=self.glossary, settings=settings)
        return Report(tuple(findings), segments, settings)

    def check_pairs(self, pairs: Iterable[tuple[str, str] | Segment]) -> Report:
        """Check ``(source, target)`` pairs given in memory."""
        return self.check_segments(
            pairs_to_segments(
                pairs, source_lang=self.config.source_lang, target_lang=self.config.target_lang
            )
        )

    def check_text(self, text: str) -> Report:
        """Check a monolingual target-language text (rules that need no source)."""
        return self.check_segments(
            split_monolingual(text, lang=self.config.target_lang), bilingual=False
        )

    def check_file(self, path: str | Path) -> Report:
        """Check an XLIFF, TMX, TSV/CSV or monolingual text file."""
        segments, bilingual = read_segments(
            path, source_lang=self.config.source_lang, target_lang=self.config.target_lang
        )
        return self.check_segments(segments, bilingual=bilingual)

    def check_aligned(self, source_path: str | Path, target_path: str | Path) -> Report:
        """Check two plain-text files aligned line by line."""
        return self.check_segments(
            read_aligned(
                source_path,
                target_path,
                source_lang=self.config.source_lang,
                target_lang=self.config.target_lang,
            )
        )

    # --- internals -------------------------------------------------------------------

    def _view(self, seg: Segment, bilingual: bool) -> R.SegmentView | None:
        if seg.index in self.config.ignore_segments:
            return None
        whole, skip = segment_silences(seg.note, seg.target)
        if whole:
            return None
        src_lang, tgt_lang = self.config.source_lang, self.config.target_lang
        src_matches = (
            self._matcher.find(seg.source, lang=src_lang) if bilingual and seg.source else []
        )
        tgt_matches = self._matcher.find(seg.target, lang=tgt_lang) if seg.target else []
        view = R.SegmentView(
            seg,
            list(src_matches),
            list(tgt_matches),
            self._ctx.renderings.prepare(seg.target),
            skip,
        )
        if bilingual:
            R.find_renderings(view, self._ctx)
        return view


# The longest segment checked.  A segment is a sentence or a paragraph; one of
# 100,000 characters is a whole document on one line, whose terms and numbers
# cannot be told apart from the rest of it (and whose number check would take minutes).
MAX_SEGMENT_CHARS = 100_000


def _refuse_overlong(seg: Segment) -> None:
    for side, text in (("source", seg.source), ("target", seg.target)):
        if text and len(text) > MAX_SEGMENT_CHARS:
            raise InputError(
                f"segment {seg.index} (counting from 0, as reports do): its {side} is "
                f"{len(text):,} characters long; a segment "
                f"(a sentence or a paragraph) may have at most {MAX_SEGMENT_CHARS:,}. "
                "Split the text into segments, one per line"
            )


def _finding_order(f: Finding) -> tuple:
    span = f.source_span or f.target_span or (0, 0)
    return (f.segment, span[0], f.rule)


def check(
    source: str | Sequence[str],
    target: str | Sequence[str],
    *,
    glossary: Glossary | None = None,
    config: CheckerConfig | None = None,
    **options: Any,
) -> Report:
    """Check a translation against a glossary: one segment pair, or two aligned lists.

    ``options`` are :class:`CheckerConfig` fields (``ignore_rules=...``, ``region=...``).

    >>> from ipterm.glossary.model import Glossary
    >>> g = Glossary.from_pairs([("专利", "patent")])
    >>> report = check("授予专利53万件", "530,000 patents were granted", glossary=g)
    >>> report.ok, len(report.findings)
    (True, 0)
    >>> [f.rule for f in check("授予专利5万件", "50,000 trademarks", glossary=g).findings]
    ['missing-term']
    """
    if isinstance(source, str) != isinstance(target, str):
        from ipterm.errors import InputError

        raise InputError("give source and target both as strings, or both as lists of segments")
    if isinstance(source, str):
        pairs = [(source, target)]
    else:
        if len(source) != len(target):
            from ipterm.errors import InputError

            raise InputError(f"{len(source)} source segments but {len(target)} target segments")
        pairs = list(zip(source, target, strict=True))
    return Checker(glossary, config=config, **options).check_pairs(pairs)  # type: ignore[arg-type]
