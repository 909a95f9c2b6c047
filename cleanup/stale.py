"""Remove the temporary files a killed run left beside its outputs.

:class:`cleanup.safeio.AtomicFile` writes ``.NAME.XXXXXXXX.tmp`` (``mkstemp``'s eight random
characters) in the folder of ``NAME`` and renames it into place; a run killed before the rename
(``kill -9``, a power cut) leaves it behind. The next run that writes ``NAME`` removes such files once
they are an hour old, which no live write of a file is (each chunk written refreshes the time).
"""
from __future__ import annotations

import contextlib
import os
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable

TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
STALE_AFTER = 3600  # seconds


def remove_stale_temps(outputs: Iterable[Path], older_than: float = STALE_AFTER) -> list[Path]:
    """Remove the stale temporary files of ``outputs``; returns their paths. Each folder is listed once."""
    names: dict[Path, set[str]] = defaultdict(set)
    for output in outputs:
        names[Path(output).parent].add(Path(output).name)
    removed, now = [], time.time()
    for folder, wanted in names.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:  # not created yet, or unreadable: nothing of ours there
            continue
        for entry in entries:
            match = TEMP_NAME.fullmatch(entry.name)
            if match is None or match["name"] not in wanted or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed
