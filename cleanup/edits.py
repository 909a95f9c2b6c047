"""The edit record: one proposed replacement of a span of the original text."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Iterable


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (``original``) by ``replacement``.

    Offsets are character offsets into the document text the edit was proposed on.
    """

    start: int
    end: int
    original: str
    replacement: str
    pass_name: str
    term: str
    score: float
    reason: str

    def overlaps(self, other: "Edit") -> bool:
        return self.start < other.end and other.start < self.end

    def shifted(self, offset: int) -> "Edit":
        return replace(self, start=self.start + offset, end=self.end + offset)


def _priority(edit: Edit) -> tuple:
    # Higher score first, then the longer span, then the earlier one; the rest only breaks ties.
    return (-edit.score, -(edit.end - edit.start), edit.start, edit.replacement, edit.pass_name, edit.term)


def resolve_overlaps(edits: Iterable[Edit]) -> list[Edit]:
    """Keep a deterministic, non-overlapping subset of ``edits``, sorted by position.

    The best-scored edit wins a conflict; equal scores prefer the longer span, then the earlier one.
    """
    kept: list[Edit] = []  # sorted by start; non-overlapping, so also by end
    starts: list[int] = []
    for edit in sorted(set(edits), key=_priority):
        if edit.original == edit.replacement:
            continue
        i = bisect.bisect_right(starts, edit.start)
        if (i > 0 and kept[i - 1].overlaps(edit)) or (i < len(kept) and kept[i].overlaps(edit)):
            continue
        kept.insert(i, edit)
        starts.insert(i, edit.start)
    return kept


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to ``text``; raise ValueError if they overlap or do not match."""
    out, cursor = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        if text[edit.start:edit.end] != edit.original:
            raise ValueError(
                f"edit at offset {edit.start} expects {edit.original!r}, text has {text[edit.start:edit.end]!r}"
            )
        out.append(text[cursor:edit.start])
        out.append(edit.replacement)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out)
