"""One output policy for every file the tool writes, main or side output: never onto an input, never over
an existing file without --force, atomic, race-free, never through or over a symlink."""
import errno
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import safeio
from cleanup.cli import main
from cleanup.safeio import AtomicFile, UnsafeOutput, backup, write_new

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
TERMS = FIXTURES / "terms.txt"
LEXICON = ["--lexicon", str(TERMS), "--no-default-lexicons", "--passes", "known-variants"]
RAW = "今天上汤发布了新模型。\n"
CLI = str(Path(sys.executable).parent / "asr-cleanup")


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert result.exit_code != 123, result.output
    return result


@pytest.fixture
def transcript(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(RAW, "utf-8")
    return path


def files(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the write itself ----------------------------------------------------------------------------

def test_a_new_file_is_not_put_over_one_created_meanwhile(tmp_path):
    dest = tmp_path / "out.txt"
    with AtomicFile(dest, replace=False) as out:
        out.write(b"mine")
        dest.write_bytes(b"theirs")  # another run got there between our check and our commit
        with pytest.raises(UnsafeOutput, match="already exists"):
            out.commit()
    assert dest.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_of_two_writers_to_one_output_only_one_succeeds(tmp_path):
    dest = tmp_path / "out.txt"
    barrier, outcomes = threading.Barrier(8), []

    def writer(number: int) -> None:
        barrier.wait()
        try:
            write_new(dest, f"run {number}".encode())
            outcomes.append(number)
        except UnsafeOutput:
            outcomes.append(None)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [n for n in outcomes if n is not None]
    assert len(winners) == 1
    assert dest.read_bytes() == f"run {winners[0]}".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_empty_placeholder_is_claimed_by_one_writer_only(tmp_path):
    dest = tmp_path / "out.txt"
    dest.touch()
    first, second = AtomicFile(dest, replace=False), AtomicFile(dest, replace=False)
    with first, second:
        first.write(b"first")
        second.write(b"second")
        first.commit()
        with pytest.raises(UnsafeOutput):
            second.commit()
    assert dest.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_symlink_is_never_replaced_by_a_regular_file(tmp_path):
    target = tmp_path / "target.txt"
    target.write_bytes(b"precious")
    for replace in (False, True):
        link = tmp_path / f"link-{replace}.txt"
        with AtomicFile(link, replace=replace) as out:
            out.write(b"new")
            link.symlink_to(target)  # appears after the output was opened
            with pytest.raises(UnsafeOutput, match="symlink"):
                out.commit()
        assert link.is_symlink() and target.read_bytes() == b"precious"


def test_backup_skips_a_name_taken_meanwhile(tmp_path, monkeypatch):
    original = tmp_path / "a.txt"
    original.write_bytes(b"data")
    real_install = safeio._install_new

    def racing_install(temp, dest):
        if dest.name == "a.txt.bak":
            dest.write_bytes(b"someone else's")
        real_install(temp, dest)

    monkeypatch.setattr(safeio, "_install_new", racing_install)
    assert backup(original) == tmp_path / "a.txt.bak.1"
    assert (tmp_path / "a.txt.bak").read_bytes() == b"someone else's"
    assert (tmp_path / "a.txt.bak.1").read_bytes() == b"data"


def test_write_new_refuses_inputs_even_with_force(tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(b"input")
    os.link(source, tmp_path / "hard.txt")
    (tmp_path / "soft.txt").symlink_to(source)
    for dest in (source, tmp_path / "hard.txt", tmp_path / "sub" / ".." / "in.txt"):
        with pytest.raises(UnsafeOutput, match="is an input"):
            write_new(dest, b"x", force=True, inputs=[source])
    with pytest.raises(UnsafeOutput):
        write_new(tmp_path / "soft.txt", b"x", force=True, inputs=[])
    with pytest.raises(UnsafeOutput, match="does not exist"):
        write_new(tmp_path / "missing" / "out.txt", b"x")
    assert source.read_bytes() == b"input"


# --- fix --edits ---------------------------------------------------------------------------------

def test_edits_onto_the_input_is_refused(transcript):
    result = run("fix", transcript, *LEXICON, "--in-place", "--no-backup", "--edits", transcript)
    assert result.exit_code == 2, result.output
    assert "is an input" in result.stderr
    assert transcript.read_text("utf-8") == RAW


@pytest.mark.parametrize("where", ["output", "lexicon"])
def test_edits_onto_the_output_or_a_lexicon_is_refused_even_with_force(tmp_path, transcript, where):
    lexicon = tmp_path / "terms.txt"
    lexicon.write_bytes(TERMS.read_bytes())
    out = tmp_path / "out.txt"
    target = out if where == "output" else lexicon
    before = files(tmp_path)
    result = run("fix", transcript, "--lexicon", lexicon, "--no-default-lexicons", "-o", out, "--force",
                 "--edits", target)
    assert result.exit_code == 2, result.output
    assert files(tmp_path) == before


def test_existing_edits_need_force_but_a_placeholder_does_not(tmp_path, transcript):
    edits = tmp_path / "edits.jsonl"
    edits.write_text("keep\n", "utf-8")
    result = run("fix", transcript, *LEXICON, "-o", tmp_path / "out.txt", "--edits", edits)
    assert result.exit_code == 2 and "already exists; use --force" in result.stderr
    assert edits.read_text("utf-8") == "keep\n" and not (tmp_path / "out.txt").exists()
    assert run("fix", transcript, *LEXICON, "-o", tmp_path / "out.txt", "--edits", edits, "--force").exit_code == 0
    assert json.loads(edits.read_text("utf-8"))["replacement"] == "商汤"
    edits.write_bytes(b"")
    assert run("fix", transcript, *LEXICON, "--check", "--edits", edits).exit_code == 1
    assert json.loads(edits.read_text("utf-8"))["original"] == "上汤"


def test_edits_through_a_symlink_is_refused(tmp_path, transcript):
    target = tmp_path / "target.jsonl"
    target.write_text("precious", "utf-8")
    (tmp_path / "edits.jsonl").symlink_to(target)
    result = run("fix", transcript, *LEXICON, "--check", "--edits", tmp_path / "edits.jsonl", "--force")
    assert result.exit_code == 2 and "symlink" in result.stderr
    assert (tmp_path / "edits.jsonl").is_symlink() and target.read_text("utf-8") == "precious"


def test_edits_into_a_missing_folder_is_a_clean_error(tmp_path, transcript):
    result = run("fix", transcript, *LEXICON, "-o", tmp_path / "out.txt", "--edits", tmp_path / "no" / "e.jsonl")
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "out.txt").exists()


def test_a_full_disk_for_the_edits_is_a_clean_error(tmp_path, transcript, monkeypatch):
    real_write = AtomicFile.write

    def write(self, data):
        if self.dest.suffix == ".jsonl":
            raise OSError(errno.ENOSPC, "No space left on device", str(self.dest))
        real_write(self, data)

    monkeypatch.setattr(AtomicFile, "write", write)
    result = run("fix", transcript, *LEXICON, "-o", tmp_path / "out.txt", "--edits", tmp_path / "e.jsonl")
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'e.jsonl'}: No space left on device" in result.stderr
    assert sorted(files(tmp_path)) == ["out.txt", "t.txt"]  # the output is done, no partial edit record


def test_a_non_utf8_file_name_with_edits(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(RAW, "utf-8")
    result = subprocess.run([CLI, "fix", name, *LEXICON, "-o", "out.txt",
                             "--edits", "e.jsonl", "--diff"], cwd=tmp_path, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    record = json.loads((tmp_path / "e.jsonl").read_text("utf-8"))
    assert os.fsencode(record["file"]) == b"caf\xe9.txt"
    assert (tmp_path / "out.txt").read_text("utf-8") == "今天商汤发布了新模型。\n"


# --- lexicon export and suggest ------------------------------------------------------------------

def test_lexicon_export_follows_the_policy(tmp_path):
    lexicon = tmp_path / "terms.txt"
    lexicon.write_bytes(TERMS.read_bytes())
    out = tmp_path / "out.txt"
    base = ["lexicon", "export", "--lexicon", lexicon, "--no-default-lexicons", "-o"]
    assert run(*base, lexicon, "--force").exit_code == 2
    assert lexicon.read_bytes() == TERMS.read_bytes()
    assert run(*base, out).exit_code == 0
    assert "商汤" in out.read_text("utf-8")
    out.write_text("keep", "utf-8")
    result = run(*base, out)
    assert result.exit_code == 2 and "already exists" in result.stderr and out.read_text("utf-8") == "keep"
    assert run(*base, out, "--force").exit_code == 0 and "商汤" in out.read_text("utf-8")
    assert run(*base, tmp_path / "no" / "out.txt").exit_code == 2


def test_lexicon_suggest_never_writes_onto_its_corpus(transcript):
    result = run("lexicon", "suggest", transcript, *LEXICON[:3], "-o", transcript, "--force")
    assert result.exit_code == 2 and "is an input" in result.stderr
    assert transcript.read_text("utf-8") == RAW


def test_the_main_output_may_not_be_a_lexicon(tmp_path, transcript):
    lexicon = tmp_path / "terms.txt"
    lexicon.write_bytes(TERMS.read_bytes())
    result = run("fix", transcript, "--lexicon", lexicon, "--no-default-lexicons", "-o", lexicon, "--force")
    assert result.exit_code == 2 and "is an input" in result.stderr
    assert lexicon.read_bytes() == TERMS.read_bytes()


def test_a_full_disk_names_the_output_and_leaves_nothing(tmp_path, transcript, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")  # as the OS says it: naming no file

    monkeypatch.setattr(safeio.os, "fsync", full)
    result = run("fix", transcript, *LEXICON, "-o", tmp_path / "out.txt", "--edits", tmp_path / "e.jsonl")
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'out.txt'}: No space left on device" in result.stderr
    assert f"error: {tmp_path / 'e.jsonl'}: No space left on device" in result.stderr
    assert files(tmp_path) == {"t.txt": RAW.encode()}


@pytest.mark.parametrize("kind", ["fifo", "device"])
@pytest.mark.parametrize("which", ["-o", "--edits"])
def test_a_non_file_output_is_never_replaced_even_with_force(tmp_path, transcript, kind, which):
    target = Path("/dev/null")
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    args = ["-o", target] if which == "-o" else ["--check", "--edits", target]
    result = run("fix", transcript, *LEXICON, *args, "--force")
    assert result.exit_code == (1 if which == "-o" else 2), result.output
    assert "is not a regular file" in result.stderr
    assert Path("/dev/null").is_char_device() and (kind != "fifo" or target.is_fifo())
