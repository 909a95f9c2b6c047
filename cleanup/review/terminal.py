"""The interactive terminal review, in the style of ``git add -p``: one key per decision."""
from __future__ import annotations

from typing import Callable

import click

from ..edits import Edit
from ..render import word_diff
from .model import ACCEPTED, EDITED, REJECTED, Proposal, ReviewError
from .session import ReviewSession
from .sources import Sources

KEYS = "y,n,e,s,u,a,r,q,?"
HELP = """\
y - accept this fix
n - reject this fix
e - edit the replacement, then accept it
s - skip: leave it pending, come back next time
u - undo the last decision
a - accept this fix and every other pending fix for the same term
r - reject this fix and every other pending fix for the same term
q - quit; decisions so far are saved, run again to resume
? - show this help"""


def proposal_view(proposal: Proposal, sources: Sources | None, progress: str) -> str:
    """The header and the coloured inline diff of the proposal's line, between its neighbours."""
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
    lines = text.split("\n")
    view = []
    for number in (proposal.line - 1, proposal.line, proposal.line + 1):
        if number == proposal.line:
            view.append("  " + word_diff(text, [edit]).rstrip("\n"))
        elif 1 <= number <= len(lines):
            view.append(click.style(f"  {number}: {lines[number - 1].rstrip(chr(13))}", dim=True))
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
    if key == "y":
        session.decide(ACCEPTED)
    elif key == "n":
        session.decide(REJECTED)
    elif key == "e":
        replacement = prompt("Replacement", default=session.current.proposed)
        session.decide(EDITED, replacement)
    elif key == "s":
        session.skip()
    elif key == "u":
        if not session.undo():
            click.echo("Nothing to undo.")
    elif key in ("a", "r"):
        term = session.current.term
        count = session.decide_term(ACCEPTED if key == "a" else REJECTED)
        click.echo(f"{'Accepted' if key == 'a' else 'Rejected'} {count} fix(es) for {term}.")
    else:
        click.echo(HELP)
