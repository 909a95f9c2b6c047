"""`asr-cleanup apply`: exactly the accepted and edited fixes, refusing stale sources and overlaps."""
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.edits import Edit
from cleanup.formats import read_source
from cleanup.review import ReviewError, ReviewSet, applied_files, read_review, write_review
from cleanup.review.propose import proposals_for
from conftest import REVIEW_RAW

MEETING_ALL_ACCEPTED = "今天商汤发布了日日新大模型。\n商汤的合作方包括OpenAI。\n这一行没有需要改的地方。\n商汤的日日新很强。\n"


def decide_all(decision, path="review.csv"):
    review_set = read_review(path)
    for proposal in list(review_set):
        review_set.decide(proposal.id, decision)
    write_review(review_set, path)
    return review_set


def apply(*args):
    return CliRunner().invoke(main, ["apply", *args])


def test_all_accepted_writes_every_fix(workdir):
    decide_all("accepted")
    result = apply("review.csv", "-o", "out")
    assert result.exit_code == 0, result.output
    assert (workdir / "out/meeting.txt").read_text(encoding="utf-8") == MEETING_ALL_ACCEPTED
    assert (workdir / "out/notes.txt").read_bytes() == "会上提到了商汤和OpenAI的大模型。\r\n最后一行没有换行".encode()


def test_only_accepted_and_edited_fixes_are_applied(workdir):
    review_set = read_review("review.csv")
    meeting = [p for p in review_set if p.file.endswith("meeting.txt")]
    review_set.decide(meeting[0].id, "accepted")         # 上汤 -> 商汤
    review_set.decide(meeting[1].id, "rejected")         # 日日心 stays
    review_set.decide(meeting[2].id, "edited", "大模形")  # 大魔型 -> the reviewer's text
    write_review(review_set, "review.csv")               # the rest stay pending
    result = apply("review.csv", "-o", "out")
    assert result.exit_code == 0, result.output
    assert (workdir / "out/meeting.txt").read_text(encoding="utf-8") == (
        "今天商汤发布了日日心大模形。\n商康的合作方包括open ai。\n这一行没有需要改的地方。\n上汤的日日心很强。\n")
    assert (workdir / "out/notes.txt").read_bytes() == (workdir / "transcripts/notes.txt").read_bytes()


def test_all_rejected_gives_byte_identical_files(workdir):
    decide_all("rejected")
    assert apply("review.csv", "-o", "out").exit_code == 0
    for raw in REVIEW_RAW:
        assert (workdir / "out" / Path(raw).name).read_bytes() == (workdir / raw).read_bytes()


def test_apply_is_idempotent(workdir):
    decide_all("accepted")
    assert apply("review.csv", "-o", "out").exit_code == 0
    first = (workdir / "out/meeting.txt").read_bytes()
    assert apply("review.csv", "-o", "out", "--force").exit_code == 0
    assert (workdir / "out/meeting.txt").read_bytes() == first
    assert sorted(p.name for p in (workdir / "out").iterdir()) == ["meeting.txt", "notes.txt"]


def test_an_existing_output_is_refused_without_force_and_nothing_is_written(workdir):
    decide_all("accepted")
    (workdir / "out").mkdir()
    (workdir / "out/notes.txt").write_text("keep\n", encoding="utf-8")
    result = apply("review.csv", "-o", "out", "--patch", "fixes.patch")
    assert result.exit_code == 2
    assert result.output.startswith("error: out/notes.txt: already exists; use --force")
    assert [p.name for p in (workdir / "out").iterdir()] == ["notes.txt"]      # meeting.txt not written either
    assert (workdir / "out/notes.txt").read_text(encoding="utf-8") == "keep\n" and not Path("fixes.patch").exists()
    (workdir / "fixes.patch").write_text("old patch\n", encoding="utf-8")
    result = apply("review.csv", "--patch", "fixes.patch")
    assert result.exit_code == 2 and "error: fixes.patch: already exists" in result.output
    assert (workdir / "fixes.patch").read_text(encoding="utf-8") == "old patch\n"


def test_force_replaces_an_existing_output_atomically(workdir):
    decide_all("accepted")
    (workdir / "out").mkdir()
    old = workdir / "out/meeting.txt"
    old.write_text("old\n", encoding="utf-8")
    old.chmod(0o640)
    os.link(old, workdir / "old-link")                 # a new file renamed into place leaves the old inode alone
    result = apply("review.csv", "-o", "out", "--force")
    assert result.exit_code == 0, result.output
    assert old.read_text(encoding="utf-8") == MEETING_ALL_ACCEPTED
    assert (workdir / "old-link").read_text(encoding="utf-8") == "old\n"
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert sorted(p.name for p in (workdir / "out").iterdir()) == ["meeting.txt", "notes.txt"]  # no temporary left


