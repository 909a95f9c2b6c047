"""The ``asr-cleanup`` command line: a thin layer over the Python API.

Subcommands are imported only when used, so ``fix`` does not pay for pandas or the review UI.
"""
from __future__ import annotations

import importlib

import click

COMMANDS = {
    "fix": ("cleanup.cli.fix", "fix"),
    "diff": ("cleanup.cli.fix", "diff"),
    "review": ("cleanup.cli.review", "review"),
    "apply": ("cleanup.cli.apply", "apply"),
    "lexicon": ("cleanup.cli.lexicon", "lexicon"),
    "cache": ("cleanup.cli.cache", "cache"),
}


class LazyGroup(click.Group):
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


__all__ = ["main"]
