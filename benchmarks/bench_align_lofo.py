"""Leave-one-family-out benchmark of glossary building on laws the weights have never seen.

Run: ``.venv/bin/python benchmarks/bench_align_lofo.py`` (``--fit`` prints the
weights and the calibration table fitted on every family, to ship as defaults).

The Taiwan IP-law parallel data is grouped by law family
(``benchmarks/data/tw_law_families.tsv``).  The builder is run on each family's
segments alone (plus the family's law-title pairs), with **no** glossary: the
bundled glossary holds Taiwan concepts taken from this very data (``tw-*``),
so using it would leak the answers.  For each held-out family the scoring
weights are fitted on the gold terms of the other families (the candidates and
their features do not depend on the weights, so each family is counted once),
and the held-out family's gold terms (its headings and definitions in
``tw_ip_law_glossary.dev.jsonl``) are ranked with them.  Top-1 compares the
normalised English (case, articles, plurals).

Families ``plant-variety`` and ``ic-layout`` are the **test** families: they
were not looked at while the candidates and features were designed (``--dev``
hides them); the other families are the validation families.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "evaldata"
FAMILIES = ROOT / "benchmarks" / "data" / "tw_law_families.tsv"
RESULTS = ROOT / "benchmarks" / "results" / "align_lofo.md"
TEST_FAMILIES = ("plant-variety", "ic-layout")
SPEED_SEGMENTS = 900
sys.path.insert(0, str(ROOT))

_PCODE = re.compile(r"^[A-Z]\d{7}\b")
_ARTICLES = {"the", "a", "an"}


def norm(text: str) -> str:
    """Gold comparison key: lower case, no articles or quotes, every word singular."""
    from ipterm.align.candidates_en import singular

    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s", ""))
    return " ".join(singular(w) for w in words if w not in _ARTICLES)


def load():
    rows = [json.loads(x) for x in (EVAL / "tw_ip_law_parallel.dev.jsonl").open(encoding="utf-8")]
    gold = [json.loads(x) for x in (EVAL / "tw_ip_law_glossary.dev.jsonl").open(encoding="utf-8")]
    family = {}
    for line in FAMILIES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            pcode, name = line.split("\t")[:2]
            family[pcode] = name
    by_title = {r["law_en"]: r["pcode"] for r in rows}
    segments: dict[str, list[tuple[str, str]]] = defaultdict(list)
    titles: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in rows:
        segments[family[r["pcode"]]].append((r["zh"], r["en"]))
        titles[family[r["pcode"]]].add((r["law_zh"], r["law_en"]))
    for name, pairs in titles.items():  # the law titles are aligned text of the same database
        segments[name] += sorted(pairs)
    terms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for g in gold + silver():
        if g["type"] == "law_title":
            continue
        pcode = _source_pcode(g["source"], by_title)
        if pcode in family:
            terms[family[pcode]][g["zh"]].add(norm(g["en"]))
    return segments, terms


def silver() -> list[dict]:
    """Gold pairs from ``alignment_silver_*.jsonl`` files, when the evaluation data has them."""
    out = []
    for path in sorted(EVAL.glob("alignment_silver_*.jsonl")):
        out += [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]
    return out


def _source_pcode(source: str, by_title: dict[str, str]) -> str | None:
    m = _PCODE.match(source)
    if m:
        return m.group()
    title = re.sub(r"\s+Art\.\s*\d+.*$", "", source)
    return by_title.get(title)


def seen(zh: str, segments) -> int:
    """Segments of the family whose Chinese contains the term."""
    return sum(zh in s for s, _ in segments)


def build(segments, *, use_encoder=False, glossary=None):
    from ipterm.align.builder import BuilderConfig, GlossaryBuilder

    builder = GlossaryBuilder(glossary, config=BuilderConfig(use_encoder=use_encoder))
    return builder.fit(segments)


def groups_of(builder, terms):
    """Per gold term: (zh, candidate features, index of the first right candidate or len)."""
    out = []
    for zh, golds in sorted(terms.items()):
        r = builder.ranking(zh)
        if r is None or not r.en:
            out.append((zh, np.zeros((0, 0)), 0, ()))
            continue
        labels = [norm(e) in golds for e in r.en]
        target = labels.index(True) if any(labels) else len(labels)
        out.append((zh, r.features, target, r.en))
    return out


def evaluate(fams, data, weights_for):
    """Top-1 and top-1 confidence per gold term of each family, with that family's weights."""
    from ipterm.align.fitting import choice

    results = {}
    for name in fams:
        w = weights_for(name)
        rows = []
        for zh, x, target, en in data[name]["groups"]:
            if len(x) == 0:
                rows.append((zh, False, 0.0, None))
                continue
            p = choice(x, w)
            best = int(np.argmax(p))
            rows.append((zh, best == target, float(p[best]), en[best]))
        results[name] = rows
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="validation families only")
    parser.add_argument("--fit", action="store_true", help="print weights fitted on every family")
    parser.add_argument("--encoder", action="store_true", help="also build with the encoder")
    parser.add_argument("--show", action="store_true", help="print every gold term's guess")
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print("skipped: ../shared/evaldata not found")
        return 0
    from ipterm.align.builder import BuilderConfig
    from ipterm.align.fitting import fit_choice

    segments, terms = load()
    names = sorted(segments)
    data = {}
    start = time.perf_counter()
    for name in names:
        builder = build(segments[name])
        data[name] = {"groups": groups_of(builder, terms.get(name, {}))}
    build_seconds = time.perf_counter() - start
    cfg = BuilderConfig()
    frozen = [_encoder_column()]

    def weights_without(held):
        groups = [
            (x, t) for n in names if n != held and (not args.dev or n not in TEST_FAMILIES)
            for _, x, t, _ in data[n]["groups"]
        ]  # fmt: skip
        return fit_choice(groups, np.zeros(len(cfg.weights)), frozen=frozen)

    if args.fit:
        w = weights_without(None)
        print("weights (bias first):", ", ".join(f"{v:.3f}" for v in w))
        return 0
    shown = [n for n in names if terms.get(n) and not (args.dev and n in TEST_FAMILIES)]
    shipped = evaluate(shown, data, lambda n: cfg.weights)
    lofo = evaluate(shown, data, weights_without)
    if args.show:
        for name in shown:
            for (zh, ok, conf, guess), (_, x, t, en) in zip(lofo[name], data[name]["groups"]):
                gold = sorted(terms[name][zh])
                print(f"{name}\t{seen(zh, segments[name])}\t{'+' if ok else '-'}\t{zh}\t{guess}\t{gold}\t{conf:.2f}")
    report = render(names, shown, segments, terms, shipped, lofo, build_seconds, args)
    print(report)
    if not args.dev and not args.show:
        from ipterm.text.io import write_text

        write_text(RESULTS, report)
    return 0


