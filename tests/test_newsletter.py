"""The monthly draft: month filter, sections, terminology edits, Markdown/HTML/DOCX structure."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from ipterm.cli import main
from ipterm.errors import InputError
from ipterm.glossary.model import Concept, Glossary, Term
from ipterm.newsletter import NewsletterConfig, draft_newsletter, parse_month, reading_minutes
from ipterm.newsletter.sections import SectionClassifier, SectionSpec, load_sections
from ipterm.newsletter.terminology import TermEditor

FAST = NewsletterConfig(use_encoder=False, check_terminology=False)

CNIPA = Concept(
    "cnipa",
    (
        Term("国家知识产权局", "zh"),
        Term("China National Intellectual Property Administration", "en"),
        Term(
            "CNIPA",
            "en",
            term_type="acronym",
            full_form="China National Intellectual Property Administration",
        ),
        Term(
            "NIPA",
            "en",
            status="admitted",
            term_type="acronym",
            full_form="National Intellectual Property Administration",
        ),
        Term("National Intellectual Property Administration", "en", status="admitted"),
    ),
    subject="agency",
)


@pytest.fixture(scope="module")
def april_issue(tmp_path_factory):
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    return draft_newsletter(corpus, month="2021-04", config=NewsletterConfig(use_encoder=False))


def test_month_parsing_rejects_bad_values():
    assert parse_month("2021-4") == (2021, 4)
    for bad in ("2021", "04-2021", "2021-13", ""):
        with pytest.raises(InputError, match="YYYY-MM"):
            parse_month(bad)


def test_april_issue_keeps_april_documents_and_lists_the_rest(april_issue):
    assert april_issue.title == "China IP Highlights: April 2021 (Issue 4)"
    names = sorted(Path(i.path).name for i in april_issue.items)
    assert names == [
        "2021-04-25_scio_briefing_14th_fyp_ip_strength.txt",
        "2021-04-26_scio_briefing_ipr_protection_report.txt",
    ]
    skipped = {Path(s.path).name: s.reason for s in april_issue.skipped}
    assert len(skipped) == 3
    assert all("outside 2021-04" in reason for reason in skipped.values())


def test_items_have_dates_summaries_and_source_offsets(april_issue):
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    for item in april_issue.items:
        assert item.date is not None and (item.date.year, item.date.month) == (2021, 4)
        assert 1 <= len(item.summary) <= 8
        assert item.section in {s.name for s in load_sections()}
        text = (corpus / Path(item.path).name).read_text()
        for spans in item.sources:
            for start, end in spans:
                assert 0 <= start < end <= len(text)


def test_markdown_structure(april_issue):
    md = april_issue.to_markdown()
    lines = md.splitlines()
    assert lines[0] == "# China IP Highlights: April 2021 (Issue 4)"
    headings = [line[3:] for line in lines if line.startswith("## ")]
    assert set(headings) >= {s.name for s in april_issue.sections}
    assert "Not in this issue" in headings and "Terminology check" in headings
    assert sum(line.startswith("### ") for line in lines) == len(april_issue.items)
    assert "minute read" in lines[2]


def test_first_mention_is_spelled_out_and_later_ones_use_the_acronym():
    glossary = Glossary(
        (
            CNIPA,
            Concept(
                "punitive-damages",
                (
                    Term("惩罚性赔偿", "zh"),
                    Term("punitive damages", "en"),
                    Term("punitive compensation", "en", status="admitted"),
                ),
            ),
        )
    )
    editor = TermEditor(glossary)
    first = editor.edit("The NIPA granted 530,000 patents.")
    assert (
        first == "The China National Intellectual Property Administration (\u201cCNIPA\u201d) "
        "granted 530,000 patents."
    )
    assert (
        editor.edit("The National Intellectual Property Administration said so.")
        == "The CNIPA said so."
    )
    assert editor.edit("It uses punitive compensation.") == "It uses punitive damages."
    # A spelled-out agency name that opens a sentence gets its article; quotes are never edited.
    opening = TermEditor(glossary)
    assert opening.edit('NIPA said: "NIPA uses punitive compensation."') == (
        "The China National Intellectual Property Administration (\u201cCNIPA\u201d) said: "
        '"NIPA uses punitive compensation."'
    )
    # A full form already followed by its acronym is left alone.
    fresh = TermEditor(glossary)
    text = "The China National Intellectual Property Administration (CNIPA) said."
    assert fresh.edit(text) == text


def test_classifier_uses_subjects_without_encoder():
    specs = (
        SectionSpec("Enforcement", "crackdowns", ("campaign", "customs")),
        SectionSpec("Laws", "laws", ("law",)),
    )
    scores = SectionClassifier(specs).score("text", ["campaign", "campaign", "law"])
    assert scores[0].section == "Enforcement"
    assert scores[0].similarity is None
    assert scores[0].subject_share == pytest.approx(2 / 3)


def test_classifier_adds_encoder_similarity():
    import numpy as np

    def fake_encode(texts, kind="query"):
        vectors = [[1.0, 0.0] if ("law" in t.lower()) else [0.0, 1.0] for t in texts]
        return np.array(vectors, dtype=np.float32)

    specs = (SectionSpec("Enforcement", "crackdowns", ()), SectionSpec("Laws", "law texts", ()))
    scores = SectionClassifier(specs, encode=fake_encode).score("the new law", [])
    assert scores[0].section == "Laws" and scores[0].similarity == pytest.approx(1.0)


def test_reading_minutes_counts_chinese_characters():
    assert reading_minutes("专" * 520) == 2
    assert reading_minutes("") == 1


def test_html_escapes_document_text(tmp_path):
    doc = tmp_path / "2021-04-02_note.txt"
    doc.write_text(
        "CNIPA <script>alert(1)</script> notice\n\nApril 2, 2021\n\n"
        "The CNIPA granted 100 <b>patents</b> in March. It also registered 2,000 trademarks.\n",
        encoding="utf-8",
    )
    issue = draft_newsletter(tmp_path, month="2021-04", config=FAST)
    html = issue.to_html()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html or "&lt;b&gt;" in html
    assert "http://" not in html and "https://" not in html


def test_docx_structure(april_issue, tmp_path):
    docx = pytest.importorskip("docx")
    out = tmp_path / "issue.docx"
    april_issue.to_docx(out)
    assert zipfile.is_zipfile(out)
    document = docx.Document(str(out))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", april_issue.title)
    assert [t for s, t in headings if s == "Heading 1"][: len(april_issue.sections)] == [
        s.name for s in april_issue.sections
    ]
    assert sum(s == "Heading 2" for s, _ in headings) == len(april_issue.items)


def test_cli_writes_markdown_html_and_docx(tmp_path, capsys, examples_corpus):
    for suffix in ("md", "html", "docx"):
        out = tmp_path / f"issue.{suffix}"
        code = main(
            [
                "newsletter",
                str(examples_corpus),
                "--month",
                "2021-04",
                "--no-encoder",
                "--no-check",
                "-o",
                str(out),
            ]
        )
        assert code == 0 and out.stat().st_size > 500
    assert "wrote" in capsys.readouterr().err


def test_cli_errors_are_one_line(tmp_path, capsys, examples_corpus):
    assert main(["newsletter", str(examples_corpus), "--month", "April"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("ipterm: error:")
    assert main(["newsletter", str(tmp_path / "missing"), "--month", "2021-04"]) == 1
    assert (
        main(
            [
                "newsletter",
                str(examples_corpus),
                "--month",
                "2021-04",
                "-o",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 1
    )


def test_empty_and_binary_documents_are_listed_not_fatal(tmp_path):
    (tmp_path / "2021-04-01_empty.txt").write_text("")
    (tmp_path / "2021-04-01_binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "2021-04-03_ok.txt").write_text(
        "CNIPA statement\n\nApril 3, 2021\n\nThe CNIPA granted 530,000 invention patents in 2020.\n"
    )
    issue = draft_newsletter(tmp_path, month="2021-04", config=FAST)
    assert len(issue.items) == 1
    assert sorted(s.reason.split(":")[0] for s in issue.skipped) == ["unreadable", "unreadable"]


def _chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


@pytest.mark.slow
def test_html_renders_in_headless_chromium(april_issue, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip(
            "chromium is not installed (apt-get install chromium); HTML render test skipped"
        )
    page = tmp_path / "issue.html"
    page.write_text(april_issue.to_html(), encoding="utf-8")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    shot = tmp_path / "shot.png"
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
        text=True,
    ).stdout
    for section in april_issue.sections:
        assert f"<h2>{section.name.replace('&', '&amp;')}</h2>" in dom
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    _assert_heading_colour_present(shot)


def _assert_heading_colour_present(png: Path) -> None:
    """The section headings are drawn in the template's dark red (#7a0019): find those pixels."""
    image_module = pytest.importorskip("PIL.Image")
    image = image_module.open(png).convert("RGB")
    import numpy as np

    rgb = np.asarray(image).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    reddish = int(((r > 90) & (r - g > 60) & (r - b > 40)).sum())
    assert reddish > 50, "no heading-coloured pixels in the screenshot"


