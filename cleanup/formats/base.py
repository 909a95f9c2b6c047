"""What every format provides: a parse of the decoded text into a Document, and a way back."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Protocol

from ..document import Document
from ..errors import InputError
from ..edits import Edit, apply_edits


class FormatError(InputError):
    """Input that does not follow its format."""


@dataclass
class Transcript:
    """A parsed source text: ``document`` holds the correctable prose, ``render`` gives back the source.

    For line formats ``document.text`` is the source itself; formats that store text elsewhere
    (JSON) override :meth:`render`.
    """

    source: str
    document: Document
    warnings: list[str] = field(default_factory=list)

    def render(self, edits: Iterable[Edit]) -> str:
        """The source text with ``edits`` (offsets into ``document.text``) applied."""
        return apply_edits(self.source, edits)


class Format(Protocol):
    name: str
    extensions: tuple[str, ...]
    #: Streamable formats are parsed in chunks of whole lines by the callable ``chunk_parser()`` returns
    #: (it may carry state from chunk to chunk).
    streamable: bool

    def sniff(self, text: str) -> bool:
        """Whether ``text`` (the start of a file) looks like this format."""

    def parse(self, text: str, path: str) -> Transcript:
        ...


def line_segments(text: str, start: int, end: int, markup: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The non-blank runs of ``text[start:end]`` between the ``markup`` spans (sorted, absolute offsets)."""
    runs, cursor = [], start
    for m_start, m_end in [*markup, (end, end)]:
        if text[cursor:m_start].strip():
            runs.append((cursor, m_start))
        cursor = max(cursor, m_end)
    return runs


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, line)`` for every ``\\n``-separated line; ``end`` and ``line`` exclude ``\\r\\n``."""
    start = 0
    for raw in text.split("\n"):
        body = raw.rstrip("\r")
        yield start, start + len(body), body
        start += len(raw) + 1
