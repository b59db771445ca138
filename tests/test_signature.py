"""Results say what made them (issue 15): version, glossary digest, model, settings."""

from __future__ import annotations

from ipterm import __version__
from ipterm.check import Checker
from ipterm.glossary.model import Glossary
from ipterm.signature import glossary_digest, signature
from ipterm.summarise import Summarizer, SummarizerConfig

TEXT = (
    "The CNIPA granted 530,000 invention patents in 2020. Courts concluded 466,000 cases. "
    "The office examined 9 million trademark applications. The weather was mild."
)


def test_glossary_digest_changes_with_any_term():
    one = Glossary.from_pairs([("专利", "patent")])
    two = Glossary.from_pairs([("专利", "patents")])
    assert glossary_digest(one) == glossary_digest(Glossary.from_pairs([("专利", "patent")]))
    assert glossary_digest(one) != glossary_digest(two)


def test_highlights_carry_a_signature_that_follows_the_settings():
    glossary = Glossary.from_pairs([("专利", "patent")])
    make = Summarizer(SummarizerConfig(use_encoder=False, bullets=2), glossary=glossary)
    first, again = make(TEXT), make(TEXT)
    assert first.signature == again.signature
    assert first.signature.startswith(f"ipterm:{__version__}|glossary:")
    assert "model:none" in first.signature
    assert make(TEXT, bullets=3).signature != first.signature
    assert first.to_dict()["signature"] == first.signature


def test_check_report_settings_carry_a_signature():
    glossary = Glossary.from_pairs([("专利", "patent")])
    report = Checker(glossary).check_pairs([("专利", "patent")])
    sig = report.to_dict()["settings"]["signature"]
    assert sig.startswith("ipterm:") and glossary_digest(glossary) in sig
    other = Checker(Glossary.from_pairs([("专利", "patents")])).check_pairs([("专利", "patent")])
    assert other.settings["signature"] != sig


def test_signature_without_glossary():
    assert signature(settings={}).startswith("ipterm:") and "glossary:" not in signature()
