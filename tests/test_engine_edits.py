"""Edit records: overlap resolution and application."""
import pytest
from hypothesis import given, settings, strategies as st

from cleanup import Edit, apply_edits, resolve_overlaps

TEXT = "我们在端测部署巨生智能模型和Sands time平台"


def edit(start, end, replacement="X", score=0.9, text=TEXT, pass_name="p", term="t"):
    return Edit(start, end, text[start:end], replacement, pass_name, term, score, "test")


def test_higher_score_wins_an_overlap():
    low, high = edit(3, 5, score=0.8), edit(4, 6, score=0.95)
    assert resolve_overlaps([low, high]) == [high]
    assert resolve_overlaps([high, low]) == [high]


def test_equal_scores_prefer_the_longer_span():
    short, long_ = edit(7, 9, score=0.9), edit(7, 11, score=0.9)
    assert resolve_overlaps([short, long_]) == [long_]
    assert resolve_overlaps([long_, short]) == [long_]


def test_score_beats_length():
    long_low, short_high = edit(7, 11, score=0.8), edit(7, 9, score=0.95)
    assert resolve_overlaps([long_low, short_high]) == [short_high]


def test_non_overlapping_edits_all_kept_sorted_and_no_ops_dropped():
    a, b, c = edit(0, 2), edit(3, 5), edit(7, 11)
    no_op = Edit(12, 14, TEXT[12:14], TEXT[12:14], "p", "t", 1.0, "same")
    assert resolve_overlaps([c, no_op, a, b]) == [a, b, c]


def test_adjacent_edits_do_not_overlap():
    a, b = edit(3, 5), edit(5, 7)
    assert resolve_overlaps([b, a]) == [a, b]
    assert apply_edits(TEXT, [a, b]) == TEXT[:3] + "XX" + TEXT[7:]


spans = st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 6)).map(
    lambda p: (p[0], min(len(TEXT), p[0] + p[1])))
edits_strategy = st.lists(
    st.builds(lambda span, score, repl: edit(*span, replacement=repl, score=score),
              spans, st.sampled_from([0.5, 0.8, 0.9, 0.95]), st.sampled_from(["A", "BB", "具身"])),
    max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_resolution_is_deterministic_and_greedy(data):
    edits = data.draw(edits_strategy)
    shuffled = data.draw(st.permutations(edits))
    kept = resolve_overlaps(edits)
    assert kept == resolve_overlaps(shuffled)
    assert kept == sorted(kept, key=lambda e: (e.start, e.end))
    assert all(not a.overlaps(b) for a, b in zip(kept, kept[1:]))
    for dropped in set(edits) - set(kept):
        if dropped.original == dropped.replacement:
            continue
        # every dropped edit lost to an overlapping kept edit at least as good
        assert any(k.overlaps(dropped) and (k.score, k.end - k.start) >= (dropped.score, dropped.end - dropped.start)
                   for k in kept)


@settings(max_examples=200, deadline=None)
@given(edits_strategy)
def test_applied_edits_trace_back_to_the_original(edits):
    kept = resolve_overlaps(edits)
    out = apply_edits(TEXT, kept)
    cursor_in = cursor_out = 0
    for e in kept:
        assert TEXT[e.start:e.end] == e.original
        assert out[cursor_out:cursor_out + e.start - cursor_in] == TEXT[cursor_in:e.start]
        cursor_out += e.start - cursor_in
        assert out[cursor_out:cursor_out + len(e.replacement)] == e.replacement
        cursor_out += len(e.replacement)
        cursor_in = e.end
    assert out[cursor_out:] == TEXT[cursor_in:]


def test_apply_raises_on_overlap():
    with pytest.raises(ValueError, match="overlap"):
        apply_edits(TEXT, [edit(3, 5), edit(4, 6)])


def test_apply_raises_on_mismatching_original():
    stale = Edit(3, 5, "端侧", "端侧", "p", "t", 0.9, "stale")
    with pytest.raises(ValueError, match="端测"):
        apply_edits(TEXT, [stale])


def test_apply_without_edits_is_identity():
    assert apply_edits(TEXT, []) == TEXT
