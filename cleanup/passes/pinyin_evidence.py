"""What speaks for and against a pinyin candidate: the named rules it breaks and the evidence it has."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from math import log1p

from ..guards import Guards
from ..lexicon import Entry
from ..phonetics import FuzzyScheme, char_readings

HOMOPHONE = 0.999  # similarity of the same toneless pinyin
CLOSE = 0.9  # similarity of a span that differs by fuzzy pairs or one similar sound
# Grammatical characters and fillers that ASR rarely invents: a fix that rewrites one of them standing
# alone is almost always a sub-word hit (的模型 -> 大模型).
FUNCTION_CHARS = frozenset("的了是在也有和就啊呢吧吗呀嘛都又还着过被把这那我你您他她它们个与及或而但地得之其呃嗯哦噢"
                           "从对给让跟往")


class TermUses(dict):
    """How often each term occurs in a document's text, counted when first asked.

    Occurrences are found from where the term's first character occurs, looked up once per character: a
    long list asks about thousands of terms, and scanning the whole text for each of them costs more
    than all the rest of their evidence on a long document.
    """

    def __init__(self, text: str, word_frequency):
        super().__init__()
        self.text = text
        self.word_frequency = word_frequency
        self._standalone: dict[str, int] = {}
        self._char_positions: dict[str, list[int]] = {}

    def __missing__(self, term: str) -> int:
        """Counts the term's uses and its standalone uses at once: the evidence asks for both."""
        text, count, free_from, alone = self.text, 0, 0, 0
        for start in self._starts(term):
            end = start + len(term)
            if start >= free_from:  # occurrences that do not overlap, as str.count counts them
                count, free_from = count + 1, end
            left, right = text[max(0, start - 1):start + 1], text[end - 1:end + 1]
            if not (len(left) == 2 and self.word_frequency(left) or len(right) == 2 and self.word_frequency(right)):
                alone += 1
        self[term], self._standalone[term] = count, alone
        return count

    def standalone(self, term: str) -> int:
        """Occurrences whose edges form no dictionary word with a neighbour (not 段时间 in 一段时间)."""
        if term not in self._standalone:
            self[term]  # counts both
        return self._standalone[term]

    def _starts(self, term: str) -> list[int]:
        """Where ``term`` occurs in the text, overlapping occurrences included, in order."""
        text, first = self.text, term[0]
        positions = self._char_positions.get(first)
        if positions is None:
            positions, at = [], text.find(first)
            while at >= 0:
                positions.append(at)
                at = text.find(first, at + 1)
            self._char_positions[first] = positions
        return [at for at in positions if text.startswith(term, at)]


@dataclass(frozen=True)
class SpanCandidate:
    """``text[start:end]`` of a segment read as ``form`` (a term of ``entry``, or a distinctive part of one)."""

    text: str
    start: int
    end: int
    entry: Entry
    form: str
    syllables: list[str]
    pieces: list[str]  # what each character of the span becomes ("" when it goes, two where syllables merge)
    similarity: float

    @property
    def span(self) -> str:
        return self.text[self.start:self.end]


