"""Tests of ipterm.encoder.generation with tiny random models the tests build themselves.

Each model gets a SentencePiece vocabulary trained here on a few bilingual
lines, so nothing is downloaded and every test runs in well under a second.
"""

from __future__ import annotations

import io
import shutil

import pytest

from ipterm.encoder.generation import generate_text, load_causal_lm, load_seq2seq
from ipterm.errors import InputError, ModelNotAvailableError

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
spm = pytest.importorskip("sentencepiece")

LINES = [
    "专利权是一种知识产权。",
    "The patent office granted the patent.",
    "商標註冊申請已受理",
    "Copyright protects original works of authorship.",
    "著作权法保护作者的权利，包括复制权和发行权。",
    "A trademark identifies the source of goods and services.",
]


@pytest.fixture(scope="module")
def sentencepiece_model(tmp_path_factory):
    """A unigram SentencePiece model (pad 0, unk 1, bos 2, eos 3) trained on LINES."""
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(LINES * 4),
        model_writer=buffer,
        vocab_size=90,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        pad_id=0,
        unk_id=1,
        bos_id=2,
        eos_id=3,
        minloglevel=2,
    )
    path = tmp_path_factory.mktemp("spm") / "tiny.model"
    path.write_bytes(buffer.getvalue())
    return path


def _tokenizer(kind, spm_path, folder):
    """A transformers tokenizer converted from the SentencePiece file (T5- or Llama-style)."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "t5":
        shutil.copy(spm_path, folder / "spiece.model")
        tokenizer = transformers.T5Tokenizer.from_pretrained(folder, extra_ids=0)
    else:
        shutil.copy(spm_path, folder / "tokenizer.model")
        tokenizer = transformers.LlamaTokenizer.from_pretrained(folder)
    tokenizer.save_pretrained(folder)  # tokenizer.json + tokenizer_config.json name the class
    return tokenizer


def _seq2seq(family, vocab_size):
    torch.manual_seed(0)
    if family == "t5":
        config = transformers.T5Config(
            vocab_size=vocab_size,
            d_model=16,
            d_kv=8,
            d_ff=32,
            num_layers=1,
            num_heads=2,
            pad_token_id=0,
            eos_token_id=3,
            decoder_start_token_id=0,
        )
        return transformers.T5ForConditionalGeneration(config)
    config = transformers.BartConfig(
        vocab_size=vocab_size,
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=64,
        pad_token_id=0,
        bos_token_id=2,
        eos_token_id=3,
        decoder_start_token_id=3,
        forced_eos_token_id=None,
    )
    return transformers.BartForConditionalGeneration(config)


def _causal(family, vocab_size):
    torch.manual_seed(0)
    if family == "llama":
        config = transformers.LlamaConfig(
            vocab_size=vocab_size,
            hidden_size=16,
            intermediate_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            num_key_value_heads=1,
            max_position_embeddings=64,
            pad_token_id=0,
            bos_token_id=2,
            eos_token_id=3,
        )
        return transformers.LlamaForCausalLM(config)
    config = transformers.GPT2Config(
        vocab_size=vocab_size,
        n_embd=16,
        n_layer=1,
        n_head=2,
        n_positions=64,
        bos_token_id=2,
        eos_token_id=3,
        pad_token_id=0,
    )
    return transformers.GPT2LMHeadModel(config)


@pytest.mark.parametrize("family", ["t5", "bart"])
def test_seq2seq_round_trip(family, sentencepiece_model, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = tmp_path / family
    tokenizer = _tokenizer("t5", sentencepiece_model, folder)
    _seq2seq(family, len(tokenizer)).save_pretrained(folder)
    model, loaded = load_seq2seq(folder)
    assert model.config.is_encoder_decoder and not model.training
    assert loaded("专利权").input_ids == tokenizer("专利权").input_ids
    text = generate_text(model, loaded, "专利权是一种知识产权。", max_new_tokens=4)
    assert isinstance(text, str)
    assert text == generate_text(model, loaded, "专利权是一种知识产权。", max_new_tokens=4)
    ids = model.generate(
        **loaded("专利权是一种知识产权。", return_tensors="pt"), max_new_tokens=4, do_sample=False
    )
    assert 1 < ids.shape[1] <= 5  # start token + at most four new ones
    assert text == loaded.decode(ids[0], skip_special_tokens=True)


@pytest.mark.parametrize("family", ["llama", "gpt2"])
def test_causal_lm_round_trip(family, sentencepiece_model, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = tmp_path / family
    tokenizer = _tokenizer("llama", sentencepiece_model, folder)
    _causal(family, len(tokenizer)).save_pretrained(folder)
    model, loaded = load_causal_lm(str(folder))
    assert not model.config.is_encoder_decoder
    prompt = "The patent office"
    inputs = loaded(prompt, return_tensors="pt")
    full = model.generate(**inputs, max_new_tokens=3, do_sample=False, pad_token_id=0)
    assert full.shape[1] == inputs["input_ids"].shape[1] + 3  # random weights never stop early
    expected = loaded.decode(full[0, inputs["input_ids"].shape[1] :], skip_special_tokens=True)
    assert generate_text(model, loaded, prompt, max_new_tokens=3) == expected  # prompt cut off


def test_offline_missing_model_names_the_download(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(ModelNotAvailableError, match="huggingface-cli download someone/tiny-t5"):
        load_seq2seq("someone/tiny-t5")


def test_registry_names_and_tasks(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(InputError, match="sentence-embedding model"):
        load_causal_lm("multilingual-e5-small")
    # a registry name resolves to its Hub id, which is then looked up in the cache
    with pytest.raises(ModelNotAvailableError, match="Helsinki-NLP/opus-mt-zh-en"):
        load_seq2seq("opus-mt-zh-en")


def test_broken_folder_is_reported(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelNotAvailableError, match="cannot load a model from the folder"):
        load_seq2seq(tmp_path)


def test_generate_text_checks_its_arguments(sentencepiece_model, tmp_path):
    tokenizer = _tokenizer("t5", sentencepiece_model, tmp_path / "tok")
    model = _seq2seq("t5", len(tokenizer))
    with pytest.raises(InputError, match="max_new_tokens=0"):
        generate_text(model, tokenizer, "专利", max_new_tokens=0)
    with pytest.raises(InputError, match="prompt must be a string"):
        generate_text(model, tokenizer, ["专利"])
