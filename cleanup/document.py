"""The document model: decoded text plus the spans of it that passes may correct."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from .textnorm import is_latin_word_char

#: The longest segment a pass sees. Some of their work grows faster than a segment's length (an
#: 800k-character line took 30 times as long as the same text in lines), so longer ones are cut.
WINDOW = 2000
SENTENCE_ENDS = "。！？；，.!?;"


@dataclass
class Document:
    """Text of one transcript.

    ``segments`` are the ``(start, end)`` character ranges that hold correctable prose; everything
    outside them (timestamps, markup, image lines) is never touched. A segment longer than
    :data:`WINDOW` is split into windows (see :func:`windows`), and no edit crosses a window's edge.
    ``name`` identifies the source in records and messages.
    """

    text: str
    segments: list[tuple[int, int]] = field(default_factory=list)
    name: str = "<text>"

    def __post_init__(self) -> None:
        self.segments = [w for start, end in self.segments for w in windows(self.text, start, end)]

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

    def pieces(self, count: int) -> list["Document"]:
        """The document as up to ``count`` documents that share its text, each with a run of consecutive
        segments holding about the same amount of prose. Correcting each gives between them the edits of
        the whole: passes read the whole text for their evidence, and no edit crosses a segment's edge."""
        total = sum(end - start for start, end in self.segments)
        found, current, size = [], [], 0
        for segment in self.segments:
            current.append(segment)
            size += segment[1] - segment[0]
            if size * count >= total * (len(found) + 1) and len(found) < count - 1:
                found.append(current)
                current = []
        if current or not found:
            found.append(current)
        return [Document(self.text, segments, self.name) for segments in found]


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-empty line, without its line break."""
    for match in re.finditer(r"[^\n]+", text):
        body = match.group().rstrip("\r")
        if body.strip():
            yield match.start(), match.start() + len(body)


def windows(text: str, start: int, end: int, size: int = WINDOW) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` as consecutive ``(start, end)`` pieces of at most ``size`` characters, each
    cut where :func:`cut_point` says."""
    while end - start > size:
        cut = cut_point(text, start, start + size)
        yield start, cut
        start = cut
    yield start, end


def cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a piece of ``text`` that begins at ``start`` and may not pass ``limit``: after the
    last sentence or clause punctuation in its second half (or its last :data:`WINDOW` characters),
    else after the last whitespace there, else the last place not inside a Latin word; never between
    the halves of a surrogate pair. Only a Latin "word" longer than that is cut anyway."""
    low = limit - max(1, min((limit - start) // 2, WINDOW))
    for can_cut in (_after_punctuation, _after_space, _between_words):
        for cut in range(limit, low - 1, -1):
            if can_cut(text, cut) and not _inside_pair(text, cut):
                return cut
    return limit - 1 if _inside_pair(text, limit) else limit


def _after_punctuation(text: str, cut: int) -> bool:
    # not 3.|5 or e.|g.: ASCII punctuation ends a sentence only before something other than a letter or digit
    mark = text[cut - 1]
    return mark in SENTENCE_ENDS and not (mark.isascii() and cut < len(text) and is_latin_word_char(text[cut]))


def _after_space(text: str, cut: int) -> bool:
    return text[cut - 1].isspace()


def _between_words(text: str, cut: int) -> bool:
    return not (cut < len(text) and is_latin_word_char(text[cut - 1]) and is_latin_word_char(text[cut]))


def _inside_pair(text: str, cut: int) -> bool:
    """A cut between a high and a low surrogate (text decoded with ``surrogatepass``, say)."""
    return 0 < cut < len(text) and "\ud800" <= text[cut - 1] <= "\udbff" and "\udc00" <= text[cut] <= "\udfff"
