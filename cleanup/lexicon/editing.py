"""Edit a TOML lexicon in place, keeping its comments and layout.

New terms are appended as text after the last table and removed as text, so that adding a term and
removing it again gives back the file byte for byte; changes to an existing term go through tomlkit.
"""
from __future__ import annotations

import difflib
import os
import re
import tempfile
from pathlib import Path

import tomlkit

from .loader import read_lexicon_source
from .model import Entry, LexiconError
from .toml_format import LIST_FIELDS, TABLE_HEADER, parse_toml


class TomlLexiconFile:
    """A TOML lexicon opened for editing; nothing reaches the disk before :meth:`save`."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.original = read_lexicon_source(self.path) if self.path.exists() else ""
        self.text = self.original
        self.newline = "\r\n" if "\r\n" in self.original else "\n"

    def entries(self) -> list[Entry]:
        return parse_toml(self.text, str(self.path))

    def add(self, entry: Entry) -> str:
        """Add ``entry``, or merge its lists (and a non-default kind or threshold) into the term already
        there; returns a one-line summary of the change."""
        doc = self._parse()
        table = next((t for t in doc.get("term", []) if t.get("text") == entry.text), None)
        if table is None:
            self._append(entry_table(entry))
            return f"added {entry.text}"
        changes = _merge_into(table, entry)
        if not changes:
            return f"{entry.text}: nothing new"
        self.text = tomlkit.dumps(doc)
        return f"{entry.text}: {'; '.join(changes)}"

    def remove(self, text: str) -> int:
        """Remove every ``[[term]]`` whose text is ``text``, with the comments and blank line just above
        it; returns how many were removed."""
        tables = self._parse().get("term", [])
        indexes = [i for i, t in enumerate(tables) if t.get("text") == text]
        lines = _lines(self.text)
        headers = [self.text.count("\n", 0, m.start()) for m in TABLE_HEADER.finditer(self.text)]
        if len(headers) != len(tables):
            raise LexiconError(self.path, None, "cannot match [[term]] headers to tables; edit this file by hand")
        starts = [_block_start(lines, h) for h in headers] + [len(lines)]
        for i in reversed(indexes):
            removed = lines[starts[i]:starts[i + 1]]
            del lines[starts[i]:starts[i + 1]]
            if i == len(tables) - 1 and lines and not removed[-1].endswith("\n"):
                lines[-1] = lines[-1].rstrip("\r\n")  # the file had no final line break
        self.text = "".join(lines)
        return len(indexes)

    def diff(self) -> str:
        """The pending change as a unified diff."""
        return "".join(difflib.unified_diff(self.original.splitlines(keepends=True),
                                            self.text.splitlines(keepends=True),
                                            str(self.path), f"{self.path} (new)"))

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def save(self) -> None:
        """Check that the result still loads, then replace the file atomically."""
        self.entries()
        write_atomic(self.path, self.text)
        self.original = self.text

    def _parse(self) -> tomlkit.TOMLDocument:
        self.entries()  # report malformed files with the loader's file:line messages
        return tomlkit.parse(self.text)

    def _append(self, table: tomlkit.items.Table) -> None:
        block = tomlkit.dumps({"term": [table]}).replace("\n", self.newline)
        if not self.text:
            self.text = block
        elif self.text.endswith("\n"):
            self.text += self.newline + block
        else:
            self.text += self.newline * 2 + block[:-len(self.newline)]


def entry_table(entry: Entry) -> tomlkit.items.Table:
    """The ``[[term]]`` table for ``entry``, leaving out empty lists and the default kind."""
    table = tomlkit.table()
    table.add("text", entry.text)
    if entry.kind != "term":
        table.add("kind", entry.kind)
    for name in LIST_FIELDS:
        if getattr(entry, name):
            table.add(name, list(getattr(entry, name)))
    if entry.threshold is not None:
        table.add("threshold", entry.threshold)
    return table


def _merge_into(table: tomlkit.items.Table, entry: Entry) -> list[str]:
    changes = []
    for name in LIST_FIELDS:
        known = list(table.get(name, []))
        new = [v for v in dict.fromkeys(getattr(entry, name)) if v not in known]
        if not new:
            continue
        if name in table:
            table[name].extend(new)
        else:
            _set_key(table, name, new)
        changes.append(f"{name} += {', '.join(new)}")
    if entry.kind != "term" and table.get("kind", "term") != entry.kind:
        _set_key(table, "kind", entry.kind)
        changes.append(f"kind = {entry.kind}")
    if entry.threshold is not None and table.get("threshold") != entry.threshold:
        _set_key(table, "threshold", entry.threshold)
        changes.append(f"threshold = {entry.threshold}")
    return changes


def _set_key(table: tomlkit.items.Table, key: str, value) -> None:
    """Set ``key``; a new key goes right after the table's last key, before any trailing comments
    (which belong to the next table)."""
    if key in table:
        table[key] = value
    else:
        table.value._insert_after(list(table.keys())[-1], key, tomlkit.item(value))


def _lines(text: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def _block_start(lines: list[str], header: int) -> int:
    """The first line of a table's block: its header, the comment lines right above it and one blank
    line above those."""
    start = header
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    if start > 0 and not lines[start - 1].strip():
        start -= 1
    return start


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 through a temporary file in the same folder, then rename it into place."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
