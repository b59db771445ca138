"""``ipterm glossary build``: the CLI contract (inputs, --json keys, output glossary)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from ipterm.cli.glossary_build import register_build

DATA = Path(__file__).parent / "data" / "align"
FAST = ["--no-encoder", "--no-cedict", "--no-progress"]


def run(argv: list[str]) -> int:
    """Through ``ipterm glossary build`` when that command exists, else a private parser."""
    import contextlib
    import io

    from ipterm.cli import build_parser, main

    parser = build_parser()
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            parser.parse_args(["glossary", "build", "--help"])
    except SystemExit as exit_:
        if exit_.code == 0:
            return main(["glossary", "build", *argv])
    private = argparse.ArgumentParser(prog="ipterm glossary")
    register_build(private.add_subparsers())
    args = private.parse_args(["build", *argv])
    from ipterm.errors import IptermError

    try:
        return args.func(args)
    except IptermError as exc:
        import sys

        print(f"ipterm: error: {exc}", file=sys.stderr)
        return 1


@pytest.fixture(scope="module")
def glossary_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("g") / "mine.json"
    from ipterm.glossary.io import write_glossary
    from ipterm.glossary.model import Glossary

    write_glossary(
        Glossary.from_pairs([("专利", "patent"), ("發明", "invention")], name="mine"), path
    )
    return path


def test_parallel_tsv_json_contract(capsys, glossary_file):
    code = run(
        [
            "--parallel",
            str(DATA / "patent_act_pairs.tsv"),
            "--json",
            "-g",
            str(glossary_file),
            *FAST,
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out
    for item in out:
        assert {"zh", "en", "confidence", "frequency", "evidence"} <= set(item)
    confidences = [item["confidence"] for item in out]
    assert confidences == sorted(confidences, reverse=True)
    assert any(item["zh"] == "發明" and item["en"] == "invention" for item in out)
    assert any(item["zh"].startswith("專利申請") and "right to apply" in item["en"] for item in out)


@pytest.mark.parametrize("name", ["patent_act_pairs.tmx", "patent_act_pairs.xlf"])
def test_parallel_tmx_and_xliff(capsys, glossary_file, name):
    code = run(["--parallel", str(DATA / name), "--json", "-g", str(glossary_file), *FAST])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and any("專利" in item["zh"] for item in out)


def test_unaligned_files_and_output_merge(tmp_path, capsys, glossary_file):
    target = tmp_path / "built.json"
    code = run(
        [
            "--zh",
            str(DATA / "unaligned.zh.txt"),
            "--en",
            str(DATA / "unaligned.en.txt"),
            "-g",
            str(glossary_file),
            "-o",
            str(target),
            "--limit",
            "20",
            *FAST,
        ]
    )
    assert code == 0 and target.exists()
    from ipterm.glossary.io import read_glossary

    built = read_glossary(target)
    assert any(not c.proposed for c in built)  # the glossary merged into
    assert any(c.proposed and c.confidence is not None for c in built)
    assert "proposed pairs" in capsys.readouterr().out


def test_one_language_english(capsys, glossary_file):
    code = run([str(DATA / "briefing.en.txt"), "--json", *FAST])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert any(item["en"] == "CNIPA" and item["zh"] == "国家知识产权局" for item in out)


def test_limit_and_min_confidence(capsys, glossary_file):
    run(
        [
            "--parallel",
            str(DATA / "patent_act_pairs.tsv"),
            "--json",
            "--limit",
            "3",
            "--min-confidence",
            "0.1",
            "-g",
            str(glossary_file),
            *FAST,
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert len(out) <= 3 and all(item["confidence"] >= 0.1 for item in out)


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "nothing to build from"),
        (["--zh", "x.txt"], "--zh and --en go together"),
        (["--parallel", "PAIRS", "--min-confidence", "2"], "between 0 and 1"),
    ],
)
def test_bad_options(capsys, argv, message):
    assert run([*argv, *FAST]) == 1
    assert message in capsys.readouterr().err


def test_malformed_tmx(capsys, glossary_file):
    assert run(["--parallel", str(DATA / "malformed.tmx"), "-g", str(glossary_file), *FAST]) == 1
    assert "ipterm: error:" in capsys.readouterr().err


def test_missing_file(capsys, glossary_file):
    assert run(["--parallel", str(DATA / "nope.tsv"), "-g", str(glossary_file), *FAST]) == 1


@pytest.mark.parametrize("ext", [".tbx", ".csv", ".tsv"])
def test_output_formats_keep_proposed_flag(tmp_path, capsys, glossary_file, ext):
    target = tmp_path / f"built{ext}"
    code = run(
        [
            "--parallel",
            str(DATA / "patent_act_pairs.tsv"),
            "-g",
            str(glossary_file),
            "-o",
            str(target),
            "--limit",
            "5",
            *FAST,
        ]
    )
    capsys.readouterr()
    from ipterm.glossary.io import read_glossary

    built = read_glossary(target)
    assert code == 0
    proposed = [c for c in built if c.proposed]
    assert 1 <= len(proposed) <= 5 and all(c.confidence is not None for c in proposed)
    # 發明/invention was already in the glossary: folded into it, not duplicated
    assert len([c for c in built if any(t.text == "發明" for t in c.terms)]) == 1


def test_parallel_needs_a_bilingual_file(capsys, glossary_file, tmp_path):
    assert run(["--parallel", str(DATA / "briefing.en.txt"), "-g", str(glossary_file), *FAST]) == 1
    assert "not a bilingual file" in capsys.readouterr().err
    empty = tmp_path / "empty.tsv"
    empty.write_text("", encoding="utf-8")
    assert run(["--parallel", str(empty), "-g", str(glossary_file), *FAST]) == 1


def test_encoder_is_off_unless_asked_for(tmp_path, monkeypatch):
    """The default follows BuilderConfig.use_encoder (off: it did not improve held-out top-1)."""
    import ipterm.cli.glossary_build as cli
    from ipterm.align.builder import BuilderConfig

    calls = []
    monkeypatch.setattr(cli, "_encoder", lambda: calls.append(1))
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("專利權\tpatent right\n專利權人\tpatentee\n" * 2, encoding="utf-8")
    assert run(["--parallel", str(pairs), "--no-cedict", "--no-progress", "--json"]) == 0
    assert calls == [] and BuilderConfig().use_encoder is False
    assert run(["--parallel", str(pairs), "--no-cedict", "--no-progress", "--encoder"]) == 0
    assert calls == [1]
