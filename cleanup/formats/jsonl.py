"""JSON Lines of ``{"text": ...}`` records: correct each record's ``text``; other keys stay as they were.

Document line N is the text of file line N (empty for blank lines and records without ``text``).
"""
from __future__ import annotations

from .base import FormatError, iter_lines
from .json_text import JsonTranscript, Located, load, transcript

name = "jsonl"
extensions = (".jsonl",)
streamable = False


def sniff(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0].strip()
    return first.startswith("{") and first.endswith("}") and '"text"' in first


def parse(text: str, path: str) -> JsonTranscript:
    fields: list[Located | None] = []
    for number, (start, end, line) in enumerate(iter_lines(text), 1):
        if not line.strip():
            fields.append(None)
            continue
        record = load(line, path, number - 1)
        if not isinstance(record, dict):
            raise FormatError(path, number, "expected a JSON object per line")
        value = record.get("text")
        if value is not None and not isinstance(value, Located):
            raise FormatError(path, number, "'text' is not a string")
        fields.append(value.moved(start) if value is not None else None)
    return transcript(text, path, fields)
