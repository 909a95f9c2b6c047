"""Find and read the transcripts a review set refers to, and check they have not changed since."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..formats import SourceFile, read_source
from .model import ReviewError, ReviewSet


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def locate(file: str, base: Path | None = None) -> Path:
    """The path of a reviewed file: as recorded (absolute or relative to the working directory),
    else relative to ``base`` (the folder of the review file)."""
    path = Path(file)
    if path.exists() or path.is_absolute() or base is None:
        return path
    beside = base / path
    return beside if beside.exists() else path


class Sources:
    """Read each reviewed file once, as it was read for the review (same format and encoding)."""

    def __init__(self, review_set: ReviewSet, base: Path | None = None):
        self.base = base
        self._first = {}
        for proposal in review_set:
            self._first.setdefault(proposal.file, proposal)
        self._cache: dict[str, SourceFile] = {}

    def path(self, file: str) -> Path:
        return locate(file, self.base)

    def read(self, file: str) -> SourceFile:
        if file not in self._cache:
            proposal = self._first[file]
            try:
                self._cache[file] = read_source(self.path(file), format=proposal.format or None,
                                                encoding=proposal.encoding or None)
            except OSError as exc:
                raise ReviewError(f"cannot read reviewed file {file}: {exc.strerror}") from None
            except ValueError as exc:
                raise ReviewError(f"cannot read reviewed file {file}: {exc}") from None
        return self._cache[file]

    def changed(self, file: str) -> bool:
        """Whether the file's bytes differ from those reviewed (unknown hashes count as unchanged)."""
        recorded = self._first[file].source_sha256
        return bool(recorded) and sha256_hex(self.read(file).data) != recorded

    def check_unchanged(self) -> None:
        """Raise ReviewError naming every file whose bytes changed since the review."""
        changed = [f for f in self._first if self.changed(f)]
        if changed:
            raise ReviewError("source changed since review (sha256 differs), re-run the review: "
                              + ", ".join(changed))
