"""The Corrector as a whole: byte-exact round trips, edit provenance, configuration errors, near misses."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cleanup import Corrector, Document, Entry, Lexicon

LEXICON = Lexicon([Entry("商汤", variants=["上汤"]), Entry("端侧"), Entry("具身智能"), Entry("大模型"),
                   Entry("SenseTime", variants=["Sands Time"])])


@pytest.fixture(scope="module")
def corrector():
    return Corrector(LEXICON)


@pytest.fixture(scope="module")
def empty_corrector():
    return Corrector(Lexicon())


TRANSCRIPT = ("# 论坛 🎼\r\n\r\n![](img/x.png)\r\n\r\n"
              "😊，欢迎来到上汤科技论坛。Welcome to Sands Time forum。\r\n"
              "   \r\n我们在端测部署模型，研究巨生智能。")


@pytest.mark.parametrize("ending", ["", "\n", "\r\n", "\r\n\r\n"])
def test_round_trip_is_byte_exact_outside_edits(corrector, ending):
    text = TRANSCRIPT + ending
    expected = (text.replace("上汤", "商汤").replace("Sands Time", "SenseTime")
                .replace("端测", "端侧").replace("巨生智能", "具身智能"))
    result = corrector.correct_text(text)
    assert result.text.encode("utf-8") == expected.encode("utf-8")
    assert [text[e.start:e.end] for e in result.edits] == [e.original for e in result.edits]
    assert len(result.edits) == 4


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_text_without_errors_is_returned_unchanged(corrector, ending):
    text = "# 论坛 🎼\r\n\r\n![](img/x.png)\n\n😊 商汤科技在端侧部署大模型和具身智能。SenseTime!" + ending
    result = corrector.correct_text(text)
    assert result.edits == []
    assert result.text.encode("utf-8") == text.encode("utf-8")


ALPHABET = [*"商上汤端测侧巨生具身智能的模型打大我们在科技 \t\r\n", "\r\n", "🎼", "😊", "Sands", " Time", "sincetime",
            "![](img/x.png)", "SenseTime"]
texts = st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(text=texts | st.text(max_size=60))
def test_empty_lexicon_changes_nothing(empty_corrector, text):
    result = empty_corrector.correct_text(text)
    assert result.edits == []
    assert result.text == text


@PROPERTY
@given(text=texts)
def test_random_text_changes_only_inside_edit_spans(corrector, text):
    result = corrector.correct_text(text)
    out, cursor_in, cursor_out = result.text, 0, 0
    for edit in result.edits:
        assert text[edit.start:edit.end] == edit.original != edit.replacement
        assert not set(edit.original) & {"\r", "\n"}
        gap = edit.start - cursor_in
        assert out[cursor_out:cursor_out + gap] == text[cursor_in:edit.start]
        cursor_out += gap
        assert out[cursor_out:cursor_out + len(edit.replacement)] == edit.replacement
        cursor_out += len(edit.replacement)
        cursor_in = edit.end
    assert out[cursor_out:] == text[cursor_in:]


def test_edits_outside_document_segments_are_dropped(corrector):
    text = "上汤科技\n端测部署"
    doc = Document(text, [(5, 9)])  # only the second line is prose
    edits = corrector.correct(doc).edits
    assert [(e.original, e.replacement) for e in edits] == [("端测", "端侧")]


def test_unknown_pass_name_raises():
    with pytest.raises(ValueError, match="spelling"):
        Corrector(LEXICON, passes=["known-variants", "spelling"])


@pytest.mark.parametrize("options", [{"pinyin": {"fuzzyness": 1}}, {"latin": {"threshhold": 0.5}},
                                     {"typo": {}}])
def test_unknown_pass_option_raises(options):
    with pytest.raises(ValueError):
        Corrector(LEXICON, options=options)


def test_near_misses_are_below_threshold_or_refused_and_never_fixed():
    corrector = Corrector(Lexicon([Entry("科创板"), Entry("大模型"), Entry("具身智能")]), passes=["pinyin"])
    doc = Document.from_text("公司在扩创板上市，具身指明方向\n我们的模型很好，打模型训练很贵，大摩间")
    fixed = {(e.start, e.end) for e in corrector.correct(doc).edits}
    assert fixed == {(doc.text.index(w), doc.text.index(w) + 3) for w in ("扩创板", "打模型")}
    misses = corrector.near_misses(doc, floor=0.6)
    [refused] = [m for m in misses if m.candidate.original == "的模型"]
    assert refused.candidate.replacement == "大模型" and "function-word" in refused.verdict.vetoes
    assert "refused" in refused.why
    assert any(m.candidate.evidence["similarity"] < 0.85 for m in misses)  # below every default minimum
    for m in misses:
        assert m.candidate.evidence["similarity"] >= 0.6 and (m.candidate.start, m.candidate.end) not in fixed
        assert doc.text[m.candidate.start:m.candidate.end] == m.candidate.original
    assert all(m.candidate.evidence["similarity"] >= 0.9 for m in corrector.near_misses(doc, floor=0.9))
