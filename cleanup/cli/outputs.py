"""Refusing an output before anything is written: the checks and the exit status ``review`` and ``apply`` share."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, NoReturn

import click

from ..safeio import UnsafeOutput, same_file

REFUSED = 2  # like a usage error: nothing was done, and the command line has to change


def refuse(exc: Exception) -> NoReturn:
    """Print ``error: PATH: why`` and exit with :data:`REFUSED`."""
    click.echo(f"error: {exc}", err=True)
    sys.exit(REFUSED)


def check_not_inputs(outputs: Iterable[str | Path | None], inputs: Iterable[str | Path | None]) -> None:
    """Raise UnsafeOutput when an output is one of the inputs (a hard link to one included), or two
    outputs are the same file."""
    sources = [Path(p) for p in inputs if p]
    seen: dict[Path, Path] = {}
    for output in filter(None, outputs):
        resolved = Path(output).resolve()
        if any(same_file(Path(output), source) for source in sources):
            raise UnsafeOutput(f"{output}: is an input; refusing to write over it")
        if resolved in seen:
            raise UnsafeOutput(f"{output}: named for two outputs")
        seen[resolved] = Path(output)
