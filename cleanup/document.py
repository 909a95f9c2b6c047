"""The document model: decoded text plus the spans of it that passes may correct."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator


@dataclass
class Document:
    """Text of one transcript.

    ``segments`` are the ``(start, end)`` character ranges that hold correctable prose; everything
    outside them (timestamps, markup, image lines) is never touched. ``name`` identifies the
    source in records and messages.
    """

    text: str
    segments: list[tuple[int, int]] = field(default_factory=list)
    name: str = "<text>"

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    @classmethod
    def from_text(cls, text: str, name: str = "<text>") -> "Document":
        """A document whose every line is correctable prose."""
        return cls(text, list(line_spans(text)), name)

    def iter_segments(self) -> Iterator[tuple[int, str]]:
        for start, end in self.segments:
            yield start, self.text[start:end]

    def line_bounds(self, number: int) -> tuple[int, int]:
        """Start and end offsets of 1-based line ``number``, without its line break."""
        starts = self._line_starts
        end = starts[number] - 1 if number < len(starts) else len(self.text)
        return starts[number - 1], end

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def inside_segments(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.segments, (start, float("inf"))) - 1
        return i >= 0 and self.segments[i][0] <= start and end <= self.segments[i][1]


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-empty line, without its line break."""
    for match in re.finditer(r"[^\n]+", text):
        body = match.group().rstrip("\r")
        if body.strip():
            yield match.start(), match.start() + len(body)
