"""`asr-cleanup fix` and `asr-cleanup diff` as the benchmark harness and people drive them."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
TERMS = str(FIXTURES / "terms.txt")
# Most tests run only the known-variants pass: it needs no word segmenter, so they run faster.
LEXICON = ["--lexicon", TERMS, "--no-default-lexicons", "--passes", "known-variants"]


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("今天上汤发布了新模型。\n", "utf-8")
    shutil.copy(FIXTURES / "sample.srt", folder / "sub" / "b.srt")
    shutil.copy(FIXTURES / "whisper.json", folder / "c.json")
    return folder


def test_harness_form_single_file(tmp_path, raw):
    out = tmp_path / "out.txt"
    result = run("fix", raw / "a.txt", "--lexicon", TERMS, "--no-default-lexicons", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == "今天商汤发布了新模型。\n"
    assert (raw / "a.txt").read_text("utf-8") == "今天上汤发布了新模型。\n"


def test_harness_form_folder(tmp_path, raw):
    before = {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}
    result = run("fix", raw, "--lexicon", TERMS, "--no-default-lexicons", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file()) \
        == ["a.txt", "c.json", "sub/b.srt"]
    assert "<i>商汤</i>" in (tmp_path / "out" / "sub" / "b.srt").read_text("utf-8")
    assert before == {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}


def test_several_lexicons_and_toml(tmp_path, raw):
    toml = tmp_path / "more.toml"
    toml.write_text('[[term]]\ntext = "发布会"\nvariants = ["发不会"]\n', "utf-8")
    (raw / "a.txt").write_text("上汤的发不会\n", "utf-8")
    result = run("fix", raw / "a.txt", "--lexicon", TERMS, "--lexicon", toml, "--no-default-lexicons",
                 "--passes", "known-variants", "-o", tmp_path / "out.txt")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.txt").read_text("utf-8") == "商汤的发布会\n"


def test_single_input_goes_to_stdout(raw):
    result = run("fix", raw / "a.txt", *LEXICON, "--quiet")
    assert result.exit_code == 0
    assert result.stdout == "今天商汤发布了新模型。\n"


def test_jobs_2(tmp_path, raw):
    result = run("fix", raw, *LEXICON, "-o", tmp_path / "out", "--jobs", "2", "--quiet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "a.txt").read_text("utf-8") == "今天商汤发布了新模型。\n"
    assert "商汤" in json.loads((tmp_path / "out" / "c.json").read_text("utf-8"))["text"]


def test_in_place_with_and_without_backup(raw):
    result = run("fix", raw / "a.txt", *LEXICON, "--in-place")
    assert result.exit_code == 0, result.output
    assert (raw / "a.txt").read_text("utf-8") == "今天商汤发布了新模型。\n"
    assert (raw / "a.txt.bak").read_text("utf-8") == "今天上汤发布了新模型。\n"
    result = run("fix", raw / "sub" / "b.srt", *LEXICON, "--in-place", "--no-backup")
    assert result.exit_code == 0
    assert sorted(p.name for p in (raw / "sub").iterdir()) == ["b.srt"]


def test_no_backup_needs_in_place(raw, tmp_path):
    assert run("fix", raw / "a.txt", *LEXICON, "--no-backup", "-o", tmp_path / "o.txt").exit_code == 2


def test_existing_output_needs_force(tmp_path, raw):
    out = tmp_path / "out.txt"
    out.write_text("keep me", "utf-8")
    result = run("fix", raw / "a.txt", *LEXICON, "-o", out)
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    assert out.read_text("utf-8") == "keep me"
    assert run("fix", raw / "a.txt", *LEXICON, "-o", out, "--force").exit_code == 0
    assert out.read_text("utf-8") == "今天商汤发布了新模型。\n"


def test_check_exit_codes_and_writes_nothing(tmp_path, raw):
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run("fix", raw, *LEXICON, "--check")
    assert result.exit_code == 1
    assert f"would fix {raw / 'a.txt'} (1 edits)" in result.stderr
    assert before == {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    clean = tmp_path / "clean.txt"
    clean.write_text("没有要改的\n", "utf-8")
    assert run("fix", clean, *LEXICON, "--check").exit_code == 0
    assert run("fix", raw, *LEXICON, "--check", "-o", tmp_path / "out").exit_code == 2


def test_diff_applies_with_git(tmp_path, raw, monkeypatch):
    monkeypatch.chdir(raw)
    (raw / "crlf.md").write_bytes("# 上汤\r\n\r\n上汤 `上汤`\r\n".encode())
    result = run("fix", ".", *LEXICON, "--diff", "--quiet")
    assert result.exit_code == 0, result.output
    assert "+++ b/sub/b.srt" in result.stdout and "+++ b/crlf.md" in result.stdout
    subprocess.run(["git", "init", "-q"], check=True)
    patch = raw / ".." / "fix.patch"
    patch.write_bytes(result.stdout_bytes)
    subprocess.run(["git", "apply", "--check", str(patch)], check=True)
    subprocess.run(["git", "apply", str(patch)], check=True)
    assert (raw / "a.txt").read_text("utf-8") == "今天商汤发布了新模型。\n"
    assert (raw / "crlf.md").read_bytes() == "# 商汤\r\n\r\n商汤 `上汤`\r\n".encode()


def test_diff_with_output_writes_too(tmp_path, raw):
    result = run("fix", raw / "a.txt", *LEXICON, "--diff", "-o", tmp_path / "out.txt")
    assert "+今天商汤发布了新模型。" in result.stdout
    assert (tmp_path / "out.txt").exists()


def test_output_inside_input_tree_is_refused(raw):
    result = run("fix", raw, *LEXICON, "-o", raw / "fixed")
    assert result.exit_code == 2
    assert "inside the input folder" in result.stderr
    assert not (raw / "fixed").exists()


def test_symlink_escape_is_refused(tmp_path, raw):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    result = run("fix", raw, *LEXICON, "-o", out)
    assert result.exit_code == 1
    assert "leads outside" in result.stderr
    assert list(outside.iterdir()) == []
    assert (out / "a.txt").exists()


def test_symlinked_output_file_is_refused_even_with_force(tmp_path, raw):
    target = tmp_path / "target.txt"
    target.write_text("precious", "utf-8")
    (tmp_path / "out.txt").symlink_to(target)
    result = run("fix", raw / "a.txt", *LEXICON, "-o", tmp_path / "out.txt", "--force")
    assert result.exit_code == 1 and "is a symlink" in result.stderr
    assert target.read_text("utf-8") == "precious"


def test_edit_record(tmp_path, raw):
    edits = tmp_path / "edits.jsonl"
    result = run("fix", raw / "a.txt", *LEXICON, "-o", tmp_path / "o.txt", "--edits", edits)
    assert result.exit_code == 0
    records = [json.loads(line) for line in edits.read_text("utf-8").splitlines()]
    [record] = records
    assert record["reason"].startswith("'上汤' is a listed variant of 商汤; confidence")
    assert 0.9 < record.pop("confidence") <= 1.0
    assert record == {"file": str(raw / "a.txt"), "line": 1, "column": 3, "original": "上汤", "replacement": "商汤",
                      "pass": "known-variants", "term": "商汤", "reason": record["reason"]}


def test_pass_selection_and_options(raw):
    assert run("fix", raw / "a.txt", *LEXICON, "--disable-pass", "known-variants",
               "--disable-pass", "pinyin", "--check").exit_code == 0
    assert run("fix", raw / "a.txt", *LEXICON, "--passes", "latin,known-variants", "--check").exit_code == 1


def test_pass_option_value_is_json(tmp_path):
    (tmp_path / "t.txt").write_text("上当科技\n", "utf-8")
    (tmp_path / "terms.txt").write_text("商汤科技\n", "utf-8")
    args = ["fix", tmp_path / "t.txt", "--lexicon", tmp_path / "terms.txt", "--no-default-lexicons", "--passes", "pinyin", "-q"]
    assert run(*args).output == "商汤科技\n"
    assert run(*args, "--pass-option", 'pinyin.min_similarity={"2": 0.99}').output == "上当科技\n"


@pytest.mark.parametrize("args, message", [
    (["--passes", "nope"], "unknown pass(es) nope"),
    (["--disable-pass", "nope"], "unknown pass(es) nope"),
    (["--pass-option", "known-variants.nope=1"], "has no option"),
    (["--pass-option", "broken"], "is not PASS.KEY=VALUE"),
    (["--encoding", "klingon"], "unknown encoding"),
    (["--format", "docx"], "Invalid value for '--format'"),
])
def test_bad_options_are_usage_errors(raw, args, message):
    result = run("fix", raw / "a.txt", *LEXICON, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_bad_lexicon_is_a_usage_error(tmp_path, raw):
    bad = tmp_path / "bad.txt"
    bad.write_text("| 上汤\n", "utf-8")
    result = run("fix", raw / "a.txt", "--lexicon", bad, "--no-default-lexicons")
    assert result.exit_code == 2 and "bad.txt:1: empty term" in result.stderr


def test_failures_are_listed_and_the_rest_is_done(tmp_path, raw):
    (raw / "broken.json").write_text('{"segments": [', "utf-8")
    (raw / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = run("fix", raw, *LEXICON, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"error: {raw / 'binary.txt'}: looks like a binary file" in result.stderr
    assert f"error: {raw / 'broken.json'}:1: invalid JSON" in result.stderr
    assert "5 (3 changed, 2 failed)" in result.stderr
    assert (tmp_path / "out" / "a.txt").exists() and not (tmp_path / "out" / "broken.json").exists()


def test_quiet_hides_the_summary(tmp_path, raw):
    result = run("fix", raw, *LEXICON, "-o", tmp_path / "out", "--quiet")
    assert result.stderr == ""
    result = run("fix", raw, *LEXICON, "-o", tmp_path / "out2")
    assert "by term" in result.stderr and "商汤: 7" in result.stderr


def test_several_inputs_need_an_output(raw):
    result = run("fix", raw / "a.txt", raw / "c.json", *LEXICON)
    assert result.exit_code == 2 and "several inputs need -o" in result.stderr


def test_word_diff_command(raw):
    result = run("diff", raw / "a.txt", raw / "sub" / "b.srt", *LEXICON, "--no-color")
    assert result.exit_code == 0
    assert "1: 今天[-上汤-]{+商汤+}发布了新模型。" in result.stdout
    assert "7: <i>[-上汤-]{+商汤+}</i>最新的模型" in result.stdout
    colored = run("diff", raw / "a.txt", *LEXICON, "--color")
    assert "\x1b[31m[-上汤-]" in colored.stdout


def test_word_diff_command_reports_bad_files(tmp_path, raw):
    (raw / "broken.json").write_text("{", "utf-8")
    result = run("diff", raw, *LEXICON, "--no-color")
    assert result.exit_code == 1
    assert "broken.json:1: invalid JSON" in result.stderr
    assert "[-上汤-]{+商汤+}" in result.stdout


def test_progress_bar_only_on_a_terminal_for_several_files(tmp_path):
    import io

    from rich.console import Console

    from cleanup.batch import FileResult, Job
    from cleanup.cli.fix import progress_bar

    jobs = [Job(tmp_path / f"{i}.txt") for i in range(3)]
    terminal = Console(file=io.StringIO(), force_terminal=True)
    with progress_bar(terminal, jobs, enabled=True) as advance:
        assert advance is not None
        advance(FileResult(jobs[0].source))
    for console, some_jobs, enabled in [(Console(file=io.StringIO()), jobs, True), (terminal, jobs[:1], True),
                                        (terminal, jobs, False)]:
        with progress_bar(console, some_jobs, enabled) as advance:
            assert advance is None


def test_the_program_keeps_its_exit_codes_and_output(tmp_path):
    """``python -m cleanup`` and the ``asr-cleanup`` script run :func:`cleanup.cli.run`, which leaves
    without the interpreter's last collection: the exit code and the committed output are unchanged."""
    import sys

    from cleanup.cli.engine_options import tomllib
    scripts = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["asr-cleanup"] == "cleanup.cli:run"
    (tmp_path / "talk.txt").write_text("上汤科技发布了新模型。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cleanup", "fix", str(tmp_path / "talk.txt"), "-o",
                           str(tmp_path / "out.txt")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "商汤科技发布了新模型。\n"
    missing = subprocess.run([sys.executable, "-m", "cleanup", "fix", str(tmp_path / "none.txt")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "does not exist" in missing.stderr
