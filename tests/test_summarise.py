"""The extractive summariser, its signals and editing, with a fake encoder."""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path

import numpy as np
import pytest

import ipterm
from ipterm.document import parse_document
from ipterm.errors import InputError, MissingDependencyError
from ipterm.summarise import Bullet, Highlights, Summarizer, SummarizerConfig, highlights
from ipterm.summarise import summarizer as summarizer_module
from ipterm.summarise.baselines import lead, textrank_baseline
from ipterm.summarise.editing import attribute, is_filler, numbers_intact, strip_fillers
from ipterm.summarise.mmr import mmr_select
from ipterm.summarise.textrank import pagerank, textrank, tfidf_matrix
from ipterm.text.io import read_text
from ipterm.text.numbers import find_numbers

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
DATA = Path(__file__).resolve().parent / "data" / "summarise"
BRIEFING = CORPUS / "2021-04-25_scio_briefing_14th_fyp_ip_strength.txt"


class FakeEncoder:
    """Hashed bag of words, L2-normalised: deterministic, fast, similar texts close."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []

    def __call__(self, texts, *, kind="passage"):
        self.calls.append((len(texts), kind))
        out = np.zeros((len(texts), 128), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, zlib.crc32(word.encode()) % 128] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture(scope="module")
def briefing_text() -> str:
    return read_text(BRIEFING)


@pytest.fixture(scope="module")
def briefing_highlights(briefing_text) -> Highlights:
    return Summarizer(SummarizerConfig(bullets=6), encode=FakeEncoder()).summarise(briefing_text)


def test_newsletter_item_from_the_briefing(briefing_highlights):
    h = briefing_highlights
    assert h.headline == (
        "SCIO Briefing: CNIPA on the Outline of the 14th Five-Year Plan and China's Strength in IP"
    )
    assert len(h.headline.split()) <= 16
    assert h.date == dt.date(2021, 4, 25)
    assert len(h.bullets) == 6
    assert h.notices == ()


def test_bullets_keep_numbers_names_and_sources(briefing_text, briefing_highlights):
    starts = []
    for bullet in briefing_highlights.bullets:
        sources = [briefing_text[s:e] for s, e in bullet.sources]
        assert all(sources) and numbers_intact(bullet.text, sources)
        assert find_numbers(bullet.text), bullet.text  # a briefing's bullets carry figures
        assert not bullet.text.startswith(("First,", "Second,", "Thank"))
        starts.append(bullet.sources[0][0])
    assert starts == sorted(starts)  # document order


def test_first_person_official_speech_is_attributed(briefing_highlights):
    texts = [b.text for b in briefing_highlights.bullets]
    assert not any(t.startswith("We ") for t in texts)
    assert not any("CNIPA said it" in t for t in texts)  # "we" is never rewritten as the agency
    quoted = [t for t in texts if ' said: "' in t]
    assert all(t.startswith(("Shen Changyu of CNIPA said", "He Zhimin of CNIPA")) for t in quoted)


def test_fake_encoder_is_used_for_passages(briefing_text):
    fake = FakeEncoder()
    config = SummarizerConfig(use_encoder=None)
    scored = Summarizer(config, encode=fake).rank(parse_document(briefing_text))
    assert fake.calls and fake.calls[0][1] == "passage"
    assert "encoder" in scored[0].signals


def test_only_the_top_candidates_are_encoded(briefing_text):
    fake = FakeEncoder()
    config = SummarizerConfig(encoder_top=10, use_encoder=None)
    scored = Summarizer(config, encode=fake).rank(parse_document(briefing_text))
    encoded = fake.calls[0][0]
    assert 10 <= encoded <= 10 + 10 < len(scored)  # the top 10 plus the opening lines
    assert sum(s.signals["encoder"] > 0 for s in scored) <= encoded


def test_encoder_missing_falls_back_with_a_notice(monkeypatch, briefing_text):
    def missing(model):
        raise MissingDependencyError("torch", "ml", "Ranking sentences with the encoder")

    monkeypatch.setattr(summarizer_module, "_default_encode", missing)
    result = Summarizer(SummarizerConfig(bullets=5, use_encoder=None)).summarise(briefing_text)
    assert len(result.bullets) == 5
    assert any("encoder not used" in n for n in result.notices)
    with pytest.raises(MissingDependencyError):
        Summarizer(SummarizerConfig(use_encoder=True)).summarise(briefing_text)


def test_bullet_count_and_bad_values(briefing_text):
    s = Summarizer(SummarizerConfig(use_encoder=False))
    assert len(s.summarise(briefing_text, bullets=8).bullets) == 8
    with pytest.raises(InputError, match="between 1 and 50"):
        s.summarise(briefing_text, bullets=0)
    with pytest.raises(InputError, match="unknown signal weights"):
        SummarizerConfig(weights={"vibes": 1.0})


def test_word_budget_mode(briefing_text):
    result = Summarizer(SummarizerConfig(use_encoder=False)).summarise(
        briefing_text, budget_words=60
    )
    words = sum(
        len(parse_document(briefing_text).text[s:e].split())
        for b in result.bullets
        for s, e in b.sources
    )
    assert 0 < words < 60 + 80  # stops once the budget is reached


@pytest.mark.parametrize("text", ["", "Thank you.\n\nThank you very much."])
def test_nothing_to_summarise_raises(text):
    with pytest.raises(InputError):
        highlights(text, use_encoder=False)


def test_chinese_briefing_keeps_last_clause_and_numbers():
    text = read_text(DATA / "briefing_zh.txt")
    result = highlights(text, bullets=4, use_encoder=False)
    texts = [b.text for b in result.bullets]
    assert "全年商标注册576.1万件" in texts  # last clause without 。
    assert any("6月1日施行" in t for t in texts)  # when the law applies is a fact
    assert any("53万件" in t for t in texts)
    assert result.headline == "国务院新闻办公室举行新闻发布会"
    for bullet in result.bullets:
        assert numbers_intact(bullet.text, [text[s:e] for s, e in bullet.sources])


def test_traditional_fullwidth_and_extension_b():
    text = (
        "專利局年報\n\n全年授權發明專利５３萬件，同比增長１７％。"
        "商標註冊５７６萬件。𠀀字不影響偏移量的計算結果"
    )
    result = highlights(text, bullets=2, use_encoder=False)
    for bullet in result.bullets:
        ((start, end),) = bullet.sources
        assert text[start:end] in bullet.text or bullet.text in text


@pytest.mark.slow
def test_huge_input_is_handled(briefing_text):
    result = highlights(briefing_text * 4, bullets=6, use_encoder=False)
    assert len(result.bullets) == 6


def test_renderings(briefing_highlights):
    md = briefing_highlights.to_markdown()
    assert md.startswith("### SCIO Briefing") and "**Date:** 2021-04-25" in md
    assert md.count("\n- ") == 6
    data = briefing_highlights.to_dict()
    assert set(data) >= {"headline", "date", "bullets"}
    assert all(set(b) == {"text", "sources"} for b in data["bullets"])
    text = briefing_highlights.to_text()
    assert text.splitlines()[1].startswith("2021-04-25")


def test_markdown_escapes_document_text():
    h = Highlights("A *bold* claim", None, None, (Bullet("# not a heading <b>", ((0, 1),)),))
    md = h.to_markdown()
    assert "\\*bold\\*" in md and "- \\# not a heading \\<b\\>" in md


def test_public_names():
    assert ipterm.Summarizer is Summarizer and ipterm.Highlights is Highlights
    assert ipterm.highlights is highlights


# -- editing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "org", "speaker", "expected"),
    [
        (
            "We cracked 21,000 criminal cases.",
            "CNIPA",
            "Shen Changyu",
            'Shen Changyu of CNIPA said: "We cracked 21,000 criminal cases."',
        ),
        (
            "We will improve our systems.",
            "CNIPA",
            None,
            'CNIPA said: "We will improve our systems."',
        ),
        ("We need more staff.", None, "Shen", 'Shen said: "We need more staff."'),
        (
            "The office granted 530,000 patents.",
            "CNIPA",
            None,
            "The office granted 530,000 patents.",
        ),
        ("I think we did well.", "CNIPA", None, "I think we did well."),
        ("I think we did well.", None, None, "I think we did well."),
        (
            "我们查处案件3.13万件。",
            "国家知识产权局",
            None,
            "国家知识产权局表示：“我们查处案件3.13万件。”",
        ),
    ],
)
def test_attribution(sentence, org, speaker, expected):
    assert attribute(sentence, org, speaker) == expected


def test_fillers():
    assert (
        strip_fillers("Second, in 2020 we closed 2,884 websites.")
        == "In 2020 we closed 2,884 websites."
    )
    assert strip_fillers("(3) Strengthen case enforcement.") == "Strengthen case enforcement."
    assert strip_fillers("其次，加强保护") == "加强保护"
    assert is_filler("Thanks for your questions.")
    assert is_filler("Mr. Yu will answer this question.")
    assert not is_filler("The 2,884 websites were closed in 2020.")


def test_numbers_intact_catches_changed_figures():
    assert numbers_intact("CNIPA said 15.8 patents per 10,000 people.", ["15.8 per 10,000 people"])
    assert not numbers_intact("CNIPA said 16 patents.", ["15.8 patents"])


# -- ranking pieces ----------------------------------------------------------------


def test_tfidf_and_textrank_hand_computed():
    matrix = tfidf_matrix([["a", "b"], ["a", "c"], ["d"]])
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0)
    assert matrix[2] @ matrix[0] == 0.0
    scores = textrank([["a", "b"], ["a", "b"], ["a", "c"], ["z"]])
    assert scores[0] == pytest.approx(scores[1]) and scores[0] > scores[3]
    assert pagerank(np.zeros((0, 0))).shape == (0,)


def test_mmr_avoids_repeats_and_respects_budget():
    sim = np.array([[0, 0.95, 0.1], [0.95, 0, 0.1], [0.1, 0.1, 0]])
    assert mmr_select([1.0, 0.9, 0.8], sim, k=2, lam=0.5) == [0, 2]
    assert mmr_select([1.0, 0.9, 0.8], sim, k=2, lam=1.0) == [0, 1]
    assert mmr_select([1.0, 0.9, 0.8], sim, cost=[10, 10, 10], budget=15, lam=1.0) == [0, 1]


def test_baselines_share_the_budget(briefing_text):
    doc = parse_document(briefing_text)
    assert (
        lead(doc, k=2) == [s.text for s in doc.sentences if doc.units[s.unit].kind != "heading"][:2]
    )
    picked = textrank_baseline(doc, budget_words=50)
    assert 50 <= sum(len(t.split()) for t in picked) < 50 + 120


# -- abstractive rewrite with a tiny local model ---------------------------------------


def _tiny_causal_lm(folder: Path) -> Path:
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("torch")
    from tokenizers import Tokenizer, models, pre_tokenizers

    words = [
        "[UNK]",
        "[PAD]",
        "[EOS]",
        "CNIPA",
        "said",
        "it",
        "granted",
        "530,000",
        "patents",
        "Bullet",
        ":",
    ]
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]", eos_token="[EOS]"
    )
    config = transformers.GPT2Config(
        vocab_size=len(words), n_positions=64, n_embd=16, n_layer=1, n_head=2,
        bos_token_id=2, eos_token_id=2, pad_token_id=1,
    )  # fmt: skip
    import torch

    torch.manual_seed(0)
    transformers.GPT2LMHeadModel(config).save_pretrained(folder)
    fast.save_pretrained(folder)
    return folder


@pytest.mark.slow
def test_abstractive_rewrite_with_a_tiny_model(tmp_path, monkeypatch):
    from ipterm.summarise import abstractive

    folder = _tiny_causal_lm(tmp_path / "tiny-gpt2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    text = "CNIPA granted 530,000 patents in 2020. The weather was mild and pleasant in spring."
    result = highlights(
        text, bullets=1, use_encoder=False, abstractive_model=str(folder), max_new_tokens=8
    )
    (bullet,) = result.bullets
    # a random model either keeps 530,000 or is refused; the figure always survives
    assert "530,000" in bullet.text
    assert bullet.sources == ((0, 38),)
    abstractive.load_generator.cache_clear()


def test_rewrite_is_refused_when_a_figure_changes(monkeypatch):
    from ipterm.summarise import abstractive

    replies = iter(["CNIPA granted 530,000 patents.", "CNIPA granted 600,000 patents."])
    monkeypatch.setattr(abstractive, "rewrite", lambda text, model, max_new_tokens: next(replies))
    bullets = [Bullet("We granted 530,000 patents.", ((0, 27),))] * 2
    notices: list[str] = []
    out = abstractive.rewrite_bullets(
        bullets, [["We granted 530,000 patents."]] * 2, "m", notices=notices
    )
    assert [b.text for b in out] == [
        "CNIPA granted 530,000 patents.",
        "We granted 530,000 patents.",
    ]
    assert notices and "1 of 2" in notices[0]


@pytest.mark.model
def test_real_encoder_summary(briefing_text):
    result = Summarizer(SummarizerConfig(use_encoder=True, bullets=6)).summarise(briefing_text)
    assert len(result.bullets) == 6 and result.notices == ()
