"""``ipterm check``: terminology QA of a translation; exit 1 when any error-severity finding.

ipterm check file.xlf --glossary terms.tbx
ipterm check pairs.tsv --format json
ipterm check --source zh.txt --target en.txt --format html -o report.html
ipterm check draft.md   # monolingual English: deprecated terms, abbreviations, Chinese left
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ipterm.cli._common import add_glossary_option, load_glossaries
from ipterm.glossary.model import REGIONS

FORMATS = ("table", "json", "csv", "html", "xlsx")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a translation's terminology against a glossary",
        description="Check terms, numbers and untranslated Chinese in a translation "
        "(XLIFF 1.2/2.x, TMX, TSV/CSV, two line-aligned text files, "
        "or a monolingual English text). "
        "Exit code 0 when clean, 1 when any finding has error severity.",
    )
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="bilingual file, or a monolingual text"
    )
    parser.add_argument("--source", metavar="S.txt", help="source text, one segment per line")
    parser.add_argument(
        "--target", metavar="T.txt", help="target text aligned line by line with --source"
    )
    add_glossary_option(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="output format (default: table; xlsx needs -o)",
    )
    parser.add_argument(
        "--json", action="store_const", const="json", dest="format", help="same as --format json"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write the report to OUT instead of stdout"
    )
    parser.add_argument(
        "--src-lang", default="zh", choices=("zh", "en"), help="source language (default zh)"
    )
    parser.add_argument(
        "--tgt-lang", default="en", choices=("zh", "en"), help="target language (default en)"
    )
    parser.add_argument("--rules", metavar="ID,ID", help="run only these rules (comma-separated)")
    parser.add_argument(
        "--ignore-rule",
        action="append",
        default=[],
        metavar="ID",
        help="silence a rule (repeatable)",
    )
    parser.add_argument(
        "--ignore-term",
        action="append",
        default=[],
        metavar="TERM",
        help="silence findings about a term or concept id (repeatable)",
    )
    parser.add_argument(
        "--ignore-segment",
        action="append",
        default=[],
        type=int,
        metavar="N",
        help="skip segment N (0-based; repeatable)",
    )
    parser.add_argument(
        "--severity",
        action="append",
        default=[],
        metavar="ID=LEVEL",
        help="change a rule's severity, e.g. inconsistent-source=error",
    )
    parser.add_argument(
        "--region",
        choices=REGIONS,
        help="which regional preferred term to suggest",
    )
    parser.add_argument(
        "--exact",
        action="store_true",
        help="no word-family matching ('patent for invention' no longer counts for "
        "'Invention Patent')",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="missing short Chinese terms (2 characters or fewer) are errors too, not warnings",
    )
    parser.add_argument(
        "--evidence",
        metavar="KIND,KIND",
        help="evidence that makes a missing term a warning, not an error (default: "
        "containing,longer-word,compound,compound-head,dictionary,reference; also "
        "dictionary-part; 'none' for none); see docs/check.md",
    )
    parser.add_argument(
        "--allow-reference",
        action="append",
        default=[],
        metavar="PHRASE",
        help="a pronoun or ellipsis that may stand for a glossary term ('the same', "
        "'thereof'): a missing term is then a warning (repeatable; 'reference' evidence, "
        "on unless --evidence leaves it out)",
    )
    parser.add_argument(
        "--no-inflection", action="store_true", help="accept only exact English renderings"
    )
    parser.set_defaults(func=handler)


def _config(args: argparse.Namespace):
    from ipterm.check.config import CheckerConfig
    from ipterm.errors import InputError

    severities = {}
    for item in args.severity:
        rule, sep, level = item.partition("=")
        if not sep:
            raise InputError(
                f"--severity {item!r}: write RULE=LEVEL, e.g. inconsistent-source=error"
            )
        severities[rule.strip()] = level.strip()
    rules = tuple(r.strip() for r in args.rules.split(",") if r.strip()) if args.rules else None
    extra: dict[str, Any] = {}
    if args.evidence is not None:
        kinds = [k.strip() for k in args.evidence.split(",") if k.strip()]
        extra["evidence"] = frozenset(k for k in kinds if k != "none")
    if args.allow_reference:
        extra["allowed_references"] = tuple(args.allow_reference)
    return CheckerConfig(
        **extra,
        rules=rules,
        ignore_rules=frozenset(args.ignore_rule),
        severities=severities,
        ignore_terms=frozenset(args.ignore_term),
        ignore_segments=frozenset(args.ignore_segment),
        region=args.region,
        source_lang=args.src_lang,
        target_lang=args.tgt_lang,
        inflection=not args.no_inflection,
        fuzzy=not args.exact,
        short_term_severity=None if args.strict else "warning",
    )


def handler(args: argparse.Namespace) -> int:
    from ipterm.check import Checker
    from ipterm.errors import InputError

    if args.file and (args.source or args.target):
        raise InputError("give either FILE or --source/--target, not both")
    if not args.file and not (args.source and args.target):
        raise InputError("give a FILE to check, or both --source S.txt and --target T.txt")
    if args.format == "xlsx" and not args.output:
        raise InputError("--format xlsx writes a workbook: give -o OUT.xlsx")
    checker = Checker(load_glossaries(args.glossary), config=_config(args))
    if args.file:
        report = checker.check_file(args.file)
    else:
        report = checker.check_aligned(args.source, args.target)
    _emit(report, args.format, args.output)
    return 0 if report.ok else 1


def _emit(report, fmt: str, output: str | None) -> None:
    if fmt == "xlsx":
        from ipterm.check.xlsx import write_report_xlsx

        assert output is not None  # the handler refused --format xlsx without -o
        write_report_xlsx(report, output)
        print(f"ipterm: wrote {len(report.findings)} finding(s) to {output}", file=sys.stderr)
        return
    if fmt == "table":
        if output:
            from ipterm.text.io import write_text

            write_text(output, _plain_table(report))
        else:
            _rich_table(report)
        return
    text = {"json": lambda: report.to_json() + "\n", "csv": report.to_csv, "html": report.to_html}[
        fmt
    ]()
    if output:
        from ipterm.text.io import write_text

        write_text(output, text)
        print(f"ipterm: wrote {len(report.findings)} finding(s) to {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _summary(report) -> str:
    sev = report.counts["severity"]
    parts = [f"{sev[k]} {k}(s)" for k in ("error", "warning", "info") if sev.get(k)]
    return f"{len(report.segments)} segment(s) checked: " + (
        ", ".join(parts) if parts else "no findings"
    )


def _rich_table(report) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    if report.findings:
        table = Table(show_lines=False)
        for name in ("seg", "severity", "rule", "source term", "target term", "message"):
            table.add_column(name, overflow="fold")
        colour = {"error": "red", "warning": "yellow", "info": "cyan"}
        for f in report.findings:
            table.add_row(
                f"{f.segment} [{escape(f.segment_id)}]" if f.segment_id else str(f.segment),
                f"[{colour[f.severity]}]{f.severity}[/]",
                escape(f.rule),
                escape(f.source_term or ""),
                escape(f.target_term or ""),
                escape(f.message),
            )
        console.print(table)
    console.print(escape(_summary(report)))


def _plain_table(report) -> str:
    lines = ["seg\tseverity\trule\tsource_term\ttarget_term\tmessage"]
    for f in report.findings:
        lines.append(
            "\t".join(
                [
                    str(f.segment),
                    f.severity,
                    f.rule,
                    f.source_term or "",
                    f.target_term or "",
                    f.message,
                ]
            )
        )
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"
