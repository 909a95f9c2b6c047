"""Whether a span that sounds like a term is rewritten: the pinyin pass's guards and its evidence."""
from __future__ import annotations

from dataclasses import dataclass

from ..guards import Guards
from ..lexicon import Entry
from ..phonetics import char_readings

HOMOPHONE = 0.999  # similarity of the same toneless pinyin
CLOSE = 0.9  # similarity of a span that differs by fuzzy pairs or one similar sound
# Grammatical characters and fillers that ASR rarely invents: a fix that rewrites one of them standing
# alone is almost always a sub-word hit (的模型 -> 大模型).
FUNCTION_CHARS = frozenset("的了是在也有和就啊呢吧吗呀嘛都又还着过被把这那我你您他她它们个与及或而但地得之其呃嗯哦噢"
                           "从对给让跟往")


class TermUses(dict):
    """How often each term occurs in a document's text, counted when first asked."""

    def __init__(self, text: str, word_frequency):
        super().__init__()
        self.text = text
        self.word_frequency = word_frequency
        self._standalone: dict[str, int] = {}

    def __missing__(self, term: str) -> int:
        self[term] = count = self.text.count(term)
        return count

    def standalone(self, term: str) -> int:
        """Occurrences whose edges form no dictionary word with a neighbour (not 段时间 in 一段时间)."""
        if term not in self._standalone:
            self._standalone[term] = self._count_standalone(term)
        return self._standalone[term]

    def _count_standalone(self, term: str) -> int:
        text, count, start = self.text, 0, self.text.find(term)
        while start >= 0:
            end = start + len(term)
            left, right = text[max(0, start - 1):start + 1], text[end - 1:end + 1]
            if not (len(left) == 2 and self.word_frequency(left) or len(right) == 2 and self.word_frequency(right)):
                count += 1
            start = text.find(term, start + 1)
        return count


@dataclass(frozen=True)
class Candidate:
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


