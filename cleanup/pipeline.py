"""Run a chain of passes over documents and resolve their proposals into one edit set."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from .document import Document
from .edits import Edit, apply_edits, resolve_overlaps
from .guards import Guards
from .lexicon import Lexicon
from .passes import DEFAULT_PASSES, PASSES
from .passes.base import Match


@dataclass
class Correction:
    document: Document
    edits: list[Edit]

    @property
    def text(self) -> str:
        return apply_edits(self.document.text, self.edits)


class Corrector:
    """Build once per lexicon, then call :meth:`correct` on any number of documents.

    ``passes`` names the passes to run, in order; ``options`` maps a pass name to its options.
    """

    def __init__(self, lexicon: Lexicon, passes: Sequence[str] = DEFAULT_PASSES,
                 options: Mapping[str, dict] | None = None):
        options = dict(options or {})
        unknown = [name for name in [*passes, *options] if name not in PASSES]
        if unknown:
            raise ValueError(f"unknown pass(es) {unknown}; available: {', '.join(PASSES)}")
        self.lexicon = lexicon
        self.guards = Guards(lexicon)
        self.passes = [PASSES[name](lexicon, self.guards, **options.get(name, {})) for name in passes]

    def propose(self, doc: Document) -> list[Edit]:
        """Every pass's proposals, resolved into a non-overlapping set inside the document's segments."""
        proposals = [e for p in self.passes for e in p.propose(doc) if doc.inside_segments(e.start, e.end)]
        return resolve_overlaps(proposals)

    def near_misses(self, doc: Document, floor: float = 0.6) -> list[Match]:
        """Spans that resemble a term at ``floor`` or above but that no pass proposed to fix."""
        fixed = {(e.start, e.end, e.replacement) for e in self.propose(doc)}
        return [m for p in self.passes for m in p.matches(doc, floor)
                if (m.start, m.end, m.replacement) not in fixed]

    def correct(self, doc: Document) -> Correction:
        return Correction(doc, self.propose(doc))

    def correct_text(self, text: str, name: str = "<text>") -> Correction:
        return self.correct(Document.from_text(text, name))
