"""Tests of the bilingual readers behind ``ipterm check``."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipterm.check.segments import (
    base_lang,
    read_aligned,
    read_segments,
    read_tabular,
    read_tmx,
    read_xliff,
    split_monolingual,
)
from ipterm.errors import InputError

DATA = Path(__file__).resolve().parent / "data" / "check"


def test_xliff_12_units_notes_and_escaped_markup():
    segs = read_xliff(DATA / "sample.xlf")
    assert [s.id for s in segs] == ["u1", "u2", "u3"]
    assert segs[0].source == "国家知识产权局授权专利53万件。"
    assert segs[0].target == "CNIPA granted 530,000 patents."
    assert (segs[0].source_lang, segs[0].target_lang) == ("zh", "en")
    assert "ipterm:ignore=number-mismatch" in segs[1].note
    assert "<script>" in segs[2].target  # the XML escape is decoded, not executed
    assert [s.index for s in segs] == [0, 1, 2]


def test_xliff_20():
    segs = read_xliff(DATA / "sample20.xlf")
    assert len(segs) == 2
    assert segs[0].source == "专利权人应当缴纳年费。"
    assert segs[1].target == "Petty patent grants rose 11.7 percent."


def test_tmx_zh_to_en_is_not_reversed():
    segs = read_tmx(DATA / "sample.tmx")
    assert segs[0].source == "专利权人应当缴纳年费。"
    assert segs[0].target == "The patentee shall pay annual fees."
    assert (segs[0].source_lang, segs[0].target_lang) == ("zh", "en")
    assert segs[2].source == "專利權人請求懲罰性賠償。"


def test_tmx_explicit_languages_win(tmp_path):
    segs = read_tmx(DATA / "sample.tmx", source_lang="en", target_lang="zh")
    assert segs[0].source == "The patentee shall pay annual fees."


def test_tsv_csv_and_swapped_columns(tmp_path):
    tsv = read_tabular(DATA / "sample.tsv")
    assert (
        tsv[1].source == "专利权人请求惩罚性赔偿。"
        and tsv[1].target == "The owner asked for punitive damages."
    )
    csv_segs = read_tabular(DATA / "sample.csv")
    assert csv_segs[0].target == "The patentee shall pay annual fees, on time."
    assert csv_segs[1].note == "ipterm:ignore"
    swapped = tmp_path / "swapped.tsv"
    swapped.write_text(
        "The patentee pays.\t专利权人缴费。\nThe owner.\t权利人。\n", encoding="utf-8"
    )
    assert read_tabular(swapped)[0].source == "专利权人缴费。"


def test_tsv_row_without_target_is_an_error(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("专利权人\tpatentee\n只有一列\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2"):
        read_tabular(bad)


def test_aligned_text_files(tmp_path):
    segs = read_aligned(DATA / "src.txt", DATA / "tgt.txt")
    assert len(segs) == 2 and segs[1].target == "520,000 were granted."
    short = tmp_path / "short.txt"
    short.write_text("one line\n", encoding="utf-8")
    with pytest.raises(InputError, match="same number of lines"):
        read_aligned(DATA / "src.txt", short)


def test_read_segments_dispatch_and_monolingual():
    segs, bilingual = read_segments(DATA / "draft.md")
    assert not bilingual and all(s.source == "" for s in segs)
    text = (DATA / "draft.md").read_text(encoding="utf-8")
    assert all(text[s.start : s.start + len(s.target)] == s.target for s in segs)
    assert segs[-1].target.endswith("continues")  # a last sentence without a full stop
    segs, bilingual = read_segments(DATA / "tw_law_segments.tsv")
    assert bilingual and segs[0].source.startswith("專利申請權")
    txt_segs, bilingual = read_segments(DATA / "src.txt")
    assert not bilingual


def test_tab_separated_txt_is_bilingual(tmp_path):
    path = tmp_path / "pairs.txt"
    path.write_text("专利\tpatent\n商标\ttrademark\n", encoding="utf-8")
    segs, bilingual = read_segments(path)
    assert bilingual and segs[1].target == "trademark"


def test_malformed_xml_is_one_clear_error():
    with pytest.raises(InputError, match="not well-formed XML"):
        read_xliff(DATA / "malformed.xlf")


def test_entities_are_refused_not_expanded():
    with pytest.raises(InputError, match="entity"):
        read_xliff(DATA / "entities.xlf")


def test_empty_and_wrong_root(tmp_path):
    empty = tmp_path / "empty.xlf"
    empty.write_bytes(b"   ")
    with pytest.raises(InputError, match="empty"):
        read_xliff(empty)
    tmx_as_xliff = tmp_path / "x.xlf"
    tmx_as_xliff.write_bytes((DATA / "sample.tmx").read_bytes())
    with pytest.raises(InputError, match="not <xliff>"):
        read_xliff(tmx_as_xliff)
    with pytest.raises(InputError, match="no such file"):
        read_segments(tmp_path / "missing.tsv")


def test_split_monolingual_offsets_with_extension_b():
    text = "\U00020000 CNIPA said so. It agreed"
    segs = split_monolingual(text)
    assert [text[s.start : s.start + len(s.target)] for s in segs] == [s.target for s in segs]


def test_base_lang():
    assert base_lang("zh-Hant-TW") == "zh" and base_lang(None) is None


def test_tmx_without_srclang_prefers_chinese_source(tmp_path):
    text = (DATA / "sample.tmx").read_text(encoding="utf-8").replace(' srclang="zh-CN"', "")
    path = tmp_path / "nosrc.tmx"
    path.write_text(text, encoding="utf-8")
    segs = read_tmx(path)
    assert segs[0].source == "专利权人应当缴纳年费。" and segs[0].target_lang == "en"
