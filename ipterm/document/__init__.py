"""Documents: kind (transcript, policy, news, newsletter), metadata and structure with offsets.

>>> doc = parse_document("Opinions on IP\\n\\n2019-11-24\\n\\nThe office said so. It acted.")
>>> doc.kind, doc.title, doc.date.isoformat(), len(doc.sentences)
('news', 'Opinions on IP', '2019-11-24', 3)
"""

from __future__ import annotations

from ipterm.document.model import Document, Sentence, Speaker, Unit
from ipterm.document.structure import parse_document

__all__ = ["Document", "Sentence", "Speaker", "Unit", "parse_document"]
