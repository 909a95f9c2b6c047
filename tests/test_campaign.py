"""The safety campaign as property tests: side-output collisions (of fix, lexicon, review and apply), odd
encodings, non-files, malformed subtitles and JSON, malformed review rows, wrong lexicon value types and
long lines, drawn by hypothesis. For every case: no traceback (never exit 123, no "Traceback"),
no data loss (inputs and bystander files byte-identical afterwards), and either a correct result or a
clean `error:` message."""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cleanup.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
TERMS = "商汤 | 上汤\n"
WRONG, RIGHT = "上汤", "商汤"
CLI = str(Path(sys.executable).parent / "asr-cleanup")
CAMPAIGN = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def invoke(folder: Path, args: list) -> "click.testing.Result":
    """Run the CLI in ``folder`` (relative paths), checking there is no traceback and no internal error."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert result.exit_code in (0, 1, 2), result.output
    event(f"exit {result.exit_code}")  # --hypothesis-show-statistics shows the mix of outcomes
    return result


def snapshot(folder: Path) -> dict:
    """Every entry under ``folder``: bytes for files, the target for symlinks, None for anything else."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            entries[key] = ("link", os.readlink(path))
        elif path.is_file():
            entries[key] = path.read_bytes()
        else:
            entries[key] = None
    return entries


def no_output(folder: Path) -> bool:
    """Nothing written for a failed file (its output folder may have been created, empty)."""
    return not [p for p in (folder / "out").rglob("*") if not p.is_dir()] and not (folder / "r.csv").exists()


def lexicon_args(folder: Path) -> list:
    (folder / "terms.txt").write_text(TERMS, "utf-8")
    return ["--lexicon", "terms.txt", "--no-default-lexicons", "--passes", "known-variants"]


# --- side-output collisions ----------------------------------------------------------------------

EDITS_TARGETS = ["fresh", "input", "output", "lexicon", "existing", "placeholder", "symlink-to-input",
                 "dangling-symlink", "hard-link-to-input", "missing-folder", "folder"]
MODES = ["-o file", "-o folder", "--in-place", "--check", "--diff", "stdout"]


@CAMPAIGN
@given(st.sampled_from(EDITS_TARGETS), st.sampled_from(MODES), st.booleans(), st.integers(1, 3))
def test_side_output_collisions(target, mode, force, count):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        args = lexicon_args(folder)
        inputs = [f"in{i}.txt" for i in range(count)]
        for i, input_name in enumerate(inputs):
            (folder / input_name).write_text(f"第{i}段：{WRONG}发布了新模型。\n", "utf-8")
        if mode == "stdout" or mode == "-o file":
            inputs = inputs[:1]
        (folder / "keep.jsonl").write_text("precious\n", "utf-8")
        edits = {"fresh": "edits.jsonl", "input": inputs[0], "output": "out.txt" if mode == "-o file" else "out",
                 "lexicon": "terms.txt", "existing": "keep.jsonl", "placeholder": "empty.jsonl",
                 "symlink-to-input": "link.jsonl", "dangling-symlink": "dangling.jsonl",
                 "hard-link-to-input": "hard.jsonl", "missing-folder": "no/edits.jsonl", "folder": "sub"}[target]
        (folder / "empty.jsonl").touch()
        (folder / "link.jsonl").symlink_to(inputs[0])
        (folder / "dangling.jsonl").symlink_to("nowhere.jsonl")
        os.link(folder / inputs[0], folder / "hard.jsonl")
        (folder / "sub").mkdir()
        output = {"-o file": ["-o", "out.txt"], "-o folder": ["-o", "out"], "--in-place": ["--in-place"],
                  "--check": ["--check"], "--diff": ["--diff"], "stdout": []}[mode]
        before = snapshot(folder)
        result = invoke(folder, ["fix", *inputs, *args, *output, "--edits", edits, *(["--force"] if force else [])])
        after = snapshot(folder)

        protected = {"terms.txt", "link.jsonl", "dangling.jsonl", "sub"} | ({"keep.jsonl"} if not force else set())
        if mode != "--in-place":
            protected |= set(inputs) | {"hard.jsonl"}
        for key in protected:
            assert after.get(key) == before[key], key
        assert "nowhere.jsonl" not in after  # nothing written through the dangling symlink
        refused = target in {"input", "lexicon", "symlink-to-input", "dangling-symlink", "hard-link-to-input",
                             "missing-folder", "folder"} or (target == "existing" and not force) \
            or (target == "output" and mode.startswith("-o"))
        if refused:
            assert result.exit_code == 2, result.output
            assert "Error:" in result.stderr or "error:" in result.stderr
            assert after == before  # refused before anything was written
            return
        assert result.exit_code == (1 if mode == "--check" else 0), result.output
        records = [json.loads(line) for line in (folder / edits).read_text("utf-8").splitlines()]
        assert sorted(r["file"] for r in records) == sorted(inputs)
        assert {(r["original"], r["replacement"]) for r in records} == {(WRONG, RIGHT)}


