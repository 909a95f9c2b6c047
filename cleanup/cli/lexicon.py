"""``asr-cleanup lexicon``: grow and lint lexicons (add, remove, show, list, check, import, export,
suggest, learn)."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from .. import safeio
from ..errors import FAILED, OK
from ..errors import describe as describe_error
from ..formats import read_source
from ..learn import learn as learn_decisions
from ..learn import read_decisions
from ..lexicon import KINDS, Entry, LexiconError, load_lexicons
from ..lexicon.check import ERROR, check_files
from ..lexicon.editing import TomlLexiconFile
from ..lexicon.exchange import FORMATS, export_entries, guess_format, import_entries
from ..lexicon.loader import default_lexicon_paths, read_lexicon_source
from ..lexicon.text_format import guess_kind
from ..lexicon.undo import Merge, UndoLog, digest
from ..review import ReviewError
from ..suggest import NEAR_MISS, Suggestion, suggest as mine_suggestions, write_csv
from .engine_options import engine_options
from .outputs import is_stdout

TOML_PATH = click.Path(dir_okay=False, path_type=Path)


def lexicon_options(command):
    command = click.option("--no-default-lexicons", is_flag=True,
                           help="Use only the lexicons given with --lexicon.")(command)
    return click.option("-l", "--lexicon", "lexicons", multiple=True,
                        type=click.Path(exists=True, dir_okay=False),
                        help="A lexicon (.toml or .txt) on top of the defaults; repeatable.")(command)


def load_or_fail(lexicons, no_default_lexicons):
    try:
        return load_lexicons(lexicons, defaults=not no_default_lexicons)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None


def toml_target(path: Path) -> TomlLexiconFile:
    if path.suffix.lower() != ".toml":
        raise click.UsageError(f"{path}: lexicon edits write TOML; give a .toml file")
    try:
        return TomlLexiconFile(path)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None


def save(target: TomlLexiconFile) -> None:
    try:
        target.save()
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def lexicon():
    """Grow and lint lexicons."""


@lexicon.command()
@click.argument("term")
@click.option("--kind", type=click.Choice(KINDS), help="What the term is (default: term, or english).")
@click.option("--variant", "variants", multiple=True, help="A known misrecognition; repeatable.")
@click.option("--alias", "aliases", multiple=True, help="Another correct spelling, never rewritten; repeatable.")
@click.option("--context", "context", multiple=True,
              help="A word that hints the term is meant (a term of one or two syllables is then fixed by sound "
                   "only near one); repeatable.")
@click.option("--protected", "protected", multiple=True, help="A string never rewritten; repeatable.")
@click.option("--to", "target", required=True, type=TOML_PATH, help="The TOML lexicon to edit (created if missing).")
def add(term, kind, variants, aliases, context, protected, target):
    """Add TERM to a lexicon, or merge new variants into it if it is there already."""
    lexicon_file = toml_target(target)
    entry = Entry(term.strip(), kind=kind or guess_kind(term.strip()), variants=list(variants),
                  aliases=list(aliases), context=list(context), protected=list(protected))
    before = lexicon_file.text
    try:
        summary = lexicon_file.add(entry)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None
    save(lexicon_file)
    if entry.text in lexicon_file.merged:  # so that `remove` takes back this merge, not the whole term
        log = UndoLog(target)
        log.record(Merge(entry.text, before, digest(lexicon_file.text), lexicon_file.merged[entry.text]))
        log.save()
    click.echo(f"{target}: {summary}")
    for conflict in load_or_fail([target], True).conflicts():
        click.echo(f"warning: {conflict}", err=True)


@lexicon.command()
@click.argument("term")
@click.option("--from", "source", required=True, type=TOML_PATH, help="The TOML lexicon to edit.")
def remove(term, source):
    """Remove TERM (every [[term]] table for it) from a lexicon; if the last `lexicon add TERM` merged
    into a term that was there already, take back only what that add added."""
    lexicon_file = toml_target(source)
    log = UndoLog(source)
    merge = log.pop(term)
    try:
        if merge is None:
            if not lexicon_file.remove(term):
                raise click.ClickException(f"{source}: no term {term!r}")
            summary = f"removed {term}"
        elif digest(lexicon_file.text) == merge.after_sha256:
            lexicon_file.text = merge.before
            summary = f"{term}: restored as it was before `lexicon add`"
        else:  # edited since: take back the added values, keep the rest
            changes = lexicon_file.take_back(term, merge.added)
            summary = f"{term}: {'; '.join(changes) or 'nothing left to take back'} (added by `lexicon add`)"
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None
    save(lexicon_file)
    log.save()
    click.echo(f"{source}: {summary}")


@lexicon.command()
@click.argument("term")
@lexicon_options
def show(term, lexicons, no_default_lexicons):
    """Show TERM's entry, or the entries that list TERM as a variant, alias or protected string."""
    merged = load_or_fail(lexicons, no_default_lexicons)
    entry = merged.get(term)
    if entry is not None:
        click.echo(describe(entry))
        return
    related = [(name, e) for e in merged for name in ("variants", "aliases", "protected") if term in getattr(e, name)]
    if not related:
        raise click.ClickException(f"{term!r} is in no lexicon")
    for name, e in related:
        click.echo(f"{term} is one of the {name} of {e.text}\n{describe(e)}")


