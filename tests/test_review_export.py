"""`asr-cleanup review --export`: the review set the benchmark harness and spreadsheets read."""
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.formats import read_source
from cleanup.render import edit_records, jsonl
from cleanup.review import ReviewError, proposal_id, read_review, write_review
from cleanup.review.sources import sha256_hex

FIXTURES = Path(__file__).parent / "fixtures" / "review"
RAW = ["transcripts/meeting.txt", "transcripts/notes.txt"]
LEXICON = ["--lexicon", "lexicon.txt", "--no-default-lexicons"]
HARNESS_COLUMNS = ["id", "file", "line", "column", "original", "replacement", "pass", "term", "score", "reason",
                   "decision"]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result


def export(*extra):
    result = run("review", *RAW, *LEXICON, "--export", "review.csv", *extra)
    assert result.exit_code == 0, result.output
    return read_review("review.csv")


def test_export_writes_csv_with_the_harness_columns(workdir):
    export()
    frame = pd.read_csv("review.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns[:len(HARNESS_COLUMNS)]) == HARNESS_COLUMNS
    assert {"proposed", "start", "end", "source_sha256", "context_before", "context_after"} <= set(frame.columns)
    assert set(frame["decision"]) == {"pending"}
    assert (frame["file"] == "transcripts/meeting.txt").sum() == 7
    assert (frame["file"] == "transcripts/notes.txt").sum() == 3
    assert (workdir / "review.csv").read_bytes().startswith(b"id,file,line,column")


def test_export_writes_only_the_format_asked_for(workdir):
    review_set = export()
    assert sorted(p.name for p in workdir.glob("review.*")) == ["review.csv"]
    for name in ("review.jsonl", "review.xlsx"):
        result = run("review", *RAW, *LEXICON, "--export", name)
        assert result.exit_code == 0, result.output
        assert [vars(p) for p in read_review(name)] == [vars(p) for p in review_set]
    assert sorted(p.name for p in workdir.glob("review.*")) == ["review.csv", "review.jsonl", "review.xlsx"]
    first = json.loads((workdir / "review.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["original"] == "上汤" and first["replacement"] == "商汤"


@pytest.mark.parametrize("option, name, shown", [("--export", "review.pdf", "not .pdf"),
                                                  ("--export", "review", "and this name has none"),
                                                  ("--state", "state.txt", "not .txt")])
def test_a_review_file_whose_extension_names_no_format_is_a_usage_error(workdir, option, name, shown):
    result = run("review", *RAW, *LEXICON, option, name)
    assert result.exit_code == 2, result.output
    assert f"{name}: a review file's extension is .csv, .jsonl or .xlsx, {shown}" in result.output
    assert not (workdir / name).exists() and not (workdir / "transcripts" / "asr-cleanup-review.csv").exists()


def test_the_api_refuses_to_write_a_review_set_in_no_named_format(workdir):
    review_set = export()
    with pytest.raises(ReviewError, match="not .pdf"):
        write_review(review_set, workdir / "review.pdf")
    assert not (workdir / "review.pdf").exists()


def test_an_existing_export_or_report_is_kept_without_force(workdir):
    (workdir / "review.csv").write_text("keep me\n", encoding="utf-8")
    (workdir / "report.html").write_text("keep me too\n", encoding="utf-8")
    for target in (["--export", "review.csv"], ["--html", "report.html"], ["--export", "new.csv", "--html",
                                                                          "report.html"]):
        result = run("review", *RAW, *LEXICON, *target)
        assert result.exit_code == 2
        assert f"error: {target[-1]}: already exists; use --force to overwrite" in result.output
    assert (workdir / "review.csv").read_text(encoding="utf-8") == "keep me\n"
    assert (workdir / "report.html").read_text(encoding="utf-8") == "keep me too\n"
    assert not (workdir / "new.csv").exists()
    result = run("review", *RAW, *LEXICON, "--export", "review.csv", "--html", "report.html", "--force")
    assert result.exit_code == 0, result.output
    assert len(read_review("review.csv")) == 10 and "<!DOCTYPE html>" in (workdir / "report.html").read_text()


@pytest.mark.parametrize("target", ["transcripts/meeting.txt", "lexicon.txt", "./transcripts/notes.txt"])
def test_an_export_never_lands_on_an_input(workdir, target):
    before = (workdir / target).read_bytes()
    result = run("review", *RAW, *LEXICON, "--html", target, "--force")
    assert result.exit_code == 2 and f"error: {target}: is an input" in result.output
    result = run("review", *RAW, *LEXICON, "--export", target, "--force")  # refused by its extension first
    assert result.exit_code == 2 and "a review file's extension is" in result.output
    assert (workdir / target).read_bytes() == before


@pytest.fixture
def edit_record(workdir):
    result = run("fix", *RAW, *LEXICON, "-o", "fixed", "--edits", "edits.jsonl")
    assert result.exit_code == 0, result.output
    return workdir / "edits.jsonl"


def test_an_export_never_lands_on_the_edit_record_it_reviews(edit_record):
    before = edit_record.read_bytes()
    result = run("review", "--edits", "edits.jsonl", "--export", "edits.jsonl", "--force")
    assert result.exit_code == 2 and "error: edits.jsonl: is an input" in result.output
    assert edit_record.read_bytes() == before


def test_the_interactive_state_file_is_never_an_input(edit_record):
    before = edit_record.read_bytes()
    result = run("review", "--edits", "edits.jsonl", "--state", "edits.jsonl")
    assert result.exit_code == 2 and "is an input" in result.output
    assert edit_record.read_bytes() == before


def test_proposals_record_exact_offsets_context_and_source_hash(workdir):
    for proposal in export():
        source = read_source(proposal.file)
        text = source.document.text
        assert text[proposal.start:proposal.end] == proposal.original
        assert source.document.line_col(proposal.start) == (proposal.line, proposal.column)
        assert text[:proposal.start].endswith(proposal.context_before)
        assert text[proposal.end:].startswith(proposal.context_after)
        assert "\n" not in proposal.context_before + proposal.context_after
        assert proposal.source_sha256 == sha256_hex((workdir / proposal.file).read_bytes())


def test_ids_are_short_hex_unique_and_stable_across_runs(workdir):
    first = [p.id for p in export()]
    second = [p.id for p in export("--force")]
    assert first == second and len(set(first)) == len(first)
    assert all(len(i) == 12 and int(i, 16) >= 0 for i in first)
    proposal = read_review("review.csv")[first[0]]
    assert proposal.id == proposal_id(proposal.file, proposal.start, proposal.original, proposal.proposed)


def test_review_reads_an_edit_record_instead_of_running_passes(workdir):
    reviewed = export()
    records = []
    for file in reviewed.files():
        source = read_source(file)
        edits = [p.to_edit() for p in reviewed if p.file == file]
        records += edit_records(source.document, edits)
    for record in records:
        record["file"] = str(Path(record["file"]))
    (workdir / "edits.jsonl").write_text(jsonl(records), encoding="utf-8")
    result = run("review", "--edits", "edits.jsonl", "--export", "from-record.csv")
    assert result.exit_code == 0, result.output
    assert [vars(p) for p in read_review("from-record.csv")] == [vars(p) for p in reviewed]


def test_edit_record_that_does_not_match_the_file_is_refused(workdir):
    record = {"file": "transcripts/meeting.txt", "line": 1, "column": 1, "original": "上汤", "replacement": "商汤"}
    (workdir / "edits.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("review", "--edits", "edits.jsonl", "--export", "x.csv")
    assert result.exit_code != 0 and "does not have it there" in result.output


def test_spreadsheet_spellings_of_decisions_are_understood(workdir):
    export()
    frame = pd.read_csv("review.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "decision"] = "Y"
    frame.loc[1, "decision"] = "reject"
    frame.loc[2, ["decision", "replacement"]] = ["accepted", "大模型们"]
    frame.to_csv("review.csv", index=False)
    decisions = [(p.decision, p.replacement) for p in read_review("review.csv")][:3]
    assert decisions == [("accepted", "商汤"), ("rejected", "日日新"), ("edited", "大模型们")]
    frame.loc[0, "decision"] = "maybe"
    frame.to_csv("review.csv", index=False)
    with pytest.raises(ReviewError, match="unknown decision 'maybe'"):
        read_review("review.csv")


def test_filters_choose_what_is_exported(workdir):
    selected = export("--term", "商汤", "--file", "meeting.txt")
    assert {(p.term, p.file) for p in selected} == {("商汤", "transcripts/meeting.txt")}
    assert len(selected) == 3
    assert len(export("--min-score", "1", "--force")) == 0


def test_review_without_export_needs_a_terminal(workdir):
    result = run("review", *RAW, *LEXICON)
    assert result.exit_code != 0 and "not a terminal" in result.output


def test_csv_round_trip_keeps_text_that_looks_like_numbers_or_nothing(workdir):
    review_set = export()
    first = next(iter(review_set))
    review_set.decide(first.id, "edited", "")
    write_review(review_set, "edited.csv")
    assert read_review("edited.csv")[first.id].replacement == ""
    review_set.decide(first.id, "edited", "007")
    write_review(review_set, "edited.csv")
    assert read_review("edited.csv")[first.id].replacement == "007"
