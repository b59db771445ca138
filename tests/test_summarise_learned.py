"""The learned salience model, its data file, the QMSum split it was fitted on, and re-entrancy."""

from __future__ import annotations

import json
import threading
from collections import Counter
from pathlib import Path

import numpy as np

from ipterm.document import parse_document
from ipterm.summarise import Summarizer, SummarizerConfig
from ipterm.summarise.features import FEATURES
from ipterm.summarise.learned import fit_logistic, salience_model
from ipterm.summarise.ranking import Ranking

ROOT = Path(__file__).resolve().parents[1]
SPLIT = ROOT / "benchmarks" / "data" / "qmsum_split.json"


def test_shipped_model_matches_the_features_and_says_what_it_was_fitted_on():
    model = salience_model()
    assert model.features == FEATURES
    assert model.weights.shape == (2 * len(FEATURES) + 1,) and np.isfinite(model.weights).all()
    assert "train part" in model.about["data"] and model.about["documents"] > 100


def test_split_is_by_meeting_with_a_test_part():
    meetings = json.loads(SPLIT.read_text(encoding="utf-8"))["meetings"]
    counts = Counter(meetings.values())
    assert set(counts) == {"train", "validation", "test"}
    assert counts["test"] >= 0.15 * len(meetings) and counts["train"] > counts["test"]
    assert all("_q" not in key for key in meetings)  # topics follow their meeting


def test_fit_recovers_the_direction_of_a_signal():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, len(FEATURES)))
    y = (x[:, FEATURES.index("centrality")] > 0).astype(float)
    model = fit_logistic([x[:200], x[200:]], y, l2=1.0)
    assert model.weights[FEATURES.index("centrality")] > 1.0
    assert abs(model.weights[FEATURES.index("numbers")]) < 0.5


def _meeting(n: int) -> str:
    lines = [
        f"Chair: Welcome to the committee meeting number {n}, everyone, on school funding today."
    ]
    for i in range(40):
        who = "Member" if i % 2 else "Officer"
        lines.append(
            f"{who}: We discussed item {i} of the budget for schools in the region and "
            f"agreed on the next steps for topic {i % 5} with the local councils."
        )
    return "\n".join(lines)


def test_rank_returns_a_ranking_and_leaves_no_state_on_the_summariser():
    summarizer = Summarizer(SummarizerConfig(use_encoder=False, bullets=3))
    before = dict(vars(summarizer))
    ranked = summarizer.rank(parse_document(_meeting(1)))
    assert isinstance(ranked, Ranking) and len(ranked) == len(ranked.items) > 10
    assert ranked.similarity.shape == (len(ranked), len(ranked))
    assert all(0.0 <= r.signals["learned"] <= 1.0 for r in ranked)
    summarizer.summarise(_meeting(2))
    assert vars(summarizer).keys() == before.keys()


def test_one_summariser_serves_threads():
    summarizer = Summarizer(SummarizerConfig(use_encoder=False, bullets=3))
    texts = [_meeting(n) for n in range(6)]
    alone = [summarizer.summarise(t).to_dict() for t in texts]
    together: list = [None] * len(texts)

    def run(i: int) -> None:
        together[i] = summarizer.summarise(texts[i]).to_dict()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert together == alone
