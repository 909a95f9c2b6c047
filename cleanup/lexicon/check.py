"""Lint lexicon files: problems that make the engine misbehave (errors) or likely misfire (warnings)."""
from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..guards import base_word_frequency
from ..phonetics import FuzzyScheme, char_readings, term_syllables
from ..textnorm import is_han
from .loader import read_lexicon_source
from .compiled import COMMON_WORD_FREQUENCY
from .model import Entry, Lexicon, LexiconError
from .text_format import SEPARATOR, parse_text
from .toml_format import SourceLines, read_toml

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int | None
    severity: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


def check_files(paths: list[str | Path]) -> list[Finding]:
    """Every finding for the lexicons ``paths`` taken together, errors first, each in file order."""
    findings: list[Finding] = []
    entries: list[Entry] = []
    sources: dict[str, SourceLines] = {}
    for path in paths:
        path = str(path)
        try:
            source = read_lexicon_source(Path(path))
        except LexiconError as exc:
            findings.append(Finding(path, exc.line, ERROR, exc.message))
            continue
        sources[path] = SourceLines(source)
        reader = _read_toml if path.lower().endswith(".toml") else _read_text
        file_entries, file_findings = reader(source, path)
        entries.extend(file_entries)
        findings.extend(file_findings)
    findings.extend(_duplicates(entries))
    findings.extend(_conflicts(entries))
    findings.extend(_common_variants(entries, sources))
    findings.extend(_without_pinyin(entries, sources))
    findings.extend(_sound_alike(entries))
    return sorted(findings, key=lambda f: (f.severity != ERROR, f.path, f.line or 0))


def _read_toml(source: str, path: str) -> tuple[list[Entry], list[Finding]]:
    """The file's valid entries and a finding for each malformed part (the loader stops at the first)."""
    entries, errors = read_toml(source, path)
    return entries, [Finding(path, e.line, ERROR, e.message) for e in errors]


def _read_text(source: str, path: str) -> tuple[list[Entry], list[Finding]]:
    """Entries of a plain-text lexicon; lines with an empty field are reported and skipped."""
    findings, kept = [], []
    for number, raw in enumerate(source.split("\n"), 1):
        fields = SEPARATOR.split(raw)
        if raw.strip() and not raw.strip().startswith("#") and any(not f.strip() for f in fields):
            what = "term" if not fields[0].strip() else "variant"
            findings.append(Finding(path, number, ERROR, f"empty or whitespace-only {what} in {raw.strip()!r}"))
            raw = ""
        kept.append(raw)
    return parse_text("\n".join(kept), path), findings


def _duplicates(entries: list[Entry]) -> list[Finding]:
    findings = []
    by_text: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_text[entry.text].append(entry)
        repeated = sorted({v for v in entry.variants if entry.variants.count(v) > 1})
        if repeated:
            findings.append(Finding(entry.source, entry.line, WARNING,
                                    f"{entry.text!r} lists variant(s) {', '.join(repeated)} more than once"))
    for text, same in by_text.items():
        for later in same[1:]:
            findings.append(Finding(later.source, later.line, WARNING,
                                    f"duplicate entry {text!r}, first defined at {same[0].where}; "
                                    "the two are merged"))
    return findings


def _conflicts(entries: list[Entry]) -> list[Finding]:
    findings = []
    for conflict in Lexicon(copy.deepcopy(entries)).conflicts():
        path, _, line = conflict.where[0].rpartition(":")
        others = [w for w in conflict.where[1:] if w != conflict.where[0]]
        also = f" (see {', '.join(others)})" if others else ""
        findings.append(Finding(path, int(line) if line.isdigit() else None, ERROR, conflict.message + also))
    return findings


def _common_variants(entries: list[Entry], sources: dict[str, SourceLines]) -> list[Finding]:
    findings = []
    for entry in entries:
        for variant in entry.variants:
            frequency = base_word_frequency(variant)
            if frequency >= COMMON_WORD_FREQUENCY:
                findings.append(Finding(
                    entry.source, sources[entry.source].line_of(entry, variant), WARNING,
                    f"variant {variant!r} of {entry.text!r} is a common word on its own "
                    f"(freq {frequency} in jieba's dictionary); every occurrence will be rewritten"))
    return findings


def _without_pinyin(entries: list[Entry], sources: dict[str, SourceLines]) -> list[Finding]:
    findings = []
    for entry in entries:
        for label, value in [("term", entry.text), *(("variant", v) for v in entry.variants)]:
            missing = [ch for ch in dict.fromkeys(value) if is_han(ch) and not char_readings(ch)]
            if missing:
                findings.append(Finding(
                    entry.source, sources[entry.source].line_of(entry, value), WARNING,
                    f"{label} {value!r} cannot be converted to pinyin: no reading for "
                    f"{', '.join(f'{ch} (U+{ord(ch):04X})' for ch in missing)}"))
    return findings


def _sound_alike(entries: list[Entry]) -> list[Finding]:
    """Han terms with the same fuzzy pinyin, which the pinyin pass cannot tell apart."""
    scheme = FuzzyScheme()
    groups: dict[tuple[int, ...], dict[str, Entry]] = defaultdict(dict)
    spoken: dict[str, str] = {}
    for entry, syllables in zip(entries, term_syllables([e.text for e in entries])):
        if syllables and len(syllables) > 1 and all(s.isascii() and s.isalpha() for s in syllables):
            groups[tuple(scheme.key(s) for s in syllables)].setdefault(entry.text, entry)
            spoken[entry.text] = " ".join(syllables)
    findings = []
    for group in groups.values():
        first, *others = group.values()
        for entry in others:
            findings.append(Finding(
                entry.source, entry.line, WARNING,
                f"{entry.text!r} and {first.text!r} ({first.where}) sound the same to the pinyin pass "
                f"(fuzzy pinyin {spoken[entry.text]}); it cannot tell them apart"))
    return findings
