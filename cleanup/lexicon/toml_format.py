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
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        # tomllib gives no line for errors "at end of document": that is the last line
        number = int(line.group(1)) if line else source.rstrip("\n").count("\n") + 1
        raise LexiconError(path, number, f"invalid TOML: {exc}") from None
    unknown = set(data) - {"term"}
    if unknown:
        raise LexiconError(path, None, f"unknown top-level key(s) {sorted(unknown)}; expected [[term]] tables")
    tables = data.get("term", [])
    if not isinstance(tables, list):
        raise LexiconError(path, None, "'term' must be an array of tables: write [[term]]")
    header_lines = [source.count("\n", 0, m.start()) + 1 for m in TABLE_HEADER.finditer(source)]
    return [_entry(table, path, header_lines[i] if i < len(header_lines) else None)
            for i, table in enumerate(tables)]


def _entry(table: dict, path: str, line: int | None) -> Entry:
    def fail(message: str):
        raise LexiconError(path, line, message)

    unknown = set(table) - set(FIELDS)
    if unknown:
        fail(f"unknown key(s) {sorted(unknown)}; allowed: {', '.join(FIELDS)}")
    text = table.get("text")
    if not isinstance(text, str) or not text.strip():
        fail("each [[term]] needs a non-empty text = \"...\"")
    kind = table.get("kind", "term")
    if kind not in KINDS:
        fail(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    lists = {}
    for name in LIST_FIELDS:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fail(f"{name} of {text!r} must be a list of non-empty strings")
        lists[name] = [v.strip() for v in value]
    threshold = table.get("threshold")
    if threshold is not None and not (isinstance(threshold, (int, float)) and 0 < threshold <= 1):
        fail(f"threshold of {text!r} must be a number in (0, 1]")
    return Entry(text.strip(), kind=kind, threshold=threshold, source=path, line=line or 0, **lists)
