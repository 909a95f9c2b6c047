"""asr-cleanup lexicon check: one finding per planted problem, errors apart from warnings."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.lexicon.check import ERROR, WARNING, check_files

FIXTURES = Path(__file__).parent / "fixtures" / "lexicon"
PROBLEMS = str(FIXTURES / "problems.toml")


def findings_about(path, fragment):
    return [f for f in check_files([path]) if fragment in f.message]


@pytest.mark.parametrize("fragment, severity, line", [
    ("'深度球索' is claimed by '深度求索' and '梁文锋'", ERROR, 3),
    ("alias '飞奖' of '飞桨' is also a variant", ERROR, 21),
    ("variants has 1 empty or whitespace-only value", ERROR, 33),
    ("'来' of '深度求索' is a common word on its own (freq 161501 in jieba's dictionary)", WARNING, 6),
    ("duplicate entry '深度求索'", WARNING, 8),
    ("'兙星' cannot be converted to pinyin: no reading for 兙", WARNING, 18),
    ("'费江' and '飞桨'", WARNING, 27),
])
def test_each_planted_problem_is_found(fragment, severity, line):
    found = findings_about(PROBLEMS, fragment)
    assert len(found) == 1, check_files([PROBLEMS])
    assert (found[0].severity, found[0].line, found[0].path) == (severity, line, PROBLEMS)


def test_clean_lexicon_has_no_findings():
    assert check_files([str(FIXTURES / "clean.toml")]) == []


def test_malformed_file_is_a_finding_with_a_line():
    [finding] = check_files([str(FIXTURES / "malformed.toml")])
    assert finding.severity == ERROR and finding.line == 3 and "invalid TOML" in finding.message


def test_unknown_top_level_key_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "extra.toml"
    path.write_text('title = "x"\n[[term]]\ntext = "商汤"\n', encoding="utf-8")
    [finding] = check_files([path])
    assert finding.severity == ERROR and "unknown top-level key" in finding.message


def test_plain_text_empty_variant():
    [finding] = check_files([str(FIXTURES / "problems.txt")])
    assert (finding.severity, finding.line) == (ERROR, 3) and "empty or whitespace-only variant" in finding.message


def test_conflicts_across_files(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("梁文锋 | 深度球索\n", encoding="utf-8")
    found = [f for f in check_files([str(FIXTURES / "clean.toml"), str(other)]) if f.severity == ERROR]
    assert len(found) == 1 and "claimed by '深度求索' and '梁文锋'" in found[0].message


@pytest.mark.parametrize("files, exit_code", [
    (["clean.toml"], 0), (["problems.toml"], 1), (["malformed.toml"], 1), (["warnings_only.toml"], 0),
])
def test_exit_codes(tmp_path, files, exit_code):
    (tmp_path / "warnings_only.toml").write_text('[[term]]\ntext = "深度求索"\nvariants = ["来"]\n', encoding="utf-8")
    paths = [str(tmp_path / f if f == "warnings_only.toml" else FIXTURES / f) for f in files]
    result = CliRunner().invoke(main, ["lexicon", "check", *paths])
    assert result.exit_code == exit_code, result.output
    errors_first = [line.split(": ")[1] for line in result.stdout.splitlines()]
    assert errors_first == sorted(errors_first)