def describe(entry: Entry) -> str:
    lines = [f"{entry.text}  ({entry.kind}, {entry.where})"]
    for name in ("variants", "aliases", "context", "protected"):
        if getattr(entry, name):
            lines.append(f"  {name}: {', '.join(getattr(entry, name))}")
    if entry.threshold is not None:
        lines.append(f"  threshold: {entry.threshold}")
    return "\n".join(lines)


@lexicon.command(name="list")
@lexicon_options
def list_terms(lexicons, no_default_lexicons):
    """List every term: text, kind, number of variants, and where it is defined."""
    for entry in load_or_fail(lexicons, no_default_lexicons):
        click.echo(f"{entry.text}\t{entry.kind}\t{len(entry.variants)} variant(s)\t{entry.where}")


@lexicon.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check(files):
    """Lint lexicon FILES together; exit 1 if any error is found (warnings alone exit 0)."""
    findings = check_files(list(files))
    for finding in findings:
        click.echo(str(finding))
    errors = sum(f.severity == ERROR for f in findings)
    click.echo(f"{errors} error(s), {len(findings) - errors} warning(s) in {len(files)} file(s)", err=True)
    sys.exit(FAILED if errors else OK)


@lexicon.command(name="export")
@lexicon_options
@click.option("--format", "format_", type=click.Choice(FORMATS), default="txt", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output (-: standard output).")
@click.option("--force", is_flag=True, help="Overwrite an existing --output file.")
def export_lexicon(lexicons, no_default_lexicons, format_, output, force):
    """Export the merged lexicon as plain text, CSV, a jieba user dictionary or a hotword list."""
    inputs = lexicon_inputs(lexicons, no_default_lexicons)
    if is_stdout(output):
        output = None
    if output:
        check_output(output, force, inputs)
    text = export_entries(load_or_fail(lexicons, no_default_lexicons), format_)
    if output:
        safeio.write_new(output, text.encode("utf-8"), force, inputs)
    else:
        click.echo(text, nl=False)


def lexicon_inputs(lexicons, no_default_lexicons) -> list[Path]:
    """The lexicon files a run reads, which none of its outputs may overwrite."""
    return [*map(Path, lexicons), *([] if no_default_lexicons else default_lexicon_paths())]


def check_output(output: Path, force: bool, inputs) -> None:
    """Refuse an output before any work, as a usage error (exit 2)."""
    try:
        safeio.check_new(output, force, inputs)
    except safeio.UnsafeOutput as exc:
        raise click.UsageError(str(exc)) from None


@lexicon.command(name="import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "format_", type=click.Choice(FORMATS), help="Default: csv for .csv files, else txt.")
@click.option("--to", "target", required=True, type=TOML_PATH, help="The TOML lexicon to merge into.")
def import_lexicon(source, format_, target):
    """Merge the terms of SOURCE into a TOML lexicon."""
    lexicon_file = toml_target(target)
    try:
        entries = import_entries(read_lexicon_source(Path(source)), format_ or guess_format(source), source)
        summaries = lexicon_file.add_all(entries)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None
    save(lexicon_file)
    click.echo("\n".join(summaries) or f"{source}: no terms")


@lexicon.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@engine_options
@click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True),
              help="Suggestions CSV (default: standard output).")
@click.option("--floor", default=0.6, show_default=True, type=click.FloatRange(0.0, 1.0),
              help="Lowest pinyin similarity for a near miss.")
