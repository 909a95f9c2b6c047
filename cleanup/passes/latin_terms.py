"""Latin-script terms garbled in mixed or English text: case- and space-blind, phonetic matching."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..candidates import Candidate
from ..document import Document
from ..english import is_english_word
from ..textnorm import ascii_lower
from .base import EPSILON, Pass, at_least
from .options import Number

TOKEN = re.compile(r"[A-Za-z0-9]+")
FOLD = re.compile(r"[^a-z0-9]")
PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
# (letters a match needs, pattern, replacement), in order; no pattern replaces the letters themselves. A rule
# whose letters are absent is skipped: regular expressions were most of the cost of a first look at a text
SOUND_RULES = [(need, pattern and re.compile(pattern), replacement) for need, pattern, replacement in (
    ("ph", None, "f"), ("ck", None, "k"), ("c", r"c(?=[eiy])", "s"), ("c", None, "k"), ("q", None, "k"),
    ("x", None, "ks"), ("z", None, "s"), ("v", None, "f"),
    ("b", None, "p"), ("g", r"g(?!h)", "k"), ("d", None, "t"),  # voiced and voiceless pairs merge
    ("h", r"(?<=[a-z])h", ""), ("e", r"(?<=..)e$", ""), ("", r"[aeiouy]+", "a"), ("", r"(.)\1+", r"\1"))]
# A sound key of three or more consonants that matches outright outweighs the spelling (caft -> KAFD),
# at this cost, for tokens that are not English words
SOUND_ONLY_PENALTY = 0.1
# How much of an English word's spelling must agree with a term before its sound counts (which -> WAIC stays)
ENGLISH_CLOSE_SPELLING = 2 / 3
# Confidence of a two-word name matched by its intact last word, and how close a longer last word must be
COMPOUND_SCORE = 0.85
TAIL_SIMILARITY = 0.6
# How a lone letter sounds when spoken as part of a name ("C time" for SenseTime)
LETTER_SOUNDS = {"c": "s", "k": "k", "g": "j", "j": "j", "q": "k", "x": "ks", "y": "w"}
# Letters whose spoken names are easily misheard for one another (bee/pee/vee, dee/tee, em/en); C and G
# stay apart, as CPU and GPU are both real
SPOKEN_LETTERS = str.maketrans("pvtn", "bbdm")
# A lower-case word the transcriber glued to an acronym ('andLEBC')
GLUED_ACRONYM = re.compile(r"([a-z]+)([A-Z]{3,})")
# Consonants around a vowel a quick speaker may swallow ('Vimi' said as 'Vmi')
CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")


def fold(text: str) -> str:
    """Lower-case letters and digits only: 'GPT-4 Turbo' -> 'gpt4turbo'."""
    return FOLD.sub("", ascii_lower(text))


def bare(text: str) -> str:
    """Letters and digits only, case kept: 'GPT-4 Turbo' -> 'GPT4Turbo'."""
    return "".join(ch for ch in text if ch.isalnum())


@lru_cache(maxsize=65536)
def sound_key(folded: str) -> str:
    """A rough English sound key: 'sensetime' and 'sincetime' both give 'sansatam'."""
    key = folded
    for need, pattern, replacement in SOUND_RULES:
        if need in key:
            key = pattern.sub(replacement, key) if pattern else key.replace(need, replacement)
    return key


def spoken_key(folded: str) -> str:
    """Letters as heard when spelled out, alike names merged: 'lebc' and 'levc' both give 'lebc'."""
    return folded.translate(SPOKEN_LETTERS)


def is_acronym(word: str) -> bool:
    """Capital letters only: model numbers such as V100 and B100 are not heard letter by letter."""
    return word.isalpha() and word.isupper()


def spoken_alike(written: str, term: str) -> bool:
    """Two acronyms of one length whose letters differ only in a few alike names (at most one in four):
    'LEBC' and 'LEVC', 'GBT' and 'GPT'; never 'CPU' and 'GPU'."""
    if len(written) != len(term) or not (is_acronym(written) and is_acronym(term)):
        return False
    differing = sum(a != b for a, b in zip(written, term))
    return 0 < differing <= max(1, len(term) // 4) and spoken_key(written.lower()) == spoken_key(term.lower())


def dropped_vowels(folded: str) -> set[str]:
    """The spellings with one vowel between two consonants left out: 'vimi' -> {'vmi'}."""
    return {folded[:i] + folded[i + 1:] for i in range(1, len(folded) - 1)
            if folded[i] in "aeiou" and folded[i - 1] in CONSONANTS and folded[i + 1] in CONSONANTS}


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

    @classmethod
    def option_types(cls) -> dict:
        share = Number(float, 0.0, 1.0)
        return {"threshold": share, "english_word_threshold": share, "compound_head_similarity": share,
                "max_tokens": Number(int, 1, 8), "min_length": Number(int, 1, 20)}

    def __init__(self, lexicon, guards, **options):
        super().__init__(lexicon, guards, **options)
        self.terms = {}
        self.by_tail: dict[str, list[tuple[str, str]]] = defaultdict(list)  # last word's sound -> (term, head)
        self.by_spoken_tail: dict[str, list[tuple[str, str]]] = defaultdict(list)  # an acronym last word's spoken key
        self.by_dropped_vowel: dict[str, list[str]] = defaultdict(list)  # 'vmi' -> ['vimi']
        shortest = self.options["min_length"]
        for entry in lexicon:
            folded = fold(entry.text)
            if not entry.text.isascii() or len(folded) < shortest or folded in self.terms:
                continue
            self.terms[folded] = entry
            words = parts(entry.text)
            if len(words) == 2 and len(words[1]) >= 3 and words[1].isalpha():
                self.by_tail[sound_key(words[1])].append((folded, words[0]))
                if is_acronym(PART.findall(entry.text)[1]):
                    self.by_spoken_tail[spoken_key(words[1])].append((folded, words[0]))
            if len(folded) == shortest and not is_acronym(bare(entry.text)):
                for spelling in dropped_vowels(folded):
                    self.by_dropped_vowel[spelling].append(folded)
        self.folded_terms = list(self.terms)
        self.keys = {folded: sound_key(folded) for folded in self.terms}
        self.sound_keys = [self.keys[folded] for folded in self.folded_terms]
        self._best: dict[tuple, tuple | None] = {}  # best_match by its arguments

    def propose(self, doc: Document, floor: float | None = None) -> list[Candidate]:
        if not self.terms:
            return []
        floor = self.options["threshold"] if floor is None else floor
        folded_doc = fold(doc.text)
        seen = frozenset(t for t in self.terms if t in folded_doc)
        found = []
        for offset, text, start, end, words, folded in self._spans(doc):
            match = self.best_match(folded, words, floor)
            if match is None:
                continue
            entry, score, how, needs_evidence = match
            original = text[start:end]
            backed = fold(entry.text) in seen
            signals = (f"{entry.text} appears in the document",) if backed else ()
            evidence = {"latin_score": score, "english": float(all(is_english_word(w) for w in words)),
                        "unbacked_english": float(needs_evidence and not backed), "uses": float(backed)}
            vetoes = ("unbacked-english",) if needs_evidence and not backed else ()
            found.append(Candidate(offset + start, offset + end, original, _spelled_like(original, entry.text),
                                   self.name, entry.text, f"{original!r} {how} {entry.text}", evidence, signals,
                                   vetoes))
        return found

    def _spans(self, doc: Document):
        """(offset, segment text, start, end, words, folded) for runs of up to ``max_tokens`` Latin words,
        and for an acronym glued to an ordinary word."""
        most = self.options["max_tokens"]
        for offset, text in doc.iter_segments():
            tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
            if not tokens:
                continue
            protected = self.guards.protected_spans(text)
            written = [word for _, _, word in tokens]
            lowered = [word.lower() for word in written]  # tokens are ASCII letters and digits
            for i, (start, token_end, word) in enumerate(tokens):
                glued = GLUED_ACRONYM.fullmatch(word)
                if glued and is_english_word(glued[1]) and not protected.overlaps(start, token_end):
                    yield offset, text, start + glued.start(2), token_end, (glued[2],), glued[2].lower()
                for j in range(i, min(i + most, len(tokens))):
                    if j > i and text[tokens[j - 1][1]:tokens[j][0]] not in (" ", "-"):
                        break
                    end = tokens[j][1]
                    if not protected.overlaps(start, end):
                        yield offset, text, start, end, tuple(written[i:j + 1]), "".join(lowered[i:j + 1])

    def best_match(self, folded: str, words: tuple[str, ...], needed: float):
        """(entry, score, how, needs document evidence) for the closest term at ``needed`` or above."""
        key = (folded, words, needed)
        if key not in self._best:
            if len(self._best) > 65536:
                self._best.clear()
            self._best[key] = self._best_match(folded, words, needed)
        return self._best[key]

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_best": {}}

    def _best_match(self, folded: str, words: tuple[str, ...], needed: float):
        # ``folded`` is the words folded and joined, so a single word's only run is ``folded`` itself
        if folded in self.terms or len(words) > 1 and any(t in folded for t in self._terms_within(words)):
            return None
        english = all(is_english_word(w) for w in words)
        written = "".join(words)
        best = self._compound_match(folded, words, english)
        if len(folded) < self.options["min_length"]:
            return best or self._dropped_vowel_match(folded, written, english, needed)
        # Real English words yield to a near-identical spelling, or to a close one the document backs up.
        key = sound_key(folded)
        sound_only = sum(ch != "a" for ch in key) >= 3 and not english
        # in a fixed order: the first of terms that tie wins, and must not depend on the hash seed
        for term_folded in sorted(self._candidates(folded, key, needed, sound_only)):
            # a term's own start is a shorter name in its own right (GPT4 of GPT-4o), not a garble of it
            if term_folded in folded or term_folded.startswith(folded) or abs(
                    len(term_folded) - len(folded)) > max(len(term_folded), len(folded)) // 3:
                continue
            spelled = Levenshtein.normalized_similarity(folded, term_folded)
            if not english and spoken_alike(written, bare(self.terms[term_folded].text)):
                sounded = 1.0  # an acronym heard letter by letter
            else:
                sounded = Levenshtein.normalized_similarity(key, self.keys[term_folded])
            heard = (spelled + sounded) / 2 if not english or at_least(spelled, ENGLISH_CLOSE_SPELLING) else 0.0
            score = max(spelled, heard, sounded - SOUND_ONLY_PENALTY if sound_only else 0.0)
            if at_least(score, needed) and (best is None or score > best[1] + EPSILON):
                how = "is spelled like" if at_least(spelled, score) else "sounds and is spelled like"
                needs_evidence = english and not at_least(spelled, self.options["english_word_threshold"])
                best = (self.terms[term_folded], score, f"{how} ({score:.2f})", needs_evidence)
        return best

    def _candidates(self, folded: str, key: str, needed: float, sound_only: bool) -> set[str]:
        """Terms that can reach ``needed``: max(spelled, mean(spelled, sounded)) needs spelled >= 2 * needed - 1;
        a sound key alone needs sounded >= needed + SOUND_ONLY_PENALTY."""
        def cutoff(value: float) -> float:  # rapidfuzz misses a score equal to its cutoff less 1e-9
            return min(1.0, max(0.0, value - EPSILON))

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

    def _dropped_vowel_match(self, folded: str, written: str, english: bool, needed: float):
        """A short name said with a vowel swallowed, 'Vmi' -> Vimi: only in mixed case (a name, not an
        acronym), never an English word, and only when no other term drops a vowel the same way."""
        terms = self.by_dropped_vowel.get(folded, [])
        if english or len(terms) != 1 or written.islower() or written.isupper():
            return None
        score = (Levenshtein.normalized_similarity(folded, terms[0]) + 1.0) / 2  # it still sounds like the term
        if not at_least(score, needed):
            return None
        return self.terms[terms[0]], score, f"drops a vowel of ({score:.2f})", False

    def _compound_match(self, folded: str, words: tuple[str, ...], english: bool):
        """A two-word term whose last word is intact and whose first is cut short or misheard:
        'Stime', 'C time', 'Sands time' -> SenseTime; 'pa orchestra' -> PathOrchestra; 'chGBT' -> ChatGPT."""
        if len(words) > 2:
            return None
        written = "".join(words)
        for size in range(min(len(folded) - 1, 12), 2, -1):
            if len(words) == 2 and size != len(words[1]):
                continue
            tail = folded[-size:]
            for term_folded, head in self._tail_terms(tail, written[-size:]):
                garbled = folded[:-size]
                if garbled == head:
                    continue
                if len(garbled) > 1 and head.startswith(garbled):
                    return self.terms[term_folded], COMPOUND_SCORE, f"keeps {tail!r}, is cut short from", False
                if len(garbled) == 1:
                    heard = LETTER_SOUNDS.get(garbled, garbled)
                    if sound_key(head)[:len(heard)] != heard:
                        continue
                elif sound_key(garbled)[0] != sound_key(head)[0] or not at_least(Levenshtein.normalized_similarity(
                        sound_key(garbled), sound_key(head)), self.options["compound_head_similarity"]):
                    continue
                return self.terms[term_folded], COMPOUND_SCORE, f"keeps {tail!r} and sounds like", english
        return None

    def _tail_terms(self, tail: str, written_tail: str):
        """(term, head) of the two-word terms ending in ``tail``: a short last word spelled right, a longer one
        misheard a little, or an acronym with a letter whose name sounds alike ('GBT' for ChatGPT's GPT)."""
        for term_folded, head in self.by_tail.get(sound_key(tail), ()):
            term_tail = term_folded[len(head):]
            if tail == term_tail or len(tail) >= 4 and at_least(
                    Levenshtein.normalized_similarity(tail, term_tail), TAIL_SIMILARITY):
                yield term_folded, head
        for term_folded, head in self.by_spoken_tail.get(spoken_key(tail), ()):
            if spoken_alike(written_tail, bare(self.terms[term_folded].text)[len(head):]):
                yield term_folded, head


def _spelled_like(original: str, term: str) -> str:
    """The term as written, or just its letters and digits when the original has no separators and as
    many of them (GBT4O -> GPT4o, not GPT-4o): only what was misheard changes."""
    stripped = bare(term)
    return stripped if original.isalnum() and len(original) == len(stripped) else term
