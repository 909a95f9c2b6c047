"""Choose which proposals to review: by pass, term, file and score range."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .model import Proposal


@dataclass(frozen=True)
class Filters:
    """Empty tuples and ``None`` bounds match everything; a file matches by its path or its name."""

    passes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    min_score: float | None = None
    max_score: float | None = None

    def matches(self, proposal: Proposal) -> bool:
        return ((not self.passes or proposal.pass_name in self.passes)
                and (not self.terms or proposal.term in self.terms)
                and (not self.files or proposal.file in self.files or Path(proposal.file).name in self.files)
                and (self.min_score is None or proposal.score >= self.min_score)
                and (self.max_score is None or proposal.score <= self.max_score))

    def select(self, proposals: Iterable[Proposal]) -> list[Proposal]:
        return [p for p in proposals if self.matches(p)]
