"""Fitting the builder's scoring: conditional-logit weights and isotonic calibration."""

from __future__ import annotations

import numpy as np

from ipterm.align.fitting import calibrate, choice, fit_choice, fit_isotonic


def test_fit_choice_learns_the_feature_that_marks_the_right_candidate():
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(40):
        x = rng.normal(size=(4, 2))
        x[0, 0] += 3.0  # column 0 marks the right candidate; column 1 is noise
        groups.append((x[rng.permutation(4)], 0))
        groups[-1] = (groups[-1][0], int(np.argmax(groups[-1][0][:, 0])))
    w = fit_choice(groups, [0.0, 0.0, 0.0], steps=800)
    assert w[1] > 1.0 and abs(w[2]) < 0.5 * w[1]
    hits = sum(int(np.argmax(choice(x, w))) == t for x, t in groups)
    assert hits >= 36


def test_fit_choice_keeps_frozen_columns_at_zero_and_learns_none():
    x = np.array([[1.0, 5.0]])
    w = fit_choice([(x, 1)] * 5, [0.0, 0.0, 0.0], steps=300, frozen=[1])
    assert w[2] == 0.0
    assert choice(x, w)[0] < 0.2  # "none of them" is always right here


def test_fit_choice_ignores_empty_groups():
    w = fit_choice([(np.zeros((0, 1)), 0)], [0.5, 0.5])
    assert w.tolist() == [0.5, 0.5]


def test_isotonic_is_monotone_and_matches_rates():
    scores = [0.1, 0.2, 0.3, 0.4, 0.9, 0.95]
    correct = [False, False, True, False, True, True]
    table = fit_isotonic(scores, correct)
    values = [v for _, v in table]
    assert values == sorted(values)
    assert table[0] == (0.1, 0.0) and table[-1][1] == 1.0
    assert calibrate(0.97, table) == 1.0
    assert 0.0 <= calibrate(0.35, table) <= 1.0
