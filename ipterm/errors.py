"""The exceptions ipterm raises for things a user can cause.

Each subclass also inherits the matching built-in exception, so callers that
already catch ``ValueError`` or ``ImportError`` keep working, while callers
that want to tell ipterm's own errors apart catch :class:`IptermError`.
Messages quote the bad value and say what to do next; the CLI prints them as a
single ``ipterm: error: ...`` line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class OutputWarning(UserWarning):
    """Output had to differ from the input text (characters no format can hold were removed).

    The command line prints each one as ``ipterm: warning: ...``.
    """


class IptermError(Exception):
    """Base class of every error ipterm raises on purpose."""


class InputError(IptermError, ValueError):
    """A document or argument that ipterm cannot use (empty, binary, undecodable...)."""

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.reason = message  # without the path, for callers that re-raise it as another error
        super().__init__(f"{self.path}: {message}" if self.path else message)


class GlossaryFormatError(IptermError, ValueError):
    """A glossary file that cannot be read, with the file and line where it went wrong."""

    def __init__(
        self, message: str, *, path: str | Path | None = None, line: int | None = None
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        where = self.path or "<glossary>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class ResourceNotFoundError(IptermError, LookupError):
    """A named resource (glossary, model, format...) that does not exist; lists what does."""

    def __init__(self, what: str, name: str, available: Iterable[str] = ()) -> None:
        self.name = name
        self.available = sorted(available)
        hint = f" Available: {', '.join(self.available)}." if self.available else ""
        super().__init__(f"no {what} named {name!r}.{hint}")


class MissingDependencyError(IptermError, ImportError):
    """An optional back-end that is not installed; names the install command."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"{purpose} needs the {package!r} package, which is not installed. "
            f"Install it with: pip install 'ipterm[{extra}]'"
        )


class ModelNotAvailableError(IptermError, LookupError):
    """A model that is neither cached nor on disk; says how to get it while offline."""
