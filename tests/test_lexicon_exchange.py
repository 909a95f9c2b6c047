"""asr-cleanup lexicon import/export: every format round trips what it can carry."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.lexicon import Entry, load_lexicon
from cleanup.lexicon.exchange import export_entries, import_entries

FIXTURES = Path(__file__).parent / "fixtures" / "lexicon"
ENTRIES = [
    Entry("深度求索", kind="org", variants=["深度球索", "深度求所"], aliases=["DeepSeek"], context=["大模型"],
          protected=["深度求索引擎"], threshold=0.9),
    Entry("梁文锋", kind="person", variants=["梁文峰"]),
    Entry("GPT-4", kind="english", variants=["GPT four"]),
]


def carried(entries, fields):
    return [tuple(getattr(e, f) for f in fields) for e in entries]


@pytest.mark.parametrize("format_, fields", [
    ("csv", ("text", "kind", "variants", "aliases", "context", "protected", "threshold")),
    ("txt", ("text", "variants")),
    ("jieba", ("text", "kind")),
    ("hotwords", ("text",)),
])
def test_round_trip(format_, fields):
    again = import_entries(export_entries(ENTRIES, format_), format_)
    assert carried(again, fields) == carried(ENTRIES, fields)


def test_jieba_export_lines():
    assert export_entries(ENTRIES[1:2], "jieba") == "梁文锋 1000 person\n"


def test_jieba_import_maps_name_tags():
    entries = import_entries("梁文锋 5 nr\n商汤 nt\n大模型\n", "jieba")
    assert [(e.text, e.kind) for e in entries] == [("梁文锋", "person"), ("商汤", "org"), ("大模型", "term")]


def test_hotwords_import_drops_weights_and_comments():
    entries = import_entries("# hotwords\n深度求索 20\nOpenAI:5\n\n", "hotwords")
    assert [e.text for e in entries] == ["深度求索", "OpenAI"]


def test_cli_export_then_import_into_toml(tmp_path):
    exported = tmp_path / "team.csv"
    runner = CliRunner()
    result = runner.invoke(main, ["lexicon", "export", "--lexicon", str(FIXTURES / "team.toml"),
                                  "--no-default-lexicons", "--format", "csv", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    target = tmp_path / "imported.toml"
    result = runner.invoke(main, ["lexicon", "import", str(exported), "--to", str(target)])
    assert result.exit_code == 0, result.output
    assert carried(load_lexicon(target), ("text", "kind", "variants")) == \
        carried(load_lexicon(FIXTURES / "team.toml"), ("text", "kind", "variants"))


def test_import_of_thousands_of_terms_merges_them_all(tmp_path):
    """An import parses and rewrites the lexicon once (it used to re-read it per term: 1,000 terms took minutes)."""
    han = [chr(0x4E00 + i) for i in range(2000)]
    terms = [f"{han[i % 2000]}{han[i * 7 % 2000]}{han[i * 13 % 2000]}{i}" for i in range(3000)]
    source = tmp_path / "many.txt"
    source.write_text("".join(f"{t} | {t}错 | {t}误\n" for t in terms) + f"{terms[0]} | 再一个\n", encoding="utf-8")
    target = tmp_path / "team.toml"
    target.write_text(f'# keep me\n[[term]]\ntext = "{terms[5]}"\nkind = "org"\nvariants = ["旧的"]\n',
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "import", str(source), "--to", str(target)])
    assert result.exit_code == 0, result.output
    lexicon = load_lexicon(target)
    assert [e.text for e in lexicon] == [terms[5], *terms[:5], *terms[6:]]
    assert lexicon.get(terms[5]).variants == ["旧的", f"{terms[5]}错", f"{terms[5]}误"]
    assert lexicon.get(terms[0]).variants == [f"{terms[0]}错", f"{terms[0]}误", "再一个"]
    assert lexicon.get(terms[2999]).variants == [f"{terms[2999]}错", f"{terms[2999]}误"]
    assert target.read_text(encoding="utf-8").startswith("# keep me\n")
    assert target.read_text(encoding="utf-8").count("[[term]]") == 3000
