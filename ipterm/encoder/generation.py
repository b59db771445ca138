"""Loading sequence-to-sequence and causal language models, for the optional generative parts.

Why here: the abstractive rewrite of highlights and translation scoring need
a generator, and they should get it the same way the encoder gets its model:
``from_pretrained`` by Hugging Face id, registry name or folder, offline when
``HF_HUB_OFFLINE`` says so, with one clear error naming what to download.
Nothing here is needed by ipterm's default, extractive path.
"""

from __future__ import annotations

import os
from typing import Any

from ipterm.encoder import _backend
from ipterm.errors import InputError


def _location(
    name_or_path: str | os.PathLike[str], tasks: tuple[str, ...]
) -> tuple[str, str | None]:
    """(what to pass to from_pretrained, revision) for a registry name, Hub id or folder."""
    name = os.fspath(name_or_path)
    if os.path.isdir(name):
        return name, None
    from ipterm.encoder.spec import check_entry, registry

    entry = registry().get(name)
    if entry is None:
        return name, None
    check_entry(name, entry)
    if entry["task"] not in tasks:
        wanted = " or ".join(tasks)
        raise InputError(f"model {name!r} is a {entry['task']} model; this loader takes {wanted}")
    return str(entry["hf_id"]), str(entry["revision"])


def load_seq2seq(
    name_or_path: str | os.PathLike[str], *, device: str | None = None
) -> tuple[Any, Any]:
    """(model, tokenizer) of an encoder-decoder model (T5, BART, Marian, mT5...), in eval mode.

    ``name_or_path`` is a folder, a Hugging Face id in the local cache, or a
    registry name whose task is ``translation`` or ``summarization``.
    """
    _backend.require_ml("Sequence-to-sequence generation")
    from transformers import AutoModelForSeq2SeqLM

    return _load(
        AutoModelForSeq2SeqLM.from_pretrained,
        name_or_path,
        ("translation", "summarization"),
        device,
    )


def load_causal_lm(
    name_or_path: str | os.PathLike[str], *, device: str | None = None
) -> tuple[Any, Any]:
    """(model, tokenizer) of a decoder-only model (GPT-2, Llama, Qwen...), in eval mode."""
    _backend.require_ml("Text generation")
    from transformers import AutoModelForCausalLM

    return _load(AutoModelForCausalLM.from_pretrained, name_or_path, ("text-generation",), device)


def _load(
    loader: Any, name_or_path: str | os.PathLike[str], tasks: tuple[str, ...], device: str | None
) -> tuple[Any, Any]:
    from transformers import AutoTokenizer

    location, revision = _location(name_or_path, tasks)
    _backend.configure_threads()
    tokenizer = _backend.from_pretrained(AutoTokenizer.from_pretrained, location, revision=revision)
    model = _backend.from_pretrained(loader, location, revision=revision)
    model.to(_backend.choose_device(device))
    return model.eval(), tokenizer


def generate_text(
    model: Any, tokenizer: Any, prompt: str, *, max_new_tokens: int = 64, **generate_kwargs: Any
) -> str:
    """Greedy-decode a continuation of ``prompt`` (decoder-only) or an output for it (seq2seq).

    Only the newly generated text is returned: a causal model's copy of the
    prompt is cut off.  Extra keyword arguments go to ``model.generate``.
    """
    import torch

    if not isinstance(prompt, str):
        raise InputError(f"prompt must be a string, not {type(prompt).__name__}")
    if max_new_tokens < 1:
        raise InputError(f"max_new_tokens={max_new_tokens}; use a positive number")
    inputs = tokenizer(prompt, return_tensors="pt").to(model.device)
    options = {"max_new_tokens": max_new_tokens, "do_sample": False, **generate_kwargs}
    if tokenizer.pad_token_id is not None:
        options.setdefault("pad_token_id", tokenizer.pad_token_id)
    with torch.inference_mode():
        output = model.generate(**inputs, **options)
    tokens = output[0]
    if not model.config.is_encoder_decoder:
        tokens = tokens[inputs["input_ids"].shape[1] :]
    return tokenizer.decode(tokens, skip_special_tokens=True)
