"""Is a token an ordinary English word? (a guard for the Latin pass)"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    from english_words import get_english_words_set
    return frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))


def is_english_word(token: str) -> bool:
    word = token.lower()
    return word in english_words() or (word.endswith("'s") and word[:-2] in english_words())
