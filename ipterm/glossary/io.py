"""Reading and writing glossary files; the format is picked by the file extension.

Format modules register here by extension and are imported only when a file
of that kind is read or written (sacrebleu's lazy tokenizer registry).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from pathlib import Path

from ipterm import resources
from ipterm.errors import GlossaryFormatError, ResourceNotFoundError
from ipterm.glossary.model import Glossary

# extension -> "module:reader:writer" inside ipterm.glossary
_FORMATS: dict[str, str] = {
    ".json": "jsonfmt",
    ".tbx": "tbx",
    ".csv": "tabular",
    ".tsv": "tabular",
    ".xlsx": "xlsx",
}

BUILTIN = "builtin"


def _format_module(path: Path):
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        raise ResourceNotFoundError("glossary format for extension", suffix or path.name, _FORMATS)
    return importlib.import_module(f"ipterm.glossary.{_FORMATS[suffix]}")


def read_glossary(path: str | Path, *, name: str | None = None) -> Glossary:
    """Read a glossary file in any supported format (``builtin`` names the bundled one)."""
    if str(path) == BUILTIN:
        return load_glossary()
    path = Path(path)
    if not path.is_file():
        what = "is a folder, not a glossary file" if path.is_dir() else "no such glossary file"
        raise GlossaryFormatError(what, path=path)
    module = _format_module(path)
    if hasattr(module, "read"):
        return module.read(path, name=name)
    from ipterm.errors import InputError
    from ipterm.text.io import read_text

    try:
        text = read_text(path)
    except InputError as exc:  # empty, binary, undecodable: a glossary-file problem to the caller
        raise GlossaryFormatError(exc.reason, path=path) from None
    return module.loads(text, path=path, name=name)


def write_glossary(glossary: Glossary, path: str | Path) -> None:
    """Write ``glossary`` atomically in the format its extension names."""
    path = Path(path)
    module = _format_module(path)
    if hasattr(module, "write"):
        module.write(glossary, path)
        return
    from ipterm.text.io import write_text

    write_text(path, module.dumps(glossary))


@functools.cache
def load_glossary(name: str = BUILTIN) -> Glossary:
    """The bundled bilingual IP glossary (every file in ``glossaries/``, merged).

    >>> g = load_glossary()
    >>> g.lookup("国家知识产权局")[0].preferred("en").text
    'China National Intellectual Property Administration'
    """
    if name != BUILTIN:
        return read_glossary(name)
    from ipterm.glossary import jsonfmt

    files = resources.bundled_glossary_files()
    if not files:
        raise ResourceNotFoundError("bundled glossary file", str(resources.glossaries_dir()), [])
    concepts: list = []
    for file in files:
        concepts.extend(jsonfmt.loads(file.read_text(encoding="utf-8"), path=file).concepts)
    return Glossary(tuple(concepts), name="ipterm-builtin")


def load_glossaries(paths: Sequence[str] | None) -> Glossary:
    """The glossaries named (paths, or ``builtin``), merged in order; the bundled one when none
    is."""
    if not paths:
        return load_glossary()
    glossary = read_glossary(paths[0])
    for path in paths[1:]:
        glossary = glossary.merge(read_glossary(path))
    return glossary
