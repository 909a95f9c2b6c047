"""Where asr-cleanup keeps per-user files: ``$XDG_CACHE_HOME/asr-cleanup``, else ``~/.cache/asr-cleanup``.

Not the shared temporary folder: a file another user left there (jieba's dictionary cache) cannot be
replaced, and anyone could plant one.
"""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir(*parts: str) -> Path:
    """The folder ``parts`` below the user's cache folder, created (private to the user) if missing."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = Path(base, "asr-cleanup", *parts)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder
