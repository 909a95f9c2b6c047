"""Whisper / faster-whisper JSON: correct ``segments[].text``; timings and everything else stay as they were.

A top-level ``text`` that is the concatenation of the segment texts (as Whisper writes it) is rebuilt
from the corrected segments; any other top-level ``text`` is corrected as a field of its own.
Word-level timings (``segments[].words``) are left exactly as they were, so after a fix the words
no longer spell the corrected segment text.
"""
from __future__ import annotations

from .base import FormatError
from .json_text import JsonTranscript, Located, load, transcript

name = "json"
extensions = (".json",)
streamable = False


def sniff(text: str) -> bool:
    return text.lstrip().startswith("{") and '"segments"' in text[:1 << 16]


def parse(text: str, path: str) -> JsonTranscript:
    data = load(text, path)
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list) or not all(isinstance(s, dict) for s in segments):
        raise FormatError(path, None, "not a Whisper transcript: expected an object with a 'segments' list "
                                      "of objects")
    fields = [s.get("text") for s in segments]
    bad = next((i for i, f in enumerate(fields) if f is not None and not isinstance(f, Located)), None)
    if bad is not None:
        raise FormatError(path, None, f"segments[{bad}].text is not a string")
    top = data.get("text")
    if not isinstance(top, Located):
        return transcript(text, path, fields)
    if top == "".join(str(f or "") for f in fields):
        return transcript(text, path, fields, derived=top)
    return transcript(text, path, [top, *fields])