def test_reported_speech_and_official_short_names_are_left_alone():
    glossary = Glossary(
        (
            Concept(
                "iron-fist",
                (
                    Term("铁拳行动", "zh"),
                    Term("Iron Fist campaign", "en"),
                    Term("Iron Fist", "en", status="admitted"),
                    Term("Iron Hammer Action", "en", status="deprecated"),
                ),
                subject="campaign",
            ),
            Concept(
                "fyp13",
                (
                    Term("十三五规划", "zh"),
                    Term(
                        "Outline of the 13th Five-Year Plan for Economic and Social Development",
                        "en",
                    ),
                    Term("13th Five-Year Plan", "en", status="admitted"),
                ),
                subject="policy",
            ),
        )
    )
    editor = TermEditor(glossary)
    speech = 'Gan Lin said: "We ran the "Iron Hammer Action" in 2020."'
    assert editor.edit(speech) == speech
    assert editor.edit("By the end of the 13th Five-Year Plan period.") == (
        "By the end of the 13th Five-Year Plan period."
    )
    assert editor.edit("The Iron Hammer Action drive.") == "The Iron Fist campaign drive."
    assert editor.changes == ["'Iron Hammer Action' -> 'Iron Fist campaign' (iron-fist)"]


def test_a_document_with_nothing_to_summarise_is_listed_not_fatal(tmp_path):
    (tmp_path / "2021-04-12_heading.html").write_text("<h1>Notice</h1><p>See attachment.</p>")
    (tmp_path / "2021-04-03_ok.txt").write_text(
        "CNIPA statement\n\nApril 3, 2021\n\nThe CNIPA granted 530,000 invention patents in 2020.\n"
    )
    issue = draft_newsletter(tmp_path, month="2021-04", config=FAST)
    assert [Path(i.path).name for i in issue.items] == ["2021-04-03_ok.txt"]
    assert [s.reason.split(":")[0] for s in issue.skipped] == ["not summarised"]


