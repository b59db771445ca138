"""The main job on the bundled example documents, as a new user would run it.

    make demo        # or: .venv/bin/python examples/demo.py

1. drafts the April 2021 "China IP Highlights" issue from examples/corpus
   (Markdown, HTML and DOCX into examples/output/),
2. prints the six-bullet highlights of the 46 KB SCIO press conference,
3. finds glossary terms in it, and
4. checks a small bilingual file against the bundled glossary.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ipterm.cli import main

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
BRIEFING = CORPUS / "2021-04-25_scio_briefing_14th_fyp_ip_strength.txt"


def step(title: str, argv: list[str]) -> int:
    print(f"\n$ ipterm {' '.join(argv)}\n", flush=True)
    return main(argv)


def run() -> int:
    issue = OUTPUT / "china-ip-highlights-2021-04"
    codes = [
        step("newsletter", ["newsletter", str(CORPUS), "--month", "2021-04", "-o", f"{issue}.md"]),
        step(
            "newsletter html",
            ["newsletter", str(CORPUS), "--month", "2021-04", "-o", f"{issue}.html"],
        ),
        step(
            "newsletter docx",
            ["newsletter", str(CORPUS), "--month", "2021-04", "-o", f"{issue}.docx"],
        ),
    ]
    print(Path(f"{issue}.md").read_text(encoding="utf-8"))
    codes.append(step("highlights", ["highlights", str(BRIEFING), "--bullets", "6"]))
    codes.append(step("find", ["find", str(BRIEFING)]))
    check = step("check", ["check", str(HERE / "bilingual" / "sample_zh_en.tsv")])
    print(f"\n(ipterm check exits {check}: 1 means it found error-severity terminology problems)")
    return 0 if all(code == 0 for code in codes) else 1


if __name__ == "__main__":
    sys.exit(run())
