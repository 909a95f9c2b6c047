"""TOML values of the wrong type are LexiconErrors naming file and line, the same in `fix` and `lexicon check`."""
import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.lexicon import LexiconError, load_lexicon
from cleanup.lexicon.check import ERROR, check_files

WRONG_TYPES = [
    # (the offending line, the word its message must contain); the key sits on line 3
    ("variants = [1, 2]", "variants"),
    ("variants = [true]", "variants"),
    ('variants = ["上汤", 1]', "variants"),
    ("variants = [[\"上汤\"]]", "variants"),
    ("protected = [{ a = 1 }]", "protected"),
    ('context = "x"', "context"),
    ('threshold = "a"', "threshold"),
    ("threshold = true", "threshold"),
    ("kind = 5", "kind"),
    ('kind = ["org"]', "kind"),
]


def lexicon_with(tmp_path, line):
    path = tmp_path / "bad.toml"
    path.write_text(f'# team\n[[term]]\n{line}\ntext = "商汤"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("line, word", WRONG_TYPES)
def test_load_names_file_and_line(tmp_path, line, word):
    path = lexicon_with(tmp_path, line)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(info.value).startswith(f"{path}:3: ") and word in info.value.message


@pytest.mark.parametrize("line, word", WRONG_TYPES)
def test_check_reports_what_load_rejects(tmp_path, line, word):
    path = lexicon_with(tmp_path, line)
    errors = [f for f in check_files([path]) if f.severity == ERROR]
    assert [(f.line, word in f.message) for f in errors] == [(3, True)]
    result = CliRunner().invoke(main, ["lexicon", "check", str(path)])
    assert result.exit_code == 1 and f"{path}:3: error:" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("line, word", WRONG_TYPES)
def test_fix_refuses_the_lexicon_cleanly(tmp_path, line, word):
    path = lexicon_with(tmp_path, line)
    talk = tmp_path / "talk.txt"
    talk.write_text("上汤科技\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(talk), "--lexicon", str(path), "--no-default-lexicons"])
    assert result.exit_code == 2 and f"{path}:3:" in result.output and word in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("source", [
    'term = [{ text = "商汤", variants = [1] }]\n',   # an inline table has no header line
    'term = [1, 2]\n',
    '[term]\ntext = "商汤"\n',
    '[[term]]\ntext = 5\n',
])
def test_files_that_do_not_load_do_not_pass_check(tmp_path, source):
    path = tmp_path / "odd.toml"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(LexiconError):
        load_lexicon(path)
    assert any(f.severity == ERROR for f in check_files([path]))


def test_every_bad_table_is_reported_and_good_ones_still_checked(tmp_path):
    path = tmp_path / "two.toml"
    path.write_text('[[term]]\ntext = "商汤"\nvariants = [1]\n\n[[term]]\ntext = "梁文锋"\nthreshold = "a"\n\n'
                    '[[term]]\ntext = "飞桨"\nvariants = ["飞奖"]\naliases = ["飞奖"]\n', encoding="utf-8")
    errors = [(f.line, f.message.split()[0]) for f in check_files([path]) if f.severity == ERROR]
    assert errors == [(3, "variants"), (7, "threshold"), (9, "alias")]
