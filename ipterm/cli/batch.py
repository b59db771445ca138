"""``ipterm batch check|find|highlights INPUT OUTPUT``: a whole corpus file in, one out."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="run check, find or highlights over a corpus (JSONL, CSV, Parquet, TMX)",
        description="Run a task over every record of a corpus file and write the records with "
        "new result columns. Interrupted runs resume: finished shards are kept in OUTPUT.parts/ "
        "(or --work-dir) and not redone.",
    )
    parser.add_argument("task", choices=("check", "find", "highlights", "candidates"))
    parser.add_argument("input", help="corpus file: .jsonl, .csv, .parquet or .tmx")
    parser.add_argument("output", help="result file: .jsonl, .csv or .parquet")
    parser.add_argument("--num-proc", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--shard-size", type=int, default=2000, help="records per shard (default 2000)"
    )
    parser.add_argument("--work-dir", help="folder for finished shards (default OUTPUT.parts)")
    parser.add_argument(
        "--column", default="text", help="text column for find/highlights (default: text)"
    )
    parser.add_argument(
        "--source-column", default="source", help="source column for check (default: source)"
    )
    parser.add_argument(
        "--target-column", default="target", help="target column for check (default: target)"
    )
    parser.add_argument(
        "--bullets", type=int, default=3, help="bullets per record for highlights (default 3)"
    )
    parser.add_argument(
        "--glossary",
        "-g",
        action="append",
        metavar="G",
        help="glossary file(s); default the bundled one",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from ipterm.batch import run_batch_to_file

    console = Console(stderr=True)
    with Progress(
        TextColumn("shards"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("shards", total=None)
        stats = run_batch_to_file(
            args.input,
            args.output,
            args.task,
            num_proc=args.num_proc,
            work_dir=args.work_dir,
            shard_size=args.shard_size,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            glossaries=tuple(args.glossary or ()),
            text_column=args.column,
            source_column=args.source_column,
            target_column=args.target_column,
            bullets=args.bullets,
        )
    resumed = (
        f", {stats.shards_done_before} shards kept from an earlier run"
        if stats.shards_done_before
        else ""
    )
    print(
        f"{args.task}: {stats.records} records in {stats.seconds:.1f} s "
        f"({stats.records_per_second:.0f}/s){resumed}; wrote {args.output}",
        file=sys.stderr,
    )
    return 0
