"""ipterm: bilingual Chinese-English intellectual-property terminology and summaries.

The common case is a function call::

    >>> import ipterm
    >>> glossary = ipterm.load_glossary()
    >>> [m.text for m in ipterm.find_terms("国家知识产权局发布了专利数据", glossary=glossary)][:1]
    ['国家知识产权局']

Importing ipterm is cheap: nothing here imports torch, transformers or
datasets, or builds a jieba dictionary.  Each public name is imported from
its module the first time it is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ipterm._version import __version__
from ipterm.errors import (
    GlossaryFormatError,
    InputError,
    IptermError,
    MissingDependencyError,
    ModelNotAvailableError,
    OutputWarning,
    ResourceNotFoundError,
)

# public name -> module that defines it
_LAZY: dict[str, str] = {
    # glossary
    "Term": "ipterm.glossary.model",
    "Concept": "ipterm.glossary.model",
    "Glossary": "ipterm.glossary.model",
    "load_glossary": "ipterm.glossary.io",
    "read_glossary": "ipterm.glossary.io",
    "write_glossary": "ipterm.glossary.io",
    "Matcher": "ipterm.glossary.matcher",
    "Match": "ipterm.glossary.matcher",
    "find_terms": "ipterm.glossary.matcher",
    # encoder
    "encode": "ipterm.encoder",
    "Encoder": "ipterm.encoder",
    # glossary building
    "build_glossary": "ipterm.align",
    "GlossaryBuilder": "ipterm.align",
    "TermPair": "ipterm.align",
    # terminology checking
    "check": "ipterm.check",
    "Checker": "ipterm.check",
    "Report": "ipterm.check",
    "Finding": "ipterm.check",
    # documents and summaries
    "parse_document": "ipterm.document",
    "Document": "ipterm.document",
    "highlights": "ipterm.summarise",
    "Highlights": "ipterm.summarise",
    "Summarizer": "ipterm.summarise",
    # newsletter
    "draft_newsletter": "ipterm.newsletter",
    "Newsletter": "ipterm.newsletter",
}

__all__ = [
    "__version__",
    "IptermError",
    "InputError",
    "GlossaryFormatError",
    "ResourceNotFoundError",
    "MissingDependencyError",
    "ModelNotAvailableError",
    "OutputWarning",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'ipterm' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only (every name of _LAZY)
    from ipterm.align import GlossaryBuilder, TermPair, build_glossary  # noqa: F401
    from ipterm.check import Checker, Finding, Report, check  # noqa: F401
    from ipterm.document import Document, parse_document  # noqa: F401
    from ipterm.encoder import Encoder, encode  # noqa: F401
    from ipterm.glossary.io import load_glossary, read_glossary, write_glossary  # noqa: F401
    from ipterm.glossary.matcher import Match, Matcher, find_terms  # noqa: F401
    from ipterm.glossary.model import Concept, Glossary, Term  # noqa: F401
    from ipterm.newsletter import Newsletter, draft_newsletter  # noqa: F401
    from ipterm.summarise import Highlights, Summarizer, highlights  # noqa: F401
