"""The built engine, kept between runs: a pickled Corrector in the user's cache folder.

Building a Corrector (parsing the lexicons, the pinyin pass's index and term pronunciations, the
distinctive parts jieba finds) takes about a second with 10,000 names; loading it takes a fraction.

An entry is keyed by everything the build reads: the content of every lexicon file, the passes and
their options, the judge's settings and parameter file, this tool's source and the versions of
Python, pypinyin and jieba. Data derived from a package alone (the English word list) is kept the
same way in a folder of its own, keyed by the package's version. Each entry is written atomically, checked by a header (key, length, SHA-256)
before it is unpickled, and rebuilt when stale, truncated or corrupted. Unpickling runs code chosen by
whoever wrote the file, so entries are read only from a folder and files that are the user's own and
that no one else may write (the folder is made mode 0700).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sys
import tempfile
from dataclasses import asdict
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .cachedir import cache_dir

FOLDER = "engine"
DATA_FOLDER = "data"  # what is derived from a package's data alone, keyed by its version
MAGIC = b"asr-cleanup engine cache 1\n"
KEEP = 8  # entries kept; the least recently written go first


def key(lexicon_files: Iterable[str | Path], passes: Sequence[str], options: Mapping[str, dict],
        judge) -> str | None:
    """The cache key for a build, or None when a file it names cannot be read (the build reports that)."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}:{len(data)}:".encode())
        digest.update(data)

    try:
        for path in lexicon_files:
            if not Path(path).is_file():  # a named pipe would block; the build refuses it with a clear error
                return None
            add("lexicon " + str(path), Path(path).read_bytes())
        params = Path(judge.params) if judge.params else resources.files("cleanup.judge") / "params.json"
        add("params", params.read_bytes())
    except OSError:
        return None
    add("engine", json.dumps({"passes": list(passes), "options": options, "judge": asdict(judge)},
                             sort_keys=True, default=str).encode())
    add("versions", json.dumps([sys.version, *map(_version, ("asr-cleanup", "pypinyin", "jieba"))]).encode())
    add("source", _source_stamp())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _source_stamp() -> bytes:
    """Name, size and modification time of every module of the package: a checkout edited without a
    version bump must not load an engine pickled from its old classes."""
    root = Path(__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        stat = path.stat()
        found.append(f"{path.relative_to(root)} {stat.st_size} {stat.st_mtime_ns}")
    return "\n".join(found).encode()


def data_key(package: str, *settings: str) -> str:
    """The cache key for data derived from ``package`` alone (built with ``settings``)."""
    return hashlib.sha256(json.dumps([package, _version(package), *settings]).encode()).hexdigest()


def _private_folder(name: str) -> Path | None:
    """The cache folder ``name``, if it is the user's own and no one else can write to it."""
    try:
        folder = cache_dir(name)
        return folder if _private(folder.lstat()) else None
    except OSError:
        return None


def _private(stat: os.stat_result) -> bool:
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def _path(folder: Path, cache_key: str) -> Path:
    return folder / f"{cache_key}.pickle"


def load(cache_key: str, folder_name: str = FOLDER):
    """The engine (or data) stored under ``cache_key``, or None when there is none that can be trusted."""
    folder = _private_folder(folder_name)
    if folder is None:
        return None
    path = _path(folder, cache_key)
    try:
        with open(path, "rb", opener=_no_follow) as file:
            if not _private(os.fstat(file.fileno())):
                return None
            data = file.read()
    except OSError:
        return None
    payload = _checked_payload(data, cache_key)
    if payload is None:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a class that changed shape or moved: rebuild
        return None


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


def _checked_payload(data: bytes, cache_key: str) -> bytes | None:
    """The pickle after the header, if the header's key, length and SHA-256 all agree."""
    header = MAGIC + cache_key.encode() + b"\n"
    if not data.startswith(header):
        return None
    length, _, rest = data[len(header):].partition(b"\n")
    checksum, _, payload = rest.partition(b"\n")
    if not length.isdigit() or int(length) != len(payload) or hashlib.sha256(payload).hexdigest().encode() != checksum:
        return None
    return payload


def store(cache_key: str, engine, folder_name: str = FOLDER) -> None:
    """Write ``engine`` (or data) under ``cache_key`` (atomically); a cache that cannot be written is skipped."""
    folder = _private_folder(folder_name)
    if folder is None:
        return
    payload = pickle.dumps(engine, protocol=pickle.HIGHEST_PROTOCOL)
    data = b"".join([MAGIC, cache_key.encode(), b"\n", str(len(payload)).encode(), b"\n",
                     hashlib.sha256(payload).hexdigest().encode(), b"\n", payload])
    temp = None
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")  # mode 0600
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, _path(folder, cache_key))
    except OSError:
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def clear() -> tuple[int, int]:
    """Remove every stored engine and data entry; the numbers of engines and of data entries removed."""
    return _clear(FOLDER), _clear(DATA_FOLDER)


def _clear(name: str) -> int:
    try:
        folder = cache_dir(name)
    except OSError:
        return 0
    removed = 0
    for path in [*folder.glob("*.pickle"), *folder.glob(".tmp-*")]:
        with contextlib.suppress(OSError):
            path.unlink()
            removed += path.suffix == ".pickle"
    return removed
