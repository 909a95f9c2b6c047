"""Edit a TOML lexicon in place, keeping its comments, layout and BOM.

New terms are appended as text after the last table and removed as text, so that adding a term and
removing it again gives back the file byte for byte; changes to an existing term go through tomlkit.
"""
from __future__ import annotations

import codecs
import copy
import difflib
import os
import re
from pathlib import Path
from typing import Iterable

import tomlkit

from .. import safeio, stale
from .loader import read_lexicon_source
from .model import Entry, Lexicon, LexiconError
from .toml_format import LIST_FIELDS, TABLE_HEADER, parse_toml


class TomlLexiconFile:
    """A TOML lexicon opened for editing; nothing reaches the disk before :meth:`save`."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        exists = self.path.exists()
        self.original = read_lexicon_source(self.path) if exists else ""
        self.text = self.original
        self.newline = "\r\n" if "\r\n" in self.original else "\n"
        # read_lexicon_source drops a BOM; save puts it back
        self.bom = exists and self.path.read_bytes()[:3] == codecs.BOM_UTF8
        #: For each term :meth:`add` merged into (it was there already): the values it added.
        self.merged: dict[str, dict[str, list[str]]] = {}

    def entries(self) -> list[Entry]:
        return parse_toml(self.text, str(self.path))

    def add(self, entry: Entry) -> str:
        """Add ``entry``, or merge its lists (and a non-default kind or threshold) into the term already
        there; returns a one-line summary of the change."""
        return self.add_all([entry])[0]

    def add_all(self, entries: Iterable[Entry]) -> list[str]:
        """:meth:`add` for each entry, with one parse and one rewrite of the file in all (an import
        re-reading the file per entry took quadratic time); returns one summary per entry."""
        entries = list(entries)
        known = {e.text for e in self.entries()}
        # tomlkit is slow to parse a big file, so only when a term already there needs a merge
        doc = tomlkit.parse(self.text) if any(e.text in known for e in entries) else None
        tables = {}
        for table in doc.get("term", []) if doc is not None else []:
            tables.setdefault(table.get("text"), table)
        new = Lexicon()
        summaries, rewrite = [], False
        for entry in entries:
            if entry.text in tables:
                added, changes = _merge_into(tables[entry.text], entry)
                merged = self.merged.setdefault(entry.text, {})
                for name, values in added.items():
                    merged.setdefault(name, []).extend(values)
                rewrite = rewrite or bool(changes)
                summaries.append(f"{entry.text}: {'; '.join(changes) or 'nothing new'}")
            else:
                summaries.append(f"{entry.text}: merged into the new term above" if entry.text in new
                                 else f"added {entry.text}")
                new.add(copy.deepcopy(entry))  # merging mutates the first entry, not the caller's
        if rewrite:
            self.text = tomlkit.dumps(doc)
        self._append([entry_table(e) for e in new])
        return summaries

    def take_back(self, text: str, added: dict[str, list[str]]) -> list[str]:
        """Remove the ``added`` list values from term ``text``, keeping the term; a list left empty goes.
        Returns what was removed, as ``name -= values`` lines."""
        doc = self._parse()
        table = next((t for t in doc.get("term", []) if t.get("text") == text), None)
        if table is None:
            return []
        changes = []
        for name, values in added.items():
            there = [v for v in values if v in table.get(name, [])]
            if not there:
                continue
            kept = [v for v in table[name] if v not in there]
            if kept:
                for value in there:
                    table[name].remove(value)
            else:
                del table[name]
            changes.append(f"{name} -= {', '.join(there)}")
        if changes:
            self.text = tomlkit.dumps(doc)
        return changes

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
        write_atomic(self.path, self.text, bom=self.bom)
        self.original = self.text

    def _parse(self) -> tomlkit.TOMLDocument:
        self.entries()  # report malformed files with the loader's file:line messages
        return tomlkit.parse(self.text)

    def _append(self, tables: list[tomlkit.items.Table]) -> None:
        """Append ``tables`` as text after the last table, each after a blank line."""
        if not tables:
            return
        blocks = [tomlkit.dumps({"term": [t]}).replace("\n", self.newline) for t in tables]
        added = self.newline.join(blocks)
        if not self.text:
            self.text = added
        elif self.text.endswith("\n"):
            self.text += self.newline + added
        else:
            self.text += self.newline * 2 + added[:-len(self.newline)]


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


def _merge_into(table: tomlkit.items.Table, entry: Entry) -> tuple[dict[str, list[str]], list[str]]:
    """The list values added (by field) and a summary of every change."""
    added, changes = {}, []
    for name in LIST_FIELDS:
        known = list(table.get(name, []))
        new = [v for v in dict.fromkeys(getattr(entry, name)) if v not in known]
        if not new:
            continue
        if name in table:
            table[name].extend(new)
        else:
            _set_key(table, name, new)
        added[name] = new
        changes.append(f"{name} += {', '.join(new)}")
    if entry.kind != "term" and table.get("kind", "term") != entry.kind:
        _set_key(table, "kind", entry.kind)
        changes.append(f"kind = {entry.kind}")
    if entry.threshold is not None and table.get("threshold") != entry.threshold:
        _set_key(table, "threshold", entry.threshold)
        changes.append(f"threshold = {entry.threshold}")
    return added, changes


def _set_key(table: tomlkit.items.Table, key: str, value) -> None:
    """Set ``key``; a new key goes right after the table's last key, before any trailing comments
    (which belong to the next table)."""
    if key in table:
        table[key] = value
        return
    body = table.value.body
    after_last_key = max(i for i, (name, _) in enumerate(body) if name is not None) + 1
    if after_last_key < len(body):
        # tomlkit has no public insert; _insert_at is in every release we support (its _insert_after
        # went in 0.15)
        table.value._insert_at(after_last_key, key, tomlkit.item(value))
    else:
        table.append(key, tomlkit.item(value))


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


def write_atomic(path: str | Path, text: str, bom: bool = False) -> None:
    """Write ``text`` as UTF-8 (after a BOM if ``bom``), atomically. A symlink is followed: the file
    it points to is replaced and the link stays a link."""
    target = Path(os.path.realpath(path))
    stale.remove_stale_temps([target])
    safeio.atomic_write(target, (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
