"""Placeholder: being written."""
import click


@click.command()
def fix():
    """Not yet implemented."""
    raise click.ClickException("not implemented yet")


@click.command()
def diff():
    """Not yet implemented."""
    raise click.ClickException("not implemented yet")
