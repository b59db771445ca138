"""Drafting an issue: read, date-filter, summarise, classify, edit terms, check.

The pipeline per document is the summariser's (``parse_document`` then
``Summarizer``); this module adds what makes a set of documents an issue:
the month filter, section assignment, issue-wide terminology edits and the
closing terminology check.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ipterm.document.readers import SUPPORTED_SUFFIXES, read_document_file
from ipterm.errors import InputError, IptermError
from ipterm.glossary.io import load_glossary
from ipterm.glossary.matcher import Matcher, matcher_for
from ipterm.glossary.model import Glossary
from ipterm.newsletter.issue import SPARE_BULLETS, drop_repeated_facts, glossary_chinese_title
from ipterm.newsletter.model import Item, Newsletter, Section, Skipped, TermNote
from ipterm.newsletter.sections import SectionClassifier, SectionSpec, load_sections
from ipterm.newsletter.terminology import TermEditor
from ipterm.text.clean import strip_controls
from ipterm.text.words import han_count, words_and_han

Progress = Callable[[int, int, str], None]

# Silent reading speeds (Brysbaert 2019, "How many words do we read per minute?",
# J. Memory and Language 109): 238 English words, about 260 Chinese characters a minute.
WORDS_PER_MINUTE = 238
HAN_PER_MINUTE = 260

# Documents longer than this get numbered highlights; shorter ones a short summary.
NUMBERED_FROM_WORDS = 1200

_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?(?!\d)")
_EFFECTIVE = re.compile(
    r"^\s*(?:Effective Date|施行日期|生效日期)\s*[:：]\s*(\S.*)$", re.IGNORECASE | re.MULTILINE
)


@dataclass(frozen=True)
class NewsletterConfig:
    """Settings of a draft; defaults are what ``ipterm newsletter`` uses."""

    bullets: int = 5  # numbered highlights for a long document
    summary_sentences: int = 3  # sentences for a short document
    use_encoder: bool | None = None  # None: use the encoder when it can be loaded
    sections_file: str | None = None
    section_names: tuple[str, ...] = ()
    title: str = "China IP Highlights"
    check_terminology: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.bullets <= 20:
            raise InputError(f"bullets must be between 1 and 20, not {self.bullets}")
        if not 1 <= self.summary_sentences <= 10:
            raise InputError(
                f"summary sentences must be between 1 and 10, not {self.summary_sentences}"
            )
        names = tuple(n.strip() for n in self.section_names)
        if self.section_names and not all(names):
            raise InputError(f"section names must not be empty: {list(self.section_names)!r}")
        object.__setattr__(self, "section_names", names)


def parse_month(month: str) -> tuple[int, int]:
    """``"2021-04"`` -> ``(2021, 4)``, with a clear error for anything else.

    >>> parse_month("2021-04")
    (2021, 4)
    """
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", month or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InputError(f"--month must look like YYYY-MM (e.g. 2021-04), not {month!r}")
    return int(match.group(1)), int(match.group(2))


def collect_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files to process: the given files, and every supported file directly in given folders."""
    paths: list[Path] = []
    for entry in inputs:
        path = Path(entry)
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(".")
            )
            paths.extend(found)
        elif path.is_file():
            paths.append(path)
        else:
            raise InputError("no such file or folder", path=path)
    if not paths:
        raise InputError(
            "no documents found; give .txt, .md, .html, .docx or .pdf files or a folder of them"
        )
    return paths


