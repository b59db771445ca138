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


def _require_shared(path: Path) -> Path:
    """``path`` under ../shared, or a skip that names it; a failure when it is required.

    The corpus and evaluation-data tests check facts against the seed documents
    and official translations.  Without ../shared they are skipped with the path
    in the reason (``-ra`` prints it); with ``IPTERM_REQUIRE_SHARED=1`` (a CI that
    provides ../shared sets it) a missing path fails instead, so such a run can
    never pass without checking anything.
    """
    if path.exists():
        return path
    message = f"{path} is not available; these tests need ../shared beside the checkout"
    if os.environ.get("IPTERM_REQUIRE_SHARED") == "1":
        pytest.fail(message + " (IPTERM_REQUIRE_SHARED=1)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def require_shared():
    """The check above, as a fixture: ``require_shared(CORPUS_DIR)``."""
    return _require_shared


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