class SpanEvidence:
    """What speaks for and against reading a candidate span as its term: the named rules it breaks, and
    the signals the judge weighs."""

    def __init__(self, guards: Guards, context_window: int, scheme: FuzzyScheme):
        self.guards = guards
        self.context_window = context_window
        self.scheme = scheme

    def assess(self, candidate: SpanCandidate, seen_terms: TermUses, protected: list[tuple[int, int]]
               ) -> tuple[dict[str, float], tuple[str, ...], tuple[str, ...]]:
        """(evidence by feature name, signals for a reader, ids of the rules broken); ``protected`` holds the
        segment's protected strings."""
        text, start, end, span = candidate.text, candidate.start, candidate.end, candidate.span
        entry, form, pieces, similarity = candidate.entry, candidate.form, candidate.pieces, candidate.similarity
        frequency = self.guards.word_frequency
        changed = [i for i, (ch, piece) in enumerate(zip(span, pieces)) if ch != piece]
        vetoes = []
        # Short spans must keep a character of the term, unless a pair that is no word sounds close to it (星琼),
        # or three characters that are no word sound just like it (沙滨纳 for 莎宾娜)
        if len(form) <= 3 and len(changed) == len(span) and (
                similarity < (HOMOPHONE if len(form) == 3 else CLOSE) or frequency(span)
                or any(ch in FUNCTION_CHARS for ch in span)):
            vetoes.append("no-shared-character")
        # A function character may change only to its own toneless sound, and only in a span with a garbled word,
        # one jieba had to guess (深成是 -> 生成式, not 生成是 -> 生成式, 之路 -> 智能 or 的模型 -> 大模型)
        function_changes = [i for i in changed if span[i] in FUNCTION_CHARS]
        guessed = self._changes_a_guessed_word(text, start, end, pieces)
        # or inside a span that sounds just like the term, where the syllable is a name's (来被卡哈塞 -> 莱贝卡哈塞,
        # not 北京是 -> 北京市 or 人工之路 -> 人工智能)
        inside = similarity >= HOMOPHONE and all(0 < i < len(span) - 1 for i in function_changes)
        if function_changes and not (
                all(self._sounds_alike(span[i], pieces, i, candidate.syllables) for i in function_changes)
                and (guessed or inside)):
            vetoes.append("function-word")
        if start and pieces[0][:1] == text[start - 1] != span[0] or end < len(text) and (
                pieces[-1][-1:] == text[end] != span[-1]):
            vetoes.append("doubled-neighbour")
        if self._touches_protected(protected, start, end, text, pieces, entry.text):
            vetoes.append("protected")
        if any(not self._cut_harmlessly(text, start, end, pieces, a, b) for a, b in self.guards.cut_words(text, start, end)):
            vetoes.append("cuts-word")
        nearby = text[max(0, start - self.context_window):end + self.context_window]
        context_hits = [w for w in entry.context if w in nearby]
        uses, standalone = seen_terms[entry.text], seen_terms.standalone(entry.text)
        # context words near, or the term standing alone elsewhere (段时间 inside 一段时间 does not)
        backed = bool(context_hits or standalone)
        # A dictionary word as the whole span (短时间, however rare) is what was said unless something backs the fix
        if len(span) > 2 and frequency(span) and not backed:
            vetoes.append("unbacked-word")
        # A short term whose entry lists context words is ambiguous by its author's word (徐立 against 徐林)
        if entry.context and len(candidate.syllables) <= 2 and not backed:
            vetoes.append("no-context")
        signals = [f"context {', '.join(context_hits)}"] if context_hits else []
        if uses:
            signals.append(f"{entry.text} appears {uses}x in the document")
        changed_words = [c for c in self._changed_words(text, start, end, pieces) if len(c[0]) > 1]
        common = max((f for _, f, _ in changed_words), default=0)
        more_common = any(frequency(replacement) > f > 0 for _, f, replacement in changed_words)
        evidence = {
            "similarity": similarity,
            "changed_words_similarity": self._changed_words_similarity(candidate, changed),
            "homophone": float(similarity >= HOMOPHONE),
            "short_term": float(len(candidate.syllables) <= 2),
            "long_term": float(len(candidate.syllables) >= 4),
            "kept_share": 1 - len(changed) / len(span),
            "length_change": float(len(pieces) != len(form) or any(len(p) != 1 for p in pieces)),
            "part": float(form != entry.text),
            "context": float(bool(context_hits)),
            "uses": log1p(uses),
            "standalone_uses": log1p(standalone),
            "span_is_word": log1p(frequency(span)),
            "changed_word_frequency": log1p(common),
            "more_common": float(more_common),
            "guessed_word": float(guessed),
            # a string a much longer list protects (a name of 10,000) that did not stand against this term
            "listed_original": float(span in self.guards.protected),
        }
        return evidence, tuple(signals), tuple(vetoes)

    def _changed_words_similarity(self, candidate: SpanCandidate, changed: list[int]) -> float:
        """How alike the span sounds to just the words of the term that the fix changes: 基于 against 泰语
        in 基于大模型 -> 泰语大模型, where the unchanged 大模型 makes the whole sound closer than the change
        is. The whole span's similarity where the fix changes its length."""
        span, form, syllables = candidate.span, candidate.form, candidate.syllables
        readings = [char_readings(ch)[:1] for ch in span]
        if len(span) != len(form) or len(syllables) != len(form) or not all(readings) or not changed:
            return candidate.similarity
        positions = [k for a, b in _word_spans(form, self.guards.segment) if any(a <= k < b for k in changed)
                     for k in range(a, b)]
        cost = sum(self.scheme.cost(readings[k][0], syllables[k]) for k in positions)
        return 1 - cost / len(positions)

    def _sounds_alike(self, ch: str, pieces: list[str], i: int, syllables: list[str]) -> bool:
        """Whether span character ``i`` becomes one character with its toneless sound (是 -> 式)."""
        if len(pieces[i]) != 1:
            return False
        syllable = syllables[sum(map(len, pieces[:i]))]
        return char_readings(ch)[0] == syllable

    def _changes_a_guessed_word(self, text: str, start: int, end: int, pieces: list[str]) -> bool:
        """Whether the fix alters a token that is not in jieba's dictionary (a likely garble)."""
        return any(not self.guards.word_frequency(text[a:b]) and text[a:b] != "".join(pieces[a - start:b - start])
                   for a, b in self._tokens(text, start, end))

    def _tokens(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The span cut at jieba's word boundaries."""
        boundaries = self.guards.boundaries(text)
        cuts = [start, *boundaries[bisect_right(boundaries, start):bisect_left(boundaries, end)], end]
        return list(zip(cuts, cuts[1:]))

    def _cut_harmlessly(self, text: str, start: int, end: int, pieces: list[str], a: int, b: int) -> bool:
        """Whether the span cuts the word ``text[a:b]`` at one edge into two dictionary words and leaves its
        own part unchanged (智能网络汽车 -> 智能网联汽车 cuts 汽车产业 into 汽车 and 产业), or heals the cut."""
        if a < start and end < b:
            return False
        inside, outside = (text[start:b], text[a:start]) if a < start else (text[a:end], text[end:b])
        lo = max(a, start) - start
        unchanged = "".join(pieces[lo:lo + len(inside)]) == inside
        into_words = unchanged and all(len(part) > 1 and self.guards.word_frequency(part) for part in (inside, outside))
        return into_words or self._cut_healed(text, start, end, pieces, a, b)

    def _cut_healed(self, text: str, start: int, end: int, pieces: list[str], a: int, b: int) -> bool:
        """Whether, in the fixed text, the cut word's outside part reads as one known word with the fix's
        edge: the cut was the misrecognition's doing (孩南 -> 海南 cuts 南岛 of 孩南岛, and makes 海南岛)."""
        fixed = "".join(pieces)
        if a < start:
            window, lo, hi = text[a:start] + fixed, 0, start - a
            spans = [(0, j) for j in range(hi + 1, len(window) + 1)]
        else:
            window, lo, hi = fixed + text[end:b], len(fixed), len(fixed) + b - end
            spans = [(i, hi) for i in range(lo)]
        if not any(self.guards.known_word(window[i:j]) for i, j in spans):  # no such word at all: no need to segment
            return False
        at = 0
        for word in self.guards.tokenizer.cut(window, HMM=False):
            # the word holding the outside part must also hold the fix's character next to it
            if at <= lo and hi <= at + len(word) and (lo > at or hi < at + len(word)):
                return self.guards.known_word(word)
            at += len(word)
        return False

    def _touches_protected(self, protected: list[tuple[int, int]], start: int, end: int, text: str,
                           pieces: list[str], term: str) -> bool:
        """Whether the fix would alter a character of a protected string that stands against ``term`` (one
        whose characters inside the span stay as they are is fine: 泰宇大模型 -> 泰语大模型 keeps 大模型, and
        金利温高速温州 before 市 keeps the 温州 of 温州市). A string matched in another case protects."""
        for a, b in protected:
            lo, hi = max(a, start), min(b, end)
            if lo < hi and "".join(pieces[lo - start:hi - start]) != text[lo:hi] and (
                    text[a:b] not in self.guards.protected or self.guards.protects(text[a:b], term)):
                return True
        return False

    def _changed_words(self, text: str, start: int, end: int, pieces: list[str]) -> list[tuple[str, int, str]]:
        """The words of the span that the fix would alter: (word, dictionary frequency, replacement).

        Inside a longer token, the two-character words around each altered character count too
        (面向 of 面向未来).
        """
        spans = []
        for a, b in self._tokens(text, start, end):
            changed = [i for i in range(a, b) if text[i] != pieces[i - start]]
            if not changed:
                continue
            spans.append((a, b))
            if b - a > 2:
                spans.extend({(i, i + 2) for c in changed for i in (c - 1, c) if a <= i and i + 2 <= b})
        return [(text[a:b], self.guards.word_frequency(text[a:b]), "".join(pieces[a - start:b - start]))
                for a, b in spans]


@lru_cache(maxsize=65536)
def _word_spans(form: str, segment) -> tuple[tuple[int, int], ...]:
    """Where jieba's own dictionary puts the words of a term: 泰语大模型 -> (0, 2), (2, 5)."""
    spans, start = [], 0
    for word in segment(form):
        spans.append((start, start + len(word)))
        start += len(word)
    return tuple(spans)


def describe(candidate: SpanCandidate) -> str:
    """Why the span reads as the term: '上当 sounds like 商汤 (pinyin similarity 0.85)'."""
    span, form, similarity = candidate.span, candidate.form, candidate.similarity
    how = "same toneless pinyin" if similarity >= HOMOPHONE else f"pinyin similarity {similarity:.2f}"
    reason = f"{span} sounds like {form} ({how}{_length_changes(span, candidate.pieces)})"
    return reason + (f", part of {candidate.entry.text}" if form != candidate.entry.text else "")


def _length_changes(span: str, pieces: list[str]) -> str:
    """How the span's length differs from the term's, for the reason: ', 轮 for 路云 run together'."""
    merged = [f"{ch} for {piece} run together" for ch, piece in zip(span, pieces) if len(piece) > 1]
    extra, spelling = "", False  # spelling: inside Latin letters read as one syllable of the term
    for ch, piece in zip(span, pieces):
        latin = ch.isascii() and ch.isalpha()
        if piece:
            spelling = latin
        elif not (latin and spelling):
            extra += ch
    return "".join(f", {m}" for m in merged) + (f", {extra} extra" if extra else "")
