"""Regroup decoded text into chunks of whole lines, so big files are corrected with bounded memory."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..document import cut_point


def iter_line_chunks(pieces: Iterable[str], max_lines: int, max_chars: int) -> Iterator[str]:
    """Chunks of up to ``max_lines`` whole lines and ``max_chars`` characters each.

    Only a single line longer than ``max_chars`` is cut mid-line, where a document cuts a long segment
    into windows (:func:`~cleanup.document.cut_point`); no correction can span that cut.
    """
    buffer = ""
    for piece in pieces:
        buffer += piece
        while (cut := _cut(buffer, max_lines, max_chars)) is not None:
            yield buffer[:cut]
            buffer = buffer[cut:]
    if buffer:
        yield buffer


def _cut(buffer: str, max_lines: int, max_chars: int) -> int | None:
    """Where the next chunk ends, or None while ``buffer`` may still grow into a fuller chunk."""
    position = -1
    for _ in range(max_lines):
        position = buffer.find("\n", position + 1, max_chars)
        if position < 0:
            if len(buffer) < max_chars:
                return None
            last = buffer.rfind("\n", 0, max_chars)
            return last + 1 if last >= 0 else cut_point(buffer, 0, max_chars)
    return position + 1
