"""asr-cleanup lexicon learn: review decisions become variants, protected spots and new terms."""
import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import Document
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


def confidence(lexicon_paths, text):
    [verdict] = [v for v in Corrector(load_lexicons(lexicon_paths, defaults=False)).verdicts(Document.from_text(text))
                 if v.candidate.original == "升腾"]
    return verdict.confidence


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
    assert load_lexicon(learned).get("商汤").protected == ["上汤"]
    after = proposals([BASE, learned], TRANSCRIPT)
    assert after == {("深度秋锁", "深度求索"): "known-variants"}
    assert proposals([BASE, learned], "上汤科技来了。") == {}                          # 上汤 is never 商汤 now
    assert proposals([BASE, learned], "商堂的老板来了。") == {("商堂", "商汤"): "pinyin"}  # only that original


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


def review_csv(path, rows):
    """A review file with one row per (original, replacement, term, decision, context_before, context_after)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "file", "line", "column", "original", "replacement", "pass", "term", "score",
                         "reason", "decision", "context_before", "context_after"])
        for number, (original, replacement, term, decision, before, after) in enumerate(rows, 1):
            writer.writerow([f"r{number}", "talk.txt", number, 1, original, replacement, "pinyin", term, "0.9", "",
                             decision, before, after])
    return path


def test_a_rejection_protects_the_original_unless_the_set_fixes_it_elsewhere(tmp_path):
    review = review_csv(tmp_path / "review.csv", [
        ("上汤", "商汤", "商汤", "rejected", "我们的", "很好喝"),
        ("上汤", "商汤", "商汤", "rejected", "一碗", "面"),
        ("商康", "商汤", "商汤", "rejected", "他说", "来了"),
        ("商康", "商汤", "商汤", "accepted", "", "科技"),
    ])
    learned = tmp_path / "learned.toml"
    result = learn(review, "--to", learned, "--yes")
    assert result.exit_code == 0, result.output
    entry = load_lexicon(learned).get("商汤")
    assert entry.protected == ["上汤", "他说商康来了"] and entry.variants == ["商康"]
    assert result.output.count("rejected 上汤 -> 商汤") == 1           # the same lesson is learned once
    assert "fixed elsewhere in the set, so only this spot is protected" in result.output


CONTEXT_LEXICON = """\
[[term]]
text = "昇腾"
kind = "product"
context = ["华为", "芯片"]
"""


def test_an_acceptance_made_on_context_words_stays_gated_by_them(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text(CONTEXT_LEXICON, encoding="utf-8")
    talk = tmp_path / "talk.txt"
    talk.write_text("华为的升腾芯片很快。\n", encoding="utf-8")
    review_set = review_files([talk], load_lexicons([base], defaults=False))
    [proposal] = list(review_set)
    assert proposal.original == "升腾" and "context 华为, 芯片" in proposal.reason
    review_set.decide(proposal.id, "accepted")
    write_review(review_set, tmp_path / "review.csv")
    learned = tmp_path / "learned.toml"
    result = learn(tmp_path / "review.csv", "--to", learned, "--yes")
    assert result.exit_code == 0, result.output
    assert "kept context-gated: the fix was made on the context words 华为, 芯片" in result.output
    entry = load_lexicon(learned).get("昇腾")
    assert entry.variants == [] and entry.context == ["华为", "芯片"]
    assert proposals([learned], "华为的升腾芯片很快。") == {("升腾", "昇腾"): "pinyin"}
    # not a variant replaced everywhere: the context words are evidence the judge weighs
    assert Corrector(load_lexicons([learned], defaults=False), passes=["known-variants"]).verdicts(
        Document.from_text("火焰升腾起来。")) == []
    assert confidence([learned], "华为的升腾芯片很快。") > confidence([learned], "火焰升腾起来。")
    result = learn(tmp_path / "review.csv", "--to", base, "--yes")   # learning into the lexicon that had them
    assert "昇腾: nothing new (kept context-gated" in result.output
