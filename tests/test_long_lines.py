"""Long lines: passes see bounded windows, and edit records stay right across window and chunk cuts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanup.batch import CorrectorSpec, FixOptions, fix_paths
from cleanup.document import SENTENCE_ENDS, WINDOW, Document, windows
from cleanup.lexicon import load_lexicons
from cleanup.textnorm import is_latin_word_char

SENTENCES = ["今天上汤发布了日日心大魔型，", "Sands time 的 chatGBT 对手。", "我们在临港新片区见到了巨生智能！",
             "商康的合作方包括 open ai；", "徐立说 deep seek 很强.", "   ", "abcdefghij" * 3, "这是一个没有标点的很长的句子"]


def long_line(chars: int) -> str:
    parts, size, i = [], 0, 0
    while size < chars:
        part = SENTENCES[(i * 7 + i // 3) % len(SENTENCES)]
        parts.append(part)
        size, i = size + len(part), i + 1
    return "".join(parts)


@pytest.fixture(scope="module")
def spec():
    return CorrectorSpec(load_lexicons())


def test_a_long_segment_is_cut_into_bounded_windows_at_punctuation():
    text = long_line(50_000)
    doc = Document.from_text(text)
    assert doc.segments[0][0] == 0 and doc.segments[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(doc.segments, doc.segments[1:]))
    assert max(end - start for start, end in doc.segments) <= WINDOW
    assert all(text[end - 1] in SENTENCE_ENDS for _, end in doc.segments[:-1])


@given(st.text(st.sampled_from("ab汤。. \U0001F600"), min_size=1, max_size=300), st.integers(4, 40))
def test_windows_cover_the_segment_and_keep_words_and_pairs(text, size):
    text = text.encode("utf-16-le").decode("utf-16-le", "surrogatepass")  # lone halves stay as they are
    pieces = list(windows(text, 0, len(text), size))
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(0 < e - s <= size for s, e in pieces)
    for _, cut in pieces[:-1]:
        word_run = text[max(0, cut - size // 2):cut + size // 2]
        if not (word_run.isascii() and word_run.isalnum()):  # only a Latin word longer than that is cut
            assert not (is_latin_word_char(text[cut - 1]) and is_latin_word_char(text[cut]))


def test_surrogate_pairs_are_never_split():
    text = "\ud83d\ude00" * 30  # as text decoded with surrogatepass holds them
    for _, cut in list(windows(text, 0, len(text), 7))[:-1]:
        assert "\ud800" <= text[cut - 1] <= "\udbff" or not "\udc00" <= text[cut] <= "\udfff"
        assert not "\ud800" <= text[cut - 1] <= "\udbff"


def test_a_long_line_is_corrected_as_if_split_at_the_window_cuts(spec):
    text = long_line(30_000)
    corrector = spec.build()
    doc = Document.from_text(text)
    split = "\n".join(text[start:end] for start, end in doc.segments)
    whole = corrector.correct(doc)
    pieces = corrector.correct(Document.from_text(split))
    assert len(whole.edits) > 100
    assert whole.text == pieces.text.replace("\n", "")


@pytest.mark.parametrize("chunk_chars", [7_001, 2 << 20])
def test_records_on_a_long_line_point_at_their_original_text(tmp_path, spec, chunk_chars):
    text = "第一行：上汤。\n" + long_line(60_000) + "\n最后一行：上汤。\n"
    (tmp_path / "talk.txt").write_text(text, encoding="utf-8")
    result = fix_paths([tmp_path / "talk.txt"], spec, tmp_path / "out.txt", FixOptions(chunk_chars=chunk_chars))
    assert not result.failed
    lines = text.split("\n")
    records = result.records
    assert len(records) > 200 and max(r["column"] for r in records) > 50_000
    wrong = [r for r in records
             if lines[r["line"] - 1][r["column"] - 1:r["column"] - 1 + len(r["original"])] != r["original"]]
    assert wrong == []
    fixed = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert fixed == spec.build().correct_text(text).text
