"""Glossaries: the concept model, file formats, the bundled glossary and the term matcher."""

from __future__ import annotations

from ipterm.glossary.model import Concept, Glossary, Term

__all__ = ["Concept", "Glossary", "Term", "load_glossary", "read_glossary", "write_glossary"]


def __getattr__(name: str):
    # Reading and writing pull in XML and spreadsheet back-ends: import them on use.
    if name in ("load_glossary", "read_glossary", "write_glossary"):
        from ipterm.glossary import io

        return getattr(io, name)
    raise AttributeError(name)