def draft_newsletter(
    inputs: str | Path | Sequence[str | Path],
    *,
    month: str,
    issue: int | None = None,
    glossary: Glossary | None = None,
    config: NewsletterConfig | None = None,
    progress: Progress | None = None,
) -> Newsletter:
    """Draft a "China IP Highlights" issue for ``month`` (``YYYY-MM``) from documents.

    Documents dated outside the month are listed in ``Newsletter.skipped``.
    """
    config = config or NewsletterConfig()
    year, month_number = parse_month(month)
    if issue is not None and issue < 1:
        raise InputError(f"the issue number must be 1 or more, not {issue}")
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    paths = collect_inputs(inputs)
    glossary = glossary or load_glossary()
    notes: list[str] = []
    encode = _encoder(config.use_encoder, notes)
    specs = _section_specs(config)
    classifier = SectionClassifier(specs, encode=encode)
    summarizer = _summarizer(config, glossary)
    matcher = matcher_for(glossary)
    items: list[Item] = []
    skipped: list[Skipped] = []
    for n, path in enumerate(paths, start=1):
        if progress is not None:
            progress(n, len(paths), str(path))
        try:
            text = read_document_file(path)
        except IptermError as exc:
            skipped.append(Skipped(str(path), f"unreadable: {exc}"))
            continue
        text, removed = strip_controls(text)
        if removed:
            notes.append(
                f"{path.name}: removed {removed} control character(s) that no output "
                "format (DOCX, HTML, XML) can hold"
            )
        try:
            item, reason = _draft_item(
                path, text, (year, month_number), config, summarizer, classifier, matcher, glossary
            )
        except IptermError as exc:  # e.g. nothing but headings: list it, go on with the rest
            skipped.append(Skipped(str(path), f"not summarised: {exc}", _date_from_name(path)))
            continue
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            items.append(item)
            if reason:
                notes.append(f"{path.name}: {reason}")
    if not items:
        reasons = "; ".join(f"{Path(s.path).name}: {s.reason}" for s in skipped[:5])
        reasons += f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        raise InputError(
            f"no document could go into the {year:04d}-{month_number:02d} issue ({reasons})"
        )
    wanted = {i.path: config.bullets if i.numbered else config.summary_sentences for i in items}
    ordered = drop_repeated_facts(_sections_in_order(items, specs), wanted)
    sections = _edit_sections(ordered, glossary)
    month_name = calendar.month_name[month_number]
    title = f"{config.title}: {month_name} {year} (Issue {issue or month_number})"
    draft = Newsletter(
        title=title,
        month=f"{year:04d}-{month_number:02d}",
        issue=issue or month_number,
        sections=sections,
        skipped=tuple(skipped),
        notes=tuple(notes),
    )
    term_notes = _check(draft, glossary) if config.check_terminology else ()
    draft = replace(draft, term_notes=term_notes)
    return replace(draft, reading_minutes=reading_minutes(draft.to_markdown()))


def reading_minutes(text: str) -> int:
    """Minutes to read ``text`` silently, at least one.

    >>> reading_minutes("word " * 476)
    2
    """
    words, han = words_and_han(text)
    return max(1, math.ceil(words / WORDS_PER_MINUTE + han / HAN_PER_MINUTE))


def _item_order(item: Item) -> tuple[dt.date, str]:
    return (item.date or dt.date.max, item.headline)


def _section_specs(config: NewsletterConfig) -> tuple[SectionSpec, ...]:
    if config.section_names:
        from ipterm.newsletter.sections import sections_from_names

        return sections_from_names(config.section_names)
    return load_sections(config.sections_file)


def _encoder(use_encoder: bool | None, notes: list[str]):
    """The encode function, or None; with ``None`` a missing back-end is a note, not an error."""
    if use_encoder is False:
        return None
    try:
        from ipterm.encoder import get_encoder

        encoder = get_encoder()
        return encoder.encode
    except IptermError as exc:
        if use_encoder:
            raise
        notes.append(f"sections chosen without the encoder ({exc})")
        return None


def _summarizer(config: NewsletterConfig, glossary: Glossary):
    from ipterm.summarise import Summarizer, SummarizerConfig

    # the encoder ranks sentences only when asked for (True): it lost on validation
    use = True if config.use_encoder else False
    return Summarizer(SummarizerConfig(use_encoder=use), glossary=glossary)


def _date_from_name(path: Path) -> dt.date | None:
    match = _FILE_DATE.search(path.name)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return None


def _chinese_title(text: str) -> str | None:
    """A Chinese title line near the top of an English document (as newsletters print them)."""
    for line in text.splitlines()[:40]:
        line = line.strip()
        han = han_count(line)
        if 4 <= han and han >= 0.5 * len(line.replace(" ", "")) and len(line) <= 120:
            return line
    return None


def _effective_date(text: str) -> dt.date | None:
    match = _EFFECTIVE.search(text[:3000])
    if not match:
        return None
    from ipterm.document.dates import find_dates

    found = find_dates(match.group(1))
    return found[0].to_date() if found else None


