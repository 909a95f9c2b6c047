"""JSON sources whose text fields are corrected by patching only the characters a fix touches.

Unchanged files stay byte-identical because the JSON is never re-serialised: inside a string literal
only the source of the fixed characters is replaced, by the replacement JSON-escaped (non-ASCII
escaped only if the file is ASCII), so escapes elsewhere (``\\u4eca``, ``\\/``) stay as written.
"""
from __future__ import annotations

import bisect
import itertools
import json
import json.scanner
import re
from dataclasses import dataclass, field
from typing import Iterable

from ..document import Document, line_spans
from ..edits import Edit
from .base import FormatError, Transcript


class Located(str):
    """A decoded JSON string that remembers where its literal (quotes included) is in the source."""

    start: int
    end: int
    offsets: list[int] | None = None

    def moved(self, offset: int) -> "Located":
        return located(str(self), self.start + offset, self.end + offset)


def located(value: str, start: int, end: int) -> Located:
    string = Located(value)
    string.start, string.end = start, end
    return string


def _scan_string(source: str, end: int, strict: bool = True) -> tuple[Located, int]:
    value, after = json.decoder.scanstring(source, end, strict)
    return located(value, end - 1, after), after


def _located_decoder() -> json.JSONDecoder:
    decoder = json.JSONDecoder()
    decoder.parse_string = _scan_string
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    return decoder


DECODER = _located_decoder()
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def load(source: str, path: str, line_offset: int = 0):
    """Decode JSON whose string values are :class:`Located`; a FormatError names the line on failure."""
    try:
        return DECODER.decode(source)
    except json.JSONDecodeError as exc:
        truncated = exc.pos >= len(source.rstrip()) or exc.msg.startswith("Unterminated string")
        raise FormatError(path, exc.lineno + line_offset, f"invalid JSON: {exc.msg} (column {exc.colno})"
                          + ("; is the file truncated?" if truncated else "")) from None
    except RecursionError:
        raise FormatError(path, None, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # a number too long to convert (over 4300 digits), which json reports without a place
        raise FormatError(path, None, f"invalid JSON: {exc}") from None


@dataclass
class JsonTranscript(Transcript):
    """``document.text`` is the text fields joined by newlines (a line per field without line breaks).

    ``fields`` holds one literal (or None for a record without text) per document entry, starting at
    the document offsets ``starts``. ``derived`` is a top-level string defined as the concatenation of
    all fields; it is recomputed, not corrected.
    """

    fields: list[Located | None] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    derived: Located | None = None

    def render(self, edits: Iterable[Edit]) -> str:
        by_field: dict[int, list[Edit]] = {}
        for edit in edits:
            index = bisect.bisect_right(self.starts, edit.start) - 1
            by_field.setdefault(index, []).append(edit.shifted(-self.starts[index]))
        changes, shift = [], 0  # shift: where the field starts in the derived string
        for index, literal in enumerate(self.fields):
            for edit in by_field.get(index, []):
                changes.append(_change(self.source, literal, edit))
                if self.derived is not None:
                    changes.append(_change(self.source, self.derived, edit.shifted(shift)))
            shift += len(str(literal or ""))
        return _splice(self.source, changes)


def transcript(source: str, path: str, fields: list[Located | None], derived: Located | None = None,
               warnings: list[str] | None = None) -> JsonTranscript:
    """A JsonTranscript whose document has the fields one after another, a segment per non-blank line.

    A lone surrogate (``"\\ud800"`` is valid JSON, but no text) reads as U+FFFD in the document, one
    character for one, so no pass, record or terminal meets it; the file keeps the escape.
    """
    values = [LONE_SURROGATE.sub("\ufffd", str(f or "")) for f in fields]
    starts = list(itertools.accumulate((len(v) + 1 for v in values[:-1]), initial=0)) if values else []
    text = "\n".join(values)
    document = Document(text, list(line_spans(text)), path)
    return JsonTranscript(source, document, warnings or [], fields, starts, derived)


def _change(source: str, literal: Located, edit: Edit) -> tuple[int, int, str]:
    """``(start, end, replacement)`` in ``source`` for ``edit`` (offsets into the decoded ``literal``)."""
    offsets = _char_offsets(source, literal)
    return offsets[edit.start], offsets[edit.end], edit.replacement


def _char_offsets(source: str, literal: Located) -> list[int]:
    """Where each decoded character of ``literal`` starts in ``source``, plus where the closing quote is.

    An escape is one character (``\\n``, ``\\u4eca``; a ``\\ud83d\\ude00`` surrogate pair, as json
    joins it); anything else is itself. Kept on the literal, as a field may have several fixes.
    """
    if literal.offsets is None:
        literal.offsets = _scan_offsets(source, literal.start + 1, literal.end - 1)
    return literal.offsets


def _scan_offsets(source: str, at: int, end: int) -> list[int]:
    offsets = []
    while at < end:
        offsets.append(at)
        if source[at] != "\\":
            at += 1
        elif source[at + 1] != "u":
            at += 2
        else:
            high = 0xD800 <= int(source[at + 2:at + 6], 16) < 0xDC00
            at += 12 if high and source[at + 6:at + 8] == "\\u" and 0xDC00 <= int(source[at + 8:at + 12], 16) < 0xE000 \
                else 6
    offsets.append(end)
    return offsets


def _splice(source: str, changes: list[tuple[int, int, str]]) -> str:
    """``source`` with each span replaced by its new text, JSON-escaped as the file escapes non-ASCII."""
    ensure_ascii = source.isascii()
    out, cursor = [], 0
    for start, end, text in sorted(changes):
        out.append(source[cursor:start])
        out.append(json.dumps(text, ensure_ascii=ensure_ascii)[1:-1])
        cursor = end
    out.append(source[cursor:])
    return "".join(out)
