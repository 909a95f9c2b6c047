"""A self-contained HTML report: summary, fixes in context, filters, in-page decisions, CSV export."""
from __future__ import annotations

import json
from collections import Counter
from html import escape
from importlib import resources

from .model import COLUMNS, DECISIONS, Proposal, ReviewSet

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
ACTIONS = (("accepted", "Accept"), ("rejected", "Reject"), ("edited", "Edit"), ("pending", "Reset"))


def html_report(review_set: ReviewSet, title: str = "asr-cleanup review") -> str:
    """The report as one HTML page that needs no network: CSS, JavaScript and data are inline."""
    proposals = list(review_set)
    body = [
        f"<header><h1>{escape(title)}</h1>",
        _summary(proposals),
        _filters(proposals),
        "</header><main>",
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


def _asset(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


def _data_json(proposals: list[Proposal]) -> str:
    rows = [p.to_record() for p in proposals]
    text = json.dumps({"columns": list(COLUMNS), "rows": rows}, ensure_ascii=False)
    return text.replace("<", "\\u003c")


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
            rows.append(f'<tr data-key="{escape(key)}"><th>{escape(key)}</th><td data-count="total">{len(members)}'
                        "</td>" + "".join(f'<td data-count="{d}">{counts[d]}</td>' for d in DECISIONS) + "</tr>")
        tables.append(f'<table id="by-{group}"><tr><th>{group}</th><th>fixes</th>{head}</tr>{"".join(rows)}</table>')
    return '<section id="summary">' + "".join(tables) + "</section>"


def _options(values: list[str]) -> str:
    return '<option value="">all</option>' + "".join(
        f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)


def _filters(proposals: list[Proposal]) -> str:
    passes = sorted({p.pass_name for p in proposals})
    terms = sorted({p.term for p in proposals})
    return (
        '<section id="filters">'
        f'<label>Pass <select id="filter-pass">{_options(passes)}</select></label>'
        f'<label>Term <select id="filter-term">{_options(terms)}</select></label>'
        '<label>Score from <input id="filter-min-score" type="number" min="0" max="1" step="0.01" value="0">'
        '</label><label>to <input id="filter-max-score" type="number" min="0" max="1" step="0.01" value="1">'
        f'</label><label>Decision <select id="filter-decision">{_options(list(DECISIONS))}</select></label>'
        f'<span id="shown">{len(proposals)} of {len(proposals)} shown</span>'
        '<button id="export-csv" type="button">Export decisions (CSV)</button></section>'
    )


def _file_section(file: str, proposals: list[Proposal]) -> str:
    return (f'<section class="file"><h2>{escape(file)} <small>{len(proposals)} fix(es)</small></h2>'
            + "".join(_proposal(p) for p in proposals) + "</section>")


def _proposal(p: Proposal) -> str:
    buttons = "".join(f'<button type="button" data-action="{a}">{label}</button>' for a, label in ACTIONS)
    return (
        f'<article class="proposal" id="p-{p.id}" data-id="{p.id}" data-pass="{escape(p.pass_name)}" '
        f'data-term="{escape(p.term)}" data-score="{p.score}" data-decision="{p.decision}">'
        f'<div class="where">{p.line}:{p.column} · {escape(p.pass_name)} · <b>{escape(p.term)}</b> · '
        f'score {p.score:g} · <code>{p.id}</code></div>'
        f'<div class="diff">{escape(p.context_before)}<del>{escape(p.original)}</del>'
        f'<ins>{escape(p.replacement)}</ins>{escape(p.context_after)}</div>'
        f'<div class="reason">{escape(p.reason)}</div>'
        f'<div class="actions">{buttons}<input class="edit-text" type="text" value="{escape(p.replacement)}" '
        f'hidden aria-label="replacement"><span class="decision">{p.decision}</span></div></article>'
    )
