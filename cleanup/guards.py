"""Evidence against a fix: protected strings, word boundaries and how common a span is as a word."""
from __future__ import annotations

import bisect
import contextlib
import importlib
import logging
import marshal
import sys
from functools import lru_cache
from typing import TYPE_CHECKING

import ahocorasick

from .cachedir import cache_dir
from .lexicon.compiled import CompiledLexicon
from .textnorm import ascii_lower


class _WholeFileMarshal:
    """``marshal`` for jieba, reading a file in one call: its ``marshal.load(file)`` reads the 9 MB dictionary
    cache piece by piece, which takes about three times as long."""

    dump = staticmethod(marshal.dump)

    @staticmethod
    def load(file):
        return marshal.loads(file.read())

if TYPE_CHECKING:
    import jieba


def _jieba():
    """The jieba module, imported without pkg_resources: jieba only uses it to open its own data files,
    which it otherwise opens by path, and importing it takes about 0.1 s."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # makes jieba's ``import pkg_resources`` fail, for the fallback
        try:
            importlib.import_module("jieba")
        finally:
            del sys.modules["pkg_resources"]
    return importlib.import_module("jieba")


@lru_cache(maxsize=1)
def _base_tokenizer() -> jieba.Tokenizer:
    """jieba's own dictionary, loaded once per process, when first needed, and never modified.

    jieba caches it in the shared temporary folder by default, where another user's cache file cannot
    be replaced ("Dump cache file failed"); ours goes to the user's cache folder.
    """
    jieba = _jieba()
    jieba.setLogLevel(logging.WARNING)
    jieba.marshal = _WholeFileMarshal
    tokenizer = jieba.Tokenizer()
    with contextlib.suppress(OSError):  # no writable cache folder: jieba's default, as before
        tokenizer.tmp_dir = str(cache_dir("jieba"))
    tokenizer.initialize()
    return tokenizer


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
    return _base_tokenizer().FREQ.get(word) or 0


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
            base = _base_tokenizer()
            tokenizer = _jieba().Tokenizer()
            tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(base.FREQ), base.total, True
            for word in self.lexicon_words:
                tokenizer.add_word(word, freq=max(tokenizer.FREQ.get(word) or 0, 1000))
            self._tokenizer = tokenizer
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
            if (self.word_frequency(word) or word in self.lexicon_words) and (cuts[i - 1], cuts[i]) not in found:
                found.append((cuts[i - 1], cuts[i]))
        return found
