"""Reading user files safely and writing output files atomically.

Bad input gets one clear :class:`~ipterm.errors.InputError` that says what is
wrong and what to do; nothing is half-written, because every output goes to a
temporary file in the same folder and is renamed into place.
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ipterm.errors import InputError

# Large enough for a decade of press releases in one file, small enough that a
# mistaken multi-gigabyte path fails fast instead of exhausting memory.
MAX_TEXT_BYTES = 200 * 1024 * 1024
# The global ``--max-bytes`` option and this variable lower or raise it (docs/limits.md).
MAX_BYTES_ENV = "IPTERM_MAX_BYTES"
_max_bytes_override: int | None = None


def set_max_bytes(limit: int | None) -> None:
    """Set the input size limit for this process (the CLI's ``--max-bytes``); None resets it."""
    global _max_bytes_override
    if limit is not None and limit <= 0:
        raise InputError(f"--max-bytes must be a positive number of bytes, not {limit}")
    _max_bytes_override = limit


def max_input_bytes() -> int:
    """The input size limit in force: ``--max-bytes``, else ``IPTERM_MAX_BYTES``, else 200 MB."""
    if _max_bytes_override is not None:
        return _max_bytes_override
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return MAX_TEXT_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"{MAX_BYTES_ENV}={raw!r} is not a whole number of bytes") from None
    if value <= 0:
        raise InputError(f"{MAX_BYTES_ENV} must be positive, not {value}")
    return value


def read_limited_bytes(path: str | Path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, refusing devices, FIFOs and sockets before reading.

    The limit is checked while reading, so ``/dev/zero`` behind a symlink or a
    file that grows during the read cannot exhaust memory.
    """
    limit = max_input_bytes() if max_bytes is None else max_bytes
    with _open_regular(Path(path), limit) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(_over_limit(len(data), limit), path=path)
    return data


def _open_regular(path: Path, limit: int) -> IO[bytes]:
    """``path`` opened for binary reading once it is known to be a regular file under ``limit``."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            "is not a regular file (a device, pipe or socket); give a plain file", path=path
        )
    if info.st_size > limit:
        raise InputError(_over_limit(info.st_size, limit), path=path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", path=path) from None
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise InputError("is not a regular file; give a plain file", path=path)
    return handle


# How much of a file decides its encoding when it is read in pieces.
_DETECT_BYTES = 256 * 1024


def iter_text(
    path: str | Path, *, chunk_bytes: int = 1 << 20, max_bytes: int | None = None
) -> Iterator[str]:
    """The text of a file in pieces, decoded as :func:`read_text` decodes it, in bounded memory.

    ``"".join(iter_text(p)) == read_text(p)`` for files whose encoding the first
    256 KB decide: the same checks (regular file, size limit while reading),
    the same encoding detection and the same ``\n`` line endings.  A byte that
    does not decode later in the file is one :class:`InputError` naming its offset.
    """
    limit = max_input_bytes() if max_bytes is None else max_bytes
    path = Path(path)
    from_stdin = str(path) == "-"
    if from_stdin:
        import sys

        handle: IO[bytes] = sys.stdin.buffer
    else:
        handle = _open_regular(path, limit)
    try:
        head = handle.read(_DETECT_BYTES)
        encoding = detect_encoding(head, path=path, partial=len(head) == _DETECT_BYTES)
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        consumed, held = 0, ""
        data = head
        while True:
            final = not data
            consumed += len(data)
            if consumed > limit:
                raise InputError(_over_limit(consumed, limit), path=path)
            try:
                piece = held + decoder.decode(data, final=final)
            except UnicodeDecodeError as exc:
                offset = consumed - len(data) + exc.start
                raise InputError(
                    f"the file is not valid {encoding} text at byte {offset:,}", path=path
                ) from None
            # "\r\n" may be split between two pieces: hold a final "\r" back.
            held = "" if final or not piece.endswith("\r") else "\r"
            piece = piece[: len(piece) - len(held)]
            if piece:
                yield _unix_newlines(piece)
            if final:
                return
            data = handle.read(chunk_bytes)
    finally:
        if not from_stdin:
            handle.close()


def _over_limit(size: int, limit: int) -> str:
    return (
        f"the input is over the {limit:,}-byte limit ({size:,} bytes or more); split it, "
        f"raise the limit with --max-bytes or {MAX_BYTES_ENV}, or use `ipterm batch`"
    )


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
    if not candidates and not _western_decoding(data):
        raise InputError(
            "the file is not valid UTF-8, GB18030, Big5 or Windows-1252 text; re-save it as UTF-8",
            path=path,
        )
    western = _western_decoding(data)
    if western and (not candidates or _gb2312_misses(candidates[0][1]) > 0.5):
        # Western text read as GB18030 lands in GBK's rare extension rows (a cp1252
        # curly quote or accent followed by an ASCII letter), never in GB2312.
        return western
    if len(candidates) == 2 and _gb2312_misses(candidates[0][1]) > 0.2:
        return candidates[1][0]
    return candidates[0][0]


def _western_decoding(data: bytes) -> str | None:
    """``cp1252`` when ``data`` decodes as Windows-1252 (a superset of Latin-1's letters), else
    None."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    # Western prose is mostly ASCII with an accent or curly quote here and there;
    # Chinese in any double-byte code is nearly all high bytes.
    visible = len(data) - sum(data.count(c) for c in b" \t\r\n")
    high = len(data.translate(None, bytes(range(0x80))))
    return "cp1252" if visible and high / visible < 0.3 else None


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


def read_text(path: str | Path, *, max_bytes: int | None = None) -> str:
    """Read a text file of unknown encoding, with one clear error for unusable input.

    Line endings are normalised to ``\\n`` so offsets are the same on every platform.
    """
    limit = max_input_bytes() if max_bytes is None else max_bytes
    path = Path(path)
    if str(path) == "-":
        import sys

        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputError(_over_limit(len(data), limit), path=path)
    else:
        data = read_limited_bytes(path, max_bytes=limit)
    text = decode_bytes(data, path=path)
    return _unix_newlines(text)


def _unix_newlines(text: str) -> str:
    """``\r\n`` and lone ``\r`` as ``\n``, so offsets are the same on every platform."""
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
