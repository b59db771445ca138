"""Run every benchmark and collect their sections into benchmarks/RESULTS.md.

Each ``bench_<area>.py`` measures its targets with its baseline in the same run
and writes ``results/<area>.md``; this script runs them one after another (so
they do not compete for the two cores) and concatenates the sections.

    python benchmarks/run_all.py            # all benchmarks
    python benchmarks/run_all.py matcher    # only bench_matcher.py, then re-collect
"""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = (
    "matcher",
    "encoder",
    "align",
    "align_lofo",
    "check",
    "check_cv",
    "summarise",
    "batch",
    "speed",
    "robust",
)


def main(argv: list[str]) -> int:
    wanted = argv or [name for name in ORDER if (HERE / f"bench_{name}.py").exists()]
    failed = []
    for name in wanted:
        script = HERE / f"bench_{name}.py"
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            failed.append(name)
    collect()
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def collect() -> None:
    sections = [
        (HERE / "results" / f"{name}.md").read_text(encoding="utf-8").strip()
        for name in ORDER
        if (HERE / "results" / f"{name}.md").exists()
    ]
    header = (
        "# Benchmark results\n\n"
        "Every figure below was measured by the script named in its section, with its baseline\n"
        "in the same run, on the project's standard machine (2 CPU cores, 24 GiB, no GPU).\n"
        "Re-run with `make bench` (or `python benchmarks/run_all.py AREA`).\n\n"
        f"Collected {dt.date.today().isoformat()} on {platform.machine()}"
        f" / Python {platform.python_version()}.\n"
    )
    text = header + "\n\n" + "\n\n".join(sections) + "\n"
    target = HERE / "RESULTS.md"
    tmp = target.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
