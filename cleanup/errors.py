"""The errors bad input raises, and the exit codes every command shares (README, "Exit codes")."""
from __future__ import annotations

#: Done (``fix --check``: nothing to fix).
OK = 0
#: Some inputs failed, the others were done; or ``fix --check`` found fixes.
FAILED = 1
#: Usage error: a bad option or value, a bad lexicon, a refused output. Nothing was done.
USAGE = 2
#: An unexpected exception: a bug. Set ``ASR_CLEANUP_DEBUG=1`` to see the traceback.
INTERNAL = 123

#: The environment variable that lets an internal error's traceback through.
DEBUG_VARIABLE = "ASR_CLEANUP_DEBUG"


class InputError(ValueError):
    """Bad input, named by file and, where known, line."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


class UnknownEncoding(LookupError):
    """An ``--encoding`` that is unknown or not a text encoding: a usage error."""


def describe(exc: BaseException, path: object = None) -> str:
    """A one-line message for a known error, naming the file (``path`` when the error does not)."""
    if isinstance(exc, OSError):
        return f"{exc.filename or path}: {exc.strerror or exc}"
    if path is not None and not isinstance(exc, InputError) and str(path) not in str(exc):
        return f"{path}: {exc}"
    return str(exc)