LEXICON_TARGETS = ["fresh", "lexicon", "corpus", "existing", "placeholder", "symlink", "missing-folder", "folder"]


@CAMPAIGN
@given(st.sampled_from(LEXICON_TARGETS), st.sampled_from(["export", "suggest"]), st.booleans())
def test_lexicon_output_collisions(target, command, force):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        args = lexicon_args(folder)[:3]
        (folder / "talk.txt").write_text(f"{WRONG}发布了新模型。\n" * 3, "utf-8")
        (folder / "keep.csv").write_text("precious\n", "utf-8")
        (folder / "empty.csv").touch()
        (folder / "link.csv").symlink_to("keep.csv")
        (folder / "sub").mkdir()
        out = {"fresh": "out.csv", "lexicon": "terms.txt", "corpus": "talk.txt", "existing": "keep.csv",
               "placeholder": "empty.csv", "symlink": "link.csv", "missing-folder": "no/out.csv",
               "folder": "sub"}[target]
        argv = ["lexicon", "export", *args, "-o", out] if command == "export" else \
            ["lexicon", "suggest", "talk.txt", *args, "-o", out]
        before = snapshot(folder)
        result = invoke(folder, [*argv, *(["--force"] if force else [])])
        after = snapshot(folder)
        refused = target in {"lexicon", "symlink", "missing-folder", "folder"} \
            or (target in ("existing", "corpus") and not force) or (target == "corpus" and command == "suggest")
        if refused:
            assert result.exit_code == 2 and ("Error:" in result.stderr or "error:" in result.stderr), result.output
            assert after == before
            return
        assert result.exit_code == 0, result.output
        changed = {key for key in after if after[key] != before.get(key)}
        assert changed == {out}  # the output and nothing else
        assert (RIGHT if command == "export" else "kind,term") in (folder / out).read_text("utf-8")


# --- odd encodings -------------------------------------------------------------------------------

DETECTED = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030"]
OTHER = ["big5", "shift_jis", "euc_kr", "latin-1", "cp1252"]
OPTIONS = ["utf-8", "gb18030", "utf-16", "ascii", "latin-1", "big5", "rot13", "base64", "hex", "zlib",
           "bz2", "uu", "quopri", "klingon", "idna", "punycode", "unicode_escape", "raw_unicode_escape", "mbcs"]


@CAMPAIGN
@given(st.text(st.sampled_from("今天我们发布了新模型会议价格 abcXYZ,.!?\n"), max_size=40),
       st.sampled_from(DETECTED + OTHER), st.one_of(st.none(), st.none(), st.sampled_from(OPTIONS)),
       st.sampled_from(["fix", "diff", "review"]),
       st.sampled_from(["t.txt", "t.md", "t.srt", "t.json"]))
