"""Signatures that say what produced a result, in the manner of sacrebleu's.

A highlights file or a check report is only comparable with another when the
same ipterm version, glossary, model and settings made both.  Each result
carries a one-line signature such as::

    ipterm:0.4.0|glossary:builtin@3f9c1a20b4de|model:none|settings:9a41c2e0

The glossary part hashes every concept and term (so an edited copy of the
bundled glossary is told apart from the bundled one), the settings part
hashes the configuration as JSON with sorted keys.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from ipterm._version import __version__

__all__ = ["glossary_digest", "settings_digest", "signature"]


def glossary_digest(glossary: Any) -> str:
    """12 hex digits over every concept id and term (text, language, status, region)."""
    digest = hashlib.sha256()
    for concept in sorted(glossary.concepts, key=lambda c: c.id):
        digest.update(concept.id.encode("utf-8", "surrogatepass") + b"\x00")
        for term in concept.terms:
            fields = (term.text, term.lang, term.status, term.region or "")
            digest.update("\x1f".join(fields).encode("utf-8", "surrogatepass") + b"\x1e")
    return digest.hexdigest()[:12]


def settings_digest(settings: Mapping[str, Any]) -> str:
    """8 hex digits over ``settings`` as sorted JSON (sets and tuples as sorted lists)."""

    def plain(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, set | frozenset):
            return sorted(plain(v) for v in value)
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    text = json.dumps(plain(settings), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def signature(
    *, glossary: Any = None, model: str | None = None, settings: Mapping[str, Any] | None = None
) -> str:
    """``ipterm:VERSION|glossary:NAME@DIGEST|model:NAME|settings:DIGEST``.

    >>> from ipterm.glossary.model import Glossary
    >>> g = Glossary.from_pairs([("专利", "patent")])
    >>> six = signature(glossary=g, settings={"bullets": 6})
    >>> six.startswith("ipterm:"), six == signature(glossary=g, settings={"bullets": 6})
    (True, True)
    >>> six == signature(glossary=g, settings={"bullets": 5})
    False
    """
    parts = [f"ipterm:{__version__}"]
    if glossary is not None:
        parts.append(f"glossary:{glossary.name}@{glossary_digest(glossary)}")
    parts.append(f"model:{model or 'none'}")
    parts.append(f"settings:{settings_digest(settings or {})}")
    return "|".join(parts)
