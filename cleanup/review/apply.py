"""Apply exactly the accepted and edited fixes of a review set to the files it reviewed."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..formats import SourceFile
from .atomic import atomic_write
from .model import ReviewError, ReviewSet
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


def check_no_overlaps(review_set: ReviewSet) -> None:
    """Raise ReviewError if two applied fixes in one file touch the same characters."""
    for file in review_set.files():
        applied = sorted((p for p in review_set if p.file == file and p.applied), key=lambda p: (p.start, p.end))
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
    check_no_overlaps(review_set)
    results = []
    for file in review_set.files():
        edits = [p.to_edit() for p in review_set if p.file == file and p.applied]
        source = sources.read(file)
        try:
            data = source.render(edits)
        except ValueError as exc:
            raise ReviewError(f"{file}: {exc}") from None
        results.append(AppliedFile(file, source, data, len(edits)))
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
        atomic_write(target, item.data)
    return list(targets)


def write_in_place(applied: list[AppliedFile], backup_suffix: str = ".bak") -> list[Path]:
    """Overwrite each changed source, first saving its reviewed bytes as ``<name><backup_suffix>``."""
    if not backup_suffix:
        raise ReviewError("in-place apply needs a backup suffix")
    written = []
    for item in applied:
        if not item.changed:
            continue
        path = item.source.path
        atomic_write(path.with_name(path.name + backup_suffix), item.source.data)
        atomic_write(path, item.data)
        written.append(path)
    return written
