"""Shared fixtures: every test gets its own IPTERM_HOME and never touches the network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


@pytest.fixture(scope="session")
def session_home(tmp_path_factory) -> Path:
    """One IPTERM_HOME for the whole run, so the encoder is rebuilt at most once."""
    env = os.environ.get("IPTERM_TEST_HOME")
    return Path(env) if env else tmp_path_factory.mktemp("ipterm-home")


@pytest.fixture(autouse=True)
def _ipterm_home(session_home, monkeypatch) -> None:
    monkeypatch.setenv("IPTERM_HOME", str(session_home))


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def examples_corpus() -> Path:
    return ROOT / "examples" / "corpus"
