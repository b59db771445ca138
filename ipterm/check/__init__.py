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
    """This package, callable as :func:`check`.

    ``ipterm.check`` is promised as a function (``ipterm.check(source, target,
    glossary=g)``), lazily exported by ``ipterm/__init__.py``; but importing
    this subpackage (``import ipterm.check``, or the CLI doing so) binds the
    package to the attribute ``ipterm.check``.  Making the package callable
    with exactly :func:`check`'s signature keeps the promise in either import
    order without renaming the package.
    """

    __call__ = staticmethod(check)


sys.modules[__name__].__class__ = _CallableModule
