"""Markdown: correct the prose, leave the markup alone.

Untouched: fenced code blocks, heading markers (``#``; the heading text is prose), image lines,
link and image URLs, inline code, autolinks and bare URLs, HTML tags, link reference definitions.
"""
from __future__ import annotations

import re

from ..document import Document
from .base import Transcript, iter_lines, line_segments

name = "markdown"
extensions = (".md", ".markdown")
streamable = True

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING_MARK = re.compile(r"^ {0,3}#{1,6}(?=\s|$)")
IMAGE_LINE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:.*$")
INLINE_MARKUP = re.compile(
    r"(`+).*?\1"             # inline code
    r"|\]\([^)]*\)"          # a link's or image's (url "title")
    r"|<[^>\s]+>"            # autolinks and HTML tags
    r"|https?://\S+"         # bare URLs
)


def sniff(text: str) -> bool:
    return any(HEADING_MARK.match(line) or FENCE.match(line) for _, _, line in iter_lines(text[:4096]))


class Parser:
    """Parses consecutive chunks of whole lines, carrying whether a code fence is open."""

    def __init__(self) -> None:
        self.fence: str | None = None

    def __call__(self, text: str, path: str) -> Transcript:
        segments = []
        for start, end, line in iter_lines(text):
            segments.extend(self.line_segments(text, start, end, line))
        return Transcript(text, Document(text, segments, path))

    def line_segments(self, text: str, start: int, end: int, line: str) -> list[tuple[int, int]]:
        fence = FENCE.match(line)
        if self.fence:
            if fence and fence.group(1)[0] == self.fence[0] and len(fence.group(1)) >= len(self.fence):
                self.fence = None
            return []
        if fence:
            self.fence = fence.group(1)
            return []
        if IMAGE_LINE.match(line) or REFERENCE.match(line):
            return []
        markup = [(start + m.start(), start + m.end()) for m in INLINE_MARKUP.finditer(line)]
        heading = HEADING_MARK.match(line)
        if heading:
            markup.insert(0, (start, start + heading.end()))
        return line_segments(text, start, end, markup)


def parse(text: str, path: str) -> Transcript:
    return Parser()(text, path)


def chunk_parser() -> Parser:
    return Parser()
