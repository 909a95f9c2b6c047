"""Lexicons to and from other tools' formats: plain text, CSV, jieba user dictionaries, hotword lists."""
from __future__ import annotations

import csv
import io
import re
from typing import Iterable

from .model import KINDS, Entry, LexiconError
from .text_format import dump_text, guess_kind, parse_text
from .toml_format import LIST_FIELDS

FORMATS = ("txt", "csv", "jieba", "hotwords")
CSV_COLUMNS = ("text", "kind", *LIST_FIELDS, "threshold")
LIST_SEPARATOR = "|"
# High enough that jieba keeps a term whole, the same weight the guards give lexicon terms.
JIEBA_FREQUENCY = 1000
JIEBA_TAGS = {"nr": "person", "nt": "org", "ns": "place", "nz": "term", "eng": "english"}
JIEBA_LINE = re.compile(r"^(.+?)(?: (\d+))?(?: ([A-Za-z]+))?$")
HOTWORD_WEIGHT = re.compile(r"[\s:]+\d+(?:\.\d+)?$")


def guess_format(path: str) -> str:
    return "csv" if path.lower().endswith(".csv") else "txt"


def export_entries(entries: Iterable[Entry], format: str) -> str:
    entries = list(entries)
    if format == "txt":
        return dump_text(entries)
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for e in entries:
            writer.writerow([e.text, e.kind, *(LIST_SEPARATOR.join(getattr(e, n)) for n in LIST_FIELDS),
                             "" if e.threshold is None else e.threshold])
        return out.getvalue()
    if format == "jieba":
        return "".join(f"{e.text} {JIEBA_FREQUENCY} {e.kind}\n" for e in entries)
    if format == "hotwords":
        return "".join(f"{e.text}\n" for e in entries)
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")


def import_entries(source: str, format: str, path: str = "<import>") -> list[Entry]:
    if format == "txt":
        return parse_text(source, path)
    if format == "csv":
        return _parse_csv(source, path)
    if format == "jieba":
        return _parse_jieba(source, path)
    if format == "hotwords":
        return _parse_hotwords(source, path)
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")


def _parse_csv(source: str, path: str) -> list[Entry]:
    reader = csv.DictReader(io.StringIO(source))
    column = next((c for c in ("text", "term") if c in (reader.fieldnames or [])), None)
    if column is None:
        raise LexiconError(path, 1, f"a lexicon CSV needs a 'text' column; columns: {', '.join(CSV_COLUMNS)}")
    entries = []
    for row in reader:
        line = reader.line_num
        text = (row.get(column) or "").strip()
        if not text:
            raise LexiconError(path, line, "empty text")
        kind = (row.get("kind") or "").strip() or guess_kind(text)
        if kind not in KINDS:
            raise LexiconError(path, line, f"kind {kind!r} is not one of {', '.join(KINDS)}")
        lists = {n: [v.strip() for v in (row.get(n) or "").split(LIST_SEPARATOR) if v.strip()] for n in LIST_FIELDS}
        threshold = (row.get("threshold") or "").strip()
        try:
            threshold_value = float(threshold) if threshold else None
        except ValueError:
            raise LexiconError(path, line, f"threshold {threshold!r} is not a number") from None
        entries.append(Entry(text, kind=kind, threshold=threshold_value, source=path, line=line, **lists))
    return entries


def _parse_jieba(source: str, path: str) -> list[Entry]:
    """``word [freq] [tag]`` lines; a tag that names a kind is kept, jieba's name tags are mapped."""
    entries = []
    for number, raw in enumerate(source.split("\n"), 1):
        match = JIEBA_LINE.match(raw.strip())
        if match is None:
            continue
        word, _, tag = match.groups()
        kind = tag if tag in KINDS else JIEBA_TAGS.get(tag or "", guess_kind(word))
        entries.append(Entry(word, kind=kind, source=path, line=number))
    return entries


def _parse_hotwords(source: str, path: str) -> list[Entry]:
    """One term per line, optionally followed by a weight (``term 20`` or ``term:20``); ``#`` comments."""
    entries = []
    for number, raw in enumerate(source.split("\n"), 1):
        word = HOTWORD_WEIGHT.sub("", raw.strip())
        if word and not word.startswith("#"):
            entries.append(Entry(word, kind=guess_kind(word), source=path, line=number))
    return entries
