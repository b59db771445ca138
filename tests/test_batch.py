"""Corpus-scale runs: columns added, workers agree, shards resume, files in and out, Ray."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datasets")
pytest.importorskip("pyarrow")

from ipterm.batch import TaskOptions, engine, run_batch, tasks  # noqa: E402  # noqa: E402
from ipterm.cli import main  # noqa: E402
from ipterm.errors import InputError  # noqa: E402

DATA = Path(__file__).parent / "data" / "batch"

PAIRS = [
    {"id": i, "source": src, "target": tgt}
    for i, (src, tgt) in enumerate(
        [
            ("国家知识产权局发布了专利数据。", "The SIPO published patent data."),
            ("全年共注册商标576.1万件。", "A total of 5.761 million trademarks were registered."),
            ("全年共注册商标576.1万件。", "A total of 5.67 million trademarks were registered."),
            ("專利權人應當繳納年費。", "The patentee shall pay annual fees."),
        ]
        * 5
    )
]
TEXTS = [
    {"text": "国家知识产权局 and the CNIPA granted patents."},
    {"text": "No terms here at all."},
] * 6


def _rows(dataset) -> list[dict]:
    return [dict(row) for row in dataset]


def test_find_adds_columns_and_keeps_input():
    rows = _rows(run_batch(TEXTS, "find", shard_size=5))
    assert len(rows) == len(TEXTS)
    assert rows[0]["text"] == TEXTS[0]["text"]
    first = rows[0]["terms"]
    assert [t["text"] for t in first][:1] == ["国家知识产权局"]
    assert all(TEXTS[0]["text"][t["start"] : t["end"]] == t["text"] for t in first)
    assert rows[1]["n_terms"] == 0


@pytest.mark.slow
def test_check_finds_the_same_with_one_and_two_workers(tmp_path):
    one = _rows(run_batch(PAIRS, "check", num_proc=1, shard_size=3, work_dir=tmp_path / "a"))
    two = _rows(run_batch(PAIRS, "check", num_proc=2, shard_size=3, work_dir=tmp_path / "b"))
    assert one == two
    rules = [sorted(f["rule"] for f in row["findings"]) for row in one[:4]]
    assert "deprecated-term" in rules[0]
    assert rules[1] == []
    assert "number-mismatch" in rules[2]
    assert [row["id"] for row in one] == list(range(len(PAIRS)))


def test_an_interrupted_run_resumes_without_redoing_shards(tmp_path, monkeypatch):
    work = tmp_path / "work"
    calls: list[int] = []
    real = engine.process_shard

    def failing(dataset, options, start, stop, path):
        calls.append(start)
        if start >= 9:
            raise KeyboardInterrupt  # the user pressed Ctrl-C while shard 4 was running
        real(dataset, options, start, stop, path)

    monkeypatch.setattr(engine, "process_shard", failing)
    with pytest.raises(KeyboardInterrupt):
        run_batch(PAIRS, "check", shard_size=3, work_dir=work)
    done = sorted(p.name for p in work.glob("shard-*.parquet"))
    assert done == ["shard-00000.parquet", "shard-00001.parquet", "shard-00002.parquet"]
    assert not list(work.glob(".*tmp"))
    monkeypatch.setattr(engine, "process_shard", real)
    counted = []
    result = run_batch(
        PAIRS, "check", shard_size=3, work_dir=work, progress=lambda d, t: counted.append((d, t))
    )
    assert len(result) == len(PAIRS)
    assert counted[0] == (3, 7)  # the three finished shards were kept
    assert counted[-1] == (7, 7)


def test_a_work_dir_from_another_run_is_refused(tmp_path):
    run_batch(PAIRS, "check", shard_size=3, work_dir=tmp_path)
    with pytest.raises(InputError, match="different run"):
        run_batch(PAIRS, "find", shard_size=3, work_dir=tmp_path, text_column="target")


def test_worker_state_is_built_once_per_worker(monkeypatch):
    built = []
    real = tasks._find

    def counting(options):
        built.append(options)
        return real(options)

    monkeypatch.setattr(tasks, "_find", counting)
    tasks.worker_state.cache_clear()
    run_batch(TEXTS, "find", shard_size=2)  # six shards, one process
    assert len(built) == 1
    tasks.worker_state.cache_clear()


def test_missing_column_is_one_clear_error():
    with pytest.raises(InputError, match="no column 'text'"):
        run_batch([{"body": "x"}], "find")


def test_unknown_task_and_engine():
    with pytest.raises(InputError, match="unknown batch task"):
        run_batch(TEXTS, "translate")
    with pytest.raises(InputError, match="unknown engine"):
        run_batch(TEXTS, "find", engine="spark")


def test_highlights_task_records_errors_per_record():
    rows = _rows(
        run_batch(
            [
                {
                    "text": "The CNIPA granted 530,000 invention patents in 2020. "
                    "Trademark registrations reached 5.761 million."
                },
                {"text": "   "},
            ],
            "highlights",
            bullets=1,
        )
    )
    assert (
        rows[0]["bullets"]
        and "530,000" in rows[0]["bullets"][0] + rows[0]["headline"]
        or rows[0]["bullets"]
    )
    assert rows[1]["bullets"] == [] and rows[1]["error"]


def test_a_generator_of_records_is_accepted():
    rows = _rows(run_batch((dict(r) for r in TEXTS), "find"))
    assert len(rows) == len(TEXTS)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_cli_reads_and_writes_each_format(tmp_path, suffix, capsys):
    import datasets

    source = tmp_path / f"in{suffix}"
    ds = datasets.Dataset.from_list([{k: str(v) for k, v in p.items()} for p in PAIRS])
    {".jsonl": ds.to_json, ".csv": ds.to_csv, ".parquet": ds.to_parquet}[suffix](str(source))
    out = tmp_path / f"out{suffix}"
    assert (
        main(["batch", "check", str(source), str(out), "--shard-size", "6", "--num-proc", "2"]) == 0
    )
    assert "20 records" in capsys.readouterr().err
    back = (
        datasets.Dataset.from_json(str(out))
        if suffix == ".jsonl"
        else (
            datasets.Dataset.from_csv(str(out))
            if suffix == ".csv"
            else datasets.Dataset.from_parquet(str(out))
        )
    )
    assert len(back) == len(PAIRS) and "findings" in back.column_names
    assert not (tmp_path / f"out{suffix}.parts").exists()


def test_cli_reads_tmx_with_chinese_as_source(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["batch", "check", str(DATA / "pairs.tmx"), str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["source"].startswith("国家知识产权局")
    assert [f["rule"] for f in rows[0]["findings"]] == ["deprecated-term"]
    assert rows[1]["findings"] == []


def test_cli_bad_input_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{not json\n', encoding="utf-8")
    assert main(["batch", "find", str(bad), str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("ipterm: error:")
    assert main(["batch", "find", str(tmp_path / "none.jsonl"), str(tmp_path / "o.jsonl")]) == 1
    assert main(["batch", "find", str(bad), str(tmp_path / "o.xml")]) == 1


def test_task_options_say_which_columns_they_read():
    assert TaskOptions("check").required_columns() == ("source", "target")
    assert TaskOptions("find", text_column="body").required_columns() == ("body",)


@pytest.mark.slow
def test_ray_engine_matches_local_engine():
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'ipterm[ray]')")
    try:
        result = run_batch(PAIRS, "check", engine="ray", num_proc=2, shard_size=5)
        ray_rows = sorted(result.take_all(), key=lambda r: int(r["id"]))
    except Exception as exc:  # a sandbox without shared memory or sockets cannot start Ray
        pytest.skip(f"a local Ray instance could not start here: {type(exc).__name__}: {exc}")
    finally:
        if ray.is_initialized():
            ray.shutdown()
    local_rows = _rows(run_batch(PAIRS, "check", shard_size=5))
    assert [sorted(f["rule"] for f in r["findings"]) for r in ray_rows] == [
        sorted(f["rule"] for f in r["findings"]) for r in local_rows
    ]


def test_legacy_encoded_csv_is_read(tmp_path):
    source = tmp_path / "gb.csv"
    source.write_bytes("text\n国家知识产权局发布数据\n".encode("gb18030"))
    out = tmp_path / "out.jsonl"
    assert main(["batch", "find", str(source), str(out)]) == 0
    row = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert row["terms"][0]["text"] == "国家知识产权局"


def test_bad_output_name_or_column_fails_before_any_work(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"body": "国家知识产权局"}\n', encoding="utf-8")
    assert main(["batch", "find", str(source), str(tmp_path / "out.txt")]) == 1
    assert main(["batch", "find", str(source), str(tmp_path / "out.jsonl")]) == 1
    assert "no column 'text'" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
