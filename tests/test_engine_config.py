"""The engine's options and config file: typed values, exit 2 naming the bad option or file, and precedence."""
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cleanup.cli import main

RAW = "上汤科技发布了蓝经智能。\n"
FIXED = "商汤科技发布了蓝经智能。\n"  # by the default lexicons alone
TERMS_ONLY = "上汤科技发布了蓝鲸智能。\n"  # by terms.txt alone


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / "talk.txt").write_text(RAW, encoding="utf-8")
    (tmp_path / "terms.txt").write_text("蓝鲸智能 | 蓝经智能\n", encoding="utf-8")
    (tmp_path / "garbage.json").write_text('{"weights": [1, 2', encoding="utf-8")
    (tmp_path / "garbage.arpa").write_text("not a language model\n", encoding="utf-8")
    (tmp_path / "random.bin").write_bytes(b"\xdb\xff\xfe not a model\n" * 8)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fix(*args):
    """Run `fix talk.txt -o out.txt` with ``args``; the result and the output text (None if not written)."""
    result = CliRunner().invoke(main, ["fix", "talk.txt", "-o", "out.txt", "--force", "-q", *args])
    try:
        with open("out.txt", encoding="utf-8") as f:
            return result, f.read()
    except FileNotFoundError:
        return result, None


BAD_OPTIONS = [
    (["--pass-option", "pinyin.min_similarity=abc"], ["--pass-option", "pinyin.min_similarity"]),
    (["--pass-option", "latin.threshold=2"], ["--pass-option", "latin.threshold"]),
    (["--pass-option", "pinyin.max_unlike_syllables=1.5"], ["--pass-option", "pinyin.max_unlike_syllables"]),
    (["--pass-option", "pinyin.unlike_per_syllables=0"], ["--pass-option", "pinyin.unlike_per_syllables"]),
    (["--pass-option", "pinyin.nope=1"], ["--pass-option", "nope"]),
    (["--min-confidence", "2"], ["--min-confidence"]),
    (["--min-confidence", "abc"], ["--min-confidence"]),
    (["--judge-params", "garbage.json"], ["--judge-params", "garbage.json"]),
    (["--language-model", "missing.arpa"], ["--language-model", "missing.arpa"]),
    (["--language-model", "garbage.arpa"], ["--language-model", "garbage.arpa"]),
    (["--language-model", "random.bin"], ["--language-model", "random.bin"]),
]


@pytest.mark.parametrize("args, names", BAD_OPTIONS, ids=[" ".join(args) for args, _ in BAD_OPTIONS])
def test_bad_value_is_a_usage_error(folder, args, names):
    result, written = fix("--no-default-lexicons", "--lexicon", "terms.txt", *args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    error = result.stderr.splitlines()[-1]
    assert re.match(rf"Error: Invalid value for '?{names[0]}'?: ", error) and all(n in error for n in names), error
    assert written is None


def test_real_exit_code_of_a_bad_option(folder):
    done = subprocess.run([sys.executable, "-c", "from cleanup.cli import main; main()", "fix", "talk.txt",
                           "--pass-option", "latin.threshold=2"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "--pass-option" in done.stderr and "latin.threshold" in done.stderr and "Traceback" not in done.stderr


def test_the_transcript_is_fixed_without_a_config(folder):
    assert fix()[1] == FIXED


def test_config_in_the_current_folder_is_used(folder):
    (folder / "asr-cleanup.toml").write_text("min-confidence = 1.0\n", encoding="utf-8")
    assert fix()[1] == RAW


def test_pyproject_table_is_found_from_the_current_folder(folder, monkeypatch):
    (folder / "pyproject.toml").write_text('[project]\nname = "talks"\n\n[tool.asr-cleanup]\nlexicons = ["terms.txt"]\n'
                                           "default-lexicons = false\n", encoding="utf-8")
    assert fix()[1] == TERMS_ONLY
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder / "sub")  # searched upwards, and its paths are relative to the file
    result = CliRunner().invoke(main, ["fix", "../talk.txt", "-q"])
    assert result.exit_code == 0 and result.stdout == TERMS_ONLY


def test_command_line_overrides_the_config(folder):
    (folder / "asr-cleanup.toml").write_text("min-confidence = 1.0\n", encoding="utf-8")
    assert fix("--min-confidence", "0.5")[1] == FIXED


@pytest.mark.parametrize("name, text, problem", [
    ("asr-cleanup.toml", "nope = 1\n", "unknown setting 'nope'"),
    ("asr-cleanup.toml", 'min-confidence = "high"\n', "min-confidence has the wrong type"),
    ("asr-cleanup.toml", 'lexicons = "terms.txt"\n', "lexicons has the wrong type"),
    ("asr-cleanup.toml", "default-lexicons = 0\n", "default-lexicons has the wrong type"),
    ("asr-cleanup.toml", "min-confidence = 2\n", "min-confidence must be from 0 to 1"),
    ("asr-cleanup.toml", 'disable-rules = ["nope"]\n', "unknown rule(s) nope"),
    ("pyproject.toml", "[tool.asr-cleanup]\nlexicon = ['terms.txt']\n", "unknown setting 'lexicon'"),
    ("pyproject.toml", "[tool.asr-cleanup]\npasses = 'pinyin'\n", "passes has the wrong type"),
])
def test_bad_config_is_a_usage_error_naming_the_file(folder, name, text, problem):
    (folder / name).write_text(text, encoding="utf-8")
    result, written = fix()
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert str(folder / name) in result.stderr and problem in result.stderr, result.stderr
    assert written is None


def test_config_option_picks_a_file(folder):
    (folder / "asr-cleanup.toml").write_text("min-confidence = 0.5\n", encoding="utf-8")
    (folder / "settings").mkdir()
    (folder / "settings" / "strict.toml").write_text("min-confidence = 1.0\n", encoding="utf-8")
    assert fix("--config", "settings/strict.toml")[1] == RAW
    assert fix()[1] == FIXED


def test_a_named_pipe_as_config_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "asr-cleanup.toml"
    os.mkfifo(fifo)
    (tmp_path / "t.txt").write_text("上汤\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "cleanup", "fix", str(tmp_path / "t.txt"), "--config", str(fifo)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "not a regular file" in result.stderr and "Traceback" not in result.stderr
