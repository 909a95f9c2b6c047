"""asr-cleanup lexicon suggest: near misses of known terms and frequent unknown terms."""
import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.document import Document
from cleanup.formats import read_source
from cleanup.lexicon import load_lexicons
from cleanup.pipeline import Corrector
from cleanup.suggest import CSV_COLUMNS, EXAMPLE_WINDOW, NEAR_MISS, NEW_TERM, Suggestion, example, rank, suggest

FIXTURES = Path(__file__).parent / "fixtures" / "lexicon"
CORPUS = sorted((FIXTURES / "corpus").glob("*.txt"))
LEXICON = FIXTURES / "suggest_lexicon.toml"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def rows(suggestions, kind):
    return {(s.term, s.original): s for s in suggestions if s.kind == kind}


def test_near_miss_grouped_with_count_and_example():
    corrector = Corrector(load_lexicons([LEXICON], defaults=False))
    near = rows(suggest([read_source(p).document for p in CORPUS], corrector), NEAR_MISS)
    miss = near[("梁文锋", "蒋文锋")]
    assert miss.count == 2 and 0 < miss.score <= 1
    assert miss.example == "[蒋文锋]说混元模型的进展很快。"
    assert "below the pass's similarity minimum" in miss.reason
    assert ("梁文锋", "文锋") not in near  # only the closest span of an overlapping cluster
    assert ("深度求索", "深度秋锁") not in near  # fixed, so not a miss


def test_new_terms_are_frequent_unknown_ngrams_and_latin_tokens():
    corrector = Corrector(load_lexicons([LEXICON], defaults=False))
    new = rows(suggest([read_source(p).document for p in CORPUS], corrector), NEW_TERM)
    assert new[("混元模型", "")].count == 3
    assert new[("OpenAI", "")].count == 2
    assert not [term for term, _ in new if term in ("混元模", "元模型", "深度求索", "DeepSeek")]


def test_cli_writes_csv(tmp_path):
    out = tmp_path / "suggestions.csv"
    result = CliRunner().invoke(main, ["lexicon", "suggest", *map(str, CORPUS), "--lexicon", str(LEXICON),
                                       "--no-default-lexicons", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert tuple(table[0]) == CSV_COLUMNS
    assert {(r["kind"], r["term"], r["original"]) for r in table} >= {
        (NEAR_MISS, "梁文锋", "蒋文锋"), (NEW_TERM, "混元模型", ""), (NEW_TERM, "OpenAI", "")}


def test_interactive_accept_writes_to_lexicon(tmp_path):
    target = tmp_path / "team.toml"
    answers = "a\na\nr\n"  # 蒋文锋 -> 梁文锋, OpenAI, then reject 混元模型
    result = CliRunner().invoke(main, ["lexicon", "suggest", *map(str, CORPUS), "--lexicon", str(LEXICON),
                                       "--no-default-lexicons", "-o", str(tmp_path / "s.csv"),
                                       "--interactive", "--to", str(target)], input=answers)
    assert result.exit_code == 0, result.output
    learned = load_lexicons([target], defaults=False)
    assert learned.get("梁文锋").variants == ["蒋文锋"]
    assert learned.get("OpenAI").kind == "english"
    assert "混元模型" not in learned


@pytest.mark.parametrize("name, data, words", [
    ("binary.txt", b"ELF\x02\x01\x00\x00" + bytes(range(256)), "binary"),
    ("cut.json", '{"segments": [{"text": "上汤科'.encode(), "truncated"),
    ("cut.srt", "1\n00:00:01,000 --> 00:0".encode(), "cut.srt"),
])
def test_unreadable_transcript_is_a_clean_error_naming_it(tmp_path, name, data, words):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("上汤科技发布了新模型。上汤科技的新模型。\n", encoding="utf-8")
    lexicon = tmp_path / "lexicon.txt"
    lexicon.write_text("商汤科技\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "suggest", str(bad), str(good), "--lexicon", str(lexicon),
                                       "--no-default-lexicons"])
    assert result.exit_code == 1 and not isinstance(result.exception, (UnicodeError, ValueError))
    assert f"error: {bad}" in result.stderr and words in result.stderr and "Traceback" not in result.output
    assert "上汤科技" in result.stdout  # the readable transcript was still mined


def test_a_refused_candidate_is_still_a_near_miss_that_says_why(tmp_path):
    lexicon = tmp_path / "team.txt"
    lexicon.write_text("智驾\n", encoding="utf-8")
    corrector = Corrector(load_lexicons([lexicon], defaults=False))
    doc = read_source(write(tmp_path / "talk.txt", "这辆车的支架功能很强。\n")).document
    assert corrector.correct(doc).edits == []  # no-shared-character refuses the fix
    (miss,) = [s for s in suggest([doc], corrector) if s.kind == NEAR_MISS]
    assert (miss.term, miss.original) == ("智驾", "支架")
    assert "refused: a short span must keep a character of the term" in miss.reason


def test_near_misses_rank_by_confidence_before_count():
    frequent = Suggestion(NEAR_MISS, "智能体", "智能的", 17, 0.08, "")
    likely = Suggestion(NEAR_MISS, "端到端", "端倒端", 1, 0.81, "")
    tie = Suggestion(NEAR_MISS, "大模型", "大摩型", 3, 0.81, "")
    assert rank([frequent, likely, tie]) == [tie, likely, frequent]


def test_top_limits_each_kind_of_row(tmp_path):
    out = tmp_path / "suggestions.csv"
    result = CliRunner().invoke(main, ["lexicon", "suggest", *map(str, CORPUS), "--lexicon", str(LEXICON),
                                       "--no-default-lexicons", "-o", str(out), "--top", "1"])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as f:
        kinds = [r["kind"] for r in csv.DictReader(f)]
    assert kinds == [NEAR_MISS, NEW_TERM]


@pytest.mark.parametrize("option", [["--top", "0"], ["--floor", "1.5"], ["--min-count", "0"], ["--top", "x"]])
def test_bad_option_values_are_usage_errors(tmp_path, option):
    out = tmp_path / "suggestions.csv"
    result = CliRunner().invoke(main, ["lexicon", "suggest", str(CORPUS[0]), "--lexicon", str(LEXICON),
                                       "--no-default-lexicons", "-o", str(out), *option])
    assert result.exit_code == 2
    assert option[0] in result.output and not out.exists()


def test_an_example_shows_its_line_within_the_window_on_any_line_length():
    long_line = "前" * 50_000 + "上汤" + "后" * 50_000
    doc = Document.from_text("第一行\n" + long_line + "\n末行", "t")
    start = doc.text.index("上汤")
    assert example(doc, start, start + 2) == "前" * EXAMPLE_WINDOW + "[上汤]" + "后" * EXAMPLE_WINDOW
    short = Document.from_text("第一行\n今天上汤好\n末行", "t")
    start = short.text.index("上汤")
    assert example(short, start, start + 2) == "今天[上汤]好"
