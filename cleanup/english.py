"""Is a token an ordinary English word? (a guard for the Latin pass)"""
from __future__ import annotations

from functools import lru_cache

import marisa_trie

LISTS = ("web2", "gcide")


@lru_cache(maxsize=1)
def english_words() -> marisa_trie.Trie:
    """The lower-case words of the lists, as a trie kept in the user's cache: building them from the
    package's files takes 0.19 s, loading a set of them 0.05 s, and loading the trie 2 ms."""
    from . import engine_cache

    key = engine_cache.data_key("english-words", *LISTS, "marisa-trie")
    stored = engine_cache.load(key, engine_cache.DATA_FOLDER)
    if not isinstance(stored, bytes):
        from english_words import get_english_words_set

        stored = marisa_trie.Trie(get_english_words_set(list(LISTS), lower=True, alpha=True)).tobytes()
        engine_cache.store(key, stored, engine_cache.DATA_FOLDER)
    return marisa_trie.Trie().frombytes(stored)


def is_english_word(token: str) -> bool:
    word = token.lower()
    return word in english_words() or (word.endswith("'s") and word[:-2] in english_words())
