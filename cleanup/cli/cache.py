"""The ``cache`` command: the built engines kept between runs (see :mod:`cleanup.engine_cache`)."""
from __future__ import annotations

import click

from .. import engine_cache


@click.group()
def cache() -> None:
    """The engine cache, in $XDG_CACHE_HOME/asr-cleanup/engine (default ~/.cache)."""


@cache.command()
def clear() -> None:
    """Remove every cached engine; the next run builds afresh."""
    removed = engine_cache.clear()
    click.echo(f"removed {removed} cached engine{'' if removed == 1 else 's'}")
