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


def _pdf(stream: bytes, *, pages: int = 1, flate: bool = False) -> bytes:
    """A PDF of ``pages`` pages sharing one content stream (Flate-compressed if asked),
    Helvetica as font F1, with a correct cross-reference table."""
    import zlib

    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    stream_no, font_no = 3 + pages, 4 + pages
    page = (
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {stream_no} 0 R "
        f"/Resources << /Font << /F1 {font_no} 0 R >> >> >>"
    ).encode()
    data = zlib.compress(stream, 9) if flate else stream
    extra = b" /Filter /FlateDecode" if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        *[page] * pages,
        b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture(scope="session")
def make_pdf():
    """The PDF builder above: ``make_pdf(stream, pages=1, flate=False)``."""
    return _pdf


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
