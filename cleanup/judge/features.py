"""The judge's features: the evidence a pass found, plus what the judge adds from the document, the
language model and the entry's prior. One flat, named vector per candidate."""
from __future__ import annotations

import math
import re

from ..candidates import Candidate
from ..guards import base_word_frequency
from ..lexicon import KINDS
from ..lexicon.compiled import SMALLEST_LIST, CompiledLexicon
from .language_model import LanguageModel

# Characters of context on each side that the language model sees, within the same run of words
CONTEXT_CHARS = 4
WORD_CHAR = re.compile(r"[\w]", re.UNICODE)
SURPRISAL_RANGE = (-10.0, 40.0)

# What a reader is told a feature means, when it decides a fix (see Judge.explain)
LABELS = {
    "similarity": "sounds alike", "changed_words_similarity": "the changed words sound alike", "homophone": "same toneless pinyin", "kept_share": "keeps the term's characters",
    "context": "context words near", "uses": "term used elsewhere in the document",
    "standalone_uses": "term stands alone elsewhere", "span_is_word": "original is a dictionary word",
    "changed_word_frequency": "rewrites a common word", "more_common": "would turn a word into a more common one",
    "guessed_word": "original is not a dictionary word", "lm_original": "original unlikely as written",
    "lm_fixed": "fixed text unlikely", "list_size": "size of the term's list", "term_frequency": "term is a common word",
    "listed_variant": "listed variant", "latin_score": "spelled and sounds alike", "english": "original is English",
    "unbacked_english": "English word, term nowhere else", "length_change": "length changes", "part": "part of a name",
    "short_term": "two-syllable term", "long_term": "long term", "listed_original": "original is a listed name",
}


def feature_names(passes) -> list[str]:
    """Every feature, in a fixed order (the fitted weights are stored by name, so order is cosmetic)."""
    return [*(f"pass:{p}" for p in passes), *(f"kind:{k}" for k in KINDS), "list_size", "term_frequency",
            "lm_original", "lm_fixed", *LABELS.keys()]


def context_window(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT_CHARS word characters on each side of ``text[start:end]``, stopping at punctuation."""
    left = start
    while left > 0 and start - left < CONTEXT_CHARS and WORD_CHAR.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < CONTEXT_CHARS and WORD_CHAR.match(text[right]):
        right += 1
    return text[left:start], text[end:right]


def surprisal(model: LanguageModel, left: str, middle: str, right: str) -> float:
    """How much less likely the window is with ``middle`` in it than its two sides alone (nats)."""
    value = model.logprob(left) + model.logprob(right) - model.logprob(left + middle + right)
    return min(max(value, SURPRISAL_RANGE[0]), SURPRISAL_RANGE[1])


def features(candidate: Candidate, text: str, lexicon: CompiledLexicon, model: LanguageModel) -> dict[str, float]:
    entry = lexicon.get(candidate.term)
    found = {f"pass:{candidate.pass_name}": 1.0, **candidate.evidence}
    if entry is not None:
        found[f"kind:{entry.kind}"] = 1.0
    found["list_size"] = math.log(max(lexicon.list_sizes.get(candidate.term, 1), SMALLEST_LIST))
    found["term_frequency"] = math.log1p(base_word_frequency(candidate.replacement))
    left, right = context_window(text, candidate.start, candidate.end)
    found["lm_original"] = surprisal(model, left, candidate.original, right)
    found["lm_fixed"] = surprisal(model, left, candidate.replacement, right)
    return found
