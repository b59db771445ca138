"""Safe reading (encodings, empty, binary, huge) and atomic writing."""

from __future__ import annotations

import codecs
import io

import pytest

from ipterm.errors import InputError
from ipterm.text.io import atomic_write, decode_bytes, read_text, write_bytes, write_text

TEXT = "國家知識產權局 专利 \U00020000 CNIPA\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le", "utf16-be", "gb18030"],
)
def test_encodings(tmp_path, data):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_text(path) == TEXT


def test_big5(tmp_path):
    path = tmp_path / "tw.txt"
    path.write_bytes("智慧財產局專利法".encode("big5"))
    assert read_text(path) == "智慧財產局專利法"


def test_line_endings_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"a\r\nb\rc\n")
    assert read_text(path) == "a\nb\nc\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t"], ids=["empty", "blank"])
def test_empty_files(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="empty"):
        read_text(path)


def test_binary_file(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        read_text(path)


def test_undecodable_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\xfd" * 3 + b"\x81")
    with pytest.raises(InputError) as info:
        decode_bytes(b"\x80\x81\xff", path=path)
    assert str(path) in str(info.value)


def test_bad_utf8_after_bom():
    with pytest.raises(InputError, match="utf-8-sig"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfa")


def test_missing_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_text(tmp_path)


def test_huge_file_rejected_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(InputError, match="limit"):
        read_text(path, max_bytes=1024)
    assert read_text(path, max_bytes=4096) == "x" * 2048


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("专利\r\n".encode("gb18030"))))
    assert read_text("-") == "专利\n"


def test_atomic_write_and_helpers(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    write_text(target, TEXT)
    assert target.read_text(encoding="utf-8") == TEXT
    write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_atomic_write_error_keeps_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("half-written")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_new_file_error_creates_nothing(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with atomic_write(tmp_path / "new.txt") as handle:
            handle.write("x")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_gb18030_simplified_is_not_mistaken_for_big5(tmp_path):
    path = tmp_path / "cn.txt"
    text = "国家知识产权局发布2020年专利统计数据，发明专利授权53万件。"
    path.write_bytes(text.encode("gb18030"))
    assert read_text(path) == text


def test_atomic_write_uses_ordinary_permissions(tmp_path):
    import os
    import stat

    from ipterm.text.io import write_text

    target = tmp_path / "out.txt"
    write_text(target, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
