"""Turn the engine's edits (fresh from the passes, or from an edit record) into a review set."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..edits import Edit
from ..formats import SourceFile, read_source
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
    by_file: dict[str, list[dict]] = {}
    for number, raw in enumerate(Path(record_path).read_text(encoding="utf-8").splitlines(), 1):
        if raw.strip():
            try:
                record = json.loads(raw)
                by_file.setdefault(str(record["file"]), []).append(record)
            except (ValueError, KeyError, TypeError) as exc:
                raise ReviewError(f"{record_path}:{number}: not an edit record ({exc})") from None
    proposals = []
    for file, records in by_file.items():
        source = read_source(file, format=format, encoding=encoding)
        edits = [_edit_from_record(source, r, f"{record_path}: {file}") for r in records]
        proposals += proposals_for(source, edits, file)
    return ReviewSet(proposals)


def _edit_from_record(source: SourceFile, record: dict, where: str) -> Edit:
    original = str(record["original"])
    start = int(record["start"]) if "start" in record else offset_of(source.document.text, int(record["line"]),
                                                                      int(record["column"]))
    end = int(record.get("end", start + len(original)))
    if source.document.text[start:end] != original:
        raise ReviewError(f"{where}: expected {original!r} at line {record.get('line')}, "
                          f"column {record.get('column')}; the file does not have it there")
    return Edit(start, end, original, str(record["replacement"]), str(record.get("pass", "")),
                str(record.get("term", "")), float(record.get("confidence", record.get("score", 0.0))), str(record.get("reason", "")))
