"""Property: apply writes exactly the accepted edits, whatever the edits and decisions."""
import tempfile
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleanup.edits import Edit, apply_edits
from cleanup.formats import read_source
from cleanup.review import DECISIONS, ReviewSet, applied_files
from cleanup.review.propose import proposals_for

ALPHABET = st.sampled_from(list("上汤商康日心新ab \n"))


@st.composite
def text_and_edits(draw):
    """A text, a set of non-overlapping edits on it and a decision (with edit text) for each."""
    text = draw(st.text(ALPHABET, min_size=1, max_size=60))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=12)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        replacement = draw(st.text(ALPHABET, max_size=4))
        if replacement != text[start:end]:
            edits.append(Edit(start, end, text[start:end], replacement, "p", "t", 0.5, "r"))
    assume(edits)  # a file without proposals is not part of a review set
    decisions = [(draw(st.sampled_from(DECISIONS)), draw(st.text(ALPHABET, max_size=3))) for _ in edits]
    return text, edits, decisions


def apply_with_decisions(text, edits, decisions):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        path.write_bytes(text.encode("utf-8"))
        review_set = ReviewSet(proposals_for(read_source(path), edits))
        applied = []
        for proposal, (decision, typed) in zip(list(review_set), decisions):
            decided = review_set.decide(proposal.id, decision, typed)
            if decided.applied:
                applied.append(decided.to_edit())
        [result] = applied_files(review_set)
        return result.data, applied


@settings(max_examples=150, deadline=None)
@given(text_and_edits())
def test_apply_equals_applying_the_accepted_edits(case):
    text, edits, decisions = case
    data, accepted = apply_with_decisions(text, edits, decisions)
    assert data == apply_edits(text, accepted).encode("utf-8")


@settings(max_examples=100, deadline=None)
@given(text_and_edits())
def test_all_rejected_gives_the_original(case):
    text, edits, _ = case
    data, accepted = apply_with_decisions(text, edits, [("rejected", "")] * len(edits))
    assert accepted == [] and data == text.encode("utf-8")
