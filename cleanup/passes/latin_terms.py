"""Latin-script terms garbled in mixed or English text: case- and space-blind, phonetic matching."""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..document import Document
from ..edits import Edit
from ..english import is_english_word
from ..textnorm import ascii_lower
from .base import Pass

TOKEN = re.compile(r"[A-Za-z0-9]+")
FOLD = re.compile(r"[^a-z0-9]")
SOUND_RULES = [(re.compile(p), r) for p, r in (
    (r"ph", "f"), (r"ck", "k"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"q", "k"), (r"x", "ks"), (r"z", "s"),
    (r"v", "f"), (r"d(?=t|$)", "t"), (r"(?<=[a-z])h", ""), (r"[aeiouy]+", "a"), (r"(.)\1+", r"\1"))]


def fold(text: str) -> str:
    """Lower-case letters and digits only: 'GPT-4 Turbo' -> 'gpt4turbo'."""
    return FOLD.sub("", ascii_lower(text))


@lru_cache(maxsize=65536)
def sound_key(folded: str) -> str:
    """A rough English sound key: 'sensetime' and 'sincetime' both give 'sanasatama'."""
    key = folded.rstrip("e") if len(folded) > 3 else folded
    for pattern, replacement in SOUND_RULES:
        key = pattern.sub(replacement, key)
    return key


class LatinTermsPass(Pass):
    name = "latin"
    description = "fix garbled Latin-script terms (case, spacing and spelling by sound)"

    @classmethod
    def option_defaults(cls) -> dict:
        return {"threshold": 0.8, "english_word_threshold": 0.9, "max_tokens": 3, "min_length": 4}

    def __init__(self, lexicon, guards, **options):
        super().__init__(lexicon, guards, **options)
        self.terms = {}
        for entry in lexicon:
            folded = fold(entry.text)
            if entry.text.isascii() and len(folded) >= self.options["min_length"]:
                self.terms.setdefault(folded, entry)
        self.folded_terms = list(self.terms)
        self.keys = {folded: sound_key(folded) for folded in self.terms}

    def propose(self, doc: Document) -> list[Edit]:
        if not self.terms:
            return []
        edits = []
        for offset, text in doc.iter_segments():
            protected = self.guards.protected_spans(text)
            tokens = list(TOKEN.finditer(text))
            for i in range(len(tokens)):
                for j in range(i, min(i + self.options["max_tokens"], len(tokens))):
                    if j > i and text[tokens[j - 1].end():tokens[j].start()] not in (" ", "-"):
                        break
                    start, end = tokens[i].start(), tokens[j].end()
                    words = [t.group() for t in tokens[i:j + 1]]
                    match = self.best_match(fold(text[start:end]), tuple(words))
                    if match is None or protected.overlaps(start, end):
                        continue
                    entry, score, how = match
                    if not _latin_boundaries(text, start, end):
                        continue
                    edits.append(Edit(offset + start, offset + end, text[start:end], entry.text, self.name,
                                      entry.text, round(score, 3), f"{text[start:end]!r} {how} {entry.text}"))
        return edits

    @lru_cache(maxsize=65536)
    def best_match(self, folded: str, words: tuple[str, ...]):
        if len(folded) < self.options["min_length"] or folded in self.terms:
            return None
        # Real English words only yield to a near-identical spelling; other tokens may also match by sound.
        english = all(is_english_word(w) for w in words)
        needed = self.options["english_word_threshold"] if english else self.options["threshold"]
        key = sound_key(folded)
        best = None
        # score = max(spelled, mean(spelled, sounded)) cannot reach ``needed`` unless spelled >= 2 * needed - 1
        for term_folded, spelled, _ in process.extract(folded, self.folded_terms, scorer=Levenshtein.normalized_similarity,
                                                       score_cutoff=2 * needed - 1 - 1e-9, limit=None):
            if abs(len(term_folded) - len(folded)) > max(len(term_folded), len(folded)) // 3:
                continue
            sounded = 0.0 if english else Levenshtein.normalized_similarity(key, self.keys[term_folded])
            score = max(spelled, (spelled + sounded) / 2)
            if score >= needed and (best is None or score > best[1]):
                how = "is spelled like" if spelled >= score else "sounds and is spelled like"
                best = (self.terms[term_folded], score, f"{how} ({score:.2f})")
        return best


def _latin_boundaries(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isascii() or not text[start - 1].isalnum()) and \
        (end == len(text) or not text[end].isascii() or not text[end].isalnum())
