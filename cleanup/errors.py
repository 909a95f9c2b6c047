"""The error every bad input raises: it names the file and, where known, the line."""
from __future__ import annotations


class InputError(ValueError):
    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
