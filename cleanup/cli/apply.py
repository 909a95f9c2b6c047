"""``asr-cleanup apply``: write the accepted and edited fixes of a review file."""
from __future__ import annotations

from pathlib import Path

import click

from ..review import (ReviewError, applied_files, check_in_place, output_targets, read_review, review_patch,
                      write_in_place, write_targets)
from ..safeio import UnsafeOutput, check_new, write_new
from .outputs import check_not_inputs, is_stdout, refuse, refuse_stdout


@click.command()
@click.argument("review_file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "--out-dir", "output", type=click.Path(), callback=refuse_stdout,
              help="A folder for the reviewed files, each under its own name; a file for a review of one file.")
@click.option("--in-place", is_flag=True, help="Overwrite the reviewed files, copying each to NAME.bak first.")
@click.option("--patch", "patch_path", type=click.Path(dir_okay=False),
              help="Write a unified diff of the applied fixes (for git apply / patch -p1; -: as --diff).")
@click.option("--diff", "show_diff", is_flag=True, help="Print that unified diff to standard output.")
@click.option("--force", is_flag=True, help="Overwrite existing outputs (-o, --patch).")
def apply(review_file, output, in_place, patch_path, show_diff, force):
    """Apply exactly the accepted and edited fixes of REVIEW_FILE (.csv, .jsonl or .xlsx).

    Refuses when a reviewed file changed since the review or when two applied fixes overlap (exit
    status 1), and when an output exists without --force or is an input (exit status 2); either way
    nothing is written.
    """
    if is_stdout(patch_path):
        patch_path, show_diff = None, True
    if output and in_place:
        raise click.UsageError("use either -o/--output or --in-place")
    if not (output or in_place or patch_path or show_diff):
        raise click.UsageError("say where to write: -o OUT_DIR, --in-place, --patch FILE or --diff")
    try:
        review_set = read_review(review_file)
        applied = applied_files(review_set, base=Path(review_file).parent)
        # Every output is checked before the first is written, so a refusal leaves everything as it was.
        targets = output_targets(applied, output, force) if output else {}
        inputs = [Path(review_file), *(item.source.path for item in applied)]
        check_not_inputs([patch_path, *targets], inputs)
        if patch_path:
            check_new(Path(patch_path), force, inputs)
        if in_place:
            check_in_place(applied)
        patch = review_patch(applied) if patch_path or show_diff else b""
        if patch_path:
            write_new(Path(patch_path), patch, force, inputs)
        if show_diff:
            click.echo(patch, nl=False)
        written = [path for path, _ in write_in_place(applied)] if in_place else write_targets(targets, force)
    except UnsafeOutput as exc:
        refuse(exc)
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    fixes = sum(item.fixes for item in applied)
    click.echo(f"Applied {fixes} fix(es); wrote {len(written)} file(s).", err=True)
