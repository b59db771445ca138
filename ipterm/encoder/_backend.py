"""Shared plumbing for everything that loads a transformers model.

One place decides: is torch/transformers installed (else one clear install
command), is the Hugging Face Hub off limits (``HF_HUB_OFFLINE``), how many
CPU threads to use, which device, and how a failed ``from_pretrained`` turns
into a message that says what to download.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from ipterm.errors import MissingDependencyError, ModelNotAvailableError

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
#: Torch wheel to install before ``pip install 'ipterm[ml]'`` (CPU build).
TORCH_PIN = "torch==2.13.0"
#: More threads than this buys little for models of e5-small's size (and steals
#: cores from the rest of a busy machine); IPTERM_THREADS overrides it.
MAX_DEFAULT_THREADS = 8


def require_ml(purpose: str = "The sentence encoder") -> None:
    """Import-check torch and transformers, raising :class:`MissingDependencyError`."""
    for package in ("torch", "transformers"):
        try:
            __import__(package)
        except ImportError:
            error = MissingDependencyError(package, "ml", purpose)
            message = (
                f"{error} (install {TORCH_PIN} first; CPU wheels: pip install {TORCH_PIN} "
                "--index-url https://download.pytorch.org/whl/cpu)"
            )
            error.args, error.msg = (message,), message  # ImportError prints .msg
            raise error from None


def hub_offline() -> bool:
    """True when the user has told Hugging Face libraries not to reach the network.

    Read at call time (huggingface_hub reads it once, at import), so a change
    made after import, as in tests, is honoured too.

    >>> hub_offline() in (True, False)
    True
    """
    return any(
        os.environ.get(var, "").strip().lower() in _TRUE
        for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def thread_count() -> int:
    """How many CPU threads an encoder should use: ``IPTERM_THREADS``, else the usable CPUs, capped.

    >>> thread_count() >= 1
    True
    """
    wanted = os.environ.get("IPTERM_THREADS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return max(1, min(usable or os.cpu_count() or 1, MAX_DEFAULT_THREADS))


@functools.cache
def configure_threads() -> int:
    """Set torch's intra-op thread count once; return the count in use.

    ``IPTERM_THREADS`` wins; an explicit ``OMP_NUM_THREADS``/``MKL_NUM_THREADS``
    is left alone (the user chose); otherwise use the CPUs this process may
    run on, capped at :data:`MAX_DEFAULT_THREADS`.  torch's own default counts
    physical cores, which on small cloud machines is often half of what is
    usable.
    """
    import torch

    wanted = os.environ.get("IPTERM_THREADS", "").strip()
    if (wanted.isdigit() and int(wanted) > 0) or not any(
        v in os.environ for v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")
    ):
        torch.set_num_threads(thread_count())
    return torch.get_num_threads()


def choose_device(device: str | None = None) -> str:
    """The device to run on: the one asked for, else CUDA when present, else CPU."""
    import torch

    if device:
        return device
    return "cuda" if torch.cuda.is_available() else "cpu"


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' progress bars and load-report chatter for the duration."""
    from transformers.utils import logging

    had_bars = logging.is_progress_bar_enabled()
    verbosity = logging.get_verbosity()
    logging.disable_progress_bar()
    logging.set_verbosity_error()
    try:
        yield
    finally:
        logging.set_verbosity(verbosity)
        if had_bars:
            logging.enable_progress_bar()


def download_hint(name: str) -> str:
    """What to run to get a Hub model onto an offline machine."""
    return (
        f"On a machine with internet access run: huggingface-cli download {name} "
        "(or `hf download`), then copy its Hugging Face cache folder (~/.cache/huggingface/hub, "
        "or HF_HOME) to this machine, or pass the downloaded folder's path instead of the id."
    )


def from_pretrained(
    loader: Callable[..., T], name: str, *, revision: str | None = None, **kwargs: Any
) -> T:
    """Call ``loader.from_pretrained``-style ``loader(name, ...)`` with offline handling.

    A model that is neither in the cache nor reachable raises
    :class:`ModelNotAvailableError` naming the download command.
    """
    offline = hub_offline()
    is_folder = os.path.isdir(name)
    try:
        with quiet_transformers():
            return loader(
                name,
                revision=None if is_folder else revision,
                local_files_only=offline or is_folder,
                **kwargs,
            )
    except (OSError, ValueError) as exc:
        if is_folder:
            raise ModelNotAvailableError(
                f"cannot load a model from the folder {name!r}: {exc}. It needs config.json, "
                "the weights (model.safetensors or pytorch_model.bin) and tokenizer files."
            ) from exc
        why = (
            "HF_HUB_OFFLINE is set and it is not in the Hugging Face cache"
            if offline
            else "it is not in the Hugging Face cache and could not be downloaded"
        )
        raise ModelNotAvailableError(
            f"model {name!r} is not available: {why}. {download_hint(name)}"
        ) from exc
