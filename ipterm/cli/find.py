"""``ipterm find FILE``: list the glossary terms a document contains.

Offsets are character offsets into the file's text as read by
:func:`ipterm.text.io.read_text` (encoding detected, line endings as ``\\n``).
The file is read and matched in pieces (:func:`ipterm.glossary.stream.find_stream`)
and every output form is written as matches are found, so memory stays flat
whatever the file's size: ``--jsonl`` one object per line, ``--json`` a JSON
array written element by element, the table in blocks of rows.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator

from ipterm.cli._common import add_glossary_option, load_glossaries

# Rows per block of the table (each block is printed as soon as it is full).
_TABLE_BLOCK = 1000


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "find",
        help="find glossary terms in a document",
        description="Find glossary terms in FILE ('-' for standard input) and list them with "
        "their concept, preferred renderings and status.",
    )
    parser.add_argument("file", metavar="FILE", help="text file to search, or '-' for stdin")
    add_glossary_option(parser)
    parser.add_argument(
        "--lang", choices=("zh", "en"), help="report only terms in this language (default: both)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of matches (start, end, text, lang, concept, term, status, "
        "region, preferred_zh, preferred_en)",
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="print one JSON object per match per line (JSON Lines), the same keys as --json",
    )
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from ipterm.glossary.matcher import matcher_for
    from ipterm.glossary.stream import find_stream
    from ipterm.text.io import iter_text

    glossary = load_glossaries(args.glossary)
    matches = find_stream(matcher_for(glossary), iter_text(args.file), lang=args.lang)
    rows = _rows(glossary, matches)
    if args.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif args.json:
        _write_json_array(rows)
    else:
        _print_table(rows)
    return 0


def _rows(glossary, matches: Iterable) -> Iterator[dict]:
    for match in matches:
        concept = glossary[match.concept]
        row = match.to_dict()
        for lang in ("zh", "en"):
            preferred = concept.preferred(lang)
            row[f"preferred_{lang}"] = preferred.text if preferred else None
        yield row


def _write_json_array(rows: Iterable[dict]) -> None:
    """The array ``json.dump(rows, indent=2)`` writes, one element at a time."""
    out = sys.stdout
    first = True
    for row in rows:
        body = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if first else ",\n  ") + body)
        first = False
    out.write("[]\n" if first else "\n]\n")


def _print_table(rows: Iterable[dict]) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    block: list[dict] = []
    count, concepts = 0, set()
    for row in rows:
        block.append(row)
        count += 1
        concepts.add(row["concept"])
        if len(block) == _TABLE_BLOCK:
            console.print(_table(block, header=count == len(block)), markup=False)
            block = []
    if block:
        console.print(_table(block, header=count == len(block)), markup=False)
    console.print(f"{count} matches, {len(concepts)} concepts", markup=False)


def _table(rows: list[dict], *, header: bool):
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, show_header=header)
    for column, justify in (
        ("offset", "right"),
        ("text", "left"),
        ("concept", "left"),
        ("preferred zh", "left"),
        ("preferred en", "left"),
        ("status", "left"),
    ):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for row in rows:
        cells = (
            f"{row['start']}-{row['end']}",
            row["text"],
            row["concept"],
            row["preferred_zh"] or "",
            row["preferred_en"] or "",
            row["status"],
        )
        # Text() cells: document text is never read as rich markup.
        table.add_row(
            *(Text(cell) for cell in cells),
            style="red" if row["status"] == "deprecated" else None,
        )
    return table
