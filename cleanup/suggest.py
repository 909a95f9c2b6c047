"""Mine a corpus for lexicon candidates: near misses of known terms and frequent unknown terms."""
from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from dataclasses import astuple, dataclass, fields
from typing import IO, Iterable

from .document import Document
from .english import is_english_word
from .lexicon import Lexicon
from .passes.latin_terms import fold
from .passes.pinyin_evidence import FUNCTION_CHARS
from .pipeline import Corrector
from .textnorm import HAN_RUN

NEAR_MISS, NEW_TERM = "near-miss", "new-term"
CAPITALISED = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?![A-Za-z0-9])")
NGRAM_SIZES = range(2, 5)
EXAMPLE_WINDOW = 12
# The least confidence worth a reader's time in a near-miss row
NEAR_MISS_CONFIDENCE = 0.01


@dataclass
class Suggestion:
    """One CSV row. ``score``: the judge's confidence in the fix for near misses; for new terms, the count
    times how unlike ordinary text the candidate is (mean -log10 probability of its jieba pieces)."""

    kind: str
    term: str
    original: str
    count: int
    score: float
    example: str
    reason: str = ""


CSV_COLUMNS = tuple(f.name for f in fields(Suggestion))


def suggest(docs: Iterable[Document], corrector: Corrector, floor: float = 0.6, min_count: int = 2,
            top: int = 100) -> list[Suggestion]:
    """Up to ``top`` near misses (likeliest first), then up to ``top`` new terms (best score first)."""
    docs = list(docs)
    near = near_misses(docs, corrector, floor)
    return near[:top] + new_terms(docs, corrector, {s.original for s in near}, min_count)[:top]


def near_misses(docs: list[Document], corrector: Corrector, floor: float,
                confidence_floor: float = NEAR_MISS_CONFIDENCE) -> list[Suggestion]:
    """Candidates the judge did not fix (below its threshold, or refused by a named rule: a reviewer may
    still want them) at ``confidence_floor`` or above, grouped by (term, original), ranked by :func:`rank`."""
    groups: dict[tuple[str, str], Suggestion] = {}
    reasons: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for doc in docs:
        for near in _best_misses(doc, corrector, floor):
            miss, verdict = near.candidate, near.verdict
            if near.confidence < confidence_floor:
                continue
            key = (miss.term, miss.original)
            reasons[key][near.why] += 1
            found = groups.get(key)
            if found is None:
                groups[key] = Suggestion(NEAR_MISS, miss.term, miss.original, 1, round(near.confidence, 3),
                                         example(doc, miss.start, miss.end))
            else:
                found.count += 1
                found.score = max(found.score, round(near.confidence, 3))
    for key, suggestion in groups.items():
        suggestion.reason = reasons[key].most_common(1)[0][0]
    return rank(groups.values())


def rank(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Likeliest misrecognition first, then the most frequent. Confidence is not multiplied by the count:
    the occurrences of one original are not independent evidence (a common word is right or wrong in the
    same way each time), and ranking by the product put frequent ordinary words at the top."""
    return sorted(suggestions, key=lambda s: (-s.score, -s.count, s.term, s.original))


def _best_misses(doc: Document, corrector: Corrector, floor: float) -> list:
    """Near misses away from the fixes, keeping the most likely of each overlapping cluster
    (梁文风 rather than 文风 or 梁文风说)."""
    kept = [(e.start, e.end) for e in corrector.propose(doc)]
    best = []
    # rounded, so that equal evidence in two places (float noise apart) ranks the earlier first
    for near in sorted(corrector.near_misses(doc, floor),
                       key=lambda m: (-round(m.confidence, 9), abs(len(m.candidate.original) - len(m.candidate.term)),
                                      m.candidate.start)):
        miss = near.candidate
        if not any(miss.start < end and start < miss.end for start, end in kept):
            kept.append((miss.start, miss.end))
            best.append(near)
    return best


def new_terms(docs: list[Document], corrector: Corrector, exclude: set[str] = frozenset(),
              min_count: int = 2) -> list[Suggestion]:
    """Frequent Han 2-4-grams missing from jieba's dictionary and capitalised Latin tokens, neither
    in the lexicon nor overlapping a string in ``exclude``."""
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for doc in docs:
        for offset, text in doc.iter_segments():
            for start, end in _candidate_spans(text):
                gram = text[start:end]
                counts[gram] += 1
                examples.setdefault(gram, example(doc, offset + start, offset + end))
    known = _known_strings(corrector.lexicon) | set(exclude)
    known_folded = {fold(k) for k in known if k.isascii()}
    guards = corrector.guards
    longer = _longer_counts(counts)
    found = []
    for gram, count in counts.items():
        if count < min_count or any(gram in k or k in gram for k in known):
            continue
        if gram.isascii():
            if fold(gram) in known_folded:
                continue
            english = gram.istitle() and is_english_word(gram)
            score = count * _oddness(gram, guards) * (0.5 if english else 1.0)
            reason = "capitalised Latin token" + (", an English word" if english else "")
        else:
            if guards.word_frequency(gram) or gram[0] in FUNCTION_CHARS or gram[-1] in FUNCTION_CHARS \
                    or longer[gram] >= count:
                continue
            score = count * _oddness(gram, guards)
            reason = f"not in jieba's dictionary; pieces {' '.join(guards.tokenizer.lcut(gram, HMM=False))}"
        found.append(Suggestion(NEW_TERM, gram, "", count, round(score, 2), examples[gram], reason))
    return sorted(found, key=lambda s: (-s.score, s.term))


def example(doc: Document, start: int, end: int) -> str:
    """The span in brackets with a little of its line either side."""
    # look for the line's ends only within the window, so a huge line costs no more than a short one
    line_start = doc.text.rfind("\n", max(0, start - EXAMPLE_WINDOW), start) + 1
    line_end = doc.text.find("\n", end, end + EXAMPLE_WINDOW)
    line_end = len(doc.text) if line_end == -1 else line_end
    before = doc.text[max(line_start, start - EXAMPLE_WINDOW):start]
    after = doc.text[end:min(line_end, end + EXAMPLE_WINDOW)]
    return f"{before}[{doc.text[start:end]}]{after}".strip()


def write_csv(suggestions: Iterable[Suggestion], out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(astuple(s) for s in suggestions)


def _candidate_spans(text: str):
    for run in HAN_RUN.finditer(text):
        for size in NGRAM_SIZES:
            for start in range(run.start(), run.end() - size + 1):
                yield start, start + size
    for token in CAPITALISED.finditer(text):
        if len(token.group()) > 1:
            yield token.span()


def _known_strings(lexicon: Lexicon) -> set[str]:
    return {s for e in lexicon for s in (e.text, *e.variants, *e.aliases, *e.protected)}


def _longer_counts(counts: Counter) -> Counter:
    """For each Han n-gram, the highest count of a one-character-longer n-gram that contains it."""
    longer: Counter[str] = Counter()
    for gram, count in counts.items():
        if len(gram) > NGRAM_SIZES[0] and not gram.isascii():
            for piece in (gram[:-1], gram[1:]):
                longer[piece] = max(longer[piece], count)
    return longer


def _oddness(text: str, guards) -> float:
    """Mean -log10 probability of the pieces jieba cuts ``text`` into (unknown pieces count once)."""
    tokenizer = guards.tokenizer
    pieces = tokenizer.lcut(text, HMM=False)
    return sum(-math.log10(max(guards.word_frequency(p), 1) / tokenizer.total) for p in pieces) / len(pieces)
