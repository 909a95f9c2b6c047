"""Placeholder: being written."""
import click


@click.group()
def lexicon():
    """Not yet implemented."""
    raise click.ClickException("not implemented yet")
