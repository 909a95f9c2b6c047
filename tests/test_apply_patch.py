"""`asr-cleanup apply --patch`: a diff of the applied fixes that git apply and patch -p1 accept."""
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.review import read_review, write_review
from conftest import REVIEW_RAW

@pytest.fixture
def decided(workdir):
    """The review set with decisions cycling through accepted, rejected and edited."""
    review_set = read_review("review.csv")
    for number, proposal in enumerate(list(review_set)):
        review_set.decide(proposal.id, ["accepted", "rejected", "edited"][number % 3], "改过")
    write_review(review_set, "review.csv")
    return workdir


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_apply_accepts_the_patch_and_reproduces_apply_output(decided):
    result = CliRunner().invoke(main, ["apply", "review.csv", "-o", "out", "--patch", "fixes.patch"])
    assert result.exit_code == 0, result.output
    patch = (decided / "fixes.patch").read_bytes()
    assert b"--- a/transcripts/meeting.txt\n+++ b/transcripts/meeting.txt\n" in patch
    assert git("init", "-q", cwd=decided).returncode == 0
    check = git("apply", "--check", "fixes.patch", cwd=decided)
    assert check.returncode == 0, check.stderr
    assert git("apply", "fixes.patch", cwd=decided).returncode == 0
    for raw in REVIEW_RAW:
        assert (decided / raw).read_bytes() == (decided / "out" / Path(raw).name).read_bytes()


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_patch_p1_accepts_the_diff(decided):
    result = CliRunner().invoke(main, ["apply", "review.csv", "--diff"])
    assert result.exit_code == 0
    dry_run = subprocess.run(["patch", "-p1", "--dry-run"], input=result.stdout_bytes, cwd=decided,
                             capture_output=True)
    assert dry_run.returncode == 0, dry_run.stdout + dry_run.stderr


def test_no_accepted_fixes_give_an_empty_patch(decided):
    review_set = read_review("review.csv")
    for proposal in list(review_set):
        review_set.decide(proposal.id, "rejected")
    write_review(review_set, "review.csv")
    result = CliRunner().invoke(main, ["apply", "review.csv", "--patch", "fixes.patch"])
    assert result.exit_code == 0 and (decided / "fixes.patch").read_bytes() == b""
