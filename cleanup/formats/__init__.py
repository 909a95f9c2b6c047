"""Transcript file formats: read a file into a Document and write corrected bytes back.

(Minimal plain-text version; the formats work extends this with markdown, SRT, WebVTT, Whisper JSON,
JSON Lines and encoding detection, keeping this API.)
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..document import Document
from ..edits import Edit, apply_edits


@dataclass
class SourceFile:
    path: Path
    data: bytes
    document: Document
    encoding: str
    format: str

    def render(self, edits: Iterable[Edit]) -> bytes:
        """The file's bytes with ``edits`` (offsets into ``document.text``) applied."""
        return apply_edits(self.document.text, edits).encode(self.encoding)


def read_source(path: str | Path, format: str | None = None, encoding: str | None = None) -> SourceFile:
    path = Path(path)
    data = path.read_bytes()
    encoding = encoding or "utf-8"
    text = data.decode(encoding)
    return SourceFile(path, data, Document.from_text(text, str(path)), encoding, format or "text")
