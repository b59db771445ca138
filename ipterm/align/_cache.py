"""Derived look-up tables (CC-CEDICT senses, jieba word tags) cached under IPTERM_HOME.

Parsing CC-CEDICT and jieba's dictionary costs seconds on every build; the
tables they give are plain dicts of strings, which ``marshal`` reloads in a
fraction of that.  The cache is keyed by the source file's size and
modification time, so upgrading the package rebuilds it; any problem with the
cache (unwritable folder, damaged file) just means building the table again.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Any

_FORMAT = 1  # bump when a table's layout changes


def cached_table(
    name: str, source: Path, build: Callable[[], Any], *, folder: Path | None = None
) -> Any:
    """``build()``, or its copy cached (in ``folder``, default IPTERM_HOME/align) for ``source``.

    >>> import tempfile
    >>> src = Path(tempfile.mkdtemp()) / "src.txt"
    >>> _ = src.write_text("x")
    >>> first = cached_table("demo", src, lambda: {"a": ("b",)}, folder=src.parent)
    >>> first, cached_table("demo", src, dict, folder=src.parent)  # the second comes from disk
    ({'a': ('b',)}, {'a': ('b',)})
    """
    from ipterm.resources import ipterm_home

    try:
        stat = source.stat()
        key = f"{_FORMAT}:{stat.st_size}:{stat.st_mtime_ns}:{source}"
        path = (folder or ipterm_home() / "align") / f"{name}.marshal"
    except OSError:
        return build()
    try:
        stored_key, value = marshal.loads(path.read_bytes())
        if stored_key == key:
            return value
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        from ipterm.text.io import write_bytes

        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, marshal.dumps((key, value)))
    except (OSError, ValueError):
        pass
    return value
