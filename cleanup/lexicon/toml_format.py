"""The TOML lexicon: an array of ``[[term]]`` tables, documented in the README."""
from __future__ import annotations

import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .model import KINDS, Entry, LexiconError

LIST_FIELDS = ("variants", "aliases", "context", "protected")
FIELDS = ("text", "kind", "threshold", *LIST_FIELDS)
TABLE_HEADER = re.compile(r"^[ \t]*\[\[\s*term\s*\]\]", re.M)


def parse_toml(source: str, path: str = "<toml>") -> list[Entry]:
    """The entries of a TOML lexicon; raises the first :class:`LexiconError`."""
    entries, errors = read_toml(source, path)
    if errors:
        raise errors[0]
    return entries


def read_toml(source: str, path: str = "<toml>") -> tuple[list[Entry], list[LexiconError]]:
    """The valid entries and every error, in file order; the loader and ``lexicon check`` share it, so
    check passes exactly the files that load.

    An entry whose only fault is an empty list item is kept without it, so that check can go on to
    look for conflicts and the like.
    """
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        # tomllib gives no line for errors "at end of document": that is the last line
        number = int(line.group(1)) if line else source.rstrip("\n").count("\n") + 1
        return [], [LexiconError(path, number, f"invalid TOML: {exc}")]
    unknown = set(data) - {"term"}
    if unknown:
        return [], [LexiconError(path, None, f"unknown top-level key(s) {sorted(unknown)}; expected [[term]] tables")]
    tables = data.get("term", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        return [], [LexiconError(path, None, "'term' must be an array of tables: write [[term]]")]
    lines = SourceLines(source)
    if len(lines.headers) != len(tables):
        # inline tables (term = [{...}]) have no header to point at
        lines.headers = [None] * len(tables)
    entries, errors = [], []
    for table, header in zip(tables, lines.headers):
        entry, table_errors = _entry(table, path, header, lines)
        errors.extend(table_errors)
        if entry is not None:
            entries.append(entry)
    return entries, errors


def _entry(table: dict, path: str, header: int | None, lines: "SourceLines") -> tuple[Entry | None, list[LexiconError]]:
    """The table's entry (None if it cannot be read) and its errors, each on the line of its key."""
    errors, readable = [], True

    def error(key: str | None, message: str, fatal: bool = True) -> None:
        nonlocal readable
        errors.append(LexiconError(path, lines.key_line(header, key), message))
        readable = readable and not fatal

    unknown = sorted(set(table) - set(FIELDS))
    if unknown:
        error(unknown[0], f"unknown key(s) {unknown}; allowed: {', '.join(FIELDS)}")
    text = table.get("text")
    if not isinstance(text, str) or not text.strip():
        error("text" if "text" in table else None, "each [[term]] needs a non-empty text = \"...\"")
        return None, errors
    text = text.strip()
    kind = table.get("kind", "term")
    if not isinstance(kind, str) or kind not in KINDS:
        error("kind", f"kind {kind!r} is not one of {', '.join(KINDS)}")
    lists = {}
    for name in LIST_FIELDS:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            error(name, f"{name} of {text!r} must be a list of strings, like {name} = [\"...\"]")
            value = []
        lists[name] = [v.strip() for v in value if v.strip()]
        blanks = len(value) - len(lists[name])
        if blanks:
            error(name, f"{name} has {blanks} empty or whitespace-only value(s)", fatal=False)
    threshold = table.get("threshold")
    # bool is an int to Python, but `threshold = true` is a mistake, not 1.0
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float))
                                  or not 0 < threshold <= 1):
        error("threshold", f"threshold of {text!r} must be a number in (0, 1]")
        threshold = None
    if not readable:
        return None, errors
    return Entry(text, kind=kind, threshold=threshold, source=path, line=header or 0, **lists), errors


class SourceLines:
    """The lines of one lexicon file, to point a message at the line that holds a value."""

    def __init__(self, source: str):
        self.lines = source.split("\n")
        self.headers: list[int | None] = []
        counted, newlines = 0, 0
        for match in TABLE_HEADER.finditer(source):  # count line breaks once, not from the top per header
            newlines += source.count("\n", counted, match.start())
            counted = match.start()
            self.headers.append(newlines + 1)
        self._next_header = {h: n for h, n in zip(self.headers, [*self.headers[1:], len(self.lines) + 1])}

    def table(self, header: int) -> range:
        """Line numbers of the table whose header is on line ``header``."""
        return range(header, self._next_header.get(header, len(self.lines) + 1))

    def first_match(self, header: int, pattern: str) -> int:
        """The first line of a table matching ``pattern`` (the header line if none does)."""
        found = re.compile(pattern)
        return next((n for n in self.table(header) if found.search(self.lines[n - 1])), header)

    def key_line(self, header: int | None, key: str | None) -> int | None:
        """The line where the table sets ``key`` (its header line if not found)."""
        if header is None or key is None:
            return header
        return self.first_match(header, rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")

    def line_of(self, entry: Entry, value: str) -> int:
        """The line of ``entry`` that quotes ``value``."""
        if not entry.line or not self.headers:
            return entry.line
        return self.first_match(entry.line, rf"""(["']){re.escape(value)}\1""")