def test_odd_encodings(text, codec, option, command, name):
    if name == "t.srt":
        text = f"1\n00:00:01,000 --> 00:00:02,000\n{text.strip() or 'x'}{WRONG}\n"
    elif name == "t.json":
        text = json.dumps({"segments": [{"text": text + WRONG}]}, ensure_ascii=False)
    else:
        text = text + WRONG + "\n"
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
        codec = "utf-8"
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        args = lexicon_args(folder)
        (folder / name).write_bytes(data)
        encoding = ["--encoding", option] if option else []
        extra = {"fix": ["-o", "out/" + name], "diff": [], "review": ["--export", "r.csv"]}[command]
        if command == "review":
            args = args[:3]
        result = invoke(folder, [command, name, *args, *encoding, *extra])
        assert (folder / name).read_bytes() == data
        if result.exit_code != 0:
            assert "error:" in result.stderr or "Error:" in result.stderr, result.output
            assert no_output(folder)
            return
        if command != "fix" or option is not None or codec not in DETECTED:
            return
        # detected encodings are read right: the fix is made and the encoding kept
        expected = text.replace(WRONG, RIGHT).encode(codec)
        assert (folder / "out" / name).read_bytes() == expected


# --- non-files -----------------------------------------------------------------------------------

NON_FILES = ["folder named .txt", "dangling symlink", "device", "symlink to device", "socket"]


def make_non_file(folder: Path, kind: str) -> str:
    path = folder / "odd.txt"
    if kind == "folder named .txt":
        path.mkdir()
    elif kind == "dangling symlink":
        path.symlink_to(folder / "nowhere.txt")
    elif kind == "device":
        return "/dev/null"
    elif kind == "symlink to device":
        path.symlink_to("/dev/zero")
    else:
        import socket
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    return path.name


@CAMPAIGN
@given(st.sampled_from(NON_FILES), st.sampled_from(["fix", "fix --check", "diff", "review", "suggest"]),
       st.booleans())
def test_non_files_are_refused(kind, command, in_folder):
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        args = lexicon_args(folder)
        inputs = folder / "in"
        inputs.mkdir()
        (inputs / "good.txt").write_text(f"{WRONG}\n", "utf-8")
        odd = make_non_file(inputs, kind)
        odd = odd if odd.startswith("/") else f"in/{odd}"
        target = ["in"] if in_folder and command in ("fix", "fix --check", "diff") else [odd, "in/good.txt"]
        argv = {"fix": ["fix", *target, *args, "-o", "out"], "fix --check": ["fix", *target, *args, "--check"],
                "diff": ["diff", *target, *args], "review": ["review", *target, *args[:3], "--export", "r.csv"],
                "suggest": ["lexicon", "suggest", *target, *args[:3]]}[command]
        before = snapshot(inputs)
        result = invoke(folder, argv)
        assert snapshot(inputs) == before
        if result.exit_code != 0 and command != "fix --check":  # which exits 1 for the fix in good.txt
            assert "error:" in result.stderr or "Error:" in result.stderr, result.output
        if command == "fix --check" and result.exit_code != 2:
            assert "would fix in/good.txt" in result.stderr
        if kind in ("device", "symlink to device", "socket") and not in_folder:
            assert result.exit_code != 0  # never read as an (endless or empty) transcript
        if command == "fix" and result.exit_code != 2:
            assert (folder / "out" / "good.txt").read_text("utf-8") == f"{RIGHT}\n"  # the good file is done


