"""Placeholder: being written."""
import click


@click.command()
def apply():
    """Not yet implemented."""
    raise click.ClickException("not implemented yet")
