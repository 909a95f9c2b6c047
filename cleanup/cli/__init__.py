"""The ``asr-cleanup`` command line: a thin layer over the Python API."""
from __future__ import annotations

import click

from .apply import apply
from .fix import diff, fix
from .lexicon import lexicon
from .review import review


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="asr-cleanup")
def main() -> None:
    """Clean up misrecognised terms in Chinese/English ASR transcripts."""


for command in (fix, diff, review, apply, lexicon):
    main.add_command(command)

__all__ = ["main"]