def test_output_is_a_file_for_a_review_of_one_file(workdir):
    result = CliRunner().invoke(main, ["review", "transcripts/meeting.txt", "--lexicon", "lexicon.txt",
                                       "--no-default-lexicons", "--export", "one.csv"])
    assert result.exit_code == 0, result.output
    decide_all("accepted", "one.csv")
    assert apply("one.csv", "-o", "fixed.txt").exit_code == 0
    assert (workdir / "fixed.txt").read_text(encoding="utf-8") == MEETING_ALL_ACCEPTED
    assert apply("one.csv", "-o", "folder/").exit_code == 0
    assert (workdir / "folder/meeting.txt").read_text(encoding="utf-8") == MEETING_ALL_ACCEPTED
    result = apply("one.csv", "-o", "fixed.txt")
    assert result.exit_code == 2 and "error: fixed.txt: already exists; use --force" in result.output
    result = apply("one.csv", "-o", "one.csv", "--force")
    assert result.exit_code == 2 and "error: one.csv: is an input" in result.output
    assert len(read_review("one.csv")) == 7
    result = apply("one.csv", "-o", "transcripts/meeting.txt", "--force")
    assert result.exit_code == 2 and "--in-place" in result.output


def test_refuses_when_a_source_changed_since_review(workdir):
    decide_all("accepted")
    with open(workdir / "transcripts/meeting.txt", "a", encoding="utf-8") as handle:
        handle.write("新加的一行\n")
    result = apply("review.csv", "-o", "out")
    assert result.exit_code != 0
    assert "changed since review" in result.output and "transcripts/meeting.txt" in result.output
    assert not (workdir / "out").exists()


def test_refuses_overlapping_decisions(workdir):
    source = read_source("transcripts/meeting.txt")
    edits = [Edit(2, 4, "上汤", "商汤", "p", "商汤", 0.9, ""), Edit(3, 5, "汤发", "X", "p", "X", 0.5, "")]
    review_set = ReviewSet(proposals_for(source, edits, "transcripts/meeting.txt"))
    for proposal in list(review_set):
        review_set.decide(proposal.id, "accepted")
    write_review(review_set, "overlap.csv")
    result = apply("overlap.csv", "-o", "out")
    assert result.exit_code != 0 and "overlap" in result.output
    review_set.decide(list(review_set)[1].id, "rejected")
    assert [a.data.decode() for a in applied_files(review_set)][0].startswith("今天商汤发布")


def test_in_place_needs_the_flag_and_keeps_a_backup(workdir):
    decide_all("accepted")
    original = (workdir / "transcripts/meeting.txt").read_bytes()
    result = apply("review.csv", "-o", "transcripts", "--force")
    assert result.exit_code == 2 and "--in-place" in result.output
    assert (workdir / "transcripts/meeting.txt").read_bytes() == original
    assert apply("review.csv", "--in-place").exit_code == 0
    assert (workdir / "transcripts/meeting.txt").read_text(encoding="utf-8") == MEETING_ALL_ACCEPTED
    assert (workdir / "transcripts/meeting.txt.bak").read_bytes() == original
    again = apply("review.csv", "--in-place")
    assert again.exit_code != 0 and "changed since review" in again.output


def test_files_with_the_same_name_cannot_share_an_output_folder(workdir):
    (workdir / "other").mkdir()
    shutil.copy(workdir / "transcripts/meeting.txt", workdir / "other/meeting.txt")
    result = CliRunner().invoke(main, ["review", "transcripts/meeting.txt", "other/meeting.txt", "--lexicon",
                                       "lexicon.txt", "--no-default-lexicons", "--export", "two.csv"])
    assert result.exit_code == 0, result.output
    result = apply("two.csv", "-o", "out")
    assert result.exit_code == 2 and "would both be written" in result.output and not Path("out").exists()


def test_apply_finds_sources_relative_to_the_review_file(workdir, monkeypatch):
    decide_all("accepted")
    monkeypatch.chdir(workdir / "transcripts")
    assert apply("../review.csv", "-o", "../out").exit_code == 0
    assert (workdir / "out/meeting.txt").read_text(encoding="utf-8") == MEETING_ALL_ACCEPTED


def test_apply_needs_a_destination(workdir):
    result = apply("review.csv")
    assert result.exit_code != 0 and "-o OUT_DIR" in result.output


def test_a_stale_review_is_reported_by_the_api_too(workdir):
    (workdir / "transcripts/notes.txt").write_bytes(b"changed")
    with pytest.raises(ReviewError, match="notes.txt"):
        applied_files(read_review("review.csv"))


def test_a_review_file_cut_down_to_the_harness_columns_still_applies(workdir):
    import pandas as pd
    frame = pd.read_csv("review.csv", dtype=str, keep_default_na=False)
    frame = frame[["id", "file", "line", "column", "original", "replacement", "pass", "term", "score", "reason",
                   "decision"]]
    frame["decision"] = "accepted"
    frame.loc[1, ["decision", "replacement"]] = ["edited", "日日昕"]
    frame.loc[2, "decision"] = "rejected"
    frame.to_csv("minimal.csv", index=False)
    result = apply("minimal.csv", "-o", "out")
    assert result.exit_code == 0, result.output
    assert (workdir / "out/meeting.txt").read_text(encoding="utf-8") == MEETING_ALL_ACCEPTED.replace(
        "日日新大模型", "日日昕大魔型", 1)
