"""Optional abstractive rewrite of bullets with a local transformers model (off by default).

Any local seq2seq (T5, BART, mT5...) or causal (GPT-2, Qwen...) model named by
folder, Hugging Face id in the cache, or registry name rewrites each bullet
into newsletter prose.  A generator may drop or alter figures, so a rewrite
is kept only when every number it writes is in the source sentences *and*
every number of the extractive bullet survives; otherwise the extractive
bullet stays and a notice says how many were kept back.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ipterm.summarise.editing import numbers_intact
from ipterm.summarise.result import Bullet

PROMPT = "Rewrite as one newsletter bullet, keeping every number and name: {text}\nBullet:"


@functools.cache
def load_generator(model: str) -> tuple[Any, Any]:
    """(model, tokenizer): seq2seq when the config says encoder-decoder, else causal."""
    from ipterm.encoder import _backend
    from ipterm.encoder.generation import load_causal_lm, load_seq2seq

    _backend.require_ml("The abstractive rewrite of highlights")
    from transformers import AutoConfig

    # Through the shared loader, so a missing model is one ModelNotAvailableError
    # (HF_HUB_OFFLINE honoured) rather than transformers' OSError.
    config = _backend.from_pretrained(AutoConfig.from_pretrained, model)
    return load_seq2seq(model) if config.is_encoder_decoder else load_causal_lm(model)


def rewrite(text: str, model: str, *, max_new_tokens: int = 96) -> str:
    """The model's rewrite of one bullet, white space tidied (no fact check here)."""
    from ipterm.encoder.generation import generate_text

    generator, tokenizer = load_generator(model)
    out = generate_text(
        generator, tokenizer, PROMPT.format(text=text), max_new_tokens=max_new_tokens
    )
    return " ".join(out.split())


def keeps_facts(rewritten: str, original: str, sources: Sequence[str]) -> bool:
    """A rewrite is safe when it invents no figure and drops none of the bullet's figures.

    >>> source = ["We granted 530,000 patents."]
    >>> keeps_facts("CNIPA granted 530,000 patents.", source[0], source)
    True
    >>> keeps_facts("CNIPA granted many patents.", source[0], source)
    False
    """
    return (
        bool(rewritten)
        and numbers_intact(rewritten, list(sources))
        and numbers_intact(original, [rewritten])
    )


def rewrite_bullets(
    bullets: Sequence[Bullet],
    sources: Sequence[Sequence[str]],
    model: str,
    *,
    max_new_tokens: int = 96,
    notices: list[str] | None = None,
) -> list[Bullet]:
    """Each bullet rewritten by ``model`` where the rewrite keeps the facts, else left as it was."""
    out = []
    kept_back = 0
    for bullet, source in zip(bullets, sources, strict=True):
        new = rewrite(bullet.text, model, max_new_tokens=max_new_tokens)
        if keeps_facts(new, bullet.text, source):
            out.append(replace(bullet, text=new))
        else:
            out.append(bullet)
            kept_back += 1
    if kept_back and notices is not None:
        notices.append(
            f"abstractive rewrite: kept the extracted text for {kept_back} of {len(bullets)} "
            "bullets "
            "whose rewrite was empty or changed a figure"
        )
    return out
