"""Numbered parts of policy documents: "I. General Requirements", "(1) ...", "一、", "第三条".

Policy documents (opinions, plans, regulations) are organised as numbered
parts and items; the summariser uses the part a sentence sits in, and the
item headings make good newsletter bullets.
"""

from __future__ import annotations

import regex

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
# A part heading: "II. Strengthen ...", "一、总体要求", "第二章 ..."
PART = regex.compile(
    rf"(?:(?=[IVX]){_ROMAN}\.\s+\S|[一二三四五六七八九十]{{1,3}}、|第[一二三四五六七八九十百零\d]{{1,4}}[章部编节]\s*\S)"
)
# An item: "(1) Increase ...", "（一）", "第三条", "1. "
ITEM = regex.compile(
    r"(?:[(（](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]\s*\S|第[一二三四五六七八九十百零\d]{1,5}条\s*\S|\d{1,3}\.\s+\p{Lu})"
)


def part_kind(paragraph: str) -> str | None:
    """``"heading"`` for a part heading, ``"item"`` for a numbered item, else None.

    >>> part_kind("II. Strengthen"), part_kind("(1) Increase the force"), part_kind("Plain text.")
    ('heading', 'item', None)
    >>> part_kind("一、总体要求"), part_kind("（二）严格规范证据标准")
    ('heading', 'item')
    """
    text = paragraph.lstrip()
    if PART.match(text):
        return "heading"
    if ITEM.match(text):
        return "item"
    return None


def looks_like_policy(paragraphs: list[str]) -> bool:
    """At least two part headings and three numbered items."""
    kinds = [part_kind(p) for p in paragraphs]
    return kinds.count("heading") >= 2 and kinds.count("item") >= 3
