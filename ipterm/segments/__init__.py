"""Segment readers for the bilingual files translators have: CAT-tool XLIFF, XLIFF 2.0, TMX.

:mod:`ipterm.segments.xml` reads Trados Studio ``.sdlxliff``, memoQ
``.mqxliff`` (XLIFF 1.2 with their namespaces, segments in
``<mrk mtype="seg">``), XLIFF 2.0 with inline codes and TMX 1.4 with lxml,
never expanding entities or loading a DTD.  Every reader returns
:class:`ipterm.check.segments.Segment` objects whose ``id`` is the file's own
segment id, so a finding points to the segment a translator sees.
"""

from __future__ import annotations

from ipterm.segments.xml import (
    inline_text,
    read_cat_xliff,
    read_tmx14,
    read_xliff20,
)

__all__ = ["inline_text", "read_cat_xliff", "read_tmx14", "read_xliff20"]
