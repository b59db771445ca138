"""Monthly "China IP Highlights" drafts from a folder of documents.

>>> from ipterm.newsletter import parse_month
>>> parse_month("2021-02")
(2021, 2)
"""

from __future__ import annotations

from ipterm.newsletter.draft import NewsletterConfig, draft_newsletter, parse_month, reading_minutes
from ipterm.newsletter.model import Item, Newsletter, Section, SectionScore, Skipped, TermNote

__all__ = [
    "Item",
    "Newsletter",
    "NewsletterConfig",
    "Section",
    "SectionScore",
    "Skipped",
    "TermNote",
    "draft_newsletter",
    "parse_month",
    "reading_minutes",
]
