"""Reading user files safely and writing output files atomically.

Bad input gets one clear :class:`~ipterm.errors.InputError` that says what is
wrong and what to do; nothing is half-written, because every output goes to a
temporary file in the same folder and is renamed into place.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ipterm.errors import InputError

# Large enough for a decade of press releases in one file, small enough that a
# mistaken multi-gigabyte path fails fast instead of exhausting memory.
MAX_TEXT_BYTES = 200 * 1024 * 1024

# After BOM detection: UTF-8, then GB18030 (a superset of GBK/GB2312, which
# Chinese government sites still serve) or Big5 (Taiwan files), told apart by
# _gb2312_misses.


def detect_encoding(data: bytes, *, path: str | Path | None = None, partial: bool = False) -> str:
    """The codec of ``data``: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 or Big5.

    ``partial`` says ``data`` is the start of a longer file, so a multi-byte
    character cut at its end is not an error.

    >>> detect_encoding("智慧財產局".encode("big5")), detect_encoding("专利".encode("utf-8"))
    ('big5', 'utf-8')
    """
    if not data.strip():
        raise InputError("the file is empty; give a file with text in it", path=path)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return encoding
    if b"\x00" in data[:8192]:
        raise InputError(
            "the file looks binary (it contains NUL bytes); give a plain-text file "
            "(UTF-8 preferred), or convert it first",
            path=path,
        )
    if partial:
        data = data[: data.rfind(b"\n") + 1] or data
    candidates = []
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            candidates.append((encoding, data.decode(encoding)))
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8":
            return encoding
    if not candidates:
        raise InputError(
            "the file is not valid UTF-8, GB18030 or Big5 text; re-save it as UTF-8", path=path
        )
    if len(candidates) == 2 and _gb2312_misses(candidates[0][1]) > 0.2:
        return candidates[1][0]
    return candidates[0][0]


def decode_bytes(data: bytes, *, path: str | Path | None = None) -> str:
    """Decode ``data`` in the encoding :func:`detect_encoding` finds.

    >>> decode_bytes("专利".encode("gb18030"))
    '专利'
    """
    encoding = detect_encoding(data, path=path)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not valid {encoding} text: {exc}", path=path) from None


def _gb2312_misses(text: str) -> float:
    """Share of Han characters outside GB2312, the 6,763 characters of everyday Simplified text.

    Big5 bytes read as GB18030 decode without error but land mostly in GBK's
    rare-character areas, so a high share means "this was not GB text".
    """
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    misses = 0
    for ch in han:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            misses += 1
    return misses / len(han)


def read_text(path: str | Path, *, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """Read a text file of unknown encoding, with one clear error for unusable input.

    Line endings are normalised to ``\\n`` so offsets are the same on every platform.
    """
    path = Path(path)
    if str(path) == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        if not path.exists():
            raise InputError("no such file", path=path)
        if path.is_dir():
            raise InputError("is a folder, not a file", path=path)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"the file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
                "split it, or use `ipterm batch` for large corpora",
                path=path,
            )
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise InputError(f"input is over the {max_bytes / 1e6:.0f} MB limit", path=path)
    text = decode_bytes(data, path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


@contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write ``path`` through a temporary file that replaces it only when writing succeeded.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_write(target) as f:
    ...     _ = f.write("ok")
    >>> target.read_text()
    'ok'
    """
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder; give a file name to write to", path=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror})", path=path) from None
    binary = "b" in mode
    try:
        options: dict = {} if binary else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **options) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600 files; give the output the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, path)
    except BaseException as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, InputError):
            raise InputError(f"cannot write the file ({exc.strerror or exc})", path=path) from None
        raise


def write_text(path: str | Path, text: str) -> None:
    """Atomically write ``text`` as UTF-8."""
    with atomic_write(path) as handle:
        handle.write(text)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Atomically write ``data``."""
    with atomic_write(path, "wb", encoding=None) as handle:
        handle.write(data)
