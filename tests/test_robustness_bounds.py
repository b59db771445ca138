"""Work bounded by the input (issue 16): long lines, huge texts, streaming ``find``.

Nothing here is timed (speed lives in benchmarks/bench_robust.py); these tests
check the bounds themselves and that the bounded paths give the same answers.
"""

from __future__ import annotations

import json
import random

import pytest

from ipterm.check import Checker, CheckerConfig
from ipterm.cli import main
from ipterm.document.intervals import SpanIndex, merge_spans
from ipterm.errors import InputError
from ipterm.glossary.io import load_glossary
from ipterm.glossary.matcher import matcher_for
from ipterm.glossary.stream import find_stream
from ipterm.summarise import Summarizer, SummarizerConfig
from ipterm.summarise import candidates as summarizer_module
from ipterm.text.io import iter_text, read_text
from ipterm.text.sentences import MAX_SENTENCE_CHARS, split_sentences
from ipterm.text.words import han_count, word_count, words_and_han

PROSE = (
    "国家知识产权局2020年授权发明专利53万件，同比增长17.1%。"
    "The CNIPA granted 530,000 invention patents in 2020, up 17.1% year on year. "
    "最高人民法院审结知识产权案件3.2万件。The Supreme People's Court concluded 32,000 IP cases.\n\n"
)


# --- sentences ------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["知识产权保护", "patent law enforcement ", "x"])
def test_a_line_without_punctuation_is_cut_into_bounded_windows(unit):
    text = unit * (5 * MAX_SENTENCE_CHARS // len(unit) + 7)
    spans = split_sentences(text)
    assert len(spans) >= 5
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in spans)
    assert all(text[s.start : s.end] == s.text for s in spans)
    # nothing is lost but the white space at the cuts
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "")


