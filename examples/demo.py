"""The main job on the bundled example documents, as a new user would run it.

    make demo        # or: .venv/bin/python examples/demo.py

1. drafts the April 2021 "China IP Highlights" issue from examples/corpus
   (Markdown, HTML and DOCX into examples/output/),
2. prints the six-bullet highlights of the 46 KB SCIO press conference,
3. finds glossary terms in the shorter SCIO briefing, and
4. checks a small bilingual file against the bundled glossary.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ipterm.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_newsletter  # noqa: E402

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
BRIEFING = CORPUS / "2021-04-25_scio_briefing_14th_fyp_ip_strength.txt"


def step(argv: list[str]) -> int:
    print(f"\n$ ipterm {' '.join(argv)}\n", flush=True)
    return main(argv)


def run() -> int:
    print("$ python examples/make_newsletter.py", flush=True)
    codes = [make_newsletter.main()]
    print(make_newsletter.OUTPUT.with_suffix(".md").read_text(encoding="utf-8"))
    codes.append(step(["highlights", str(BRIEFING), "--bullets", "6"]))
    codes.append(step(["find", str(CORPUS / "2021-04-26_scio_briefing_ipr_protection_report.txt")]))
    check = step(["check", str(HERE / "bilingual" / "sample_zh_en.tsv")])
    print(f"\n(ipterm check exits {check}: 1 means it found error-severity terminology problems)")
    return 0 if all(code == 0 for code in codes) else 1


if __name__ == "__main__":
    sys.exit(run())
