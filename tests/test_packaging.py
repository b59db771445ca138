"""The wheel carries every subpackage and the data folders; the README's contract is in place."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_every_subpackage_is_listed():
    listed = set(_config()["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "ipterm").rglob("__init__.py")
    }
    assert on_disk <= listed, f"add to pyproject packages: {sorted(on_disk - listed)}"


def test_data_folders_are_mapped_into_the_wheel():
    mapping = _config()["tool"]["setuptools"]["package-dir"]
    assert mapping == {"ipterm._data.glossaries": "glossaries", "ipterm._data.models": "models"}
    assert any((ROOT / "glossaries").glob("*.json"))
    assert (ROOT / "models" / "registry.toml").is_file()


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme
    assert ci.rstrip().splitlines()[-1] == "make test"
