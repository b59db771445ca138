"""``ipterm glossary build``: propose term pairs from parallel or one-language documents.

The ``ipterm glossary`` command's module calls :func:`register_build` with its
sub-parsers; :func:`register` adds a stand-alone ``glossary-build`` command
for use before (or without) that module.
"""

from __future__ import annotations

import argparse
import sys

from ipterm.cli._common import print_json


def register_build(glossary_subparsers) -> argparse.ArgumentParser:
    """Add ``build`` to the ``ipterm glossary`` sub-parsers."""
    parser = glossary_subparsers.add_parser(
        "build",
        help="propose Chinese-English term pairs from documents",
        description="Propose term pairs: from aligned pairs (--parallel: zh<TAB>en, TMX, XLIFF), "
        "from a Chinese file and its translation (--zh/--en, aligned here), or from "
        "one-language documents (plain files).",
    )
    _add_arguments(parser)
    parser.set_defaults(func=handle_build)
    return parser


def register(subparsers) -> argparse.ArgumentParser:  # pragma: no cover - thin alias
    """Stand-alone ``glossary-build`` command (same options as ``glossary build``)."""
    return register_build(subparsers)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="one-language documents (English or Chinese)"
    )
    parser.add_argument(
        "--parallel",
        action="append",
        metavar="PAIRS",
        help="aligned pairs: zh<TAB>en file, TMX or XLIFF (repeatable)",
    )
    parser.add_argument(
        "--zh", metavar="FILE", help="Chinese document (with --en; aligned by sentence)"
    )
    parser.add_argument("--en", metavar="FILE", help="its English translation")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the glossary here; the format follows the extension (.json, .tbx, .csv, ...)",
    )
    parser.add_argument(
        "--glossary",
        "-g",
        metavar="G",
        help="existing glossary to merge the proposals into (and to use as evidence)",
    )
    from ipterm.align.builder import BuilderConfig

    defaults = BuilderConfig()
    encoder = parser.add_mutually_exclusive_group()
    encoder.add_argument(
        "--encoder",
        dest="encoder",
        action="store_true",
        default=defaults.use_encoder,
        help="add encoder similarity (off by default: it did not improve held-out top-1, "
        "docs/glossary-builder.md)",
    )
    encoder.add_argument(
        "--no-encoder", dest="encoder", action="store_false", help="no encoder similarity"
    )
    parser.add_argument("--no-cedict", action="store_true", help="do not use CC-CEDICT evidence")
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=defaults.min_confidence,
        metavar="P",
        help=f"drop proposals below this confidence (0..1, default {defaults.min_confidence:g})",
    )
    parser.add_argument(
        "--limit", type=int, default=None, metavar="N", help="keep the N best proposals"
    )
    parser.add_argument("--json", action="store_true", help="print the proposals as JSON")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def _segments(args) -> list[tuple[str, str]]:
    from ipterm.errors import InputError

    segments: list[tuple[str, str]] = []
    for path in args.parallel or []:
        from ipterm.check.segments import read_segments

        read, bilingual = read_segments(path)
        if not bilingual:
            raise InputError(
                "not a bilingual file (expected zh<TAB>en lines, TMX or XLIFF); "
                "give one-language documents without --parallel",
                path=path,
            )
        for seg in read:
            zh_first = (seg.source_lang or "zh").startswith("zh") or not (
                seg.target_lang or "en"
            ).startswith("zh")
            segments.append((seg.source, seg.target) if zh_first else (seg.target, seg.source))
    if args.zh or args.en:
        if not (args.zh and args.en):
            raise InputError(
                "--zh and --en go together: give the Chinese file and its English translation"
            )
        from ipterm.align.sentalign import align_texts
        from ipterm.text.io import read_text

        segments += [(b.zh, b.en) for b in align_texts(read_text(args.zh), read_text(args.en))]
    return segments


def _check_options(args) -> None:
    from ipterm.errors import InputError

    if not (args.parallel or args.zh or args.en or args.files):
        raise InputError(
            "nothing to build from: give --parallel PAIRS, --zh FILE --en FILE, or documents"
        )
    if not 0.0 <= args.min_confidence <= 1.0:
        raise InputError(f"--min-confidence must be between 0 and 1, not {args.min_confidence!r}")
    if args.limit is not None and args.limit < 1:
        raise InputError(f"--limit must be a positive number, not {args.limit!r}")


def handle_build(args) -> int:
    """Build, then print JSON or a table, and write the glossary when ``-o`` is given."""
    from ipterm.align import api
    from ipterm.align.builder import BuilderConfig
    from ipterm.cli._common import load_glossaries
    from ipterm.text.io import read_text

    _check_options(args)
    base = load_glossaries([args.glossary] if args.glossary else None)
    encode = _encoder() if args.encoder else None
    config = BuilderConfig(
        use_cedict=not args.no_cedict,
        use_encoder=encode is not None,
        min_confidence=args.min_confidence,
    )
    pairs = []
    segments = _segments(args)
    if segments:
        with _Progress(enabled=not args.no_progress) as progress:
            pairs += api.propose(
                segments, glossary=base, config=config, encode=encode, progress=progress
            )
    for path in args.files:
        pairs += api.propose_from_text(
            read_text(path), glossary=base, encode=encode, use_cedict=not args.no_cedict
        )
    pairs = [p for p in pairs if p.confidence >= args.min_confidence]
    pairs.sort(key=lambda p: (-p.confidence, p.zh))
    pairs = pairs[: args.limit] if args.limit else pairs
    if args.output:
        from ipterm.glossary.io import write_glossary

        built = api.pairs_to_glossary(pairs)
        write_glossary(base.merge(built) if args.glossary else built, args.output)
    if args.json:
        print_json([p.to_dict() for p in pairs])
    else:
        _print_table(pairs, args.output)
    return 0


def _encoder():
    """The real encoder's ``encode``, or None (with a note) when no model can be loaded.

    The model is loaded once here, before the build, so that a missing model
    costs a note instead of a failed build.
    """
    from ipterm.errors import MissingDependencyError, ModelNotAvailableError

    try:
        from ipterm.encoder import encode

        encode(["专利"], kind="query")
    except (ImportError, MissingDependencyError, ModelNotAvailableError) as exc:
        print(f"ipterm: note: encoder unavailable ({exc}); building without it", file=sys.stderr)
        return None

    def run(texts: list[str]):
        return encode(texts, kind="query")

    return run


def _print_table(pairs, output: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"{len(pairs)} proposed pairs" + (f" (written to {output})" if output else "")
    )
    for column in ("confidence", "zh", "en", "freq", "evidence"):
        table.add_column(column)
    for p in pairs[:50]:
        table.add_row(
            f"{p.confidence:.2f}", p.zh, p.en, str(p.frequency), ", ".join(p.evidence.kinds)
        )
    Console().print(table)


class _Progress:
    """A rich progress bar on stderr, one task per build stage."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._bar = None
        self._tasks: dict[str, int] = {}

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=total)
        self._bar.update(self._tasks[stage], completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
