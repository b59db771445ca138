"""``ipterm find FILE``: list the glossary terms a document contains.

Offsets are character offsets into the file's text as read by
:func:`ipterm.text.io.read_text` (encoding detected, line endings as ``\\n``).
"""

from __future__ import annotations

import argparse

from ipterm.cli._common import add_glossary_option, load_glossaries, print_json


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
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from ipterm.glossary.matcher import matcher_for
    from ipterm.text.io import read_text

    text = read_text(args.file)
    glossary = load_glossaries(args.glossary)
    matches = matcher_for(glossary).find(text, lang=args.lang)
    rows = []
    for match in matches:
        concept = glossary[match.concept]
        row = match.to_dict()
        for lang in ("zh", "en"):
            preferred = concept.preferred(lang)
            row[f"preferred_{lang}"] = preferred.text if preferred else None
        rows.append(row)
    if args.json:
        print_json(rows)
    else:
        _print_table(rows)
    return 0


def _print_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    table = Table(show_edge=False)
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
    if rows:
        console.print(table, markup=False)
    concepts = len({row["concept"] for row in rows})
    console.print(f"{len(rows)} matches, {concepts} concepts", markup=False)
