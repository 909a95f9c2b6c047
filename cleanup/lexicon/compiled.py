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


@dataclass(frozen=True)
class CompiledLexicon:
    lexicon: Lexicon
    #: canonical forms, aliases, protected strings and distinctive parts: no fix may alter one
    protected: frozenset[str]
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
        return cls(lexicon, frozenset(lexicon.protected_strings() | derived),
                   frozenset(han_terms | {p for p in derived if all(is_han(ch) for ch in p)}),
                   MappingProxyType(parts), MappingProxyType({e.text: lexicon.list_size(e.text) for e in lexicon}))

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
        return _restore, (self.lexicon, self.protected, self.words, dict(self.parts), dict(self.list_sizes))


def _restore(lexicon, protected, words, parts, list_sizes) -> CompiledLexicon:
    return CompiledLexicon(lexicon, protected, words, MappingProxyType(parts), MappingProxyType(list_sizes))


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
