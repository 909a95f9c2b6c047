"""The Python API: fix_paths over files and folders, chunked streaming, failures that do not stop a batch."""
import io
import os
from pathlib import Path

import pytest

from cleanup import batch
from cleanup.batch import CorrectorSpec, FixOptions, Job, PlanError, fix_file, fix_paths, plan
from cleanup.formats import read_source
from cleanup.judge import JudgeConfig
from cleanup.lexicon import Entry, Lexicon
from cleanup.pipeline import Corrector

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
LEXICON = Lexicon([Entry("商汤", variants=["上汤"])])
SPEC = CorrectorSpec(LEXICON, ["known-variants"])
CORRECTOR = SPEC.build()


def test_fix_paths_returns_results_and_writes_a_mirror(tmp_path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "a.txt").write_text("上汤\n", "utf-8")
    (raw / "sub" / "b.srt").write_bytes((FIXTURES / "sample.srt").read_bytes())
    (raw / "notes.docx").write_bytes(b"ignored: unknown extension")
    result = fix_paths([raw], SPEC, tmp_path / "out")
    assert [r.source for r in result.results] == [raw / "a.txt", raw / "sub" / "b.srt"]
    assert (tmp_path / "out" / "a.txt").read_text("utf-8") == "商汤\n"
    assert "<i>商汤</i>" in (tmp_path / "out" / "sub" / "b.srt").read_text("utf-8")
    assert not (tmp_path / "out" / "notes.docx").exists()
    assert result.edits_by("term") == {"商汤": 5}
    record = result.records[0]
    assert record["reason"].startswith("'上汤' is a listed variant of 商汤; confidence")
    assert 0.9 < record.pop("confidence") <= 1.0
    assert record == {"file": str(raw / "a.txt"), "line": 1, "column": 1, "original": "上汤", "replacement": "商汤",
                      "pass": "known-variants", "term": "商汤", "reason": record["reason"]}


def test_a_lexicon_is_enough_to_call_the_api(tmp_path):
    (tmp_path / "a.txt").write_text("上汤\n", "utf-8")
    result = fix_paths([tmp_path / "a.txt"], LEXICON)
    assert [r.changed for r in result.results] == [True]
    assert (tmp_path / "a.txt").read_text("utf-8") == "上汤\n"  # no output asked for: nothing written


