"""Time and peak memory of the commands on huge and hostile inputs, with growth ratios (issue 16).

Run: ``.venv/bin/python benchmarks/bench_robust.py`` (``--quick`` skips the 200 MB row).

Every row runs the real command line in a child process and reads the child's
wall time and peak resident memory (``os.wait4``).  Inputs are built
deterministically in a temporary folder:

* *prose*: paragraphs of ``../shared/evaldata/tw_ip_law_parallel.dev.jsonl``
  (Chinese and English) and of ``../shared/corpus``, shuffled with a fixed
  seed and repeated up to the size (``examples/corpus`` alone when the
  evaluation data is absent);
* *one line*: the same size of text with no punctuation and no line break
  (Chinese characters, or English words, drawn with a fixed seed).

Growth is ``(time at 50 MB / time at 10 MB) / 5``: 1.0 is linear, below 1 is
better than linear (start-up is shared).  Targets (issue 16): every row
answers, or refuses in one line, within 60 s and under 1 GB; ``find`` on
200 MB finishes in under 5 minutes with flat memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "evaldata" / "tw_ip_law_parallel.dev.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "robust.md"
SEED = 16
MB = 1_000_000
LIMIT_S = 300


def _paragraphs() -> list[str]:
    paragraphs: list[str] = []
    if EVAL.exists():
        for line in EVAL.open(encoding="utf-8"):
            row = json.loads(line)
            paragraphs += [row[k] for k in ("zh", "en") if row.get(k)]
    folder = SHARED / "corpus" if (SHARED / "corpus").exists() else ROOT / "examples" / "corpus"
    for path in sorted(folder.glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
    return [p for p in paragraphs if p]


def write_prose(path: Path, size: int) -> None:
    rng = random.Random(SEED)
    paragraphs = _paragraphs()
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            rng.shuffle(paragraphs)
            for para in paragraphs:
                chunk = para + "\n\n"
                out.write(chunk)
                written += len(chunk.encode("utf-8"))
                if written >= size:
                    break


def write_line(path: Path, size: int, lang: str) -> None:
    rng = random.Random(SEED)
    if lang == "zh":
        alphabet = "国家知识产权局加强专利保护商标注册审查著作权登记地理标志惩罚性赔偿"
        text = "".join(rng.choice(alphabet) for _ in range(size // 3))
    else:
        words = "the patent office said trademark protection enforcement court damages".split()
        text = " ".join(rng.choice(words) for _ in range(size // 8))
    path.write_text(text, encoding="utf-8")


def make_inputs(folder: Path, *, quick: bool) -> None:
    for size in (10, 50) if quick else (10, 50, 199):
        write_prose(folder / f"prose{size}.txt", size * MB)
    write_line(folder / "zh_line50.txt", 50 * MB, "zh")
    write_line(folder / "en_line50.txt", 50 * MB, "en")
    # a dated news page, so the newsletter takes it into the month's issue
    news = "China IP News\n\nDate: 2021-04-20\n\n" + (folder / "prose10.txt").read_text(
        encoding="utf-8"
    )
    (folder / "news10.txt").write_text(news, encoding="utf-8")
    line = (folder / "zh_line50.txt").read_text(encoding="utf-8")[: 8 * MB]
    (folder / "pair50.tsv").write_text(f"专利\tpatent\n{line}\tpatents\n", encoding="utf-8")


def run(argv: list[str]) -> dict:
    """Wall seconds, peak RSS (MB), exit code and last stderr line of ``ipterm argv``."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ipterm", *argv],
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"},
        )
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except KeyboardInterrupt:
            proc.kill()
            raise
        wall = time.perf_counter() - start
        err.seek(0)
        lines = [x for x in err.read().decode("utf-8", "replace").splitlines() if x.strip()]
    return {
        "wall": wall,
        "rss": usage.ru_maxrss / 1024,
        "code": os.waitstatus_to_exitcode(status),
        "said": (lines[-1] if lines else "")[:90],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 200 MB find row")
    parser.add_argument("--make", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make:
        make_inputs(Path(args.make), quick=args.quick)
        return 0
    rows: list[tuple[str, str, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Inputs are written by a child process, so this one stays small: a child
        # forked from a large parent would report the parent's pages as its peak.
        make = [sys.executable, __file__, "--make", str(folder)] + ["--quick"] * args.quick
        subprocess.run(make, check=True)
        jobs = [
            ("find --jsonl", "prose 10 MB", ["find", "--jsonl", "prose10.txt"]),
            ("find --jsonl", "prose 50 MB", ["find", "--jsonl", "prose50.txt"]),
            (
                "highlights --no-encoder",
                "prose 10 MB",
                ["highlights", "--no-encoder", "prose10.txt"],
            ),
            (
                "highlights --no-encoder",
                "prose 50 MB",
                ["highlights", "--no-encoder", "prose50.txt"],
            ),
            (
                "highlights --no-encoder",
                "one Chinese line 50 MB",
                ["highlights", "--no-encoder", "zh_line50.txt"],
            ),
            (
                "highlights --no-encoder",
                "one English line 50 MB",
                ["highlights", "--no-encoder", "en_line50.txt"],
            ),
            (
                "newsletter --no-encoder",
                "prose 10 MB",
                [
                    "newsletter",
                    "--month",
                    "2021-04",
                    "--no-encoder",
                    "news10.txt",
                    "-o",
                    "issue.docx",
                ],
            ),
            ("check (monolingual)", "one English line 50 MB", ["check", "en_line50.txt"]),
            ("check (TSV)", "one 8 MB segment", ["check", "pair50.tsv"]),
        ]
        if not args.quick:
            jobs.append(("find --jsonl", "prose 199 MB", ["find", "--jsonl", "prose199.txt"]))
        for command, label, job in jobs:
            result = run(
                [a if not a.endswith((".txt", ".tsv", ".docx")) else str(folder / a) for a in job]
            )
            rows.append((command, label, result))
            print(
                f"{command:26} {label:24} {result['wall']:7.1f} s {result['rss']:7.0f} MB "
                f"exit {result['code']}  {result['said']}",
                flush=True,
            )
    write_results(rows)
    return 0


def write_results(rows: list[tuple[str, str, dict]]) -> None:
    by = {(c, label): r for c, label, r in rows}
    lines = [
        "## Huge and hostile inputs (issue 16)",
        "",
        f"`benchmarks/bench_robust.py`, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}. Wall time and peak "
        "memory of the command-line child process; inputs built with a fixed seed "
        "(see the script's docstring). Exit 1 with one `ipterm: error:` line is a clear refusal.",
        "",
        "| command | input | wall s | peak MB | exit | last line on stderr |",
        "|---|---|---:|---:|---:|---|",
    ]
    for command, label, r in rows:
        said = r["said"].replace("|", "\\|")
        lines.append(
            f"| `{command}` | {label} | {r['wall']:.1f} | {r['rss']:.0f} | {r['code']} | {said} |"
        )
    lines += ["", "Growth, (time at 50 MB / time at 10 MB) / 5 (1.0 = linear):", ""]
    for command in ("find --jsonl", "highlights --no-encoder"):
        small, large = by.get((command, "prose 10 MB")), by.get((command, "prose 50 MB"))
        if small and large:
            ratio = large["wall"] / small["wall"] / 5
            memory = large["rss"] / small["rss"]
            lines.append(
                f"- `{command}`: time growth {ratio:.2f}, memory 50 MB / 10 MB {memory:.2f}x"
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    raise SystemExit(main())
