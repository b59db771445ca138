"""``ipterm glossary show|lookup|convert|merge|validate`` (and ``build``, from its own module).

Thin handlers: read glossaries through :mod:`ipterm.glossary.io`, call the
model, print a rich table or JSON.  Every reader and rich are imported inside
the handlers so ``ipterm --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

from ipterm.cli._common import add_glossary_option, load_glossaries, print_json

_STATUS_MARK = {
    "preferred": "",
    "admitted": "admitted",
    "deprecated": "deprecated",
    "superseded": "superseded",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "glossary",
        help="show, look up, convert, merge and validate glossaries",
        description="Work with bilingual glossaries in TBX, CSV, TSV, XLSX or ipterm JSON; "
        "'builtin' names the bundled IP glossary.",
    )
    sub = parser.add_subparsers(dest="glossary_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: _help(parser))

    show = sub.add_parser("show", help="table of a glossary's concepts")
    show.add_argument(
        "source", nargs="?", default="builtin", metavar="G", help="glossary file or 'builtin'"
    )
    show.add_argument("--subject", help="only concepts of this subject field")
    show.add_argument("--lang", choices=("zh", "en"), help="only terms in this language")
    show.add_argument("--json", action="store_true", help="print the glossary as ipterm JSON")
    show.set_defaults(func=run_show)

    lookup = sub.add_parser("lookup", help="concepts with a term (either language)")
    lookup.add_argument("term", metavar="TERM")
    lookup.add_argument(
        "--fuzzy", action="store_true", help="also concepts with a term containing TERM"
    )
    lookup.add_argument("--json", action="store_true", help="print the concepts as JSON")
    add_glossary_option(lookup)
    lookup.set_defaults(func=run_lookup)

    convert = sub.add_parser(
        "convert", help="convert SRC to DEST; DEST's extension picks the format"
    )
    convert.add_argument("src", metavar="SRC", help="glossary file or 'builtin'")
    convert.add_argument("dest", metavar="DEST", help="output .tbx, .tsv, .csv, .json or .xlsx")
    convert.add_argument(
        "--tbx-version",
        choices=("2019", "2008"),
        help="TBX flavour for .tbx output (default 2019; 2008 = MARTIF; "
        "a name ending in .martif.tbx also gives 2008)",
    )
    convert.set_defaults(func=run_convert)

    merge = sub.add_parser("merge", help="merge glossaries without duplicate concepts")
    merge.add_argument(
        "inputs", nargs="+", metavar="G", help="glossary files or 'builtin'; earlier ones win"
    )
    merge.add_argument("-o", "--output", required=True, metavar="OUT", help="merged glossary file")
    merge.add_argument("--name", help="name of the merged glossary")
    merge.set_defaults(func=run_merge)

    validate = sub.add_parser("validate", help="read a glossary and report problems")
    validate.add_argument("source", metavar="G", help="glossary file or 'builtin'")
    validate.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too (errors always give 1)"
    )
    validate.add_argument(
        "--require-sources",
        action="store_true",
        help="a named entity (agency, court, law, treaty, campaign...) without a structured "
        "source is an error (always on for 'builtin')",
    )
    validate.add_argument("--json", action="store_true", help="print the problems as JSON")
    validate.set_defaults(func=run_validate)

    try:  # `ipterm glossary build` lives in its own module
        from ipterm.cli.glossary_build import register_build
    except ModuleNotFoundError as exc:
        if exc.name != "ipterm.cli.glossary_build":
            raise
        register_build = None  # type: ignore[assignment]
    if register_build is not None:
        register_build(sub)


def _help(parser) -> int:
    parser.print_help()
    return 2


def _read(source: str):
    from ipterm.glossary.io import read_glossary

    return read_glossary(source)


def _term_count(glossary) -> int:
    return sum(len(c.terms) for c in glossary.concepts)


# -- show --------------------------------------------------------------------


def run_show(args) -> int:
    from ipterm.errors import InputError

    glossary = _read(args.source)
    if args.subject:
        subjects = glossary.subjects
        glossary = glossary.filter(subject=args.subject)
        if not len(glossary):
            raise InputError(
                f"no concepts with subject {args.subject!r}; subjects: {', '.join(subjects)}"
            )
    if args.json:
        print_json(_glossary_json(glossary))
        return 0
    from rich.console import Console

    console = Console()
    console.print(_concept_table(glossary, args.lang))
    console.print(_summary(glossary), highlight=False, markup=False)
    return 0


def _glossary_json(glossary) -> Any:
    import json

    from ipterm.glossary import jsonfmt

    return json.loads(jsonfmt.dumps(glossary))


def _concept_table(glossary, lang: str | None):
    from rich.table import Table
    from rich.text import Text

    langs = (lang,) if lang else ("zh", "en")
    table = Table(title=Text(glossary.name), show_lines=False)
    table.add_column("id", overflow="fold")
    table.add_column("subject")
    for code in langs:
        table.add_column(f"preferred {code}", overflow="fold")
    table.add_column("other terms", overflow="fold")
    for concept in glossary.concepts:
        preferred = [concept.preferred(code) for code in langs]
        others = [t for t in concept.terms if t.lang in langs and t not in preferred]
        cells = [Text(t.text) if t else Text("-", style="dim") for t in preferred]
        table.add_row(
            Text(concept.id),
            Text(concept.subject),
            *cells,
            Text("; ".join(_marked(t) for t in others)),
        )
    return table


def _marked(term) -> str:
    """``SIPO (deprecated, acronym)``: the status markers of a non-preferred term."""
    marks = [
        m
        for m in (
            _STATUS_MARK[term.status],
            term.region or "",
            "" if term.term_type == "fullForm" else term.term_type,
        )
        if m
    ]
    return f"{term.text} ({', '.join(marks)})" if marks else term.text


def _summary(glossary) -> str:
    concepts = Counter(c.subject for c in glossary.concepts)
    terms: Counter[str] = Counter()
    for concept in glossary.concepts:
        terms[concept.subject] += len(concept.terms)
    per_subject = ", ".join(f"{s} {concepts[s]}/{terms[s]}" for s in sorted(concepts))
    return f"{len(glossary)} concepts, {_term_count(glossary)} terms" + (
        f" (concepts/terms per subject: {per_subject})" if per_subject else ""
    )


# -- lookup ------------------------------------------------------------------


def run_lookup(args) -> int:
    glossary = load_glossaries(args.glossary)
    found = list(glossary.lookup(args.term))
    if args.fuzzy:
        found += [c for c in _containing(glossary, args.term) if c not in found]
    if args.json:
        print_json({"query": args.term, "concepts": [_concept_dict(c, glossary) for c in found]})
    elif found:
        _print_concepts(found, glossary)
    if not found:
        hint = "" if args.fuzzy else "; try --fuzzy for terms containing it"
        print(
            f"ipterm: no concept in {glossary.name} has the term {args.term!r}{hint}",
            file=sys.stderr,
        )
        return 1
    return 0


def _containing(glossary, text: str) -> list:
    """Concepts with a term whose look-up key contains ``text``'s (Traditional folded too)."""
    from ipterm.glossary.model import term_key
    from ipterm.text.normalize import to_simplified

    needle = to_simplified(term_key(text))
    if not needle:
        return []
    hits = []
    for concept, term in glossary.terms():
        if concept not in hits and needle in to_simplified(term.key):
            hits.append(concept)
    return hits