def test_a_failing_file_does_not_stop_the_others(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.json").write_text('{"segments": [{"text": "上汤"', "utf-8")
    (raw / "b.txt").write_text("上汤\n", "utf-8")
    (raw / "c.txt").symlink_to(raw / "missing.txt")  # an unreadable file
    result = fix_paths([raw], SPEC, tmp_path / "out")
    assert [r.source.name for r in result.failed] == ["a.json", "c.txt"]
    assert "a.json:1: invalid JSON" in result.failed[0].error
    assert "c.txt: no such file" in result.failed[1].error
    assert (tmp_path / "out" / "b.txt").read_text("utf-8") == "商汤\n"
    assert not (tmp_path / "out" / "a.json").exists() and not (tmp_path / "out" / "c.txt").exists()


def test_unreadable_folder_is_a_failure(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    (raw / "locked" / "hidden.txt").write_text("上汤\n", "utf-8")
    (raw / "a.txt").write_text("上汤\n", "utf-8")
    scandir = os.scandir

    def locked_scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", locked_scandir)  # chmod 000 does not stop root
    result = fix_paths([raw], SPEC, tmp_path / "out")
    assert [r.source.name for r in result.failed] == ["locked"]
    assert result.failed[0].error == f"{raw / 'locked'}: cannot read folder: Permission denied"
    assert (tmp_path / "out" / "a.txt").exists()


def test_plan_refuses_output_inside_an_input_folder(tmp_path):
    (tmp_path / "raw").mkdir()
    with pytest.raises(PlanError, match="inside the input folder"):
        plan([tmp_path / "raw"], tmp_path / "raw" / "fixed")


def test_plan_refuses_writing_over_an_input(tmp_path):
    (tmp_path / "a.txt").write_text("x", "utf-8")
    with pytest.raises(PlanError, match="use --in-place"):
        plan([tmp_path / "a.txt"], tmp_path / "a.txt")
    with pytest.raises(PlanError, match="use --in-place"):
        plan([tmp_path / "a.txt", tmp_path / "a.txt"], tmp_path)


def test_plan_refuses_colliding_outputs(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("x", "utf-8")
    with pytest.raises(PlanError, match="would both be written"):
        plan([tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"], tmp_path / "out")


def test_unknown_encoding_is_refused_before_anything_runs(tmp_path):
    with pytest.raises(PlanError, match="unknown encoding"):
        fix_paths([tmp_path], SPEC, options=FixOptions(encoding="klingon"))


TEXT = "".join(f"第{i}行：上汤的模型{'上' if i % 3 else ''}汤\r\n" if i % 2 else f"line {i} 上汤\n" for i in range(40))
MARKDOWN = "# 上汤\n\n```\n上汤 in code\n\n上汤 still code\n```\n上汤 after\n"


@pytest.mark.parametrize("name, text", [("a.txt", TEXT), ("a.md", MARKDOWN)])
@pytest.mark.parametrize("chunk_lines, chunk_chars", [(1, 1000), (3, 1000), (1000, 7), (1000, 1 << 20)])
def test_streamed_chunks_match_the_whole_file(tmp_path, name, text, chunk_lines, chunk_chars):
    source = tmp_path / name
    source.write_bytes(text.encode("utf-16"))
    whole = read_source(source)
    whole_edits = CORRECTOR.correct(whole.document).edits
    options = FixOptions(chunk_lines=chunk_lines, chunk_chars=chunk_chars)
    result = fix_file(Job(source, tmp_path / "out" / name, tmp_path / "out"), CORRECTOR, options)
    assert result.error is None
    if chunk_chars > 10:  # lines cut mid-way (tiny chunk_chars) may hide a variant across the cut
        assert (tmp_path / "out" / name).read_bytes() == whole.render(whole_edits)
        assert [(r["line"], r["column"]) for r in result.records] == \
               [whole.document.line_col(e.start) for e in whole_edits]
    assert (tmp_path / "out" / name).read_bytes().decode("utf-16").count("\n") == text.count("\n")


def test_streaming_a_bad_byte_late_in_the_file_writes_nothing(tmp_path):
    source = tmp_path / "a.txt"
    source.write_bytes("上汤\n".encode() * 100 + b"\xff\n")
    result = fix_file(Job(source, tmp_path / "out.txt", tmp_path), CORRECTOR, FixOptions(chunk_lines=2))
    assert "byte offset 700 (line 101)" in result.error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_stdout_gets_nothing_when_a_file_fails(tmp_path, monkeypatch):
    source = tmp_path / "a.txt"
    source.write_bytes("上汤\n".encode() * 100 + b"\xff\n")
    stdout = io.TextIOWrapper(io.BytesIO())
    monkeypatch.setattr(batch.sys, "stdout", stdout)
    result = fix_file(Job(source, stdout=True), CORRECTOR, FixOptions(chunk_lines=2))
    assert result.error and stdout.buffer.getvalue() == b""


def test_in_place_keeps_a_backup_and_leaves_unchanged_files_alone(tmp_path):
    changed, unchanged = tmp_path / "a.txt", tmp_path / "b.txt"
    changed.write_text("上汤\n", "utf-8")
    unchanged.write_text("nothing\n", "utf-8")
    before = unchanged.stat().st_mtime_ns
    result = fix_paths([changed, unchanged], SPEC, options=FixOptions(in_place=True))
    assert [r.written for r in result.results] == [True, False]
    assert changed.read_text("utf-8") == "商汤\n"
    assert (tmp_path / "a.txt.bak").read_text("utf-8") == "上汤\n"
    assert unchanged.stat().st_mtime_ns == before and not (tmp_path / "b.txt.bak").exists()


def test_in_place_without_backup(tmp_path):
    (tmp_path / "a.txt").write_text("上汤\n", "utf-8")
    fix_paths([tmp_path / "a.txt"], SPEC, options=FixOptions(in_place=True, backup=False))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_in_place_refuses_a_symlinked_file(tmp_path):
    (tmp_path / "real.txt").write_text("上汤\n", "utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    result = fix_paths([tmp_path / "link.txt"], SPEC, options=FixOptions(in_place=True))
    assert "is a symlink" in result.failed[0].error
    assert (tmp_path / "real.txt").read_text("utf-8") == "上汤\n"


def test_worker_pool_gives_the_same_results(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(3):
        (raw / f"{i}.txt").write_text(f"{i} 上汤\n", "utf-8")
    result = fix_paths([raw], SPEC, tmp_path / "out", workers=2)
    assert [r.source.name for r in result.results] == ["0.txt", "1.txt", "2.txt"]
    assert [(tmp_path / "out" / f"{i}.txt").read_text("utf-8") for i in range(3)] == [f"{i} 商汤\n" for i in range(3)]


def test_corrector_spec_builds_the_configured_passes_and_judge():
    spec = CorrectorSpec(Lexicon([Entry("商汤科技")]), ["pinyin"], {"pinyin": {"max_unlike_syllables": 0}})
    corrector = spec.build()
    assert isinstance(corrector, Corrector) and [p.name for p in corrector.passes] == ["pinyin"]
    assert corrector.correct_text("上当科技").edits == []  # 当 for 汤 is an unlike syllable
    assert [e.replacement for e in CorrectorSpec(spec.lexicon, ["pinyin"]).build().correct_text("上当科技").edits] \
        == ["商汤科技"]
    assert CorrectorSpec(LEXICON, ["known-variants"], judge=JudgeConfig(min_confidence=1.0)).build() \
        .correct_text("上汤").edits == []


def test_workers_are_handed_the_biggest_files_first(tmp_path):
    sizes = {"a.txt": 10, "b.txt": 3000, "c.txt": 200, "d.txt": 3000}
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
    jobs = [Job(tmp_path / name, None, None) for name in [*sizes, "missing.txt"]]
    order = batch._largest_first([batch._size(job) for job in jobs], list(range(len(jobs))))
    assert [jobs[i].source.name for i in order] == ["b.txt", "d.txt", "c.txt", "a.txt", "missing.txt"]
