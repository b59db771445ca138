"""Glossary file formats: TBX 2019/2008, CSV, TSV, XLSX and JSON round trips and malformed files."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from ipterm.errors import GlossaryFormatError, InputError, IptermError
from ipterm.glossary import tabular, tbx
from ipterm.glossary.io import load_glossary, read_glossary, write_glossary
from ipterm.glossary.model import Concept, Glossary, Term
from ipterm.glossary.source import Source

FORMATS = Path(__file__).parent / "data" / "formats"
EXTENSIONS = [".json", ".tbx", ".martif.tbx", ".csv", ".tsv", ".xlsx"]


def _hand_made() -> Glossary:
    """Every field kind: acronym + full form, regions, deprecated, Traditional, Ext-B, tabs..."""
    return Glossary(
        (
            Concept(
                "cnipa",
                (
                    Term("国家知识产权局", "zh", region="mainland", source="SCIO, 2021"),
                    Term("智慧財產局", "zh", status="admitted", region="taiwan"),
                    Term("知識產權署", "zh", status="admitted", region="hongkong"),
                    Term("經濟局知識產權廳", "zh", status="admitted", region="macau"),
                    Term("China National Intellectual Property Administration", "en"),
                    Term(
                        "CNIPA",
                        "en",
                        term_type="acronym",
                        full_form="China National Intellectual Property Administration",
                    ),
                    Term(
                        "State Intellectual Property Office",
                        "en",
                        status="deprecated",
                        note="renamed in 2018;\tsee \"SIPO\", 'old' name\nsecond line",
                    ),
                    Term(
                        "SIPO",
                        "en",
                        status="deprecated",
                        term_type="acronym",
                        full_form="State Intellectual Property Office",
                        case_sensitive=True,
                    ),
                ),
                subject="agency",
                definition="The PRC agency for patents, trademarks, GIs & IC layouts <b>.",
                note="concept note, with a comma",
                source="english.cnipa.gov.cn",
            ),
            Concept(
                "ext-b",
                (
                    Term("\U00020000专利", "zh", note="Extension-B first char"),
                    Term("patent (\U00020000)", "en", status="admitted", term_type="variant"),
                    Term(
                        "p.",
                        "en",
                        term_type="abbreviation",
                        full_form="patent",
                        case_sensitive=False,
                    ),
                ),
                subject="patent",
                proposed=True,
                confidence=0.8125,
            ),
            Concept(
                "zh-only",
                (Term("商標", "zh", term_type="shortForm"),),
                proposed=True,
                confidence=0.5,
            ),
            Concept(
                "old-rules",
                (
                    Term("旧办法", "zh"),
                    Term(
                        "Old Measures",
                        "en",
                        status="superseded",
                        sources=(Source("CNIPA", 'Notice, "quoted"\tand tab'),),
                    ),
                ),
                subject="regulation",
                sources=(
                    Source(
                        "China National Intellectual Property Administration",
                        "Measures 第77号",
                        article="Art. 2",
                        url="https://www.cnipa.gov.cn/x?a=1&b=2",
                        date_read="2025-11-02",
                        status="verified",
                    ),
                    Source("NPC", "Second source"),
                ),
                valid_from="2021-03-11",
                valid_until="2024-01-20",
                superseded_by="cnipa",
            ),
        ),
        name="hand-made",
    )


def _expected(glossary: Glossary, ext: str) -> tuple[Concept, ...]:
    """What a format gives back: TBX groups each concept's terms by language (zh, then en)."""
    if not ext.endswith(".tbx"):
        return glossary.concepts
    order = {"zh": 0, "en": 1}
    return tuple(
        replace(c, terms=tuple(sorted(c.terms, key=lambda t: order[t.lang]))) for c in glossary
    )


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_hand_made_round_trip(tmp_path, ext):
    glossary = _hand_made()
    path = tmp_path / f"g{ext}"
    write_glossary(glossary, path)
    back = read_glossary(path)
    assert back.concepts == _expected(glossary, ext)
    assert back.concepts[1].terms[0].text[0] == "\U00020000"


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_builtin_round_trip(tmp_path, ext):
    glossary = load_glossary()
    path = tmp_path / f"builtin{ext}"
    write_glossary(glossary, path)
    assert read_glossary(path).concepts == _expected(glossary, ext)