def test_an_issue_with_no_usable_document_is_an_error_and_writes_nothing(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "2021-04-01_binary.txt").write_bytes(b"\x00\x01garbage")
    (folder / "2020-01-01_old.txt").write_text(
        "Old news\n\nJanuary 1, 2020\n\nThe CNIPA granted patents.\n"
    )
    out = tmp_path / "keep.html"
    out.write_text("KEEP")
    assert (
        main(["newsletter", str(folder), "--month", "2021-04", "--no-encoder", "-o", str(out)]) == 1
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no document could go into the 2021-04 issue" in err[0]
    assert out.read_text() == "KEEP"


def test_markdown_output_escapes_document_html(tmp_path):
    doc = tmp_path / "2021-04-10_x.txt"
    doc.write_text(
        "CNIPA <script>alert(1)</script> notice\n\nApril 10, 2021\n\n"
        "The CNIPA granted 100 patents <img src=x onerror=alert(1)> in March 2021.\n",
        encoding="utf-8",
    )
    md = draft_newsletter(tmp_path, month="2021-04", config=FAST).to_markdown()
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;" in md or "&lt;img" in md


@pytest.mark.parametrize(
    "options, message",
    [
        ({"bullets": 0}, "bullets"),
        ({"summary_sentences": 0}, "summary"),
        ({"section_names": ("",)}, "section"),
    ],
)
def test_config_rejects_bad_values(options, message):
    with pytest.raises(InputError, match=message):
        NewsletterConfig(**options)


def test_issue_number_must_be_positive(examples_corpus):
    with pytest.raises(InputError, match="issue number"):
        draft_newsletter(examples_corpus, month="2021-04", issue=-5, config=FAST)


def test_acronym_defined_in_the_text_and_articles_for_spelled_out_names():
    glossary = Glossary((CNIPA,))
    editor = TermEditor(glossary)
    defined = "the head of the National Intellectual Property Administration (NIPA) spoke."
    assert (
        editor.edit(defined)
        == "the head of the China National Intellectual Property Administration (NIPA) spoke."
    )
    assert TermEditor(glossary).edit('Shen Changyu of NIPA said: "We did."') == (
        "Shen Changyu of the China National Intellectual Property Administration "
        '(\u201cCNIPA\u201d) said: "We did."'
    )


def test_a_later_full_name_with_its_own_definition_becomes_the_bare_acronym():
    glossary = Glossary((CNIPA,))
    editor = TermEditor(glossary)
    editor.edit("The China National Intellectual Property Administration granted patents.")
    later = editor.edit(
        "The China National Intellectual Property Administration (CNIPA) met on Monday."
    )
    assert later == "The CNIPA met on Monday."
