"""Plain text: every non-blank line is prose."""
from __future__ import annotations

from ..document import Document
from .base import Transcript

name = "text"
extensions = (".txt",)
streamable = True


def sniff(text: str) -> bool:
    return True


def parse(text: str, path: str) -> Transcript:
    return Transcript(text, Document.from_text(text, path))


def chunk_parser():
    """Lines are independent, so each chunk is parsed on its own."""
    return parse
