"""Terminology QA for Chinese-English translations: ``ipterm check``.

A term check in the manner of Xbench or Okapi CheckMate that understands
Chinese (no whitespace splitting), Traditional and Simplified script, English
inflection, and IP terminology.  The common case is one call::

    report = ipterm.check("专利权人…", "The patentee…", glossary=g)

and :class:`Checker` serves files (XLIFF 1.2/2.x, TMX, TSV/CSV, line-aligned
text pairs, monolingual English drafts).  Rules and their ids are listed in
:data:`ipterm.check.config.RULES`.
"""

from __future__ import annotations

import sys
import types

from ipterm.check.checker import Checker, check
from ipterm.check.config import RULES, CheckerConfig
from ipterm.check.report import Finding, Report
from ipterm.check.segments import Segment, read_segments

__all__ = [
    "RULES",
    "Checker",
    "CheckerConfig",
    "Finding",
    "Report",
    "Segment",
    "check",
    "read_segments",
]


class _CallableModule(types.ModuleType):
    """Let ``ipterm.check(...)`` work after ``import ipterm.check``.

    Importing the subpackage binds the *module* to ``ipterm.check``, hiding the
    lazily exported function of the same name; making the module callable
    keeps the documented call ``ipterm.check(source, target, glossary=g)``.
    """

    def __call__(self, source, target, **options):
        return check(source, target, **options)


sys.modules[__name__].__class__ = _CallableModule
