"""A self-contained HTML report: summary, fixes in context, filters, in-page decisions (kept in the
browser's storage across reloads), keyboard keys, bulk decisions and CSV export."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from html import escape
from importlib import resources

from .model import COLUMNS, DECISIONS, Proposal, ReviewSet

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
ACTIONS = (("accept", "Accept", "Accept this fix (y)"),
           ("reject", "Reject", "Reject this fix and every pending fix of the same original for the same term (n)"),
           ("edit", "Edit", "Edit the replacement (e)"), ("reset", "Reset", "Back to pending"),
           ("accept-identical", "Accept everywhere", "Accept this fix and every pending identical one in the set"))
KEYS = "j/k next/previous · y accept · n reject · e edit · u undo"


def html_report(review_set: ReviewSet, title: str = "asr-cleanup review") -> str:
    """The report as one HTML page that needs no network: CSS, JavaScript and data are inline."""
    proposals = list(review_set)
    body = [
        f"<header>{_tally(proposals)}{_filters(proposals)}</header><main>",
        f"<h1>{escape(title)}</h1>",
        _summary(proposals),
        f'<p class="keys">Keys: {KEYS}. Decisions are kept in this browser until you export them.</p>',
        *(_file_section(file, [p for p in proposals if p.file == file]) for file in review_set.files()),
        "</main>" if proposals else "<p class=empty>No fixes proposed.</p></main>",
    ]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">', f"<title>{escape(title)}</title>",
        f"<style>{_asset('report.css')}</style></head><body>",
        *body,
        f'<script type="application/json" id="review-data">{_data_json(proposals)}</script>',
        f"<script>{_asset('report.js')}</script>", "</body></html>", "",
    ])


def review_key(proposals: list[Proposal]) -> str:
    """What the page's saved decisions are filed under: a hash of the fixes and the decisions they came
    with, so a report of other fixes, or of the same ones decided since, starts from its own data."""
    fields = [(p.id, p.file, p.start, p.original, p.proposed, p.source_sha256, p.decision, p.replacement)
              for p in proposals]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()[:20]


def _asset(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


def _data_json(proposals: list[Proposal]) -> str:
    rows = [p.to_record() for p in proposals]
    text = json.dumps({"key": review_key(proposals), "columns": list(COLUMNS), "rows": rows}, ensure_ascii=False)
    return text.replace("<", "\\u003c")


def _tally(proposals: list[Proposal]) -> str:
    decisions = Counter(p.decision for p in proposals)
    return ('<span id="tally">' + ", ".join(
        f'<span data-count="{d}">{decisions[d]}</span> {d}' for d in DECISIONS) + "</span>")


def _summary(proposals: list[Proposal]) -> str:
    decisions = Counter(p.decision for p in proposals)
    cells = "".join(f'<td data-count="{d}">{decisions[d]}</td>' for d in DECISIONS)
    head = "".join(f"<th>{d}</th>" for d in DECISIONS)
    tables = [f'<table id="by-decision"><tr><th>fixes</th>{head}</tr>'
              f'<tr><td data-count="total">{len(proposals)}</td>{cells}</tr></table>']
    for group, attribute in (("pass", "pass_name"), ("term", "term")):
        rows = []
        for key in sorted({getattr(p, attribute) for p in proposals}):
            members = [p for p in proposals if getattr(p, attribute) == key]
            counts = Counter(p.decision for p in members)
            bulk = (f'<td><button type="button" data-bulk="accept" data-term="{escape(key)}">accept pending</button>'
                    f'<button type="button" data-bulk="reject" data-term="{escape(key)}">reject pending</button></td>'
                    if group == "term" else "")
            counted = "".join(f'<td data-count="{d}">{counts[d]}</td>' for d in DECISIONS)
            rows.append(f'<tr data-key="{escape(key)}"><th>{escape(key)}</th>'
                        f'<td data-count="total">{len(members)}</td>{counted}{bulk}</tr>')
        tables.append(f'<table id="by-{group}"><tr><th>{group}</th><th>fixes</th>{head}</tr>{"".join(rows)}</table>')
    return '<section id="summary">' + "".join(tables) + "</section>"


def _select(name: str, everything: str, values: list[str]) -> str:
    """A filter menu; its first choice names it, so the header needs no labels."""
    options = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
    return (f'<select id="filter-{name}" aria-label="{name}" title="{name}">'
            f'<option value="">{everything}</option>{options}</select>')


def _filters(proposals: list[Proposal]) -> str:
    passes = sorted({p.pass_name for p in proposals})
    terms = sorted({p.term for p in proposals})
    return (
        '<span id="filters">'
        + _select("pass", "all passes", passes) + _select("term", "all terms", terms)
        + '<label>score <input id="filter-min-score" type="number" min="0" max="1" step="0.01" value="0">'
        '</label><label>– <input id="filter-max-score" type="number" min="0" max="1" step="0.01" value="1">'
        '</label>' + _select("decision", "all decisions", list(DECISIONS))
        + f'<span id="shown">{len(proposals)}/{len(proposals)} shown</span>'
        '<button id="accept-shown" type="button" title="Accept every pending fix the filters show">accept shown'
        '</button><button id="reject-shown" type="button" title="Reject every pending fix the filters show">'
        'reject shown</button><button id="undo" type="button" title="Undo the last decision (u)">undo</button>'
        '<button id="export-csv" type="button" title="Export decisions (CSV) for asr-cleanup apply">export CSV'
        '</button></span>'
    )


def _file_section(file: str, proposals: list[Proposal]) -> str:
    return (f'<section class="file"><h2>{escape(file)} <small>{len(proposals)} fix(es)</small></h2>'
            + "".join(_proposal(p) for p in proposals) + "</section>")


def _proposal(p: Proposal) -> str:
    buttons = "".join(f'<button type="button" data-action="{action}" title="{tip}">{label}</button>'
                      for action, label, tip in ACTIONS)
    return (
        f'<article class="proposal" id="p-{p.id}" data-fix-id="{p.id}" data-id="{p.id}" '
        f'data-file="{escape(p.file)}" data-pass="{escape(p.pass_name)}" data-term="{escape(p.term)}" '
        f'data-score="{p.score}" data-decision="{p.decision}">'
        f'<div class="where"><span class="file">{escape(p.file)}</span>:{p.line}:{p.column} · '
        f'{escape(p.pass_name)} · <b>{escape(p.term)}</b> · score {p.score:g} · <code>{p.id}</code></div>'
        f'<div class="diff">{escape(p.context_before)}<del>{escape(p.original)}</del>'
        f'<ins>{escape(p.replacement)}</ins>{escape(p.context_after)}</div>'
        f'<div class="reason">{escape(p.reason)}</div>'
        f'<div class="actions">{buttons}<input class="edit-text" type="text" value="{escape(p.replacement)}" '
        f'hidden aria-label="replacement"><span class="decision">{p.decision}</span></div></article>'
    )
