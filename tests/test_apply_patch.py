"""`asr-cleanup apply --patch`: a diff of the applied fixes that git apply and patch -p1 accept."""
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.review import read_review, write_review

FIXTURES = Path(__file__).parent / "fixtures" / "review"
RAW = ["transcripts/meeting.txt", "transcripts/notes.txt"]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["review", *RAW, "--lexicon", "lexicon.txt", "--no-default-lexicons",
                                       "--passes", "known-variants", "--export", "review.csv"])
    assert result.exit_code == 0, result.output
    review_set = read_review("review.csv")
    for number, proposal in enumerate(list(review_set)):
        review_set.decide(proposal.id, ["accepted", "rejected", "edited"][number % 3], "改过")
    write_review(review_set, "review.csv")
    return tmp_path


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_apply_accepts_the_patch_and_reproduces_apply_output(workdir):
    result = CliRunner().invoke(main, ["apply", "review.csv", "-o", "out", "--patch", "fixes.patch"])
    assert result.exit_code == 0, result.output
    patch = (workdir / "fixes.patch").read_bytes()
    assert b"--- a/transcripts/meeting.txt\n+++ b/transcripts/meeting.txt\n" in patch
    assert git("init", "-q", cwd=workdir).returncode == 0
    check = git("apply", "--check", "fixes.patch", cwd=workdir)
    assert check.returncode == 0, check.stderr
    assert git("apply", "fixes.patch", cwd=workdir).returncode == 0
    for raw in RAW:
        assert (workdir / raw).read_bytes() == (workdir / "out" / Path(raw).name).read_bytes()


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_patch_p1_accepts_the_diff(workdir):
    result = CliRunner().invoke(main, ["apply", "review.csv", "--diff"])
    assert result.exit_code == 0
    dry_run = subprocess.run(["patch", "-p1", "--dry-run"], input=result.stdout_bytes, cwd=workdir,
                             capture_output=True)
    assert dry_run.returncode == 0, dry_run.stdout + dry_run.stderr


def test_no_accepted_fixes_give_an_empty_patch(workdir):
    review_set = read_review("review.csv")
    for proposal in list(review_set):
        review_set.decide(proposal.id, "rejected")
    write_review(review_set, "review.csv")
    result = CliRunner().invoke(main, ["apply", "review.csv", "--patch", "fixes.patch"])
    assert result.exit_code == 0 and (workdir / "fixes.patch").read_bytes() == b""
