"""Chinese segmentation with a private jieba tokenizer."""

from __future__ import annotations

import subprocess
import sys

from ipterm.text.segment import Segmenter, Token, cut, cut_pos


def test_spans_point_into_original_text():
    text = "國家知識產權局\u3000發布２０２１年數據，\U00020000专利 CNIPA said."
    tokens = cut(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokens[0].text == "國家知識產權局"
    assert "\U00020000" in [t.text for t in tokens]
    assert not any(t.text.isspace() for t in tokens)


def test_seeded_words_stay_whole_and_do_not_leak():
    text = "惩罚性赔偿制度"
    plain = [t.text for t in cut(text)]
    seeded = [t.text for t in Segmenter(["惩罚性赔偿制度"]).cut(text)]
    assert seeded == ["惩罚性赔偿制度"]
    assert plain != seeded  # the default tokenizer is untouched
    assert [t.text for t in cut(text)] == plain


def test_pos_tags():
    tokens = Segmenter(["专利权人"]).cut_pos("專利權人提出申請 ok")
    assert tokens[0] == Token(0, 4, "專利權人", "nz")
    assert tokens[-1].pos == "eng"
    assert [t.text for t in cut_pos("国家知识产权局发布")] == ["国家知识产权局", "发布"]


def test_empty():
    assert cut("") == [] and cut_pos("") == []


def test_global_jieba_untouched_and_cache_in_home(tmp_path):
    code = (
        "import os, jieba; from ipterm.text.segment import cut; cut('专利权人'); "
        "print(jieba.dt.initialized, os.listdir(os.environ['IPTERM_HOME'] + '/jieba'))"
    )
    home = tmp_path / "home"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"IPTERM_HOME": str(home), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False ['jieba.cache']"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]  # nothing in the CWD
    assert "Building prefix dict" not in out.stderr
