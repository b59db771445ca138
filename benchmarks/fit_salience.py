"""Fit the learned salience model on the QMSum *train* meetings; write data/salience.json.

Labels: for each candidate sentence of each train document (topic excerpts
and whole meetings), its ROUGE-1 precision against the reference summary
(chosen over a greedy-oracle 0/1 label on validation: see docs/summarise.md).
Each document weighs the same in the fit, however many
sentences it has.  The validation and test meetings are not read.

    python benchmarks/fit_salience.py [--l2 1.0]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

OUT = ROOT / "ipterm" / "summarise" / "data" / "salience.json"


def _tokens(text: str) -> list[str]:
    import regex

    return regex.findall(r"[\p{L}\p{N}]+", text.lower())


def precision_labels(texts: list[str], reference: str) -> np.ndarray:
    """Each sentence's ROUGE-1 precision against the reference (clipped unigram overlap / length).

    Under a fixed word budget a summary's ROUGE-1 is about the share of its
    words that the reference has, so the sentences worth their words are the
    precise ones; a 0/1 oracle label says less (it marks a few sentences and
    calls near misses wrong).
    """
    ref = Counter(_tokens(reference))
    out = []
    for text in texts:
        tokens = _tokens(text)
        out.append(sum((Counter(tokens) & ref).values()) / len(tokens) if tokens else 0.0)
    return np.array(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args(argv)
    from qmsum_split import SPLIT_FILE, split_rows

    from ipterm.document import parse_document
    from ipterm.summarise import Summarizer, SummarizerConfig
    from ipterm.summarise.learned import fit_logistic

    summarizer = Summarizer(SummarizerConfig(use_encoder=False))
    matrices, rows_y, rows_w = [], [], []
    docs = 0
    for form in ("topic", "meeting"):
        for row in split_rows(form, "train"):
            candidates, matrix = summarizer.features(parse_document(row["document"]))
            matrices.append(matrix)
            rows_y.append(precision_labels([s.text for s in candidates], row["summary"]))
            rows_w.append(np.full(len(candidates), 1000.0 / len(candidates)))
            docs += 1
    y, w = np.concatenate(rows_y), np.concatenate(rows_w)
    about = {
        "fitted_by": "benchmarks/fit_salience.py",
        "data": f"QMSum train part of {SPLIT_FILE.relative_to(ROOT)} (topic and meeting forms)",
        "documents": docs,
        "sentences": int(len(y)),
        "labels": "ROUGE-1 precision of each candidate against the reference (no stemming)",
        "model": f"logistic regression, L2 {args.l2} on standardised features, "
        "each document weighted equally",
    }
    model = fit_logistic(matrices, y, l2=args.l2, sample_weight=w, about=about)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(model.to_dict(), indent=1, ensure_ascii=False) + "\n"
    OUT.write_text(payload, encoding="utf-8")
    print(json.dumps(about, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
