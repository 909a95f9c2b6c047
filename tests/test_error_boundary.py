"""One error boundary: known errors are `error: FILE[:LINE]: message`, exit codes come from one table,
anything unexpected is a short internal error (exit 123), and a batch keeps going past a bad file."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import errors
from cleanup.batch import FixOptions, fix_paths
from cleanup.cli import main
from cleanup.encoding import SAMPLE_SIZE
from cleanup.lexicon import load_lexicons

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
TERMS = FIXTURES / "terms.txt"
LEXICON = ["--lexicon", str(TERMS), "--no-default-lexicons"]
FAST = [*LEXICON, "--passes", "known-variants"]
CLI = str(Path(sys.executable).parent / "asr-cleanup")
README = Path(__file__).parents[1] / "README.md"


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


def clean(result) -> None:
    assert "Traceback" not in result.output, result.output
    assert result.exit_code != errors.INTERNAL, result.output


def test_the_exit_code_table_is_documented():
    assert (errors.OK, errors.FAILED, errors.USAGE, errors.INTERNAL) == (0, 1, 2, 123)
    section = README.read_text("utf-8").split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in (0, 1, 2, 123):
        assert f"| {code} |" in section
    assert errors.DEBUG_VARIABLE in section


@pytest.mark.parametrize("bug", [RuntimeError, KeyError, UnicodeEncodeError, AttributeError])
def test_an_unexpected_exception_is_a_short_internal_error(monkeypatch, bug):
    def broken(*args):
        raise bug("utf-8", "x", 0, 1, "boom") if bug is UnicodeEncodeError else bug("boom")

    monkeypatch.setattr("cleanup.cli.lexicon.export_entries", broken)
    monkeypatch.delenv(errors.DEBUG_VARIABLE, raising=False)
    result = run("lexicon", "export", "--no-default-lexicons")
    assert result.exit_code == errors.INTERNAL
    assert result.stderr.startswith(f"error: internal error ({bug.__name__}: ")
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
    monkeypatch.setenv(errors.DEBUG_VARIABLE, "1")
    result = run("lexicon", "export", "--no-default-lexicons")
    assert isinstance(result.exception, bug)


def test_click_exceptions_use_the_same_form():
    result = run("lexicon", "show", "没有这个词", "--no-default-lexicons")
    assert result.exit_code == errors.FAILED
    assert result.stderr == "error: '没有这个词' is in no lexicon\n"


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib", "bz2", "uu"])
@pytest.mark.parametrize("command", ["fix", "diff", "review"])
def test_non_text_codecs_are_a_usage_error(tmp_path, command, codec):
    source = tmp_path / "t.txt"
    source.write_text("今天上汤发布了新模型。\n", "utf-8")
    extra = ["--export", tmp_path / "r.csv"] if command == "review" else []
    result = run(command, source, *LEXICON, "--encoding", codec, *extra)
    clean(result)
    assert result.exit_code == errors.USAGE, result.output
    assert f"{codec!r} is not a text encoding" in result.stderr
    assert source.read_text("utf-8") == "今天上汤发布了新模型。\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.txt"]


@pytest.mark.parametrize("command", ["fix", "diff", "review", "suggest"])
def test_a_huge_json_number_is_an_error_naming_the_file(tmp_path, command):
    source = tmp_path / "big.json"
    source.write_text('{"segments": [{"text": "上汤"}], "n": ' + "1" * 5000 + "}", "utf-8")
    args = {"fix": ["fix", source, *FAST, "-o", tmp_path / "out.json"], "diff": ["diff", source, *FAST],
            "review": ["review", source, *FAST[:3], "--export", tmp_path / "r.csv"],
            "suggest": ["lexicon", "suggest", source, *LEXICON]}[command]
    result = run(*args)
    clean(result)
    assert result.exit_code == errors.FAILED, result.output
    assert f"error: {source}: invalid JSON" in result.stderr


def test_markup_in_a_file_name_is_printed_as_it_is(tmp_path):
    source = tmp_path / "[bold]a.txt"
    source.write_bytes(b"ab\x00c")
    result = run("fix", source, *FAST, "-o", tmp_path / "out.txt")
    clean(result)
    assert result.exit_code == errors.FAILED
    assert f"error: {source}:" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_keeps_going_and_keeps_the_good_records(tmp_path, jobs):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("上汤一\n", "utf-8")
    (raw / "b.txt").write_bytes("上汤二\n".encode() + b"x\x00y\n")  # binary after a fix
    (raw / "c.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\n上汤三\n", "utf-8")
    (raw / "d.vtt").write_text("not a WebVTT file\n", "utf-8")
    edits = tmp_path / "edits.jsonl"
    result = run("fix", raw, *FAST, "-o", tmp_path / "out", "--edits", edits, "--jobs", jobs)
    clean(result)
    assert result.exit_code == errors.FAILED
    assert f"error: {raw / 'b.txt'}:" in result.stderr and f"error: {raw / 'd.vtt'}:1:" in result.stderr
    records = [json.loads(line) for line in edits.read_text("utf-8").splitlines()]
    assert sorted(Path(r["file"]).name for r in records) == ["a.txt", "c.srt"]
    assert sorted(p.name for p in (tmp_path / "out").rglob("*")) == ["a.txt", "c.srt"]


def test_a_file_that_fails_late_leaves_no_records(tmp_path):
    source = tmp_path / "late.txt"
    source.write_bytes("上汤\n".encode() * 5 + b" " * SAMPLE_SIZE + b"\n\x00\n")  # NUL beyond the sample
    result = fix_paths([source], load_lexicons([TERMS], defaults=False), output=tmp_path / "out.txt",
                       options=FixOptions(chunk_lines=1))
    assert result.failed and "binary" in result.failed[0].error
    assert result.records == [] and result.edit_count == 0
    assert not (tmp_path / "out.txt").exists()


# --- named pipes and other non-files --------------------------------------------------------------

@pytest.mark.parametrize("command", [["fix"], ["fix", "--check"], ["diff"], ["review", "--export", "r.csv"],
                                     ["lexicon", "suggest"]])
def test_named_pipes_are_refused_never_waited_on(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.txt")
    args = [CLI, *command[:2 if command[0] == "lexicon" else 1], "pipe.txt", *command[2 if command[0] == "lexicon"
                                                                                          else 1:], *FAST[:3]]
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == errors.FAILED, result.stderr
    assert "error: pipe.txt: not a" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["diff", "suggest"])
def test_devices_are_refused(command):
    args = ["diff", "/dev/zero", *FAST] if command == "diff" else ["lexicon", "suggest", "/dev/zero", *LEXICON]
    result = run(*args)
    clean(result)
    assert result.exit_code == errors.FAILED and "error: /dev/zero: not a regular file" in result.stderr


def test_a_bug_on_one_file_fails_that_file_and_exits_123(tmp_path, monkeypatch):
    from cleanup.pipeline import Corrector

    real = Corrector.correct

    def correct(self, document):
        if document.name.endswith("bad.txt"):
            raise AttributeError("boom")
        return real(self, document)

    monkeypatch.setattr(Corrector, "correct", correct)
    for name in ("a.txt", "bad.txt", "c.txt"):
        (tmp_path / name).write_text("上汤\n", "utf-8")
    result = run("fix", tmp_path / "a.txt", tmp_path / "bad.txt", tmp_path / "c.txt", *FAST, "-o", tmp_path / "out",
                 "--edits", tmp_path / "e.jsonl")
    assert result.exit_code == errors.INTERNAL and "Traceback" not in result.output
    assert f"error: {tmp_path / 'bad.txt'}: internal error (AttributeError: boom)" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "c.txt"]
    assert len((tmp_path / "e.jsonl").read_text("utf-8").splitlines()) == 2
