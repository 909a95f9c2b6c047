"""Han spans whose toneless, fuzzy pinyin is close to a lexicon term."""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import repeat, zip_longest
from typing import Sequence

from ..candidates import Candidate
from ..document import Document
from ..lexicon import Entry
from ..lexicon.compiled import longer_list
from ..phonetics import (DEFAULT_FUZZY_FINALS, DEFAULT_FUZZY_INITIALS, LATIN_BY_HAN, FuzzyScheme,
                         char_readings, latin_reading, pinyin_tables, term_pronunciations)
from .base import Pass, at_least
from .options import Number, pairs, similarity_by_length
from .pinyin_evidence import SpanCandidate, SpanEvidence, TermUses, describe

AMBIGUITY_MARGIN = 0.02
MIN_MISMATCH_COST = 0.3  # the least a syllable outside the fuzzy pairs can cost


class PinyinSimilarityPass(Pass):
    name = "pinyin"
    description = "fix Han spans that sound like a lexicon term (toneless, fuzzy initials and finals)"

    @classmethod
    def option_defaults(cls) -> dict:
        return {
            "fuzzy_initials": [list(p) for p in DEFAULT_FUZZY_INITIALS],
            "fuzzy_finals": [list(p) for p in DEFAULT_FUZZY_FINALS],
            # the least similarity for a candidate, by term length in syllables (the last applies to longer
            # terms too); the judge decides on every candidate
            "min_similarity": {"2": 0.85, "4": 0.75},
            # syllables that may differ beyond the fuzzy pairs (当 for 汤 in 商当科技)
            "max_unlike_syllables": 1,
            # that many again for each further this many syllables of a longer term, whose kept syllables are
            # evidence enough (雷 for 罗 and 宁 for 内 in a twelve-syllable name)
            "unlike_per_syllables": 4,
            # how far (in characters) the entry's context words count
            "context_window": 30,
        }

    @classmethod
    def option_types(cls) -> dict:
        return {"fuzzy_initials": pairs, "fuzzy_finals": pairs, "min_similarity": similarity_by_length,
                "max_unlike_syllables": Number(int, 0, 3),
                "unlike_per_syllables": Number(int, 1, 100), "context_window": Number(int, 0, 1000)}

    def __init__(self, lexicon, guards, **options):
        super().__init__(lexicon, guards, **options)
        self.scheme = FuzzyScheme(self.options["fuzzy_initials"], self.options["fuzzy_finals"])
        self.tables = pinyin_tables()  # pickled with the pass, so a cached engine needs no pypinyin
        self.min_similarity = _by_length(self.options["min_similarity"])
        # (entry, replacement, syllables): a pronunciation of a term, or of the distinctive part of one
        # (模速 of 模速空间)
        self.terms: list[tuple[Entry, str, list[str]]] = []
        self.term_keys: list[list[int]] = []
        # candidate anchors: two consecutive sound-alike syllables, the ends of a three-syllable term,
        # or one character of a two-syllable term
        self.index: dict[tuple | str, list[tuple[int, int]]] = defaultdict(list)
        forms = [(entry, form) for entry in lexicon for form in [entry.text, *lexicon.parts[entry.text]]]
        for (entry, form), pronunciations in zip(forms, term_pronunciations([form for _, form in forms])):
            for syllables in pronunciations:
                if len(syllables) >= 2:
                    self._index_term(entry, form, syllables)
        self._char_keys: dict[str, int | None] = {}  # coarse key and main reading of each character seen
        self._char_reading: dict[str, str | None] = {}
        self._fix_limits: list[tuple[float, float, int]] | None = None
        self.evidence = SpanEvidence(guards, self.options["context_window"], self.scheme)

    def _index_term(self, entry: Entry, form: str, syllables: list[str]) -> None:
        term_id = len(self.terms)
        self.terms.append((entry, form, syllables))
        keys = [self.scheme.key(s) for s in syllables]
        self.term_keys.append(keys)
        for j in range(len(keys) - 1):
            self.index[(keys[j], keys[j + 1])].append((term_id, j))
        if len(keys) == 3:  # a three-syllable term misheard in the middle shares no adjacent pair
            self.index[(keys[0], None, keys[2])].append((term_id, 0))
        if len(keys) == 2:  # a two-syllable term with one syllable misheard keeps the other character
            for j, ch in enumerate(form):
                self.index[ch].append((term_id, j))

    def threshold(self, entry: Entry, syllables: int) -> float:
        """The least similarity for a candidate of ``entry``."""
        if entry.threshold is not None:
            return entry.threshold
        fitting = [v for k, v in self.min_similarity if k <= syllables]
        return fitting[-1] if fitting else self.min_similarity[0][1]

    def propose(self, doc: Document, floor: float | None = None) -> list[Candidate]:
        """Every span that sounds like a term at ``floor`` or above (default: the ``min_similarity``)."""
        if not self.terms:
            return []
        seen_terms = TermUses(doc.text, self.guards.word_frequency)
        return [c.shifted(offset) for offset, text in doc.iter_segments()
                for c in self._segment_candidates(text, seen_terms, floor)]

    def _units(self, text: str) -> tuple[Sequence[str], Sequence[int], list[int | None], list[str | None], frozenset[int]]:
        """The segment as sound units: (units, start offset of each unit plus the text length, coarse keys,
        readings, indices of Latin units). A unit is one character, except Latin letters touching Han text
        that read as a syllable (ang in 庄ang穆地, B in B任)."""
        char_keys, char_reading = self._char_keys, self._char_reading
        for ch in [ch for ch in set(text) if ch not in char_keys]:
            readings = char_readings(ch)
            char_keys[ch], char_reading[ch] = (self.scheme.key(readings[0]), readings[0]) if readings else (None, None)
        keys, readings = list(map(char_keys.__getitem__, text)), list(map(char_reading.__getitem__, text))
        units, starts, latin = text, range(len(text) + 1), []
        for m in reversed(list(LATIN_BY_HAN.finditer(text))):
            reading = latin_reading(m.group())
            if reading is not None:
                if not latin:
                    units, starts = list(units), list(starts)
                a, b = m.span()
                units[a:b], keys[a:b], readings[a:b] = [m.group()], [self.scheme.key(reading)], [reading]
                del starts[a + 1:b]
                latin.append(a)
        return units, starts, keys, readings, frozenset(bisect_left(starts, a) for a in latin)

    def _limits(self, floor: float | None) -> list[tuple[float, float, int]]:
        """Per term: (similarity needed, distance budget, most coarse-key mismatches allowed)."""
        if floor is None and self._fix_limits is not None:
            return self._fix_limits
        limits = []
        for entry, _, syllables in self.terms:
            needed = floor if floor is not None else self.threshold(entry, len(syllables))
            budget = (1 - needed) * len(syllables)
            stretches = max(1, len(syllables) // self.options["unlike_per_syllables"])
            unlike = self.options["max_unlike_syllables"] * stretches
            most = min(int(budget / MIN_MISMATCH_COST + 1e-9), unlike)
            limits.append((needed, budget, most))
        if floor is None:
            self._fix_limits = limits
        return limits

    def _segment_candidates(self, text: str, seen_terms: TermUses, floor: float | None) -> list[Candidate]:
        units, starts, keys, readings, latin = self._units(text)
        by_span = self._close_spans(text, units, starts, keys, readings, latin, floor)
        found = []
        protected = self.guards.find_protected(text) if by_span else []
        for (start, end), scored in by_span.items():
            (similarity, term_id, groups), rivals = self._best_reading(scored)
            entry, form, syllables = self.terms[term_id]
            span = SpanCandidate(text, start, end, entry, form, syllables,
                                 _pieces(text, start, end, starts, form, groups), similarity)
            evidence, signals, vetoes = self.evidence.assess(span, seen_terms, protected)
            if any(self.terms[t][1] != form and s >= similarity - AMBIGUITY_MARGIN for s, t, _ in rivals):
                vetoes += ("ambiguous",)
            found.append(Candidate(start, end, text[start:end], form, self.name, entry.text, describe(span),
                                   evidence, signals, vetoes))
        return _without_subsumed_parts(found)

    def _best_reading(self, scored: list[tuple[float, int, list | None]]) -> tuple[tuple, list[tuple]]:
        """The likeliest term for a span, and the other terms it must stand out from (those within
        AMBIGUITY_MARGIN of the best make it ambiguous). A term sounding about as close as one from a list
        LONGER_LIST times shorter yields to it: one of 10,000 imported names is not a rival of a team term."""
        scored.sort(key=lambda s: (-s[0], s[1]))
        if len(scored) > 1:
            sizes = [self.lexicon.list_sizes[self.terms[t][0].text] for s, t, _ in scored
                     if s >= scored[0][0] - AMBIGUITY_MARGIN]
            smallest = min(sizes)
            scored = [s for s, size in zip(scored, sizes) if not longer_list(size, smallest)] + scored[len(sizes):]
        return scored[0], scored[1:]

    def _close_spans(self, text, units, starts, keys, readings, latin, floor
                     ) -> dict[tuple[int, int], list[tuple[float, int, list[tuple[int, int]] | None]]]:
        """Character spans of the segment that sound like a term at ``floor`` (or its threshold) or above:
        (similarity, term id, how the span's units align with the term's syllables, None when one to one)."""
        limits = self._limits(floor)
        index, term_keys_of, terms = self.index, self.term_keys, self.terms
        protected_forms, protects = self.guards.protected, self.guards.protects
        scheme, key_cost, known_cost = self.scheme, self.scheme.key_cost, self.scheme.key_costs.get
        length = len(units)
        # With one unlike syllable allowed, a length change is it: every other unit must agree
        strict_stretch = self.options["max_unlike_syllables"] <= 1
        tried, stretched = set(), set()
        by_span: dict[tuple[int, int], list[tuple[float, int, list[tuple[int, int]] | None]]] = defaultdict(list)

        def record(term_id: int, start: int, end: int, cost: float | None, groups, needed: float, budget: float):
            form, syllables = terms[term_id][1], terms[term_id][2]
            span = text[starts[start]:starts[end]]
            if span == form or span in protected_forms and protects(span, terms[term_id][0].text):
                return
            if cost is None:
                cost = scheme.distance(readings[start:end], syllables, budget)
            similarity = 1 - cost / len(syllables)
            if at_least(similarity, needed):
                by_span[(starts[start], starts[end])].append((similarity, term_id, groups))

        # anchors looked up for every position at once (keys of None never match an index entry)
        pairs = map(index.get, zip(keys, keys[1:]))
        gapped = map(index.get, zip(keys, repeat(None), keys[2:]))
        kept = map(index.get, units)
        for i, (pair, gap, char) in enumerate(zip_longest(pairs, gapped, kept)):
            if not (pair or gap or char):
                continue
            hits = [*(pair or ()), *(gap or ()), *(char or ())]
            for term_id, j in hits:
                term_keys = term_keys_of[term_id]
                size = len(term_keys)
                needed, budget, most = limits[term_id]
                start, end = i - j, i - j + size
                if start >= 0 and end <= length and (term_id, start) not in tried:
                    tried.add((term_id, start))
                    span_keys = keys[start:end]
                    if span_keys == term_keys:
                        record(term_id, start, end, None, None, needed, budget)
                    elif None not in span_keys:
                        mismatches, bound = 0, 0.0
                        for a, b in zip(span_keys, term_keys):
                            if a != b:
                                mismatches += 1
                                bound += known_cost((a, b)) or key_cost(a, b)  # a bound is never 0
                        if mismatches <= most and bound <= budget:
                            record(term_id, start, end, None, None, needed, budget)
                # Three-syllable terms only absorb Latin noise. A span that already sounds like the term needs no
                # stretching; a stretched one must end as the term does (first checked here, as it is cheap).
                if (size >= 4 or size == 3 and latin) and (term_id, start, None) not in stretched and (
                        not strict_stretch or term_keys[-1] in keys[max(0, end - 2):end + 1]
                        and term_keys[0] in keys[max(0, start - 1):start + 2]) and keys[start:end] != term_keys:
                    stretched.add((term_id, start, None))
                    for a, b in _stretched_spans(start, size, keys, term_keys, strict_stretch):
                        if (term_id, a, b) in stretched:
                            continue
                        stretched.add((term_id, a, b))
                        span_keys = keys[a:b]
                        if None in span_keys or strict_stretch and not _agree_but_one(span_keys, term_keys):
                            continue
                        noise = frozenset(k - a for k in latin if a <= k < b)
                        cost, groups = scheme.align(readings[a:b], terms[term_id][2], noise, size >= 4)
                        unlike = 1 + sum(span_keys[u] != term_keys[lo] for u, (lo, hi) in enumerate(groups)
                                         if hi - lo == 1)
                        if groups and unlike <= self.options["max_unlike_syllables"] and cost <= budget:
                            record(term_id, a, b, cost, groups, needed, budget)
        return by_span

def _without_subsumed_parts(candidates: list[Candidate]) -> list[Candidate]:
    """Leave out a distinctive part (霍尔泽德佩) that lies inside a candidate for its whole term there
    (拉斐尔霍尔泽德佩): the whole term is the reading of the span, the part only a piece of it."""
    whole = [(c.start, c.end, c.term) for c in candidates if c.replacement == c.term and not c.vetoes]
    return [c for c in candidates if c.replacement == c.term or not any(
        a <= c.start and c.end <= b and term == c.term for a, b, term in whole)]


def _stretched_spans(start: int, size: int, keys: list[int | None], term_keys: list[int],
                     agreeing_ends: bool) -> tuple[tuple[int, int], ...]:
    """Unit spans other than its own length that a term anchored to begin at unit ``start`` may cover: one
    unit more (a syllable inserted before or after the anchor), or, for terms of four syllables or more,
    one less (two syllables heard as one). With ``agreeing_ends``, a span's first and last units must
    sound like the term's."""
    spans = [(start - 1, start + size), (start, start + size + 1)]
    if size >= 4:
        spans += [(start, start + size - 1), (start + 1, start + size)]
    length = len(keys)
    spans = [(a, b) for a, b in spans if 0 <= a and b <= length]
    if not agreeing_ends:
        return tuple(spans)
    first, last = term_keys[0], term_keys[-1]
    return tuple((a, b) for a, b in spans if keys[a] == first and keys[b - 1] == last)


def _agree_but_one(span_keys: list[int], term_keys: list[int]) -> bool:
    """Whether span and term keys agree from both ends up to one unit, where a length change may sit."""
    lead = next((i for i, (a, b) in enumerate(zip(span_keys, term_keys)) if a != b), len(span_keys))
    trail = next((i for i, (a, b) in enumerate(zip(reversed(span_keys), reversed(term_keys))) if a != b),
                 len(span_keys))
    return lead + trail >= len(span_keys) - 1


def _pieces(text: str, start: int, end: int, starts: list[int], form: str,
            groups: list[tuple[int, int]] | None) -> list[str]:
    """What each character of ``text[start:end]`` becomes: its character of ``form``, two where syllables
    ran together, or nothing for an extra unit and the second letter onwards of a Latin unit."""
    if groups is None and end - start == len(form):
        return list(form)
    first = bisect_left(starts, start)
    pieces = [""] * (end - start)
    for unit, (lo, hi) in enumerate(groups if groups is not None else [(k, k + 1) for k in range(len(form))]):
        pieces[starts[first + unit] - start] = form[lo:hi]
    return pieces


def _by_length(table: dict) -> list[tuple[int, float]]:
    return sorted((int(k), float(v)) for k, v in table.items())
