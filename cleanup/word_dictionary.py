"""jieba's dictionary as a compact trie, and a jieba tokenizer that segments with it.

jieba holds its dictionary as a dict of every word and every prefix, which takes about 0.3 s to load in
every process: most of a run's fixed cost, paid again by each ``--jobs`` worker that is not forked.
The same words in a marisa trie, with their counts in arrays, load from the user's cache in about
25 ms. :class:`TrieTokenizer` segments exactly as jieba does: it replaces only how jieba finds the
words that start at each character (its DAG) and how it weighs them (its route), with the same
arithmetic; jieba's own code still cuts, and its HMM still splits runs of unknown characters.
"""
from __future__ import annotations

import array
import importlib
import logging
import math
import sys
from functools import lru_cache
from typing import Iterable

import marisa_trie

from . import engine_cache

#: The cache folder, where jieba kept its own dictionary cache; like that one, ``cache clear`` leaves it.
FOLDER = "jieba"


def _jieba():
    """The jieba module, imported without pkg_resources: jieba only uses it to open its own data files,
    which it otherwise opens by path, and importing it takes about 0.1 s."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # makes jieba's ``import pkg_resources`` fail, for the fallback
        try:
            importlib.import_module("jieba")
        finally:
            del sys.modules["pkg_resources"]
    jieba = importlib.import_module("jieba")
    jieba.setLogLevel(logging.WARNING)  # else it prints its progress to standard error
    return jieba


class WordDictionary:
    """Words with their counts: jieba's dictionary, plus words added on top of it (a lexicon's).

    ``get`` answers as jieba's ``FREQ.get`` does for words (a prefix that is no word is simply absent,
    which jieba's code treats alike).
    """

    def __init__(self, trie: marisa_trie.Trie, counts: array.array, logs: array.array, total: int,
                 added: dict[str, int] | None = None):
        self.trie, self.counts, self.logs, self.total = trie, counts, logs, total
        self.added = added or {}
        self._added_by_first: dict[str, list[tuple[str, float]]] = {}
        for word, count in self.added.items():
            self._added_by_first.setdefault(word[0], []).append((word, math.log(count or 1)))

    def get(self, word: str, default=None):
        found = self.added.get(word)
        if found is not None:
            return found
        index = self.trie.get(word)
        return default if index is None else self.counts[index]

    def with_words(self, words: Iterable[str], min_count: int) -> WordDictionary:
        """These words added as jieba's ``add_word(word, max(count, min_count))`` adds them, in order."""
        added, total = dict(self.added), self.total
        for word in words:
            count = max(added.get(word) or self.get(word, 0), min_count)
            added[word] = count
            total += count  # jieba adds the new count to its total even for a word it had
        return WordDictionary(self.trie, self.counts, self.logs, total, added)

    def dag(self, sentence: str) -> dict[int, list[tuple[int, float]]]:
        """For each offset, the last offset of every word starting there with the log of its count (jieba's
        DAG, weights included); an offset that starts no word has just itself, weighed as a count of 1."""
        prefixes, logs, added = self.trie.iter_prefixes_with_ids, self.logs, self._added_by_first
        dag = {}
        for k in range(len(sentence)):
            ends = [(k + len(word) - 1, logs[index]) for word, index in prefixes(sentence[k:k + MAX_WORD])]
            extra = added.get(sentence[k])
            if extra:
                merged = dict(ends)
                merged.update((k + len(word) - 1, log) for word, log in extra if sentence.startswith(word, k))
                ends = list(merged.items())  # the route takes the best, in any order
            dag[k] = ends or [(k, 0.0)]
        return dag


#: jieba's longest word has 16 characters; a longer slice only costs time
MAX_WORD = 32


def tokenizer(words: WordDictionary):
    """A jieba tokenizer over ``words`` (``cut``, ``lcut``, ``get_DAG``, ``calc``, ``FREQ.get``, ``total``)."""
    return _tokenizer_class()(words)


@lru_cache(maxsize=1)
def _tokenizer_class():
    jieba = _jieba()

    class TrieTokenizer(jieba.Tokenizer):
        def __init__(self, words: WordDictionary):
            super().__init__()
            self.FREQ, self.total, self.initialized = words, words.total, True

        def get_DAG(self, sentence):
            return self.FREQ.dag(sentence)

        def calc(self, sentence, DAG, route):
            # jieba's sum, in jieba's order, so that ties and rounding come out the same
            N = len(sentence)
            route[N] = (0, 0)
            logtotal = math.log(self.total)
            for idx in range(N - 1, -1, -1):
                route[idx] = max((log - logtotal + route[x + 1][0], x) for x, log in DAG[idx])

    return TrieTokenizer


@lru_cache(maxsize=1)
def base_dictionary() -> WordDictionary:
    """jieba's own dictionary, from the user's cache, or built from jieba's file (about a second) and cached."""
    key = engine_cache.data_key("jieba", "marisa-trie", "1")
    stored = engine_cache.load(key, FOLDER)
    if not _well_formed(stored):
        stored = _build()
        engine_cache.store(key, stored, FOLDER)
    trie_bytes, count_bytes, log_bytes, total = stored
    counts, logs = array.array("q"), array.array("d")
    counts.frombytes(count_bytes)
    logs.frombytes(log_bytes)
    return WordDictionary(marisa_trie.Trie().frombytes(trie_bytes), counts, logs, total)


def _well_formed(stored) -> bool:
    return (isinstance(stored, tuple) and len(stored) == 4 and all(isinstance(b, bytes) for b in stored[:3])
            and isinstance(stored[3], int))


def _build() -> tuple[bytes, bytes, bytes, int]:
    """jieba's dictionary file, read with jieba's own parser, as (trie, counts, logs of counts, total)."""
    jieba = _jieba()
    reader = jieba.Tokenizer()
    frequencies, total = reader.gen_pfdict(reader.get_dict_file())
    words = {word: count for word, count in frequencies.items() if count}  # the rest are prefixes
    trie = marisa_trie.Trie(words)
    counts, logs = array.array("q", bytes(8 * len(trie))), array.array("d", bytes(8 * len(trie)))
    for word, index in trie.iteritems():
        counts[index] = words[word]
        logs[index] = math.log(words[word])
    return trie.tobytes(), counts.tobytes(), logs.tobytes(), total
