"""The one place that knows where ipterm's packaged data and model files live.

Everything else asks this module for paths, so moving a data folder, or
installing ipterm as a wheel rather than from a checkout, touches one file.

* ``glossaries/`` and ``models/`` sit at the top of the source tree (the design
  card's layout); a wheel carries copies under ``ipterm/_data/``.
* The cache for converted models and other derived files is ``IPTERM_HOME``,
  by default the user's cache directory (``~/.cache/ipterm`` on Linux).
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipterm.errors import ResourceNotFoundError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent


def _data_dir(name: str) -> Path:
    """Find a top-level data folder: the checkout's own, else the wheel's copy."""
    for candidate in (_SOURCE_ROOT / name, _PACKAGE_DIR / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise ResourceNotFoundError("data folder", name, [])


def package_file(package: str, name: str) -> Traversable:
    """A data file shipped inside a package (``data/editorial.toml`` of ``ipterm.summarise``...).

    >>> package_file("ipterm.newsletter", "sections.toml").is_file()
    True
    """
    from importlib import resources as importlib_resources

    found = importlib_resources.files(package).joinpath(name)
    if not found.is_file():
        raise ResourceNotFoundError("packaged data file", f"{package}/{name}", [])
    return found


def glossaries_dir() -> Path:
    """The folder of bundled glossary files."""
    return _data_dir("glossaries")


def models_dir() -> Path:
    """The folder with the model registry and conversion notes."""
    return _data_dir("models")


def examples_dir() -> Path:
    """The bundled example documents (present in a source checkout)."""
    return _SOURCE_ROOT / "examples"


def ipterm_home() -> Path:
    """Cache directory for rebuilt models and other derived files.

    ``IPTERM_HOME`` overrides it, as ``SACREBLEU`` does for sacrebleu, so tests
    and CI can point it at a temporary folder.
    """
    env = os.environ.get("IPTERM_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ipterm"))


@functools.cache
def model_registry() -> dict[str, dict[str, Any]]:
    """The models ipterm knows, read from ``models/registry.toml``, keyed by short name."""
    path = models_dir() / "registry.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return dict(data.get("models", {}))


def bundled_glossary_files() -> list[Path]:
    """Every glossary file shipped in ``glossaries/``, in a stable order."""
    return sorted(glossaries_dir().glob("*.json"))