def test_martif_extension_writes_2008_and_2019_is_default(tmp_path):
    write_glossary(_hand_made(), tmp_path / "a.martif.tbx")
    write_glossary(_hand_made(), tmp_path / "a.tbx")
    old = (tmp_path / "a.martif.tbx").read_text(encoding="utf-8")
    new = (tmp_path / "a.tbx").read_text(encoding="utf-8")
    assert '<martif type="TBX"' in old and "<termEntry" in old and "<tig" in old
    assert (
        'xmlns="urn:iso:std:iso:30042:ed-2"' in new and "<conceptEntry" in new and "<termSec" in new
    )
    tbx.write(_hand_made(), tmp_path / "b.tbx", version="2008")
    assert "<martif" in (tmp_path / "b.tbx").read_text(encoding="utf-8")


def test_tbx_2019_markup_for_status_region_and_acronym():
    text = tbx.dumps(_hand_made())
    assert '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in text
    assert '<termNote type="geographicalUsage">zh-TW</termNote>' in text
    assert '<termNote type="geographicalUsage">zh-MO</termNote>' in text
    assert '<ref type="crossReference" target="cnipa-en1">China National' in text
    assert '<admin type="ipterm-proposed">true</admin>' in text
    assert "&lt;b&gt;" in text  # document text is escaped


def test_read_hand_written_tbx_2019():
    g = read_glossary(FORMATS / "basic2019.tbx")
    assert g.name == "Hand-written TBX-Basic sample"
    um = g["utility-model"]
    assert um.subject == "patent"
    assert um.preferred("zh", "taiwan").text == "新型專利"
    assert um.preferred("zh", "hongkong").text == "短期專利"
    assert um.preferred("zh").text == "实用新型"
    assert [t.text for t in um.deprecated("en")] == ["petty patent"]
    assert um.definition.startswith("A patent for a new technical solution")  # from the en langSec
    cnipa = g["cnipa"]
    acronym = next(t for t in cnipa.terms if t.text == "CNIPA")
    assert acronym.term_type == "acronym"
    assert (
        acronym.full_form == "China National Intellectual Property Administration"
    )  # via target id
    assert cnipa.terms_in("zh")[0].region == "mainland"  # from langSec xml:lang="zh-CN"
    assert all(t.lang in ("zh", "en") for t in cnipa.terms)  # the French section is skipped


def test_read_martif_2008_with_tig_ntig_and_groups():
    g = read_glossary(FORMATS / "martif2008.tbx")
    (concept,) = g.concepts
    assert concept.subject == "trademark"
    traditional = next(t for t in concept.terms if t.text == "商標")
    assert (traditional.status, traditional.region, traditional.source) == (
        "admitted",
        "taiwan",
        "TIPO",
    )
    assert next(t for t in concept.terms if t.text == "trade mark").status == "admitted"
    tm = next(t for t in concept.terms if t.text == "TM")
    assert (tm.term_type, tm.full_form) == ("abbreviation", "trademark")
    assert g.lookup("商标")[0].id == "trademark"


