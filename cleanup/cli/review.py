"""``asr-cleanup review``: propose fixes, then review them in the terminal or export them."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..formats import FORMATS
from ..lexicon import LexiconError
from ..review import (Filters, ReviewError, ReviewSession, ReviewSet, Sources, check_review_suffix, export_review,
                      format_stats, html_report, read_review, review_bytes, review_edit_record, review_files,
                      run_terminal_review, write_review)
from ..safeio import UnsafeOutput, check_new, write_new
from .engine_options import engine_options
from .outputs import check_not_inputs, is_stdout, refuse, refuse_stdout

STATE_NAME = "asr-cleanup-review.csv"


def _review_file_name(ctx, param, value):
    """A review file to be written must name its format by its extension (a usage error otherwise);
    ``--export -`` writes CSV to standard output, where a state file cannot be kept."""
    if is_stdout(value) and param.name == "export_path":
        return value
    refuse_stdout(ctx, param, value)
    if value is not None:
        try:
            check_review_suffix(value)
        except ReviewError as exc:
            raise click.BadParameter(str(exc), ctx, param) from None
    return value


@click.command()
@click.argument("raw", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@engine_options
@click.option("--edits", "edit_record", type=click.Path(exists=True, dir_okay=False),
              help="Review this edit record (JSON Lines) instead of running the passes.")
@click.option("--format", "format_", type=click.Choice(list(FORMATS)), help="Transcript format (default: detect).")
@click.option("--encoding", help="Transcript encoding (default: detect).")
@click.option("--export", "export_path", type=click.Path(dir_okay=False), callback=_review_file_name,
              help="Write the review set (.csv, .jsonl or .xlsx, by the extension; -: CSV to stdout) without "
                   "prompting.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Write a self-contained HTML report (-: to stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing --export or --html file.")
@click.option("--state", "state_path", type=click.Path(dir_okay=False), callback=_review_file_name,
              help=f"Review file the interactive session saves to and resumes from "
                   f"(default: {STATE_NAME} beside the first transcript).")
@click.option("--restart", is_flag=True, help="Start the interactive review afresh, discarding saved decisions.")
@click.option("--stats", "stats_path", type=click.Path(exists=True, dir_okay=False),
              help="Print acceptance rates by pass, term and score band of a review file, then exit.")
@click.option("--pass", "pass_filter", multiple=True, help="Only review this pass's fixes; repeatable.")
@click.option("--term", "term_filter", multiple=True, help="Only review fixes for this term; repeatable.")
@click.option("--file", "file_filter", multiple=True, help="Only review fixes in this file; repeatable.")
@click.option("--min-score", type=float, help="Only review fixes scoring at least this.")
@click.option("--max-score", type=float, help="Only review fixes scoring at most this.")
def review(raw, spec, edit_record, format_, encoding, export_path, html_path, force, state_path, restart, stats_path,
           pass_filter, term_filter, file_filter, min_score, max_score):
    """Review every proposed fix before it is applied.

    With --export or --html, write the review set or report and exit; otherwise review each fix in
    the terminal (y accept, n reject, e edit, s skip, u undo, a/r all for the term, i every identical fix,
    f next file, q quit, ? help).
    The filters choose which fixes are reviewed (or exported). Apply decisions with
    `asr-cleanup apply REVIEW -o OUT_DIR`. An existing export or report is kept unless --force; no
    output may be one of the inputs (exit status 2, nothing written).
    """
    lexicons = spec.lexicon.files()  # every lexicon file loaded, so none becomes an output
    try:
        if stats_path:
            click.echo(format_stats(read_review(stats_path)), nl=False)
            return
        if raw and edit_record:
            raise click.UsageError("give either transcripts or --edits, not both")
        filters = Filters(pass_filter, term_filter, file_filter, min_score, max_score)
        interactive = not (export_path or html_path)
        state = Path(state_path) if state_path else _default_state(raw, edit_record)
        if interactive:
            check_not_inputs([state], [*raw, *lexicons, edit_record])
        else:
            read_state = None if raw or edit_record else state
            inputs = [Path(p) for p in (*raw, *lexicons, edit_record, read_state) if p]
            files = [path for path in (export_path, html_path) if path and not is_stdout(path)]
            if is_stdout(export_path) and is_stdout(html_path):
                raise click.UsageError("--export - and --html - would both write to standard output")
            check_not_inputs(files, inputs)
            for path in files:
                check_new(Path(path), force, inputs)  # before the passes run: refused at once
        if interactive and not sys.stdin.isatty():
            raise click.UsageError("standard input is not a terminal: use --export FILE (and/or --html FILE)")
        resuming = interactive and state is not None and state.exists() and not restart
        if resuming:
            review_set = read_review(state)
        elif raw or edit_record:
            review_set = _propose(raw, edit_record, spec, format_, encoding)
        elif state is not None and state.exists():
            review_set = read_review(state)
        else:
            raise click.UsageError("give transcripts to review, --edits FILE, or an existing --state FILE")
        if interactive:
            _interactive(review_set, state, filters, resuming)
            return
        selected = ReviewSet(filters.select(review_set))
        if is_stdout(export_path):
            click.echo(review_bytes(selected, ".csv"), nl=False)
        elif export_path:
            export_review(selected, export_path, force, inputs)
            click.echo(f"Wrote {export_path}", err=True)
        if is_stdout(html_path):
            click.echo(html_report(selected).encode("utf-8"), nl=False)
        elif html_path:
            write_new(Path(html_path), html_report(selected).encode("utf-8"), force, inputs)
            click.echo(f"Wrote {html_path}", err=True)
        click.echo(f"{len(selected)} fix(es) to review.", err=True)
    except UnsafeOutput as exc:
        refuse(exc)
    except (ReviewError, LexiconError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None


def _default_state(raw, edit_record) -> Path | None:
    first = raw[0] if raw else edit_record
    return Path(first).parent / STATE_NAME if first else None


def _propose(raw, edit_record, spec, format_, encoding) -> ReviewSet:
    if edit_record:
        return review_edit_record(edit_record, format=format_, encoding=encoding)
    return review_files(raw, spec.build(), format=format_, encoding=encoding)


def _interactive(review_set: ReviewSet, state: Path, filters: Filters, resuming: bool) -> None:
    sources = Sources(review_set, base=state.parent)
    if resuming:
        sources.check_unchanged()
        decided = len(review_set) - review_set.counts()["pending"]
        click.echo(f"Resuming {state}: {decided} of {len(review_set)} decided (--restart to start over).")
    else:
        write_review(review_set, state)
    session = ReviewSession(review_set, filters, save=lambda updated: write_review(updated, state))
    if not session.queue:
        click.echo("Nothing to review.")
    finished = run_terminal_review(session, sources)
    counts = review_set.counts()
    click.echo(("Review finished. " if finished else "Saved; run the same command to resume. ")
               + ", ".join(f"{n} {d}" for d, n in counts.items()) + ".")
    click.echo(f"Decisions are in {state}; apply them with: asr-cleanup apply {state} -o OUT_DIR")
