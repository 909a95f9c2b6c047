"""asr-cleanup lexicon learn: review decisions become variants, protected spots and new terms."""
import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.lexicon import load_lexicon, load_lexicons
from cleanup.pipeline import Corrector
from cleanup.review import review_files, write_review

FIXTURES = Path(__file__).parent / "fixtures" / "lexicon"
BASE = FIXTURES / "learn_lexicon.toml"
TRANSCRIPT = "深度秋锁的工程师也来了。\n我们的上汤很好喝。\n"


@pytest.fixture
def transcript(tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


def proposals(lexicon_paths, text):
    corrector = Corrector(load_lexicons(lexicon_paths, defaults=False))
    return {(e.original, e.replacement): e.pass_name for e in corrector.correct_text(text).edits}


def reviewed(transcript, tmp_path, decisions):
    review_set = review_files([transcript], load_lexicons([BASE], defaults=False))
    for proposal in list(review_set):
        review_set.decide(proposal.id, *decisions[proposal.original])
    path = tmp_path / "review.csv"
    write_review(review_set, path)
    return path


def learn(*args, input=None):
    return CliRunner().invoke(main, ["lexicon", "learn", *map(str, args)], input=input)


def test_learn_end_to_end(transcript, tmp_path):
    assert proposals([BASE], TRANSCRIPT) == {("深度秋锁", "深度求索"): "pinyin", ("上汤", "商汤"): "pinyin"}
    review = reviewed(transcript, tmp_path, {"深度秋锁": ("accepted",), "上汤": ("rejected",)})
    learned = tmp_path / "learned.toml"
    result = learn(review, "--to", learned, "--yes")
    assert result.exit_code == 0, result.output
    assert "+variants = [\"深度秋锁\"]" in result.output  # the diff is shown
    assert load_lexicon(learned).get("商汤").protected == ["们的上汤很好"]
    after = proposals([BASE, learned], TRANSCRIPT)
    assert after == {("深度秋锁", "深度求索"): "known-variants"}
    assert proposals([BASE, learned], "商堂的老板来了。") == {("商堂", "商汤"): "pinyin"}  # only that spot


def test_learn_asks_before_writing_on_a_terminal(transcript, tmp_path, monkeypatch):
    monkeypatch.setattr("cleanup.cli.lexicon.stdin_is_terminal", lambda: True)
    review = reviewed(transcript, tmp_path, {"深度秋锁": ("accepted",), "上汤": ("pending",)})
    learned = tmp_path / "learned.toml"
    result = learn(review, "--to", learned, input="n\n")
    assert "+variants = [\"深度秋锁\"]" in result.output and not learned.exists()
    result = learn(review, "--to", learned, input="y\n")
    assert result.exit_code == 0 and load_lexicon(learned).get("深度求索").variants == ["深度秋锁"]


def test_learn_writes_without_a_terminal_and_dry_run_writes_nothing(transcript, tmp_path):
    review = reviewed(transcript, tmp_path, {"深度秋锁": ("accepted",), "上汤": ("pending",)})
    learned = tmp_path / "learned.toml"
    result = learn(review, "--to", learned, "--dry-run")
    assert "+variants = [\"深度秋锁\"]" in result.output and not learned.exists()
    assert learn(review, "--to", learned).exit_code == 0
    assert load_lexicon(learned).get("深度求索").variants == ["深度秋锁"]


def test_edited_decision_proposes_a_new_term(transcript, tmp_path):
    review = reviewed(transcript, tmp_path, {"深度秋锁": ("pending",), "上汤": ("edited", "上汤面")})
    learned = tmp_path / "learned.toml"
    assert learn(review, "--to", learned, "--yes").exit_code == 0
    assert load_lexicon(learned).get("上汤面").variants == ["上汤"]


def test_hand_made_csv_in_the_documented_columns(tmp_path):
    review = tmp_path / "review.csv"
    columns = ["id", "file", "line", "column", "original", "replacement", "pass", "term", "score", "reason",
               "decision"]
    with review.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerow(["a1", "talk.txt", "1", "1", "深度秋锁", "深度求索", "pinyin", "深度求索", "0.95", "", "y"])
        writer.writerow(["a2", "talk.txt", "2", "4", "上汤", "商汤", "pinyin", "商汤", "0.95", "", "n"])
    learned = tmp_path / "learned.toml"
    result = learn(review, "--to", learned, "--yes")
    assert result.exit_code == 0, result.output
    lexicon = load_lexicon(learned)
    assert lexicon.get("深度求索").variants == ["深度秋锁"]
    assert lexicon.get("商汤").protected == ["上汤"]  # no context columns: the bare original


def test_accepted_fix_to_part_of_a_name_teaches_that_part(tmp_path):
    review = tmp_path / "review.csv"
    with review.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "file", "line", "column", "original", "replacement", "pass", "term", "score",
                         "reason", "decision"])
        writer.writerow(["b1", "talk.txt", "1", "1", "模术", "模速", "pinyin", "模速空间", "0.9", "", "accepted"])
        writer.writerow(["b2", "talk.txt", "2", "1", "GBT4O", "GPT4o", "latin", "GPT-4o", "0.9", "", "accepted"])
    learned = tmp_path / "learned.toml"
    assert learn(review, "--to", learned, "--yes").exit_code == 0
    lexicon = load_lexicon(learned)
    assert lexicon.get("模速").variants == ["模术"] and lexicon.get("模速空间") is None
    assert lexicon.get("GPT-4o").variants == ["GBT4O"]  # same spelling as the term: the term learns it