@pytest.mark.parametrize("command", ["fix", "diff", "review", "suggest"])
def test_a_symlink_to_a_named_pipe_is_refused_without_waiting(tmp_path, command):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "pipe.txt").symlink_to(tmp_path / "pipe")
    args = lexicon_args(tmp_path)[:3]
    argv = {"fix": ["fix", "pipe.txt", *args, "-o", "out.txt"], "diff": ["diff", "pipe.txt", *args],
            "review": ["review", "pipe.txt", *args, "--export", "r.csv"],
            "suggest": ["lexicon", "suggest", "pipe.txt", *args]}[command]
    result = subprocess.run([CLI, *argv], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "error: pipe.txt: not a" in result.stderr
    assert "Traceback" not in result.stderr


# --- malformed subtitles and JSON ----------------------------------------------------------------

def timing(draw, comma: bool) -> str:
    sep = "," if comma else "."
    start = draw(st.integers(0, 5000))
    end = draw(st.integers(0, 5000))
    fmt = lambda ms: f"00:{ms // 60000:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"
    line = f"{fmt(start)} --> {fmt(end)}"
    damage = draw(st.sampled_from(["", "", "", "drop", "garble", "arrow", "settings"]))
    if damage == "drop":
        return ""
    if damage == "garble":
        return line.replace(":", draw(st.sampled_from([";", "", "::"])), 1)
    if damage == "arrow":
        return line.replace("-->", draw(st.sampled_from(["->", "-- >", "—>"])))
    if damage == "settings":
        return line + " align:start position:10%"
    return line


CUE_TEXT = st.sampled_from([WRONG, f"<i>{WRONG}</i>", f"{{\\an8}}{WRONG}说", "今天 &amp; 明天", "", "  ",
                            f"<v Bob>{WRONG}</v>", "NOTE 不是注释", "-->", "WEBVTT", "1", "😀"])


@st.composite
def subtitles(draw):
    vtt = draw(st.booleans())
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    blocks = []
    if vtt:
        blocks.append(draw(st.sampled_from(["WEBVTT", "WEBVTT - title", "WEBVTT\nKind: captions", "webvtt", ""])))
    for number in range(1, draw(st.integers(0, 4)) + 1):
        lines = [] if vtt and draw(st.booleans()) else [draw(st.sampled_from([str(number), "x", ""]))]
        lines.append(timing(draw, comma=not vtt))
        lines += draw(st.lists(CUE_TEXT, max_size=3))
        blocks.append("\n".join(line for line in lines if line is not None))
    gap = draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\n"]))
    text = gap.join(blocks) + draw(st.sampled_from(["", "\n"]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return ("t.vtt" if vtt else "t.srt"), bom + text.replace("\n", newline).encode()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.sampled_from([WRONG, "a\\/b"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["text", "id", "x"]), inner,
                                                                  max_size=3),
    max_leaves=8)


@st.composite
def whisper_documents(draw):
    segments = draw(st.lists(st.fixed_dictionaries(
        {"id": st.integers(0, 9)}, optional={"text": st.sampled_from([WRONG, f" {WRONG}说", "", 5, None, [WRONG]]),
                                             "words": JSON_VALUES}), max_size=3))
    document = draw(st.sampled_from(["object", "no segments", "segments not a list", "list", "scalar"]))
    value = {"object": {"segments": segments}, "no segments": {"text": WRONG},
             "segments not a list": {"segments": WRONG}, "list": [segments], "scalar": 5}[document]
    if document == "object" and draw(st.booleans()):
        value["text"] = "".join(s["text"] for s in segments if isinstance(s.get("text"), str))
    text = json.dumps(value, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))
    damage = draw(st.sampled_from(["", "", "truncate", "huge number", "deep", "lone surrogate", "trailing", "nan"]))
    if damage == "truncate":
        text = text[:draw(st.integers(0, len(text)))]
    elif damage == "huge number":
        text = text.replace('"id": 0', '"id": ' + "9" * 5000, 1)
    elif damage == "deep":
        text = '{"segments": [], "x": ' + "[" * 3000 + "]" * 3000 + "}"
    elif damage == "lone surrogate":
        text = text.replace(json.dumps(WRONG)[1:-1], json.dumps(WRONG)[1:-1] + "\\ud800")
    elif damage == "trailing":
        text += draw(st.sampled_from(["x", "{}", ","]))
    elif damage == "nan":
        text = text.replace('"id": 0', '"id": NaN', 1)
    name = draw(st.sampled_from(["t.json", "t.jsonl"]))
    if name == "t.jsonl":
        text = "\n".join(json.dumps(s, ensure_ascii=False) for s in segments) if not damage else text.replace("\n", "")
    return name, text.encode("utf-8", "surrogatepass")


def undo_fixes(data: bytes) -> bytes:
    escaped = lambda word: json.dumps(word)[1:-1].encode()
    return data.replace(RIGHT.encode(), WRONG.encode()).replace(escaped(RIGHT), escaped(WRONG))


@CAMPAIGN
@given(st.one_of(subtitles(), whisper_documents()), st.sampled_from(["fix", "diff", "review"]))
def test_malformed_subtitles_and_json(case, command):
    name, data = case
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        args = lexicon_args(folder)
        (folder / name).write_bytes(data)
        extra = {"fix": ["-o", "out/" + name, "--edits", "e.jsonl"], "diff": [], "review": ["--export", "r.csv"]}
        if command == "review":
            args = args[:3]
        result = invoke(folder, [command, name, *args, *extra[command]])
        assert (folder / name).read_bytes() == data
        if result.exit_code != 0:
            assert f"error: {name}" in result.stderr or f"Error: {name}" in result.stderr, result.output
            assert no_output(folder)
            return
        if command == "fix":
            out = (folder / "out" / name).read_bytes()
            assert undo_fixes(out) == data  # only 上汤 → 商汤, nothing else touched
            records = [json.loads(line) for line in (folder / "e.jsonl").read_text("utf-8").splitlines()]
            assert all((r["original"], r["replacement"]) == (WRONG, RIGHT) for r in records)
            assert bool(records) == (out != data)


# --- malformed review rows -----------------------------------------------------------------------

TALK = f"今天{WRONG}发布了新模型。\n"
ODD_VALUES = ["", "0", "-1", "-3", "1e400", "NaN", "inf", "1.5", "2.0", "two", "9" * 5000, True, None, [1],
              {"a": 1}, 10 ** 30, 3]


def review_row() -> dict:
    import hashlib
    return {"id": "", "file": "talk.txt", "line": 1, "column": 3, "original": WRONG, "replacement": RIGHT,
            "pass": "known-variants", "term": RIGHT, "score": 0.99, "reason": "", "decision": "accepted",
            "proposed": RIGHT, "context_before": "今天", "context_after": "发布了新模型。", "start": 2, "end": 4,
            "source_sha256": hashlib.sha256(TALK.encode()).hexdigest(), "format": "text", "encoding": "utf-8"}


@st.composite
def review_files(draw):
    """A review file of talk.txt's one fix, its values and shape damaged: (name, bytes, the rows)."""
    row = review_row()
    for key in draw(st.lists(st.sampled_from(["line", "column", "start", "end", "score", "original"]),
                             max_size=3, unique=True)):
        row[key] = draw(st.sampled_from(ODD_VALUES))
    row["decision"] = draw(st.sampled_from(["accepted", "accepted", "rejected", "y", "maybe", ""]))
    if draw(st.booleans()):  # the shape empty-original-end-before-start, which once duplicated text
        row.update(original="", start=draw(st.integers(0, 9)), end=draw(st.integers(-2, 9)))
    dropped = draw(st.sets(st.sampled_from(["decision", "original", "start", "end", "line", "id"]), max_size=2))
    row = {k: v for k, v in row.items() if k not in dropped}
    shape = draw(st.sampled_from(["csv", "jsonl", "jsonl not an object", "garbage xlsx"]))
    if shape == "csv":
        import csv
        import io
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
        return "review.csv", text.getvalue().encode("utf-8"), [row]
    if shape == "garbage xlsx":
        return "review.xlsx", draw(st.binary(max_size=200)), []
    line = json.dumps(row, ensure_ascii=False)
    extra = draw(st.sampled_from(["[1, 2]", "5", "null", '"row"', "{"])) if shape == "jsonl not an object" else ""
    return "review.jsonl", f"{line}\n{extra}\n".encode("utf-8"), [row]


def applied_as_row_says(out: str, rows: list) -> bool:
    """Whether ``out`` is talk.txt untouched, or with one row's original replaced at some offset where it is."""
    if out == TALK:
        return True
    for row in rows:
        original, replacement = str(row.get("original", "")), str(row.get("replacement", ""))
        for start in range(len(TALK) + 1):
            end = start + len(original)
            if TALK[start:end] == original and out == TALK[:start] + replacement + TALK[end:]:
                return True
    return False


@CAMPAIGN
@given(review_files(), st.sampled_from(["apply", "learn", "stats"]))
def test_malformed_review_rows(case, command):
    name, data, rows = case
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        (folder / "talk.txt").write_text(TALK, "utf-8")
        (folder / name).write_bytes(data)
        argv = {"apply": ["apply", name, "-o", "out.txt"], "learn": ["lexicon", "learn", name, "--to", "t.toml",
                                                                    "--yes"], "stats": ["review", "--stats", name]}
        before = snapshot(folder)
        result = invoke(folder, argv[command])
        after = snapshot(folder)
        assert all(after.get(key) == value for key, value in before.items())
        if result.exit_code != 0:
            assert result.exit_code == 1 and f"error: {name}" in result.stderr, result.output
            assert set(after) == set(before)  # nothing written
            return
        if command == "apply":
            assert applied_as_row_says((folder / "out.txt").read_text("utf-8"), rows), rows


# --- wrong lexicon value types -------------------------------------------------------------------

WRONG_TYPES = ["variants = [1, 2]", "variants = [true]", "variants = \"上汤\"", "text = 5", "context = \"x\"",
               "threshold = \"a\"", "threshold = nan", "threshold = 2", "aliases = [[1]]", "protected = [{a = 1}]",
               "kind = 3", "kind = \"nonsense\"", "variants = [\"上汤\", 1.5]", "context = [1970-01-01]"]


@CAMPAIGN
@given(st.sampled_from(WRONG_TYPES), st.sampled_from(["fix", "diff", "review", "suggest", "check"]),
       st.integers(0, 2))
def test_wrong_lexicon_value_types(value, command, good_terms):
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        (folder / "talk.txt").write_text(TALK, "utf-8")
        good = "".join(f'[[term]]\ntext = "词{i}"\n\n' for i in range(good_terms))
        key = value.split(" = ")[0]  # the wrong value replaces that key of an otherwise good term
        fields = {"text": f'"{RIGHT}"', "variants": f'["{WRONG}"]'}
        fields.pop(key, None)
        term = "[[term]]\n" + "".join(f"{k} = {v}\n" for k, v in fields.items())
        (folder / "w.toml").write_text(f"{good}{term}{value}\n", "utf-8")
        lexicon = ["--lexicon", "w.toml", "--no-default-lexicons"]
        argv = {"fix": ["fix", "talk.txt", *lexicon, "-o", "out.txt"], "diff": ["diff", "talk.txt", *lexicon],
                "review": ["review", "talk.txt", *lexicon, "--export", "r.csv"],
                "suggest": ["lexicon", "suggest", "talk.txt", *lexicon], "check": ["lexicon", "check", "w.toml"]}
        before = snapshot(folder)
        result = invoke(folder, argv[command])
        assert snapshot(folder) == before  # nothing written, nothing changed
        if command == "check":
            assert result.exit_code == 1 and "w.toml:" in result.output and "error:" in result.output, result.output
        else:
            assert result.exit_code == 2 and "Invalid value for --lexicon: w.toml:" in result.stderr, result.output


# --- long lines ----------------------------------------------------------------------------------

SENTENCES = [f"今天{WRONG}发布了新模型。", f"{WRONG}的合作方很多，", "我们讨论了价格。", "The API is ready. ", "😀"]


@settings(CAMPAIGN, max_examples=8)
@given(st.lists(st.sampled_from(range(len(SENTENCES))), min_size=5, max_size=40), st.booleans(),
       st.sampled_from(["t.txt", "t.md"]))
def test_long_lines(pattern, second_line, name):
    line = "".join(SENTENCES[i] for i in pattern)
    line = line * (50_000 // len(line) + 1)
    text = ("短行。\n" if second_line else "") + line + ("\n" if second_line else "")
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        args = lexicon_args(folder)
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        result = invoke(folder, ["fix", name, *args, "-o", "out/" + name, "--edits", "e.jsonl"])
        assert result.exit_code == 0, result.output
        assert (folder / name).read_bytes() == data
        assert (folder / "out" / name).read_bytes() == data.replace(WRONG.encode(), RIGHT.encode())
        records = [json.loads(r) for r in (folder / "e.jsonl").read_text("utf-8").splitlines()]
        assert len(records) == text.count(WRONG)
        lines = data.split(b"\n")
        for record in records:  # the record's place holds its original, byte for byte
            source_line = lines[record["line"] - 1].decode("utf-8")
            prefix = source_line[:record["column"] - 1].encode("utf-8")
            assert lines[record["line"] - 1][len(prefix):].startswith(record["original"].encode("utf-8"))
            assert record["original"] == WRONG


# --- review and apply side-output collisions -----------------------------------------------------

REVIEW_TARGETS = ["fresh", "transcript", "lexicon", "review file", "existing", "placeholder", "symlink-to-input",
                  "dangling-symlink", "hard-link-to-input", "missing-folder", "folder"]
REVIEW_OUTPUTS = ["review --export", "review --html", "apply -o", "apply --patch"]


@CAMPAIGN
@given(st.sampled_from(REVIEW_TARGETS), st.sampled_from(REVIEW_OUTPUTS), st.booleans())
def test_review_and_apply_output_collisions(target, output, force):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        args = lexicon_args(folder)[:3]
        (folder / "talk.txt").write_text(TALK, "utf-8")
        rows = [review_row()]
        (folder / "review.jsonl").write_text(json.dumps(rows[0], ensure_ascii=False) + "\n", "utf-8")
        ext = ".csv" if output == "review --export" else ".txt"  # an export's name must name its format
        (folder / f"keep{ext}").write_text("precious\n", "utf-8")
        (folder / f"empty{ext}").touch()
        (folder / "link.txt").symlink_to("talk.txt")
        (folder / "dangling.txt").symlink_to("nowhere.txt")
        os.link(folder / "talk.txt", folder / "hard.txt")
        (folder / "sub").mkdir()
        path = {"fresh": f"new{ext}", "transcript": "talk.txt", "lexicon": "terms.txt", "review file": "review.jsonl",
                "existing": f"keep{ext}", "placeholder": f"empty{ext}", "symlink-to-input": "link.txt",
                "dangling-symlink": "dangling.txt", "hard-link-to-input": "hard.txt",
                "missing-folder": f"no/new{ext}", "folder": "sub"}[target]
        command, option = output.split()
        argv = ["review", "talk.txt", *args, option, path] if command == "review" else \
            ["apply", "review.jsonl", option, path]
        before = snapshot(folder)
        result = invoke(folder, [*argv, *(["--force"] if force else [])])
        after = snapshot(folder)
        read = {"talk.txt", "hard.txt", "link.txt", "dangling.txt",
                "review.jsonl" if command == "apply" else "terms.txt"}
        other_input = "review file" if command == "apply" else "lexicon"  # the other is just an existing file
        refused = target in {"transcript", other_input, "symlink-to-input", "dangling-symlink", "hard-link-to-input"} \
            or (target in ("existing", "lexicon", "review file") and not force) \
            or (target in ("folder", "missing-folder") and option != "-o")  # -o, like fix's, makes its folders
        if refused:
            assert result.exit_code == 2 and ("error:" in result.stderr or "Error:" in result.stderr), result.output
            assert after == before
            return
        assert result.exit_code == 0, result.output
        assert all(after.get(key) == before[key] for key in read)
        assert "nowhere.txt" not in after
        written = f"{path}/talk.txt" if target == "folder" else path
        changed = {key for key in after if after[key] != before.get(key)}
        assert changed == {written}, changed
        if option == "-o":
            assert (folder / written).read_text("utf-8") == TALK.replace(WRONG, RIGHT)
