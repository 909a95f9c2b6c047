"""End to end in a real terminal (pexpect): review, quit, resume, finish, apply."""
import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

from cleanup.review import read_review

FIXTURES = Path(__file__).parent / "fixtures" / "review"
CLI = [sys.executable, "-c", "from cleanup.cli import main; main()"]
REVIEW = ["review", "transcripts/meeting.txt", "transcripts/notes.txt", "--lexicon", "lexicon.txt",
          "--no-default-lexicons", "--passes", "known-variants", "--state", "review.csv"]


@pytest.fixture
def workdir(tmp_path):
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    return tmp_path


def spawn(args, cwd):
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
           "PYTHONPATH": str(Path(__file__).parents[1]), "TERM": "xterm"}
    return pexpect.spawn(CLI[0], CLI[1:] + args, cwd=str(cwd), env=env, encoding="utf-8", timeout=60,
                         dimensions=(40, 160))


def answer(child, progress, key):
    child.expect_exact(f"({progress}) Apply this fix")
    child.send(key)


def decisions(workdir):
    return [p.decision for p in read_review(workdir / "review.csv")]


def test_review_quit_resume_finish_and_apply(workdir):
    child = spawn(REVIEW, workdir)
    child.expect_exact("(1/10) transcripts/meeting.txt:1:3")
    child.expect_exact("[-上汤-]")
    child.expect_exact("{+商汤+}")
    answer(child, "1/10", "y")
    answer(child, "2/10", "n")
    child.expect_exact("Rejected 2 fix(es) of 日日心 for 日日新.")   # line 4's 日日心 too
    child.expect_exact("(3/10) Apply this fix")
    assert decisions(workdir)[:2] == ["accepted", "rejected"]      # saved after every key
    child.send("e")
    child.expect_exact("Replacement [大模型]:")
    child.sendline("大模形")
    answer(child, "4/10", "s")
    answer(child, "5/10", "y")
    answer(child, "6/10", "u")
    answer(child, "5/10", "n")
    child.expect_exact("Rejected 2 fix(es) of open ai for OpenAI.")
    answer(child, "6/10", "q")
    child.expect_exact("run the same command to resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert decisions(workdir) == ["accepted", "rejected", "edited", "pending", "rejected", "pending", "rejected",
                                  "pending", "rejected", "pending"]

    child = spawn(REVIEW, workdir)
    child.expect_exact("Resuming review.csv: 6 of 10 decided")
    answer(child, "4/10", "y")
    answer(child, "6/10", "a")
    child.expect_exact("Accepted 2 fix(es) for 商汤.")
    answer(child, "10/10", "?")
    child.expect_exact("u - undo the last decision")
    answer(child, "10/10", "n")
    child.expect_exact("Review finished.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    child = spawn(["apply", "review.csv", "-o", "out"], workdir)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (workdir / "out/meeting.txt").read_bytes() == (
        "今天商汤发布了日日心大模形。\n商汤的合作方包括open ai。\n这一行没有需要改的地方。\n商汤的日日心很强。\n").encode()
    assert (workdir / "out/notes.txt").read_bytes() == "会上提到了商汤和open ai的大魔型。\r\n最后一行没有换行".encode()


def test_filters_and_default_state_file(workdir):
    child = spawn(REVIEW[:8] + ["--term", "OpenAI"], workdir)
    answer(child, "1/2", "y")
    answer(child, "2/2", "y")
    child.expect_exact("Review finished.")
    child.expect(pexpect.EOF)
    child.close()
    state = read_review(workdir / "transcripts/asr-cleanup-review.csv")
    assert {p.term for p in state if p.decision == "accepted"} == {"OpenAI"}
    assert sum(p.decision == "pending" for p in state) == 8
