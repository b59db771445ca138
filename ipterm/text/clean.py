"""Characters no output format can hold, removed once, counted so the user can be told.

XML 1.0 (and so DOCX, TBX, XLIFF and XHTML) forbids the C0 control characters
other than tab, line feed and carriage return, lone surrogates and U+FFFE/U+FFFF;
python-docx and lxml raise on them, browsers show them as boxes.  Documents
pasted from terminals or old word processors carry them (``\\x07``, ``\\x1b[31m``).
They carry no meaning in prose, so they are removed and the number removed is
returned for one warning.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import regex

__all__ = ["printable_or_warn", "strip_controls", "strip_controls_deep"]

_FORBIDDEN = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

T = TypeVar("T")


def strip_controls(text: str) -> tuple[str, int]:
    """``(text without characters XML cannot hold, how many were removed)``.

    >>> strip_controls("CNIPA\\x07 granted\\x1b[31m 530,000\\tpatents\\n")
    ('CNIPA granted[31m 530,000\\tpatents\\n', 2)
    """
    return _FORBIDDEN.subn("", text)


def printable_or_warn(value: T, what: str) -> T:
    """``value`` cleaned by :func:`strip_controls_deep`, with one :class:`OutputWarning` if
    needed."""
    cleaned, removed = strip_controls_deep(value)
    if removed:
        import warnings

        from ipterm.errors import OutputWarning

        warnings.warn(
            OutputWarning(
                f"{what}: removed {removed} control character(s) that the format cannot hold"
            ),
            stacklevel=3,
        )
    return cleaned


def strip_controls_deep(value: T) -> tuple[T, int]:
    """The same for every string inside frozen dataclasses, tuples, lists and dicts.

    >>> strip_controls_deep(("a\\x00b", ["c\\x01"], {"k": "\\x02d"}))
    (('ab', ['c'], {'k': 'd'}), 3)
    """
    removed = 0

    def clean(obj: Any) -> Any:
        nonlocal removed
        if isinstance(obj, str):
            text, count = strip_controls(obj)
            removed += count
            return text
        if isinstance(obj, tuple):
            return tuple(clean(x) for x in obj)
        if isinstance(obj, list):
            return [clean(x) for x in obj]
        if isinstance(obj, dict):
            return {clean(k): clean(v) for k, v in obj.items()}
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            changes = {
                f.name: clean(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.init
            }
            return dataclasses.replace(obj, **changes)
        return obj

    return clean(value), removed
