"""JSON sources whose text fields are corrected by patching only the changed string literals.

Unchanged files stay byte-identical because the JSON is never re-serialised: each corrected string is
re-encoded on its own (escaping non-ASCII only when the original literal did) and spliced in.
"""
from __future__ import annotations

import bisect
import itertools
import json
import json.scanner
from dataclasses import dataclass, field
from typing import Iterable

from ..document import Document, line_spans
from ..edits import Edit, apply_edits
from .base import FormatError, Transcript


class Located(str):
    """A decoded JSON string that remembers where its literal (quotes included) is in the source."""

    start: int
    end: int

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
        new_values = [apply_edits(str(f or ""), by_field.get(i, [])) for i, f in enumerate(self.fields)]
        changes = [(lit, new) for lit, new in zip(self.fields, new_values) if lit is not None and new != lit]
        if self.derived is not None and "".join(new_values) != self.derived:
            changes.append((self.derived, "".join(new_values)))
        return _splice(self.source, changes)


def transcript(source: str, path: str, fields: list[Located | None], derived: Located | None = None,
               warnings: list[str] | None = None) -> JsonTranscript:
    """A JsonTranscript whose document has the fields one after another, a segment per non-blank line."""
    values = [str(f or "") for f in fields]
    starts = list(itertools.accumulate((len(v) + 1 for v in values[:-1]), initial=0)) if values else []
    text = "\n".join(values)
    document = Document(text, list(line_spans(text)), path)
    return JsonTranscript(source, document, warnings or [], fields, starts, derived)


def _splice(source: str, changes: list[tuple[Located, str]]) -> str:
    """``source`` with each literal replaced by its new value, keeping the file's escaping of non-ASCII."""
    ensure_ascii = source.isascii()
    out, cursor = [], 0
    for literal, value in sorted(changes, key=lambda c: c[0].start):
        out.append(source[cursor:literal.start])
        out.append(json.dumps(value, ensure_ascii=ensure_ascii))
        cursor = literal.end
    out.append(source[cursor:])
    return "".join(out)
