"""Fuzz tests for every reader (issue 16): any bytes give a result or one ipterm error.

Hypothesis feeds each reader arbitrary bytes, and bytes mutated from a valid
file of its format (so the fuzzing reaches past the first check).  The only
acceptable outcomes are a result or an :class:`~ipterm.errors.IptermError`
(whose message the CLI prints as one line); any other exception is a bug.
Example counts are kept small so the suite stays fast; set
``IPTERM_FUZZ_EXAMPLES`` for a longer run.  The hostile inputs of issue 16
are regression cases in test_robustness*.py.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ipterm.errors import IptermError  # noqa: E402

EXAMPLES = int(os.environ.get("IPTERM_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)

VALID = {
    ".txt": "国家知识产权局发布专利审查指南。The CNIPA published guidelines.\n".encode(),
    ".json": (
        '{"format": "ipterm-glossary", "version": 1, "concepts": [{"id": "c", '
        '"terms": [{"text": "专利", "lang": "zh"}, {"text": "patent", "lang": "en"}]}]}'
    ).encode(),
    ".tbx": (
        '<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" '
        'xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c">'
        '<langSec xml:lang="zh"><termSec><term>专利</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>patent</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>"
    ).encode(),
    ".csv": "zh,en\n专利,patent\n商标,trademark\n".encode(),
    ".tsv": "专利\tpatent\n商标\ttrademark\n".encode(),
    ".xlf": (
        '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="zh" target-language="en" datatype="plaintext" original="a">'
        '<body><trans-unit id="1"><source>专利</source><target>patent</target></trans-unit>'
        "</body></file></xliff>"
    ).encode(),
    ".tmx": (
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="zh" datatype="plaintext" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>'
        '<body><tu><tuv xml:lang="zh"><seg>专利</seg></tuv><tuv xml:lang="en"><seg>patent</seg>'
        "</tuv></tu></body></tmx>"
    ).encode(),
    ".html": "<html><body><h1>专利</h1><p>The CNIPA granted patents.</p></body></html>".encode(),
    ".md": "# 专利\n\nThe **CNIPA** granted patents.\n".encode(),
}


def _mutated(valid: bytes):
    """Bytes of ``valid`` with a stretch replaced, cut or repeated."""
    return st.tuples(
        st.integers(0, len(valid)), st.integers(0, 40), st.binary(max_size=40), st.integers(1, 3)
    ).map(lambda t: (valid[: t[0]] + t[2] + valid[t[0] + t[1] :]) * t[3])


def _inputs(suffix: str):
    return st.one_of(st.binary(max_size=400), _mutated(VALID[suffix]))


def _accepts(reader, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader(path)
            except IptermError:
                pass


def _read_text(path):
    from ipterm.text.io import read_text

    return read_text(path)


def _iter_text(path):
    from ipterm.text.io import iter_text

    return "".join(iter_text(path, chunk_bytes=64))


def _glossary(path):
    from ipterm.glossary.io import read_glossary

    return read_glossary(path)


def _segments(path):
    from ipterm.check.segments import read_segments

    return read_segments(path, source_lang="zh", target_lang="en")


def _document(path):
    from ipterm.document.readers import read_document_file

    return read_document_file(path)


@FUZZ
@given(_inputs(".txt"))
def test_text_readers(data):
    _accepts(_read_text, data, ".txt")
    _accepts(_iter_text, data, ".txt")


@pytest.mark.parametrize("suffix", [".json", ".tbx", ".csv", ".tsv"])
def test_glossary_readers(suffix):
    @FUZZ
    @given(_inputs(suffix))
    def run(data):
        _accepts(_glossary, data, suffix)

    run()


@pytest.mark.parametrize("suffix", [".xlf", ".tmx", ".tsv", ".txt"])
def test_segment_readers(suffix):
    @FUZZ
    @given(_inputs(suffix if suffix in VALID else ".txt"))
    def run(data):
        _accepts(_segments, data, suffix)

    run()


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_document_readers(suffix):
    @FUZZ
    @given(_inputs(suffix))
    def run(data):
        _accepts(_document, data, suffix)

    run()


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".xlsx"])
def test_binary_readers_on_arbitrary_bytes(suffix):
    reader = _glossary if suffix == ".xlsx" else _document

    @FUZZ
    @given(
        st.binary(max_size=600).map(
            lambda b: (b"PK\x03\x04" if suffix != ".pdf" else b"%PDF-1.4\n") + b
        )
    )
    def run(data):
        _accepts(reader, data, suffix)

    run()


@FUZZ
@given(st.text(max_size=300))
def test_document_parsing_and_sentences_never_crash(text):
    from ipterm.document.structure import parse_document
    from ipterm.text.sentences import split_sentences

    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text
    try:
        parse_document(text)
    except IptermError:
        pass
