"""The CLI's error handlers: every mistake a user can make ends in one line, never a traceback.

In-process through ``main(argv)`` where the handler is the point, and as a child
process where the behaviour lives in ``console_main`` (exit status, broken pipe).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ipterm.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _one_error_line(captured: str) -> str:
    lines = [line for line in captured.splitlines() if line.strip()]
    assert len(lines) == 1, captured
    assert lines[0].startswith("ipterm: error: "), captured
    return lines[0]


def test_missing_argument_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["find"])
    assert info.value.code == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "find:" in line and "ipterm find --help" in line


def test_unknown_option_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["highlights", "x.txt", "--no-such-option"])
    assert info.value.code == 2
    assert "--no-such-option" in _one_error_line(capsys.readouterr().err)


def test_no_command_prints_help_and_exit_2(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_missing_file(tmp_path: Path, capsys):
    missing = tmp_path / "nowhere.txt"
    assert main(["find", str(missing)]) == 1
    assert str(missing) in _one_error_line(capsys.readouterr().err)


def test_folder_instead_of_file(tmp_path: Path, capsys):
    assert main(["highlights", str(tmp_path)]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert str(tmp_path) in line


def test_permission_denied_is_reported_with_the_path(monkeypatch, tmp_path: Path, capsys):
    # Tests run as root in CI, where chmod 000 does not stop a read; raise it where it arises.
    target = tmp_path / "locked.txt"
    target.write_text("专利", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr("ipterm.cli.find.read_text", refuse, raising=False)
    monkeypatch.setattr("ipterm.text.io.read_text", refuse)
    monkeypatch.setattr("ipterm.text.io.iter_text", refuse)
    assert main(["find", str(target)]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert str(target) in line and "permission denied" in line


def test_glossary_that_is_a_folder(tmp_path: Path, capsys):
    text = tmp_path / "a.txt"
    text.write_text("专利权", encoding="utf-8")
    assert main(["find", str(text), "--glossary", str(tmp_path)]) == 1
    _one_error_line(capsys.readouterr().err)


def _run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "ipterm", *args], env=env, capture_output=True, timeout=120, **kwargs
    )


def test_console_exit_status_and_stderr(tmp_path: Path):
    result = _run_cli("find", str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert result.stdout == b""
    _one_error_line(result.stderr.decode())


def test_broken_pipe_is_not_an_error(tmp_path: Path):
    text = tmp_path / "many.txt"
    text.write_text("国家知识产权局发布了专利数据。\n" * 20000, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-m", "ipterm", "find", str(text), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(100)
    child.stdout.close()  # the reader goes away, as `| head -c 100` does
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 0
    assert "Traceback" not in err and "BrokenPipeError" not in err
