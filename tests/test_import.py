"""``import ipterm`` and ``ipterm --help`` stay cheap: no torch, transformers, datasets, jieba."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("torch", "transformers", "datasets", "jieba")

_CHECK = (
    "import json; heavy = {heavy!r}; "
    "print(json.dumps(sorted(m for m in heavy if m in sys.modules)))"
)


def _loaded_after(code: str) -> list[str]:
    script = f"import sys\n{code}\n" + _CHECK.format(heavy=HEAVY)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_import_ipterm_is_cheap():
    assert _loaded_after("import ipterm") == []


def test_cli_parser_is_cheap():
    code = (
        "import contextlib, io\n"
        "from ipterm.cli import build_parser, main\n"
        "build_parser()\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass"
    )
    assert _loaded_after(code) == []


def test_text_and_matcher_modules_are_cheap():
    code = (
        "import ipterm.text.sentences, ipterm.text.numbers, ipterm.text.segment\n"
        "import ipterm.glossary.matcher, ipterm.cli.find"
    )
    assert _loaded_after(code) == []


def test_checker_would_notice_a_heavy_import():
    # The check itself must be able to fail.
    assert _loaded_after("import jieba") == ["jieba"]


def test_type_checking_block_names_every_public_name():
    import ast
    import inspect

    import ipterm

    tree = ast.parse(inspect.getsource(ipterm))
    guarded = set()
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for stmt in node.body:
                guarded |= {alias.asname or alias.name for alias in stmt.names}
    assert set(ipterm._LAZY) <= guarded, set(ipterm._LAZY) - guarded
    for name in ipterm._LAZY:
        assert getattr(ipterm, name) is not None
