"""``-`` as an output's name is standard output, as black and ruff read it, wherever one stream can go
there, and a usage error where it cannot: never a file named '-'."""
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from cleanup.cli import main

TERMS = str(Path(__file__).parent / "fixtures" / "formats" / "terms.txt")
LEXICON = ["--lexicon", TERMS, "--no-default-lexicons", "--passes", "known-variants"]
RAW, FIXED = "今天上汤发布了新模型。\n", "今天商汤发布了新模型。\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(RAW, "utf-8")
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    assert not (tmp_path / "-").exists()


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def test_fix_dash_output_is_standard_output(folder):
    result = run("fix", "a.txt", *LEXICON, "-o", "-", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == FIXED


def test_fix_edit_record_to_standard_output_when_the_text_goes_to_a_file(folder):
    result = run("fix", "a.txt", *LEXICON, "-o", "out.txt", "--edits", "-", "--quiet")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["replacement"] for line in result.stdout.splitlines()] == ["商汤"]
    assert (folder / "out.txt").read_text("utf-8") == FIXED


@pytest.mark.parametrize("args, message", [
    (["-o", "-", "--diff"], "-o - writes the text to standard output; drop --diff"),
    (["--edits", "-"], "--edits - needs standard output for itself"),
    (["--diff", "--edits", "-"], "--edits - needs standard output for itself"),
])
def test_fix_two_outputs_on_standard_output_is_a_usage_error(folder, args, message):
    result = run("fix", "a.txt", *LEXICON, *args)
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert result.stdout == ""


@pytest.fixture
def accepted(folder):
    result = run("review", "a.txt", *LEXICON, "--export", "review.csv")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv("review.csv", dtype=str, keep_default_na=False)
    frame["decision"] = "accepted"
    frame.to_csv("review.csv", index=False)
    return folder / "review.csv"


def test_review_export_and_report_to_standard_output(folder):
    result = run("review", "a.txt", *LEXICON, "--export", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("id,file,line,column,original,replacement") and "上汤,商汤" in result.stdout
    result = run("review", "a.txt", *LEXICON, "--html", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>"), result.output


@pytest.mark.parametrize("args, message", [
    (["--export", "-", "--html", "-"], "--export - and --html - would both write to standard output"),
    (["--state", "-"], "cannot be - (standard output) here"),
])
def test_review_dash_where_it_cannot_go_is_a_usage_error(folder, args, message):
    result = run("review", "a.txt", *LEXICON, *args)
    assert result.exit_code == 2 and message in result.stderr, result.output


def test_apply_patch_dash_prints_the_patch_and_dash_output_is_refused(accepted):
    result = run("apply", "review.csv", "--patch", "-")
    assert result.exit_code == 0, result.output
    assert "-今天上汤发布了新模型。" in result.stdout and "+今天商汤发布了新模型。" in result.stdout
    result = run("apply", "review.csv", "-o", "-")
    assert result.exit_code == 2 and "cannot be - (standard output) here" in result.stderr, result.output


def test_lexicon_export_dash_is_standard_output(folder):
    result = run("lexicon", "export", "--lexicon", TERMS, "--no-default-lexicons", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout == run("lexicon", "export", "--lexicon", TERMS, "--no-default-lexicons").stdout != ""