def test_tbx_loads_accepts_text_and_bytes():
    text = tbx.dumps(_hand_made(), version="2008")
    assert (
        tbx.loads(text).concepts
        == tbx.loads(text.encode("utf-8")).concepts
        == _hand_made().concepts
    )


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("billion_laughs.tbx", 3, "entities"),
        ("truncated.tbx", 9, "not well-formed"),
        ("wrong_root.tbx", 2, "<tmx>"),
        ("bad_status.tbx", 7, "favouriteTerm"),
        ("bad_status.csv", 4, "'obsolete'"),
        ("missing_columns.csv", 1, "missing columns ['term']"),
        ("too_many_columns.csv", 2, "expected two columns"),
        ("no_chinese.csv", 1, "which column is Chinese"),
        ("conflicting_subject.csv", 3, "differs"),
    ],
)
def test_malformed_files_name_file_and_line(name, line, words):
    with pytest.raises(GlossaryFormatError) as info:
        read_glossary(FORMATS / name)
    assert info.value.line == line
    assert info.value.path.endswith(name)
    assert words in str(info.value)


def test_billion_laughs_is_refused_quickly_not_expanded():
    # If entities were expanded this would need gigabytes; the refusal names the DTD.
    with pytest.raises(GlossaryFormatError, match="DOCTYPE"):
        tbx.loads((FORMATS / "billion_laughs.tbx").read_bytes())


def test_external_entity_is_refused(tmp_path):
    path = tmp_path / "xxe.tbx"
    path.write_text(
        '<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx><text><body/></text></tbx>'
    )
    with pytest.raises(GlossaryFormatError, match="entities"):
        read_glossary(path)


@pytest.mark.parametrize("ext", [".tbx", ".csv", ".tsv", ".xlsx"])
def test_empty_and_binary_files(tmp_path, ext):
    empty = tmp_path / f"empty{ext}"
    empty.write_bytes(b"")
    with pytest.raises(GlossaryFormatError):
        read_glossary(empty)
    binary = tmp_path / f"binary{ext}"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(GlossaryFormatError):
        read_glossary(binary)


def test_json_empty_file_is_a_user_error(tmp_path):
    path = tmp_path / "empty.json"
    path.write_text("")
    with pytest.raises(IptermError):
        read_glossary(path)


