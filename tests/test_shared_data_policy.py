"""The corpus and evaluation-data tests skip without ../shared, and fail when it is required."""

from __future__ import annotations

import pytest


def test_missing_shared_data_fails_when_required(require_shared, tmp_path, monkeypatch):
    monkeypatch.setenv("IPTERM_REQUIRE_SHARED", "1")
    with pytest.raises(pytest.fail.Exception, match="IPTERM_REQUIRE_SHARED"):
        require_shared(tmp_path / "no-such-corpus")


def test_missing_shared_data_skips_elsewhere(require_shared, tmp_path, monkeypatch):
    monkeypatch.delenv("IPTERM_REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_shared(tmp_path / "no-such-corpus")


def test_present_data_is_returned(require_shared, tmp_path):
    assert require_shared(tmp_path) == tmp_path
