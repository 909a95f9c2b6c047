"""`asr-cleanup review --stats`: acceptance rates by pass, term and score band."""
import math

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.edits import Edit
from cleanup.formats import read_source
from cleanup.review import ReviewSet, acceptance_stats, write_review
from cleanup.review.propose import proposals_for
from cleanup.review.stats import score_band


@pytest.fixture
def review_set(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("上汤日日心商康上汤", encoding="utf-8")
    edits = [Edit(0, 2, "上汤", "商汤", "known-variants", "商汤", 0.99, ""),
             Edit(2, 5, "日日心", "日日新", "pinyin", "日日新", 0.75, ""),
             Edit(5, 7, "商康", "商汤", "pinyin", "商汤", 0.85, ""),
             Edit(7, 9, "上汤", "商汤", "known-variants", "商汤", 0.99, "")]
    review_set = ReviewSet(proposals_for(read_source(path), edits))
    for proposal, decision in zip(list(review_set), ["accepted", "rejected", "edited", "pending"]):
        review_set.decide(proposal.id, decision, "商汤汤")
    return review_set


def test_score_bands():
    assert score_band(0.99) == score_band(1.0) == "0.95-1.00"
    assert score_band(0.9) == "0.90-0.95" and score_band(0.1) == "0.00-0.50"


def test_acceptance_counts_accepted_and_edited_over_decided(review_set):
    tables = acceptance_stats(review_set)
    by_pass = tables["pass"]
    assert by_pass.loc["known-variants", "acceptance"] == 1.0           # 1 accepted, 1 pending
    assert by_pass.loc["pinyin", "acceptance"] == 0.5                    # 1 edited, 1 rejected
    assert by_pass.loc["known-variants", "proposals"] == 2
    assert tables["term"].loc["商汤", "acceptance"] == 1.0
    assert tables["term"].loc["日日新", "acceptance"] == 0.0
    assert set(tables["score band"].index) == {"0.70-0.80", "0.80-0.90", "0.95-1.00"}


def test_a_group_without_decisions_has_no_rate(review_set):
    for proposal in list(review_set):
        review_set.decide(proposal.id, "pending")
    assert math.isnan(acceptance_stats(review_set)["pass"].loc["pinyin", "acceptance"])


def test_stats_command(review_set, tmp_path):
    write_review(review_set, tmp_path / "review.csv")
    result = CliRunner().invoke(main, ["review", "--stats", str(tmp_path / "review.csv")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("4 proposals: 1 pending, 1 accepted, 1 rejected, 1 edited")
    assert "Acceptance by pass:" in result.output and "Acceptance by score band:" in result.output
