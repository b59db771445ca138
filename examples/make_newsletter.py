"""Draft the April 2021 "China IP Highlights" issue from examples/corpus.

    .venv/bin/python examples/make_newsletter.py

Writes examples/output/china-ip-highlights-2021-04.md, .html and .docx (committed, so a
reader sees the result without running anything). Equivalent to:

    ipterm newsletter examples/corpus --month 2021-04 -o examples/output/china-ip-highlights-2021-04.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from ipterm.newsletter import draft_newsletter
from ipterm.text.io import write_text

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "output" / "china-ip-highlights-2021-04"


def main() -> int:
    issue = draft_newsletter(HERE / "corpus", month="2021-04")
    write_text(OUTPUT.with_suffix(".md"), issue.to_markdown())
    write_text(OUTPUT.with_suffix(".html"), issue.to_html())
    issue.to_docx(str(OUTPUT.with_suffix(".docx")))
    print(
        f"{issue.title}: {len(issue.items)} items, {len(issue.skipped)} documents outside the "
        f"month, {len(issue.term_notes)} terminology findings -> {OUTPUT}.{{md,html,docx}}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
