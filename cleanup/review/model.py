"""The review set: every proposed fix with its place, its provenance and the reviewer's decision."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields, replace
from typing import Iterable, Iterator

from ..edits import Edit

PENDING, ACCEPTED, REJECTED, EDITED = "pending", "accepted", "rejected", "edited"
DECISIONS = (PENDING, ACCEPTED, REJECTED, EDITED)
APPLIED = (ACCEPTED, EDITED)

_DECISION_SPELLINGS = {
    "": PENDING, "pending": PENDING, "skip": PENDING, "skipped": PENDING, "?": PENDING,
    "accepted": ACCEPTED, "accept": ACCEPTED, "y": ACCEPTED, "yes": ACCEPTED, "true": ACCEPTED, "1": ACCEPTED,
    "rejected": REJECTED, "reject": REJECTED, "n": REJECTED, "no": REJECTED, "false": REJECTED, "0": REJECTED,
    "edited": EDITED, "edit": EDITED, "e": EDITED,
}


class ReviewError(ValueError):
    """A review set that cannot be read, decided or applied; the message says why."""


def proposal_id(file: str, start: int, original: str, replacement: str) -> str:
    """Short hex id that stays the same when the same fix is proposed again on the same file."""
    key = "\0".join([file, str(start), original, replacement])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def normalize_decision(value: object) -> str:
    """The canonical decision for a spelling a person may type into a spreadsheet (y, accept, ...)."""
    spelling = str(value if value is not None else "").strip().lower()
    if spelling == "nan":
        spelling = ""
    try:
        return _DECISION_SPELLINGS[spelling]
    except KeyError:
        raise ReviewError(f"unknown decision {value!r}; use one of {', '.join(DECISIONS)}") from None


def offset_of(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column of ``text``."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            raise ReviewError(f"line {line} is past the end of the text")
    return start + column - 1


@dataclass(frozen=True)
class Proposal:
    """One proposed fix. ``replacement`` is what apply writes; ``proposed`` is what the engine suggested."""

    id: str
    file: str
    line: int
    column: int
    original: str
    replacement: str
    pass_name: str
    term: str
    score: float
    reason: str
    decision: str
    proposed: str
    context_before: str
    context_after: str
    start: int
    end: int
    source_sha256: str
    format: str
    encoding: str

    @property
    def applied(self) -> bool:
        return self.decision in APPLIED

    def decided(self, decision: str, replacement: str | None = None) -> "Proposal":
        """This proposal with a new decision; an edit whose text equals the proposal counts as accepted."""
        decision = normalize_decision(decision)
        if decision == EDITED:
            if replacement is None:
                raise ReviewError(f"{self.id}: an edited decision needs the replacement text")
            if replacement == self.proposed:
                decision = ACCEPTED
        else:
            replacement = self.proposed
        return replace(self, decision=decision, replacement=replacement)

    def located(self, text: str) -> "Proposal":
        """This proposal with offsets into ``text``, worked out from line and column when the review
        file did not record them (``start`` < 0)."""
        if self.start >= 0:
            return self
        try:
            start = offset_of(text, self.line, self.column)
        except ReviewError as exc:  # a line past the end: say of which file
            raise ReviewError(f"{self.file}: {exc}") from None
        return replace(self, start=start, end=start + len(self.original))

    def same_fix(self, other: "Proposal") -> bool:
        """The same original turned into the same text, wherever it is (accepting one may accept all)."""
        return (self.original, self.proposed) == (other.original, other.proposed)

    def same_original_for_term(self, other: "Proposal") -> bool:
        """The same original proposed for the same term (rejecting one protects it from that term everywhere)."""
        return (self.original, self.term) == (other.original, other.term)

    def to_record(self) -> dict:
        """The proposal as a flat dict keyed by :data:`COLUMNS`."""
        return {("pass" if k == "pass_name" else k): v for k, v in asdict(self).items()}

    def to_edit(self) -> Edit:
        """The edit apply makes: the reviewer's replacement at the proposal's offsets."""
        return Edit(self.start, self.end, self.original, self.replacement, self.pass_name, self.term,
                    self.score, self.reason)


COLUMNS = tuple("pass" if f.name == "pass_name" else f.name for f in fields(Proposal))


class ReviewSet:
    """Proposals in document order, addressable by id."""

    def __init__(self, proposals: Iterable[Proposal] = ()):
        self._by_id: dict[str, Proposal] = {}
        for proposal in proposals:
            if proposal.id in self._by_id:
                raise ReviewError(f"duplicate proposal id {proposal.id}")
            self._by_id[proposal.id] = proposal

    def __iter__(self) -> Iterator[Proposal]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __getitem__(self, proposal_id: str) -> Proposal:
        try:
            return self._by_id[proposal_id]
        except KeyError:
            raise ReviewError(f"no proposal with id {proposal_id!r}") from None

    def decide(self, proposal_id: str, decision: str, replacement: str | None = None) -> Proposal:
        """Record a decision and return the updated proposal."""
        updated = self[proposal_id].decided(decision, replacement)
        self._by_id[proposal_id] = updated
        return updated

    def restore(self, proposal: Proposal) -> None:
        """Put back an earlier state of a proposal (used by undo)."""
        self._by_id[proposal.id] = proposal

    def files(self) -> list[str]:
        """The reviewed files, in first-seen order."""
        return list(dict.fromkeys(p.file for p in self))

    def counts(self) -> dict[str, int]:
        """Number of proposals per decision, every decision listed."""
        counts = dict.fromkeys(DECISIONS, 0)
        for proposal in self:
            counts[proposal.decision] += 1
        return counts
