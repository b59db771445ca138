"""Small helpers shared by the subcommand modules."""

from __future__ import annotations

import json
import sys
from typing import Any


def add_glossary_option(parser) -> None:
    parser.add_argument(
        "--glossary",
        "-g",
        action="append",
        metavar="G",
        help="glossary file (TBX, CSV, TSV, JSON, XLSX) or 'builtin'; repeat to merge several "
        "(default: the bundled glossary)",
    )


def load_glossaries(paths: list[str] | None):
    """The glossaries named on the command line, merged; the bundled one when none is named."""
    from ipterm.glossary.io import load_glossary, read_glossary

    if not paths:
        return load_glossary()
    glossary = read_glossary(paths[0])
    for path in paths[1:]:
        glossary = glossary.merge(read_glossary(path))
    return glossary


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
