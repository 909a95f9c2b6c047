"""The judge: one calibrated decision on every candidate the passes propose.

Each candidate gets a confidence, the fitted probability that the fix is right, from its features
(:mod:`.features`: sound and spelling, the language model, the entry's prior, document evidence). A
fix is made when its confidence reaches ``min_confidence`` and no named rule (:mod:`.rules`) refuses it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..candidates import Candidate
from ..lexicon.compiled import CompiledLexicon
from .features import LABELS, features
from .language_model import KenLMModel, LanguageModel, WordFrequencyModel
from .model import JudgeParams
from .rules import RULES, check_rule_ids

MAX_CONFIDENCE = 0.999  # a fitted probability is never certainty; rounding must not make it look so


@dataclass(frozen=True)
class JudgeConfig:
    """What a team may set: the confidence a fix needs, rules switched off, and the language model."""

    min_confidence: float | None = None  # None: the fitted default
    disabled_rules: tuple[str, ...] = ()
    language_model: str | None = None  # a kenlm model file; None: the built-in word-frequency model
    language_model_tokens: str = "chars"
    params: str | None = None  # a parameter file from scripts/fit_judge.py; None: the shipped one

    def __post_init__(self):
        unknown = check_rule_ids(self.disabled_rules)
        if unknown:
            raise ValueError(f"unknown rule(s) {', '.join(unknown)}; rules: {', '.join(RULES)}")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be from 0 to 1, not {self.min_confidence}")


@dataclass(frozen=True)
class Verdict:
    candidate: Candidate
    confidence: float
    vetoes: tuple[str, ...]  # the candidate's rules that are switched on
    features: dict = field(repr=False, default_factory=dict)


class Judge:
    def __init__(self, lexicon: CompiledLexicon, config: JudgeConfig = JudgeConfig(), guards=None):
        """``guards``: the engine's, whose tokenizer knows the lexicon's terms (see :class:`WordFrequencyModel`)."""
        self.lexicon, self.config = lexicon, config
        self.params = JudgeParams.load(config.params)
        self.min_confidence = self.params.min_confidence if config.min_confidence is None else config.min_confidence
        self.model: LanguageModel = (KenLMModel(config.language_model, config.language_model_tokens)
                                     if config.language_model else WordFrequencyModel(guards))
        self.disabled = frozenset(config.disabled_rules)

    def assess(self, text: str, candidates: Sequence[Candidate]) -> list[Verdict]:
        """A verdict on each candidate, proposed on ``text``."""
        verdicts = []
        for candidate in candidates:
            found = features(candidate, text, self.lexicon, self.model)
            # a rule switched off still says something: the model weighs it when fitted with the rule off
            found.update((f"rule:{v}", 1.0) for v in candidate.vetoes)
            verdicts.append(Verdict(candidate, self.params.confidence(found), self.active_rules(candidate), found))
        return verdicts

    def near_miss_confidence(self, verdict: Verdict) -> float:
        """The confidence that ranks a candidate as a near miss (the near-miss model where there is one)."""
        near = self.params.near_miss
        return near.confidence(verdict.features) if near else verdict.confidence

    def accepts(self, verdict: Verdict) -> bool:
        return not verdict.vetoes and verdict.confidence >= self.min_confidence

    def active_rules(self, candidate: Candidate) -> tuple[str, ...]:
        """The candidate's broken rules that are switched on: any one refuses it, whatever its confidence."""
        return tuple(v for v in candidate.vetoes if v not in self.disabled)

    def explain(self, verdict: Verdict) -> str:
        """The candidate's reason, its evidence and the signals that weighed most: what a reviewer reads."""
        c = verdict.candidate
        weighed = [f"{'+' if share > 0 else '-'}{LABELS.get(name, name)}"
                   for name, share in self.params.contributions(verdict.features)
                   if name in LABELS][:3]
        shown = min(verdict.confidence, MAX_CONFIDENCE)
        parts = [c.reason, *c.signals, f"confidence {shown:.3f} ({', '.join(weighed)})"]
        if verdict.vetoes:
            parts.append("refused: " + "; ".join(RULES[v].message for v in verdict.vetoes))
        return "; ".join(parts)
