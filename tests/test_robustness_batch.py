"""Batch input validated before any work; write failures lose nothing (issue 16)."""

from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("datasets")

from ipterm.cli import main  # noqa: E402


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_ragged_csv_row_is_an_error_naming_the_line(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text("source,target\n专利,patent\n商标,trademark,extra\n", encoding="utf-8")
    assert main(["batch", "check", str(source), str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error: ") and err.count("\n") == 1
    assert "line 3" in err and "3 fields" in err
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize(
    "values",
    [[1, 2], [[1, 2], [3]], [{"a": 1}, {"b": 2}]],
    ids=["numbers", "lists", "objects"],
)
def test_text_column_of_the_wrong_type_is_one_error(tmp_path, capsys, values):
    source = _jsonl(tmp_path / "in.jsonl", [{"text": v} for v in values])
    assert main(["batch", "find", str(source), str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error: ") and err.count("\n") == 1
    assert "'text'" in err and "row 0" in err


def test_mixed_types_are_one_error_not_a_traceback(tmp_path, capsys):
    source = _jsonl(tmp_path / "in.jsonl", [{"text": "专利"}, {"text": 5}])
    assert main(["batch", "find", str(source), str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipterm: error: ") and err.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores read-only permissions")
def test_read_only_output_folder_is_one_error(tmp_path, capsys):
    source = _jsonl(tmp_path / "in.jsonl", [{"text": "专利申请"}])
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert main(["batch", "find", str(source), str(folder / "out.jsonl")]) == 1
    finally:
        folder.chmod(0o700)
    assert capsys.readouterr().err.startswith("ipterm: error: ")


def test_full_disk_keeps_previous_output_and_shards(tmp_path, capsys, monkeypatch):
    import ipterm.batch.io as batch_io

    source = _jsonl(tmp_path / "in.jsonl", [{"text": "专利申请"}, {"text": "商标注册"}])
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch_io, "_write_text_rows", full)
    assert main(["batch", "find", str(source), str(out)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert (tmp_path / "out.jsonl.parts").is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    assert main(["batch", "find", str(source), str(out)]) == 0
    assert "kept from an earlier run" in capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["text"] == "专利申请"


def test_read_only_file_system_is_one_error(tmp_path, capsys, monkeypatch):
    import ipterm.batch.io as batch_io

    source = _jsonl(tmp_path / "in.jsonl", [{"text": "专利申请"}])
    out = tmp_path / "out.jsonl"

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(batch_io.os, "replace", read_only)
    assert main(["batch", "find", str(source), str(out)]) == 1
    err = capsys.readouterr().err
    assert "Read-only file system" in err and err.count("\n") == 1
    assert not out.exists()


def test_batch_output_equal_to_input_is_refused(tmp_path, capsys):
    source = _jsonl(tmp_path / "in.jsonl", [{"text": "专利"}])
    before = source.read_bytes()
    assert main(["batch", "find", str(source), str(source)]) == 1
    assert "is the input" in capsys.readouterr().err
    assert source.read_bytes() == before
