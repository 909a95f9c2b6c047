"""Accepting every fix of a review and applying it writes exactly what `fix` writes, byte for byte."""
import json

from click.testing import CliRunner

from cleanup.cli import main
from cleanup.review import read_review, write_review

TERMS = "商汤科技 | 上汤科技\n徐立\n日日新\n大模型\nSenseTime\n"
TRANSCRIPTS = {
    "a.txt": "上汤科技董事长徐丽发布了日日心大魔型。\nSands time is here, welcome.\n这一行不用改。\n".encode(),
    "b.md": "# 上汤科技的论坛\n\n徐丽博士介绍了日日心。\n\n```\n上汤科技 in code\n```\n".encode(),
    "c.srt": "1\r\n00:00:01,000 --> 00:00:02,000\r\n大魔型来自上汤科技\r\n\r\n".encode(),
}
LEXICON_OPTIONS = ["--lexicon", "terms.txt", "--no-default-lexicons"]


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_accepted_review_applies_as_fix_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "terms.txt").write_text(TERMS, encoding="utf-8")
    (tmp_path / "talks").mkdir()
    for name, data in TRANSCRIPTS.items():
        (tmp_path / "talks" / name).write_bytes(data)
    inputs = [f"talks/{name}" for name in TRANSCRIPTS]

    run("fix", *inputs, *LEXICON_OPTIONS, "-o", "fixed", "--edits", "edits.jsonl", "-q")
    records = [json.loads(line) for line in (tmp_path / "edits.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["pass"] for r in records} == {"known-variants", "pinyin", "latin"}

    run("review", *inputs, *LEXICON_OPTIONS, "--export", "review.csv")
    review_set = read_review("review.csv")
    assert len(review_set) == len(records)
    for proposal in list(review_set):
        review_set.decide(proposal.id, "accepted")
    write_review(review_set, "review.csv")
    run("apply", "review.csv", "-o", "applied")

    for name, data in TRANSCRIPTS.items():
        fixed = (tmp_path / "fixed" / name).read_bytes()
        assert fixed != data
        assert (tmp_path / "applied" / name).read_bytes() == fixed, name
