"""Lexicon loaders (TOML and plain text), their errors, merging and conflicts."""
from pathlib import Path

import pytest

from cleanup import LexiconError, load_lexicon, load_lexicons
from cleanup.lexicon import default_lexicon_paths

FIXTURES = Path(__file__).parent / "fixtures" / "engine"


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_toml_with_every_field():
    lex = load_lexicon(FIXTURES / "full.toml")
    shang = lex.get("商汤")
    assert (shang.kind, shang.variants, shang.aliases) == ("org", ["上汤", "商康"], ["商汤科技"])
    assert (shang.context, shang.protected, shang.threshold) == (["科技", "AI"], ["上汤面"], 0.9)
    assert shang.where == f"{FIXTURES / 'full.toml'}:2"
    sense = lex.get("SenseTime")
    assert (sense.kind, sense.variants, sense.aliases, sense.threshold, sense.line) == \
        ("term", ["Sands Time"], [], None, 11)


def test_text_format_with_comments_blank_lines_and_tabs():
    lex = load_lexicon(FIXTURES / "terms.txt")
    assert [(e.text, e.variants, e.line) for e in lex] == [
        ("商汤", ["上汤", "商康"], 3), ("端侧", [], 5), ("SenseTime", ["Sands Time"], 7), ("徐立", [], 8)]
    assert lex.get("SenseTime").kind == "english"
    assert lex.get("商汤").kind == "term"


def test_text_format_takes_the_full_width_bar_too(tmp_path):
    lex = load_lexicon(write(tmp_path, "terms.txt", "大模型｜大摩型 | 打模型\n".encode("utf-8")))
    assert [(e.text, e.variants) for e in lex] == [("大模型", ["大摩型", "打模型"])]


@pytest.mark.parametrize("name", ["full.toml", "terms.txt"])
def test_bom_and_crlf_are_ignored(tmp_path, name):
    source = (FIXTURES / name).read_text(encoding="utf-8")
    with_bom = write(tmp_path, name, b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode("utf-8"))
    plain = load_lexicon(FIXTURES / name)
    loaded = load_lexicon(with_bom)
    assert [(e.text, e.variants, e.line) for e in loaded] == [(e.text, e.variants, e.line) for e in plain]


MALFORMED = [
    # (file name, content, line the error must name (that of the bad key), words the message must contain)
    ("syntax.toml", '[[term]]\ntext = "a"\n\n[[term]]\ntext = = "b"\n', 5, "invalid TOML"),
    ("string.toml", '# c\n[[term]]\ntext = "a\nkind = "org"\n', 3, "invalid TOML"),
    ("unknown.toml", '[[term]]\ntext = "商汤"\n\n[[term]]\ntext = "端侧"\nspelling = ["端测"]\n', 6, "spelling"),
    ("notext.toml", '\n[[term]]\nkind = "org"\n', 2, "text"),
    ("emptytext.toml", '[[term]]\ntext = "  "\n', 2, "text"),
    ("kind.toml", '[[term]]\ntext = "商汤"\nkind = "company"\n', 3, "company"),
    ("nonlist.toml", '[[term]]\ntext = "商汤"\nvariants = "上汤"\n', 3, "variants"),
    ("emptyitem.toml", '[[term]]\ntext = "商汤"\naliases = ["商汤科技", ""]\n', 3, "aliases"),
    ("threshold.toml", '[[term]]\ntext = "商汤"\nthreshold = 1.5\n', 3, "threshold"),
    ("empty_variant.txt", "# c\n商汤 | 上汤 || 商康\n", 2, "empty variant"),
    ("trailing_bar.txt", "端侧 |\n", 1, "empty variant"),
    ("empty_term.txt", "\n | 上汤\n", 2, "empty term"),
]


@pytest.mark.parametrize("name, content, line, words", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_lexicon_names_file_and_line(tmp_path, name, content, line, words):
    path = write(tmp_path, name, content)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert words in str(info.value)


def test_unknown_top_level_key_is_rejected(tmp_path):
    path = write(tmp_path, "top.toml", 'title = "x"\n\n[[term]]\ntext = "商汤"\n')
    with pytest.raises(LexiconError, match="title") as info:
        load_lexicon(path)
    assert str(path) in str(info.value)


def test_unclosed_array_at_end_of_file_names_a_line(tmp_path):
    path = write(tmp_path, "unclosed.toml", '[[term]]\ntext = "a"\nvariants = ["x"\n')
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert info.value.line is not None


@pytest.mark.parametrize("name", ["gbk.txt", "gbk.toml"])
def test_non_utf8_bytes_name_the_file(tmp_path, name):
    path = write(tmp_path, name, "# ok\n商汤 | 上汤\n".encode("gbk"))
    with pytest.raises(LexiconError, match="UTF-8") as info:
        load_lexicon(path)
    assert str(info.value).startswith(f"{path}:2: ")


def test_missing_file_is_a_lexicon_error(tmp_path):
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "absent.txt")


def test_same_term_in_two_files_merges_variants(tmp_path):
    first = write(tmp_path, "a.txt", "商汤 | 上汤\n")
    second = write(tmp_path, "b.toml", '[[term]]\ntext = "商汤"\nkind = "org"\nvariants = ["商康", "上汤"]\n'
                                       'protected = ["上汤面"]\n')
    lex = load_lexicons([first, second], defaults=False)
    assert len(lex) == 1
    shang = lex.get("商汤")
    assert (shang.variants, shang.protected, shang.kind) == (["上汤", "商康"], ["上汤面"], "org")
    assert lex.conflicts() == []


def test_conflicts_report_both_files_and_lines(tmp_path):
    a = write(tmp_path, "a.toml", '[[term]]\ntext = "商汤"\nvariants = ["上汤"]\n')
    b = write(tmp_path, "b.txt", "# other team\n尚唐 | 上汤\n")
    c = write(tmp_path, "c.toml", '\n[[term]]\ntext = "上海"\naliases = ["上汤"]\n')
    conflicts = load_lexicons([a, b, c], defaults=False).conflicts()
    claimed = [x for x in conflicts if "claimed" in x.message]
    alias = [x for x in conflicts if "alias" in x.message]
    assert len(conflicts) == 2
    assert claimed[0].where == (f"{a}:1", f"{b}:2")
    assert "上汤" in claimed[0].message
    assert set(alias[0].where) == {f"{a}:1", f"{b}:2", f"{c}:2"}
    assert "上海" in alias[0].message and "商汤" in alias[0].message


def test_conflict_points_at_the_file_that_claimed_the_variant(tmp_path):
    a = write(tmp_path, "a.txt", "商汤\n")
    b = write(tmp_path, "b.txt", "# b\n商汤 | 上汤\n")
    c = write(tmp_path, "c.txt", "尚唐 | 上汤\n")
    [conflict] = load_lexicons([a, b, c], defaults=False).conflicts()
    assert conflict.where == (f"{b}:2", f"{c}:1")


def test_default_lexicons_ship_and_load_without_conflicts():
    paths = default_lexicon_paths()
    assert {p.name for p in paths} == {"sensetime.toml", "ai-industry.toml"}  # packaged with the wheel too
    lex = load_lexicons([], defaults=True)
    assert len(lex) >= 300
    expected = {e.text for path in paths for e in load_lexicon(path)}
    assert expected and {e.text for e in lex} == expected
    assert [str(c) for c in lex.conflicts()] == []