def test_xlsx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("concept,lang,term\nc1,zh,专利\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError, match="not a readable XLSX"):
        read_glossary(path)


def test_xlsx_zip_without_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(GlossaryFormatError):
        read_glossary(path)


def test_xlsx_layout_and_formula_safety(tmp_path):
    from openpyxl import load_workbook

    glossary = Glossary((Concept("f", (Term("=1+1", "en"), Term("公式", "zh"))),), name="f")
    path = tmp_path / "f.xlsx"
    write_glossary(glossary, path)
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][:3] == ["concept", "lang", "term"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width >= 8
    assert sheet["C2"].data_type == "s"
    assert read_glossary(path).concepts == glossary.concepts


def test_xlsx_two_column_sheet_and_row_numbers(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["English", "中文"])
    sheet.append(["patent", "專利"])
    sheet.append([None, None])
    sheet.append(["trademark", "商标"])
    workbook.save(tmp_path / "pairs.xlsx")
    g = read_glossary(tmp_path / "pairs.xlsx")
    assert [c.preferred("en").text for c in g.lookup("专利")] == ["patent"]
    assert len(g) == 2
    sheet.append(["copyright", None])
    workbook.save(tmp_path / "bad.xlsx")
    with pytest.raises(GlossaryFormatError) as info:
        read_glossary(tmp_path / "bad.xlsx")
    assert info.value.line == 5 and "[Sheet]" in str(info.value)


def test_two_column_csv_with_header_bom_quotes_and_traditional():
    g = read_glossary(FORMATS / "pairs_header.csv")
    assert [t.text for t in g.lookup("专利")[0].terms_in("en")] == ["patent", "patent right"]
    assert g.lookup("商标")[0].preferred("en").text == "trade mark, registered"
    assert g.lookup("智慧财产局")[0].preferred("en").text == "Taiwan Intellectual Property Office"


def test_two_column_tsv_without_header_detects_chinese_column():
    g = read_glossary(FORMATS / "pairs_noheader_en_first.tsv")
    assert len(g) == 3
    assert g.lookup("实用新型")[0].preferred("en").text == "utility model"


def test_long_form_csv_with_subset_of_columns():
    g = read_glossary(FORMATS / "long_form.csv")
    tipo = g["tipo"]
    assert tipo.subject == "agency"
    assert tipo.preferred("zh", "taiwan").source == "TIPO website"
    acronym = next(t for t in tipo.terms if t.text == "TIPO")
    assert acronym.full_form == "Taiwan Intellectual Property Office"


def test_csv_header_case_and_blank_lines():
    text = "\n\nConcept,LANG,Term\n\np,zh,专利\n\np,en,patent\n"
    g = tabular.loads(text)
    assert g["p"].preferred("en").text == "patent"


def test_csv_unclosed_quote_is_reported():
    with pytest.raises(GlossaryFormatError) as info:
        tabular.loads('zh,en\n专利,patent\n商标,"trade\n', path="x.csv")
    assert info.value.line is not None


def test_csv_empty_cell_in_pair_sheet():
    with pytest.raises(GlossaryFormatError, match="both a Chinese and an English") as info:
        tabular.loads("zh,en\n专利,patent\n商标,\n", path="pairs.csv")
    assert info.value.line == 3


def test_csv_unknown_column_and_bad_confidence():
    with pytest.raises(GlossaryFormatError, match="unknown columns"):
        tabular.loads("concept,lang,term,stauts\nc,zh,专利,preferred\n")
    with pytest.raises(GlossaryFormatError, match="confidence must be a number") as info:
        tabular.loads("concept,lang,term,confidence\nc,zh,专利,high\n")
    assert info.value.line == 2


def test_tsv_keeps_tabs_and_newlines_in_notes(tmp_path):
    glossary = _hand_made()
    path = tmp_path / "g.tsv"
    write_glossary(glossary, path)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t")[:6] == ["concept", "lang", "term", "status", "region", "source"]
    notes = [t.note for _, t in read_glossary(path).terms("en") if t.note]
    assert any("\t" in n and "\n" in n and '"SIPO"' in n for n in notes)


def test_value_parsers():
    assert tabular.parse_region("zh-HK") == "hongkong"
    assert tabular.parse_region("en-MO") == "macau"
    assert tabular.parse_region("Macao") == "macau"
    with pytest.raises(ValueError):
        tabular.parse_region("zh-SG")
    assert tabular.parse_status("supersededTerm-admn-sts") == "superseded"
    assert tabular.parse_bool("YES") is True and tabular.parse_bool("") is None
    with pytest.raises(ValueError):
        tabular.parse_bool("maybe")


def test_unknown_extension_lists_formats(tmp_path):
    with pytest.raises(IptermError, match=r"\.tbx"):
        write_glossary(_hand_made(), tmp_path / "g.doc")


def test_write_is_atomic_on_failure(tmp_path, monkeypatch):
    import os

    path = tmp_path / "keep.xlsx"
    path.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(InputError, match="cannot write"):
        write_glossary(Glossary.from_pairs([("专利", "patent")]), path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.xlsx"]


def test_tbx_language_section_without_lang_is_an_error():
    text = (
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="p">\n'
        "<langSec><termSec><term>专利</term></termSec></langSec>"
        "</conceptEntry></body></text></tbx>"
    )
    with pytest.raises(GlossaryFormatError, match="xml:lang") as info:
        tbx.loads(text, path="p.tbx")
    assert info.value.line == 2


def test_tbx_unknown_term_type_and_region_name_the_line():
    text = tbx.dumps(_hand_made()).replace(">acronym<", ">symbol<", 1)
    with pytest.raises(GlossaryFormatError, match="'symbol'") as info:
        tbx.loads(text)
    term_section = text.rindex("<termSec", 0, text.index(">symbol<"))
    assert info.value.line == text.count("\n", 0, term_section) + 1
    bad_region = tbx.dumps(_hand_made()).replace(">zh-TW<", ">zh-SG<")
    with pytest.raises(GlossaryFormatError, match="zh-SG"):
        tbx.loads(bad_region)
