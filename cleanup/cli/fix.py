"""The ``fix`` and ``diff`` commands: options, progress and summary around :mod:`cleanup.batch`."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from .. import batch, formats, safeio
from ..errors import FAILED, INTERNAL, OK, describe
from ..render import jsonl, word_diff
from .engine_options import engine_options
from .outputs import is_stdout

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

PROGRESS_MIN_FILES = 2
TOP_TERMS = 15


def format_options(command):
    """The input options shared by ``fix`` and ``diff``."""
    command = click.option("--encoding", help="Input encoding (default: detected); output uses the same.")(command)
    return click.option("--format", "format_name", type=click.Choice(list(formats.FORMATS)),
                        help="Input format (default: by extension, else by content).")(command)


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@engine_options
@format_options
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Output file (one input) or folder (several inputs, or a folder); default (or -): stdout.")
@click.option("--in-place", is_flag=True, help="Rewrite the inputs (keeping FILE.bak unless --no-backup).")
@click.option("--no-backup", is_flag=True, help="With --in-place, keep no backup.")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file would be fixed.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing unless -o is given.")
@click.option("--edits", "edits_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the edit record (JSON Lines) to this file (-: stdout, when the text goes elsewhere).")
@click.option("--jobs", "-j", default=1, type=click.IntRange(min=1), help="Files corrected in parallel.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, warnings or summary; errors only.")
def fix(inputs, spec, format_name, encoding, output, in_place, no_backup, force, check, show_diff, edits_path, jobs,
        quiet):
    """Correct transcripts (files or folders) using the lexicons.

    Exit status: 0 done; 1 some inputs failed, or --check found fixes; 2 usage error; 123 internal error.
    """
    lexicons = spec.lexicon.files()
    if check and (output or in_place):
        raise click.UsageError("--check writes nothing; drop -o/--in-place")
    if no_backup and not in_place:
        raise click.UsageError("--no-backup only applies to --in-place")
    if is_stdout(output):
        if show_diff or in_place:
            clash = "--diff" if show_diff else "--in-place"
            raise click.UsageError(f"-o - writes the text to standard output; drop {clash}")
        output = None
    options = batch.FixOptions(format_name, encoding, in_place, not no_backup, force, show_diff,
                               keep_records=edits_path is not None)
    stdout = output is None and not (in_place or check or show_diff)
    edits_to_stdout = is_stdout(edits_path)
    if edits_to_stdout and (stdout or show_diff):
        raise click.UsageError("--edits - needs standard output for itself: add -o OUT, --in-place or --check")
    started = time.perf_counter()
    try:
        batch.check_names(options)
        jobs_to_run, failures = batch.plan(inputs, output, in_place, stdout)
        for job in jobs_to_run:  # batch checks the rest, per file
            if job.dest is not None and not in_place:
                safeio.refuse_inputs(job.dest, map(Path, lexicons))
        if edits_path and not edits_to_stdout:
            safeio.check_new(edits_path, force, side_output_inputs(jobs_to_run, lexicons))
    except (batch.PlanError, safeio.UnsafeOutput) as exc:
        raise click.UsageError(str(exc)) from None
    from rich.console import Console  # rich loads only here (diff does without; progress and tables when shown)

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    with progress_bar(err, jobs_to_run, enabled=not quiet) as advance:
        results = batch.run_jobs(jobs_to_run, spec, options, jobs, on_result=advance)
    result = batch.BatchResult(failures + results, time.perf_counter() - started)

    for file_result in result.results:
        if file_result.diff:
            click.echo(file_result.diff, nl=False)
        report_file(err, file_result, check, quiet)
    edits_failed = False
    if edits_path:
        # backslashreplace: a lone surrogate (a non-UTF-8 file name) becomes a JSON \\u escape
        data = jsonl(result.records).encode("utf-8", "backslashreplace")
        try:
            if edits_to_stdout:
                click.echo(data, nl=False)
            else:
                safeio.write_new(edits_path, data, force, side_output_inputs(jobs_to_run, lexicons))
        except (OSError, safeio.UnsafeOutput) as exc:
            edits_failed = True
            err.print(f"[red]error:[/] {escape(describe(exc, edits_path))}", markup=True)
    if not quiet:
        err.print(summary_table(result))
    if result.internal:
        sys.exit(INTERNAL)
    sys.exit(FAILED if result.failed or edits_failed or (check and result.changed) else OK)


def side_output_inputs(jobs: list[batch.Job], lexicons) -> list[Path]:
    """What a side output may never overwrite: the transcripts, their outputs (and output folders, which
    may not exist yet) and the lexicons."""
    return [*(job.source for job in jobs), *(path for job in jobs for path in (job.dest, job.root) if path),
            *map(Path, lexicons)]


@contextmanager
def progress_bar(console: Console, jobs: list[batch.Job], enabled: bool):
    """A callback advancing a progress bar on stderr, shown only on a terminal and for several files."""
    if not (enabled and console.is_terminal and len(jobs) >= PROGRESS_MIN_FILES):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("fixing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("fix", total=len(jobs))
        yield lambda _result: progress.advance(task)


def report_file(console: Console, result: batch.FileResult, check: bool, quiet: bool) -> None:
    if result.error:
        console.print(f"[red]error:[/] {escape(result.error)}", markup=True)
        return
    if quiet:
        return
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/] {escape(warning)}", markup=True)
    if check and result.changed:
        console.print(f"would fix {escape(str(result.source))} ({result.edit_count} edits)")


def summary_table(result: batch.BatchResult) -> Table:
    """Files, edits by pass and by term, and time."""
    from rich.table import Table

    table = Table(title="asr-cleanup fix", show_header=False, box=None, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    table.add_row("files", f"{len(result.results)} ({len(result.changed)} changed, {len(result.failed)} failed)")
    table.add_row("edits", str(result.edit_count))
    for name, count in result.edits_by("pass").most_common():
        table.add_row("  by pass", f"{name}: {count}")
    for term, count in result.edits_by("term").most_common(TOP_TERMS):
        table.add_row("  by term", escape(f"{term}: {count}"))
    for failed in result.failed:
        table.add_row("[red]failed[/]", escape(str(failed.source)))
    table.add_row("time", f"{result.seconds:.2f} s")
    return table


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@engine_options
@format_options
@click.option("--color/--no-color", default=None, help="Colour the diff (default: when on a terminal).")
def diff(inputs, spec, format_name, encoding, color):
    """Show the fixes each input would get, word by word.

    Exit status: 0 done; 1 some inputs failed; 2 usage error; 123 internal error.
    """
    try:
        batch.check_names(batch.FixOptions(format_name, encoding))
    except batch.PlanError as exc:
        raise click.UsageError(str(exc)) from None
    corrector = spec.build()
    files, failures = batch.find_inputs(inputs)
    errors = [f.error for f in failures]
    for path, _ in files:
        try:
            source = formats.read_source(path, format_name, encoding)
        except (OSError, ValueError) as exc:
            errors.append(describe(exc, path))
            continue
        edits = corrector.correct(source.document).edits
        if edits:
            click.echo(click.style(f"{path}", bold=True), color=color)
            click.echo(word_diff(source.document.text, edits, color=color is not False), nl=False, color=color)
    for error in errors:
        click.echo(f"error: {error}", err=True)
    sys.exit(FAILED if errors else OK)
