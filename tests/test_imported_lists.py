"""A long imported list beside a curated one: its names neither protect their strings against the curated
list's terms nor compete with them as rivals; lists of about one length do both, as before."""
import pytest

from cleanup import Corrector, Document, load_lexicons
from cleanup.lexicon.compiled import LONGER_LIST, SMALLEST_LIST, CompiledLexicon

# Two-character names of rare characters, which sound like nothing in the test sentences
RARE = [chr(code) for code in range(0x9F00, 0x9FA5)]
FILLER = [a + b for a in RARE[:40] for b in RARE[40:80]]
LONG = LONGER_LIST * SMALLEST_LIST  # the shortest list that counts as imported beside a short one
SENTENCE = "商汤科技董事长徐丽博士发布了新模型。"


def write_lists(tmp_path, names_count: int, names: list[str], team: str = "徐立\n商汤科技\n流式\n"):
    (tmp_path / "team.txt").write_text(team, encoding="utf-8")
    (tmp_path / "names.txt").write_text("\n".join(FILLER[:names_count - len(names)] + names) + "\n",
                                        encoding="utf-8")
    return [tmp_path / "team.txt", tmp_path / "names.txt"]


def corrector(paths) -> Corrector:
    return Corrector(load_lexicons(paths, defaults=False))


def test_a_name_of_a_much_longer_list_does_not_block_a_team_term(tmp_path):
    fixed = corrector(write_lists(tmp_path, LONG, ["徐丽"])).correct_text(SENTENCE).text
    assert fixed == "商汤科技董事长徐立博士发布了新模型。"


def test_a_name_of_a_list_of_about_the_same_length_still_protects(tmp_path):
    kept = corrector(write_lists(tmp_path, LONG - 1, ["徐丽"])).correct_text(SENTENCE).text
    assert kept == SENTENCE


def rivals(paths, text: str, original: str) -> list[tuple[str, tuple]]:
    doc = Document.from_text(text, "t")
    return [(c.replacement, c.vetoes) for c in corrector(paths).candidates(doc) if c.original == original]


def test_a_homophone_of_a_much_longer_list_is_no_rival(tmp_path):
    found = rivals(write_lists(tmp_path, LONG, ["刘氏"]), "我们做了流逝的语音识别。", "流逝")
    assert found == [("流式", ())]


def test_homophones_of_one_list_are_rivals(tmp_path):
    found = rivals(write_lists(tmp_path, LONG, [], team="流式\n刘氏\n"), "我们做了流逝的语音识别。", "流逝")
    assert found and all("ambiguous" in vetoes for _, vetoes in found)


@pytest.mark.parametrize("names_count, protects", [(LONG, False), (LONG - 1, True)])
def test_protects_compares_the_lists(tmp_path, names_count, protects):
    compiled = CompiledLexicon.build(load_lexicons(write_lists(tmp_path, names_count, ["徐丽"]), defaults=False))
    assert compiled.protects("徐丽", "徐立") is protects
    assert compiled.protects("徐立", "徐丽")  # the team's term stands against the names
    assert not compiled.protects("徐力", "徐立")  # not protected at all
