"""Corpus-scale throughput of ``ipterm batch``: 1 vs 2 workers, memory, kill-and-resume.

    python benchmarks/bench_batch.py [--records 200000] [--task check]

Builds a synthetic corpus of segment pairs from ../shared/evaldata (Taiwan IP
and non-IP statutes, sampled with replacement and perturbed: numbers changed,
words dropped, a Traditional/Simplified mix), then runs the task through the
local engine:

* records per second with 1 and 2 worker processes (scaling ratio; target 1.7x),
* peak resident memory of the whole process tree at two corpus sizes (flat?),
* time lost when a 2-worker run is killed (SIGKILL) halfway and started again.

Every run is a separate child process, so memory and timing are not shared.
Writes benchmarks/results/batch.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVAL = ROOT.parent / "shared" / "evaldata"
WORK = HERE / "_work" / "batch"
_NUMBER = re.compile(r"\d+")


def build_corpus(path: Path, records: int, seed: int = 13) -> None:
    """Sample segment pairs with replacement and perturb a share of them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(seed)
    pairs = []
    with (EVAL / "tw_ip_law_parallel.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            pairs.append((row["zh"] if rng.random() < 0.3 else row["zh_simplified"], row["en"]))
    with (EVAL / "tw_nonip_law_parallel.sample10k.tsv").open(encoding="utf-8") as handle:
        pairs += [tuple(line.rstrip("\n").split("\t", 1)) for line in handle if "\t" in line]
    sources, targets = [], []
    for _ in range(records):
        zh, en = rng.choice(pairs)
        roll = rng.random()
        if roll < 0.15:  # a changed number
            en = _NUMBER.sub(lambda m: str(int(m.group()) + 1), en, count=1)
        elif roll < 0.25:  # a dropped word
            words = en.split()
            if len(words) > 3:
                del words[rng.randrange(len(words))]
                en = " ".join(words)
        sources.append(zh)
        targets.append(en)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"source": sources, "target": targets}), path)


def child(args: argparse.Namespace) -> None:
    """One measured run (in its own process): prints a JSON line with time and peak memory."""
    from ipterm.batch import run_batch_to_file

    started = time.perf_counter()
    stats = run_batch_to_file(
        args.input,
        args.output,
        args.task,
        num_proc=args.num_proc,
        work_dir=args.work_dir,
        shard_size=args.shard_size,
    )
    seconds = time.perf_counter() - started
    peak_kb = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    print(
        json.dumps(
            {
                "seconds": seconds,
                "records": stats.records,
                "kept": stats.shards_done_before,
                "peak_mb": peak_kb / 1024,
            }
        )
    )


def _child_command(
    corpus: Path, task: str, num_proc: int, shard_size: int, work: Path
) -> list[str]:
    """A fresh work folder and the command line of one measured child run."""
    shutil.rmtree(work, ignore_errors=True)
    return [
        sys.executable, __file__, "--child", "--input", str(corpus),
        "--output", str(work / "out.parquet"), "--task", task, "--num-proc", str(num_proc),
        "--work-dir", str(work / "parts"), "--shard-size", str(shard_size),
    ]  # fmt: skip


def run_child(corpus: Path, task: str, num_proc: int, shard_size: int, work: Path) -> dict:
    command = _child_command(corpus, task, num_proc, shard_size, work)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started  # includes start-up and writing the output
    return result


def kill_and_resume(
    corpus: Path, task: str, shard_size: int, total_shards: int, work: Path
) -> dict:
    """Kill a 2-worker run when half its shards are written, then run it again."""
    command = _child_command(corpus, task, 2, shard_size, work)
    parts = work / "parts"
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True
    )
    while process.poll() is None and len(list(parts.glob("shard-*.parquet"))) < total_shards // 2:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    first = time.perf_counter() - started
    kept = len(list(parts.glob("shard-*.parquet")))
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    second = time.perf_counter() - started
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"killed_after": first, "resume": second, "kept": kept, "redone": result["records"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--task", default="check", choices=("check", "find"))
    parser.add_argument("--shard-size", type=int, default=2000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--num-proc", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--work-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    if not EVAL.is_dir():
        print("skipped: ../shared/evaldata not found")
        return 0
    small = max(args.shard_size * 4, args.records // 4)
    corpus = WORK / f"corpus-{args.records}.parquet"
    corpus_small = WORK / f"corpus-{small}.parquet"
    if not corpus.exists():
        build_corpus(corpus, args.records)
    if not corpus_small.exists():
        build_corpus(corpus_small, small)
    shards = -(-args.records // args.shard_size)
    one = run_child(corpus, args.task, 1, args.shard_size, WORK / "one")
    two = run_child(corpus, args.task, 2, args.shard_size, WORK / "two")
    two_small = run_child(corpus_small, args.task, 2, args.shard_size, WORK / "small")
    resumed = kill_and_resume(corpus, args.task, args.shard_size, shards, WORK / "resume")
    shutil.rmtree(WORK / "one", ignore_errors=True)
    rate1, rate2 = args.records / one["seconds"], args.records / two["seconds"]
    lost = resumed["killed_after"] + resumed["resume"] - two["wall"]
    lines = [
        "## Batch processing (`benchmarks/bench_batch.py`)",
        "",
        f"Task `{args.task}` with the bundled glossary over a synthetic corpus of "
        f"{args.records:,} segment pairs sampled with replacement from the Taiwan IP and non-IP "
        "statutes in ../shared/evaldata (15% with a changed number, 10% with a dropped word, 30% "
        f"Traditional), shard size {args.shard_size:,}; 2-core machine. Command: "
        f"`python benchmarks/bench_batch.py --records {args.records} --task {args.task}`.",
        "",
        "| run | records/s | time (s) | peak memory, process tree (MB) |",
        "|---|---:|---:|---:|",
        f"| 1 worker, {args.records:,} records | {rate1:,.0f} | {one['seconds']:.1f} | "
        f"{one['peak_mb']:,.0f} |",
        f"| 2 workers, {args.records:,} records | {rate2:,.0f} | {two['seconds']:.1f} | "
        f"{two['peak_mb']:,.0f} |",
        f"| 2 workers, {small:,} records | {small / two_small['seconds']:,.0f} | "
        f"{two_small['seconds']:.1f} | {two_small['peak_mb']:,.0f} |",
        "",
        f"- Scaling, 2 workers / 1 worker: **{rate2 / rate1:.2f}x** (target at least 1.7x).",
        f"- Memory: {two_small['peak_mb']:,.0f} MB at {small:,} records vs "
        f"{two['peak_mb']:,.0f} MB at "
        f"{args.records:,} (peak RSS summed over the parent and its largest child).",
        f"- Kill and resume: the 2-worker run was killed with SIGKILL after "
        f"{resumed['killed_after']:.1f} s with {resumed['kept']} of {shards} shards written; the "
        f"rerun kept them, processed the remaining {resumed['redone']:,} records in "
        f"{resumed['resume']:.1f} s. Time lost against the uninterrupted run "
        f"({two['wall']:.1f} s with start-up): **{lost:.1f} s**.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "results").mkdir(exist_ok=True)
    tmp = HERE / "results" / "batch.md.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(HERE / "results" / "batch.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
