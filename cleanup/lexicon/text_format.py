"""The plain-text lexicon: one term per line, ``term | variant | variant``, ``#`` comments."""
from __future__ import annotations

import re

from .model import Entry, LexiconError

# A Chinese input method types the full-width bar, so it separates fields too
SEPARATOR = re.compile(r"[|｜]")


def parse_text(source: str, path: str = "<text>") -> list[Entry]:
    entries = []
    for number, raw in enumerate(source.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in SEPARATOR.split(line)]
        term = fields[0].split("\t")[0].strip()
        if not term:
            raise LexiconError(path, number, "empty term before '|'")
        if any(not f for f in fields[1:]):
            raise LexiconError(path, number, "empty variant between '|'")
        entries.append(Entry(term, kind=guess_kind(term), variants=fields[1:], source=path, line=number))
    return entries


def guess_kind(term: str) -> str:
    return "english" if term.isascii() else "term"


def dump_text(entries) -> str:
    return "".join(" | ".join([e.text, *e.variants]) + "\n" for e in entries)
