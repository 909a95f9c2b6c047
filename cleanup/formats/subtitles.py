"""What SRT and WebVTT share: blank-line separated blocks, cue timings and inline styling tags."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .base import line_segments

#: Styling that is never prose: HTML-like tags (``<i>``, ``<c.x>``, ``<v Name>``, ``<00:01.000>``),
#: ASS-style overrides (``{\an8}``) and character references (``&amp;``).
STYLING = re.compile(r"<[^>\n]*>|\{\\[^}\n]*\}|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
TIMESTAMP = r"(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{3})"
TIMING = re.compile(rf"^\s*{TIMESTAMP}\s*-->\s*{TIMESTAMP}(?:\s.*)?$")


#: Line breaks of subtitle files: WebVTT allows CR, LF and CRLF, and old tools write CR-only SRT too.
LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass
class Line:
    number: int  # 1-based
    start: int
    end: int  # before the line break
    text: str


def subtitle_lines(text: str) -> list[Line]:
    """Every line of ``text``, whichever of CR, LF or CRLF ends it."""
    lines, start = [], 0
    for number, match in enumerate(LINE_BREAK.finditer(text), 1):
        lines.append(Line(number, start, match.start(), text[start:match.start()]))
        start = match.end()
    lines.append(Line(len(lines) + 1, start, len(text), text[start:]))
    return lines


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines that are not empty (spaces and tabs only count as empty)."""
    out: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text.strip(" \t"):
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def parse_timing(line: Line) -> tuple[float, float] | None:
    """Start and end seconds of a timing line, or None when it is not one."""
    match = TIMING.match(line.text)
    if not match:
        return None
    groups = match.groups()
    return _seconds(groups[:4]), _seconds(groups[4:])


def _seconds(parts) -> float:
    hours, minutes, seconds, millis = (int(p or 0) for p in parts)
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def cue_text_segments(text: str, cue_lines: list[Line]) -> list[tuple[int, int]]:
    """One or more segments per cue-text line: the runs between styling tags (never across lines)."""
    segments = []
    for line in cue_lines:
        styling = [(line.start + m.start(), line.start + m.end()) for m in STYLING.finditer(line.text)]
        segments.extend(line_segments(text, line.start, line.end, styling))
    return segments


def timing_warnings(path: str, timings: list[tuple[Line, tuple[float, float]]]) -> list[str]:
    """Cues that end before they start or begin before the previous cue ends."""
    warnings, previous_end = [], None
    for line, (start, end) in timings:
        if end < start:
            warnings.append(f"{path}:{line.number}: cue ends before it starts")
        if previous_end is not None and start < previous_end:
            warnings.append(f"{path}:{line.number}: cue starts before the previous cue ends "
                            "(overlapping timestamps)")
        previous_end = end if previous_end is None else max(previous_end, end)
    return warnings
