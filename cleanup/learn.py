"""Turn review decisions into lexicon changes, so the next run repeats the good fixes and not the bad.

- accepted: the original becomes a known variant of the term (fixed by the known-variants pass);
- rejected: the original with a little of its context becomes a protected string of the term, which
  blocks that spot (and only spots worded the same) from being rewritten again;
- edited: the reviewer's replacement becomes a term with the original as its variant.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .lexicon import Entry
from .lexicon.editing import TomlLexiconFile
from .lexicon.text_format import guess_kind
from .review import ACCEPTED, EDITED, REJECTED, Proposal, ReviewError, ReviewSet, read_review
from .review.storage import from_frame

CONTEXT_CHARS = 2
OFFSET_COLUMNS = ("start", "end")


def read_decisions(path: str | Path) -> ReviewSet:
    """A review set; a CSV may leave out the offset columns, which learning does not use."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        return read_review(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ReviewError(f"cannot read review file {path}: {exc}") from None
    for column in OFFSET_COLUMNS:
        if column not in frame.columns:
            frame[column] = "0"
    return from_frame(frame, str(path))


def protected_spot(proposal: Proposal) -> str:
    """The original with up to :data:`CONTEXT_CHARS` characters of its line on each side."""
    before = proposal.context_before.replace("\r", "\n").split("\n")[-1][-CONTEXT_CHARS:]
    after = proposal.context_after.replace("\r", "\n").split("\n")[0][:CONTEXT_CHARS]
    return f"{before}{proposal.original}{after}"


def fixed_form(proposal: Proposal) -> str:
    """The term the accepted fix wrote: the entry itself, or the part of it the fix used (模速 of 模速空间)."""
    def spelling(text: str) -> str:
        return "".join(ch for ch in text.casefold() if ch.isalnum())

    return proposal.term if spelling(proposal.replacement) == spelling(proposal.term) else proposal.replacement


def lesson(proposal: Proposal) -> Entry | None:
    """The lexicon entry to merge for one decision, or None when there is nothing to learn."""
    if not proposal.original.strip():
        return None
    if proposal.decision == ACCEPTED and proposal.term and proposal.original != proposal.term:
        return Entry(fixed_form(proposal), variants=[proposal.original])
    if proposal.decision == REJECTED and proposal.term:
        return Entry(proposal.term, protected=[protected_spot(proposal)])
    if proposal.decision == EDITED and proposal.replacement.strip() and proposal.replacement != proposal.original:
        replacement = proposal.replacement.strip()
        return Entry(replacement, kind=guess_kind(replacement), variants=[proposal.original])
    return None


def learn(review: ReviewSet, target: TomlLexiconFile) -> list[str]:
    """Merge every decision's lesson into ``target`` (not yet saved); one summary line per change."""
    summaries = []
    for proposal in review:
        entry = lesson(proposal)
        if entry is not None:
            summaries.append(f"{proposal.decision} {proposal.original} -> {entry.text}: {target.add(entry)}")
    return summaries
