"""The compiled lexicon: everything the passes and the judge read, derived once and never changed after.

Passes share one instance, so no pass can change what another sees (a pass that protected its own
derived names used to change what known-variants did).
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from ..textnorm import HAN_RUN, is_han
from .model import Entry, Lexicon

# A word at least this frequent in jieba's dictionary is a common word: never a distinctive part
COMMON_WORD_FREQUENCY = 50
# A list shorter than this counts as this long: in the judge's prior (the fit saw no shorter ones, and a
# prior that grew without bound would let a one-term list fix anything that sounds like its term) and
# when lists are compared
SMALLEST_LIST = 50
# A list this many times as long as another is an imported one beside a curated one: its names do not
# stand against the curated list's terms (徐丽 of 10,000 names does not block 徐立 of a team lexicon)
LONGER_LIST = 10


@dataclass(frozen=True)
class CompiledLexicon:
    lexicon: Lexicon
    #: canonical forms, aliases, protected strings and distinctive parts: no fix may alter one (see
    #: :meth:`protects`), each with the size of the smallest list that protects it
    protected: Mapping[str, int]
    #: Han words jieba must keep whole: multi-character Han terms and distinctive parts
    words: frozenset[str]
    #: term -> the parts of it that stand alone in speech (模速 of 模速空间)
    parts: Mapping[str, tuple[str, ...]]
    #: term -> size of the smallest list that names it
    list_sizes: Mapping[str, int]

    @classmethod
    def build(cls, lexicon: Lexicon) -> "CompiledLexicon":
        from ..guards import base_word_frequency, base_segment  # jieba loads only when a lexicon is compiled

        parts = {e.text: tuple(distinctive_parts(e.text, lexicon, base_word_frequency, base_segment))
                 for e in lexicon}
        derived = {p for found in parts.values() for p in found} - set(lexicon.claims)
        han_terms = {e.text for e in lexicon if len(e.text) > 1 and all(is_han(ch) for ch in e.text)}
        list_sizes = {e.text: lexicon.list_size(e.text) for e in lexicon}
        protectable = lexicon.protected_strings() | derived
        protected: dict[str, int] = {}  # each string's list: its own term's, or its whole term's for a part
        for entry in lexicon:
            size = list_sizes[entry.text]
            for string in (entry.text, *entry.aliases, *entry.protected, *parts[entry.text]):
                if string in protectable:
                    protected[string] = min(protected.get(string, size), size)
        return cls(lexicon, MappingProxyType(protected),
                   frozenset(han_terms | {p for p in derived if all(is_han(ch) for ch in p)}),
                   MappingProxyType(parts), MappingProxyType(list_sizes))

    def protects(self, string: str, term: str) -> bool:
        """Whether protected ``string`` stands against a fix to ``term``: unless every list that protects it
        is LONGER_LIST times as long as the term's (or more)."""
        size = self.protected.get(string)
        if size is None:
            return False
        return not longer_list(size, self.list_sizes.get(term, 1))

    def __iter__(self):
        return iter(self.lexicon)

    def __len__(self) -> int:
        return len(self.lexicon)

    def __contains__(self, text: str) -> bool:
        return text in self.lexicon

    def get(self, text: str) -> Entry | None:
        return self.lexicon.get(text)

    @property
    def claims(self):
        return self.lexicon.claims

    def __reduce__(self):
        # MappingProxyType does not pickle; rebuild from plain dicts
        return _restore, (self.lexicon, dict(self.protected), self.words, dict(self.parts), dict(self.list_sizes))


def _restore(lexicon, protected, words, parts, list_sizes) -> CompiledLexicon:
    return CompiledLexicon(lexicon, MappingProxyType(protected), words, MappingProxyType(parts),
                           MappingProxyType(list_sizes))


def longer_list(size: int, other: int) -> bool:
    """Whether a list of ``size`` terms is an imported one beside a curated list of ``other``."""
    return size >= LONGER_LIST * max(other, SMALLEST_LIST)


def distinctive_parts(text: str, lexicon: Lexicon, word_frequency, segment) -> list[str]:
    """Parts of a name that stand alone in speech: 模速 of 模速空间, 芯穹 of 无问芯穹, 智算 of AI智算.

    A part is one of the two words a long Han term segments into, what is left after a common word at
    either end (上咨 of 上咨集团), or a Han run of a mixed-script term; at least two characters and not
    a common word itself.
    """
    if not all(is_han(ch) for ch in text):
        found = set(HAN_RUN.findall(text))
    elif len(text) >= 4:
        words = segment(text)
        found = set(words) if len(words) == 2 else set()
        if word_frequency(words[0]) >= COMMON_WORD_FREQUENCY:
            found.add(text[len(words[0]):])
        if word_frequency(words[-1]) >= COMMON_WORD_FREQUENCY:
            found.add(text[:-len(words[-1])])
    else:
        return []
    return sorted(p for p in found if len(p) >= 2 and p not in lexicon and word_frequency(p) < COMMON_WORD_FREQUENCY)
