"""Shared by the lexicon command tests: running `asr-cleanup lexicon` and expecting success."""
from click.testing import CliRunner

from cleanup.cli import main


def run(*args):
    result = CliRunner().invoke(main, ["lexicon", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output
