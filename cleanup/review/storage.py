"""Read and write review sets as CSV, JSON Lines and XLSX (through pandas)."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import math
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..errors import InputError
from ..formats import open_regular
from ..safeio import atomic_write, write_new
from .model import ACCEPTED, COLUMNS, EDITED, Proposal, ReviewError, ReviewSet, normalize_decision, proposal_id

REQUIRED = ("file", "line", "column", "original", "replacement", "decision")
_INTS = ("line", "column", "start", "end")
UNKNOWN_OFFSET = -1
#: The formats a review set is written in, by file extension
REVIEW_SUFFIXES = (".csv", ".jsonl", ".xlsx")


def to_frame(review_set: ReviewSet) -> pd.DataFrame:
    """One row per proposal, columns in :data:`COLUMNS` order (``pass`` for the pass name)."""
    return pd.DataFrame([p.to_record() for p in review_set], columns=list(COLUMNS))


def from_frame(frame: pd.DataFrame, where: str = "<review>", rows: list[str] | None = None) -> ReviewSet:
    """Proposals from rows; decisions may be spelled loosely, and only :data:`REQUIRED` columns must be
    there (without ``start``/``end`` the offsets are found from line and column when applying).

    A bad value raises ReviewError naming ``where`` and the row (``rows`` gives each row's place,
    e.g. ``:3`` for a JSON Lines line; by default ``: row N``, the spreadsheet's row number)."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ReviewError(f"{where}: missing column(s) {', '.join(missing)}")
    proposals = []
    for index, row in enumerate(frame.to_dict("records")):
        place = rows[index] if rows else f": row {index + 2}"
        try:
            proposals.append(_proposal(row))
        except (ValueError, TypeError) as exc:
            raise ReviewError(f"{where}{place}: {exc}") from None
    try:
        return ReviewSet(proposals)
    except ReviewError as exc:
        raise ReviewError(f"{where}: {exc}") from None


def _proposal(row: dict) -> Proposal:
    text = {k: _text(row.get(k)) for k in COLUMNS if k not in _INTS + ("score",)}
    ints = {k: _whole(row.get(k), k) for k in _INTS}
    for name in ("line", "column"):
        if ints[name] < 1:
            raise ReviewError(f"{name} must be a whole number from 1, not {_text(row.get(name))!r}")
    start, end = ints["start"], ints["end"]
    if (start == UNKNOWN_OFFSET) != (end == UNKNOWN_OFFSET) or min(start, end) < UNKNOWN_OFFSET or end < start:
        # end < start would apply as text written twice over, so offsets must make a span, or be left out
        raise ReviewError(f"start and end must both be left empty, or be offsets with start <= end "
                          f"(start {_text(row.get('start'))!r}, end {_text(row.get('end'))!r})")
    decision = normalize_decision(text["decision"])
    proposed = text["proposed"] if "proposed" in row else text["replacement"]
    if decision == ACCEPTED and text["replacement"] != proposed:
        decision = EDITED
    text.update(decision=decision, proposed=proposed)
    text["id"] = text["id"] or proposal_id(text["file"], ints["start"], text["original"], proposed)
    score = _text(row.get("score")).strip()
    if score and not math.isfinite(_number(score, "score")):
        raise ReviewError(f"score must be a number, not {score!r}")
    return Proposal(**{("pass_name" if k == "pass" else k): v for k, v in text.items()}, **ints,
                    score=float(score) if score else 0.0)


def _whole(value: object, name: str) -> int:
    """A whole number from a cell (``3``, ``"3"``, ``3.0`` as a spreadsheet stores it); empty is
    :data:`UNKNOWN_OFFSET`. Anything else (``1.5``, ``1e400``, NaN, ``true``, a list) is refused."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    cell = _text(value).strip()
    if not cell:
        return UNKNOWN_OFFSET
    with contextlib.suppress(ValueError):
        return int(cell)
    try:
        number = math.nan if isinstance(value, bool) else float(cell)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and number.is_integer()):
        raise ReviewError(f"{name} must be a whole number, not {cell!r}")
    return int(number)


def _number(cell: str, name: str) -> float:
    try:
        return float(cell)
    except ValueError:
        raise ReviewError(f"{name} must be a number, not {cell!r}") from None


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def check_review_suffix(path: str | Path) -> None:
    """Refuse to write a review set to a file whose extension names none of its formats (a CSV written
    to review.pdf would surprise whoever opens it)."""
    suffix = Path(path).suffix.lower()
    if suffix not in REVIEW_SUFFIXES:
        named = f"not {Path(path).suffix}" if suffix else "and this name has none"
        raise ReviewError(f"{path}: a review file's extension is .csv, .jsonl or .xlsx, {named}")


def review_bytes(review_set: ReviewSet, suffix: str) -> bytes:
    """The review set in the format ``suffix`` names: .csv, .jsonl or .xlsx (ReviewError for others)."""
    suffix = suffix.lower()
    if suffix not in REVIEW_SUFFIXES:
        raise ReviewError(f"a review file is .csv, .jsonl or .xlsx, not {suffix or 'a name without an extension'}")
    frame = to_frame(review_set)
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
    check_review_suffix(path)
    atomic_write(path, review_bytes(review_set, path.suffix))


def export_review(review_set: ReviewSet, path: str | Path, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Write the review set to ``path`` alone, under the one output policy of
    :func:`~cleanup.safeio.write_new`: never onto one of ``inputs``, through a symlink, or over a file
    that holds something unless ``force`` (the refusal is :class:`~cleanup.safeio.UnsafeOutput`)."""
    path = Path(path)
    check_review_suffix(path)
    write_new(path, review_bytes(review_set, path.suffix), force, inputs)


def read_review(path: str | Path) -> ReviewSet:
    """Read a review set written by :func:`write_review`, or edited by a person in a spreadsheet."""
    return from_frame(*read_frame(path))


def read_frame(path: str | Path) -> tuple[pd.DataFrame, str, list[str] | None]:
    """The rows of a review file as text (JSON Lines: as JSON values), with what :func:`from_frame`
    needs to name the file and each row. Raises ReviewError for a file that is not a review file."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        with open_regular(path, "a review file") as stream:  # a named pipe would block the read
            data = stream.read()
    except FileNotFoundError:
        raise ReviewError(f"no review file {path}") from None
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read review file: {exc.strerror}") from None
    except InputError as exc:
        raise ReviewError(str(exc)) from None
    if suffix == ".jsonl":
        return _jsonl_frame(data, path)
    try:
        if suffix == ".xlsx":
            _require_openpyxl()
            frame = pd.read_excel(io.BytesIO(data), engine="openpyxl", dtype=str, keep_default_na=False)
        else:
            frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except ReviewError:
        raise
    except Exception as exc:  # a damaged workbook raises any of zipfile's, openpyxl's or pandas' errors
        raise ReviewError(f"{path}: cannot read review file: {exc or type(exc).__name__}") from None
    return frame, str(path), None


def _jsonl_frame(data: bytes, path: Path) -> tuple[pd.DataFrame, str, list[str]]:
    """One row per non-blank line, each of which must be a JSON object."""
    records, rows = [], []
    for number, line in enumerate(data.removeprefix(b"\xef\xbb\xbf").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            raise ReviewError(f"{path}:{number}: not JSON ({exc})") from None
        if not isinstance(record, dict):
            raise ReviewError(f"{path}:{number}: a review row must be a JSON object, not {type(record).__name__}")
        records.append(record)
        rows.append(f":{number}")
    return pd.DataFrame(records, columns=None if records else list(COLUMNS)), str(path), rows


def _require_openpyxl() -> None:
    if importlib.util.find_spec("openpyxl") is None:
        raise ReviewError("XLSX needs openpyxl: pip install 'asr-cleanup[xlsx]'")
