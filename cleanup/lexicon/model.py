"""Lexicon entries and the merged lexicon that passes read."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError

KINDS = ("person", "org", "product", "term", "place", "english", "general")


class LexiconError(InputError):
    """A malformed lexicon."""


@dataclass
class Entry:
    text: str
    kind: str = "term"
    variants: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)
    threshold: float | None = None
    source: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.source else "<lexicon>"


@dataclass(frozen=True)
class Conflict:
    message: str
    where: tuple[str, ...]

    def __str__(self) -> str:
        return f"{', '.join(self.where)}: {self.message}"


class Lexicon:
    """Entries from one or more files, merged by canonical text."""

    def __init__(self, entries: list[Entry] | None = None):
        self.entries: dict[str, Entry] = {}
        self.claims: dict[str, dict[str, str]] = {}  # variant -> {term: where it was listed}
        self.sources: dict[str, list[str]] = {}  # term -> every file that lists it, in load order
        self.variant_sources: dict[str, set[str]] = {}  # variant -> the files that list it
        self.list_sizes: dict[str, int] = {}  # file -> how many terms it lists
        for entry in entries or []:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        for variant in entry.variants:
            self.claims.setdefault(variant, {}).setdefault(entry.text, entry.where)
            self.variant_sources.setdefault(variant, set()).add(entry.source)
        sources = self.sources.setdefault(entry.text, [])
        if entry.source not in sources:
            sources.append(entry.source)
            self.list_sizes[entry.source] = self.list_sizes.get(entry.source, 0) + 1
        known = self.entries.get(entry.text)
        if known is None:
            self.entries[entry.text] = entry
            return
        for name in ("variants", "aliases", "context", "protected"):
            merged = getattr(known, name)
            merged.extend(x for x in getattr(entry, name) if x not in merged)
        if known.kind == "term" and entry.kind != "term":
            known.kind = entry.kind
        if entry.threshold is not None:
            known.threshold = entry.threshold

    def merge(self, other: "Lexicon") -> "Lexicon":
        for entry in other:
            self.add(entry)
        return self

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, text: str) -> bool:
        return text in self.entries

    def get(self, text: str) -> Entry | None:
        return self.entries.get(text)

    def files(self) -> list[str]:
        """The files the entries came from, in load order (so no output may overwrite one)."""
        return [source for source in self.list_sizes if source]

    def list_size(self, term: str) -> int:
        """The size of the smallest list that names ``term``: the prior a fix to it starts from (one of
        10,000 imported names needs more evidence than a term of a 100-entry team list)."""
        return min((self.list_sizes[s] for s in self.sources.get(term, ())), default=1)

    def protected_strings(self) -> set[str]:
        """Strings never rewritten: every canonical form and alias, and every protected string that no
        lexicon loaded as late or later lists as a variant (the user's lexicon wins over the defaults)."""
        order = {source: i for i, source in enumerate(self.list_sizes)}
        claimed_at = {variant: max(order[s] for s in sources) for variant, sources in self.variant_sources.items()}
        out: set[str] = set()
        for entry in self:
            out.add(entry.text)
            out.update(entry.aliases)
            protected_at = min((order.get(s, 0) for s in self.sources.get(entry.text, ())), default=0)
            out.update(p for p in entry.protected if claimed_at.get(p, -1) < protected_at)
        return out

    def conflicts(self) -> list[Conflict]:
        """Variants claimed by two terms, and aliases or canonical forms that are also variants."""
        found: list[Conflict] = []
        for variant, terms in self.claims.items():
            if len(terms) > 1:
                names = " and ".join(repr(t) for t in terms)
                found.append(Conflict(f"variant {variant!r} is claimed by {names}", tuple(terms.values())))
        for entry in self:
            for protected in entry.protected:
                owners = self.claims.get(protected)
                if owners:
                    names = " and ".join(repr(t) for t in owners)
                    found.append(Conflict(f"protected string {protected!r} of {entry.text!r} is also a variant of "
                                          f"{names} (the variant wins where its lexicon loads as late or later)",
                                          (entry.where, *owners.values())))
            for alias in [entry.text, *entry.aliases]:
                owners = self.claims.get(alias)
                if owners:
                    what = "term" if alias == entry.text else "alias"
                    names = " and ".join(repr(t) for t in owners)
                    found.append(Conflict(f"{what} {alias!r} of {entry.text!r} is also a variant of {names}",
                                          (entry.where, *owners.values())))
        return found