def _draft_item(
    path: Path,
    text: str,
    month: tuple[int, int],
    config: NewsletterConfig,
    summarizer,
    classifier: SectionClassifier,
    matcher: Matcher,
    glossary: Glossary,
) -> tuple[Item | Skipped, str | None]:
    """The item for one document and a note for the editor, or why it is skipped."""
    from ipterm.document import parse_document

    document = parse_document(text)
    date = document.date or _date_from_name(path)
    note = None
    if date is None:
        note = "no date in the document or its file name; included, check it belongs to this month"
    elif (date.year, date.month) != month:
        reason = f"dated {date.isoformat()}, outside {month[0]:04d}-{month[1]:02d}"
        return Skipped(str(path), reason, date), None
    numbered = (
        len(text.split()) >= NUMBERED_FROM_WORDS or han_count(text) >= 2 * NUMBERED_FROM_WORDS
    )
    wanted = config.bullets if numbered else config.summary_sentences
    # spare bullets: drop_repeated_facts may drop what an earlier item reported
    highlights = summarizer.summarise(document, bullets=wanted + SPARE_BULLETS)
    lines = tuple(b.text for b in highlights.bullets)
    if not lines:
        return Skipped(str(path), "nothing to summarise", date), None
    matches = matcher.find(text)
    subjects = [glossary[m.concept].subject for m in matches if m.concept in glossary]
    scores = classifier.score(" ".join((highlights.headline, *lines[:3])), subjects)
    headline = highlights.headline
    chinese_title = _chinese_title(text) or glossary_chinese_title(
        document.title, matcher, glossary
    )
    if document.lang == "zh":
        chinese_title = document.title or headline
        headline = _gloss_headline(chinese_title, matcher, glossary)
    item = Item(
        headline=headline,
        path=str(path),
        date=date,
        section=scores[0].section,
        summary=lines,
        numbered=numbered,
        chinese_title=chinese_title if chinese_title != headline else None,
        effective_date=_effective_date(text),
        lang=document.lang,
        scores=scores,
        sources=tuple(tuple(tuple(s) for s in b.sources) for b in highlights.bullets),
        evidence=tuple(" ".join(text[a:b] for a, b in x.sources) for x in highlights.bullets),
        source=highlights.source,
        ranks=tuple(b.score for b in highlights.bullets),
    )
    return item, note


def _gloss_headline(chinese: str, matcher: Matcher, glossary: Glossary) -> str:
    """An English stand-in headline for a Chinese document: its glossary terms, marked for
    translation.

    ipterm has no zh-en translation model, so it does not pretend to translate;
    it names what the title is about in approved English terms for the editor.
    """
    names: list[str] = []
    for match in matcher.find(chinese, lang="zh"):
        concept = glossary.get(match.concept)
        term = concept.preferred("en") if concept else None
        if term is not None and term.text not in names:
            names.append(term.text)
    about = "; ".join(names) if names else "untitled"
    return f"[Chinese document, headline to translate] {about}"


def _sections_in_order(items: list[Item], specs: Sequence[SectionSpec]) -> tuple[Section, ...]:
    sections = []
    for spec in specs:
        members = sorted((i for i in items if i.section == spec.name), key=_item_order)
        if members:
            sections.append(Section(spec.name, tuple(members)))
    return tuple(sections)


def _edit_sections(sections: tuple[Section, ...], glossary: Glossary) -> tuple[Section, ...]:
    """Preferred terms everywhere; acronyms spelled out at their first mention in the issue."""

    editor = TermEditor(glossary)
    edited = []
    for section in sections:
        items = []
        for item in section.items:
            if item.lang != "en":
                items.append(item)
                continue
            # Headlines keep the document's own title words: a title is a name.
            summary = tuple(editor.edit(line) for line in item.summary)
            items.append(replace(item, summary=summary))
        edited.append(Section(section.name, tuple(items)))
    return tuple(edited)


def _check(draft: Newsletter, glossary: Glossary) -> tuple[TermNote, ...]:
    """The checker's findings on the draft's English text (rules that need no source)."""
    from ipterm.check import Checker

    # Headlines use acronyms by house style ("CNIPA Issued ..."): check the running text.
    english = "\n\n".join("\n".join(item.summary) for item in draft.items if item.lang == "en")
    if not english.strip():
        return ()
    report = Checker(glossary).check_text(english)
    return tuple(TermNote(f.rule, f.severity, f.message) for f in report.findings)
