"""Read and write the bundled glossary's data files in their hand-editable layout.

``jsonfmt.dumps`` writes one key per line, which makes a 600-concept file
10,000 lines long; the files in ``glossaries/`` keep one line per concept
header, per source and per term, so a diff shows what changed.  Curation
scripts (``tools/migrate_sources.py``, the data builders) write through
:func:`dump`, and :func:`dump` round-trips what :func:`load` read.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

GLOSSARIES = Path(__file__).resolve().parents[1] / "glossaries"


def load(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _one(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def dumps(document: dict[str, Any]) -> str:
    """The file text: header keys, then each concept as header line, sources, terms."""
    head = [f" {_one(k)}: {_one(v)}," for k, v in document.items() if k != "concepts"]
    concepts = []
    for concept in document["concepts"]:
        fields = {k: v for k, v in concept.items() if k not in ("terms", "sources")}
        lines = ["  {" + _one(fields)[1:-1] + ","]
        if concept.get("sources"):
            lines.append('   "sources": [')
            lines.append(",\n".join(f"    {_one(s)}" for s in concept["sources"]))
            lines.append("   ],")
        lines.append('   "terms": [')
        lines.append(",\n".join(f"    {_one(t)}" for t in concept["terms"]))
        lines.append("   ]}")
        concepts.append("\n".join(lines))
    return "{\n" + "\n".join(head) + '\n "concepts": [\n' + ",\n".join(concepts) + "\n ]\n}\n"


def dump(document: dict[str, Any], path: str | Path) -> None:
    """Write atomically, after checking that the text reads back as the same document."""
    text = dumps(document)
    if json.loads(text) != document:
        raise ValueError(f"{path}: the layout does not round-trip")
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
