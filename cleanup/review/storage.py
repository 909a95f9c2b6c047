"""Read and write review sets as CSV, JSON Lines and XLSX (through pandas)."""
from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..safeio import atomic_write, write_new
from .model import ACCEPTED, COLUMNS, EDITED, Proposal, ReviewError, ReviewSet, normalize_decision, proposal_id

REQUIRED = ("file", "line", "column", "original", "replacement", "decision")
_INTS = ("line", "column", "start", "end")
UNKNOWN_OFFSET = -1


def to_frame(review_set: ReviewSet) -> pd.DataFrame:
    """One row per proposal, columns in :data:`COLUMNS` order (``pass`` for the pass name)."""
    return pd.DataFrame([p.to_record() for p in review_set], columns=list(COLUMNS))


def from_frame(frame: pd.DataFrame, where: str = "<review>") -> ReviewSet:
    """Proposals from rows; decisions may be spelled loosely, and only :data:`REQUIRED` columns must be
    there (without ``start``/``end`` the offsets are found from line and column when applying)."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ReviewError(f"{where}: missing column(s) {', '.join(missing)}")
    proposals = []
    for number, row in enumerate(frame.to_dict("records"), 2):
        try:
            proposals.append(_proposal(row))
        except (ValueError, TypeError) as exc:
            raise ReviewError(f"{where}: row {number}: {exc}") from None
    return ReviewSet(proposals)


def _proposal(row: dict) -> Proposal:
    text = {k: _text(row.get(k)) for k in COLUMNS if k not in _INTS + ("score",)}
    ints = {k: int(float(row[k])) if _text(row.get(k)) else UNKNOWN_OFFSET for k in _INTS}
    decision = normalize_decision(text["decision"])
    proposed = text["proposed"] if "proposed" in row else text["replacement"]
    if decision == ACCEPTED and text["replacement"] != proposed:
        decision = EDITED
    text.update(decision=decision, proposed=proposed)
    text["id"] = text["id"] or proposal_id(text["file"], ints["start"], text["original"], proposed)
    score = _text(row.get("score"))
    return Proposal(**{("pass_name" if k == "pass" else k): v for k, v in text.items()}, **ints,
                    score=float(score) if score else 0.0)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def review_bytes(review_set: ReviewSet, suffix: str) -> bytes:
    """The review set in the format ``suffix`` names (.csv, .jsonl or .xlsx; anything else is CSV)."""
    frame = to_frame(review_set)
    suffix = suffix.lower()
    if suffix == ".jsonl":
        return frame.to_json(orient="records", lines=True, force_ascii=False).encode("utf-8")
    if suffix == ".xlsx":
        _require_openpyxl()
        buffer = io.BytesIO()
        frame.to_excel(buffer, index=False, sheet_name="review")
        return buffer.getvalue()
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_review(review_set: ReviewSet, path: str | Path) -> None:
    """Write the review set atomically, replacing ``path`` (the interactive session's own state file)."""
    path = Path(path)
    atomic_write(path, review_bytes(review_set, path.suffix))


def export_review(review_set: ReviewSet, path: str | Path, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Write the review set to ``path`` alone, under the one output policy of
    :func:`~cleanup.safeio.write_new`: never onto one of ``inputs``, through a symlink, or over a file
    that holds something unless ``force`` (the refusal is :class:`~cleanup.safeio.UnsafeOutput`)."""
    path = Path(path)
    write_new(path, review_bytes(review_set, path.suffix), force, inputs)


def read_review(path: str | Path) -> ReviewSet:
    """Read a review set written by :func:`write_review`, or edited by a person in a spreadsheet."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl" and path.stat().st_size == 0:
            return ReviewSet()
        if suffix == ".jsonl":
            frame = pd.read_json(path, lines=True, dtype=False)
        elif suffix == ".xlsx":
            _require_openpyxl()
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReviewError(f"no review file {path}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ReviewError(f"cannot read review file {path}: {exc}") from None
    return from_frame(frame, str(path))


def _require_openpyxl() -> None:
    if importlib.util.find_spec("openpyxl") is None:
        raise ReviewError("XLSX needs openpyxl: pip install 'asr-cleanup[xlsx]'")