class SpanJudge:
    """Scores a candidate, or refuses it with a reason."""

    def __init__(self, guards: Guards, common_word_frequency: int, context_window: int, loose_match_uses: int):
        self.guards = guards
        self.common_word_frequency = common_word_frequency
        self.context_window = context_window
        self.loose_match_uses = loose_match_uses

    def judge(self, candidate: Candidate, strict_threshold: float, seen_terms: TermUses,
              protected: list[tuple[int, int]]) -> tuple[float | None, str]:
        """Score and reason for the fix (None: leave the span). Below ``strict_threshold`` it needs evidence;
        ``protected`` holds the segment's protected strings."""
        text, start, end, span = candidate.text, candidate.start, candidate.end, candidate.span
        entry, form, pieces, similarity = candidate.entry, candidate.form, candidate.pieces, candidate.similarity
        changed = [i for i, (ch, piece) in enumerate(zip(span, pieces)) if ch != piece]
        # Short spans must keep a character of the term, unless an unknown pair sounds just like it (星琼)
        if len(form) <= 3 and len(changed) == len(span) and (
                len(form) == 3 or similarity < CLOSE or self.guards.word_frequency(span)
                or any(ch in FUNCTION_CHARS for ch in span)):
            return None, "shares no character with the term"
        # A function character may change only to its own toneless sound, and only in a span with a garbled word,
        # one jieba had to guess (深成是 -> 生成式, not 生成是 -> 生成式, 之路 -> 智能 or 的模型 -> 大模型)
        function_changes = [i for i in changed if span[i] in FUNCTION_CHARS]
        if function_changes and not (
                all(self._sounds_alike(span[i], pieces, i, candidate.syllables) for i in function_changes)
                and self._changes_a_guessed_word(text, start, end, pieces)):
            return None, "would rewrite a function word"
        # A fix that repeats the character beside the span has it misaligned (几万张卡集群 is not 几万万卡集群)
        if start and pieces[0][:1] == text[start - 1] != span[0] or end < len(text) and (
                pieces[-1][-1:] == text[end] != span[-1]):
            return None, "would double the character beside it"
        if self._touches_protected(protected, start, end, text, pieces):
            return None, "touches a protected string"
        for a, b in self.guards.cut_words(text, start, end):
            if not self._cut_harmlessly(text, start, end, pieces, a, b):
                return None, f"cuts through the word {text[a:b]}"
        nearby = text[max(0, start - self.context_window):end + self.context_window]
        context_hits = [w for w in entry.context if w in nearby]
        evidence = [f"context {', '.join(context_hits)}"] if context_hits else []
        if seen_terms[entry.text]:
            evidence.append(f"{entry.text} appears {seen_terms[entry.text]}x in the document")
        changed_words = self._changed_words(text, start, end, pieces)
        common_words = [c for c in changed_words if len(c[0]) > 1 and c[1] >= self.common_word_frequency]
        common = [(w, f) for w, f, _ in common_words]
        # A common word that is the whole span needs the entry's context words. Inside a longer span it may
        # change within the fuzzy pairs (魔术空间 -> 模速空间, not 面向未来 -> 智象未来); in a three-character
        # span only by one character and only for a term the document uses (完美性 -> 完备性, not
        # 于书本 -> 于叔本).
        if len(span) == 2 or any(w == span for w, _ in common):
            used = seen_terms[entry.text] >= self.loose_match_uses
            blocked = not (context_hits or used) or similarity < HOMOPHONE
        else:
            blocked = similarity < CLOSE or (len(span) == 3 and (len(changed) > 1 or not evidence))
        if common and blocked:
            word, freq = max(common, key=lambda c: c[1])
            return None, f"would rewrite the common word {word} (freq {freq})"
        # Recognisers lean towards frequent words, so a common word is rarely a mishearing of a more
        # common one (视觉 is not a mishearing of 世界).
        for word, freq, replacement in common_words:
            if self.guards.word_frequency(replacement) > freq:
                return None, f"would turn {word} into the more common word {replacement}"
        # Any dictionary word as the whole span (短时间, however rare) is what was said unless the context or
        # the term standing alone elsewhere says otherwise (段时间 inside 一段时间 does not)
        if len(span) > 2 and self.guards.word_frequency(span) and not (context_hits or seen_terms.standalone(entry.text)):
            return None, f"would rewrite the word {span} with no evidence for {entry.text}"
        if similarity < strict_threshold and not (
                context_hits or seen_terms[entry.text] >= self.loose_match_uses):
            return None, "a loose match needs the term used elsewhere in the document or its context words"
        score = min(1.0, similarity * (0.9 if common else 0.95) + (0.05 if evidence else 0.0))
        how = "same toneless pinyin" if similarity >= HOMOPHONE else f"pinyin similarity {similarity:.2f}"
        reason = f"{span} sounds like {form} ({how}{_length_changes(span, pieces)})"
        reason += f", part of {entry.text}" if form != entry.text else ""
        return score, reason + "".join(f"; {e}" for e in evidence)

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
        cuts = sorted({start, end, *(c for c in self.guards.boundaries(text) if start < c < end)})
        return list(zip(cuts, cuts[1:]))

    def _cut_harmlessly(self, text: str, start: int, end: int, pieces: list[str], a: int, b: int) -> bool:
        """Whether the span cuts the word ``text[a:b]`` at one edge into two dictionary words and leaves its
        own part unchanged (智能网络汽车 -> 智能网联汽车 cuts 汽车产业 into 汽车 and 产业)."""
        if a < start and end < b:
            return False
        inside, outside = (text[start:b], text[a:start]) if a < start else (text[a:end], text[end:b])
        lo = max(a, start) - start
        unchanged = "".join(pieces[lo:lo + len(inside)]) == inside
        return unchanged and all(len(part) > 1 and self.guards.word_frequency(part) for part in (inside, outside))

    @staticmethod
    def _touches_protected(protected: list[tuple[int, int]], start: int, end: int, text: str,
                           pieces: list[str]) -> bool:
        """Whether the fix would alter or cut into a protected string (one it keeps whole and unchanged
        inside the span is fine: 泰宇大模型 -> 泰语大模型 keeps 大模型)."""
        for a, b in protected:
            if a < end and start < b and not (start <= a and b <= end
                                               and text[a:b] == "".join(pieces[a - start:b - start])):
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
