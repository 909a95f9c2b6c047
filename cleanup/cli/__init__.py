"""The ``asr-cleanup`` command line: a thin layer over the Python API.

Subcommands are imported only when used, so ``fix`` does not pay for pandas or the review UI. The
group is the one error boundary: every command's known errors become ``error: FILE[:LINE]: message``
and the exit codes of :mod:`cleanup.errors`; anything else is a short internal error (exit 123).
"""
from __future__ import annotations

import errno
import gc
import importlib
import os

import click

from ..errors import DEBUG_VARIABLE, FAILED, INTERNAL, USAGE, InputError, UnknownEncoding, describe
from ..safeio import UnsafeOutput

COMMANDS = {
    "fix": ("cleanup.cli.fix", "fix"),
    "diff": ("cleanup.cli.fix", "diff"),
    "review": ("cleanup.cli.review", "review"),
    "apply": ("cleanup.cli.apply", "apply"),
    "lexicon": ("cleanup.cli.lexicon", "lexicon"),
    "cache": ("cleanup.cli.cache", "cache"),
}


class Failure(click.ClickException):
    """A reported error: ``error: message`` on stderr, then exit with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = FAILED):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def as_failure(exc: Exception) -> click.ClickException:
    """The reported form of an exception that left a command."""
    if isinstance(exc, click.UsageError):
        return exc  # click shows it with the usage line, exit 2
    if isinstance(exc, click.ClickException):
        return Failure(exc.format_message(), exc.exit_code)
    if isinstance(exc, (UnsafeOutput, UnknownEncoding)):  # a refused output, an unusable --encoding
        return Failure(describe(exc), USAGE)
    if isinstance(exc, (InputError, OSError)):
        return Failure(describe(exc), FAILED)
    return Failure(f"internal error ({type(exc).__name__}: {exc}); please report it, with the traceback "
                   f"{DEBUG_VARIABLE}=1 shows", INTERNAL)


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort):
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # click quiets a closed pipe (`asr-cleanup fix a.txt | head`)
            raise as_failure(exc) from None
        except Exception as exc:
            if os.environ.get(DEBUG_VARIABLE) and not isinstance(exc, click.ClickException):
                raise
            raise as_failure(exc) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name]
        return getattr(importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="asr-cleanup")
def main() -> None:
    """Clean up misrecognised terms in Chinese/English ASR transcripts."""


def run() -> None:
    """The ``asr-cleanup`` program: :func:`main`, then an exit that skips the interpreter's last collection,
    which would walk every object of the loaded engine (26-60 ms measured) just before the process frees them.
    Nothing is left for that collection to finalise: every output is committed and closed by then."""
    try:
        main(prog_name="asr-cleanup")
    finally:
        gc.freeze()


__all__ = ["main", "run"]