def _concept_dict(concept, glossary) -> dict[str, Any]:
    """Every field of the concept, plus ``superseded`` and ``successor`` (id and names)."""
    from dataclasses import asdict

    item = asdict(concept)
    item["superseded"] = concept.is_superseded()
    successor = _successor(concept, glossary)
    item["successor"] = (
        None
        if successor is None
        else {
            "id": successor.id,
            "zh": _text_of(successor.preferred("zh")),
            "en": _text_of(successor.preferred("en")),
        }
    )
    return item


def _text_of(term) -> str | None:
    return term.text if term is not None else None


def _successor(concept, glossary):
    """The current concept that replaced ``concept`` (end of the chain), or ``None``."""
    from ipterm.glossary.validate import successor_chain

    chain = successor_chain(concept, glossary)
    return chain[-1] if chain else None


def _validity_line(concept, glossary) -> str | None:
    """``SUPERSEDED (in force 2007-04-05 to 2025-04-26) by X / Y [id]``, or the dates in force."""
    dates = " to ".join(d for d in (concept.valid_from, concept.valid_until) if d)
    if concept.valid_from and not concept.valid_until:
        dates = f"from {concept.valid_from}"
    elif concept.valid_until and not concept.valid_from:
        dates = f"until {concept.valid_until}"
    if not concept.is_superseded():
        return f"in force {dates}" if dates else None
    successor = _successor(concept, glossary)
    line = "SUPERSEDED" + (f" (in force {dates})" if dates else "")
    if successor is not None:
        line += f" by {successor.label()} [{successor.id}]"
    elif concept.superseded_by:
        line += f" by {concept.superseded_by} (not in this glossary)"
    return line


