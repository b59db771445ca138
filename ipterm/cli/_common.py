"""Small helpers shared by the subcommand modules."""

from __future__ import annotations

import json
import sys
from typing import Any

from ipterm.glossary.io import load_glossaries  # noqa: F401  (the CLI modules import it from here)


def add_glossary_option(parser) -> None:
    parser.add_argument(
        "--glossary",
        "-g",
        action="append",
        metavar="G",
        help="glossary file (TBX, CSV, TSV, JSON, XLSX) or 'builtin'; repeat to merge several "
        "(default: the bundled glossary)",
    )


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# Argument names that hold input paths, across subcommands (single values or lists).
_INPUT_ATTRS = (
    "input",
    "file",
    "files",
    "inputs",
    "source",
    "target",
    "zh",
    "en",
    "parallel",
    "glossary",
)


def refuse_output_over_input(args) -> None:
    """Stop before any work when ``-o`` names one of the inputs (also through a link).

    Writing the report over the document it reports on would lose the document.
    """
    import os

    from ipterm.errors import InputError

    output = getattr(args, "output", None)
    if not output or output == "-" or not os.path.exists(output):
        return
    for attr in _INPUT_ATTRS:
        values = getattr(args, attr, None)
        for value in values if isinstance(values, list) else [values]:
            if not isinstance(value, str) or value in ("-", "builtin"):
                continue
            try:
                same = os.path.exists(value) and os.path.samefile(value, output)
            except OSError:
                same = False
            if same:
                raise InputError(
                    f"the output {output} is the input {value}; writing it would destroy "
                    "the input. Give -o a different file name"
                )


def max_bytes_type(text: str) -> int:
    """Parse ``--max-bytes``: a whole number of bytes, with an optional K/M/G suffix."""
    import argparse

    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    raw = text.strip().lower().removesuffix("b")
    factor = units.get(raw[-1:], 1)
    number = raw[:-1] if raw[-1:] in units else raw
    try:
        value = int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size in bytes: {text!r} (e.g. 50M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value
