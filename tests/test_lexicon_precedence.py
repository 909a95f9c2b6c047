"""The user's lexicon wins: a later lexicon's variant beats an earlier one's protected string; and the defaults fix."""
import pytest
from click.testing import CliRunner

from cleanup import Corrector, load_lexicons
from cleanup.cli import main

EARLIER = """# as the defaults have it: 上汤面 is a dish, not 商汤
[[term]]
text = "商汤"
kind = "org"
variants = ["上汤"]
protected = ["上汤面"]
"""
LATER = """# the team's own lexicon: 上汤面 is how the recogniser hears their client 尚汤面
[[term]]
text = "尚汤面"
kind = "org"
variants = ["上汤面"]
"""
TEXT = "我们在上汤面吃饭，上汤发布了新模型。"


@pytest.fixture
def lexicons(tmp_path):
    (tmp_path / "earlier.toml").write_text(EARLIER, encoding="utf-8")
    (tmp_path / "later.toml").write_text(LATER, encoding="utf-8")
    return tmp_path / "earlier.toml", tmp_path / "later.toml"


def correct(paths, text=TEXT):
    return Corrector(load_lexicons(paths, defaults=False)).correct_text(text).text


def test_later_variant_beats_earlier_protected_string(lexicons):
    earlier, later = lexicons
    assert correct([earlier]) == "我们在上汤面吃饭，商汤发布了新模型。"
    assert correct([earlier, later]) == "我们在尚汤面吃饭，商汤发布了新模型。"


def test_later_protected_string_beats_earlier_variant(lexicons):
    earlier, later = lexicons
    assert correct([later, earlier]) == "我们在上汤面吃饭，商汤发布了新模型。"


def test_lexicon_check_reports_protected_string_that_is_a_variant(lexicons):
    earlier, later = lexicons
    result = CliRunner().invoke(main, ["lexicon", "check", str(earlier), str(later)])
    assert result.exit_code == 1, result.output
    assert f"{earlier}:2: error: protected string '上汤面' of '商汤' is also a variant of '尚汤面'" in result.stdout
    assert f"(see {later}:2)" in result.stdout


def test_shipped_defaults_fix_a_sentence():
    text = "商当科技董事长徐丽博士发布了日日新5.5大摩型，还有上汤科技的绝影智能汽车。"
    assert Corrector(load_lexicons()).correct_text(text).text == \
        "商汤科技董事长徐立博士发布了日日新5.5大模型，还有商汤科技的绝影智能汽车。"


def test_shipped_defaults_leave_a_short_name_alone_without_its_context():
    # 徐林 sounds like the defaults' 徐立, whose entry lists context words: none is here
    text = "本报记者徐林报道，今年全省粮食产量再创新高。"
    assert Corrector(load_lexicons()).correct_text(text).text == text
