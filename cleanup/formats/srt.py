"""SubRip (.srt): only cue text is prose; indices, timings and styling tags stay byte for byte."""
from __future__ import annotations

from ..document import Document
from .base import FormatError, Transcript
from .subtitles import Line, blocks, cue_text_segments, parse_timing, subtitle_lines, timing_warnings

name = "srt"
extensions = (".srt",)
streamable = False


def sniff(text: str) -> bool:
    first = next(iter(blocks(subtitle_lines(text[:4096]))), [])
    return len(first) >= 2 and first[0].text.strip().isdigit() and parse_timing(first[1]) is not None


def parse(text: str, path: str) -> Transcript:
    segments, timings = [], []
    for block in blocks(subtitle_lines(text)):
        if parse_timing(block[0]):
            timing_at = 0
        elif len(block) > 1 and block[0].text.strip().isdigit() and parse_timing(block[1]):
            timing_at = 1
        else:
            raise FormatError(path, _timing_line(block).number, _missing_timing(block))
        timings.append((block[timing_at], parse_timing(block[timing_at])))
        segments.extend(cue_text_segments(text, block[timing_at + 1:]))
    return Transcript(text, Document(text, segments, path), timing_warnings(path, timings))


def _timing_line(block: list[Line]) -> Line:
    return block[1] if len(block) > 1 and block[0].text.strip().isdigit() else block[0]


def _missing_timing(block: list[Line]) -> str:
    line = _timing_line(block)
    if "-->" in line.text:
        return f"malformed timestamp line {line.text.strip()!r} (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)"
    return "cue has no timestamp line (expected HH:MM:SS,mmm --> HH:MM:SS,mmm after the cue number)"
