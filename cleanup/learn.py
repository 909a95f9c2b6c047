"""Turn review decisions into lexicon changes, so the next run repeats the good fixes and not the bad.

- accepted: the original becomes a known variant of the term (fixed by the known-variants pass),
  unless the fix was made on the entry's context words: a variant is replaced everywhere, so the
  entry keeps (or gains) those context words instead and the fix stays gated by them;
- rejected: the original becomes a protected string of the term, so it is not rewritten again; when the
  same original was accepted for that term elsewhere in the set, only the rejected spot (the original
  with a little of its context) is protected;
- edited: the reviewer's replacement becomes a term with the original as its variant.
"""
from __future__ import annotations

import re
from pathlib import Path

from .lexicon import Entry
from .lexicon.editing import TomlLexiconFile
from .lexicon.text_format import guess_kind
from .review import ACCEPTED, EDITED, REJECTED, Proposal, ReviewSet
from .review.storage import from_frame, read_frame

CONTEXT_CHARS = 2
OFFSET_COLUMNS = ("start", "end")
CONTEXT_EVIDENCE = re.compile(r"; context ([^;]+)")  # how the pinyin pass's reasons name the context words seen


def read_decisions(path: str | Path) -> ReviewSet:
    """A review set; the offset columns may be left out, as learning does not use them."""
    frame, where, rows = read_frame(path)
    for column in OFFSET_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    return from_frame(frame, where, rows)


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


def context_words(proposal: Proposal) -> list[str]:
    """The entry's context words the fix was made on, as its reason names them; none when it names none."""
    match = CONTEXT_EVIDENCE.search(proposal.reason)
    return [word for word in match.group(1).split(", ") if word.strip()] if match else []


def lesson(proposal: Proposal, accepted_elsewhere: bool = False) -> tuple[Entry | None, str]:
    """The lexicon entry to merge for one decision (None when there is nothing to learn) and a note on
    why it is that entry; ``accepted_elsewhere``: the set fixes the same original for the same term."""
    if not proposal.original.strip():
        return None, ""
    if proposal.decision == ACCEPTED and proposal.term and proposal.original != proposal.term:
        words = context_words(proposal)
        if words:
            return Entry(proposal.term, context=words), (
                f"kept context-gated: the fix was made on the context words {', '.join(words)}, and a "
                "variant would be replaced everywhere, without them")
        return Entry(fixed_form(proposal), variants=[proposal.original]), ""
    if proposal.decision == REJECTED and proposal.term:
        if accepted_elsewhere:
            return (Entry(proposal.term, protected=[protected_spot(proposal)]),
                    "fixed elsewhere in the set, so only this spot is protected")
        return Entry(proposal.term, protected=[proposal.original]), ""
    if proposal.decision == EDITED and proposal.replacement.strip() and proposal.replacement != proposal.original:
        replacement = proposal.replacement.strip()
        return Entry(replacement, kind=guess_kind(replacement), variants=[proposal.original]), ""
    return None, ""


def learn(review: ReviewSet, target: TomlLexiconFile) -> list[str]:
    """Merge every decision's lesson into ``target`` (not yet saved); one summary line per change.

    Identical lessons (the same original rejected or accepted all over the set) are merged once."""
    accepted = {(p.original, p.term) for p in review if p.applied}
    summaries, seen = [], set()
    for proposal in review:
        entry, note = lesson(proposal, (proposal.original, proposal.term) in accepted)
        if entry is None:
            continue
        key = (proposal.decision, entry.text, *map(tuple, (entry.variants, entry.context, entry.protected)))
        if key in seen:
            continue
        seen.add(key)
        summary = f"{proposal.decision} {proposal.original} -> {entry.text}: {target.add(entry)}"
        summaries.append(summary + (f" ({note})" if note else ""))
    return summaries
