"""Review proposed fixes before applying them: review sets, their files, the terminal session,
the HTML report, apply, patch and acceptance statistics.

A notebook can drive the whole loop::

    review_set = review_files(["talk.txt"], load_lexicons(["team.txt"]))
    export_review(review_set, "review.csv")          # or .jsonl, .xlsx; refuses to overwrite
    review_set.decide(next(iter(review_set)).id, "accepted")
    write_targets(output_targets(applied_files(review_set), "out/"))
"""
from .apply import AppliedFile, applied_files, check_in_place, output_targets, write_in_place, write_targets
from .filters import Filters
from .html_report import html_report
from .model import ACCEPTED, DECISIONS, EDITED, PENDING, REJECTED, Proposal, ReviewError, ReviewSet, proposal_id
from .patch import review_patch
from .propose import review_edit_record, review_files
from .session import ReviewSession
from .sources import Sources
from .stats import acceptance_stats, format_stats
from .storage import check_review_suffix, export_review, read_review, review_bytes, write_review
from .terminal import run_terminal_review

__all__ = [
    "ACCEPTED", "DECISIONS", "EDITED", "PENDING", "REJECTED", "AppliedFile", "Filters", "Proposal",
    "ReviewError", "ReviewSession", "ReviewSet", "Sources", "acceptance_stats", "applied_files",
    "check_in_place", "check_review_suffix", "export_review", "format_stats", "html_report", "output_targets",
    "proposal_id", "read_review", "review_bytes", "review_edit_record", "review_files", "review_patch",
    "run_terminal_review", "write_in_place", "write_review", "write_targets",
]
