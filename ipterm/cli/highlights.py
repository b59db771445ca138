"""``ipterm highlights FILE``: a newsletter headline, date and bullets from a long briefing."""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "highlights",
        help="summarise a briefing into newsletter bullet highlights",
        description="Summarise a long IP briefing (press-conference transcript, policy document, "
        "news article; English or Chinese) into a headline, a date and factual bullets.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="text file to summarise ('-' reads standard input)"
    )
    parser.add_argument(
        "--bullets", "-n", type=int, default=6, metavar="N", help="number of bullets (default 6)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print JSON: headline, date, source, bullets"
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print Markdown instead of plain text"
    )
    parser.add_argument(
        "--encoder", action="store_true",
        help="add the e5 encoder's centrality (off by default: it lost on QMSum validation)",
    )  # fmt: skip
    parser.add_argument(
        "--no-encoder", action="store_true", help="rank without the e5 encoder (the default)"
    )
    parser.add_argument("--query", metavar="TEXT", help="favour sentences about this topic")
    parser.add_argument(
        "--abstractive", metavar="MODEL",
        help="rewrite bullets with a local transformers seq2seq or causal model (folder or id)",
    )  # fmt: skip
    parser.set_defaults(func=handler)


def handler(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ipterm.cli._common import print_json
    from ipterm.document.readers import SUPPORTED_SUFFIXES, read_document_file
    from ipterm.summarise import Summarizer, SummarizerConfig
    from ipterm.text.io import read_text

    known = Path(args.file).suffix.lower() in SUPPORTED_SUFFIXES
    text = read_document_file(args.file) if known and args.file != "-" else read_text(args.file)
    config = SummarizerConfig(
        bullets=args.bullets,
        use_encoder=None if args.encoder and not args.no_encoder else False,
        abstractive_model=args.abstractive,
    )
    result = Summarizer(config).summarise(text, query=args.query)
    for notice in result.notices:
        print(f"ipterm: note: {notice}", file=sys.stderr)
    if args.json:
        print_json(result.to_dict())
    elif args.markdown:
        sys.stdout.write(result.to_markdown())
    else:
        print(result.to_text())
    return 0
