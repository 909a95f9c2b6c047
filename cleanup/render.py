"""Show edits to people: unified diffs, coloured word-level diffs and the JSON Lines edit record."""
from __future__ import annotations

import difflib
import json
from typing import Iterable

import click

from .document import Document
from .edits import Edit


def unified_diff(before: str, after: str, path_before: str, path_after: str, context: int = 3) -> str:
    """A unified diff that ``git apply`` and ``patch`` accept ('' when nothing changed)."""
    if before == after:
        return ""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 path_before, path_after, n=context)
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def word_diff(text: str, edits: Iterable[Edit], color: bool = True) -> str:
    """The changed lines of ``text`` with each edit shown inline, git ``--word-diff`` style."""
    doc = Document(text)
    by_line: dict[int, list[Edit]] = {}
    for edit in sorted(edits, key=lambda e: e.start):
        by_line.setdefault(doc.line_col(edit.start)[0], []).append(edit)
    out = []
    for number, line_edits in sorted(by_line.items()):
        cursor, end_of_line = doc.line_bounds(number)
        parts = []
        for edit in line_edits:
            parts.append(text[cursor:edit.start])
            parts.append(_removed(edit.original, color) + _added(edit.replacement, color))
            cursor = edit.end
        parts.append(text[cursor:max(cursor, end_of_line)])
        out.append(f"{number}: " + "".join(parts).rstrip("\r"))
    return "\n".join(out) + ("\n" if out else "")


def _removed(text: str, color: bool) -> str:
    return click.style(f"[-{text}-]", fg="red") if color else f"[-{text}-]"


def _added(text: str, color: bool) -> str:
    return click.style(f"{{+{text}+}}", fg="green") if color else f"{{+{text}+}}"


def edit_records(doc: Document, edits: Iterable[Edit]) -> Iterable[dict]:
    """One JSON-ready record per edit: file, line, column, original, replacement, pass, term, confidence (the
    judge's probability that the fix is right), reason."""
    for edit in edits:
        line, column = doc.line_col(edit.start)
        yield {"file": doc.name, "line": line, "column": column, "original": edit.original,
               "replacement": edit.replacement, "pass": edit.pass_name, "term": edit.term,
               "confidence": edit.score, "reason": edit.reason}


def jsonl(records: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
