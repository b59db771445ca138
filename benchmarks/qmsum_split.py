"""The QMSum train / validation / test split, by meeting, and the loader that applies it.

QMSum's topic files are excerpts of the meetings in its meeting files
(``committee_train_3_q4`` is a topic of ``committee_train_3``), so a split by
document would let a test meeting's topics be fitted on.  The split is drawn
once over *meetings* (the id with its ``_qN`` suffix removed, checked against
the documents' text when the split was made), stratified by family
(committee, academic, product), with a fixed seed, and committed as
``benchmarks/data/qmsum_split.json``.  The test part is locked: nothing is fitted
or chosen on it; the benchmark reports it next to validation.

    python benchmarks/qmsum_split.py     # rewrite the split file (same seed, same result)
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVALDATA = ROOT.parent / "shared" / "evaldata"
SPLIT_FILE = ROOT / "benchmarks" / "data" / "qmsum_split.json"
SEED = 20211  # fixed; any value would do, this one was picked before looking at results
SHARES = (("train", 0.6), ("validation", 0.2), ("test", 0.2))
FILES = {
    "topic": ("qmsum_committee_topic.dev.jsonl", "qmsum_other_topic.dev.jsonl"),
    "meeting": ("qmsum_committee_meeting.dev.jsonl", "qmsum_other_meeting.dev.jsonl"),
}
_TOPIC_SUFFIX = re.compile(r"_q\d+$")


def meeting_key(row: dict) -> str:
    """The meeting a QMSum row comes from.

    >>> meeting_key({"id": "committee_train_3_q4"}), meeting_key({"id": "product_val_2"})
    ('committee_train_3', 'product_val_2')
    """
    return _TOPIC_SUFFIX.sub("", row["id"])


def family(key: str) -> str:
    """'committee', 'academic' or 'product' (the first part of the id)."""
    return key.split("_", 1)[0]


def load_rows(form: str) -> list[dict]:
    """Every row of the ``form`` ("topic" or "meeting") files, with a ``file`` key added."""
    rows = []
    for name in FILES[form]:
        for line in (EVALDATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append({**json.loads(line), "file": name})
    return rows


def make_split() -> dict[str, str]:
    """Meeting key -> part, stratified by family, shuffled with :data:`SEED`."""
    keys = sorted({meeting_key(r) for form in FILES for r in load_rows(form)})
    rng = random.Random(SEED)
    parts: dict[str, str] = {}
    for fam in sorted({family(k) for k in keys}):
        group = [k for k in keys if family(k) == fam]
        rng.shuffle(group)
        n_train = round(SHARES[0][1] * len(group))
        n_val = round(SHARES[1][1] * len(group))
        for i, key in enumerate(group):
            parts[key] = "train" if i < n_train else "validation" if i < n_train + n_val else "test"
    return dict(sorted(parts.items()))


def _check_keys_match_text() -> None:
    """Every topic excerpt's long lines occur in its own meeting and in no other."""
    meetings = {meeting_key(r): r["document"] for r in load_rows("meeting")}
    for row in load_rows("topic"):
        lines = [line for line in row["document"].split("\n") if len(line) > 60][:3]
        found = [k for k, text in meetings.items() if lines and all(x in text for x in lines)]
        if found and found != [meeting_key(row)]:
            raise SystemExit(f"{row['id']}: text found in meetings {found}")


def split_rows(form: str, part: str) -> list[dict]:
    """The rows of ``form`` whose meeting is in ``part`` of the committed split."""
    parts = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))["meetings"]
    return [r for r in load_rows(form) if parts[meeting_key(r)] == part]


def main() -> int:
    _check_keys_match_text()
    parts = make_split()
    payload = {
        "about": "QMSum meetings -> part; made by benchmarks/qmsum_split.py "
        f"(seed {SEED}, 60/20/20 per family). The test part is locked.",
        "meetings": parts,
    }
    SPLIT_FILE.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    for form in FILES:
        counts = {p: len(split_rows(form, p)) for p, _ in SHARES}
        print(form, counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
