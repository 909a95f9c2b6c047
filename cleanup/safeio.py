"""Writing files safely: atomic replacement, backups, and refusing symlink escapes or clobbering."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO


class UnsafeOutput(ValueError):
    """A write refused for safety; the message names the path."""


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or below it, after resolving symlinks."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def check_destination(dest: Path, root: Path | None = None, force: bool = False) -> None:
    """Refuse to write ``dest`` if it is a symlink, exists and is not empty without ``force``, or (given
    ``root``) a symlinked folder would put it outside ``root``. An empty file holds nothing to lose, so
    a placeholder from ``mktemp`` may be written."""
    if dest.is_symlink():
        raise UnsafeOutput(f"{dest}: is a symlink; refusing to write through it")
    if root is not None and not is_inside(dest.parent, root):  # resolves symlinks, existing or not
        raise UnsafeOutput(f"{dest}: a symlinked folder leads outside {root}; refusing to write there")
    if dest.exists() and not force and not (dest.is_file() and dest.stat().st_size == 0):
        raise UnsafeOutput(f"{dest}: already exists; use --force to overwrite")


def prepare_destination(dest: Path, root: Path | None = None, force: bool = False) -> None:
    """:func:`check_destination`, then create the missing folders of ``dest``."""
    check_destination(dest, root, force)
    dest.parent.mkdir(parents=True, exist_ok=True)


class AtomicFile:
    """A binary output that replaces ``dest`` only on :meth:`commit`; otherwise nothing is written.

    Data goes to a temporary file in the same folder; commit fsyncs it, gives it the permissions of
    the file it replaces and moves it into place with ``os.replace``. Leaving the ``with`` block
    without committing (or by an exception) removes the temporary file.
    """

    def __init__(self, dest: Path):
        self.dest = Path(dest)
        fd, self.temp = tempfile.mkstemp(dir=self.dest.parent, prefix=f".{self.dest.name}.", suffix=".tmp")
        self.file = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.file.write(data)

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        if self.dest.exists():
            shutil.copymode(self.dest, self.temp)
        else:
            os.chmod(self.temp, 0o666 & ~_umask())
        os.replace(self.temp, self.dest)
        _fsync_folder(self.dest.parent)

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temp)


class SpooledOutput:
    """Output for a stream (stdout) that is copied there only on :meth:`commit`.

    It is held in memory and spills to a temporary file when large.
    """

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)

    def write(self, data: bytes) -> None:
        self.spool.write(data)

    def commit(self) -> None:
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.stream)
        self.stream.flush()

    def __enter__(self) -> "SpooledOutput":
        return self

    def __exit__(self, *exc) -> None:
        self.spool.close()


class NoOutput:
    """Output for runs that write nothing (``--check``, ``--diff``)."""

    def write(self, data: bytes) -> None:
        pass

    def commit(self) -> None:
        pass

    def __enter__(self) -> "NoOutput":
        return self

    def __exit__(self, *exc) -> None:
        pass


def atomic_write(dest: Path, data: bytes) -> None:
    with AtomicFile(dest) as out:
        out.write(data)
        out.commit()


def backup(path: Path) -> Path:
    """Copy ``path`` to the first free ``path.bak``, ``path.bak.1``, ... and return the copy's path."""
    candidate, number = path.with_name(path.name + ".bak"), 0
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}.bak.{number}")
    with AtomicFile(candidate) as out, path.open("rb") as original:
        shutil.copyfileobj(original, out.file)
        out.commit()
    shutil.copystat(path, candidate)
    return candidate


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform or filesystem allows opening a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
