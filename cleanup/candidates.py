"""The candidate record: a fix a pass proposes, with the evidence it found; the judge decides on it."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping


@dataclass(frozen=True, eq=False)
class Candidate:
    """Replace ``text[start:end]`` (``original``) by ``replacement``, a form of lexicon term ``term``.

    ``evidence`` holds the pass's numeric signals by feature name (see :mod:`cleanup.judge.features`);
    ``signals`` the same for a reader ("context 科技"); ``vetoes`` the ids of the named rules that
    refuse the fix (see :mod:`cleanup.judge.rules`).
    """

    start: int
    end: int
    original: str
    replacement: str
    pass_name: str
    term: str
    reason: str
    evidence: Mapping[str, float] = field(default_factory=dict)
    signals: tuple[str, ...] = ()
    vetoes: tuple[str, ...] = ()

    def shifted(self, offset: int) -> "Candidate":
        return replace(self, start=self.start + offset, end=self.end + offset)
