"""A hand-edited or damaged review file is refused by apply, lexicon learn and review --stats alike:
`error: FILE[:LINE]: message`, exit status 1 (the command's input was refused), nothing written."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main

WRONG, RIGHT = "上汤", "商汤"
CLI = str(Path(sys.executable).parent / "asr-cleanup")
COMMANDS = {"apply": ["apply", "{}", "-o", "out"], "learn": ["lexicon", "learn", "{}", "--to", "t.toml", "--yes"],
            "stats": ["review", "--stats", "{}"]}


def run(folder: Path, args):
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(main, args)
    finally:
        os.chdir(cwd)


@pytest.fixture
def row(tmp_path):
    """An accepted review row of talk.txt, as the CSV export writes it (every value text)."""
    (tmp_path / "terms.txt").write_text(f"{RIGHT} | {WRONG}\n", "utf-8")
    (tmp_path / "talk.txt").write_text(f"今天{WRONG}发布了新模型。\n", "utf-8")
    result = run(tmp_path, ["review", "talk.txt", "--lexicon", "terms.txt", "--no-default-lexicons",
                            "--export", "review.jsonl"])
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "review.jsonl").read_text("utf-8"))
    return tmp_path, {**record, "decision": "accepted"}


def write_csv(path: Path, records: list[dict]) -> None:
    import csv
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)


def check_refused(folder: Path, name: str, command: str, where: str):
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = run(folder, [a.format(name) for a in COMMANDS[command]])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert f"error: {where}" in result.output and "Traceback" not in result.output, result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert not (folder / "out").exists()
    return result


BAD_VALUES = {
    "empty original, end before start": {"original": "", "start": 5, "end": 2},
    "line 1e400": {"line": "1e400"}, "line NaN": {"line": "NaN"}, "line negative": {"line": -3},
    "line not whole": {"line": 1.5}, "line a word": {"line": "first"}, "column zero": {"column": 0},
    "start only": {"start": 2, "end": ""}, "negative offsets": {"start": -7, "end": -5},
    "score not a number": {"score": "high"}, "score infinite": {"score": "inf"},
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
@pytest.mark.parametrize("bad", BAD_VALUES)
def test_a_bad_value_names_the_file_and_row(row, bad, suffix, command):
    folder, record = row
    record = {**record, **BAD_VALUES[bad]}
    path = folder / f"bad{suffix}"
    if suffix == ".csv":
        write_csv(path, [record])
    else:
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    check_refused(folder, path.name, command, f"{path.name}:1: " if suffix == ".jsonl" else f"{path.name}: row 2: ")


def test_an_empty_original_with_end_before_start_no_longer_duplicates_text(row):
    folder, record = row
    write_csv(folder / "bad.csv", [{**record, "original": "", "start": 5, "end": 2}])
    result = check_refused(folder, "bad.csv", "apply", "bad.csv: row 2: ")
    assert "start <= end" in result.output


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("content", ["[1, 2]", "5", '"text"', "null", "{not json"])
def test_a_jsonl_line_that_is_not_an_object(row, command, content):
    folder, record = row
    (folder / "bad.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n" + content + "\n", "utf-8")
    check_refused(folder, "bad.jsonl", command, "bad.jsonl:2: ")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("data", [bytes(range(256)) * 2, b"PK\x03\x04 not a zip", b""])
def test_a_garbage_xlsx(row, command, data):
    folder, _ = row
    (folder / "bad.xlsx").write_bytes(data)
    check_refused(folder, "bad.xlsx", command, "bad.xlsx: ")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_csv_with_missing_columns(row, command):
    folder, record = row
    write_csv(folder / "bad.csv", [{k: v for k, v in record.items() if k not in ("decision", "original")}])
    result = check_refused(folder, "bad.csv", command, "bad.csv: missing column(s)")
    assert "original" in result.output and "decision" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_a_review_file_that_is_a_named_pipe_is_refused_without_waiting(row, command):
    folder, _ = row
    os.mkfifo(folder / "pipe.csv")
    args = [a.format("pipe.csv") for a in COMMANDS[command]]
    result = subprocess.run([CLI, *args], cwd=folder, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "error: pipe.csv: not a regular file" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_whole_numbers_as_spreadsheets_store_them_are_read(row):
    folder, record = row
    write_csv(folder / "ok.csv", [{**record, "line": "1.0", "column": "3", "start": "2.0", "end": 4}])
    result = run(folder, ["apply", "ok.csv", "-o", "out.txt"])
    assert result.exit_code == 0, result.output
    assert (folder / "out.txt").read_text("utf-8") == f"今天{RIGHT}发布了新模型。\n"


EDIT_RECORD = {"file": "talk.txt", "line": 1, "column": 3, "original": WRONG, "replacement": RIGHT,
               "pass": "known-variants", "term": RIGHT, "confidence": 0.9}


@pytest.mark.parametrize("change, message", [
    ({"line": "1"}, "line must be a whole number from 1, not '1'"),
    ({"column": 0}, "column must be a whole number from 1, not 0"),
    ({"original": None}, "the edit record has no 'original'"),
    ({"original": 5}, "original must be a string, not 5"),
    ({"confidence": "abc"}, "confidence must be a number, not 'abc'"),
    ({"line": 9}, "line 9 is past the end of the text"),
    ({"line": None, "column": None, "start": -3}, "start must be a whole number from 0, not -3"),
])
def test_review_of_a_bad_edit_record_names_the_record_and_line(tmp_path, change, message):
    (tmp_path / "talk.txt").write_text(f"今天{WRONG}发布了新模型。\n", "utf-8")
    record = {k: v for k, v in {**EDIT_RECORD, **change}.items() if v is not None}
    good = json.dumps(EDIT_RECORD, ensure_ascii=False)
    (tmp_path / "edits.jsonl").write_text(good + "\n" + json.dumps(record) + "\n", "utf-8")
    result = run(tmp_path, ["review", "--edits", "edits.jsonl", "--export", "review.csv"])
    assert result.exit_code == 1 and f"error: edits.jsonl:2: {message}" in result.output, result.output
    assert not (tmp_path / "review.csv").exists()


def test_review_of_a_good_edit_record(tmp_path):
    (tmp_path / "talk.txt").write_text(f"今天{WRONG}发布了新模型。\n", "utf-8")
    (tmp_path / "edits.jsonl").write_text(json.dumps(EDIT_RECORD) + "\n", "utf-8")
    result = run(tmp_path, ["review", "--edits", "edits.jsonl", "--export", "review.csv"])
    assert result.exit_code == 0 and "1 fix(es) to review" in result.output, result.output


def test_apply_of_a_row_past_the_end_of_its_transcript_names_the_transcript(row):
    folder, record = row
    record = {**record, "line": 9, "start": "", "end": ""}
    (folder / "past.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    result = run(folder, ["apply", "past.jsonl", "-o", "out"])
    assert result.exit_code == 1 and "talk.txt: line 9 is past the end of the text" in result.output, result.output
    assert not (folder / "out").exists()


def test_an_edit_record_that_is_a_named_pipe_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "edits.jsonl")
    result = subprocess.run([CLI, "review", "--edits", "edits.jsonl", "--export", "review.csv"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "error: edits.jsonl: not a regular file" in result.stderr, result.stderr


def test_an_edit_record_in_utf16_is_refused_naming_the_record_and_line(tmp_path):
    """Edit records are UTF-8 JSON lines; json.loads on raw bytes would guess UTF-16 and read another encoding."""
    (tmp_path / "talk.txt").write_text(f"今天{WRONG}发布了新模型。\n", "utf-8")
    (tmp_path / "edits.jsonl").write_bytes(json.dumps(EDIT_RECORD).encode("utf-16-le"))
    result = run(tmp_path, ["review", "--edits", "edits.jsonl", "--export", "review.csv"])
    assert result.exit_code == 1 and "error: edits.jsonl:1: not an edit record" in result.output, result.output
    assert not (tmp_path / "review.csv").exists()
