"""WebVTT (.vtt): only cue text is prose; the header, NOTE/STYLE/REGION blocks, cue identifiers,
timings with their settings and styling tags stay byte for byte."""
from __future__ import annotations

import re

from ..document import Document
from .base import FormatError, Transcript
from .subtitles import Line, blocks, cue_text_segments, parse_timing, subtitle_lines, timing_warnings

name = "vtt"
extensions = (".vtt",)
streamable = False

HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
METADATA_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")


def sniff(text: str) -> bool:
    return bool(HEADER.match(subtitle_lines(text[:4096])[0].text))


def parse(text: str, path: str) -> Transcript:
    all_blocks = blocks(subtitle_lines(text))
    if not all_blocks or not HEADER.match(all_blocks[0][0].text) or all_blocks[0][0].number != 1:
        raise FormatError(path, 1, "a WebVTT file must start with a 'WEBVTT' line")
    segments, timings = [], []
    for block in [*_cue_in_header(all_blocks[0]), *all_blocks[1:]]:
        if METADATA_BLOCK.match(block[0].text):
            continue
        timing_at = next((i for i, line in enumerate(block[:2]) if "-->" in line.text), None)
        if timing_at is None:
            raise FormatError(path, block[0].number, "cue has no timing line (expected MM:SS.mmm --> MM:SS.mmm)")
        timing = parse_timing(block[timing_at])
        if timing is None:
            raise FormatError(path, block[timing_at].number,
                              f"malformed timing line {block[timing_at].text.strip()!r}")
        timings.append((block[timing_at], timing))
        segments.extend(cue_text_segments(text, block[timing_at + 1:]))
    return Transcript(text, Document(text, segments, path), timing_warnings(path, timings))


def _cue_in_header(header: list[Line]) -> list[list[Line]]:
    """A cue written right after the header, with no blank line between (players read it as a cue)."""
    timing_at = next((i for i, line in enumerate(header) if "-->" in line.text), None)
    return [header[timing_at:]] if timing_at else []
