"""Turn the engine's edits (fresh from the passes, or from an edit record) into a review set."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..edits import Edit
from ..formats import SourceFile, open_regular, read_source
from ..lexicon import Lexicon
from ..passes import DEFAULT_PASSES
from ..pipeline import Corrector
from .model import PENDING, Proposal, ReviewError, ReviewSet, offset_of, proposal_id
from .sources import sha256_hex

CONTEXT_CHARS = 30


def proposals_for(source: SourceFile, edits: Iterable[Edit], file: str | None = None) -> list[Proposal]:
    """One pending proposal per edit on ``source``; ``file`` is the name recorded (default: its path)."""
    file = file or str(source.path)
    text, digest = source.document.text, sha256_hex(source.data)
    proposals = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        line, column = source.document.line_col(edit.start)
        line_start = edit.start - column + 1
        line_end = _line_end(text, edit.end)
        proposals.append(Proposal(
            id=proposal_id(file, edit.start, edit.original, edit.replacement), file=file, line=line,
            column=column, original=edit.original, replacement=edit.replacement, pass_name=edit.pass_name,
            term=edit.term, score=edit.score, reason=edit.reason, decision=PENDING, proposed=edit.replacement,
            context_before=text[max(line_start, edit.start - CONTEXT_CHARS):edit.start],
            context_after=text[edit.end:min(line_end, edit.end + CONTEXT_CHARS)],
            start=edit.start, end=edit.end, source_sha256=digest, format=source.format,
            encoding=source.encoding))
    return proposals


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    return end - 1 if end > offset and text[end - 1] == "\r" else end


def review_files(paths: Sequence[str | Path], engine: Lexicon | Corrector, passes: Sequence[str] = DEFAULT_PASSES,
                 options: Mapping[str, dict] | None = None, format: str | None = None,
                 encoding: str | None = None) -> ReviewSet:
    """Run a corrector (or one built from a lexicon, passes and options) over ``paths`` and collect every
    proposed fix, pending review."""
    corrector = engine if isinstance(engine, Corrector) else Corrector(engine, passes, options)
    proposals = []
    for path in paths:
        source = read_source(path, format=format, encoding=encoding)
        proposals += proposals_for(source, corrector.correct(source.document).edits, str(path))
    return ReviewSet(proposals)


def review_edit_record(record_path: str | Path, format: str | None = None,
                       encoding: str | None = None) -> ReviewSet:
    """A review set from an edit record (JSON Lines with file, line, column or start/end, original,
    replacement, pass, term, confidence, reason), checked against the files it names."""
    by_file: dict[str, list[tuple[str, dict]]] = {}
    with open_regular(Path(record_path), "an edit record") as stream:  # a named pipe would block the read
        data = stream.read()
    for number, raw in enumerate(data.splitlines(), 1):
        where = f"{record_path}:{number}"
        if raw.strip():
            try:
                record = json.loads(raw.decode("utf-8"))  # not json.loads(bytes), which would guess UTF-16
                by_file.setdefault(_string(record, "file"), []).append((where, record))
            except (ValueError, KeyError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
                raise ReviewError(f"{where}: not an edit record ({exc})") from None
    proposals = []
    for file, records in by_file.items():
        source = read_source(file, format=format, encoding=encoding)
        edits = [_edit_from_record(source, record, where) for where, record in records]
        proposals += proposals_for(source, edits, file)
    return ReviewSet(proposals)


def _edit_from_record(source: SourceFile, record: dict, where: str) -> Edit:
    """The edit a record describes; ReviewError naming ``where`` (the record's file and line) for a value
    that is missing, of the wrong type or out of range, or that the file does not have."""
    try:
        original, replacement = _string(record, "original"), _string(record, "replacement")
        if "start" in record:
            start = _whole(record, "start", 0)
        else:
            start = offset_of(source.document.text, _whole(record, "line", 1), _whole(record, "column", 1))
        end = _whole(record, "end", start) if "end" in record else start + len(original)
        confidence = record.get("confidence", record.get("score", 0.0))
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not math.isfinite(confidence):
            raise ReviewError(f"confidence must be a number, not {confidence!r}")
    except KeyError as exc:
        raise ReviewError(f"{where}: the edit record has no {exc}") from None
    except ReviewError as exc:
        raise ReviewError(f"{where}: {exc}") from None
    if source.document.text[start:end] != original:
        raise ReviewError(f"{where}: {source.path}: expected {original!r} at line {record.get('line')}, "
                          f"column {record.get('column')}; the file does not have it there")
    return Edit(start, end, original, replacement, str(record.get("pass", "")), str(record.get("term", "")),
                float(confidence), str(record.get("reason", "")))


def _whole(record: dict, key: str, least: int) -> int:
    value = record[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise ReviewError(f"{key} must be a whole number from {least}, not {value!r}")
    return value


def _string(record: dict, key: str) -> str:
    value = record[key]
    if not isinstance(value, str):
        raise ReviewError(f"{key} must be a string, not {value!r}")
    return value
