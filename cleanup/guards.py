"""Evidence against a fix: protected strings, word boundaries and how common a span is as a word."""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import TYPE_CHECKING

import ahocorasick

from . import word_dictionary
from .lexicon.compiled import CompiledLexicon
from .textnorm import ascii_lower


if TYPE_CHECKING:
    import jieba


@lru_cache(maxsize=1)
def _base_tokenizer() -> jieba.Tokenizer:
    """jieba over its own dictionary (kept as a trie in the user's cache), made once per process when
    first needed, and never modified."""
    return word_dictionary.tokenizer(word_dictionary.base_dictionary())


#: The count a lexicon word gets in jieba's dictionary at least, so that jieba keeps it whole
LEXICON_WORD_COUNT = 1000


class SpanSet:
    """Sorted, merged ``(start, end)`` intervals with an overlap test."""

    def __init__(self, spans):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ends, start + 1)
        return i < len(self.starts) and self.starts[i] < end


def base_word_frequency(word: str) -> int:
    """How often jieba's own dictionary has ``word`` as a word (0 when it is not one)."""
    return word_dictionary.base_dictionary().get(word, 0)


def base_segment(text: str) -> list[str]:
    """jieba's words for ``text`` from its own dictionary alone."""
    return list(_base_tokenizer().cut(text))


class Guards:
    """Read-only views of a compiled lexicon that the passes share.

    - protected strings: every canonical term, alias, listed exception and distinctive part, and whether
      one stands against a fix to a term (:meth:`CompiledLexicon.protects`).
    - word boundaries: jieba's segmentation, with the lexicon's Han terms added as words.
    - word frequency: jieba's dictionary counts, from before the lexicon was added.
    """

    def __init__(self, compiled: CompiledLexicon):
        self.compiled = compiled
        self.protected = compiled.protected
        self.lexicon_words = compiled.words
        self.protects = compiled.protects
        self._automaton: ahocorasick.Automaton | None = None
        self._tokenizer: jieba.Tokenizer | None = None
        self._boundaries_cache: dict[str, tuple[int, ...]] = {}

    def __getstate__(self) -> dict:
        # the automaton, tokenizer and caches are rebuilt where the guards are unpickled
        return {"compiled": self.compiled}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["compiled"])

    @property
    def automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            self._automaton = ahocorasick.Automaton()
            for text in self.protected:
                self._automaton.add_word(ascii_lower(text), len(text))
            if len(self._automaton):
                self._automaton.make_automaton()
        return self._automaton

    def find_protected(self, text: str) -> list[tuple[int, int]]:
        """Every occurrence of a protected string, overlapping ones included."""
        if not len(self.automaton):
            return []
        return [(end - length + 1, end + 1) for end, length in self.automaton.iter(ascii_lower(text))]

    def protected_spans(self, text: str) -> SpanSet:
        return SpanSet(self.find_protected(text))

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        """jieba with the lexicon's Han terms added (built on first use, from a shared base dictionary)."""
        if self._tokenizer is None:
            words = word_dictionary.base_dictionary().with_words(self.lexicon_words, LEXICON_WORD_COUNT)
            self._tokenizer = word_dictionary.tokenizer(words)
        return self._tokenizer

    word_frequency = staticmethod(base_word_frequency)
    segment = staticmethod(base_segment)

    def boundaries(self, text: str) -> tuple[int, ...]:
        """Offsets in ``text`` where jieba (with the lexicon's words) puts a word boundary, in order (0 and
        ``len(text)`` included); sorted once per text, as every candidate in it bisects them."""
        found = self._boundaries_cache.get(text)
        if found is None:
            if len(self._boundaries_cache) > 4096:
                self._boundaries_cache.clear()
            cuts, pos = [0], 0
            for token in self.tokenizer.cut(text, HMM=True):
                pos += len(token)
                cuts.append(pos)
            found = self._boundaries_cache[text] = tuple(cuts)  # running ends of the tokens: already in order
        return found

    def known_word(self, word: str) -> bool:
        """In jieba's dictionary or one of the lexicon's words."""
        return bool(self.word_frequency(word) or word in self.lexicon_words)

    def cut_words(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The dictionary words of ``text`` (as offsets) that a span begins or ends inside.

        Tokens jieba only guessed (not in its dictionary) are no evidence, so cutting them is allowed.
        """
        cuts = self.boundaries(text)
        found = []
        for edge in (start, end):
            i = bisect.bisect_left(cuts, edge)
            if cuts[i] == edge:  # a boundary; the last one is len(text), so i is in range
                continue
            word = text[cuts[i - 1]:cuts[i]]
            if self.known_word(word) and (cuts[i - 1], cuts[i]) not in found:
                found.append((cuts[i - 1], cuts[i]))
        return found
