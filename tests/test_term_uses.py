"""How often a term occurs in a document, found from where its first character occurs: the same counts
as scanning the text for each term (str.count, and every overlapping occurrence for standalone uses)."""
import random

import pytest

from cleanup.guards import base_word_frequency
from cleanup.passes.pinyin_evidence import TermUses


def scanned_standalone(text: str, term: str) -> int:
    count, start = 0, text.find(term)
    while start >= 0:
        end = start + len(term)
        left, right = text[max(0, start - 1):start + 1], text[end - 1:end + 1]
        if not (len(left) == 2 and base_word_frequency(left) or len(right) == 2 and base_word_frequency(right)):
            count += 1
        start = text.find(term, start + 1)
    return count


@pytest.mark.parametrize("text, term, uses, standalone", [
    ("商汤发布了模型，商汤很强", "商汤", 2, 2),
    ("模模模模", "模模", 2, 3),  # overlapping occurrences: not counted as uses, each one standalone
    ("哈哈哈哈哈", "哈哈", 2, 0),  # every occurrence has 哈哈, a word, at an edge
    ("过去一段时间，段时间先生说", "段时间", 2, 1),  # 一段 is a word, so the first is no standalone use
    ("没有这个词", "商汤", 0, 0),
    ("", "商汤", 0, 0),
])
def test_examples(text, term, uses, standalone):
    found = TermUses(text, base_word_frequency)
    assert (found[term], found.standalone(term)) == (uses, standalone)


def test_same_counts_as_scanning_the_text():
    rng = random.Random(7)
    alphabet = "一段时间哈的商汤大模型AB"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        found = TermUses(text, base_word_frequency)
        for _ in range(4):
            term = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
            assert found[term] == text.count(term), (text, term)
            assert found.standalone(term) == scanned_standalone(text, term), (text, term)
