"""Newsletter highlights from long IP briefings: extractive, with light editing.

>>> h = highlights("CNIPA granted 530,000 invention patents in 2020. It was a mild year.",
...                bullets=1, use_encoder=False)
>>> h.bullets[0].text, h.bullets[0].sources
('CNIPA granted 530,000 invention patents in 2020.', ((0, 48),))
"""

from __future__ import annotations

from typing import Any

from ipterm.summarise.result import Bullet, Highlights
from ipterm.summarise.summarizer import DEFAULT_WEIGHTS, Summarizer, SummarizerConfig

__all__ = [
    "DEFAULT_WEIGHTS",
    "Bullet",
    "Highlights",
    "Summarizer",
    "SummarizerConfig",
    "highlights",
]


def highlights(
    text: str,
    *,
    bullets: int = 6,
    use_encoder: bool | None = False,
    query: str | None = None,
    abstractive_model: str | None = None,
    **config: Any,
) -> Highlights:
    """Summarise ``text`` into a headline, a date and ``bullets`` factual bullets.

    ``use_encoder`` is off by default (it lost on validation); ``None`` uses the
    e5 encoder when it can be loaded (a notice in
    ``Highlights.notices`` says when it could not); ``abstractive_model``
    names a local transformers model to rewrite the bullets (off by default).
    Other keywords go to :class:`SummarizerConfig`.
    """
    cfg = SummarizerConfig(bullets=bullets, use_encoder=use_encoder,
                           abstractive_model=abstractive_model, **config)  # fmt: skip
    return Summarizer(cfg).summarise(text, query=query)
