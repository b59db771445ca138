"""Web-page and editor debris that is not part of a document's content.

Briefings copied from government sites carry page-break tags from the site's
editor (``_ueditor_page_break_tag_``), pagination bars (``<  1  2  3 >``),
photo-gallery captions (``/5    Shen Changyu``), "Read in Chinese" links,
comment boxes and rating widgets.  They are found here as spans and left out
of the parsed units; the text itself is never edited, so offsets stay valid.
"""

from __future__ import annotations

import regex

# One pattern per kind of debris, each matching a whole line (without its newline).
_LINE_PATTERNS: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (name, regex.compile(pattern, regex.IGNORECASE))
    for name, pattern in (
        ("page-break", r"_ueditor_page_break_tag_"),
        ("pagination", r"<?\s*(?:\d{1,3}\s+){2,}\d{0,3}\s*>?|<\s*(?:\d{1,3}\s*)+>"),
        ("gallery-caption", r"/\d{1,3}\s+\S.{0,60}"),
        (
            "language-link",
            r"(?:read|view) (?:it |this )?in (?:chinese|english)\.?"
            r"|to view the article in \w+, please click here\.?"
            r"|中文版|english version",
        ),
        ("skip-link", r"press \"?enter\"? to skip to content"),
        ("rating-widget", r"click to rate this post!?|\[total: \d+ +average: [\d.]+\]"),
        (
            "comment-box",
            r"be (?:the )?first to comment|leave a (?:reply|comment)"
            r"|your email address will not be published.*",
        ),
        ("progress", r"\d{1,3}% complete"),
        ("registration", r"you are now registered for .*"),
        ("recommended", r"recommended (?:news|articles|reading)"),
        ("phone", r"\+\d[\d\s()-]{7,}"),
        ("credits", r"(?:translated|edited|compiled)(?: and edited)? by .*"),
    )  # fmt: skip
)
_LINE = regex.compile(r"[^\n]+")


def find_debris(text: str) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, kind)`` of debris lines in ``text``.

    >>> text = "Para one.\\n\\n_ueditor_page_break_tag_\\n\\n<  1  2  3 >\\n"
    >>> [(text[s:e], kind) for s, e, kind in find_debris(text)]
    [('_ueditor_page_break_tag_', 'page-break'), ('<  1  2  3 >', 'pagination')]
    """
    spans: list[tuple[int, int, str]] = []
    lines = list(_LINE.finditer(text))
    for i, line in enumerate(lines):
        stripped = line.group().strip()
        if not stripped:
            continue
        start = line.start() + (len(line.group()) - len(line.group().lstrip()))
        end = start + len(stripped)
        kind = _classify(stripped)
        if kind is None and stripped.lower() in ("thank you", "thank you!") and i + 1 < len(lines):
            # "Thank You" banner directly above a newsletter-registration notice
            if _classify(lines[i + 1].group().strip()) == "registration":
                kind = "registration"
        if kind is not None:
            spans.append((start, end, kind))
    return spans


def _classify(line: str) -> str | None:
    for name, pattern in _LINE_PATTERNS:
        if pattern.fullmatch(line):
            return name
    return None