def test_windows_cut_after_white_space_so_no_word_is_split():
    text = "enforcement " * (3 * MAX_SENTENCE_CHARS // 12)
    assert all(s.text.endswith("enforcement") for s in split_sentences(text))


def test_sentences_under_the_bound_are_unchanged():
    text = "A short one. 第二句。" + "y" * (MAX_SENTENCE_CHARS - 10) + "."
    assert [s.text for s in split_sentences(text)][:2] == ["A short one.", "第二句。"]
    assert len(split_sentences(text)) == 3


# --- word counts ----------------------------------------------------------------------


def test_word_counts_count_han_by_runs():
    assert han_count("国家 CNIPA 知识产权局") == 7
    assert words_and_han("授权53万件 patents") == (2, 4)
    assert word_count("") == 0
    assert word_count("知" * 1_000_001) == 500_001


# --- interval index -------------------------------------------------------------------


def test_span_index_agrees_with_a_linear_scan():
    rng = random.Random(7)
    spans = merge_spans((a, a + rng.randint(0, 30)) for a in rng.sample(range(2000), 120))
    index = SpanIndex(spans)
    for _ in range(500):
        start = rng.randint(0, 2100)
        end = start + rng.randint(1, 80)
        expected = [i for i, (s, e) in enumerate(spans) if s < end and start < e]
        assert list(index.overlapping(start, end)) == expected
        assert index.covers(start) == any(s <= start < e for s, e in spans)


def test_span_index_refuses_unordered_spans():
    with pytest.raises(ValueError):
        SpanIndex([(5, 9), (0, 2)])


# --- summariser bound -----------------------------------------------------------------


def test_summariser_ranks_a_bounded_number_of_candidates(monkeypatch):
    monkeypatch.setattr(summarizer_module, "MAX_RANKED", 40)
    text = "".join(
        f"Paragraph {i}: the office examined {i * 7} applications in district {i}.\n\n"
        for i in range(300)
    )
    result = Summarizer(SummarizerConfig(use_encoder=False, bullets=4))(text)
    assert len(result.bullets) == 4
    assert any("candidate sentences" in n and "40" in n for n in result.notices)


def test_summariser_bounds_characters_of_one_long_line(monkeypatch):
    monkeypatch.setattr(summarizer_module, "MAX_RANKED_CHARS", 10 * MAX_SENTENCE_CHARS)
    text = "知识产权保护" * (40 * MAX_SENTENCE_CHARS // 6)
    result = Summarizer(SummarizerConfig(use_encoder=False, bullets=3))(text)
    assert result.bullets and all(len(b.text) <= MAX_SENTENCE_CHARS for b in result.bullets)
    assert any("characters" in n for n in result.notices)


def test_summary_of_a_short_text_gives_no_bound_notice():
    result = Summarizer(SummarizerConfig(use_encoder=False, bullets=2))(PROSE * 3)
    assert not any("candidate sentences" in n for n in result.notices)


# --- checker bound --------------------------------------------------------------------


def test_checker_refuses_an_overlong_segment_naming_it():
    checker = Checker(load_glossary(), config=CheckerConfig())
    long_line = "专利" * 60_000
    with pytest.raises(InputError, match=r"segment 1 .*120,000 characters"):
        checker.check_pairs([("专利", "patent"), (long_line, "patent")])


def test_check_cli_overlong_segment_is_one_error_line(tmp_path, capsys):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("专利\tpatent\n" + "知识" * 60_000 + "\tknowledge\n", encoding="utf-8")
    assert main(["check", str(pairs)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error: ") and err.count("\n") == 1


# --- streaming read -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])
def test_iter_text_gives_what_read_text_gives(tmp_path, encoding):
    text = ("專利法第一條\r\n" if encoding == "big5" else "专利法第一条\r\n") * 500
    text += "Patent Act, Article 1\r\n" * 300 + "end\r"
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    for chunk in (1, 7, 4096):
        assert "".join(iter_text(path, chunk_bytes=chunk)) == read_text(path)


def test_iter_text_names_the_offset_of_a_bad_byte_late_in_the_file(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes("专利".encode() * 200_000 + b"\xff\xfe tail")
    with pytest.raises(InputError, match=r"byte 1,200,000"):
        "".join(iter_text(path))


def test_iter_text_keeps_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("patent " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="limit"):
        list(iter_text(path, max_bytes=100))


def test_iter_text_refuses_devices():
    with pytest.raises(InputError, match="not a regular file"):
        list(iter_text("/dev/zero"))


# --- streaming find -------------------------------------------------------------------


@pytest.mark.parametrize("window", [1, 97, 5000])
def test_find_stream_gives_the_matches_of_one_pass(monkeypatch, window):
    import ipterm.glossary.stream as stream

    monkeypatch.setattr(stream, "OVERLAP", 200)
    matcher = matcher_for(load_glossary())
    text = PROSE * 40
    pieces = [text[i : i + 333] for i in range(0, len(text), 333)]
    assert list(find_stream(matcher, pieces, window=window)) == matcher.find(text)


def test_find_jsonl_and_json_are_the_same_matches(tmp_path, capsys):
    path = tmp_path / "doc.txt"
    path.write_text(PROSE * 5, encoding="utf-8")
    assert main(["find", str(path), "--jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["find", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == lines
    assert lines and {"start", "end", "concept", "preferred_en"} <= set(lines[0])
    text = read_text(path)
    assert all(text[r["start"] : r["end"]] == r["text"] for r in lines)


def test_find_json_of_no_match_is_an_empty_array(tmp_path, capsys):
    path = tmp_path / "none.txt"
    path.write_text("nothing to see here\n", encoding="utf-8")
    assert main(["find", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_checker_config_is_read_only_and_pickles():
    import pickle

    config = CheckerConfig(severities={"inconsistent-source": "error"})
    with pytest.raises(TypeError):
        config.severities["deprecated-term"] = "info"  # type: ignore[index]
    again = pickle.loads(pickle.dumps(config))
    assert again == config and again.severity("inconsistent-source") == "error"
