"""Latin-script terms garbled in mixed or English text: case- and space-blind, phonetic matching."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..document import Document
from ..edits import Edit
from ..english import is_english_word
from ..textnorm import ascii_lower
from .base import Match, Pass

TOKEN = re.compile(r"[A-Za-z0-9]+")
FOLD = re.compile(r"[^a-z0-9]")
PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
SOUND_RULES = [(re.compile(p), r) for p, r in (
    (r"ph", "f"), (r"ck", "k"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"q", "k"), (r"x", "ks"), (r"z", "s"),
    (r"v", "f"), (r"b", "p"), (r"g(?!h)", "k"), (r"d", "t"),  # voiced and voiceless pairs merge
    (r"(?<=[a-z])h", ""), (r"(?<=..)e$", ""), (r"[aeiouy]+", "a"), (r"(.)\1+", r"\1"))]
# A sound key of three or more consonants that matches outright outweighs the spelling (caft -> KAFD),
# at this cost, for tokens that are not English words
SOUND_ONLY_PENALTY = 0.1
# Confidence of a two-word name matched by its intact last word, and how close a longer last word must be
COMPOUND_SCORE = 0.85
TAIL_SIMILARITY = 0.6
# How a lone letter sounds when spoken as part of a name ("C time" for SenseTime)
LETTER_SOUNDS = {"c": "s", "k": "k", "g": "j", "j": "j", "q": "k", "x": "ks", "y": "w"}


def fold(text: str) -> str:
    """Lower-case letters and digits only: 'GPT-4 Turbo' -> 'gpt4turbo'."""
    return FOLD.sub("", ascii_lower(text))


@lru_cache(maxsize=65536)
def sound_key(folded: str) -> str:
    """A rough English sound key: 'sensetime' and 'sincetime' both give 'sansatam'."""
    key = folded
    for pattern, replacement in SOUND_RULES:
        key = pattern.sub(replacement, key)
    return key


def parts(term: str) -> list[str]:
    """The words of a Latin term, camel case split: 'SenseTime' -> ['sense', 'time']."""
    return [p.lower() for p in PART.findall(term)]


class LatinTermsPass(Pass):
    name = "latin"
    description = "fix garbled Latin-script terms (case, spacing and spelling by sound)"

    @classmethod
    def option_defaults(cls) -> dict:
        return {"threshold": 0.8, "english_word_threshold": 0.9, "compound_head_similarity": 0.6,
                "max_tokens": 3, "min_length": 4}

    def __init__(self, lexicon, guards, **options):
        super().__init__(lexicon, guards, **options)
        self.terms = {}
        self.by_tail: dict[str, list[tuple[str, str]]] = defaultdict(list)  # last word's sound -> (term, head)
        for entry in lexicon:
            folded = fold(entry.text)
            if not entry.text.isascii() or len(folded) < self.options["min_length"] or folded in self.terms:
                continue
            self.terms[folded] = entry
            words = parts(entry.text)
            if len(words) == 2 and len(words[1]) >= 3 and words[1].isalpha():
                self.by_tail[sound_key(words[1])].append((folded, words[0]))
        self.folded_terms = list(self.terms)
        self.keys = {folded: sound_key(folded) for folded in self.terms}
        self.sound_keys = [self.keys[folded] for folded in self.folded_terms]

    def propose(self, doc: Document) -> list[Edit]:
        return [Edit(m.start, m.end, m.original, m.replacement, self.name, m.term, m.score, m.reason)
                for m in self.matches(doc, self.options["threshold"]) if m.score is not None]

    def matches(self, doc: Document, floor: float) -> list[Match]:
        if not self.terms:
            return []
        folded_doc = fold(doc.text)
        seen = frozenset(t for t in self.terms if t in folded_doc)
        found = []
        for offset, text, start, end, words, folded in self._spans(doc):
            match = self.best_match(folded, words, floor)
            if match is None:
                continue
            entry, score, how, needs_evidence = match
            original = text[start:end]
            if score < self.options["threshold"]:
                score, how = None, f"{how}, below the fix threshold"
            elif needs_evidence and fold(entry.text) not in seen:
                score, how = None, f"{how}, but is ordinary English and {entry.text} is nowhere else in the document"
            elif needs_evidence:
                how += f"; {entry.text} appears in the document"
            found.append(Match(offset + start, offset + end, original, _spelled_like(original, entry.text),
                               entry.text, round(match[1], 3),
                               None if score is None else round(score, 3), f"{original!r} {how} {entry.text}"))
        return found

    def _spans(self, doc: Document):
        """(offset, segment text, start, end, words, folded) for runs of up to ``max_tokens`` Latin words."""
        most = self.options["max_tokens"]
        for offset, text in doc.iter_segments():
            tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
            if not tokens:
                continue
            protected = self.guards.protected_spans(text)
            lowered = [word.lower() for _, _, word in tokens]  # tokens are ASCII letters and digits
            for i, (start, _, _) in enumerate(tokens):
                for j in range(i, min(i + most, len(tokens))):
                    if j > i and text[tokens[j - 1][1]:tokens[j][0]] not in (" ", "-"):
                        break
                    end = tokens[j][1]
                    if not protected.overlaps(start, end):
                        yield (offset, text, start, end, tuple(word for _, _, word in tokens[i:j + 1]),
                               "".join(lowered[i:j + 1]))

    @lru_cache(maxsize=65536)
    def best_match(self, folded: str, words: tuple[str, ...], needed: float):
        """(entry, score, how, needs document evidence) for the closest term at ``needed`` or above."""
        if folded in self.terms or any(t in folded for t in self._terms_within(words)):
            return None
        english = all(is_english_word(w) for w in words)
        best = self._compound_match(folded, words, english)
        if len(folded) < self.options["min_length"]:
            return best
        # Real English words yield to a near-identical spelling, or to a close one the document backs up.
        key = sound_key(folded)
        sound_only = sum(ch != "a" for ch in key) >= 3 and not english
        for term_folded in self._candidates(folded, key, needed, sound_only):
            if term_folded in folded or abs(len(term_folded) - len(folded)) > max(len(term_folded), len(folded)) // 3:
                continue
            spelled = Levenshtein.normalized_similarity(folded, term_folded)
            sounded = Levenshtein.normalized_similarity(key, self.keys[term_folded])
            score = max(spelled, (spelled + sounded) / 2, sounded - SOUND_ONLY_PENALTY if sound_only else 0.0)
            if score >= needed and (best is None or score > best[1]):
                how = "is spelled like" if spelled >= score else "sounds and is spelled like"
                needs_evidence = english and spelled < self.options["english_word_threshold"]
                best = (self.terms[term_folded], score, f"{how} ({score:.2f})", needs_evidence)
        return best

    def _candidates(self, folded: str, key: str, needed: float, sound_only: bool) -> set[str]:
        """Terms that can reach ``needed``: max(spelled, mean(spelled, sounded)) needs spelled >= 2 * needed - 1;
        a sound key alone needs sounded >= needed + SOUND_ONLY_PENALTY."""
        def cutoff(value: float) -> float:
            return min(1.0, max(0.0, value - 1e-9))

        found = {term for term, _, _ in process.extract(folded, self.folded_terms, limit=None,
                                                         scorer=Levenshtein.normalized_similarity,
                                                         score_cutoff=cutoff(2 * needed - 1))}
        if sound_only:
            found.update(self.folded_terms[i] for _, _, i in process.extract(
                key, self.sound_keys, limit=None, scorer=Levenshtein.normalized_similarity,
                score_cutoff=cutoff(needed + SOUND_ONLY_PENALTY)))
        return found

    def _terms_within(self, words: tuple[str, ...]) -> list[str]:
        """Terms spelled out by a run of the candidate's words (a correct term plus a neighbour)."""
        folded_words = [fold(w) for w in words]
        return [run for i in range(len(words)) for j in range(i + 1, len(words) + 1)
                if (run := "".join(folded_words[i:j])) in self.terms]

    def _compound_match(self, folded: str, words: tuple[str, ...], english: bool):
        """A two-word term whose last word is intact and whose first is cut short or misheard:
        'Stime', 'C time', 'Sands time' -> SenseTime; 'pa orchestra' -> PathOrchestra."""
        if len(words) > 2:
            return None
        for size in range(min(len(folded) - 1, 12), 2, -1):
            if len(words) == 2 and size != len(words[1]):
                continue
            tail = folded[-size:]
            for term_folded, head in self.by_tail.get(sound_key(tail), ()):
                garbled = folded[:-size]
                term_tail = term_folded[len(head):]
                # a short last word must be spelled right; a longer one may be misheard a little
                if garbled == head or tail != term_tail and (
                        size < 4 or Levenshtein.normalized_similarity(tail, term_tail) < TAIL_SIMILARITY):
                    continue
                if len(garbled) > 1 and head.startswith(garbled):
                    return self.terms[term_folded], COMPOUND_SCORE, f"keeps {tail!r}, is cut short from", False
                if len(garbled) == 1:
                    heard = LETTER_SOUNDS.get(garbled, garbled)
                    if sound_key(head)[:len(heard)] != heard:
                        continue
                elif sound_key(garbled)[0] != sound_key(head)[0] or Levenshtein.normalized_similarity(
                        sound_key(garbled), sound_key(head)) < self.options["compound_head_similarity"]:
                    continue
                return self.terms[term_folded], COMPOUND_SCORE, f"keeps {tail!r} and sounds like", english
        return None


def _spelled_like(original: str, term: str) -> str:
    """The term as written, or just its letters and digits when the original has no separators and as
    many of them (GBT4O -> GPT4o, not GPT-4o): only what was misheard changes."""
    bare = "".join(ch for ch in term if ch.isalnum())
    return bare if original.isalnum() and len(original) == len(bare) else term
