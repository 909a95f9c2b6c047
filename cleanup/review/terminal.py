"""The interactive terminal review, in the style of ``git add -p``: one key per decision."""
from __future__ import annotations

from typing import Callable

import click

from ..edits import Edit
from ..render import word_diff
from .model import ACCEPTED, EDITED, REJECTED, Proposal, ReviewError
from .session import ReviewSession
from .sources import Sources

KEYS = "y,n,e,s,u,a,r,i,f,q,?"
HELP = """\
y - accept this fix
n - reject this fix, and every pending fix of the same original for the same term in the set
e - edit the replacement, then accept it
s - skip: leave it pending, come back next time
u - undo the last decision
a - accept this fix and every other pending fix for the same term
r - reject this fix and every other pending fix for the same term
i - accept this fix and every pending identical one (same original, same replacement) in the set
f - go to the next file, leaving the rest of this one pending
q - quit; decisions so far are saved, run again to resume
? - show this help"""


def proposal_view(proposal: Proposal, sources: Sources | None, progress: str) -> str:
    """The header and the coloured inline diff of the proposal's line, between the nearest non-blank lines
    (blank lines say nothing about the fix)."""
    header = click.style(f"({progress}) {proposal.file}:{proposal.line}:{proposal.column}", bold=True)
    detail = f"{proposal.pass_name} · {proposal.term} · score {proposal.score:g} · {proposal.reason}"
    return "\n".join([header, click.style(detail, fg="cyan"), *_diff_lines(proposal, sources)])


def _diff_lines(proposal: Proposal, sources: Sources | None) -> list[str]:
    try:
        if sources is None or sources.changed(proposal.file):
            raise ReviewError("source unavailable")
        text = sources.read(proposal.file).document.text
        edit = proposal.located(text).to_edit()
    except ReviewError:
        return [_line_from_context(proposal)]
    lines = [line.rstrip("\r") for line in text.split("\n")]
    before = next((n for n in range(proposal.line - 1, 0, -1) if lines[n - 1].strip()), None)
    after = next((n for n in range(proposal.line + 1, len(lines) + 1) if lines[n - 1].strip()), None)
    view = [click.style(f"  {before}: {lines[before - 1]}", dim=True)] if before else []
    view.append("  " + word_diff(text, [edit]).rstrip("\n"))
    if after:
        view.append(click.style(f"  {after}: {lines[after - 1]}", dim=True))
    return view


def _line_from_context(proposal: Proposal) -> str:
    """The diff built from the recorded context when the source cannot be shown."""
    text = proposal.context_before + proposal.original + proposal.context_after
    start = len(proposal.context_before)
    edit = Edit(start, start + len(proposal.original), proposal.original, proposal.replacement,
                proposal.pass_name, proposal.term, proposal.score, proposal.reason)
    body = word_diff(text, [edit]).rstrip("\n").split(": ", 1)[1]
    return f"  {proposal.line}: …{body}…"


def run_terminal_review(session: ReviewSession, sources: Sources | None = None,
                        getchar: Callable[[], str] = click.getchar,
                        prompt: Callable[..., str] = click.prompt) -> bool:
    """Ask about each pending proposal until all are decided or the reviewer quits.

    Returns True when the session reached the end, False when the reviewer quit.
    """
    while not session.done:
        proposal = session.current
        click.echo()
        click.echo(proposal_view(proposal, sources, session.progress))
        click.echo(click.style(f"({session.progress}) Apply this fix [{KEYS}]? ", fg="blue", bold=True), nl=False)
        key = getchar()
        click.echo(key if key.isprintable() else "")
        if key == "q":
            return False
        _handle(key, session, prompt)
    return True


def _handle(key: str, session: ReviewSession, prompt: Callable[..., str]) -> None:
    current = session.current
    if key == "y":
        session.decide(ACCEPTED)
    elif key == "n":
        count = session.decide(REJECTED)
        if count > 1:
            click.echo(f"Rejected {count} fix(es) of {current.original} for {current.term}.")
    elif key == "e":
        replacement = prompt("Replacement", default=current.proposed)
        session.decide(EDITED, replacement)
    elif key == "s":
        session.skip()
    elif key == "u":
        if not session.undo():
            click.echo("Nothing to undo.")
    elif key in ("a", "r"):
        count = session.decide_term(ACCEPTED if key == "a" else REJECTED)
        click.echo(f"{'Accepted' if key == 'a' else 'Rejected'} {count} fix(es) for {current.term}.")
    elif key == "i":
        count = session.decide_identical()
        click.echo(f"Accepted {count} fix(es) of {current.original} -> {current.proposed}.")
    elif key == "f":
        if not session.next_file():
            click.echo(f"No pending fixes after {current.file}.")
    else:
        click.echo(HELP)
