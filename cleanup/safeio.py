"""Writing files safely: atomic replacement, backups, and refusing symlink escapes or clobbering.

One policy for every file the tool writes, main output or side output: never onto an input, never
through a symlink or over an existing file without ``--force`` (an empty placeholder excepted),
always atomic, and a new file is put in place with a hard link, which fails if the name was taken
meanwhile, so two runs writing one output cannot both succeed.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable


class UnsafeOutput(ValueError):
    """A write refused for safety; the message names the path."""


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or below it, after resolving symlinks."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def check_destination(dest: Path, root: Path | None = None, force: bool = False) -> None:
    """Refuse to write ``dest`` if it is a symlink or anything but a regular file (a folder, a named pipe,
    ``/dev/null``: replacing it would be worse than writing to it), exists and is not empty without
    ``force``, or (given ``root``) a symlinked folder would put it outside ``root``. An empty file holds
    nothing to lose, so a placeholder from ``mktemp`` may be written."""
    if dest.is_symlink():
        raise UnsafeOutput(f"{dest}: is a symlink; refusing to write through it")
    _refuse_non_file(dest)
    if root is not None and not is_inside(dest.parent, root):  # resolves symlinks, existing or not
        raise UnsafeOutput(f"{dest}: a symlinked folder leads outside {root}; refusing to write there")
    if dest.exists() and not force and not (dest.is_file() and dest.stat().st_size == 0):
        raise UnsafeOutput(f"{dest}: already exists; use --force to overwrite")


def check_new(dest: Path, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse a side output (an edit record, an export, a report) before anything is done: onto one of
    ``inputs`` (even with ``force``), through a symlink, over an existing file without ``force``, or
    into a folder that does not exist."""
    dest = Path(dest)
    refuse_inputs(dest, inputs)
    check_destination(dest, force=force)
    if not dest.parent.is_dir():
        raise UnsafeOutput(f"{dest}: folder {dest.parent} does not exist")


def refuse_inputs(dest: Path, inputs: Iterable[Path]) -> None:
    """Refuse ``dest`` if it is one of ``inputs`` (``--force`` or not)."""
    for path in inputs:
        if same_file(dest, Path(path)):
            raise UnsafeOutput(f"{dest}: is an input of this run; refusing to overwrite it")


def write_new(dest: Path, data: bytes, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Write a side output under the policy of :func:`check_new`, atomically."""
    check_new(dest, force, inputs)
    with AtomicFile(dest, replace=force) as out:
        out.write(data)
        out.commit()


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: the same path after resolving symlinks, or a hard link."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return Path(a).resolve() == Path(b).resolve()


def prepare_destination(dest: Path, root: Path | None = None, force: bool = False) -> None:
    """:func:`check_destination`, then create the missing folders of ``dest``."""
    check_destination(dest, root, force)
    dest.parent.mkdir(parents=True, exist_ok=True)


class AtomicFile:
    """A binary output that appears at ``dest`` only on :meth:`commit`; otherwise nothing is written.

    Data goes to a temporary file in the same folder; commit fsyncs it, gives it the permissions of
    the file it replaces and puts it in place: with ``replace``, by ``os.replace`` (never over a
    symlink); without, as a new file (see :func:`_install_new`), raising UnsafeOutput if ``dest``
    exists and is not an empty placeholder. Leaving the ``with`` block without committing (or by an
    exception) removes the temporary file.
    """

    def __init__(self, dest: Path, replace: bool = True):
        self.dest, self.replace = Path(dest), replace
        fd, self.temp = tempfile.mkstemp(dir=self.dest.parent, prefix=f".{self.dest.name}.", suffix=".tmp")
        self.file = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        with self._naming_dest():
            self.file.write(data)

    def commit(self) -> None:
        if not self.file.closed:  # a commit refused for one name may be retried for another
            with self._naming_dest():
                self.file.flush()
                os.fsync(self.file.fileno())
                self.file.close()
        if self.dest.is_symlink():
            raise UnsafeOutput(f"{self.dest}: is a symlink; refusing to replace it")
        _refuse_non_file(self.dest)
        if self.dest.exists():
            shutil.copymode(self.dest, self.temp)
        else:
            os.chmod(self.temp, 0o666 & ~_umask())
        if self.replace:
            os.replace(self.temp, self.dest)
        else:
            _install_new(Path(self.temp), self.dest)
        _fsync_folder(self.dest.parent)

    @contextlib.contextmanager
    def _naming_dest(self):
        """A full disk names no file; name the output, so the error says which write failed."""
        try:
            yield
        except OSError as exc:
            exc.filename = exc.filename or str(self.dest)
            raise

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
    number = 0
    with AtomicFile(path.with_name(path.name + ".bak"), replace=False) as out, path.open("rb") as original:
        shutil.copyfileobj(original, out.file)
        while True:
            try:
                out.commit()
                break
            except UnsafeOutput:  # taken, perhaps just now by another run: try the next name
                number += 1
                out.dest = path.with_name(f"{path.name}.bak.{number}")
    shutil.copystat(path, out.dest)
    return out.dest


def _install_new(temp: Path, dest: Path) -> None:
    """Move ``temp`` to ``dest`` only if ``dest`` is free or an empty regular file; atomic either way.

    A hard link fails when the name exists, so the check and the write are one step. An empty
    placeholder is first renamed aside, which only one run can do.
    """
    try:
        _link_or_create(temp, dest)
        return
    except FileExistsError:
        pass
    claimed = temp.with_suffix(".placeholder")
    try:
        if not _is_placeholder(dest):
            raise UnsafeOutput(f"{dest}: already exists; use --force to overwrite")
        os.rename(dest, claimed)  # of two runs, only one can move the placeholder away
    except FileNotFoundError:
        raise UnsafeOutput(f"{dest}: was taken by another run meanwhile") from None
    if not _is_placeholder(claimed):  # written to between the check and the rename: put it back
        os.link(claimed, dest)
        os.unlink(claimed)
        raise UnsafeOutput(f"{dest}: changed while this run was writing it; left as it is")
    os.unlink(claimed)
    try:
        _link_or_create(temp, dest)
    except FileExistsError:
        raise UnsafeOutput(f"{dest}: was taken by another run meanwhile") from None


def _refuse_non_file(dest: Path) -> None:
    if dest.exists() and not dest.is_file():
        raise UnsafeOutput(f"{dest}: is not a regular file (a folder, named pipe or device); refusing to replace it")


def _is_placeholder(path: Path) -> bool:
    info = os.lstat(path)
    return stat.S_ISREG(info.st_mode) and info.st_size == 0


def _link_or_create(temp: Path, dest: Path) -> None:
    """Link ``temp`` as ``dest`` (FileExistsError if taken) and drop ``temp``.

    Where the file system has no hard links, ``dest`` is claimed with O_EXCL and then replaced.
    """
    try:
        os.link(temp, dest)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(temp, dest)
        return
    os.unlink(temp)


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
