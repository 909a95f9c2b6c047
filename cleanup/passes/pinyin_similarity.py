"""Han spans whose toneless, fuzzy pinyin is close to a lexicon term."""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import product

from ..document import Document
from ..edits import Edit
from ..lexicon import Entry
from ..phonetics import DEFAULT_FUZZY_FINALS, DEFAULT_FUZZY_INITIALS, FuzzyScheme, char_readings, term_readings
from ..textnorm import is_han
from .base import Pass

AMBIGUITY_MARGIN = 0.02


class PinyinSimilarityPass(Pass):
    name = "pinyin"
    description = "fix Han spans that sound like a lexicon term (toneless, fuzzy initials and finals)"

    @classmethod
    def option_defaults(cls) -> dict:
        return {
            "fuzzy_initials": [list(p) for p in DEFAULT_FUZZY_INITIALS],
            "fuzzy_finals": [list(p) for p in DEFAULT_FUZZY_FINALS],
            # minimum similarity by term length in syllables (the last applies to longer terms too)
            "thresholds": {"2": 0.85, "3": 0.8, "4": 0.75},
            "common_word_frequency": 50,
            "context_window": 30,
        }

    def __init__(self, lexicon, guards, **options):
        super().__init__(lexicon, guards, **options)
        self.scheme = FuzzyScheme(self.options["fuzzy_initials"], self.options["fuzzy_finals"])
        self.thresholds = {int(k): float(v) for k, v in self.options["thresholds"].items()}
        self.terms: list[tuple[Entry, list[tuple[str, ...]]]] = []
        self.index: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for entry in lexicon:
            readings = term_readings(entry.text)
            if readings is None or len(readings) < 2:
                continue
            term_id = len(self.terms)
            self.terms.append((entry, readings))
            keys = [sorted({self.scheme.key(r) for r in rs}) for rs in readings]
            for j in range(len(keys) - 1):
                for pair in product(keys[j], keys[j + 1]):
                    self.index[pair].append((term_id, j))
        self._char_keys: dict[str, int | None] = {}

    def threshold(self, entry: Entry, length: int) -> float:
        if entry.threshold is not None:
            return entry.threshold
        return self.thresholds.get(length, self.thresholds[max(self.thresholds)] if length > max(self.thresholds)
                                   else self.thresholds[min(self.thresholds)])

    def _key(self, ch: str) -> int | None:
        key = self._char_keys.get(ch, -1)
        if key == -1:
            readings = char_readings(ch)
            key = self.scheme.key(readings[0]) if readings else None
            self._char_keys[ch] = key
        return key

    def propose(self, doc: Document) -> list[Edit]:
        if not self.terms:
            return []
        seen_terms = Counter()
        for _, text in doc.iter_segments():
            for start, end in self.guards.find_protected(text):
                seen_terms[text[start:end]] += 1
        edits = []
        for offset, text in doc.iter_segments():
            edits.extend(e.shifted(offset) for e in self._propose_segment(doc, offset, text, seen_terms))
        return edits

    def _candidates(self, text: str):
        keys = [self._key(ch) for ch in text]
        found = set()
        for i in range(len(text) - 1):
            if keys[i] is None or keys[i + 1] is None:
                continue
            for term_id, j in self.index.get((keys[i], keys[i + 1]), ()):
                n = len(self.terms[term_id][1])
                shapes = [(i - j, n)]
                if n >= 3:
                    shapes += [(i - j, n + 1), (i - j, n - 1), (i - j - 1, n + 1), (i - j + 1, n - 1)]
                for start, length in shapes:
                    end = start + length
                    if 0 <= start and end <= len(text) and all(keys[k] is not None for k in range(start, end)):
                        found.add((term_id, start, end))
        return found

    def _propose_segment(self, doc: Document, offset: int, text: str, seen_terms: Counter) -> list[Edit]:
        best: dict[tuple[int, int], list[tuple[float, int]]] = defaultdict(list)
        for term_id, start, end in self._candidates(text):
            entry, readings = self.terms[term_id]
            span = text[start:end]
            if span == entry.text:
                continue
            distance = self.scheme.distance([char_readings(ch) for ch in span], readings)
            similarity = 1 - distance / max(len(readings), len(span))
            if similarity >= self.threshold(entry, len(readings)):
                best[(start, end)].append((similarity, term_id))
        if not best:
            return []
        protected = self.guards.protected_spans(text)
        edits = []
        for (start, end), scored in best.items():
            scored.sort(reverse=True)
            similarity, term_id = scored[0]
            if len(scored) > 1 and scored[1][0] >= similarity - AMBIGUITY_MARGIN \
                    and self.terms[scored[1][1]][0].text != self.terms[term_id][0].text:
                continue
            entry = self.terms[term_id][0]
            verdict = self._judge(text, start, end, entry, similarity, protected, seen_terms)
            if verdict is not None:
                score, reason = verdict
                edits.append(Edit(start, end, text[start:end], entry.text, self.name, entry.text,
                                  round(score, 3), reason))
        return edits

    def _judge(self, text, start, end, entry, similarity, protected, seen_terms):
        """Score and reason for rewriting ``text[start:end]`` as ``entry``, or None to leave it."""
        span = text[start:end]
        if protected.overlaps(start, end):
            return None
        if not self.guards.on_word_boundaries(text, start, end):
            return None
        shared = sum(a == b for a, b in zip(span, entry.text)) if len(span) == len(entry.text) \
            else len(set(span) & set(entry.text))
        if shared == 0 and len(entry.text) <= 3:
            return None
        evidence = []
        window = self.options["context_window"]
        nearby = text[max(0, start - window):end + window]
        context_hits = [w for w in entry.context if w in nearby]
        if context_hits:
            evidence.append(f"context {', '.join(context_hits)}")
        if seen_terms[entry.text]:
            evidence.append(f"{entry.text} appears {seen_terms[entry.text]}x in the document")
        frequency = self.guards.word_frequency(span)
        if frequency >= self.options["common_word_frequency"] and (similarity < 0.999 or not evidence):
            return None
        score = min(1.0, similarity * (0.9 if frequency else 0.95) + (0.05 if evidence else 0.0))
        how = "same toneless pinyin" if similarity >= 0.999 else f"pinyin similarity {similarity:.2f}"
        word = f"common word (freq {frequency})" if frequency >= self.options["common_word_frequency"] \
            else "not a common word"
        reason = f"{span} sounds like {entry.text} ({how}); {word}"
        return score, reason + "".join(f"; {e}" for e in evidence)
