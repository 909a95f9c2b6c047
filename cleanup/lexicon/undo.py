"""What ``lexicon add`` merged into a term that was already there, so that ``lexicon remove`` takes
back just that instead of deleting the term.

The log lives in the user's cache folder, one JSON file per lexicon (by its resolved path), and keeps
the last few merges: the text before, a hash of the text after, and the values added.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import safeio
from ..cachedir import cache_dir

KEPT = 20  # merges remembered per lexicon; older ones fall back to removing the whole term


@dataclass
class Merge:
    term: str
    before: str
    after_sha256: str
    added: dict[str, list[str]] = field(default_factory=dict)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class UndoLog:
    def __init__(self, lexicon_path: str | Path):
        resolved = str(Path(lexicon_path).resolve())
        self.merges: list[Merge] = []
        try:
            self.file: Path | None = cache_dir("lexicon-undo") / f"{digest(resolved)[:32]}.json"
        except OSError:  # no writable cache folder: remember nothing, remove whole terms as before
            self.file = None
            return
        try:
            self.merges = [Merge(**m) for m in json.loads(self.file.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):  # none yet, or damaged: nothing to undo
            pass

    def record(self, merge: Merge) -> None:
        self.merges = [*self.merges, merge][-KEPT:]

    def pop(self, term: str) -> Merge | None:
        """The latest merge into ``term``, forgotten (once :meth:`save` runs)."""
        for i in reversed(range(len(self.merges))):
            if self.merges[i].term == term:
                return self.merges.pop(i)
        return None

    def save(self) -> None:
        """Write the log; call it after the lexicon itself is saved, so a failed save loses no undo."""
        if self.file is not None:
            data = json.dumps([asdict(m) for m in self.merges], ensure_ascii=False)
            safeio.atomic_write(self.file, data.encode("utf-8"))
