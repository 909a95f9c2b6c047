"""The ``cache`` command: the built engines kept between runs (see :mod:`cleanup.engine_cache`)."""
from __future__ import annotations

import click

from .. import engine_cache


@click.group()
def cache() -> None:
    """The engine cache, in $XDG_CACHE_HOME/asr-cleanup/engine (default ~/.cache), and data/ beside it
    (the English word list, as loaded from its package)."""


@cache.command()
def clear() -> None:
    """Remove every cached engine and data file; the next run builds afresh."""
    engines, data = engine_cache.clear()
    click.echo(f"removed {engines} cached engine{'' if engines == 1 else 's'}"
               + (f" and {data} cached data file{'' if data == 1 else 's'}" if data else ""))
