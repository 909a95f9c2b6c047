"""Apply exactly the accepted and edited fixes of a review set to the files it reviewed."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..formats import SourceFile
from ..safeio import UnsafeOutput, atomic_write, backup, check_destination
from .model import Proposal, ReviewError, ReviewSet
from .sources import Sources


@dataclass
class AppliedFile:
    """A reviewed file and its bytes with the applied fixes."""

    file: str
    source: SourceFile
    data: bytes
    fixes: int

    @property
    def changed(self) -> bool:
        return self.data != self.source.data


def check_no_overlaps(file: str, proposals: list[Proposal]) -> None:
    """Raise ReviewError if two of a file's applied fixes touch the same characters."""
    applied = sorted((p for p in proposals if p.applied), key=lambda p: (p.start, p.end))
    for before, after in zip(applied, applied[1:]):
        if after.start < before.end:
            raise ReviewError(f"{file}: decisions {before.id} and {after.id} overlap "
                              f"(line {before.line}, column {before.column} and line {after.line}, "
                              f"column {after.column}); reject one of them")


def applied_files(review_set: ReviewSet, base: Path | None = None) -> list[AppliedFile]:
    """Every reviewed file with its accepted and edited fixes applied, after checking that no source
    changed since the review and that no two decisions overlap. Nothing is written."""
    sources = Sources(review_set, base)
    sources.check_unchanged()
    results = []
    for file in review_set.files():
        source = sources.read(file)
        applied = [p.located(source.document.text) for p in review_set if p.file == file and p.applied]
        check_no_overlaps(file, applied)
        try:
            data = source.render([p.to_edit() for p in applied])
        except ValueError as exc:
            raise ReviewError(f"{file}: {exc}") from None
        results.append(AppliedFile(file, source, data, len(applied)))
    return results


def write_to_dir(applied: list[AppliedFile], out_dir: str | Path) -> list[Path]:
    """Write each file under ``out_dir`` with its own file name; never over a reviewed source."""
    out_dir = Path(out_dir)
    targets = {}
    for item in applied:
        target = out_dir / item.source.path.name
        if target in targets:
            raise ReviewError(f"{item.file} and {targets[target].file} would both be written to {target}")
        if target.resolve() == item.source.path.resolve():
            raise ReviewError(f"{target} is the reviewed file itself; use --in-place to overwrite sources")
        targets[target] = item
    out_dir.mkdir(parents=True, exist_ok=True)
    for target, item in targets.items():
        try:
            check_destination(target, root=out_dir, force=True)
        except UnsafeOutput as exc:
            raise ReviewError(str(exc)) from None
        atomic_write(target, item.data)
    return list(targets)


def write_in_place(applied: list[AppliedFile]) -> list[tuple[Path, Path]]:
    """Overwrite each changed source after copying it to a free ``<name>.bak``; return (file, backup) pairs."""
    written = []
    for item in applied:
        if item.changed:
            written.append((item.source.path, backup(item.source.path)))
            atomic_write(item.source.path, item.data)
    return written
