"""The pass interface: a named plugin that proposes edits on a document."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from ..document import Document
from ..edits import Edit
from ..guards import Guards
from ..lexicon import Lexicon


# Slack in score comparisons, so float rounding never decides a threshold ((0.6 + 1.0) / 2 reaches 0.8)
EPSILON = 1e-6


def at_least(value: float, bound: float) -> bool:
    """``value >= bound`` for scores, forgiving float rounding."""
    return value >= bound - EPSILON


@dataclass(frozen=True)
class Match:
    """A span that resembles a term; ``score`` is None when a guard or the threshold rejected it."""

    start: int
    end: int
    original: str
    replacement: str
    term: str
    similarity: float
    score: float | None
    reason: str


class Pass(ABC):
    """Subclasses set ``name`` and ``description`` and implement :meth:`propose`.

    Options arrive as keyword arguments, so a pass is configured by name from the CLI or API.
    """

    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, lexicon: Lexicon, guards: Guards, **options):
        self.lexicon = lexicon
        self.guards = guards
        unknown = set(options) - set(self.option_defaults())
        if unknown:
            raise ValueError(f"pass {self.name!r} has no option(s) {sorted(unknown)}; "
                             f"it takes {sorted(self.option_defaults())}")
        self.options = {**self.option_defaults(), **options}

    @classmethod
    def option_defaults(cls) -> dict:
        return {}

    @abstractmethod
    def propose(self, doc: Document) -> list[Edit]:
        """Edits on ``doc.text``, each inside one of ``doc.segments``."""

    def matches(self, doc: Document, floor: float) -> list[Match]:
        """Every span resembling a term at ``floor`` or above, fixed or not (for near-miss mining)."""
        return []

    def fixes(self, matches: list[Match]) -> list[Edit]:
        """The edits for the matches no guard or threshold refused."""
        return [Edit(m.start, m.end, m.original, m.replacement, self.name, m.term, m.score, m.reason)
                for m in matches if m.score is not None]

    def edit(self, start: int, end: int, doc: Document, replacement: str, term: str, score: float,
             reason: str) -> Edit:
        return Edit(start, end, doc.text[start:end], replacement, self.name, term, round(score, 3), reason)
