"""asr-cleanup lexicon add/remove/show/list: edits keep comments and layout."""

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.lexicon import Entry, load_lexicon
from cleanup.lexicon.editing import TomlLexiconFile

from lexicon_helpers import run


def test_add_then_remove_is_byte_identical(team):
    before = team.read_bytes()
    run("add", "DeepSeek", "--kind", "product", "--variant", "迪普西克", "--variant", "deep seek", "--to", team)
    assert load_lexicon(team).get("DeepSeek").variants == ["迪普西克", "deep seek"]
    assert team.read_bytes() != before
    run("remove", "DeepSeek", "--from", team)
    assert team.read_bytes() == before


@pytest.mark.parametrize("source", ["", "# only a comment\n", '[[term]]\ntext = "a"', "[[term]]\r\ntext = \"a\"\r\n\r\n"])
def test_round_trip_on_unusual_layouts(tmp_path, source):
    path = tmp_path / "lex.toml"
    path.write_bytes(source.encode())
    for edit in (lambda f: f.add(Entry("新词", variants=["心词"])), lambda f: f.remove("新词")):
        lexicon_file = TomlLexiconFile(path)
        edit(lexicon_file)
        lexicon_file.save()
    assert path.read_bytes() == source.encode()


def test_add_merges_variants_into_existing_term_keeping_comments(team):
    run("add", "深度求索", "--variant", "深度秋锁", "--variant", "深度球索", "--context", "大模型", "--to", team)
    text = team.read_text(encoding="utf-8")
    entry = load_lexicon(team).get("深度求索")
    assert entry.variants == ["深度球索", "深度求所", "深度秋锁"]
    assert entry.context == ["大模型"]
    assert entry.kind == "org"
    assert "# heard in the 2024 all-hands" in text and "# the company, not the phrase" in text
    assert text.index('context = ["大模型"]') < text.index("# People")
    assert text.count("\n[[term]]") == 2


def test_remove_keeps_other_terms_and_file_comments(team):
    run("remove", "深度求索", "--from", team)
    text = team.read_text(encoding="utf-8")
    assert text.startswith("# Team lexicon: names we say in meetings.\n# Keep one")
    assert "深度求索" not in text and "梁文锋" in text and "# end of file" in text


def test_remove_unknown_term_fails(team):
    result = CliRunner().invoke(main, ["lexicon", "remove", "不存在", "--from", str(team)])
    assert result.exit_code != 0 and "no term" in result.output


def test_add_creates_missing_file(tmp_path):
    path = tmp_path / "new.toml"
    run("add", "商汤", "--variant", "上汤", "--to", path)
    assert load_lexicon(path).get("商汤").variants == ["上汤"]


def test_show_and_list(team):
    shown = run("show", "梁文峰", "--lexicon", team, "--no-default-lexicons")
    assert "variants of 梁文锋" in shown and "person" in shown
    listed = run("list", "--lexicon", team, "--no-default-lexicons")
    assert [line.split("\t")[0] for line in listed.splitlines()] == ["深度求索", "梁文锋"]
