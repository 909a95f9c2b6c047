"""The review session's walk through proposals: decisions, skip, undo, per-term decisions, resume."""
from pathlib import Path

import pytest

from cleanup.edits import Edit
from cleanup.formats import read_source
from cleanup.review import (Filters, ReviewSession, ReviewSet, Sources, read_review, run_terminal_review,
                            write_review)
from cleanup.review.propose import proposals_for

TEXT = "上汤和日日心，上汤和商康。\n"
EDITS = [(0, 2, "上汤", "商汤", 0.99), (3, 6, "日日心", "日日新", 0.8), (7, 9, "上汤", "商汤", 0.99),
         (10, 12, "商康", "商汤", 0.6)]


@pytest.fixture
def review_set(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(TEXT, encoding="utf-8")
    edits = [Edit(start, end, original, replacement, "known-variants" if score > 0.9 else "pinyin", replacement,
                  score, "") for start, end, original, replacement, score in EDITS]
    return ReviewSet(proposals_for(read_source(path), edits))


def decisions(review_set):
    return [p.decision for p in review_set]


def test_decide_skip_and_progress(review_set):
    saved = []
    session = ReviewSession(review_set, save=lambda rs: saved.append(decisions(rs)))
    assert session.progress == "1/4"
    session.decide("accepted")
    session.skip()
    session.decide("edited", "商汤汤")
    assert session.progress == "4/4"
    session.decide("rejected")
    assert session.done
    assert decisions(review_set) == ["accepted", "pending", "edited", "rejected"]
    assert list(review_set)[2].replacement == "商汤汤" and list(review_set)[2].proposed == "商汤"
    assert len(saved) == 3 and saved[-1] == decisions(review_set)


def test_undo_restores_the_proposal_and_returns_to_it(review_set):
    session = ReviewSession(review_set)
    session.decide("accepted")
    session.decide("edited", "别的")
    assert session.undo() and session.progress == "2/4"
    assert list(review_set)[1].decision == "pending" and list(review_set)[1].replacement == "日日新"
    assert session.undo() and session.progress == "1/4" and decisions(review_set) == ["pending"] * 4
    assert not session.undo()


def test_accept_all_for_a_term_is_undone_in_one_step(review_set):
    session = ReviewSession(review_set)
    assert session.decide_term("accepted") == 3
    assert decisions(review_set) == ["accepted", "pending", "accepted", "accepted"]
    assert session.progress == "2/4"
    session.undo()
    assert decisions(review_set) == ["pending"] * 4


def test_a_new_session_resumes_at_the_first_pending_proposal(review_set, tmp_path):
    session = ReviewSession(review_set)
    session.decide("accepted")
    session.skip()
    session.decide("rejected")
    write_review(review_set, tmp_path / "state.csv")
    resumed = ReviewSession(read_review(tmp_path / "state.csv"))
    assert resumed.progress == "2/4"
    resumed.decide("accepted")
    assert resumed.progress == "4/4"


def test_filters_limit_the_session(review_set):
    assert len(ReviewSession(review_set, Filters(passes=("pinyin",))).queue) == 2
    assert len(ReviewSession(review_set, Filters(min_score=0.7, max_score=0.9)).queue) == 1
    assert len(ReviewSession(review_set, Filters(terms=("日日新",))).queue) == 1
    assert len(ReviewSession(review_set, Filters(files=("t.txt",))).queue) == 4
    assert len(ReviewSession(review_set, Filters(files=("other.txt",))).queue) == 0


def test_keys_drive_the_session(review_set, capsys):
    keys = iter("y?ea")
    finished = run_terminal_review(ReviewSession(review_set), None, getchar=lambda: next(keys),
                                   prompt=lambda *args, **kwargs: "日日昕")
    assert finished
    assert decisions(review_set) == ["accepted", "edited", "accepted", "accepted"]
    output = capsys.readouterr().out
    assert "u - undo the last decision" in output
    assert "[-上汤-]{+商汤+}" in output and "(1/4)" in output
    assert "Accepted 2 fix(es) for 商汤." in output


def test_quit_leaves_the_rest_pending(review_set):
    keys = iter("sq")
    assert not run_terminal_review(ReviewSession(review_set), None, getchar=lambda: next(keys))
    assert decisions(review_set) == ["pending"] * 4


def test_the_view_shows_the_source_line_when_the_file_is_unchanged(review_set, tmp_path, capsys):
    keys = iter("q")
    run_terminal_review(ReviewSession(review_set), Sources(review_set, Path(tmp_path)), getchar=lambda: next(keys))
    output = capsys.readouterr().out
    assert "  1: [-上汤-]{+商汤+}和日日心，上汤和商康。\n" in output
    (tmp_path / "t.txt").write_text("changed", encoding="utf-8")
    keys = iter("q")
    run_terminal_review(ReviewSession(review_set), Sources(review_set, Path(tmp_path)), getchar=lambda: next(keys))
    assert "  1: …[-上汤-]{+商汤+}和日日心，上汤和商康。…" in capsys.readouterr().out


@pytest.fixture
def two_files(tmp_path):
    """The same misrecognitions in two files, and 上汤 proposed for a second term in the second file."""
    proposals = []
    for name, edits in (("a.txt", EDITS), ("b.txt", [(0, 2, "上汤", "商汤", 0.99), (3, 5, "上汤", "尚汤", 0.5),
                                                     (6, 9, "日日心", "日日新", 0.8)])):
        path = tmp_path / name
        path.write_text(TEXT, encoding="utf-8")
        edits = [Edit(a, b, o, r, "p", r, score, "") for a, b, o, r, score in edits]
        proposals += proposals_for(read_source(path), edits)
    return ReviewSet(proposals)


def test_a_rejection_rejects_that_original_for_that_term_across_the_set(two_files):
    session = ReviewSession(two_files)
    session.skip()
    session.decide("accepted")                           # a.txt 日日心
    assert session.decide("rejected") == 3               # a.txt 上汤 (second), a.txt 上汤 (first), b.txt 上汤 -> 商汤
    assert decisions(two_files) == ["rejected", "accepted", "rejected", "pending", "rejected", "pending", "pending"]
    assert session.progress == "4/7"                     # the set-wide rejections are not asked about again
    session.decide("rejected")                           # 商康 -> 商汤: nothing else like it
    assert decisions(two_files)[5:] == ["pending", "pending"]  # 上汤 -> 尚汤 is another term: still asked
    session.undo()
    session.undo()
    assert decisions(two_files) == ["pending", "accepted", "pending", "pending", "pending", "pending", "pending"]


def test_accept_every_identical_fix_in_the_set(two_files, capsys):
    ReviewSession(two_files).decide("rejected")          # a.txt's first 上汤 -> 商汤: and the others
    for proposal in two_files:
        two_files.restore(proposal.decided("pending"))
    two_files.decide(list(two_files)[6].id, "rejected")  # b.txt's 日日心 stays rejected
    keys = iter("siq")
    run_terminal_review(ReviewSession(two_files), None, getchar=lambda: next(keys))
    assert decisions(two_files) == ["pending", "accepted", "pending", "pending", "pending", "pending", "rejected"]
    assert "Accepted 1 fix(es) of 日日心 -> 日日新." in capsys.readouterr().out
    keys = iter("iq")
    run_terminal_review(ReviewSession(two_files), None, getchar=lambda: next(keys))
    assert decisions(two_files) == ["accepted", "accepted", "accepted", "pending", "accepted", "pending", "rejected"]
    assert "Accepted 3 fix(es) of 上汤 -> 商汤." in capsys.readouterr().out


def test_next_file_leaves_the_rest_of_the_file_pending(two_files, capsys):
    keys = iter("yfyfq")
    run_terminal_review(ReviewSession(two_files), None, getchar=lambda: next(keys))
    assert decisions(two_files) == ["accepted"] + ["pending"] * 3 + ["accepted", "pending", "pending"]
    assert f"No pending fixes after {list(two_files)[5].file}." in capsys.readouterr().out
    session = ReviewSession(two_files)
    assert session.progress == "2/7"                     # the next session comes back to what was passed over


def test_the_view_skips_blank_lines_around_the_fix(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text("第一行\n\n  \n上汤来了\n\n最后一行\n", encoding="utf-8")
    review_set = ReviewSet(proposals_for(read_source(path), [Edit(8, 10, "上汤", "商汤", "p", "商汤", 0.9, "")]))
    keys = iter("q")
    run_terminal_review(ReviewSession(review_set), Sources(review_set), getchar=lambda: next(keys))
    output = capsys.readouterr().out
    assert "  1: 第一行\n  4: [-上汤-]{+商汤+}来了\n  6: 最后一行\n" in output
