"""The ``ipterm`` command: parse arguments, call the public API, print.

Each subcommand lives in its own module of this package with a
``register(subparsers)`` function that adds its parser and sets
``func=handler``; a handler takes the parsed arguments and returns the exit
code.  Modules import nothing heavy at module level, so ``ipterm --help``
stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ipterm._version import __version__
from ipterm.cli._common import max_bytes_type, refuse_output_over_input
from ipterm.errors import IptermError

# Order here is the order in ``ipterm --help``.
_COMMAND_MODULES = ("glossary", "find", "check", "highlights", "newsletter", "batch", "encode")


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``ipterm: error: find: the following arguments ...``."""

    def error(self, message: str):  # type: ignore[override]
        command = self.prog.removeprefix("ipterm").strip()
        where = f"{command}: " if command else ""
        hint = f"ipterm {command} --help" if command else "ipterm --help"
        self.exit(2, f"ipterm: error: {where}{message} (see {hint})\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ipterm",
        description="Bilingual Chinese-English IP terminology: glossaries, checks, highlights.",
    )
    parser.add_argument("--version", action="version", version=f"ipterm {__version__}")
    parser.add_argument(
        "--max-bytes",
        type=max_bytes_type,
        metavar="N",
        help="refuse input files over N bytes (K/M/G suffixes; default 200M, or "
        "$IPTERM_MAX_BYTES); see docs/limits.md",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(f"ipterm.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"ipterm.cli.{name}":
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI in-process and return the exit code (tests call this directly)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    import warnings

    from ipterm.errors import OutputWarning
    from ipterm.text.io import set_max_bytes

    try:
        set_max_bytes(args.max_bytes)
        refuse_output_over_input(args)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", OutputWarning)
            try:
                return int(args.func(args) or 0)
            finally:
                for seen in caught:
                    if issubclass(seen.category, OutputWarning):
                        print(f"ipterm: warning: {seen.message}", file=sys.stderr)
                    else:
                        warnings.showwarning(
                            seen.message, seen.category, seen.filename, seen.lineno
                        )
    except IptermError as exc:
        print(f"ipterm: error: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"ipterm: error: {exc.filename or exc}: no such file or folder", file=sys.stderr)
        return 1
    except IsADirectoryError as exc:
        print(f"ipterm: error: {exc.filename}: is a folder, not a file", file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(f"ipterm: error: {exc.filename}: permission denied", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ipterm: interrupted", file=sys.stderr)
        return 130
    finally:
        set_max_bytes(None)


def console_main() -> None:
    """Entry point of the ``ipterm`` console script."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # `ipterm find big.txt | head`: the reader went away; that is not an error.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    sys.exit(code)
