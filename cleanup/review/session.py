"""The review session: walk the pending proposals one at a time, with undo and save after each step."""
from __future__ import annotations

from typing import Callable

from .filters import Filters
from .model import ACCEPTED, PENDING, REJECTED, Proposal, ReviewSet


class ReviewSession:
    """Decide the proposals ``filters`` selects, in order, starting at the first pending one.

    Decided proposals are passed over, so a session started on a saved review set resumes where the
    last one stopped. ``save`` is called with the review set after every change.
    """

    def __init__(self, review_set: ReviewSet, filters: Filters = Filters(),
                 save: Callable[[ReviewSet], None] = lambda review_set: None):
        self.review_set = review_set
        self.queue = [p.id for p in filters.select(review_set)]
        self.save = save
        self._history: list[tuple[int, list[Proposal]]] = []
        self.cursor = self._next_pending(0)

    @property
    def done(self) -> bool:
        return self.cursor >= len(self.queue)

    @property
    def current(self) -> Proposal:
        return self.review_set[self.queue[self.cursor]]

    @property
    def progress(self) -> str:
        """``12/87``: the current proposal's place among those selected."""
        return f"{min(self.cursor + 1, len(self.queue))}/{len(self.queue)}"

    def decide(self, decision: str, replacement: str | None = None) -> int:
        """Decide the current proposal and move to the next pending one; return how many were decided.

        A rejection also rejects every pending proposal of the same original for the same term in the
        whole set: the reviewer has said that string is not a misrecognition of that term."""
        current = self.current
        alike = self._pending_in_set(current.same_original_for_term) if decision == REJECTED else []
        self._change([current.id, *alike], decision, replacement)
        return 1 + len(alike)

    def decide_identical(self) -> int:
        """Accept the current proposal and every pending one in the whole set with the same original and
        the same proposed text; return how many were accepted."""
        alike = self._pending_in_set(self.current.same_fix)
        self._change([self.current.id, *alike], ACCEPTED, None)
        return 1 + len(alike)

    def decide_term(self, decision: str) -> int:
        """Give the current proposal and every other pending one for the same term the same decision;
        return how many were decided."""
        term = self.current.term
        ids = [self.current.id] + [i for i in self.queue if i != self.current.id
                                   and self.review_set[i].term == term and self.review_set[i].decision == PENDING]
        self._change(ids, decision, None)
        return len(ids)

    def next_file(self) -> bool:
        """Leave the rest of the current file pending and go to the first pending proposal of a later
        file; False (staying put) when there is none."""
        file = self.current.file
        later = next((i for i in range(self.cursor + 1, len(self.queue))
                      if self.review_set[self.queue[i]].file != file), len(self.queue))
        target = self._next_pending(later)
        if target >= len(self.queue):
            return False
        self.cursor = target
        return True

    def skip(self) -> None:
        """Leave the current proposal pending and move on; the next session comes back to it."""
        self.cursor = self._next_pending(self.cursor + 1)

    def undo(self) -> bool:
        """Revert the last decision step and return to its proposal; False when there is none."""
        if not self._history:
            return False
        self.cursor, previous = self._history.pop()
        for proposal in previous:
            self.review_set.restore(proposal)
        self.save(self.review_set)
        return True

    def _change(self, ids: list[str], decision: str, replacement: str | None) -> None:
        self._history.append((self.cursor, [self.review_set[i] for i in ids]))
        for proposal_id in ids:
            self.review_set.decide(proposal_id, decision, replacement)
        self.save(self.review_set)
        self.cursor = self._next_pending(self.cursor + 1)

    def _pending_in_set(self, alike: Callable[[Proposal], bool]) -> list[str]:
        return [p.id for p in self.review_set if p.id != self.current.id and p.decision == PENDING and alike(p)]

    def _next_pending(self, start: int) -> int:
        for index in range(start, len(self.queue)):
            if self.review_set[self.queue[index]].decision == PENDING:
                return index
        return len(self.queue)
