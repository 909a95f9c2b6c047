"""The engine's stages: document -> candidates (passes) -> verdicts (judge) -> edits (overlaps resolved)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from .candidates import Candidate
from .document import Document
from .edits import Edit, apply_edits, resolve_overlaps
from .english import english_words
from .guards import Guards
from .judge import MAX_CONFIDENCE, Judge, JudgeConfig, Verdict
from .lexicon import Lexicon
from .lexicon.compiled import CompiledLexicon
from .passes import DEFAULT_PASSES, PASSES
from .passes.options import OptionError


@dataclass
class Correction:
    document: Document
    edits: list[Edit]

    @property
    def text(self) -> str:
        return apply_edits(self.document.text, self.edits)


@dataclass(frozen=True)
class NearMiss:
    verdict: Verdict
    why: str  # why it was not fixed
    confidence: float  # how likely the fix would be right, from the near-miss model

    @property
    def candidate(self):
        return self.verdict.candidate


class Corrector:
    """Build once per lexicon, then call :meth:`correct` on any number of documents; it pickles, so a
    Spark or Ray task can receive a built one.

    ``passes`` names the passes to run; ``options`` maps a pass name to its options; ``judge`` sets the
    confidence a fix needs, the rules switched off and the language model.
    """

    def __init__(self, lexicon: Lexicon | CompiledLexicon, passes: Sequence[str] = DEFAULT_PASSES,
                 options: Mapping[str, dict] | None = None, judge: JudgeConfig | None = None):
        options = dict(options or {})
        unknown = [name for name in [*passes, *options] if name not in PASSES]
        if unknown:
            raise OptionError(f"unknown pass(es) {', '.join(unknown)}; available: {', '.join(PASSES)}")
        self.compiled = lexicon if isinstance(lexicon, CompiledLexicon) else CompiledLexicon.build(lexicon)
        self.lexicon = self.compiled.lexicon
        self.guards = Guards(self.compiled)
        self.passes = [PASSES[name](self.compiled, self.guards, **options.get(name, {})) for name in passes]
        self.judge = Judge(self.compiled, judge or JudgeConfig(), self.guards)

    def preload(self) -> None:
        """Load now what correcting loads on first use (jieba's dictionary with the lexicon's words, the
        English word list), so that processes forked from this one share it instead of each loading it."""
        self.guards.tokenizer, self.guards.automaton, english_words()

    def candidates(self, doc: Document, floor: float | None = None) -> list[Candidate]:
        """Every pass's candidates inside the document's segments."""
        return [c for p in self.passes for c in p.propose(doc, floor) if doc.inside_segments(c.start, c.end)
                and c.original != c.replacement]

    def verdicts(self, doc: Document, floor: float | None = None) -> list[Verdict]:
        """The candidates, each with the judge's verdict."""
        return self.judge.assess(doc.text, self.candidates(doc, floor))

    def propose(self, doc: Document) -> list[Edit]:
        """The fixes the judge accepts, resolved into a non-overlapping set."""
        # a candidate a rule refuses is never a fix, so the judge need not weigh it (most are refused)
        candidates = [c for c in self.candidates(doc) if not self.judge.active_rules(c)]
        verdicts = self.judge.assess(doc.text, candidates)
        return resolve_overlaps(self.edit(v) for v in verdicts if self.judge.accepts(v))

    def edit(self, verdict: Verdict) -> Edit:
        c = verdict.candidate
        return Edit(c.start, c.end, c.original, c.replacement, c.pass_name, c.term,
                    min(round(verdict.confidence, 3), MAX_CONFIDENCE), self.judge.explain(verdict))

    def near_misses(self, doc: Document, floor: float = 0.6) -> list[NearMiss]:
        """Candidates down to similarity ``floor`` that were not fixed, most likely first, each with why."""
        def key(v: Verdict) -> tuple:
            return v.candidate.start, v.candidate.end, v.candidate.replacement

        verdicts = self.verdicts(doc)
        candidates = {key(v) for v in verdicts}
        fixed = {(e.start, e.end, e.replacement) for e in resolve_overlaps(
            self.edit(v) for v in verdicts if self.judge.accepts(v))}
        missed = []
        for v in self.verdicts(doc, floor):
            if key(v) in fixed:
                continue
            if v.vetoes:
                why = self.judge.explain(v)
            elif key(v) not in candidates:
                why = f"{v.candidate.reason}: below the pass's similarity minimum"
            elif self.judge.accepts(v):
                why = f"{v.candidate.reason}: a likelier fix overlaps it"
            else:
                why = f"{self.judge.explain(v)}: below the fix threshold {self.judge.min_confidence:g}"
            missed.append(NearMiss(v, why, self.judge.near_miss_confidence(v)))
        return sorted(missed, key=lambda m: -m.confidence)

    def correct(self, doc: Document) -> Correction:
        return Correction(doc, self.propose(doc))

    def correct_text(self, text: str, name: str = "<text>") -> Correction:
        return self.correct(Document.from_text(text, name))
