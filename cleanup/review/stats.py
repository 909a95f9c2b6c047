"""How often reviewers accept each pass's, each term's and each score band's proposals."""
from __future__ import annotations

import pandas as pd

from .model import ACCEPTED, DECISIONS, EDITED, REJECTED, ReviewSet
from .storage import to_frame

SCORE_BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
GROUPS = {"pass": "pass", "term": "term", "score band": "score_band"}


def score_band(score: float) -> str:
    """The band a score falls in, e.g. ``0.90-0.95``; the last band includes 1.0."""
    for low, high in zip(SCORE_BANDS, SCORE_BANDS[1:]):
        if score < high or high == SCORE_BANDS[-1]:
            return f"{low:.2f}-{high:.2f}"
    return f"{SCORE_BANDS[-2]:.2f}-{SCORE_BANDS[-1]:.2f}"


def acceptance_stats(review_set: ReviewSet) -> dict[str, pd.DataFrame]:
    """Per grouping (pass, term, score band): counts per decision and the acceptance rate.

    The rate is (accepted + edited) / decided; pending proposals do not count, so a group with
    no decisions yet has no rate.
    """
    frame = to_frame(review_set)
    frame["score_band"] = frame["score"].map(score_band)
    tables = {}
    for title, column in GROUPS.items():
        table = pd.crosstab(frame[column], frame["decision"]).reindex(columns=list(DECISIONS), fill_value=0)
        decided = table[ACCEPTED] + table[EDITED] + table[REJECTED]
        table.insert(0, "proposals", table.sum(axis=1))
        table["acceptance"] = ((table[ACCEPTED] + table[EDITED]) / decided.where(decided > 0)).round(3)
        tables[title] = table.rename_axis(title).rename_axis(None, axis=1)
    return tables


def format_stats(review_set: ReviewSet) -> str:
    """The acceptance tables as plain text."""
    counts = review_set.counts()
    lines = [f"{len(review_set)} proposals: " + ", ".join(f"{counts[d]} {d}" for d in DECISIONS)]
    for title, table in acceptance_stats(review_set).items():
        lines += ["", f"Acceptance by {title}:", table.to_string(na_rep="-") if len(table) else "  (none)"]
    return "\n".join(lines) + "\n"
