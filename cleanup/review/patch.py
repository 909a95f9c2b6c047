"""A unified diff of the applied fixes that ``git apply`` and ``patch -p1`` accept."""
from __future__ import annotations

import os
from pathlib import Path

from ..render import unified_diff
from .apply import AppliedFile
from .model import ReviewError

_BYTE_FOR_BYTE = {"utf-8-sig": "utf-8"}


def patch_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form; just the file name when it lies outside ``root``."""
    relative = os.path.relpath(path.resolve(), root.resolve())
    return path.name if relative.startswith("..") else Path(relative).as_posix()


def review_patch(applied: list[AppliedFile], root: str | Path = ".") -> bytes:
    """The diff of every changed file, with ``a/`` and ``b/`` paths relative to ``root``.

    Each file's hunks are encoded in that file's own encoding, so the patch applies byte for byte.
    """
    root = Path(root)
    out = []
    for item in applied:
        if not item.changed:
            continue
        codec = _BYTE_FOR_BYTE.get(item.source.encoding.lower(), item.source.encoding)
        if "\n-a".encode(codec) != b"\n-a":
            raise ReviewError(f"{item.file}: cannot write a text patch for a {codec} file")
        name = patch_path(item.source.path, root)
        diff = unified_diff(item.source.data.decode(codec), item.data.decode(codec), f"a/{name}", f"b/{name}")
        out.append(diff.encode(codec))
    return b"".join(out)
