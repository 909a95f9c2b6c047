"""``asr-cleanup apply``: write the accepted and edited fixes of a review file."""
from __future__ import annotations

from pathlib import Path

import click

from ..review import ReviewError, applied_files, read_review, review_patch, write_in_place, write_to_dir
from ..safeio import atomic_write


@click.command()
@click.argument("review_file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--out-dir", type=click.Path(file_okay=False),
              help="Write each reviewed file here, under its own name.")
@click.option("--in-place", is_flag=True, help="Overwrite the reviewed files, copying each to NAME.bak first.")
@click.option("--patch", "patch_path", type=click.Path(dir_okay=False),
              help="Write a unified diff of the applied fixes (for git apply / patch -p1).")
@click.option("--diff", "show_diff", is_flag=True, help="Print that unified diff to standard output.")
def apply(review_file, out_dir, in_place, patch_path, show_diff):
    """Apply exactly the accepted and edited fixes of REVIEW_FILE (.csv, .jsonl or .xlsx).

    Refuses when a reviewed file changed since the review or when two applied fixes overlap.
    """
    if out_dir and in_place:
        raise click.UsageError("use either -o/--out-dir or --in-place")
    if not (out_dir or in_place or patch_path or show_diff):
        raise click.UsageError("say where to write: -o OUT_DIR, --in-place, --patch FILE or --diff")
    try:
        review_set = read_review(review_file)
        applied = applied_files(review_set, base=Path(review_file).parent)
        if patch_path or show_diff:
            patch = review_patch(applied)
            if patch_path:
                atomic_write(Path(patch_path), patch)
            if show_diff:
                click.echo(patch, nl=False)
        if out_dir:
            written = write_to_dir(applied, out_dir)
        elif in_place:
            written = [path for path, _ in write_in_place(applied)]
        else:
            written = []
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    fixes = sum(item.fixes for item in applied)
    click.echo(f"Applied {fixes} fix(es); wrote {len(written)} file(s).", err=True)
