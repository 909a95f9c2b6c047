"""The registry of correction passes, in the order they run by default."""
from __future__ import annotations

from .base import Pass
from .known_variants import KnownVariantsPass
from .latin_terms import LatinTermsPass
from .pinyin_similarity import PinyinSimilarityPass

PASSES: dict[str, type[Pass]] = {p.name: p for p in (KnownVariantsPass, PinyinSimilarityPass, LatinTermsPass)}
DEFAULT_PASSES = tuple(PASSES)

__all__ = ["PASSES", "DEFAULT_PASSES", "Pass"]
