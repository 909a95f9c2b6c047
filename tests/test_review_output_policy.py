"""review --export/--html and apply -o/--patch/--in-place follow safeio's one output policy: never onto an
input (a hard link included), over an existing file without --force, through a symlink or into a missing
folder, and a name taken while the run works is refused, not replaced."""
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup.cli.apply
import cleanup.cli.review
from cleanup.cli import main
from cleanup.review import read_review, write_review

WRONG, RIGHT = "上汤", "商汤"


def run(folder: Path, *args):
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(cwd)


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): ("link", os.readlink(p)) if p.is_symlink()
            else p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


@pytest.fixture
def reviewed(tmp_path):
    """A transcript, a lexicon and an accepted review of it, review.csv."""
    (tmp_path / "terms.txt").write_text(f"{RIGHT} | {WRONG}\n", "utf-8")
    (tmp_path / "talk.txt").write_text(f"{WRONG}发布了新模型。\n", "utf-8")
    result = run(tmp_path, "review", "talk.txt", "--lexicon", "terms.txt", "--no-default-lexicons",
                 "--export", "review.csv")
    assert result.exit_code == 0, result.output
    review_set = read_review(tmp_path / "review.csv")
    for proposal in list(review_set):
        review_set.decide(proposal.id, "accepted")
    write_review(review_set, tmp_path / "review.csv")
    return tmp_path


REVIEW = ["review", "talk.txt", "--lexicon", "terms.txt", "--no-default-lexicons"]


@pytest.mark.parametrize("option", ["--export", "--html"])
def test_review_refuses_a_hard_link_to_an_input_even_with_force(reviewed, option):
    os.link(reviewed / "talk.txt", reviewed / "hard.csv")
    before = snapshot(reviewed)
    result = run(reviewed, *REVIEW, option, "hard.csv", "--force")
    assert result.exit_code == 2 and "is an input" in result.output, result.output
    assert snapshot(reviewed) == before


@pytest.mark.parametrize("option", ["--export", "--html"])
def test_review_refuses_a_missing_folder_as_a_refused_output(reviewed, option):
    result = run(reviewed, *REVIEW, option, "no/out.csv")
    assert result.exit_code == 2 and "error: no/out.csv: folder" in result.output, result.output


@pytest.mark.parametrize("option, build", [("--export", "review_bytes"), ("--html", "html_report")])
def test_review_output_taken_meanwhile_is_not_replaced(reviewed, monkeypatch, option, build):
    module = cleanup.review.storage if build == "review_bytes" else cleanup.cli.review
    original = getattr(module, build)

    def build_and_race(*args):  # another run takes the name after the check, before the write
        (reviewed / "out.csv").write_text("theirs\n", "utf-8")
        return original(*args)

    monkeypatch.setattr(module, build, build_and_race)
    result = run(reviewed, *REVIEW, option, "out.csv")
    assert result.exit_code == 2 and "already exists" in result.output, result.output
    assert (reviewed / "out.csv").read_text("utf-8") == "theirs\n"


def test_apply_patch_taken_meanwhile_is_not_replaced(reviewed, monkeypatch):
    original = cleanup.cli.apply.review_patch

    def patch_and_race(applied):
        (reviewed / "fixes.patch").write_text("theirs\n", "utf-8")
        return original(applied)

    monkeypatch.setattr(cleanup.cli.apply, "review_patch", patch_and_race)
    result = run(reviewed, "apply", "review.csv", "--patch", "fixes.patch")
    assert result.exit_code == 2 and "already exists" in result.output, result.output
    assert (reviewed / "fixes.patch").read_text("utf-8") == "theirs\n"


def test_apply_output_taken_meanwhile_is_not_replaced(reviewed, monkeypatch):
    original = cleanup.cli.apply.review_patch

    def patch_and_race(applied):  # --diff computes the patch after -o's targets were checked
        (reviewed / "out.txt").write_text("theirs\n", "utf-8")
        return original(applied)

    monkeypatch.setattr(cleanup.cli.apply, "review_patch", patch_and_race)
    result = run(reviewed, "apply", "review.csv", "-o", "out.txt", "--diff")
    assert result.exit_code == 2 and "already exists" in result.output, result.output
    assert (reviewed / "out.txt").read_text("utf-8") == "theirs\n"


def test_apply_patch_refuses_a_hard_link_to_the_review_file_even_with_force(reviewed):
    os.link(reviewed / "review.csv", reviewed / "fixes.patch")
    before = snapshot(reviewed)
    result = run(reviewed, "apply", "review.csv", "--patch", "fixes.patch", "--force")
    assert result.exit_code == 2 and "is an input" in result.output, result.output
    assert snapshot(reviewed) == before


def test_apply_patch_refuses_a_symlink_and_a_missing_folder(reviewed):
    (reviewed / "link.patch").symlink_to("elsewhere.patch")
    before = snapshot(reviewed)
    for target in ("link.patch", "no/fixes.patch"):
        result = run(reviewed, "apply", "review.csv", "--patch", target, "--force")
        assert result.exit_code == 2 and f"error: {target}:" in result.output, result.output
    assert snapshot(reviewed) == before


def test_apply_in_place_refuses_a_symlinked_transcript_before_writing_anything(tmp_path):
    (tmp_path / "terms.txt").write_text(f"{RIGHT} | {WRONG}\n", "utf-8")
    (tmp_path / "real.txt").write_text(f"{WRONG}发布了新模型。\n", "utf-8")
    (tmp_path / "talk.txt").symlink_to("real.txt")
    result = run(tmp_path, *REVIEW, "--export", "review.csv")
    assert result.exit_code == 0, result.output
    review_set = read_review(tmp_path / "review.csv")
    for proposal in list(review_set):
        review_set.decide(proposal.id, "accepted")
    write_review(review_set, tmp_path / "review.csv")
    before = snapshot(tmp_path)
    result = run(tmp_path, "apply", "review.csv", "--in-place", "--patch", "fixes.patch")
    assert result.exit_code == 2 and "error: talk.txt: is a symlink" in result.output, result.output
    assert snapshot(tmp_path) == before  # no backup, no patch, the link still a link


def test_apply_in_place_still_overwrites_a_regular_transcript(reviewed):
    result = run(reviewed, "apply", "review.csv", "--in-place")
    assert result.exit_code == 0, result.output
    assert (reviewed / "talk.txt").read_text("utf-8") == f"{RIGHT}发布了新模型。\n"
    assert (reviewed / "talk.txt.bak").read_text("utf-8") == f"{WRONG}发布了新模型。\n"


@pytest.mark.parametrize("source", [["talk.txt"], ["--edits", "edits.jsonl"]])
def test_review_format_is_one_of_the_formats(reviewed, source):
    (reviewed / "edits.jsonl").write_text("", "utf-8")
    before = snapshot(reviewed)
    result = run(reviewed, "review", *source, "--lexicon", "terms.txt", "--format", "bogus", "--export", "r.csv")
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.output, result.output
    assert snapshot(reviewed) == before
    result = run(reviewed, "review", "talk.txt", "--lexicon", "terms.txt", "--no-default-lexicons",
                 "--format", "text", "--export", "r.csv")
    assert result.exit_code == 0, result.output
