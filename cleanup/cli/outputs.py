"""Refusing an output before anything is written: the checks and the exit status ``review`` and ``apply`` share."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, NoReturn

import click

from ..safeio import UnsafeOutput, same_file

REFUSED = 2  # like a usage error: nothing was done, and the command line has to change
STDOUT = "-"  # as an output's name: standard output, as black, ruff and most tools read it


def is_stdout(output: str | Path | None) -> bool:
    return output is not None and str(output) == STDOUT


def refuse_stdout(ctx: click.Context, param: click.Parameter, value):
    """A click callback for an output that must be a file: ``-`` is a usage error, not a file named '-'."""
    if is_stdout(value):
        raise click.BadParameter("cannot be - (standard output) here; give a path", ctx, param)
    return value


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
