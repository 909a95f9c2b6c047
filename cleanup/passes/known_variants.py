"""Exact, multi-pattern replacement of the misrecognitions a lexicon lists."""
from __future__ import annotations

import ahocorasick

from ..candidates import Candidate
from ..document import Document
from ..textnorm import ascii_lower, is_latin_word_char
from .base import Pass


class KnownVariantsPass(Pass):
    name = "known-variants"
    description = "replace listed variants exactly (Latin variants ignore case)"

    def __init__(self, lexicon, guards, **options):
        super().__init__(lexicon, guards, **options)
        self.automaton = ahocorasick.Automaton()
        for entry in lexicon:
            for variant in entry.variants:
                if len(lexicon.claims[variant]) == 1:  # a variant two terms claim is ambiguous: leave it
                    self.automaton.add_word(ascii_lower(variant), (variant, entry.text))
        if len(self.automaton):
            self.automaton.make_automaton()

    def propose(self, doc: Document, floor: float | None = None) -> list[Candidate]:
        if not len(self.automaton):
            return []
        edits = []
        for offset, text in doc.iter_segments():
            protected = self.guards.protected_spans(text)
            for end, (variant, term) in self.automaton.iter_long(ascii_lower(text)):
                start = end - len(variant) + 1
                if not _whole_latin_word(text, start, end + 1):
                    continue
                if protected.overlaps(start, end + 1):
                    continue
                original = text[start:end + 1]
                edits.append(Candidate(offset + start, offset + end + 1, original, term, self.name, term,
                                       f"{original!r} is a listed variant of {term}", {"listed_variant": 1.0}))
        return edits


def _whole_latin_word(text: str, start: int, end: int) -> bool:
    """A match that begins or ends with a Latin letter must not cut a Latin word."""
    if is_latin_word_char(text[start]) and start > 0 and is_latin_word_char(text[start - 1]):
        return False
    return not (is_latin_word_char(text[end - 1]) and end < len(text) and is_latin_word_char(text[end]))