def _encoder_column() -> int:
    from ipterm.align.builder import FEATURES

    return FEATURES.index("encoder")


def _top1(rows, keep):
    picked = [ok for (zh, ok, _, _) in rows if keep(zh)]
    return sum(picked), len(picked)


def _cell(k, n):
    return f"{k}/{n} = {k / n:.3f}" if n else "n/a"


def render(names, shown, segments, terms, shipped, lofo, build_seconds, args):
    lines = [
        "## Glossary builder on unseen law families (leave one family out)",
        "",
        "Data: `tw_ip_law_parallel.dev.jsonl` grouped by law family "
        "(`benchmarks/data/tw_law_families.tsv`); each family built alone, with no glossary; "
        "gold: the held-out family's headings and definitions in `tw_ip_law_glossary.dev.jsonl`"
        + (" and `alignment_silver_*`" if silver() else " (no `alignment_silver_*` files present)")
        + ", normalised for case, articles and plurals. "
        f"Weights fitted on the other families' gold terms. Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. "
        "Command: `.venv/bin/python benchmarks/bench_align_lofo.py`.",
        "",
        "| family | role | segments | gold terms in text | top-1 seen ≥3 (LOFO) | top-1 all (LOFO) "
        "| top-1 seen ≥3 (shipped weights) | top-1 all (shipped weights) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    averages = defaultdict(list)
    for name in shown:
        segs = segments[name]
        frequent = {zh for zh in terms[name] if seen(zh, segs) >= 3}
        present = {zh for zh in terms[name] if seen(zh, segs) >= 1}
        role = "test" if name in TEST_FAMILIES else "validation"
        cells = []
        for table in (lofo, shipped):
            for key, subset in (("3", frequent), ("all", present)):
                k, n = _top1(table[name], subset.__contains__)
                cells.append(_cell(k, n))
                if n and table is lofo:
                    averages[(role, key)].append(k / n)
        lines.append(
            f"| {name} | {role} | {len(segs)} | {len(present)} (≥3: {len(frequent)}) | "
            + " | ".join(cells) + " |"
        )
    lines.append("")
    for role in ("validation", "test"):
        a3, aa = averages.get((role, "3"), []), averages.get((role, "all"), [])
        if a3:
            lines.append(
                f"Average over {role} families (LOFO): top-1 seen ≥3 = {np.mean(a3):.3f} "
                f"({len(a3)} families), all = {np.mean(aa):.3f}."
            )
    lines += ["", f"Builds of all {len(names)} families: {build_seconds:.1f} s wall.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
