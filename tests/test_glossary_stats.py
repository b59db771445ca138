"""``ipterm.glossary.stats``: the glossary counts in docs/glossary-formats.md are generated
and current."""

from __future__ import annotations

from pathlib import Path

import pytest

import ipterm
from ipterm.glossary import stats

DOC = Path(__file__).resolve().parents[1] / "docs" / "glossary-formats.md"


def test_doc_counts_are_current(capsys) -> None:
    assert stats.main(["--check", str(DOC)]) == 0, capsys.readouterr().err


def test_counts_match_the_loaded_glossary() -> None:
    numbers = stats.builtin_stats()
    glossary = ipterm.load_glossary()
    assert numbers["concepts"] == len(glossary) == sum(numbers["by_file"].values())
    assert numbers["terms"] == sum(len(c.terms) for c in glossary)
    assert numbers["named_entities_with_sources"] == numbers["named_entities"]
    assert f"**{len(glossary):,} concepts**" in stats.render_markdown(numbers)


def test_check_detects_a_stale_block(tmp_path, capsys) -> None:
    stale = tmp_path / "doc.md"
    block = stats.render_markdown(stats.builtin_stats())
    stale.write_text(
        "intro\n" + block.replace("concepts**", "concepts (old)**", 1) + "\ntail\n",
        encoding="utf-8",
    )
    assert stats.main(["--check", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert stats.main(["--write", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == "intro\n" + block + "\ntail\n"
    assert stats.main(["--check", str(stale)]) == 0


def test_missing_markers_are_one_error(tmp_path, capsys) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("no markers here\n", encoding="utf-8")
    assert stats.main(["--check", str(plain)]) == 1
    assert capsys.readouterr().err.startswith("ipterm: error: ")
    with pytest.raises(ValueError, match="markers"):
        stats.replace_block("text", "block")
