"""Apply exactly the accepted and edited fixes of a review set to the files it reviewed."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..formats import SourceFile
from ..safeio import UnsafeOutput, atomic_write, backup, check_destination, write_new
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


def output_targets(applied: list[AppliedFile], output: str | Path, force: bool = False) -> dict[Path, AppliedFile]:
    """Where each file goes, as ``fix -o`` decides it: ``output`` itself when the review set has one file
    and ``output`` is not a folder (an existing one, or a path ending in a slash), else
    ``output/<file name>``. Raises UnsafeOutput, before anything is written, for a target that exists
    (without ``force``), is a reviewed file, is written twice or lies through a symlink."""
    folder = Path(output)
    as_file = len(applied) == 1 and not folder.is_dir() and not str(output).endswith(("/", os.sep))
    targets: dict[Path, AppliedFile] = {}
    for item in applied:
        target = folder if as_file else folder / item.source.path.name
        if target in targets:
            raise UnsafeOutput(f"{target}: {item.file} and {targets[target].file} would both be written there")
        if target.resolve() == item.source.path.resolve():
            raise UnsafeOutput(f"{target}: is the reviewed file itself; use --in-place to overwrite sources")
        check_destination(target, root=None if as_file else folder, force=force)
        targets[target] = item
    return targets


def write_targets(targets: dict[Path, AppliedFile], force: bool = False) -> list[Path]:
    """Write each of :func:`output_targets`' files under the output policy of
    :func:`~cleanup.safeio.write_new` (a new file is linked into place, so a name taken meanwhile is
    refused, not replaced); return the paths written."""
    for target, item in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_new(target, item.data, force, inputs=[item.source.path])
    return list(targets)


def check_in_place(applied: list[AppliedFile]) -> None:
    """Raise UnsafeOutput, before anything is written, for a changed source reached through a symlink:
    replacing the link with a regular file would cut it off from its target, and writing through it
    would change a file the review never named."""
    for item in applied:
        if item.changed and item.source.path.is_symlink():
            raise UnsafeOutput(f"{item.source.path}: is a symlink; refusing to overwrite it in place "
                               "(use -o, or review the file it points to)")


def write_in_place(applied: list[AppliedFile]) -> list[tuple[Path, Path]]:
    """Overwrite each changed source after copying it to a free ``<name>.bak``; return (file, backup) pairs.
    Refuses (:func:`check_in_place`) before the first write when a source is a symlink."""
    check_in_place(applied)
    written = []
    for item in applied:
        if item.changed:
            written.append((item.source.path, backup(item.source.path)))
            atomic_write(item.source.path, item.data)
    return written
