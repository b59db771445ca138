"""``ipterm newsletter DIR --month YYYY-MM [-o OUT.md|OUT.html|OUT.docx]``."""

from __future__ import annotations

import sys
from pathlib import Path

from ipterm.cli._common import add_glossary_option, load_glossaries, print_json

_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "newsletter",
        help="draft a monthly China IP Highlights issue from a folder of documents",
        description="Draft a 'China IP Highlights: <Month Year> (Issue N)' issue from .txt, .md, "
        ".html, .docx and .pdf documents. Documents dated outside the month are listed and "
        "skipped.",
    )
    parser.add_argument("inputs", nargs="+", metavar="DIR_OR_FILE", help="a folder and/or files")
    parser.add_argument("--month", required=True, help="the issue's month, YYYY-MM")
    parser.add_argument("--issue", type=int, help="issue number (default: the month's number)")
    parser.add_argument(
        "-o", "--output", help="write OUT.md, OUT.html or OUT.docx (default: Markdown to stdout)"
    )
    parser.add_argument(
        "--template", help="Jinja2 template for HTML output (default: the bundled one)"
    )
    parser.add_argument(
        "--sections", help="comma-separated section names to use instead of the default list"
    )
    parser.add_argument(
        "--sections-file", help="TOML file of sections ([[section]] name, description, subjects)"
    )
    parser.add_argument(
        "--bullets", type=int, default=5, help="numbered highlights for long documents (default 5)"
    )
    parser.add_argument(
        "--no-encoder", action="store_true", help="classify and summarise without the encoder"
    )
    parser.add_argument(
        "--no-check", action="store_true", help="skip the terminology check of the draft"
    )
    parser.add_argument(
        "--explain", action="store_true", help="show each item's section scores on stderr"
    )
    parser.add_argument("--json", action="store_true", help="print the draft as JSON")
    add_glossary_option(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    from ipterm.errors import InputError
    from ipterm.newsletter import NewsletterConfig, draft_newsletter

    fmt = None
    if args.output:
        fmt = _FORMATS.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise InputError(f"-o must end in .md, .html or .docx, not {args.output!r}")
    config = NewsletterConfig(
        bullets=args.bullets,
        use_encoder=not args.no_encoder,
        sections_file=args.sections_file,
        section_names=tuple(args.sections.split(",")) if args.sections is not None else (),
        check_terminology=not args.no_check,
    )
    glossary = load_glossaries(args.glossary)
    issue = _with_progress(
        lambda progress: draft_newsletter(
            args.inputs,
            month=args.month,
            issue=args.issue,
            glossary=glossary,
            config=config,
            progress=progress,
        )
    )
    for note in issue.notes:
        if "control character" in note:
            print(f"ipterm: warning: {note}", file=sys.stderr)
    if args.explain:
        _explain(issue)
    if args.json:
        print_json(issue.to_dict())
    elif fmt is None:
        sys.stdout.write(issue.to_markdown())
    else:
        _write(issue, args.output, fmt, args.template)
        print(
            f"wrote {args.output}: {len(issue.items)} items in {len(issue.sections)} sections, "
            f"{len(issue.skipped)} skipped, {len(issue.term_notes)} terminology findings",
            file=sys.stderr,
        )
    return 0


def _with_progress(job):
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("documents", total=None)

        def progress(n: int, total: int, path: str) -> None:
            bar.update(task, total=total, completed=n - 1, description=Path(path).name[:40])

        result = job(progress)
        bar.update(task, completed=bar.tasks[0].total or 0)
    return result


def _write(issue, output: str, fmt: str, template: str | None) -> None:
    from ipterm.text.io import write_text

    if fmt == "markdown":
        write_text(output, issue.to_markdown())
    elif fmt == "html":
        write_text(output, issue.to_html(template=template))
    else:
        issue.to_docx(output)


def _explain(issue) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Section choice (score = subject share + 4 x centred similarity)")
    for column in ("document", "section", "score", "similarity", "subject share", "runner-up"):
        table.add_column(column)
    for item in issue.items:
        best = item.scores[0]
        runner = item.scores[1] if len(item.scores) > 1 else None
        table.add_row(
            Path(item.path).name,
            best.section,
            f"{best.score:.3f}",
            "-" if best.similarity is None else f"{best.similarity:.3f}",
            f"{best.subject_share:.2f}",
            f"{runner.section} ({runner.score:.3f})" if runner else "-",
        )
    Console(stderr=True).print(table)