@click.option("--min-count", default=2, show_default=True, type=click.IntRange(min=1),
              help="Fewest occurrences for a new term.")
@click.option("--top", default=100, show_default=True, type=click.IntRange(min=1),
              help="Most rows of each kind (near misses, new terms) to list, best first.")
@click.option("--interactive", is_flag=True, help="Accept or reject each suggestion; accepted ones go to --to.")
@click.option("--to", "target", type=TOML_PATH, help="The TOML lexicon that accepted suggestions go to.")
@click.option("--force", is_flag=True, help="Overwrite an existing --output file.")
def suggest(corpus, spec, output, floor, min_count, top, interactive, target, force):
    """Mine CORPUS transcripts for near misses of lexicon terms and for frequent unknown terms."""
    if interactive and target is None:
        raise click.UsageError("--interactive needs --to FILE.toml")
    inputs = [*map(Path, corpus), *map(Path, spec.lexicon.files()), *([target] if target else [])]
    if output != "-":
        check_output(Path(output), force, inputs)
    corrector = spec.build()
    failed = []
    suggestions = mine_suggestions(readable_documents(corpus, failed), corrector, floor, min_count, top)
    table = io.StringIO(newline="")
    write_csv(suggestions, table)
    if output == "-":
        click.echo(table.getvalue(), nl=False)
    else:
        safeio.write_new(Path(output), table.getvalue().encode("utf-8"), force, inputs)
        click.echo(f"{output}: {len(suggestions)} suggestion(s)", err=True)
    if interactive:
        review_suggestions(suggestions, toml_target(target))
    if failed:
        sys.exit(FAILED)


def readable_documents(paths, failed: list[str]):
    """The document of each transcript; one that cannot be read (binary, truncated, bad encoding) gets an
    ``error:`` line naming it and is left out, as ``fix`` does, and its path goes to ``failed``."""
    for path in paths:
        try:
            yield read_source(path).document
        except (OSError, ValueError) as exc:  # EncodingError and FormatError included
            click.echo(f"error: {describe_error(exc, Path(path))}", err=True)
            failed.append(path)


def review_suggestions(suggestions: list[Suggestion], target: TomlLexiconFile) -> None:
    """Ask about each suggestion; write the accepted ones to ``target`` at the end."""
    for s in suggestions:
        what = f"{s.original} -> {s.term}" if s.kind == NEAR_MISS else s.term
        click.echo(f"\n{s.kind}: {what}  (count {s.count}, score {s.score})\n  {s.example}\n  {s.reason}")
        answer = click.prompt("accept, reject or quit", type=click.Choice(["a", "r", "q"]), default="r")
        if answer == "q":
            break
        if answer == "a":
            entry = Entry(s.term, variants=[s.original]) if s.kind == NEAR_MISS \
                else Entry(s.term, kind=guess_kind(s.term))
            click.echo(target.add(entry))
    if target.changed:
        click.echo(target.diff())
        save(target)
        click.echo(f"{target.path}: saved")


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


@lexicon.command()
@click.argument("review", type=click.Path(exists=True, dir_okay=False))
@click.option("--to", "target", required=True, type=TOML_PATH, help="The TOML lexicon to merge lessons into.")
@click.option("--yes", is_flag=True, help="Write without asking (the default when stdin is not a terminal).")
@click.option("--dry-run", is_flag=True, help="Show the diff only; write nothing.")
def learn(review, target, yes, dry_run):
    """Learn from a review file: accepted fixes become variants (or, when made on the entry's context
    words, add those words instead), rejected ones protected strings, edited ones new terms. Shows the
    change as a diff before writing it; on a terminal, asks first."""
    lexicon_file = toml_target(target)
    try:
        summaries = learn_decisions(read_decisions(review), lexicon_file)
    except (ReviewError, LexiconError) as exc:
        raise click.ClickException(str(exc)) from None
    for line in summaries:
        click.echo(line, err=True)
    if not lexicon_file.changed:
        click.echo("nothing to learn: no decided fix changes the lexicon")
        return
    click.echo(lexicon_file.diff())
    if dry_run:
        return
    if yes or not stdin_is_terminal() or click.confirm(f"Write {target}?", default=False):
        save(lexicon_file)
        click.echo(f"{target}: saved")
    else:
        click.echo(f"{target}: left unchanged")
