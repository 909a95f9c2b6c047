"""Transcript file formats: read a file into a Document and write corrected bytes back.

Each format is a module (``text``, ``markdown``, ``srt``, ``vtt``, ``whisper_json``, ``jsonl``) with
``name``, ``extensions``, ``streamable``, ``sniff(text)`` and ``parse(text, path) -> Transcript``;
streamable ones also have ``chunk_parser()``. A format is chosen by ``--format``, else by extension,
else by content.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..document import Document
from ..edits import Edit
from ..encoding import SAMPLE_SIZE, TextEncoding, choose
from ..errors import InputError
from . import jsonl, markdown, srt, text, vtt, whisper_json
from .base import Format, FormatError, Transcript
from .chunks import iter_line_chunks

# Sniffing order: the most specific content test first; plain text accepts anything.
FORMATS: dict[str, Format] = {f.name: f for f in (vtt, srt, whisper_json, jsonl, markdown, text)}
EXTENSIONS = {ext: f for f in FORMATS.values() for ext in f.extensions}


def format_for(path: Path, sample: str, name: str | None = None) -> Format:
    """The format called ``name``, else the one for the file's extension, else the first that sniffs."""
    if name:
        try:
            return FORMATS[name]
        except KeyError:
            raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}") from None
    by_extension = EXTENSIONS.get(path.suffix.lower())
    return by_extension or next(f for f in FORMATS.values() if f.sniff(sample))


@dataclass
class SourceFile:
    """A whole transcript file, parsed."""

    path: Path
    data: bytes
    transcript: Transcript
    text_encoding: TextEncoding
    format: str
    warnings: list[str] = field(default_factory=list)

    @property
    def document(self) -> Document:
        return self.transcript.document

    @property
    def encoding(self) -> str:
        """The encoding's name; ``read_source(path, encoding=this)`` reads the file the same way."""
        return self.text_encoding.name

    def render(self, edits: Iterable[Edit]) -> bytes:
        """The file's bytes with ``edits`` (offsets into ``document.text``) applied."""
        return self.text_encoding.encode(self.transcript.render(edits))


def open_regular(path: Path, what: str = "a transcript") -> BinaryIO:
    """Open ``path`` for reading; InputError for a named pipe, device or folder, which could block or never end
    (the message says it is not ``what`` the command reads).

    The file is opened without blocking (a FIFO with no writer would wait) and checked once open, so
    it cannot be swapped for a pipe between the check and the read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(path, None, f"not a regular file (a named pipe, device or folder); not {what}")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_source(path: str | Path, format: str | None = None, encoding: str | None = None) -> SourceFile:
    """Read and parse a whole file. Raises OSError, EncodingError, FormatError or ValueError (bad names)."""
    path = Path(path)
    with open_regular(path) as stream:
        data = stream.read()
    text_encoding = choose(data[:SAMPLE_SIZE], str(path), encoding)
    decoded = text_encoding.decode(data, str(path))
    fmt = format_for(path, decoded[:SAMPLE_SIZE], format)
    # An empty file of any format is copied as it is (an empty .json is no JSON, an empty .vtt has no header).
    transcript = fmt.parse(decoded, str(path)) if data else Transcript("", Document("", [], str(path)))
    warnings = _content_warnings(path, fmt, bool(data), bool(transcript.document.segments))
    return SourceFile(path, data, transcript, text_encoding, fmt.name, warnings + transcript.warnings)


@dataclass
class Stream:
    """A file of a streamable format, read chunk by chunk; encoding and format come from its first bytes."""

    path: Path
    text_encoding: TextEncoding
    format: Format
    #: Warnings about the file; one more is added when all chunks were read and none had text to correct.
    warnings: list[str]

    def chunks(self, max_lines: int, max_chars: int) -> Iterator[tuple[int, Transcript]]:
        """``(first line number - 1, transcript)`` per chunk of whole lines, each parsed on its own."""
        parse = self.format.chunk_parser()
        has_data = has_text = False
        with open_regular(self.path) as stream:
            pieces = self.text_encoding.iter_decode(stream, str(self.path))
            line_offset = 0
            for chunk in iter_line_chunks(pieces, max_lines, max_chars):
                transcript = parse(chunk, str(self.path))
                has_data, has_text = True, has_text or bool(transcript.document.segments)
                yield line_offset, transcript
                line_offset += chunk.count("\n")
        if has_data:
            self.warnings.extend(_content_warnings(self.path, self.format, has_data, has_text))


def open_stream(path: str | Path, format: str | None = None, encoding: str | None = None) -> Stream:
    """Decide encoding and format from the start of the file, for :meth:`Stream.chunks`."""
    path = Path(path)
    with open_regular(path) as stream:
        sample = stream.read(SAMPLE_SIZE)
    text_encoding = choose(sample, str(path), encoding)
    decoded = sample[len(text_encoding.bom):].decode(text_encoding.codec, errors="ignore")
    fmt = format_for(path, decoded, format)
    return Stream(path, text_encoding, fmt, _content_warnings(path, fmt, bool(sample), True))


def _content_warnings(path: Path, fmt: Format, has_data: bool, has_text: bool) -> list[str]:
    """An empty file, or one with nothing to correct (often the wrong ``--format``), is left as it is."""
    if not has_data:
        return [f"{path}: empty file; left as it is"]
    if not has_text:
        return [f"{path}: no text to correct in this {fmt.name} file; left as it is"]
    return []


__all__ = ["EXTENSIONS", "FORMATS", "Format", "FormatError", "SourceFile", "Stream", "Transcript",
           "format_for", "open_regular", "open_stream", "read_source"]