def _print_concepts(concepts, glossary) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    for concept in concepts:
        table = Table(
            title=Text(f"{concept.id} ({concept.subject})"),
            caption=Text(concept.definition) if concept.definition else None,
        )
        for column in ("lang", "term", "status", "region", "type", "source"):
            table.add_column(column, overflow="fold")
        for lang in ("zh", "en"):
            for term in concept.terms_in(lang):
                term_type = (
                    term.term_type
                    if not term.full_form
                    else f"{term.term_type} of {term.full_form}"
                )
                table.add_row(
                    *(
                        Text(v or "")
                        for v in (
                            term.lang,
                            term.text,
                            term.status,
                            term.region,
                            term_type,
                            _source_text(term, concept),
                        )
                    )
                )
        console.print(table)
        for source in concept.sources:
            console.print(f"  source: {source.label()}", markup=False, highlight=False)
        validity = _validity_line(concept, glossary)
        if validity:  # a line of its own, so a repealed name is never mistaken for a current one
            console.print(
                f"{concept.id}: {validity}", markup=False, highlight=False, soft_wrap=True
            )


def _source_text(term, concept) -> str | None:
    """The term's own sources, short (publisher and status); the concept's are listed below."""
    if term.sources:
        return "; ".join(f"{s.publisher} ({s.status})" for s in term.sources)
    return term.source or (None if concept.sources else concept.source)


# -- convert, merge ----------------------------------------------------------


def run_convert(args) -> int:
    from pathlib import Path

    from ipterm.errors import InputError
    from ipterm.glossary.io import write_glossary

    glossary = _read(args.src)
    dest = Path(args.dest)
    if args.tbx_version and dest.suffix.lower() != ".tbx":
        raise InputError(f"--tbx-version applies to .tbx output only, not {args.dest!r}")
    if args.tbx_version:
        from ipterm.glossary import tbx

        tbx.write(glossary, dest, version=args.tbx_version)
    else:
        write_glossary(glossary, dest)
    counts = f"{len(glossary)} concepts, {_term_count(glossary)} terms"
    print(f"converted {args.src} -> {args.dest}: {counts}")
    return 0


def run_merge(args) -> int:
    from ipterm.glossary.io import write_glossary

    glossaries = [_read(source) for source in args.inputs]
    merged = glossaries[0]
    for other in glossaries[1:]:
        merged = merged.merge(other)
    if args.name:
        from dataclasses import replace

        merged = replace(merged, name=args.name)
    write_glossary(merged, args.output)
    folded = sum(len(g) for g in glossaries) - len(merged)
    print(
        f"merged {len(glossaries)} glossaries -> {args.output}: {len(merged)} concepts, "
        f"{_term_count(merged)} terms ({folded} concepts folded into others)"
    )
    return 0


# -- validate ----------------------------------------------------------------


def run_validate(args) -> int:
    from ipterm.glossary.validate import validate

    glossary = _read(args.source)
    require = args.require_sources or args.source == "builtin"
    problems = validate(glossary, require_sources=require)
    errors = [str(p) for p in problems if p.severity == "error"]
    warnings = [str(p) for p in problems if p.severity == "warning"]
    if args.json:
        print_json(
            {
                "glossary": args.source,
                "concepts": len(glossary),
                "terms": _term_count(glossary),
                "problems": [str(p) for p in problems],
                "errors": errors,
                "warnings": warnings,
            }
        )
    else:
        print(
            f"{args.source}: {len(glossary)} concepts, {_term_count(glossary)} terms, "
            f"{len(problems)} problem{'s' * (len(problems) != 1)} "
            f"({len(errors)} error{'s' * (len(errors) != 1)}, "
            f"{len(warnings)} warning{'s' * (len(warnings) != 1)})"
        )
        for problem in problems:
            print(f"  - {problem.text()}")
    return 1 if errors or (warnings and args.strict) else 0
