"""Placeholder: being written."""
import click


@click.command()
def review():
    """Not yet implemented."""
    raise click.ClickException("not implemented yet")
