"""The review session: walk the pending proposals one at a time, with undo and save after each step."""
from __future__ import annotations

from typing import Callable

from .filters import Filters
from .model import PENDING, Proposal, ReviewSet


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

    def decide(self, decision: str, replacement: str | None = None) -> None:
        """Decide the current proposal and move to the next pending one."""
        self._change([self.current.id], decision, replacement)

    def decide_term(self, decision: str) -> int:
        """Give the current proposal and every other pending one for the same term the same decision;
        return how many were decided."""
        term = self.current.term
        ids = [self.current.id] + [i for i in self.queue if i != self.current.id
                                   and self.review_set[i].term == term and self.review_set[i].decision == PENDING]
        self._change(ids, decision, None)
        return len(ids)

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

    def _next_pending(self, start: int) -> int:
        for index in range(start, len(self.queue)):
            if self.review_set[self.queue[index]].decision == PENDING:
                return index
        return len(self.queue)
