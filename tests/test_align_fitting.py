"""Fitting the builder's scoring: conditional-logit weights and isotonic calibration."""

from __future__ import annotations

import numpy as np
import pytest

from ipterm.align.fitting import calibrate, choice, fit_choice, fit_platt


def test_fit_choice_learns_the_feature_that_marks_the_right_candidate():
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(40):
        x = rng.normal(size=(4, 2))
        x[0, 0] += 3.0  # column 0 marks the right candidate; column 1 is noise
        groups.append((x[rng.permutation(4)], 0))
        groups[-1] = (groups[-1][0], int(np.argmax(groups[-1][0][:, 0])))
    w = fit_choice(groups, [0.0, 0.0, 0.0])
    assert w[1] > 1.0 and abs(w[2]) < 0.5 * w[1]
    hits = sum(int(np.argmax(choice(x, w))) == t for x, t in groups)
    assert hits >= 36


def test_fit_choice_keeps_frozen_columns_at_zero_and_learns_none():
    x = np.array([[1.0, 5.0]])
    w = fit_choice([(x, 1)] * 5, [0.0, 0.0, 0.0], frozen=[1])
    assert w[2] == 0.0
    assert choice(x, w)[0] < 0.2  # "none of them" is always right here


def test_fit_choice_does_not_depend_on_the_start():
    rng = np.random.default_rng(1)
    groups = [(rng.normal(size=(3, 2)), int(rng.integers(0, 4))) for _ in range(30)]
    a = fit_choice(groups, [0.0, 0.0, 0.0])
    b = fit_choice(groups, [3.0, -2.0, 5.0])
    assert np.allclose(a, b, atol=1e-6)


def test_fit_choice_ignores_empty_groups():
    w = fit_choice([(np.zeros((0, 1)), 0)], [0.5, 0.5])
    assert w.tolist() == [0.5, 0.5]


def test_platt_is_increasing_and_follows_the_rates():
    scores = [0.95] * 18 + [0.6] * 10 + [0.3] * 10
    correct = [True] * 17 + [False] + [True] * 6 + [False] * 4 + [True] * 2 + [False] * 8
    platt = fit_platt(scores, correct)
    high, mid, low = (calibrate(p, platt) for p in (0.95, 0.6, 0.3))
    assert low < mid < high < 1.0
    assert abs(high - 17 / 18) < 0.08 and abs(low - 0.2) < 0.12


def test_platt_with_no_data_is_the_identity():
    assert calibrate(0.3, fit_platt([], [])) == pytest.approx(0.3)
